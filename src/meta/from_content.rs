//! Metadata that only the chosen content can give, applied once the article is built:
//!
//! - **direction**: the `dir` of the content's nearest ancestor that declares one. A page
//!   may declare `ltr` on `<html>` and `rtl` on `<body>` or the `<main>` around the
//!   article; what the reader shows is the article, so its own context wins over the
//!   document's default.
//! - **excerpt** (when the page has no description): the article's first paragraph. A
//!   short one counts only when it is a sentence (`Lorem ipsum dolor sit amet.`), so a
//!   label or a kicker (`Advertisement`, `Analysis`) is skipped; when no top-level
//!   paragraph qualifies, the first one inside a list or quote is used.

use crate::dom::{Doc, NodeId};
use crate::model::Block;

use super::tunables::{EXCERPT_MIN_WEIGHT, EXCERPT_SENTENCE_MIN_WORDS};

/// `rtl`/`ltr` of the first content root or its nearest ancestor that declares one.
pub fn dir(doc: &Doc, roots: &[NodeId]) -> Option<&'static str> {
    let root = *roots.first()?;
    std::iter::once(root)
        .chain(doc.ancestors(root))
        .find_map(|id| {
            match doc
                .node(id)
                .attr("dir")?
                .trim()
                .to_ascii_lowercase()
                .as_str()
            {
                "rtl" => Some("rtl"),
                "ltr" => Some("ltr"),
                _ => None,
            }
        })
}

/// The excerpt fallback: the first paragraph that is substantial or a sentence.
pub fn excerpt(
    blocks: &[Block],
    inline_text: impl Fn(&[crate::model::Inline]) -> String,
) -> Option<String> {
    let usable = |content: &[crate::model::Inline]| {
        let t = crate::text::normalize_space(&inline_text(content));
        let weight = crate::text::TextStats::of(&t).weight();
        let sentence = crate::text::word_count(&t) >= EXCERPT_SENTENCE_MIN_WORDS
            && t.ends_with(crate::text::script::is_sentence_end);
        (weight >= EXCERPT_MIN_WEIGHT || sentence).then_some(t)
    };
    let top = blocks.iter().find_map(|b| match b {
        Block::Paragraph { content } => usable(content),
        _ => None,
    });
    top.or_else(|| first_nested(blocks, &usable))
}

/// Depth-first: the first usable paragraph inside lists and quotes (nesting is capped by
/// the model, so the recursion is shallow).
fn first_nested(
    blocks: &[Block],
    usable: &dyn Fn(&[crate::model::Inline]) -> Option<String>,
) -> Option<String> {
    blocks.iter().find_map(|b| match b {
        Block::Paragraph { content } => usable(content),
        Block::List { items, .. } => items.iter().find_map(|i| first_nested(&i.blocks, usable)),
        Block::Quote { blocks, .. } => first_nested(blocks, usable),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use crate::{extract, model::Dir, Options};

    const BODY: &str =
        "<p>Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod \
        tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud \
        exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>";

    fn page(html_attr: &str, main_attr: &str, first: &str) -> String {
        format!(
            "<html {html_attr}><head><title>T</title></head><body><main {main_attr}><article>\
             <h1>Lorem</h1>{first}{BODY}{BODY}{BODY}</article></main></body></html>"
        )
    }

    #[test]
    fn content_direction_beats_document_default() {
        let a =
            extract(&page("dir=\"ltr\"", "dir=\"rtl\"", ""), &Options::default()).expect("article");
        assert_eq!(a.dir, Some(Dir::Rtl));
        let a = extract(&page("dir=\"rtl\"", "", ""), &Options::default()).expect("article");
        assert_eq!(a.dir, Some(Dir::Rtl));
    }

    #[test]
    fn short_first_sentence_is_the_excerpt_a_label_is_not() {
        let a = extract(
            &page("", "", "<p>Lorem ipsum dolor sit amet.</p>"),
            &Options::default(),
        )
        .expect("article");
        assert_eq!(a.excerpt.as_deref(), Some("Lorem ipsum dolor sit amet."));
        let a = extract(&page("", "", "<p>Analysis</p>"), &Options::default()).expect("article");
        assert!(a
            .excerpt
            .is_some_and(|e| e.starts_with("Lorem ipsum dolor sit amet, consectetur")));
    }
}
