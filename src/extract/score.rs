//! Candidate scoring: paragraph-like blocks vote for their ancestors.
//!
//! A paragraph's vote grows with its clause separators (script-aware: `，、。` count) and
//! its length, and goes to the parent in full, the grandparent in half and further
//! ancestors with a decaying share. Containers start from a tag prior and class/id
//! hints; the final score is discounted by link density.

use super::hints::{self, ClassHints};
use super::stats::NodeStats;
use super::tunables as t;
use crate::dom::{Doc, NodeId};

/// Flags that the retry loop relaxes one by one.
#[derive(Debug, Clone, Copy)]
pub struct Flags {
    pub strip_unlikely: bool,
    pub weight_classes: bool,
    pub clean_conditionally: bool,
}

impl Flags {
    pub const STRICT: Flags = Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
    };
}

/// Class/id weight of a node: ±`CLASS_WEIGHT` per positive/negative match.
pub fn class_weight(doc: &Doc, id: NodeId, flags: Flags) -> f64 {
    if !flags.weight_classes {
        return 0.0;
    }
    let h = doc.node(id).hints;
    let mut w = 0.0;
    // On a discussion page the replies are the content.
    if h.has(ClassHints::NEGATIVE) && !(doc.discussion && h.has(ClassHints::DISCUSSION)) {
        w -= t::CLASS_WEIGHT;
    }
    if h.has(ClassHints::POSITIVE) {
        w += t::CLASS_WEIGHT;
    }
    w
}

