//! Plain-text rendering of the article body.
//!
//! Meant for reading, searching and scoring against plain-text ground truths, so it keeps
//! the words and the line structure and nothing else:
//!
//! * the title is **not** included (it is metadata; see `Article::title`);
//! * blocks are separated by exactly one blank line, blocks with no text are skipped and
//!   trailing whitespace is trimmed from each block (nothing else is collapsed);
//! * list items are one per line, without bullets or numbers; nested lists follow their
//!   item on the next lines;
//! * a table is one line per row (header row first), cells joined by a tab; line breaks
//!   inside a cell become spaces; a table caption is the first line;
//! * code is verbatim, math is its TeX source, a figure is its caption (images have no
//!   text: `alt` is not part of the text), quotes and footnotes are their blocks, and a
//!   rule is skipped;
//! * inline line breaks become `\n`; footnote references render as nothing;
//! * no trailing newline (an empty body is the empty string).

use crate::model::{Block, Inline, ListItem, Table};
use crate::Article;

/// The article body as plain text (see the module documentation for the rules).
pub fn to_text(a: &Article) -> String {
    blocks_text(&a.blocks, "\n\n")
}

/// Render blocks, skipping empty ones, joined by `sep`.
fn blocks_text(blocks: &[Block], sep: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    for b in blocks {
        let s = block_text(b);
        let s = s.trim_end();
        if !s.trim_start().is_empty() {
            parts.push(s.to_string());
        }
    }
    parts.join(sep)
}

fn block_text(b: &Block) -> String {
    match b {
        Block::Heading { content, .. } | Block::Paragraph { content } => inline_text(content),
        Block::List { items, .. } => list_text(items),
        Block::Table(t) => table_text(t),
        Block::Code { text, .. } => text.clone(),
        Block::Figure { caption, .. } => inline_text(caption),
        Block::Quote { blocks } | Block::Footnote { blocks, .. } => blocks_text(blocks, "\n\n"),
        Block::Math { tex } => tex.clone(),
        Block::Rule => String::new(),
    }
}

fn list_text(items: &[ListItem]) -> String {
    let lines: Vec<String> = items
        .iter()
        .map(|item| blocks_text(&item.blocks, "\n"))
        .filter(|s| !s.is_empty())
        .collect();
    lines.join("\n")
}

fn table_text(t: &Table) -> String {
    let mut lines: Vec<String> = Vec::new();
    let caption = inline_text(&t.caption);
    if !caption.trim().is_empty() {
        lines.push(caption.trim_end().to_string());
    }
    for row in std::iter::once(&t.head).chain(t.rows.iter()) {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                inline_text(&c.content)
                    .replace('\n', " ")
                    .trim()
                    .to_string()
            })
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            lines.push(cells.join("\t").trim_end().to_string());
        }
    }
    lines.join("\n")
}

/// The text of a run of inlines: link text, code and TeX included; images and footnote
/// references contribute nothing; line breaks become `\n`.
pub(crate) fn inline_text(content: &[Inline]) -> String {
    let mut out = String::new();
    push_inline_text(content, &mut out);
    out
}

