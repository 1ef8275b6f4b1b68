//! Photo credits at the end of captions: news templates print the picture agency right
//! after the caption text, in the same paragraph — `… hospital (Image: GETTY )`,
//! `… in Hanoi. (AP Photo/Hau Dinh)`, `… in Montecito. (Photo by Kevin Mazur/Getty
//! Images)`, `… the treatment Credit: EPA`, `… protest. Photograph: Jane Roe/Reuters`,
//! `… 2001 [File: Reuters]`. The caption tells the reader what the picture shows; the
//! credit is rights metadata, and reference texts of articles leave it out. The credit
//! is cut and the caption stays.
//!
//! Only the *end* of a paragraph or figure caption is looked at, and only a short tail
//! ([`t::CAPTION_CREDIT_MAX_CHARS`]) that starts with a credit label (`Image:`,
//! `Photo by`, `AP Photo`, `Credit:` …), bracketed or after the caption text. A paragraph
//! that is nothing but a credit is left to the boilerplate rules (a whole-credit line is
//! dropped there); a paragraph of prose that merely mentions a photo keeps its words,
//! because the label must open the tail and nothing of a sentence may follow it.

use crate::extract::tunables as t;
use crate::model::{Block, Inline};

/// Lower-cased labels that open a bracketed credit: `(Image: GETTY)`, `(AP Photo/…)`,
/// `(Photo by …)`, `[File: Reuters]`, `(Picture: PA)`.
const BRACKETED: &[&str] = &[
    "image:",
    "images:",
    "photo:",
    "photos:",
    "photo by ",
    "photo credit",
    "photo courtesy",
    "photograph:",
    "photograph by ",
    "picture:",
    "pictures:",
    "pic:",
    "credit:",
    "image credit",
    "file:",
    "file photo",
    "ap photo",
    "illustration:",
    "illustration by ",
];

/// Lower-cased labels that open an unbracketed credit after the caption text:
/// `… treatment Credit: EPA`, `… protest. Photograph: Jane Roe/Reuters`.
const BARE: &[&str] = &[
    "credit:",
    "image credit:",
    "photo credit:",
    "picture credit:",
    "photograph:",
    "photo:",
    "picture:",
    "image:",
];

/// Byte offset where a trailing credit starts in `s`, if `s` ends with one and has
/// caption text before it.
fn credit_start(s: &str) -> Option<usize> {
    let trimmed = s.trim_end();
    let low = trimmed.to_lowercase();
    // Lower-casing may change byte lengths (rare letters); offsets must agree.
    if low.len() != trimmed.len() {
        return None;
    }
    let start = bracketed(&low).or_else(|| bare(&low, trimmed))?;
    let head = trimmed[..start].trim_end();
    // Caption text must remain: at least a few words.
    (head.split_whitespace().count() >= 3).then_some(start)
}

/// `(label …)` or `[label …]` closing the text.
fn bracketed(low: &str) -> Option<usize> {
    let (open, close) = match low.chars().last()? {
        ')' => ('(', ')'),
        ']' => ('[', ']'),
        _ => return None,
    };
    let open_at = low.rfind(open)?;
    let inner = &low[open_at + 1..low.len() - close.len_utf8()];
    if inner.contains(close) || inner.chars().count() > t::CAPTION_CREDIT_MAX_CHARS {
        return None;
    }
    let inner = inner.trim_start();
    BRACKETED
        .iter()
        .any(|l| inner.starts_with(l))
        .then_some(open_at)
}

