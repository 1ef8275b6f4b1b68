//! Link inserts: news templates drop links to other articles between the paragraphs of
//! a story — a headline in capitals that is one link (`SEAN SPICER ELIMINATED FROM …`),
//! or a stack of links one per line under a label (`DON'T MISS` / `Read more`). In the
//! page they sit in the same container as the story, so selection keeps them; a reader
//! sees them as interruptions, and no benchmark counts them as the article.
//!
//! A top-level paragraph is an insert when
//! - it is (almost) all link text, in capitals, and at least three words long — prose is
//!   not set in capitals, and a linked line in capitals is a headline; or
//! - it holds two or more links on separate lines that make up most of its text, under a
//!   label (`DON'T MISS`, `Related:`: at most four words, no link, in capitals or ending
//!   with a colon) — without the label such a stack may be the author's own resources.
//!
//! - its lines (two or more) are teaser headlines that each end with a kind tag in
//!   capitals (`… after eating marmot [INSIGHT]`, `… final decision [VIDEO]`), links or
//!   not (templates often print them as bold text), with at most a label line above
//!   them (`DON'T MISS`) — the tag names the kind of the other story, which no sentence
//!   of the story itself ends with.
//!
//! The label goes with the insert. Paragraphs with ordinary prose around a link are never
//! touched, and neither are lists (`<ul>` of links is furniture for the container cleaner
//! to judge, with its own evidence).

use crate::model::{Block, Inline};

/// Counts over a paragraph's text.
#[derive(Default, Debug)]
pub(super) struct Counts {
    pub chars: usize,
    pub link_chars: usize,
    pub links: usize,
    pub breaks: usize,
    pub cased: usize,
    pub upper: usize,
    pub words: usize,
}

pub(super) fn counts(content: &[Inline]) -> Counts {
    let mut c = Counts::default();
    // (inline, inside a link)
    let mut stack: Vec<(&Inline, bool)> = content.iter().rev().map(|i| (i, false)).collect();
    while let Some((i, in_link)) = stack.pop() {
        match i {
            Inline::Text { text } | Inline::Code { text } => {
                for ch in text.chars().filter(|c| !c.is_whitespace()) {
                    c.chars += 1;
                    if in_link {
                        c.link_chars += 1;
                    }
                    if ch.is_lowercase() {
                        c.cased += 1;
                    } else if ch.is_uppercase() {
                        c.cased += 1;
                        c.upper += 1;
                    }
                }
                c.words += text.split_whitespace().count();
            }
            Inline::LineBreak => c.breaks += 1,
            Inline::Link { content, .. } => {
                c.links += 1;
                stack.extend(content.iter().rev().map(|x| (x, true)));
            }
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Superscript { content }
            | Inline::Subscript { content } => {
                stack.extend(content.iter().rev().map(|x| (x, in_link)));
            }
            Inline::Math { .. } | Inline::Image(_) | Inline::FootnoteRef { .. } => {}
        }
    }
    c
}

/// What kind of insert a paragraph is, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Insert {
    /// One linked headline in capitals: an insert wherever it stands.
    Headline,
    /// Links one per line: an insert only under a label (`DON'T MISS`, `Related:`);
    /// without one it may be the author's own list of resources.
    LinkStack,
    /// Teaser headlines one per line, each ending with a kind tag (`[VIDEO]`): an insert
    /// wherever it stands.
    TaggedStack,
}

/// A kind tag closing a teaser line: `[INSIGHT]`, `[VIDEO]`, `[PICTURES]` (capitals,
/// one or two words), optionally followed by a separator (`|`).
fn ends_with_kind_tag(line: &str) -> bool {
    let l = line.trim_end_matches(|c: char| c.is_whitespace() || c == '|');
    let Some(inner) = l.strip_suffix(']').and_then(|x| x.rsplit_once('[')) else {
        return false;
    };
    let (head, tag) = inner;
    let letters = tag.chars().filter(|c| c.is_alphabetic()).count();
    head.split_whitespace().count() >= 3
        && letters >= 3
        && tag.split_whitespace().count() <= 2
        && tag.chars().all(|c| c.is_uppercase() || c == ' ')
}

/// Lines of teaser headlines with kind tags, under at most one label line.
fn is_tagged_stack(content: &[Inline]) -> bool {
    let text = super::post::inline_text(content);
    let lines: Vec<&str> = text
        .split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let tagged = lines.iter().filter(|l| ends_with_kind_tag(l)).count();
    let label_only_untagged = tagged + 1 == lines.len()
        && !ends_with_kind_tag(lines[0])
        && lines[0].split_whitespace().count() <= 4;
    tagged >= 2 && (tagged == lines.len() || label_only_untagged)
}

