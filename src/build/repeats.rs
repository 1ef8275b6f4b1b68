//! Repeated passages: templates print some blocks twice (a copy for small screens next to
//! the one for large screens, a variant's description once per variant, a teaser box
//! that quotes the lead), and forum posts quote earlier posts in full. A reader wants each
//! passage once: a long paragraph or quote whose text (spaces and case ignored) equals an
//! earlier one's is dropped.
//!
//! Only long passages count ([`MIN_WORDS`]): a short line repeats legitimately (a refrain,
//! a step's "Stir well."). And only copies that look printed twice: a quote of an earlier
//! passage, or a passage whose neighbour also repeats the first copy's neighbour (a run
//! of blocks, as a template's second version of a section is); one passage repeated
//! alone between other blocks may be the author's. Scope: top-level paragraphs, quotes
//! and headings, in document order; the later copy goes, so a forum reply keeps its own
//! words and loses the quote of a post the reader has just read.

use std::collections::HashMap;

use crate::model::Block;

use super::post::{inline_text, squash};

/// Passages shorter than this many words (`text::word_count`: one per CJK character)
/// may repeat.
const MIN_WORDS: usize = 15;

/// At most this many passages are remembered (bounds memory on huge threads; later
/// copies of forgotten passages are kept).
const MAX_REMEMBERED: usize = 5_000;

/// The text of a paragraph, or of the paragraphs of a quote.
fn passage(b: &Block) -> Option<String> {
    match b {
        Block::Paragraph { content } => Some(inline_text(content)),
        Block::Quote { blocks } => {
            let mut t = String::new();
            for inner in blocks {
                if let Block::Paragraph { content } = inner {
                    t.push_str(&inline_text(content));
                    t.push(' ');
                }
            }
            Some(t)
        }
        _ => None,
    }
}

/// Drop later copies of long passages; returns the dropped blocks (for `--explain`).
///
/// A copy goes when it is a quote, or when a neighbour copies the first copy's
/// neighbour too (a run of blocks printed twice: a section's desktop and mobile
/// versions). A lone passage repeated between other blocks (a refrain, filler text
/// under several headings) stays.
pub fn drop_repeats(blocks: &mut Vec<Block>) -> Vec<Block> {
    // Each block's passage text (paragraphs, quotes) and comparison key, made once.
    let texts: Vec<Option<String>> = blocks.iter().map(passage).collect();
    let keys: Vec<Option<String>> = blocks
        .iter()
        .zip(&texts)
        .map(|(b, t)| neighbour_key(b, t.as_deref()))
        .collect();
    // The headings each block sits under (indices, outermost first; at most six).
    let mut section: Vec<Vec<usize>> = Vec::with_capacity(blocks.len());
    let mut path: Vec<(u8, usize)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if let Block::Heading { level, .. } = b {
            while path.last().is_some_and(|&(l, _)| l >= *level) {
                path.pop();
            }
            path.push((*level, i));
        }
        section.push(path.iter().map(|&(_, h)| h).collect());
    }
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut drop = vec![false; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        let Some(text) = texts[i].as_deref() else {
            continue;
        };
        if crate::text::word_count(text) < MIN_WORDS {
            continue;
        }
        let Some(k) = keys[i].as_deref() else {
            continue;
        };
        let Some(&j) = first.get(k) else {
            if first.len() < MAX_REMEMBERED {
                first.insert(k, i);
            }
            continue;
        };
        let same_at = |x: Option<usize>, y: Option<usize>| match (x, y) {
            (Some(x), Some(y)) => keys[x].is_some() && keys[x] == keys[y] && keys[x] != keys[i],
            _ => false,
        };
        // The second version of a section sits under headings of its own with the same
        // texts all the way up (or neither is under a heading); a passage repeated under
        // another heading (`Plan B` › `Breakfast` of a meal plan) is the author's.
        let (a, z) = (&section[i], &section[j]);
        let same_section = a.len() == z.len()
            && a.last() != z.last()
            && a.iter().zip(z).all(|(&x, &y)| keys[x] == keys[y])
            || a.is_empty() && z.is_empty();
        let run = i > j + 1
            && same_section
            && (same_at(i.checked_sub(1), j.checked_sub(1))
                || same_at(Some(i + 1).filter(|&x| x < blocks.len()), Some(j + 1)));
        drop[i] = run || matches!(b, Block::Quote { .. });
    }
    let mut dropped = Vec::new();
    let mut kept = Vec::with_capacity(blocks.len());
    for (b, d) in blocks.drain(..).zip(drop) {
        if d {
            dropped.push(b);
        } else {
            kept.push(b);
        }
    }
    *blocks = kept;
    dropped
}

/// The comparison key of a block that can be part of a repeated run: paragraphs, quotes
/// (their `passage`) and headings of any length, without spaces, lower-cased.
fn neighbour_key(b: &Block, passage: Option<&str>) -> Option<String> {
    let k = match b {
        Block::Heading { content, .. } => squash(&inline_text(content)),
        _ => squash(passage?),
    };
    (!k.is_empty()).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::drop_repeats;
    use crate::model::{Block, Inline};

    fn para(s: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Text { text: s.into() }],
        }
    }

    fn heading(level: u8, s: &str) -> Block {
        Block::Heading {
            level,
            content: vec![Inline::Text { text: s.into() }],
        }
    }

    const LONG: &str = "The kettle boils one point seven litres in three minutes and switches \
                        itself off when the water is ready to pour";
    const MORE: &str = "Its handle stays cool to the touch and the lid opens with one press of \
                        a button placed right under the thumb";

    /// A section printed twice (desktop and mobile) loses its second copy; a quote of an
    /// earlier passage goes; short lines and a passage repeated alone stay.
    #[test]
    fn copies_of_sections_and_quotes_go() {
        let mut blocks = vec![
            heading(2, "Features"),
            para(LONG),
            para(MORE),
            para("Stir well."),
            heading(2, "Features"),
            para(LONG),
            para(&MORE.to_uppercase()),
            para("Stir well."),
            heading(2, "Replies"),
            Block::Quote {
                blocks: vec![para(LONG)],
            },
            para("A reply that says something new about the kettle."),
        ];
        let dropped = drop_repeats(&mut blocks);
        assert_eq!(
            dropped,
            vec![para(LONG), para(&MORE.to_uppercase()), {
                Block::Quote {
                    blocks: vec![para(LONG)],
                }
            }]
        );
        assert_eq!(blocks.len(), 8);
    }

    /// The same passage under other headings (a meal plan's second day, a test page's
    /// filler under each heading) or right after itself is the author's.
    #[test]
    fn an_authors_repeats_stay() {
        let mut blocks = vec![
            heading(2, "Plan A"),
            heading(3, "Breakfast"),
            para(LONG),
            para(MORE),
            heading(2, "Plan B"),
            heading(3, "Breakfast"),
            para(LONG),
            para(MORE),
            heading(2, "Filler"),
            para(LONG),
            para(LONG),
        ];
        assert!(drop_repeats(&mut blocks).is_empty());
        assert_eq!(blocks.len(), 11);
    }

    #[test]
    fn cjk_passages_count_characters() {
        let zh = "这款水壶三分钟就能烧开一点七升水并在水开后自动断电非常方便";
        let quote = |s: &str| Block::Quote {
            blocks: vec![para(s)],
        };
        let mut blocks = vec![para(zh), para("好的好的"), quote(zh), quote("好的好的")];
        assert_eq!(drop_repeats(&mut blocks), vec![quote(zh)]);
        assert_eq!(blocks.len(), 3);
    }
}
