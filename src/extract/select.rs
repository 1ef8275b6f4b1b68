//! Choosing the article container: the top-scoring candidate, moved up when several
//! strong candidates share an ancestor, plus the siblings that belong with it.

use super::score::{class_weight, Flags};
use super::stats::NodeStats;
use super::tunables as t;
use crate::dom::{Doc, NodeId};
use crate::text::is_sentence_end;

/// Pick the top candidate; `None` when nothing scored.
pub fn top_candidate(doc: &Doc, scores: &[f64]) -> Option<NodeId> {
    let mut ranked: Vec<(NodeId, f64)> = scores
        .iter()
        .enumerate()
        .filter(|(_, s)| s.is_finite())
        .map(|(i, s)| (i as NodeId, *s))
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked.truncate(5);
    let &(mut top, top_score) = ranked.first()?;
    // Several strong candidates under one ancestor: the ancestor is the article.
    let strong: Vec<NodeId> = ranked[1..]
        .iter()
        .filter(|(_, s)| *s >= top_score * t::ALT_ANCESTOR_SHARE)
        .map(|(id, _)| *id)
        .collect();
    if strong.len() >= t::ALT_ANCESTOR_MIN {
        for anc in doc.ancestors(top) {
            if doc.node(anc).tag() == "body" || doc.node(anc).tag() == "#root" {
                break;
            }
            let shared = strong
                .iter()
                .filter(|&&c| doc.ancestors(c).any(|a| a == anc))
                .count();
            if shared >= t::ALT_ANCESTOR_MIN {
                top = anc;
                break;
            }
        }
    }
    // Climb while the parent is an equally good (or better) container, or while we are
    // the only child.
    let mut last = scores[top as usize];
    while let Some(p) = doc.node(top).parent {
        let tag = doc.node(p).tag();
        if tag == "body" || tag == "#root" || tag == "html" {
            break;
        }
        let element_children = doc
            .node(p)
            .children
            .iter()
            .filter(|&&c| doc.node(c).is_element())
            .count();
        let ps = scores[p as usize];
        if element_children == 1
            || (ps.is_finite() && ps > last && ps >= scores[top as usize] * 0.9)
        {
            top = p;
            if ps.is_finite() {
                last = ps;
            }
        } else {
            break;
        }
    }
    Some(top)
}

/// The top candidate and the siblings that belong with it, in document order.
pub fn with_siblings(
    doc: &Doc,
    top: NodeId,
    scores: &[f64],
    st: &[NodeStats],
    excluded: &[bool],
    flags: Flags,
    title: Option<&str>,
) -> Vec<NodeId> {
    let Some(parent) = doc.node(top).parent else {
        return vec![top];
    };
    let top_score = scores[top as usize].max(0.0);
    let threshold = t::SIBLING_MIN_SCORE.max(top_score * t::SIBLING_SCORE_SHARE);
    let top_class = doc.node(top).attr("class").unwrap_or("").to_string();
    let mut out = Vec::new();
    let mut seen_top = false;
    for &s in &doc.node(parent).children {
        if s == top {
            seen_top = true;
            out.push(s);
            continue;
        }
        let sn = doc.node(s);
        if !sn.is_element() || excluded[s as usize] {
            continue;
        }
        // The article's header block (headline, kicker, info line) before the body is
        // metadata, not content.
        if !seen_top && is_header_block(doc, s, st, title) {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && sn.attr("class") == Some(top_class.as_str()) {
            bonus += top_score * 0.2;
        }
        // Figures next to the article (lead image with its caption) belong to it.
        let sst = &st[s as usize];
        if (sn.tag() == "figure"
            || (sst.images > 0 && sst.images <= 2 && sst.weight() < 300 && is_lead_art(doc, s)))
            && sst.link_density() < 0.3
            && !super::score::is_unlikely(doc, s)
        {
            out.push(s);
            continue;
        }
        let sc = scores[s as usize];
        if sc.is_finite() && sc + bonus >= threshold {
            out.push(s);
            continue;
        }
        let _ = class_weight;
        let _ = flags;
        if matches!(sn.tag(), "p") || (!st[s as usize].has_block_child && sn.tag() == "div") {
            let w = st[s as usize].weight();
            let ld = st[s as usize].link_density();
            if w > t::SIBLING_PARAGRAPH_WEIGHT && ld < t::SIBLING_MAX_LINK_DENSITY {
                out.push(s);
            } else if w > 0 && w <= t::SIBLING_PARAGRAPH_WEIGHT && ld == 0.0 {
                let text = doc.text_of(s);
                if text.trim_end().chars().last().is_some_and(is_sentence_end) {
                    out.push(s);
                }
            }
        }
    }
    out
}

/// A block holding the page's headline (h1, or a heading equal to the title) with little
/// other text.
fn is_header_block(doc: &Doc, id: NodeId, st: &[NodeStats], title: Option<&str>) -> bool {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase()
    };
    let title = title.map(squash);
    let Some(h) = doc.descendants(id).find(|&d| {
        let tag = doc.node(d).tag();
        tag == "h1"
            || (matches!(tag, "h2" | "h3")
                && title
                    .as_deref()
                    .is_some_and(|t| !t.is_empty() && squash(&doc.text_of(d)) == t))
    }) else {
        return false;
    };
    st[id as usize]
        .weight()
        .saturating_sub(st[h as usize].weight())
        < 300
}

/// An image block beside the article: images not wrapped in links (avatars and teasers
/// are), and no avatar/logo/icon hint on the block or its images.
fn is_lead_art(doc: &Doc, id: NodeId) -> bool {
    let hint = |n: &crate::dom::Node| {
        n.hints.has(crate::dom::ClassHints::PORTRAIT)
            || n.attr("alt")
                .is_some_and(|a| a.contains("头像") || a.to_lowercase().contains("avatar"))
    };
    if hint(doc.node(id)) {
        return false;
    }
    for d in doc.descendants(id) {
        let n = doc.node(d);
        if n.tag() == "img"
            && (hint(n)
                || doc
                    .ancestors(d)
                    .take_while(|&a| a != id)
                    .any(|a| doc.node(a).tag() == "a"))
        {
            return false;
        }
    }
    true
}
