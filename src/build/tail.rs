//! Trailing furniture: what templates append after the last paragraph of a story, in the
//! same container, so that selection keeps it — a heading with nothing under it
//! (`Popular on …`, `Related coverage`), teaser headlines one link per line, a list of
//! links to other stories, the newsletter or follow-us line, the reporting credits, the
//! tag list (`Tags: a, b, c`, mostly links) and the comment-policy notice. (A
//! press release's `About <Company>` section is not among them: one benchmark counts it
//! as the article, another does not.)
//!
//! Only the end of the article is looked at: blocks are judged from the last one
//! backwards and the trim stops at the first block that is not furniture, so prose in the
//! middle of a story is never touched whatever it says. A budget
//! ([`t::TAIL_MAX_SHARE`] of the article's text) bounds how much a trim may take, so a
//! short article made of links keeps its links. A tag list and the comment-policy notice
//! are furniture by their label and spend nothing of that budget.

use super::inserts::{counts, Counts};
use super::post::inline_text;
use crate::extract::tunables as t;
use crate::model::{Block, Inline};

/// Lower-cased phrases of promotion and credit lines (newsletter, follow us, reporting
/// credits, contact), looked for anywhere in a short trailing paragraph.
const PROMO: &[&str] = &[
    "subscribe",
    "newsletter",
    "sign up",
    "follow us",
    "follow him",
    "follow her",
    "follow them",
    "follow me",
    "contributed to this report",
    "contributed reporting",
    "additional reporting",
    "reporting by",
    "editing by",
    "click here",
    "sharing is caring",
    "may be reached at",
    "can be reached at",
    "if you enjoyed this",
    "join our",
];

/// Lower-cased labels that open a tag list (`Tags: election, budget`), in the languages
/// seen in news templates; the rest of such a paragraph is links to topic pages.
const TAG_LABELS: &[&str] = &[
    "tags",
    "tagged",
    "topics:",
    "filed under",
    "etiquetas",
    "schlagwörter",
    "mots-clés",
    "标签",
    "태그",
];

/// A tag list: opens with a tag label and is mostly links.
fn is_tag_list(low: &str, c: &Counts) -> bool {
    c.links >= 1
        && c.link_chars as f64 >= c.chars as f64 * t::TAIL_LINK_SHARE
        && TAG_LABELS.iter().any(|l| low.trim_start().starts_with(l))
}

/// The comment-policy notice under a story (`Comments are moderated…`, `Comentários …
/// não serão aprovados pelo moderador`): it speaks of comments and of moderation.
fn is_comment_policy(low: &str) -> bool {
    (low.contains("comment") || low.contains("coment"))
        && (low.contains("moderat") || low.contains("moderad"))
}

/// A tag list or the comment-policy notice: furniture by what it says, whatever the
/// article's length, so it does not spend the trim budget (a tag list may be long, one
/// link per topic, under a short story).
fn is_labelled(b: &Block) -> bool {
    let Block::Paragraph { content } = b else {
        return false;
    };
    let low = inline_text(content).to_lowercase();
    let c = counts(content);
    is_tag_list(&low, &c) || (c.chars <= t::TAIL_PROMO_MAX_CHARS && is_comment_policy(&low))
}

/// Plain text and link counts of a paragraph or a list (its items' paragraphs).
fn block_counts(b: &Block) -> Option<(String, Counts, usize)> {
    match b {
        Block::Paragraph { content } | Block::Heading { content, .. } => {
            Some((inline_text(content), counts(content), 1))
        }
        Block::List { items, .. } => {
            let mut text = String::new();
            let mut all: Vec<Inline> = Vec::new();
            let mut linked_items = 0;
            for it in items {
                let mut item: Vec<Inline> = Vec::new();
                for ib in &it.blocks {
                    if let Block::Paragraph { content } | Block::Heading { content, .. } = ib {
                        item.extend(content.iter().cloned());
                    } else {
                        return None;
                    }
                }
                if counts(&item).links > 0 {
                    linked_items += 1;
                }
                text.push_str(&inline_text(&item));
                text.push('\n');
                all.extend(item);
            }
            (linked_items == items.len()).then(|| (text, counts(&all), items.len()))
        }
        _ => None,
    }
}

/// Text weight of a block, shallow (paragraphs, headings, lists, quotes' paragraphs).
fn weight(b: &Block) -> usize {
    match b {
        Block::Paragraph { content } | Block::Heading { content, .. } => inline_text(content)
            .chars()
            .filter(|c| !c.is_whitespace())
            .count(),
        Block::List { items, .. } => items.iter().flat_map(|i| &i.blocks).map(weight).sum(),
        Block::Quote { blocks } | Block::Footnote { blocks, .. } => blocks.iter().map(weight).sum(),
        Block::Code { text, .. } => text.len(),
        Block::Figure { caption, .. } => inline_text(caption).chars().count(),
        _ => 0,
    }
}

