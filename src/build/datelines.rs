//! Dateline rows: templates print the publication metadata as a line of its own just
//! above or under the story — `Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019
//! 8:02 am ET`, `First Published: Tuesday, November 19, 2019 08:38 AM`, `By Jane Roe -
//! 11/18/19 11:04 PM EST`, `05/10/2018 - Publicado por: Jane Roe - Categoria: Saúde`.
//! The date belongs in the article's metadata, not in its text.
//!
//! A top-level paragraph is such a row when it is short
//! ([`t::DATELINE_MAX_CHARS`]), holds a recognisable date, and a metadata label
//! (`updated`, `published`, `posted`, `by` …) opens it within its first words. Only the
//! first [`t::DATELINE_LEAD_BLOCKS`] blocks and the last [`t::DATELINE_TAIL_BLOCKS`] are
//! looked at: in the middle of a story a short line with a date is the author's.

use super::post::inline_text;
use crate::extract::tunables as t;
use crate::model::Block;

/// Lower-cased labels of publication metadata, looked for at a word start in the first
/// [`LABEL_WITHIN`] bytes of the line.
const LABELS: &[&str] = &[
    "updated",
    "published",
    "posted",
    "last modified",
    "by ",
    "publicado",
    "atualizado",
    "actualizado",
    "publié",
    "mis à jour",
    "veröffentlicht",
    "aktualisiert",
    "pubblicato",
    "aggiornato",
];

/// How far into the line (bytes) a label may start (`05/10/2018 - Publicado por:`).
const LABEL_WITHIN: usize = 24;

fn is_dateline(b: &Block) -> bool {
    let Block::Paragraph { content } = b else {
        return false;
    };
    let text = crate::text::normalize_space(&inline_text(content));
    if text.chars().count() > t::DATELINE_MAX_CHARS {
        return false;
    }
    let low = text.to_lowercase();
    let labelled = LABELS.iter().any(|l| {
        low.match_indices(l).any(|(at, _)| {
            let before = &low[..at];
            // Nothing of a sentence before it: a date, or one word (`First published`).
            let words = before
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count();
            at <= LABEL_WITHIN && words <= 1 && !before.ends_with(char::is_alphanumeric)
        })
    });
    // A row of metadata, not a sentence (`… p.m.` is a time).
    // A line ending with a colon introduces what follows (`Posted on … on 2025-07-09:`).
    let sentence = (low.ends_with('.') && !low.ends_with("m.")) || low.ends_with([':', '：']);
    labelled && !sentence && crate::meta::date::normalize(&text, None).is_some()
}

/// Drop dateline rows near the start and the end; returns the dropped blocks.
pub fn drop_datelines(blocks: &mut Vec<Block>) -> Vec<Block> {
    let n = blocks.len();
    let mut dropped = Vec::new();
    let mut kept = Vec::with_capacity(n);
    for (i, b) in blocks.drain(..).enumerate() {
        let near = i < t::DATELINE_LEAD_BLOCKS || i + t::DATELINE_TAIL_BLOCKS >= n;
        if near && n > 1 && is_dateline(&b) {
            dropped.push(b);
        } else {
            kept.push(b);
        }
    }
    *blocks = kept;
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Inline;

    fn p(s: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Text { text: s.into() }],
        }
    }

    fn prose() -> Block {
        p("A sentence of ordinary prose, with a clause, long enough to be the story.")
    }

    #[test]
    fn metadata_rows_go() {
        for row in [
            "Updated Nov. 19, 2019 8:21 am ET / Original Nov. 19, 2019 8:02 am ET",
            "First Published: Tuesday, November 19, 2019 08:38 AM",
            "By Jane Roe | November 18, 2019 11:04 PM EST",
            "2018-10-05 - Publicado por: Jane Roe - Categoria: Saúde",
        ] {
            let mut blocks = vec![p(row), prose(), prose(), prose(), prose(), prose(), prose()];
            assert_eq!(drop_datelines(&mut blocks).len(), 1, "{row}");
        }
    }

    #[test]
    fn prose_with_dates_stays() {
        let mut blocks = vec![
            p("The report was published on March 3, 2019, and found nothing new."),
            p("Posters went up across the city on May 1, 2019."),
            p("Posted on the association's forum on 2025-07-09:"),
            prose(),
            prose(),
            prose(),
            prose(),
            p("By March 3, 2019, the company had published its report."),
            prose(),
            prose(),
        ];
        let n = blocks.len();
        assert!(drop_datelines(&mut blocks).is_empty());
        assert_eq!(blocks.len(), n);
    }
}