fn insert_kind(content: &[Inline]) -> Option<Insert> {
    if is_tagged_stack(content) {
        return Some(Insert::TaggedStack);
    }
    let c = counts(content);
    if c.links == 0 || c.chars == 0 {
        return None;
    }
    let linked = c.link_chars as f64 / c.chars as f64;
    if linked >= 0.95 && capitals(&c) && c.words >= 3 {
        return Some(Insert::Headline);
    }
    (c.links >= 2 && c.breaks + 1 >= c.links && linked >= 0.7).then_some(Insert::LinkStack)
}

fn capitals(c: &Counts) -> bool {
    c.cased >= 8 && c.upper as f64 >= 0.9 * c.cased as f64
}

/// A label line: short, no link, in capitals or ending with a colon.
fn is_label(b: &Block) -> bool {
    let Block::Paragraph { content } = b else {
        return false;
    };
    let c = counts(content);
    let text = super::post::inline_text(content);
    let t = text.trim();
    c.links == 0
        && c.chars > 0
        && c.chars <= 30
        && c.words <= 4
        && (capitals(&c) || t.ends_with(':') || t.ends_with('：'))
}

/// Drop link inserts (and their labels); returns the dropped blocks.
pub fn drop_link_inserts(blocks: &mut Vec<Block>) -> Vec<Block> {
    let mut dropped = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let kind = match &blocks[i] {
            Block::Paragraph { content } => insert_kind(content),
            _ => None,
        };
        let labelled = i > 0 && is_label(&blocks[i - 1]);
        match kind {
            Some(Insert::Headline | Insert::LinkStack | Insert::TaggedStack) if labelled => {
                dropped.push(blocks.remove(i));
                dropped.push(blocks.remove(i - 1));
                i -= 1;
            }
            Some(Insert::Headline | Insert::TaggedStack) => {
                dropped.push(blocks.remove(i));
            }
            _ => i += 1,
        }
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::test_blocks::{link, p, t};

    #[test]
    fn capital_headline_links_and_link_stacks_go_with_their_label() {
        let mut blocks = vec![
            p(vec![t(
                "The story starts with a sentence of ordinary prose.",
            )]),
            p(vec![Inline::Strong {
                content: vec![link("SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'")],
            }]),
            p(vec![
                t("The story goes on, and links to "),
                link("a source"),
                t(" in passing."),
            ]),
            p(vec![Inline::Strong {
                content: vec![t("DON'T MISS")],
            }]),
            p(vec![
                link("China furious at Macron for Hong Kong protest jibe"),
                t(" [INSIGHT]"),
                Inline::LineBreak,
                link("Lakers vs Nets: NBA make final decision on game"),
                t(" [VIDEO]"),
            ]),
            p(vec![t("And it ends.")]),
        ];
        let dropped = drop_link_inserts(&mut blocks);
        assert_eq!(dropped.len(), 3, "{dropped:?}");
        assert_eq!(blocks.len(), 3);
    }

    #[test]
    fn teaser_lines_with_kind_tags_go() {
        let stack = p(vec![
            t("DON'T MISS"),
            Inline::LineBreak,
            t("Plague warning: CDC names EIGHT deadly diseases [WARNING]"),
            Inline::LineBreak,
            t("Holidaymakers die after eating marmot [INSIGHT]|"),
        ]);
        let prose = p(vec![t(
            "A sentence of the story itself, long enough to be prose.",
        )]);
        let mut blocks = vec![prose.clone(), stack, prose.clone()];
        assert_eq!(drop_link_inserts(&mut blocks).len(), 1);
        assert_eq!(blocks, vec![prose.clone(), prose.clone()]);
        // One tagged line, or prose lines with a bracket, stay.
        let mut blocks = vec![
            p(vec![t("The minister said it was over [LAUGHTER]")]),
            p(vec![
                t("The first quote ends in brackets [sic]"),
                Inline::LineBreak,
                t("and the second line goes on as prose [citation needed]"),
            ]),
        ];
        assert!(drop_link_inserts(&mut blocks).is_empty());
    }

    #[test]
    fn prose_and_short_or_lowercase_links_stay() {
        let keep = [
            p(vec![link("Read the full report of the commission")]),
            p(vec![link("NASA")]),
            p(vec![
                t("A sentence with "),
                link("TWO"),
                t(" and "),
                link("LINKS IN CAPS"),
                t(" inside ordinary prose."),
            ]),
            p(vec![link("Source one"), t(" and "), link("source two")]),
            // An author's list of resources, without a label.
            p(vec![
                link("Course book (pdf)"),
                Inline::LineBreak,
                link("Handouts (pdf)"),
            ]),
            p(vec![link("Try it now")]),
        ];
        let mut blocks = keep.to_vec();
        assert!(drop_link_inserts(&mut blocks).is_empty());
        assert_eq!(blocks, keep);
    }
}