fn tag_prior(tag: &str) -> f64 {
    match tag {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" | "section" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// Furniture by tag or ARIA role alone (kept out even when the retry loop relaxes the
/// class/id hints).
pub fn is_structural_furniture(doc: &Doc, id: NodeId) -> bool {
    let n = doc.node(id);
    match n.tag() {
        "nav" | "aside" => true,
        "footer" => !doc
            .ancestors(id)
            .take(3)
            .any(|a| matches!(doc.node(a).tag(), "blockquote" | "figure")),
        _ => n.attr("role").is_some_and(hints::unlikely_role),
    }
}

/// Is this node excluded from scoring and content (furniture by tag, role or hint)?
/// (A `widget` class is furniture only when link-heavy: [`is_link_widget`].)
pub fn is_unlikely(doc: &Doc, id: NodeId) -> bool {
    let n = doc.node(id);
    let tag = n.tag();
    if matches!(
        tag,
        "body"
            | "html"
            | "article"
            | "main"
            | "#root"
            | "a"
            | "table"
            | "tbody"
            | "tr"
            | "td"
            | "th"
            | "pre"
            | "code"
    ) {
        return false;
    }
    if matches!(tag, "nav" | "aside") {
        return true;
    }
    if tag == "footer" {
        // A quote's or figure's own footer carries its attribution.
        return !doc
            .ancestors(id)
            .take(3)
            .any(|a| matches!(doc.node(a).tag(), "blockquote" | "figure"));
    }
    if n.attr("role").is_some_and(hints::unlikely_role) {
        return true;
    }
    let header =
        n.hints.has(ClassHints::HEADER) && !matches!(tag, "h2" | "h3" | "h4" | "h5" | "h6");
    (n.hints.has(ClassHints::UNLIKELY) || header)
        && !n.hints.has(ClassHints::MAYBE_CONTENT)
        && !(doc.discussion && n.hints.has(ClassHints::DISCUSSION))
}

/// A `widget` block (`ClassHints::WIDGET`) that is mostly links: a sidebar's list of
/// recent posts or featured stories. A page builder's text widget holding the article's
/// paragraphs is not (`elementor-widget`, `ck-widget`).
pub fn is_link_widget(doc: &Doc, id: NodeId, st: &[NodeStats]) -> bool {
    let n = doc.node(id);
    n.hints.has(ClassHints::WIDGET)
        && !n.hints.has(ClassHints::MAYBE_CONTENT)
        && !matches!(n.tag(), "body" | "html" | "article" | "main" | "#root")
        && st[id as usize].link_density() > t::WIDGET_MAX_LINK_DENSITY
}

/// Scores for every node (0 for nodes that are not candidates).
pub fn score(doc: &Doc, st: &[NodeStats], excluded: &[bool], flags: Flags) -> Vec<f64> {
    let n = doc.nodes.len();
    let mut score = vec![0.0f64; n];
    let mut initialized = vec![false; n];
    for id in 0..n {
        if excluded[id] {
            continue;
        }
        let node = &doc.nodes[id];
        if !node.is_element() {
            continue;
        }
        let s = &st[id];
        // A paragraph-like block: its inline text (direct text and phrasing children).
        let weight = s.inline_weight;
        let commas = s.inline_commas;
        if weight < t::MIN_PARAGRAPH_WEIGHT {
            continue;
        }
        let tag = node.tag();
        if matches!(
            tag,
            "a" | "span" | "em" | "strong" | "b" | "i" | "font" | "small" | "label"
        ) && !s.has_block_desc
        {
            // Phrasing elements are counted by their block parent.
            continue;
        }
        if matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            continue;
        }
        let mut vote = 1.0
            + commas as f64
            + (weight as f64 / 100.0)
                .floor()
                .min(t::LENGTH_BONUS_CAP * (1 + s.br_pairs) as f64);
        // Link-heavy "paragraphs" (menus written as text) vote weakly.
        if s.inline_weight > 0 {
            let ld = (s.link_weight as f64 / s.weight().max(1) as f64).min(1.0);
            vote *= 1.0 - ld;
        }
        // The node itself (its inline content is a paragraph inside it) and ancestors.
        let mut target = Some(id as NodeId);
        // A pure paragraph element votes for its parent (Readability's p → parent).
        if matches!(tag, "p" | "pre" | "td" | "blockquote" | "li" | "dd") || !s.has_block_child {
            target = node.parent;
        }
        let mut level = 0usize;
        while let Some(a) = target {
            if level >= t::SCORE_ANCESTOR_LEVELS {
                break;
            }
            let a_us = a as usize;
            if excluded[a_us] || doc.node(a).tag() == "#root" {
                break;
            }
            if !initialized[a_us] {
                initialized[a_us] = true;
                score[a_us] = tag_prior(doc.node(a).tag()) + class_weight(doc, a, flags);
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f64 * 3.0,
            };
            score[a_us] += vote / div;
            target = doc.node(a).parent;
            level += 1;
        }
    }
    for id in 0..n {
        if initialized[id] {
            score[id] *= 1.0 - st[id].link_density();
        } else {
            score[id] = f64::NEG_INFINITY;
        }
    }
    score
}

#[cfg(test)]
mod tests {
    use crate::{extract, Options};

    /// A forum thread whose replies carry a `comment` class: on a page that declares a
    /// `DiscussionForumPosting` they are the content; under an article they stay out.
    #[test]
    fn replies_are_content_on_a_declared_forum_thread() {
        let reply = |i: usize| {
            format!(
                "<div class=comment><p>Reply {i}: a small refractor is light enough to carry \
                 out every night, and a sturdy mount matters more than aperture, as everyone \
                 learns after a cold night of shaking views.</p></div>"
            )
        };
        let page = |ld: &str| {
            format!(
                "<html><head><title>First telescope?</title>{ld}</head><body><main>\
                 <h1>First telescope?</h1><div class=post>{}</div>\
                 <div class=comments>{}</div></main></body></html>",
                "<p>I am new to astronomy, and I would like to buy a first telescope, small, \
                 light, and cheap, for the garden, the balcony, and trips.</p>"
                    .repeat(6),
                (1..=6).map(reply).collect::<String>()
            )
        };
        let ld = "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\
                  \"@type\":\"DiscussionForumPosting\",\"headline\":\"First telescope?\"}\
                  </script>";
        let text = |html: String| {
            crate::render::to_text(&extract(&html, &Options::default()).expect("an article"))
        };
        let thread = text(page(ld));
        for i in 1..=6 {
            assert!(
                thread.contains(&format!("Reply {i}:")),
                "reply {i}:\n{thread}"
            );
        }
        let article = text(page(""));
        assert!(!article.contains("Reply 1:"), "{article}");
    }
}
