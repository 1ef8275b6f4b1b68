//! Block-level post-processing: what only the whole article shows.
//!
//! - bold-only short paragraphs are section headings (CMS editors rarely use `<h2>`);
//! - a leading heading that repeats the title is dropped (the title is metadata);
//! - a teaser that repeats the start of the body (often cut mid-entity) is dropped;
//! - short paragraphs that are boilerplate phrases (editor lines, separators) go;
//! - paragraphs made only of images become figures; exact repeats are dropped, and so are
//!   captions printed again (`echoes.rs`);
//! - links to other articles dropped between the paragraphs go (`inserts.rs`).

use crate::model::{Block, Inline, Removed};
use crate::text::normalize_space;

/// Plain text of inlines (for comparisons).
pub fn inline_text(v: &[Inline]) -> String {
    let mut s = String::new();
    let mut stack: Vec<&Inline> = v.iter().rev().collect();
    while let Some(i) = stack.pop() {
        match i {
            Inline::Text { text } | Inline::Code { text } => s.push_str(text),
            Inline::Math { tex } => s.push_str(tex),
            Inline::LineBreak => s.push('\n'),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Superscript { content }
            | Inline::Subscript { content }
            | Inline::Link { content, .. } => stack.extend(content.iter().rev()),
            Inline::Image(_) | Inline::FootnoteRef { .. } => {}
        }
    }
    s
}

/// Plain text of a block (shallow for containers: only used on paragraphs/headings).
fn block_text(b: &Block) -> String {
    match b {
        Block::Heading { content, .. } | Block::Paragraph { content } => inline_text(content),
        _ => String::new(),
    }
}

/// The text without whitespace, lower-cased (one allocation for ASCII text).
pub(super) fn squash(s: &str) -> String {
    let mut out: String = s.chars().filter(|c| !crate::text::is_space(*c)).collect();
    if out.is_ascii() {
        out.make_ascii_lowercase();
        out
    } else {
        out.to_lowercase()
    }
}

/// Is the paragraph a lone `<strong>` short line (a heading in disguise)?
fn bold_heading(content: &[Inline]) -> Option<Vec<Inline>> {
    let non_space: Vec<&Inline> = content
        .iter()
        .filter(|i| !matches!(i, Inline::Text { text } if text.trim().is_empty()))
        .collect();
    if non_space.len() != 1 {
        return None;
    }
    let Inline::Strong { content: inner } = non_space[0] else {
        return None;
    };
    let text = normalize_space(&inline_text(inner));
    let chars = text.chars().count();
    let weight = crate::text::TextStats::of(&text).weight();
    if chars == 0
        || weight > 120
        || (crate::text::TextStats::of(&text).cjk == 0 && crate::text::word_count(&text) > 14)
    {
        return None;
    }
    let last = text.chars().last()?;
    // Closing quotes and brackets end headings too («“引擎”更强劲»); only real
    // sentence punctuation marks a bold sentence.
    if matches!(
        last,
        '.' | '!' | '?' | '。' | '！' | '？' | '…' | '؟' | ':' | '：' | ';' | '；' | ',' | '，'
    ) {
        return None;
    }
    if inner
        .iter()
        .any(|i| matches!(i, Inline::Link { .. } | Inline::Image(_)))
    {
        return None;
    }
    Some(inner.clone())
}

