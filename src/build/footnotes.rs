//! Footnotes: references (`<sup><a href="#fn1">1</a></sup>`, `role=doc-noteref`,
//! Wikipedia's `cite_note`) become `FootnoteRef`s and the notes list (`div.footnotes`,
//! `role=doc-endnotes`) becomes `Footnote` blocks, so Markdown gets `[^1]` and
//! `[^1]: …` instead of stray numbers and `↩` back-links.

use crate::dom::{Doc, NodeId};
use crate::text::scan::strip_prefix_ci;

/// Label for a note id: letters, digits, `-` and `_` only (safe in `[^label]`).
pub fn sanitize(label: &str) -> String {
    let s: String = label
        .trim()
        .trim_matches(|c| c == '[' || c == ']')
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    s.trim_matches('-').to_string()
}

/// If `id` is a footnote reference link, return (target fragment, visible label).
pub fn reference(doc: &Doc, id: NodeId) -> Option<(String, String)> {
    let n = doc.node(id);
    let a = if n.tag() == "a" {
        id
    } else {
        // `<sup>` wrapping exactly one link.
        let links: Vec<NodeId> = doc
            .descendants(id)
            .filter(|&d| doc.node(d).tag() == "a")
            .take(2)
            .collect();
        if links.len() != 1 {
            return None;
        }
        links[0]
    };
    let an = doc.node(a);
    let href = an.attr("href")?.trim();
    let frag = href.strip_prefix('#')?;
    let text = crate::text::normalize_space(&doc.text_of(if n.tag() == "a" { a } else { id }));
    if text.is_empty() || text.chars().count() > 6 {
        return None;
    }
    // A note-like fragment: `fn…`, `footnote…`, `note…`, `cite_note…`, `ftn…`, `en…`.
    let looks = |frag: &str| {
        [
            "fn",
            "footnote",
            "note",
            "cite_note",
            "cite-note",
            "ftn",
            "endnote",
            "en",
        ]
        .iter()
        .any(|p| strip_prefix_ci(frag, p).is_some())
    };
    let class = an.attr("class").unwrap_or("").to_ascii_lowercase();
    let flagged = an.attr("role") == Some("doc-noteref")
        || an.attr("rel").is_some_and(|r| r.contains("footnote"))
        || class.contains("footnote")
        || looks(frag);
    if !flagged {
        return None;
    }
    let label = sanitize(&text);
    (!label.is_empty()).then(|| (frag.to_string(), label))
}

/// Is `id` the container of footnote definitions?
pub fn is_notes_container(doc: &Doc, id: NodeId) -> bool {
    let n = doc.node(id);
    if !matches!(n.tag(), "div" | "section" | "ol" | "aside" | "footer") {
        return false;
    }
    if n.attr("role") == Some("doc-endnotes") {
        return true;
    }
    n.hints.has(crate::dom::ClassHints::NOTES)
        && doc.descendants(id).any(|d| doc.node(d).tag() == "li")
}

/// Is `id` a back-link from a note to its reference (`↩`)?
pub fn is_backlink(doc: &Doc, id: NodeId) -> bool {
    let n = doc.node(id);
    if n.tag() != "a" {
        return false;
    }
    let class = n.attr("class").unwrap_or("").to_ascii_lowercase();
    if n.attr("role") == Some("doc-backlink")
        || class.contains("footnote-back")
        || class.contains("reversefootnote")
    {
        return true;
    }
    let t = doc.text_of(id);
    n.attr("href").is_some_and(|h| h.starts_with('#'))
        && matches!(t.trim(), "↩" | "↩︎" | "↑" | "^" | "⤴")
}

/// The note items of a notes container: `li` elements of its first list.
pub fn items(doc: &Doc, id: NodeId) -> Vec<NodeId> {
    let list = if doc.node(id).tag() == "ol" {
        Some(id)
    } else {
        doc.descendants(id)
            .find(|&d| matches!(doc.node(d).tag(), "ol" | "ul"))
    };
    let Some(list) = list else { return Vec::new() };
    doc.node(list)
        .children
        .iter()
        .copied()
        .filter(|&c| doc.node(c).tag() == "li")
        .collect()
}
