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
    // Posts of one template: another strong candidate with the top's tag and class (the
    // question's body and an answer's, two replies of a thread) is a sibling post, not
    // a competitor; their nearest common ancestor (short of `<body>`) is the thread.
    if top == ranked[0].0 {
        let sig = |id: NodeId| {
            let n = doc.node(id);
            (n.tag(), n.attr("class").unwrap_or(""))
        };
        let (tag, class) = sig(top);
        // A copy (the same text again, for another screen size) is not a sibling post.
        let mut top_text: Option<String> = None;
        let peers: Vec<NodeId> = ranked[1..]
            .iter()
            .filter(|(id, s)| {
                *s >= top_score * t::ALT_ANCESTOR_SHARE
                    && !class.trim().is_empty()
                    && sig(*id) == (tag, class)
                    && *top_text.get_or_insert_with(|| doc.text_of(top)) != doc.text_of(*id)
            })
            .map(|(id, _)| *id)
            .collect();
        if !peers.is_empty() {
            if let Some(anc) = doc
                .ancestors(top)
                .take_while(|&a| !matches!(doc.node(a).tag(), "body" | "html" | "#root"))
                .find(|&a| peers.iter().all(|&c| doc.ancestors(c).any(|x| x == a)))
            {
                top = anc;
            }
        }
    }
    // A code block is content, not the article container: a `pre` on top yields to its
    // scored parent (short of the page body, where a `pre` may be a plain-text page).
    // Without this, a page whose prose sits wholly in links (teaser cards, or a
    // misnested `<a>` the parser repeats into every paragraph) is won by its one code
    // block, whose text holds no link.
    if doc.node(top).tag() == "pre" {
        if let Some(p) = doc.node(top).parent {
            let tag = doc.node(p).tag();
            if !matches!(tag, "body" | "html" | "#root") && scores[p as usize].is_finite() {
                top = p;
            }
        }
    }
    // Readability's rising-score rule: walking up from the top candidate while the
    // ancestors keep at least a third of its score, an ancestor scoring above the one
    // below it gathers votes from other blocks of the same article (a data table, a
    // field wrapper that outvoted its article body).
    // (Not from an unscored container the shared-ancestor rule chose.)
    let threshold = scores[top as usize] * t::RISING_SCORE_FLOOR;
    let mut last = scores[top as usize];
    let levels = if last.is_finite() && last > 0.0 {
        t::RISING_SCORE_LEVELS
    } else {
        0
    };
    for a in doc.ancestors(top).take(levels) {
        if matches!(doc.node(a).tag(), "body" | "html" | "#root") {
            break;
        }
        let ps = scores[a as usize];
        if !ps.is_finite() {
            continue;
        }
        if ps < threshold {
            break;
        }
        if ps > last {
            top = a;
            break;
        }
        last = ps;
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

/// Weight of prose under each node: paragraph-like blocks (as scoring counts them) with
/// little link text, outside excluded furniture. One reverse pass over the arena.
pub fn prose_weights(doc: &Doc, st: &[NodeStats], excluded: &[bool]) -> Vec<u32> {
    let n = doc.nodes.len();
    let mut prose = vec![0u32; n];
    for id in (0..n).rev() {
        if excluded[id] {
            prose[id] = 0;
            continue;
        }
        let node = &doc.nodes[id];
        if node.is_element() {
            let s = &st[id];
            let tag = node.tag();
            let phrasing_only = matches!(
                tag,
                "a" | "span" | "em" | "strong" | "b" | "i" | "font" | "small" | "label"
            ) && !s.has_block_desc;
            let heading = matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
            let paragraph_like =
                s.inline_weight >= t::MIN_PARAGRAPH_WEIGHT && !heading && !phrasing_only;
            if paragraph_like && s.link_density() <= t::SIBLING_MAX_LINK_DENSITY {
                prose[id] = prose[id].saturating_add(s.inline_weight);
            }
        }
        if let Some(p) = node.parent {
            let v = prose[id];
            prose[p as usize] = prose[p as usize].saturating_add(v);
        }
    }
    prose
}

/// Articles split into many small sections (each paragraph in its own wrapper, the
/// sections deep in layout grids) can lose the vote to one dense block — a reference
/// list, a long caption box. When the chosen container holds less than
/// [`t::PROSE_CLIMB_BELOW`] of the page's prose, climb to the nearest ancestor that holds
/// at least [`t::PROSE_CLIMB_TARGET`] of it, unless that is `<body>` itself (then the
/// prose is spread over the page, and the vote stands).
pub fn climb_to_prose(doc: &Doc, top: NodeId, prose: &[u32]) -> NodeId {
    let total = prose[doc.body as usize] as f64;
    if total <= 0.0 || prose[top as usize] as f64 >= total * t::PROSE_CLIMB_BELOW {
        return top;
    }
    for a in doc.ancestors(top) {
        if a == doc.body || matches!(doc.node(a).tag(), "body" | "html" | "#root") {
            break;
        }
        if prose[a as usize] as f64 >= total * t::PROSE_CLIMB_TARGET {
            // Sections: the prose is spread over several children of the ancestor, not
            // one other block (a comment thread, a sidebar of teasers).
            let share = prose[a as usize] as f64 * t::PROSE_CLIMB_SECTION_SHARE;
            let sections = doc
                .node(a)
                .children
                .iter()
                .filter(|&&c| prose[c as usize] as f64 >= share)
                .count();
            return if sections >= t::PROSE_CLIMB_MIN_SECTIONS {
                a
            } else {
                top
            };
        }
    }
    top
}

#[cfg(test)]
mod tests {
    use crate::{extract, Options};

    /// Sections deep in layout wrappers, two short paragraphs each, lose the vote to a
    /// dense reference list next to them; the prose climb brings them back.
    #[test]
    fn sections_spread_over_wrappers_are_all_kept() {
        const P: &str = "explains one idea in a few sentences and a closing remark that makes it \
                         read like an article paragraph.";
        let section = |i: usize| {
            format!(
                "<div class=r><div class=c><div class=b><div class=x><h2>Part {i}</h2>\
                 <p>Section {i} {P}</p><p>More of part {i} {P}</p></div></div></div></div>"
            )
        };
        let refs: String = (0..5)
            .map(|i| {
                format!(
                    "<li>Reference {i}: Author A, Author B, Author C, Author D, Author E. A long \
                     title of a study, with commas, more commas, and a journal name, volume {i}, \
                     pages 1-20, 2020.</li>"
                )
            })
            .collect();
        let html = format!(
            "<html><head><title>Guide</title></head><body><main><h1>Guide</h1>{}\
             <div class=refs><ul>{refs}</ul></div></main><footer>x</footer></body></html>",
            (1..=6).map(section).collect::<String>()
        );
        let a = extract(&html, &Options::default()).expect("an article");
        let text = crate::render::to_text(&a);
        for i in 1..=6 {
            assert!(
                text.contains(&format!("Section {i} explains")),
                "section {i} missing:\n{text}"
            );
        }
    }

    /// The node whose `id` attribute is `v`.
    fn node_by_id(doc: &crate::dom::Doc, v: &str) -> crate::dom::NodeId {
        (0..doc.nodes.len())
            .find(|&i| doc.nodes[i].attr("id") == Some(v))
            .expect("id") as crate::dom::NodeId
    }

    /// A question's body and an answer's, one template (`post-body`), close in score: the
    /// thread holding both is the content, not the question alone. A copy of the same
    /// text (a mobile duplicate) is not a second post.
    #[test]
    fn posts_of_one_template_climb_to_the_thread() {
        let html = "<html><body><div id=main><div id=q><div id=qb class=post-body><p>Why does \
                    the lease fail?</p></div></div><div id=answers><div id=a1><div id=ab \
                    class=post-body><p>Because the zone is not signed.</p></div></div></div>\
                    </div><div id=side><div id=sb class=post-body><p>Why does the lease \
                    fail?</p></div></div></body></html>";
        let doc = crate::dom::Doc::parse(html, None, &crate::Limits::default()).expect("doc");
        let by_id = |v: &str| node_by_id(&doc, v);
        let mut scores = vec![f64::NEG_INFINITY; doc.nodes.len()];
        scores[by_id("qb") as usize] = 30.0;
        scores[by_id("ab") as usize] = 25.0;
        assert_eq!(super::top_candidate(&doc, &scores), Some(by_id("main")));
        // The duplicate in the sidebar holds the question's text: no climb for it.
        scores[by_id("ab") as usize] = f64::NEG_INFINITY;
        scores[by_id("sb") as usize] = 30.0;
        assert_eq!(super::top_candidate(&doc, &scores), Some(by_id("q")));
    }

    /// Readability's rising-score rule: above the top candidate, an ancestor scoring
    /// more than the one below it (while all keep a third of the top's score) wins.
    #[test]
    fn rising_score_climbs_to_the_article_body() {
        let html = "<html><body><div id=a><p>x</p><div id=b><p>u</p><div id=c><p>y</p><p>z</p>\
                    </div></div><p>w</p></div><div id=d><p>v</p></div></body></html>";
        let doc = crate::dom::Doc::parse(html, None, &crate::Limits::default()).expect("doc");
        let by_id = |v: &str| node_by_id(&doc, v);
        let mut scores = vec![f64::NEG_INFINITY; doc.nodes.len()];
        let (a, b, c, d) = (by_id("a"), by_id("b"), by_id("c"), by_id("d"));
        scores[c as usize] = 30.0;
        scores[b as usize] = 12.0;
        scores[a as usize] = 25.0;
        scores[d as usize] = 5.0;
        assert_eq!(super::top_candidate(&doc, &scores), Some(a));
        // Below a third of the top's score the walk stops.
        scores[b as usize] = 9.0;
        assert_eq!(super::top_candidate(&doc, &scores), Some(c));
    }
}