/// Run all post-processing steps.
pub fn process(
    mut blocks: Vec<Block>,
    title: Option<&str>,
    removed: &mut Vec<Removed>,
    explain: bool,
) -> Vec<Block> {
    let mut note = |reason: &str, b: &Block| {
        if explain {
            removed.push(Removed {
                reason: reason.to_string(),
                text: block_text(b).chars().take(200).collect(),
            });
        }
    };
    // Images-only paragraphs → figures.
    for b in blocks.iter_mut() {
        if let Block::Paragraph { content } = b {
            let imgs: Vec<_> = content
                .iter()
                .filter_map(|i| {
                    if let Inline::Image(im) = i {
                        Some(im.clone())
                    } else {
                        None
                    }
                })
                .collect();
            let only_imgs = !imgs.is_empty()
                && content.iter().all(|i| {
                    matches!(i, Inline::Image(_) | Inline::LineBreak)
                        || matches!(i, Inline::Text { text } if text.trim().is_empty())
                });
            if only_imgs {
                *b = Block::Figure {
                    images: imgs,
                    caption: Vec::new(),
                };
            }
        }
    }
    // Boilerplate phrases in short paragraphs.
    let mut kept = Vec::with_capacity(blocks.len());
    for b in blocks {
        if let Block::Paragraph { content } = &b {
            let t = normalize_space(&inline_text(content));
            if crate::text::TextStats::of(&t).weight()
                < crate::extract::tunables::BOILERPLATE_MAX_WEIGHT
                && crate::extract::boilerplate::is_boilerplate(&t)
            {
                note("boilerplate phrase", &b);
                continue;
            }
        }
        kept.push(b);
    }
    let mut blocks = kept;
    // Leading heading(s) repeating the title.
    if let Some(title) = title {
        let st = squash(title);
        if let Some(pos) = blocks.iter().take(4).position(|b| {
            matches!(b, Block::Heading { .. }) && {
                let h = squash(&block_text(b));
                !h.is_empty()
                    && (h == st || (st.contains(&h) && h.chars().count() * 2 > st.chars().count()))
            }
        }) {
            let b = blocks.remove(pos);
            note("heading repeats the title", &b);
        }
    }
    // Bold-only lines → headings, one level below the article's top heading level.
    let min_level = blocks
        .iter()
        .filter_map(|b| {
            if let Block::Heading { level, .. } = b {
                Some(*level)
            } else {
                None
            }
        })
        .min();
    let bold_level = min_level.map_or(2, |l| (l + 1).clamp(2, 6));
    let n = blocks.len();
    for (i, b) in blocks.iter_mut().enumerate() {
        if i + 1 == n {
            break;
        }
        if let Block::Paragraph { content } = b {
            if let Some(inner) = bold_heading(content) {
                *b = Block::Heading {
                    level: bold_level,
                    content: inner,
                };
            }
        }
    }
    // Teasers: a paragraph whose text (minus a trailing ellipsis or cut entity) starts the
    // text of what follows.
    // Marks first, one removal pass after: removing inside the loop is quadratic on
    // hostile pages made of thousands of repeats.
    let mut teaser = vec![false; blocks.len()];
    // Each block's squashed text once (it was recomputed ~4 times per paragraph).
    let squashed: Vec<String> = blocks.iter().map(|b| squash(&block_text(b))).collect();
    for i in 0..blocks.len().saturating_sub(1) {
        let is_teaser = match &blocks[i] {
            Block::Paragraph { .. } => {
                let full = &squashed[i];
                let t = strip_label(strip_cut(full));
                t.chars().count() >= 20 && {
                    let mut rest = String::new();
                    for s in &squashed[i + 1..] {
                        rest.push_str(s);
                        if rest.len() > t.len() + 8 {
                            break;
                        }
                    }
                    // A real teaser is cut (`…`, a broken entity) or runs past the first
                    // following block; an identical paragraph is a repeat, not a teaser.
                    let next = &squashed[i + 1];
                    let cut = full.ends_with('…')
                        || full.ends_with("...")
                        || strip_cut(full).len() + 3 < full.len() && !full.ends_with('.');
                    rest.starts_with(t) && rest.len() > t.len() && (cut || t.len() > next.len())
                }
            }
            _ => false,
        };
        teaser[i] = is_teaser;
    }
    let mut kept = Vec::with_capacity(blocks.len());
    for (b, t) in blocks.into_iter().zip(teaser) {
        if t {
            note("teaser repeating the article's start", &b);
        } else {
            kept.push(b);
        }
    }
    let mut blocks = kept;
    for b in super::datelines::drop_datelines(&mut blocks) {
        note("dateline row (publication metadata)", &b);
    }
    // Leading furniture before the first real paragraph: a lone short link (section
    // kicker) or a bare date line (the date is metadata).
    let leading = blocks.iter().take_while(|b| is_kicker_or_date(b)).count();
    for b in blocks.drain(..leading) {
        note("kicker or date line before the article", &b);
    }
    // Trailing sign-off: a short last line with the reporter's e-mail.
    while let Some(last) = blocks.last() {
        let t = block_text(last);
        if !(matches!(last, Block::Paragraph { .. })
            && t.chars().count() <= 60
            && t.contains('@')
            && t.contains('.'))
        {
            break;
        }
        let b = blocks.remove(blocks.len() - 1);
        note("sign-off line", &b);
    }
    for b in super::inserts::drop_link_inserts(&mut blocks) {
        note("link to another article inside the story", &b);
    }
    for b in super::tail::drop_trailing_furniture(&mut blocks) {
        note("furniture after the story (links, promotion, credits)", &b);
    }
    // Before the echo check: a caption's copies differ by the credit.
    super::credits::cut_caption_credits(&mut blocks);
    for b in super::echoes::drop_caption_echoes(&mut blocks) {
        note("caption printed again (gallery copy)", &b);
    }
    for b in super::repeats::drop_repeats(&mut blocks) {
        note(
            "passage printed again (a copy for another screen, a quoted post)",
            &b,
        );
    }
    // Exact consecutive repeats.
    // Repeated figures and short lines (captions printed twice) go; long paragraphs that
    // repeat are the author's.
    blocks.dedup_by(|a, b| {
        a == b && !matches!(a, Block::Rule) && block_text(a).chars().count() < 120
    });
    // Leading/trailing rules.
    while matches!(blocks.last(), Some(Block::Rule)) {
        blocks.pop();
    }
    while matches!(blocks.first(), Some(Block::Rule)) {
        blocks.remove(0);
    }
    blocks
}