/// Is the last block furniture appended after the story?
fn is_trailing_furniture(b: &Block) -> bool {
    if matches!(b, Block::Heading { .. } | Block::Rule) {
        // Nothing follows it: a heading over a list that was removed, or a separator.
        return true;
    }
    let Some((text, c, items)) = block_counts(b) else {
        return false;
    };
    if c.chars == 0 {
        return false;
    }
    let linked = c.link_chars as f64 / c.chars as f64;
    match b {
        // Teaser headlines or other stories' titles, one per line or per item.
        Block::List { .. } => items >= 2 && linked >= t::TAIL_LINK_SHARE,
        _ => {
            (c.links >= 1 && linked >= 0.9)
                || (c.chars <= t::TAIL_PROMO_MAX_CHARS && {
                    let low = text.to_lowercase();
                    PROMO.iter().any(|p| low.contains(p))
                })
                || is_labelled(b)
        }
    }
}

/// Drop trailing furniture; returns the dropped blocks (last first).
pub fn drop_trailing_furniture(blocks: &mut Vec<Block>) -> Vec<Block> {
    let total: usize = blocks.iter().map(weight).sum();
    let budget = (total as f64 * t::TAIL_MAX_SHARE) as usize;
    let mut spent = 0usize;
    let mut dropped = Vec::new();
    let mut headings = 0;
    while blocks.len() > 1 {
        let Some(last) = blocks.last() else { break };
        if !is_trailing_furniture(last) {
            break;
        }
        // One label heading at most, and not one of a stack of headings (questions of a
        // FAQ whose answers are collapsed, sections of a listing).
        if matches!(last, Block::Heading { .. }) {
            headings += 1;
            if headings > 1 || matches!(blocks[blocks.len() - 2], Block::Heading { .. }) {
                break;
            }
        }
        let w = if is_labelled(last) { 0 } else { weight(last) };
        if spent + w > budget {
            break;
        }
        spent += w;
        dropped.extend(blocks.pop());
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::test_blocks::{link, p, t};
    use crate::model::ListItem;

    fn prose(n: usize) -> Block {
        p(vec![t(
            &"A sentence of ordinary prose, with a clause. ".repeat(n)
        )])
    }

    #[test]
    fn teasers_promos_and_empty_headings_go() {
        let mut blocks = vec![
            prose(20),
            prose(20),
            p(vec![t(
                "Get the latest updates right in your inbox. Subscribe to our newsletters.",
            )]),
            Block::Heading {
                level: 3,
                content: vec![t("More stories")],
            },
            Block::List {
                ordered: false,
                start: None,
                items: vec![
                    ListItem {
                        blocks: vec![p(vec![link("One story")])],
                    },
                    ListItem {
                        blocks: vec![p(vec![t("Another "), link("story here")])],
                    },
                ],
            },
            p(vec![link("A teaser headline for a story")]),
        ];
        let dropped = drop_trailing_furniture(&mut blocks);
        assert_eq!(dropped.len(), 4, "{dropped:?}");
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn tag_lists_and_comment_policy_go() {
        let mut blocks = vec![
            prose(20),
            prose(20),
            p(vec![
                t("Tags: "),
                link("stock car 2018"),
                t(", "),
                link("interlagos"),
            ]),
            p(vec![t(
                "ATENÇÃO: Comentários com textos ininteligíveis não serão aprovados pelo moderador.",
            )]),
        ];
        assert_eq!(drop_trailing_furniture(&mut blocks).len(), 2);
        assert_eq!(blocks.len(), 2);
        // Under a short story too (no budget spent).
        let mut blocks = vec![
            prose(2),
            p(vec![
                t("Tags "),
                link("one topic"),
                t(", "),
                link("another topic of the story"),
            ]),
        ];
        assert_eq!(drop_trailing_furniture(&mut blocks).len(), 1);
        // A last paragraph that starts with the word but is prose stays.
        let mut blocks = vec![
            prose(20),
            p(vec![
                t("Tagged animals were released on Monday, "),
                link("the team said"),
                t("."),
            ]),
        ];
        assert!(drop_trailing_furniture(&mut blocks).is_empty());
    }

    #[test]
    fn one_label_heading_goes_a_stack_of_questions_stays() {
        let h = |s: &str| Block::Heading {
            level: 3,
            content: vec![t(s)],
        };
        let mut blocks = vec![prose(20), prose(20), h("Popular now")];
        assert_eq!(drop_trailing_furniture(&mut blocks).len(), 1);
        let mut blocks = vec![prose(20), h("Can I?"), h("Should I?")];
        assert!(drop_trailing_furniture(&mut blocks).is_empty());
    }

    #[test]
    fn prose_stays() {
        // A last paragraph of prose (even one with a link) stays.
        let mut blocks = vec![
            prose(20),
            p(vec![
                t("He said so on a call, "),
                link("as reported"),
                t(", on Monday."),
            ]),
        ];
        assert!(drop_trailing_furniture(&mut blocks).is_empty());
        // A short article made of links keeps them (budget).
        let mut blocks = vec![
            prose(1),
            p(vec![link("The one link of this short article")]),
        ];
        assert!(drop_trailing_furniture(&mut blocks).is_empty());
    }
}
