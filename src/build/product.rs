//! A product's description from its structured data. Shops often render the
//! description with a script (a tab filled from embedded state, a web component), so the
//! page's own text may lack it while the JSON-LD `Product.description` holds it — the
//! one paragraph a reader of a product page came for. When most of its words are not in
//! the extracted text, it is put first, as plain paragraphs; when the page shows it, the
//! page's own version (with its formatting) stands alone.
//!
//! One pass over the article's text (a word set), one over the description.

use crate::extract::tunables as t;
use crate::model::{Block, Inline};
use std::collections::HashSet;

/// Lower-cased words (letters and digits) of a text.
fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The description's text without markup (some shops put HTML in it).
fn plain(desc: &str) -> String {
    let mut out = String::with_capacity(desc.len());
    let mut in_tag = false;
    for c in desc.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push('\n');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Paragraphs of the description to put before `blocks`, or none when the article's
/// text (`text`) already holds most of its words or the description is too short to be
/// more than a tagline.
pub fn missing_description(desc: &str, text: &str) -> Vec<Block> {
    let desc = plain(desc);
    let dw: Vec<String> = words(&desc).collect();
    if dw.len() < t::PRODUCT_DESCRIPTION_MIN_WORDS {
        return Vec::new();
    }
    let have: HashSet<String> = words(text).collect();
    let found = dw.iter().filter(|w| have.contains(*w)).count();
    if found as f64 >= dw.len() as f64 * t::PRODUCT_DESCRIPTION_SHOWN_SHARE {
        return Vec::new();
    }
    desc.lines()
        .map(crate::text::normalize_space)
        .filter(|l| !l.is_empty())
        .map(|l| Block::Paragraph {
            content: vec![Inline::Text { text: l }],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::missing_description;

    const DESC: &str = "Keep your day's gear within easy reach in the Trail 25 pack.<br>It \
                        fits a wide range of body types and has pockets galore for quick \
                        access to all your essentials.";

    #[test]
    fn a_description_missing_from_the_page_is_added() {
        let blocks = missing_description(DESC, "Add to cart\nReviews (12)\nSize: S M L");
        assert_eq!(blocks.len(), 2, "{blocks:?}");
    }

    #[test]
    fn a_description_the_page_shows_is_not_repeated() {
        let page = "Keep your day’s gear within easy reach in the Trail 25 pack. It fits a \
                    wide range of body types and has pockets galore for quick access to all \
                    your essentials.\nAdd to cart";
        assert!(missing_description(DESC, page).is_empty());
        // A tagline is not a description.
        assert!(missing_description("Soft. Warm. Yours.", "Add to cart").is_empty());
    }
}