fn is_kicker_or_date(b: &Block) -> bool {
    let Block::Paragraph { content } = b else {
        return false;
    };
    let text = normalize_space(&inline_text(content));
    if text.is_empty() || text.chars().count() > 40 {
        return false;
    }
    let lone_link = content.len() == 1 && matches!(content[0], Inline::Link { .. });
    lone_link
        || crate::meta::date::normalize(&text, None).is_some_and(|_| {
            // Mostly date: digits, month names, separators.
            let letters = text
                .chars()
                .filter(|c| c.is_alphabetic() && !crate::text::is_cjk(*c))
                .count();
            letters <= 12
        })
}

/// Strip a short leading label (`核心提示：`, `Summary:`) from a teaser.
fn strip_label(t: &str) -> &str {
    for (i, c) in t.char_indices().take(12) {
        if c == '：' || c == ':' {
            return &t[i + c.len_utf8()..];
        }
    }
    t
}

/// Strip a trailing ellipsis or cut-off entity (`…`, `...`, `&rdqu`).
fn strip_cut(t: &str) -> &str {
    let mut t = t.trim_end_matches(['…', '.']);
    if let Some(amp) = t.rfind('&') {
        if t.len() - amp <= 9
            && t[amp + 1..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '#')
        {
            t = &t[..amp];
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::text(s)],
        }
    }

    #[test]
    fn teaser_with_cut_entity_is_dropped() {
        let blocks = vec![
            p("日前，位于南康区的格力电器智能制造基地迎来首套空调顺利下线。近年来，聚焦“高大上&rdqu"),
            p("日前，位于南康区的格力电器智能制造基地迎来首套空调顺利下线。"),
            p("近年来，聚焦“高大上”“链群配”，招商引资实现量质齐升。"),
        ];
        let out = process(blocks, None, &mut Vec::new(), false);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn bold_line_becomes_heading() {
        let blocks = vec![
            Block::Paragraph {
                content: vec![Inline::Strong {
                    content: vec![Inline::text("擂鼓吹角 打响招引大会战")],
                }],
            },
            p("正文。"),
        ];
        let out = process(blocks, None, &mut Vec::new(), false);
        assert!(matches!(out[0], Block::Heading { level: 2, .. }));
    }
}