/// `label: Name/Agency` closing the text, after a space or glued to the caption's last
/// word with a capital (`treatmentCredit: EPA`, two elements whose text runs together).
/// `orig` is `low` before lower-casing (same byte offsets).
fn bare(low: &str, orig: &str) -> Option<usize> {
    BARE.iter()
        .filter_map(|l| {
            let at = low.rfind(l)?;
            // A label of its own: at the start of a word.
            let before = low[..at].chars().last()?;
            let glued = before.is_lowercase() && orig[at..].starts_with(char::is_uppercase);
            if !glued
                && !before.is_whitespace()
                && !matches!(before, '.' | ',' | ';' | '|' | '—' | '–')
            {
                return None;
            }
            let rest = low[at + l.len()..].trim();
            let ok = !rest.is_empty()
                && rest.chars().count() <= t::CAPTION_CREDIT_MAX_CHARS
                && rest.split_whitespace().count() <= 8
                // Names and agencies, not a sentence that goes on.
                && !rest.contains(['.', '!', '?', ':', ';']);
            ok.then_some(at)
        })
        .min()
}

/// Cut a trailing credit off the inline text of a paragraph or caption. Only a credit
/// inside the last text run is cut (a credit wrapped in a link or emphasis stays).
fn cut(content: &mut Vec<Inline>) -> bool {
    while matches!(content.last(), Some(Inline::Text { text }) if text.trim().is_empty()) {
        content.pop();
    }
    let Some(Inline::Text { text }) = content.last_mut() else {
        return false;
    };
    let Some(start) = credit_start(text) else {
        return false;
    };
    text.truncate(start);
    let keep = text.trim_end().len();
    text.truncate(keep);
    true
}

/// Cut trailing photo credits from paragraphs and figure captions; returns how many.
pub fn cut_caption_credits(blocks: &mut [Block]) -> usize {
    blocks
        .iter_mut()
        .filter_map(|b| match b {
            Block::Paragraph { content }
            | Block::Figure {
                caption: content, ..
            } => Some(cut(content)),
            _ => None,
        })
        .filter(|&c| c)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Text {
                text: s.to_string(),
            }],
        }
    }

    fn text(b: &Block) -> String {
        match b {
            Block::Paragraph { content } => super::super::post::inline_text(content),
            _ => String::new(),
        }
    }

    fn after(s: &str) -> String {
        let mut v = vec![p(s)];
        cut_caption_credits(&mut v);
        text(&v[0])
    }

    #[test]
    fn bracketed_credits_are_cut() {
        assert_eq!(
            after("China has warned they will cease control (Image: GETTY )"),
            "China has warned they will cease control"
        );
        assert_eq!(
            after("Defense ministers shake hands in Hanoi, Vietnam. (AP Photo/Hau Dinh)"),
            "Defense ministers shake hands in Hanoi, Vietnam."
        );
        assert_eq!(
            after("Two men pose for a photo at a residence. (Photo by Kevin Mazur/Getty Images for Ithaca)"),
            "Two men pose for a photo at a residence."
        );
        assert_eq!(
            after("Roughly 13,000 US troops remain in Afghanistan [File: Reuters]"),
            "Roughly 13,000 US troops remain in Afghanistan"
        );
    }

    #[test]
    fn bare_credits_are_cut() {
        assert_eq!(
            after("Patients wait for the new treatmentCredit: EPA"),
            "Patients wait for the new treatment",
            "glued to the caption by a capital"
        );
        assert_eq!(
            after("Patients wait for the new treatment Credit: EPA"),
            "Patients wait for the new treatment"
        );
        assert_eq!(
            after("Protesters march through the centre. Photograph: Jane Roe/Reuters"),
            "Protesters march through the centre."
        );
    }

    #[test]
    fn prose_is_kept() {
        for s in [
            "He said the photo: a blurred image of the lake, was taken in 1934. It was not.",
            "The company reported results (source: annual report, page 4 of the filing)",
            "Our reporters looked at the file: it was empty",
            "Credit: EPA",
            "Photo by Jane Roe",
            "We asked for credit: the bank said no, and we left the branch in a hurry.",
            "See the chart (image: left) for the numbers of the last three years in detail here",
        ] {
            assert_eq!(after(s), s, "{s}");
        }
    }
}
