//! Caption echoes: gallery and slideshow markup prints one image's caption several times
//! (the slide, its lightbox, a mobile copy, a "now showing" line), and every copy is a
//! visible paragraph in the page's HTML. A reader wants the caption once.
//!
//! A caption is the text of a figure caption or a long image `alt` (short alts are labels,
//! not captions). The first paragraph that shows a caption's text is kept — for an image
//! that has only an `alt`, that paragraph is the only place the reader sees the caption —
//! and every later paragraph with the same text is dropped. "Same" ignores spaces, case
//! and a trailing `more`/`less` toggle, and accepts a long prefix: templates shorten the
//! copy (`… more`) or append the photo credit to the `alt`.
//! Paragraphs that repeat other paragraphs are not touched: only captions are known to
//! be printed twice by templates; an author's repeated line stays.
//!
//! Scope: top-level blocks and the blocks of top-level list items (galleries are lists of
//! slides), in document order; two explicit levels, no recursion.

use crate::model::{Block, Inline};

use super::post::inline_text;

/// Captions shorter than this (in non-space characters) are labels (`Photo`, `Map`) that
/// may legitimately repeat.
const MIN_CAPTION_CHARS: usize = 20;

/// Prefix matches need this much text, so that two captions that merely start alike
/// (`Photo: Jane Roe, AP …`) are not taken for copies of each other.
const MIN_PREFIX_CHARS: usize = 40;

/// At most this many captions are remembered (bounds the prefix comparisons).
const MAX_CAPTIONS: usize = 200;

/// Comparison key: no spaces, lower case, without a trailing expand/collapse toggle
/// (`… more`, `less`, `展开`) that templates append to a shortened copy.
fn key(s: &str) -> String {
    let mut k = super::post::squash(s);
    loop {
        let before = k.len();
        for tail in [
            "readmore", "showmore", "showless", "more", "less", "展开", "收起", "…", "...",
        ] {
            if let Some(rest) = k.strip_suffix(tail) {
                k.truncate(rest.len());
            }
        }
        if k.len() == before {
            return k;
        }
    }
}

/// Same caption: equal, or one a long enough prefix of the other (a shortened copy, or
/// the alt with the photo credit appended).
fn same(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.starts_with(short) && (short == long || short.chars().count() >= MIN_PREFIX_CHARS)
}

struct Caption {
    key: String,
    /// Already shown to the reader (a figure caption, or a kept paragraph).
    shown: bool,
}

#[derive(Default)]
struct Seen {
    captions: Vec<Caption>,
}

impl Seen {
    fn caption(&mut self, text: &str, shown: bool) {
        let key = key(text);
        if key.chars().count() >= MIN_CAPTION_CHARS && self.captions.len() < MAX_CAPTIONS {
            self.captions.push(Caption { key, shown });
        }
    }

    fn images(&mut self, content: &[Inline]) {
        for i in content {
            if let Inline::Image(im) = i {
                self.caption(&im.alt, false);
            }
        }
    }

    /// Note what `b` shows; `true` when `b` is an echo to drop.
    fn visit(&mut self, b: &Block) -> bool {
        match b {
            Block::Figure { images, caption } => {
                for im in images {
                    self.caption(&im.alt, false);
                }
                self.caption(&inline_text(caption), true);
                false
            }
            Block::Paragraph { content } => {
                self.images(content);
                let k = key(&inline_text(content));
                if k.chars().count() < MIN_CAPTION_CHARS {
                    return false;
                }
                let mut known = false;
                for c in self.captions.iter_mut().filter(|c| same(&c.key, &k)) {
                    if c.shown {
                        return true;
                    }
                    known = true;
                    c.shown = true;
                }
                if known && self.captions.len() < MAX_CAPTIONS {
                    self.captions.push(Caption {
                        key: k,
                        shown: true,
                    });
                }
                false
            }
            _ => false,
        }
    }
}

/// Drop caption echoes; returns the dropped blocks (for `--explain`).
pub fn drop_caption_echoes(blocks: &mut Vec<Block>) -> Vec<Block> {
    let mut seen = Seen::default();
    let mut dropped = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        if let Block::List { items, .. } = &mut blocks[i] {
            for item in items.iter_mut() {
                let mut j = 0;
                while j < item.blocks.len() {
                    if seen.visit(&item.blocks[j]) {
                        dropped.push(item.blocks.remove(j));
                    } else {
                        j += 1;
                    }
                }
            }
            i += 1;
        } else if seen.visit(&blocks[i]) {
            dropped.push(blocks.remove(i));
        } else {
            i += 1;
        }
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Image, ListItem};

    fn p(t: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Text { text: t.into() }],
        }
    }

    fn img(alt: &str) -> Block {
        Block::Paragraph {
            content: vec![Inline::Image(Image {
                src: "https://x.test/a.jpg".into(),
                alt: alt.into(),
                title: None,
            })],
        }
    }

    const CAP: &str = "The minister shakes hands with his counterpart in Hanoi on Wednesday.";

    #[test]
    fn a_gallery_caption_is_shown_once() {
        let mut blocks = vec![
            Block::List {
                ordered: false,
                start: None,
                items: vec![ListItem {
                    blocks: vec![img(CAP), p(CAP), p(CAP), p("Photo: Jane Roe, AP")],
                }],
            },
            p(&format!("{CAP} less")),
            p(&format!("{} ... more", &CAP[..50])),
            p(&CAP.to_uppercase()),
            p("The article starts here and goes on."),
        ];
        let dropped = drop_caption_echoes(&mut blocks);
        assert_eq!(dropped.len(), 4);
        let Block::List { items, .. } = &blocks[0] else {
            panic!("list kept")
        };
        assert_eq!(items[0].blocks.len(), 3, "image, caption once, credit");
        assert_eq!(blocks.len(), 2);
    }

    #[test]
    fn figure_captions_count_as_shown_and_other_repeats_stay() {
        let mut blocks = vec![
            Block::Figure {
                images: vec![],
                caption: vec![Inline::Text { text: CAP.into() }],
            },
            p(CAP),
            p("An author may repeat a line for effect, and it stays."),
            p("An author may repeat a line for effect, and it stays."),
            p("Photo"),
            p("Photo"),
            // Starts like the caption, but too little of it to be a copy.
            p("The minister shakes hands with everyone."),
        ];
        let dropped = drop_caption_echoes(&mut blocks);
        assert_eq!(dropped.len(), 1);
        assert_eq!(blocks.len(), 6);
    }
}