fn push_inline_text(content: &[Inline], out: &mut String) {
    for i in content {
        match i {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Math { tex } => out.push_str(tex),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Superscript { content }
            | Inline::Subscript { content }
            | Inline::Link { content, .. } => push_inline_text(content, out),
            Inline::LineBreak => out.push('\n'),
            Inline::Image(_) | Inline::FootnoteRef { .. } => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Image};

    fn t(s: &str) -> Inline {
        Inline::text(s)
    }
    fn p(content: Vec<Inline>) -> Block {
        Block::Paragraph { content }
    }
    fn item(blocks: Vec<Block>) -> ListItem {
        ListItem { blocks }
    }
    fn art(blocks: Vec<Block>) -> Article {
        Article {
            title: Some("The Title".into()),
            blocks,
            ..Article::default()
        }
    }

    #[test]
    fn empty_article_is_empty_string() {
        assert_eq!(to_text(&Article::default()), "");
    }

    #[test]
    fn title_excluded_and_blocks_separated_by_one_blank_line() {
        let a = art(vec![
            Block::Heading {
                level: 2,
                content: vec![t("Intro")],
            },
            p(vec![t("First  paragraph.   ")]),
            Block::Rule,
            p(vec![t("   ")]),
            p(vec![t("Second"), Inline::LineBreak, t("line two")]),
        ]);
        assert_eq!(
            to_text(&a),
            "Intro\n\nFirst  paragraph.\n\nSecond\nline two"
        );
    }

    #[test]
    fn lists_one_item_per_line_without_markers() {
        let nested = Block::List {
            ordered: true,
            start: Some(3),
            items: vec![item(vec![p(vec![t("a1")])]), item(vec![p(vec![t("a2")])])],
        };
        let a = art(vec![Block::List {
            ordered: false,
            start: None,
            items: vec![
                item(vec![p(vec![t("one")]), nested]),
                item(vec![]),
                item(vec![p(vec![t("two")])]),
            ],
        }]);
        assert_eq!(to_text(&a), "one\na1\na2\ntwo");
    }

    #[test]
    fn table_rows_per_line_cells_tab_joined() {
        let cell = |s: &str| Cell {
            content: vec![t(s)],
        };
        let a = art(vec![Block::Table(Table {
            caption: vec![t("Caption")],
            head: vec![cell("H1"), cell("H2")],
            rows: vec![
                vec![cell("a"), cell("b | c")],
                vec![
                    Cell {
                        content: vec![t("x"), Inline::LineBreak, t("y")],
                    },
                    cell(""),
                ],
            ],
        })]);
        assert_eq!(to_text(&a), "Caption\nH1\tH2\na\tb | c\nx y");
    }

    #[test]
    fn code_verbatim_math_tex_figure_caption_no_alt() {
        let a = art(vec![
            Block::Code {
                lang: Some("rust".into()),
                text: "fn main() {\n    x  y\n}\n\n".into(),
            },
            Block::Figure {
                images: vec![Image {
                    src: "https://e.com/a.png".into(),
                    alt: "ALT TEXT".into(),
                    title: None,
                }],
                caption: vec![
                    t("A "),
                    Inline::Emphasis {
                        content: vec![t("cap")],
                    },
                ],
            },
            Block::Figure {
                images: vec![Image {
                    src: "https://e.com/b.png".into(),
                    alt: "ALT2".into(),
                    title: None,
                }],
                caption: vec![],
            },
            Block::Math {
                tex: "\\frac{1}{2}".into(),
            },
        ]);
        assert_eq!(
            to_text(&a),
            "fn main() {\n    x  y\n}\n\nA cap\n\n\\frac{1}{2}"
        );
    }

    #[test]
    fn quotes_footnotes_and_inlines() {
        let a = art(vec![
            Block::Quote {
                blocks: vec![p(vec![t("q1")]), p(vec![t("q2")])],
            },
            p(vec![
                t("see "),
                Inline::Link {
                    href: "https://e.com".into(),
                    content: vec![Inline::Strong {
                        content: vec![t("link")],
                    }],
                },
                Inline::FootnoteRef { id: "1".into() },
                t(" "),
                Inline::Code { text: "a<b".into() },
                t(" x"),
                Inline::Superscript {
                    content: vec![t("2")],
                },
                Inline::Math { tex: "y_1".into() },
                Inline::Image(Image {
                    src: "https://e.com/i.png".into(),
                    alt: "nope".into(),
                    title: None,
                }),
            ]),
            Block::Footnote {
                id: "1".into(),
                blocks: vec![p(vec![t("note &amp; <b>")])],
            },
        ]);
        assert_eq!(
            to_text(&a),
            "q1\n\nq2\n\nsee link a<b x2y_1\n\nnote &amp; <b>"
        );
    }
}
