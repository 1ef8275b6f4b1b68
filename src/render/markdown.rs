//! Markdown export: CommonMark plus the GFM extensions (pipe tables, strikethrough,
//! footnotes), rendered from the typed model only.
//!
//! # Safety: nothing from page text becomes markup
//!
//! No raw HTML is ever written. Text is escaped with backslashes (valid for every ASCII
//! punctuation character in CommonMark):
//!
//! * always: `` \ ` * _ [ ] < > # | ~ $ & ^ { } `` (so `&amp;` stays literal text, `<`
//!   never starts HTML or an autolink, `|` never splits a table cell, `$` never opens
//!   math, `^`/`~` never form super/subscript in extended dialects, `{…}` never becomes a
//!   heading attribute);
//! * at the start of every line (paragraph start and after a hard break): any ASCII
//!   punctuation (`-`, `+`, `=`, `:`, `>`, `!`, …) and the `.`/`)` after a leading digit
//!   run (`1.`, `2024)`), so no line can start a list, heading, quote, fence, thematic
//!   break, setext underline or definition; leading spaces/tabs of a line are dropped;
//! * right after a footnote reference `[^id]`: `(` and `:` (so that they cannot turn it
//!   into a link or a definition);
//! * a `!` right before a link or footnote reference is escaped (no accidental image).
//!
//! Other punctuation (`. , : ; ? ' " / % = @ ( ) - + !`) is left alone mid-line for
//! readability. Newlines inside text are spaces (only `LineBreak` breaks a line). Code is
//! never escaped: code spans pick a backtick run not present in the code, code blocks a
//! fence longer than any backtick run inside. Links are written only for `http`,
//! `https`, `mailto` and `#fragment` URLs and images only for `http`, `https` and
//! `data:image/{png,jpeg,gif,webp}` (defense in depth: the builder already filters);
//! otherwise the link text (or the image's alt text) is written as plain text.
//! Destinations are wrapped in `<…>` when they contain spaces or parentheses, and
//! `< > | `` ` `` (and `[ ]` outside an IPv6 host) are percent-encoded in them, so that
//! a destination read as text (a link that did not form) holds no markup.
//!
//! # Syntax choices
//!
//! * Headings are ATX (`#`…`######`); emphasis `*`, strong `**`, strike `~~`. Leading or
//!   trailing whitespace and line breaks are moved outside the delimiters. Formatting is
//!   dropped (the text kept) wherever CommonMark would not pair the delimiters: when
//!   they would not be left-/right-flanking (`a**(b)**c`, `文**「字」**文`), when they
//!   would fuse with a neighbouring run of the same character, or (for `*` nested in
//!   `*`) when a delimiter would flank both ways. Adjacent emphasis/strong/strike inlines
//!   of one kind are merged, nested strike and links inside link text are flattened.
//!   Adjacent code spans are merged; a code span that would touch another one, or that
//!   holds a `]` inside link text (it could end the link label early and turn the
//!   paragraph into a link reference definition), is written as escaped text.
//! * Superscript and subscript have no CommonMark/GFM syntax and raw HTML is not allowed,
//!   so they are written as literal text `^(x)` and `_(x)` (escaped: they render as the
//!   characters, e.g. `x^(2)`, `H_(2)O`). A superscript holding only footnote references
//!   is written as the references.
//! * Lists use `-` and `1.` (respecting `start`, capped so that markers keep at most nine
//!   digits); the continuation indent is the width of the marker. Two adjacent lists of
//!   the same kind alternate `-`/`+` (or `.`/`)`) so they stay two lists. Items with
//!   several blocks are loose (blank-line separated); a paragraph followed by a nested
//!   list stays tight. An item whose first line would read as a thematic break (`- ---`)
//!   starts on the line after its marker. Empty items at the end of a list are left out.
//! * Tables are GFM pipe tables; when the model has no header row an empty header row of
//!   the right width is written. Line breaks in cells become spaces. A table caption is a
//!   paragraph before the table.
//! * Figures: one image paragraph per image, then the caption as a paragraph.
//! * Math: inline `$tex$`, display `$$`-fenced. When the TeX contains characters that
//!   could be markup in a renderer without math support (`$`, `` ` ``, `<`, `[`, `]`,
//!   `|`, or a block-starting line), inline math falls back to GitHub's `` $`tex`$ `` and
//!   display math to a ```` ```math ```` fence.
//! * Footnotes: `[^id]` and `[^id]: …` (continuation indented by four spaces); ids are
//!   reduced to letters, digits, `-` and `_`. A reference whose definition is not in the
//!   article is omitted (Markdown would show it as the literal text `[^id]`). Definitions do not nest in Markdown, so a
//!   footnote inside a footnote is written right after its parent.
//! * A hard line break is a backslash at the end of the line.
//! * Without front matter the output starts with `# Title` and a blank line (when there
//!   is a title). With `front_matter: true` it starts with a YAML block (`title`,
//!   `author`, `published`, `modified`, `site_name`, `url`, `lang`, `dir`, `excerpt`,
//!   `image`, `word_count`, `reading_minutes`; absent fields omitted; strings
//!   double-quoted with `\"`, `\\`, `\n`, `\r`, `\t` and `\uXXXX` escapes for
//!   non-printable characters, and for `<` and `[` so that a renderer that does not know
//!   front matter cannot find HTML or a link in it) and the title is not repeated as a
//!   heading.
//! * A link with no text shows its URL. A body starting with a rule uses `***` for it
//!   (a leading `---` reads as front matter to many tools).
//! * The output ends with exactly one newline.

use std::collections::HashSet;

use crate::model::{Block, Cell, Image, Inline, ListItem, Table};
use crate::render::html::{code_lang, footnote_label, safe_href, safe_img_src};
use crate::Article;

/// Options of the Markdown export.
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    /// Start with a YAML front matter block instead of a `# Title` heading.
    pub front_matter: bool,
}

/// The article as Markdown (see the module documentation for syntax and escaping).
pub fn to_markdown(a: &Article, o: &MarkdownOptions) -> String {
    let mut out = String::new();
    if o.front_matter {
        front_matter(a, &mut out);
    } else if let Some(t) = a.title.as_deref() {
        let h = inlines(&[Inline::text(t)], Ctx::single_line());
        if !h.is_empty() {
            out.push_str("# ");
            out.push_str(&h);
            out.push_str("\n\n");
        }
    }
    let mut labels = HashSet::new();
    footnote_labels(&a.blocks, &mut labels);
    let mut body = blocks(&without_dangling_refs(&a.blocks, &labels), false);
    if out.is_empty() && (body == "---" || body.starts_with("---\n")) {
        // A leading `---` would read as YAML front matter to many tools.
        body.replace_range(..3, "***");
    }
    out.push_str(&body);
    let len = out.trim_end_matches('\n').len();
    out.truncate(len);
    out.push('\n');
    out
}

// ---------------------------------------------------------------------------------------
// Footnote references without a definition

/// Labels (as written) of the footnote definitions anywhere in `bs`.
fn footnote_labels(bs: &[Block], out: &mut HashSet<String>) {
    for b in bs {
        match b {
            Block::Footnote { id, blocks } => {
                out.insert(footnote_label(id));
                footnote_labels(blocks, out);
            }
            Block::Quote { blocks } => footnote_labels(blocks, out),
            Block::List { items, .. } => {
                for item in items {
                    footnote_labels(&item.blocks, out);
                }
            }
            _ => {}
        }
    }
}

/// `bs` without the footnote references whose definition is missing: Markdown would show
/// them as the literal text `[^id]` (the text export omits references too).
fn without_dangling_refs(bs: &[Block], labels: &HashSet<String>) -> Vec<Block> {
    let inl = |c: &[Inline]| refs_kept(c, labels);
    let blocks = |b: &[Block]| without_dangling_refs(b, labels);
    bs.iter()
        .map(|b| match b {
            Block::Heading { level, content } => Block::Heading {
                level: *level,
                content: inl(content),
            },
            Block::Paragraph { content } => Block::Paragraph {
                content: inl(content),
            },
            Block::List {
                ordered,
                start,
                items,
            } => Block::List {
                ordered: *ordered,
                start: *start,
                items: items
                    .iter()
                    .map(|i| ListItem {
                        blocks: blocks(&i.blocks),
                    })
                    .collect(),
            },
            Block::Table(t) => {
                let row = |r: &[Cell]| -> Vec<Cell> {
                    r.iter()
                        .map(|c| Cell {
                            content: inl(&c.content),
                        })
                        .collect()
                };
                Block::Table(Table {
                    caption: inl(&t.caption),
                    head: row(&t.head),
                    rows: t.rows.iter().map(|r| row(r)).collect(),
                })
            }
            Block::Figure { images, caption } => Block::Figure {
                images: images.clone(),
                caption: inl(caption),
            },
            Block::Quote { blocks: b } => Block::Quote { blocks: blocks(b) },
            Block::Footnote { id, blocks: b } => Block::Footnote {
                id: id.clone(),
                blocks: blocks(b),
            },
            Block::Code { .. } | Block::Math { .. } | Block::Rule => b.clone(),
        })
        .collect()
}

fn refs_kept(content: &[Inline], labels: &HashSet<String>) -> Vec<Inline> {
    let inner = |c: &[Inline]| refs_kept(c, labels);
    content
        .iter()
        .filter_map(|i| {
            Some(match i {
                Inline::FootnoteRef { id } if !labels.contains(&footnote_label(id)) => return None,
                Inline::Emphasis { content } => Inline::Emphasis {
                    content: inner(content),
                },
                Inline::Strong { content } => Inline::Strong {
                    content: inner(content),
                },
                Inline::Strike { content } => Inline::Strike {
                    content: inner(content),
                },
                Inline::Superscript { content } => Inline::Superscript {
                    content: inner(content),
                },
                Inline::Subscript { content } => Inline::Subscript {
                    content: inner(content),
                },
                Inline::Link { href, content } => Inline::Link {
                    href: href.clone(),
                    content: inner(content),
                },
                other => other.clone(),
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Front matter

fn front_matter(a: &Article, out: &mut String) {
    out.push_str("---\n");
    let mut field = |k: &str, v: Option<&str>| {
        if let Some(v) = v {
            out.push_str(k);
            out.push_str(": ");
            out.push_str(&yaml_string(v));
            out.push('\n');
        }
    };
    field("title", a.title.as_deref());
    field("author", a.author.as_deref());
    field("published", a.published.as_deref());
    field("modified", a.modified.as_deref());
    field("site_name", a.site_name.as_deref());
    field("url", a.url.as_deref());
    field("lang", a.lang.as_deref());
    field("dir", a.dir.map(|d| d.as_str()));
    field("excerpt", a.excerpt.as_deref());
    field("image", a.image.as_deref());
    out.push_str(&format!(
        "word_count: {}\nreading_minutes: {}\n---\n\n",
        a.word_count, a.reading_minutes
    ));
}

/// A YAML double-quoted scalar. Escapes quotes, backslashes, line breaks, every
/// character outside YAML's printable set (plus U+0085, U+2028, U+2029 and U+FEFF), and
/// `<` and `[` (as `\u003C`, `\u005B`).
fn yaml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if yaml_needs_escape(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn yaml_needs_escape(c: char) -> bool {
    let u = u32::from(c);
    // `<` and `[`: so that a renderer unaware of front matter sees no HTML and no link.
    c == '<'
        || c == '['
        || u < 0x20
        || (0x7F..=0x9F).contains(&u)
        || matches!(u, 0x2028 | 0x2029 | 0xFEFF | 0xFFFE | 0xFFFF)
}

// ---------------------------------------------------------------------------------------
// Blocks

/// Render blocks separated by blank lines. Inside a list item (`in_item`) a list that can
/// interrupt a paragraph follows that paragraph on the next line, keeping the item tight.
fn blocks(bs: &[Block], in_item: bool) -> String {
    blocks_and_first(bs, in_item).0
}

/// [`blocks`], also returning the first block that produced output.
fn blocks_and_first(bs: &[Block], in_item: bool) -> (String, Option<&Block>) {
    let mut out = String::new();
    let mut first: Option<&Block> = None;
    let mut prev: Option<&Block> = None;
    let mut prev_alt = false;
    for b in bs {
        let mut alt = false;
        let s = match b {
            Block::List {
                ordered,
                start,
                items,
            } => {
                let same_kind =
                    matches!(prev, Some(Block::List { ordered: o, .. }) if o == ordered);
                alt = same_kind && !prev_alt;
                list(*ordered, *start, items, alt)
            }
            _ => block(b),
        };
        if s.is_empty() {
            continue;
        }
        if !out.is_empty() {
            let tight = in_item
                && matches!(prev, Some(Block::Paragraph { .. }))
                && matches!(b, Block::List { .. })
                && interrupts_paragraph(&s);
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        out.push_str(&s);
        first = first.or(Some(b));
        prev = Some(b);
        prev_alt = alt;
    }
    (out, first)
}

fn block(b: &Block) -> String {
    match b {
        Block::Heading { level, content } => {
            let text = inlines(content, Ctx::single_line());
            if text.is_empty() {
                return text;
            }
            format!("{} {text}", "#".repeat(usize::from((*level).clamp(1, 6))))
        }
        Block::Paragraph { content } => inlines(content, Ctx::default()),
        Block::List {
            ordered,
            start,
            items,
        } => list(*ordered, *start, items, false),
        Block::Table(t) => table(t),
        Block::Code { lang, text } => code_block(code_lang(lang.as_deref()).as_deref(), text),
        Block::Figure { images, caption } => figure(images, caption),
        Block::Quote { blocks: inner } => quote(inner),
        Block::Math { tex } => math_block(tex),
        Block::Footnote { id, blocks: inner } => footnote(id, inner),
        Block::Rule => "---".to_string(),
    }
}

/// Whether a rendered list may directly follow a paragraph line without a blank line:
/// its first item is non-empty and, when ordered, starts at 1.
fn interrupts_paragraph(rendered: &str) -> bool {
    let first = rendered.lines().next().unwrap_or_default();
    ["- ", "+ ", "1. ", "1) "]
        .iter()
        .any(|m| first.starts_with(m))
}

/// `-`/`*`/`_` repeated at least three times with only spaces or tabs between.
fn is_thematic_break(line: &str) -> bool {
    let mut chars = line.chars().filter(|c| !matches!(c, ' ' | '\t'));
    let Some(first) = chars.next() else {
        return false;
    };
    let rest: Vec<char> = chars.collect();
    matches!(first, '-' | '*' | '_') && rest.len() >= 2 && rest.iter().all(|&c| c == first)
}

/// Prefix the first line with `first` and the other non-empty lines with `rest`.
fn prefix_lines(body: &str, first: &str, rest: &str) -> String {
    let mut out = String::with_capacity(body.len() + 16);
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.is_empty() {
            out.push_str(if i == 0 { first } else { "" }.trim_end());
        } else {
            out.push_str(if i == 0 { first } else { rest });
            out.push_str(line);
        }
    }
    out
}

fn list(ordered: bool, start: Option<u32>, items: &[ListItem], alt: bool) -> String {
    // CommonMark allows at most nine digits in an ordered list marker.
    let max_start = 999_999_999u64.saturating_sub(items.len() as u64);
    let first = u64::from(start.unwrap_or(1)).min(max_start);
    let mut lines: Vec<Option<String>> = Vec::with_capacity(items.len());
    for (n, item) in (first..).zip(items) {
        lines.push(list_item(&marker_for(ordered, alt, n), item));
    }
    // Trailing empty items show nothing, and pulldown-cmark 0.13 mis-nests a loose list
    // ending in one inside a quote: leave them out. Other empty items keep the numbering.
    while let Some(None) = lines.last() {
        lines.pop();
    }
    let items: Vec<String> = (first..)
        .zip(lines)
        .map(|(n, l)| l.unwrap_or_else(|| marker_for(ordered, alt, n)))
        .collect();
    items.join("\n")
}

fn marker_for(ordered: bool, alt: bool, n: u64) -> String {
    match (ordered, alt) {
        (true, false) => format!("{n}."),
        (true, true) => format!("{n})"),
        (false, false) => "-".to_string(),
        (false, true) => "+".to_string(),
    }
}

/// An item (`None` when it has no content).
fn list_item(marker: &str, item: &ListItem) -> Option<String> {
    let body = blocks(&item.blocks, true);
    if body.is_empty() {
        return None;
    }
    let indent = " ".repeat(marker.len() + 1);
    let first_line = body.split('\n').next().unwrap_or_default();
    if is_thematic_break(&format!("{marker} {first_line}")) {
        // `- ---` would be a thematic break: start the item with an empty line instead.
        return Some(format!(
            "{marker}\n{}",
            prefix_lines(&body, &indent, &indent)
        ));
    }
    Some(prefix_lines(&body, &format!("{marker} "), &indent))
}

fn quote(inner: &[Block]) -> String {
    let body = blocks(inner, false);
    if body.is_empty() {
        return body;
    }
    body.split('\n')
        .map(|l| {
            if l.is_empty() {
                ">".to_string()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn footnote(id: &str, inner: &[Block]) -> String {
    // Footnote definitions do not nest: nested ones follow this one instead.
    let (nested, own): (Vec<Block>, Vec<Block>) = inner
        .iter()
        .cloned()
        .partition(|b| matches!(b, Block::Footnote { .. }));
    let head = format!("[^{}]:", footnote_label(id));
    let (body, first) = blocks_and_first(&own, false);
    let mut out = if body.is_empty() {
        head
    } else if matches!(first, Some(Block::Paragraph { .. })) {
        prefix_lines(&body, &format!("{head} "), "    ")
    } else {
        format!("{head}\n{}", prefix_lines(&body, "    ", "    "))
    };
    for n in &nested {
        let s = block(n);
        if !s.is_empty() {
            out.push_str("\n\n");
            out.push_str(&s);
        }
    }
    out
}

fn table(t: &Table) -> String {
    let width = t
        .rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(t.head.len()))
        .max()
        .unwrap_or(0);
    let caption = inlines(&t.caption, Ctx::default());
    if width == 0 {
        return caption;
    }
    let mut lines: Vec<String> = Vec::with_capacity(t.rows.len() + 2);
    lines.push(table_row(&t.head, width));
    lines.push(format!("|{}", " --- |".repeat(width)));
    lines.extend(t.rows.iter().map(|r| table_row(r, width)));
    let table = lines.join("\n");
    if caption.is_empty() {
        table
    } else {
        format!("{caption}\n\n{table}")
    }
}

fn table_row(cells: &[Cell], width: usize) -> String {
    let ctx = Ctx {
        single_line: true,
        in_table: true,
        ..Ctx::default()
    };
    let mut out = String::new();
    for i in 0..width {
        let cell = cells
            .get(i)
            .map(|c| inlines(&c.content, ctx))
            .unwrap_or_default();
        out.push_str("| ");
        out.push_str(&cell);
        out.push(' ');
    }
    out.push('|');
    out
}

/// Normalise line endings to `\n`.
fn lf(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

fn longest_backtick_run(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

fn code_block(lang: Option<&str>, text: &str) -> String {
    let text = lf(text);
    let text = text.trim_end_matches('\n');
    let fence = "`".repeat(longest_backtick_run(text).max(2) + 1);
    let info = lang.unwrap_or_default();
    if text.is_empty() {
        format!("{fence}{info}\n{fence}")
    } else {
        format!("{fence}{info}\n{text}\n{fence}")
    }
}

fn figure(images: &[Image], caption: &[Inline]) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(images.len() + 1);
    for img in images {
        let mut w = Writer::new(Ctx::default(), true);
        w.image(img);
        parts.push(w.finish());
    }
    parts.push(inlines(caption, Ctx::default()));
    parts.retain(|p| !p.is_empty());
    parts.join("\n\n")
}

/// Characters that, inside math, could be markup for a renderer without math support.
const MATH_UNSAFE: &[char] = &['$', '`', '<', '[', ']', '|'];

/// A display-math line is safe when it cannot start a block inside a paragraph.
fn math_line_safe(line: &str) -> bool {
    let l = line.trim_start();
    let Some(c) = l.chars().next() else {
        return false;
    };
    if c.is_ascii_digit() {
        return ordered_marker_punct(&l.chars().collect::<Vec<_>>()).is_none();
    }
    c.is_alphanumeric() || "\\{}()^'\",.:;!?/%".contains(c)
}

fn math_block(tex: &str) -> String {
    let tex = lf(tex);
    let tex = tex.trim_matches('\n');
    if tex.trim().is_empty() {
        return String::new();
    }
    if !tex.contains(MATH_UNSAFE) && tex.split('\n').all(math_line_safe) {
        format!("$$\n{tex}\n$$")
    } else {
        code_block(Some("math"), tex)
    }
}

// ---------------------------------------------------------------------------------------
// Inlines

#[derive(Debug, Clone, Copy, Default)]
struct Ctx {
    /// Headings, table cells, alt text: line breaks become spaces.
    single_line: bool,
    /// GFM table cell: `|` inside code spans is written `\|`.
    in_table: bool,
    /// Inside link text: nested links are written as their text.
    in_link: bool,
    /// Inside `~~…~~`: nested strike is written as its content.
    in_strike: bool,
    /// Inside `*…*` or `**…**`: nested emphasis must flank strictly.
    in_star: bool,
}

impl Ctx {
    fn single_line() -> Ctx {
        Ctx {
            single_line: true,
            ..Ctx::default()
        }
    }
}

/// Render a run of inlines as one block's content (leading whitespace and trailing
/// whitespace/breaks dropped).
fn inlines(content: &[Inline], ctx: Ctx) -> String {
    let mut w = Writer::new(ctx, true);
    w.seq(content);
    w.finish()
}

/// Always escaped in text.
const ALWAYS_ESCAPED: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '#', '|', '~', '$', '&', '^', '{', '}',
];

/// Index of the `.`/`)` that makes `chars` start like an ordered list marker (`12.`).
fn ordered_marker_punct(chars: &[char]) -> Option<usize> {
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    (digits > 0 && matches!(chars.get(digits), Some('.' | ')'))).then_some(digits)
}

/// A rendered inline run split from its edge whitespace and line breaks, so delimiters
/// can hug the content.
struct Piece {
    core: String,
    lead_break: bool,
    lead_ws: bool,
    trail_break: bool,
    trail_ws: bool,
}

struct Writer {
    out: String,
    ctx: Ctx,
    /// At the start of a line: skip whitespace, escape block-starting characters.
    line_start: bool,
    /// Right after a footnote reference: escape `(` and `:`.
    after_ref: bool,
    /// A line break was dropped at the very start (reported to the enclosing writer).
    lead_break: bool,
    /// Candidates for the first character written after the current inline (`None`: a
    /// delimiter or the end of the line).
    next: Vec<Option<char>>,
    /// Nothing but whitespace or line breaks follows the current inline in this writer
    /// (they will be moved outside an enclosing wrapper).
    next_trailing: bool,
    /// For a nested writer: candidates for the character just before the enclosing
    /// wrapper, which precedes this content if the wrapper drops its delimiters.
    edge_prev: Vec<Option<char>>,
}

impl Writer {
    fn new(ctx: Ctx, line_start: bool) -> Writer {
        Writer {
            out: String::new(),
            ctx,
            line_start,
            after_ref: false,
            lead_break: false,
            next: vec![None],
            next_trailing: true,
            edge_prev: vec![None],
        }
    }

    /// A writer for the content of an emphasis-style wrapper written at this point. It
    /// inherits `line_start`: should the delimiters be dropped, the content starts the line.
    fn nested(&self, ctx: Ctx) -> Writer {
        let mut w = Writer::new(ctx, self.line_start);
        w.edge_prev = self.prev_candidates();
        w.next = with_delimiter(self.next.clone());
        w
    }

    /// Candidates for the character before what is written next: the last one written,
    /// or, when only leading whitespace was written (it moves outside an enclosing
    /// wrapper), the enclosing delimiter (`None`) or what precedes the wrapper.
    fn prev_candidates(&self) -> Vec<Option<char>> {
        if !self.out.trim_start_matches([' ', '\t']).is_empty() {
            return vec![self.out.chars().last()];
        }
        if !self.out.is_empty() {
            vec![None, Some(' ')]
        } else if self.lead_break {
            vec![None, Some('\n')]
        } else {
            with_delimiter(self.edge_prev.clone())
        }
    }

    /// The content with trailing whitespace and line breaks removed.
    fn finish(self) -> String {
        self.into_piece().core
    }

    fn into_piece(self) -> Piece {
        let lead_break = self.lead_break;
        let mut s = self.out;
        let trimmed = s.trim_start_matches([' ', '\t']);
        let lead_ws = trimmed.len() != s.len();
        s = trimmed.to_string();
        let (mut trail_break, mut trail_ws) = (false, false);
        loop {
            // Text never contains '\n': every newline is a hard break ("\\\n").
            if s.ends_with('\n') {
                s.truncate(s.len().saturating_sub(2));
                trail_break = true;
            } else if s.ends_with([' ', '\t']) {
                s.pop();
                trail_ws = true;
            } else {
                break;
            }
        }
        Piece {
            core: s,
            lead_break,
            lead_ws,
            trail_break,
            trail_ws,
        }
    }

    fn markup(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.out.push_str(s);
        self.line_start = false;
        self.after_ref = false;
    }

    fn space(&mut self) {
        if !self.line_start {
            self.markup(" ");
        }
    }

    fn line_break(&mut self) {
        if self.ctx.single_line {
            self.space();
        } else if self.out.is_empty() && !self.line_start {
            self.lead_break = true;
            self.line_start = true;
        } else if !self.line_start {
            self.markup("\\\n");
            self.line_start = true;
        }
    }

    /// Write `[` (or `![`), escaping a preceding unescaped `!` so that a link never turns
    /// into an image.
    fn open_bracket(&mut self, s: &str) {
        if ends_with_unescaped(&self.out, '!') {
            self.out.pop();
            self.out.push_str("\\!");
        }
        self.markup(s);
    }

    fn seq(&mut self, content: &[Inline]) {
        let (outer_next, outer_trailing) = (self.next.clone(), self.next_trailing);
        let mut i = 0;
        while i < content.len() {
            // Adjacent text nodes are escaped as one run (line-start rules span them);
            // adjacent code spans, emphasis, strong or strike are written as one (their
            // backtick or delimiter runs would otherwise fuse: `*a**b*`).
            let end = run_end(content, i);
            self.set_next(&content[end..], &outer_next, outer_trailing);
            let run = &content[i..end];
            match run {
                [Inline::Text { .. }, ..] => self.text(&concat(run)),
                [Inline::Code { .. }, ..] => self.code_span(&concat(run)),
                [single] => self.inline(single),
                _ => self.inline(&merge_wrappers(run)),
            }
            i = end;
        }
    }

    /// Whether the next character written may be a `[` (a link or footnote reference).
    fn bracket_follows(&self) -> bool {
        self.next.contains(&Some('['))
    }

    /// Set `next` from the inlines following the current one in this sequence (and the
    /// candidates after the sequence itself).
    fn set_next(&mut self, following: &[Inline], outer: &[Option<char>], outer_trailing: bool) {
        let blank = |i: &Inline| match i {
            Inline::Text { text } => text.chars().all(char::is_whitespace),
            Inline::LineBreak => true,
            _ => false,
        };
        if !following.iter().all(blank) {
            self.next = vec![lead_char(following, self.ctx.in_link)];
            self.next_trailing = false;
            return;
        }
        let mut next = Vec::new();
        if let Some(first) = following.first() {
            let is_break = matches!(first, Inline::LineBreak) && !self.ctx.single_line;
            next.push(Some(if is_break { '\\' } else { ' ' }));
        }
        if outer_trailing || following.is_empty() {
            next.extend_from_slice(outer);
        }
        self.next = next;
        self.next_trailing = outer_trailing;
    }

    fn text(&mut self, s: &str) {
        let chars: Vec<char> = s
            .chars()
            .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
            .collect();
        let mut escape_at = None;
        for (i, &c) in chars.iter().enumerate() {
            if self.line_start {
                if matches!(c, ' ' | '\t') {
                    continue;
                }
                escape_at = ordered_marker_punct(&chars[i..]).map(|j| i + j);
            }
            let punct = c.is_ascii_punctuation();
            let bang_before_bracket = c == '!' && i + 1 == chars.len() && self.bracket_follows();
            if ALWAYS_ESCAPED.contains(&c)
                || (punct && self.line_start)
                || (self.after_ref && matches!(c, '(' | ':'))
                || escape_at == Some(i)
                || bang_before_bracket
            {
                self.out.push('\\');
            }
            self.out.push(c);
            self.line_start = false;
            self.after_ref = false;
        }
    }

    fn inline(&mut self, i: &Inline) {
        match i {
            Inline::Text { text } => self.text(text),
            Inline::Emphasis { content } => self.star_wrap("*", content),
            Inline::Strong { content } => self.star_wrap("**", content),
            Inline::Strike { content } if self.ctx.in_strike => self.seq(content),
            Inline::Strike { content } => {
                let ctx = Ctx {
                    in_strike: true,
                    ..self.ctx
                };
                self.wrap("~~", "~~", content, ctx);
            }
            Inline::Superscript { content }
                if !content.is_empty()
                    && content
                        .iter()
                        .all(|c| matches!(c, Inline::FootnoteRef { .. })) =>
            {
                self.seq(content);
            }
            Inline::Superscript { content } => self.literal_wrap("\\^(", ")", content),
            Inline::Subscript { content } => self.literal_wrap("\\_(", ")", content),
            Inline::Code { text } => self.code_span(text),
            Inline::Link { href, content } => self.link(href, content),
            Inline::Image(img) => self.image(img),
            Inline::Math { tex } => self.inline_math(tex),
            Inline::FootnoteRef { id } => {
                self.open_bracket("[");
                self.markup(&format!("^{}]", footnote_label(id)));
                self.after_ref = true;
            }
            Inline::LineBreak => self.line_break(),
        }
    }

    /// Emphasis, strong, strike: `content` rendered in a nested writer, then written
    /// between delimiters that must flank it (edge whitespace and line breaks moved
    /// outside); when CommonMark would not pair them (`a**(b)**`, `文**「字」**`), the
    /// content is written without them.
    fn wrap(&mut self, delim: &str, close: &str, content: &[Inline], ctx: Ctx) {
        let mode = if self.ctx.in_star && delim.starts_with('*') {
            Flank::Strict
        } else {
            Flank::Normal
        };
        let mut sub = self.nested(ctx);
        sub.seq(content);
        self.put(delim, sub.into_piece(), close, mode);
    }

    fn star_wrap(&mut self, delim: &str, content: &[Inline]) {
        let ctx = Ctx {
            in_star: true,
            ..self.ctx
        };
        self.wrap(delim, delim, content, ctx);
    }

    /// Superscript and subscript: literal (escaped) markers around the content.
    fn literal_wrap(&mut self, open: &str, close: &str, content: &[Inline]) {
        let mut sub = Writer::new(self.ctx, false);
        sub.seq(content);
        self.put(open, sub.into_piece(), close, Flank::Literal);
    }

    /// Write a rendered piece between `open` and `close` (or without them when they
    /// would not pair, see [`flanks`]), its edge whitespace and breaks outside.
    fn put(&mut self, open: &str, p: Piece, close: &str, mode: Flank) {
        if p.lead_break {
            self.line_break();
        }
        if p.lead_ws {
            self.space();
        }
        let (prevs, nexts) = self.neighbours(&p);
        // Delimiter runs fused with a nested wrapper's (`***x* y**`) must flank strictly,
        // or CommonMark's "multiple of 3" rule may pair them differently.
        let fused =
            open.starts_with('*') && (p.core.starts_with('*') || ends_with_unescaped(&p.core, '*'));
        let mode = if mode == Flank::Normal && fused {
            Flank::Strict
        } else {
            mode
        };
        let ok = prevs
            .iter()
            .all(|&pv| nexts.iter().all(|&nx| flanks(pv, &p.core, nx, mode)));
        if !ok || (mode != Flank::Literal && self.ends_with_delimiter(open)) {
            self.markup(&p.core);
        } else if !p.core.is_empty() {
            if open.starts_with('[') || open.starts_with("![") {
                self.open_bracket(open);
            } else {
                self.markup(open);
            }
            self.markup(&p.core);
            self.markup(close);
        }
        if p.trail_break {
            self.line_break();
        } else if p.trail_ws {
            self.space();
        }
    }

    /// Candidate characters before and after a wrapper's delimiters: as written, or, at
    /// the edges of a nested writer (whose edge whitespace and breaks move outside the
    /// enclosing wrapper), both what follows if the enclosing wrapper keeps its
    /// delimiters (`None`, a delimiter) and what follows if it drops them.
    fn neighbours(&self, p: &Piece) -> (Vec<Option<char>>, Vec<Option<char>>) {
        let prevs = self.prev_candidates();
        // A hard break is written "\\\n": the delimiter is followed by a backslash.
        let brk = if self.ctx.single_line { ' ' } else { '\\' };
        let trail = if p.trail_break {
            Some(brk)
        } else if p.trail_ws {
            Some(' ')
        } else {
            None
        };
        let nexts = match (trail, self.next_trailing) {
            (Some(c), false) => vec![Some(c)],
            (Some(c), true) => vec![None, Some(c)],
            (None, _) => self.next.clone(),
        };
        (prevs, nexts)
    }

    /// Whether the output ends with an unescaped `*`/`~` that `open` would extend into a
    /// longer (differently paired) delimiter run.
    fn ends_with_delimiter(&self, open: &str) -> bool {
        open.chars().next().is_some_and(|c| {
            ends_with_unescaped(&self.out, c)
                || (self.out.is_empty() && self.edge_prev.contains(&Some(c)))
        })
    }

    fn code_span(&mut self, code: &str) {
        let mut t = code.replace(['\r', '\n'], " ");
        if t.is_empty() {
            return;
        }
        // Right after another code span (across a wrapper that wrote no delimiters) the
        // backtick runs would merge; in link text a `]` would end a link label early
        // (`[x `]:` y](u)` reads as a link reference definition). Write such code as text.
        if self.prev_candidates().contains(&Some('`')) || (self.ctx.in_link && t.contains(']')) {
            self.text(&t);
            return;
        }
        if self.ctx.in_table {
            t = t.replace('|', "\\|");
        }
        let ticks = "`".repeat(code_span_ticks(&t));
        let pad = t.starts_with('`')
            || t.ends_with('`')
            || (t.starts_with(' ') && t.ends_with(' ') && !t.trim().is_empty());
        let pad = if pad { " " } else { "" };
        self.markup(&format!("{ticks}{pad}{t}{pad}{ticks}"));
    }

    fn link(&mut self, href: &str, content: &[Inline]) {
        let url = safe_href(href).filter(|_| !self.ctx.in_link);
        let Some(url) = url else {
            self.seq(content);
            return;
        };
        let ctx = Ctx {
            in_link: true,
            ..self.ctx
        };
        let mut sub = Writer::new(ctx, false);
        sub.seq(content);
        let mut piece = sub.into_piece();
        if piece.core.is_empty() {
            let mut label = Writer::new(ctx, false);
            label.text(url);
            piece.core = label.finish();
        }
        self.put(
            "[",
            piece,
            &format!("]({})", destination(url)),
            Flank::Literal,
        );
    }

    fn image(&mut self, img: &Image) {
        let Some(src) = safe_img_src(&img.src) else {
            self.text(&img.alt);
            return;
        };
        let mut alt = Writer::new(Ctx::single_line(), false);
        alt.text(&img.alt);
        let alt = alt.finish();
        let title = img
            .title
            .as_deref()
            .map(|t| format!(" \"{}\"", escape_all_punct(t)))
            .unwrap_or_default();
        self.open_bracket("![");
        self.markup(&format!("{alt}]({}{title})", destination(src)));
    }

    fn inline_math(&mut self, tex: &str) {
        let tex = tex.replace(['\r', '\n'], " ");
        if tex.trim().is_empty() {
            return;
        }
        let plain = !tex.contains(MATH_UNSAFE)
            && !tex.starts_with(char::is_whitespace)
            && !tex.ends_with(char::is_whitespace)
            && !tex.ends_with('\\');
        if plain {
            self.markup(&format!("${tex}$"));
        } else {
            self.markup("$");
            self.code_span(&tex);
            self.markup("$");
        }
    }
}

/// Which inlines coalesce with an adjacent inline of the same kind.
fn run_kind(i: &Inline) -> Option<u8> {
    match i {
        Inline::Text { .. } => Some(0),
        Inline::Code { .. } => Some(1),
        Inline::Emphasis { .. } => Some(2),
        Inline::Strong { .. } => Some(3),
        Inline::Strike { .. } => Some(4),
        _ => None,
    }
}

/// End (exclusive) of the run of same-kind inlines starting at `i`.
fn run_end(content: &[Inline], i: usize) -> usize {
    match content.get(i).and_then(run_kind) {
        None => i + 1,
        Some(k) => {
            i + content[i..]
                .iter()
                .take_while(|x| run_kind(x) == Some(k))
                .count()
        }
    }
}

/// The text of a run of text or code inlines.
fn concat(run: &[Inline]) -> String {
    run.iter()
        .map(|i| match i {
            Inline::Text { text } | Inline::Code { text } => text.as_str(),
            _ => "",
        })
        .collect()
}

/// A run of emphasis, strong or strike inlines as one inline of that kind.
fn merge_wrappers(run: &[Inline]) -> Inline {
    let content: Vec<Inline> = run
        .iter()
        .flat_map(|i| match i {
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content } => content.clone(),
            other => vec![other.clone()],
        })
        .collect();
    match run.first() {
        Some(Inline::Strong { .. }) => Inline::Strong { content },
        Some(Inline::Strike { .. }) => Inline::Strike { content },
        _ => Inline::Emphasis { content },
    }
}

/// Neighbour candidates plus `None` (an enclosing delimiter), without duplicates.
fn with_delimiter(mut v: Vec<Option<char>>) -> Vec<Option<char>> {
    if !v.contains(&None) {
        v.push(None);
    }
    v
}

/// Whether `s` ends with `c` not preceded by an escaping backslash.
fn ends_with_unescaped(s: &str, c: char) -> bool {
    let Some(before) = s.strip_suffix(c) else {
        return false;
    };
    let backslashes = before.len() - before.trim_end_matches('\\').len();
    backslashes % 2 == 0
}

/// CommonMark's notion of punctuation (Unicode P and S, see `render/punct.rs`). Control,
/// format and combining characters are neither punctuation nor whitespace: next to a
/// delimiter they count as letters.
fn is_punct(c: char) -> bool {
    super::punct::is_punctuation(c)
}

/// Whether emphasis delimiters around `core` would be left- and right-flanking given the
/// characters before (`prev`) and after (`next`); `None` is a line edge or a delimiter.
///
/// `Flank::Strict` (a `*` run inside another `*` run) also requires the opener not to be
/// right-flanking and the closer not to be left-flanking, so that an inner delimiter can
/// never pair with an outer one.
fn flanks(prev: Option<char>, core: &str, next: Option<char>, mode: Flank) -> bool {
    let (Some(first), Some(last)) = (core.chars().next(), core.chars().last()) else {
        return false;
    };
    if mode == Flank::Literal {
        return true;
    }
    if first.is_whitespace() || last.is_whitespace() {
        return false;
    }
    let ws = |c: Option<char>| c.is_some_and(char::is_whitespace);
    let punct_or_edge = |c: Option<char>| match c {
        None => true,
        Some(c) => c.is_whitespace() || is_punct(c),
    };
    match mode {
        Flank::Literal => true,
        Flank::Normal => {
            (!is_punct(first) || punct_or_edge(prev)) && (!is_punct(last) || punct_or_edge(next))
        }
        Flank::Strict => {
            (ws(prev) || (punct_or_edge(prev) && !is_punct(first)))
                && (ws(next) || (punct_or_edge(next) && !is_punct(last)))
        }
    }
}

/// How delimiters around a nested run must relate to their neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flank {
    /// Literal markers (links, `^(…)`): no flanking rules.
    Literal,
    /// Emphasis-style delimiters: CommonMark's left/right-flanking rules.
    Normal,
    /// Emphasis-style delimiters nested in a run of the same character.
    Strict,
}

/// Approximately the first character a run of inlines renders as (for flanking
/// decisions). Emphasis-style wrappers count as their content (they may be written
/// without delimiters; with delimiters the character is `*`/`~`, which never hurts).
/// Inside link text (`in_link`) links, and code runs holding `]`, are written as text.
fn lead_char(content: &[Inline], in_link: bool) -> Option<char> {
    let first = content.first()?;
    // What writes nothing is skipped: the `!` of an image's alt text before it must see
    // the `[` of a link after it.
    if writes_nothing(std::slice::from_ref(first)) {
        return lead_char(&content[1..], in_link);
    }
    match first {
        Inline::Emphasis { content: c }
        | Inline::Strong { content: c }
        | Inline::Strike { content: c } => lead_char(c, in_link),
        Inline::Text { text } => {
            text.chars()
                .next()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        }
        Inline::LineBreak => Some('\\'),
        Inline::Link { href, content: c } if in_link || safe_href(href).is_none() => {
            lead_char(c, in_link)
        }
        Inline::Image(img) if safe_img_src(&img.src).is_none() => img.alt.chars().next(),
        Inline::Link { .. } | Inline::FootnoteRef { .. } => Some('['),
        Inline::Image(_) => Some('!'),
        Inline::Code { .. } if in_link => {
            let run = concat(&content[..run_end(content, 0)]);
            if run.contains(']') {
                run.chars().next()
            } else {
                Some('`')
            }
        }
        Inline::Code { .. } => Some('`'),
        Inline::Math { .. } => Some('$'),
        Inline::Superscript { .. } | Inline::Subscript { .. } => Some('\\'),
    }
}

/// Whether these inlines write no character at all: empty text, code and math, an image
/// with an unsafe source and no alt text, and wrappers around only such inlines (their
/// delimiters are not written around nothing).
fn writes_nothing(content: &[Inline]) -> bool {
    content.iter().all(|i| match i {
        Inline::Text { text } | Inline::Code { text } => text.is_empty(),
        Inline::Math { tex } => tex.trim().is_empty(),
        Inline::Image(img) => safe_img_src(&img.src).is_none() && img.alt.is_empty(),
        Inline::Emphasis { content }
        | Inline::Strong { content }
        | Inline::Strike { content }
        | Inline::Superscript { content }
        | Inline::Subscript { content } => writes_nothing(content),
        Inline::Link { .. } | Inline::FootnoteRef { .. } | Inline::LineBreak => false,
    })
}

/// The shortest backtick run that does not occur in `code`.
fn code_span_ticks(code: &str) -> usize {
    let runs: Vec<usize> = code
        .split(|c| c != '`')
        .map(str::len)
        .filter(|&n| n > 0)
        .collect();
    (1..).find(|n| !runs.contains(n)).unwrap_or(1)
}

/// A link destination: `<` `>` `|` `` ` `` percent-encoded, `\` escaped, wrapped in
/// `<…>` when it contains spaces or parentheses.
fn destination(url: &str) -> String {
    let mut s = String::with_capacity(url.len());
    // An IPv6 host keeps its brackets: `scheme://[` … `]`.
    let host_end = url
        .find("://")
        .filter(|&i| url[i + 3..].starts_with('['))
        .and_then(|i| url[i..].find(']').map(|j| i + j + 1))
        .unwrap_or(0);
    for (i, c) in url.char_indices() {
        match c {
            '<' => s.push_str("%3C"),
            '>' => s.push_str("%3E"),
            '|' => s.push_str("%7C"),
            '`' => s.push_str("%60"),
            // Should the link not form (a reader that pairs brackets differently), the
            // destination is read as text: without brackets it cannot hold a link or an
            // image (`![x](javascript:…)`).
            '[' if i >= host_end => s.push_str("%5B"),
            ']' if i >= host_end => s.push_str("%5D"),
            '\\' => s.push_str("\\\\"),
            c => s.push(c),
        }
    }
    if s.contains([' ', '(', ')']) {
        format!("<{s}>")
    } else {
        s
    }
}

/// Backslash-escape every ASCII punctuation character (link titles); newlines become
/// spaces.
fn escape_all_punct(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(if matches!(c, '\n' | '\r') { ' ' } else { c });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dir;
    use crate::render::text::{inline_text, to_text};
    use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

    fn t(s: &str) -> Inline {
        Inline::text(s)
    }
    fn p(content: Vec<Inline>) -> Block {
        Block::Paragraph { content }
    }
    fn item(blocks: Vec<Block>) -> ListItem {
        ListItem { blocks }
    }
    fn ul(items: Vec<ListItem>) -> Block {
        Block::List {
            ordered: false,
            start: None,
            items,
        }
    }
    fn md(blocks: Vec<Block>) -> String {
        let a = Article {
            blocks,
            ..Article::default()
        };
        to_markdown(&a, &MarkdownOptions::default())
    }
    fn para(s: &str) -> String {
        md(vec![p(vec![t(s)])])
    }

    fn gfm() -> Options {
        Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_GFM
    }
    fn extended() -> Options {
        gfm()
            | Options::ENABLE_MATH
            | Options::ENABLE_SUPERSCRIPT
            | Options::ENABLE_SUBSCRIPT
            | Options::ENABLE_WIKILINKS
            | Options::ENABLE_DEFINITION_LIST
            | Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
            | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
    }

    fn dest_ok(d: &CowStr, image: bool) -> bool {
        let l = d.to_ascii_lowercase();
        let web = l.starts_with("http://") || l.starts_with("https://");
        if image {
            web || l.starts_with("data:image/png") || l.starts_with("data:image/jpeg")
        } else {
            web || l.starts_with("mailto:") || l.starts_with('#')
        }
    }

    /// Parse with both option sets; assert no HTML and only allowlisted destinations.
    fn assert_safe(markdown: &str) {
        for opts in [gfm(), extended()] {
            for ev in Parser::new_ext(markdown, opts) {
                match &ev {
                    Event::Html(h) | Event::InlineHtml(h) => {
                        panic!("raw HTML {h:?} in:\n{markdown}")
                    }
                    Event::Start(Tag::Link { dest_url, .. }) => {
                        assert!(dest_ok(dest_url, false), "{dest_url} in:\n{markdown}")
                    }
                    Event::Start(Tag::Image { dest_url, .. }) => {
                        assert!(dest_ok(dest_url, true), "{dest_url} in:\n{markdown}")
                    }
                    Event::Start(Tag::HtmlBlock) => panic!("HTML block in:\n{markdown}"),
                    _ => {}
                }
            }
        }
    }

    /// Text + code of each parsed paragraph.
    fn paragraph_texts(markdown: &str, opts: Options) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur: Option<String> = None;
        for ev in Parser::new_ext(markdown, opts) {
            match ev {
                Event::Start(Tag::Paragraph) => cur = Some(String::new()),
                Event::End(TagEnd::Paragraph) => out.extend(cur.take()),
                Event::Text(s) | Event::Code(s) => {
                    if let Some(c) = cur.as_mut() {
                        c.push_str(&s);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(c) = cur.as_mut() {
                        c.push('\n');
                    }
                }
                _ => {}
            }
        }
        out
    }

    const TRICKY: &[&str] = &[
        "中文：标点符号。「引号」《书名》——破折号……（括号）【方括号】",
        "日本語のテキスト、カタカナ・ひらがな！？ 한국어 텍스트입니다.",
        "العربية: مرحبا بالعالم! (اختبار) ١٢٣ — «اقتباس»",
        "עברית: שלום עולם [1] מ־2024",
        "Emoji 👩‍👩‍👧‍👦 🇯🇵 ❤️ 1️⃣ #️⃣ *️⃣ 🏳️‍🌈",
        "Combining: e\u{301} n\u{303} Z\u{324}\u{354}\u{367}\u{311} \u{61}\u{30a}",
        r##"!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"##,
        "# not a heading",
        "## not a heading either #",
        "1. not a list",
        "2024) not a list",
        "- not a list",
        "+ not a list",
        "* not a list",
        "> not a quote",
        "=== not a setext underline",
        "---",
        "***",
        "___",
        "```js",
        "~~~",
        ": not a definition",
        "[^1]: not a footnote",
        "[x]: https://evil.example not a reference",
        "<script>alert(1)</script>",
        "<!-- comment --> <div onclick=x>",
        "[x](javascript:alert(1))",
        "![i](https://e.com/i.png) [[wiki]]",
        "&amp; &lt;script&gt; &#x41; &copy",
        "| a | b |",
        "\\*not em\\* snake_case_name **also** __not__ ~~no~~",
        "$x$ and $$y$$ cost $5",
        "x^2^ and H~2~O",
        "ends with a backslash \\",
        "Heading attrs {#id .class}",
        "<https://autolink.example> <a@b.c>",
        "trailing bang!",
    ];

    #[test]
    fn tricky_text_round_trips_exactly() {
        for s in TRICKY {
            let out = para(s);
            assert_safe(&out);
            for opts in [gfm(), extended()] {
                assert_eq!(paragraph_texts(&out, opts), vec![s.to_string()], "{out}");
            }
        }
    }

    #[test]
    fn mixed_inlines_round_trip_text() {
        let content = vec![
            t("a "),
            Inline::Strong {
                content: vec![t("bold!")],
            },
            Inline::Link {
                href: "https://e.com/a_(b)?q=1|2".into(),
                content: vec![t("link [x]")],
            },
            t(" "),
            Inline::Code {
                text: "x ` y ``z".into(),
            },
            t(" "),
            Inline::Emphasis {
                content: vec![t(" spaced ")],
            },
            t("(d) "),
            Inline::Strike {
                content: vec![Inline::Strike {
                    content: vec![t("double")],
                }],
            },
            Inline::Code { text: "`".into() },
            Inline::Link {
                href: "javascript:alert(1)".into(),
                content: vec![t("(not a link)")],
            },
            t("中文"),
            Inline::Emphasis {
                content: vec![t("强调")],
            },
            t("。"),
        ];
        let out = md(vec![p(content.clone())]);
        assert_safe(&out);
        for opts in [gfm(), extended()] {
            assert_eq!(
                paragraph_texts(&out, opts),
                vec![inline_text(&content)],
                "{out}"
            );
        }
        assert!(
            out.contains("[link \\[x\\]](<https://e.com/a_(b)?q=1%7C2>)"),
            "{out}"
        );
        assert!(out.contains("```x ` y ``z```"), "{out}");
        assert!(out.contains("  *spaced* (d)"), "{out}");
        assert!(out.contains("~~double~~"), "{out}");
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains("~~`` ` ``(not a link)"), "{out}");
    }

    #[test]
    fn escaping_examples() {
        assert_eq!(
            para("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>\n"
        );
        assert_eq!(
            para("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))\n"
        );
        assert_eq!(para("# title"), "\\# title\n");
        assert_eq!(para("1. one"), "1\\. one\n");
        assert_eq!(para("- item"), "\\- item\n");
        assert_eq!(para("   + item"), "\\+ item\n");
        assert_eq!(para("a - b + c = d. e!"), "a - b + c = d. e!\n");
        assert_eq!(para("&amp; a&b"), "\\&amp; a\\&b\n");
        assert_eq!(para("50% off: $5 (today)"), "50% off: \\$5 (today)\n");
        assert_eq!(
            md(vec![p(vec![
                t("a"),
                Inline::LineBreak,
                t("# b"),
                Inline::LineBreak
            ])]),
            "a\\\n\\# b\n"
        );
    }

    #[test]
    fn code_blocks_use_longer_fences() {
        let out = md(vec![Block::Code {
            lang: Some("markdown".into()),
            text: "```\n<script>\n````x\n".into(),
        }]);
        assert_eq!(out, "`````markdown\n```\n<script>\n````x\n`````\n");
        let out = md(vec![Block::Code {
            lang: Some("js\" onload=x ```".into()),
            text: "a".into(),
        }]);
        assert_eq!(out, "```\na\n```\n");
        let parsed: Vec<Event> = Parser::new_ext(&out, gfm()).collect();
        assert!(parsed.contains(&Event::Text("a\n".into())));
    }

    #[test]
    fn code_block_content_survives_parsing() {
        let code = "fn main() {\n    println!(\"```\");\n\n    // <b>&amp;</b>\n}";
        for wrap in [false, true] {
            let b = Block::Code {
                lang: Some("rust".into()),
                text: code.into(),
            };
            let b = if wrap {
                Block::Quote {
                    blocks: vec![ul(vec![item(vec![p(vec![t("x")]), b])])],
                }
            } else {
                b
            };
            let out = md(vec![b]);
            assert_safe(&out);
            let text: String = Parser::new_ext(&out, gfm())
                .skip_while(|e| !matches!(e, Event::Start(Tag::CodeBlock(_))))
                .take_while(|e| !matches!(e, Event::End(TagEnd::CodeBlock)))
                .filter_map(|e| match e {
                    Event::Text(s) => Some(s.to_string()),
                    _ => None,
                })
                .collect();
            assert_eq!(text, format!("{code}\n"), "{out}");
        }
    }

    #[test]
    fn tables() {
        let cell = |s: &str| Cell {
            content: vec![t(s)],
        };
        let out = md(vec![Block::Table(Table {
            caption: vec![],
            head: vec![],
            rows: vec![
                vec![
                    cell("a|b"),
                    Cell {
                        content: vec![t("x"), Inline::LineBreak, t("y")],
                    },
                ],
                vec![Cell {
                    content: vec![Inline::Code { text: "p|q".into() }],
                }],
            ],
        })]);
        assert_eq!(
            out,
            "|  |  |\n| --- | --- |\n| a\\|b | x y |\n| `p\\|q` |  |\n"
        );
        assert_safe(&out);
        let cells: Vec<String> = Parser::new_ext(&out, gfm())
            .filter_map(|e| match e {
                Event::Text(s) | Event::Code(s) => Some(s.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(cells.concat(), "a|bx yp|q");
        let out = md(vec![Block::Table(Table {
            caption: vec![t("Cap")],
            head: vec![cell("H1"), cell("- H2")],
            rows: vec![vec![cell("1")]],
        })]);
        assert_eq!(out, "Cap\n\n| H1 | \\- H2 |\n| --- | --- |\n| 1 |  |\n");
    }

    #[test]
    fn lists_nesting_and_numbering() {
        let nested = Block::List {
            ordered: true,
            start: Some(9),
            items: vec![
                item(vec![p(vec![t("nine")])]),
                item(vec![p(vec![t("ten")]), p(vec![t("ten b")])]),
            ],
        };
        let out = md(vec![
            ul(vec![
                item(vec![
                    p(vec![t("a")]),
                    ul(vec![item(vec![p(vec![t("a1")])])]),
                ]),
                item(vec![p(vec![t("b")]), nested]),
                item(vec![]),
                item(vec![Block::Rule]),
            ]),
            ul(vec![item(vec![p(vec![t("second list")])])]),
        ]);
        assert_eq!(
            out,
            "- a\n  - a1\n- b\n\n  9. nine\n  10. ten\n\n      ten b\n-\n-\n  ---\n\n+ second list\n"
        );
        assert_safe(&out);
        let items = Parser::new_ext(&out, gfm())
            .filter(|e| matches!(e, Event::Start(Tag::List(_))))
            .count();
        assert_eq!(items, 4, "two top-level lists, two nested: {out}");
        let rules = Parser::new_ext(&out, gfm())
            .filter(|e| matches!(e, Event::Rule))
            .count();
        assert_eq!(rules, 1);
    }

    #[test]
    fn quotes_footnotes_figures_math() {
        let out = md(vec![
            Block::Quote {
                blocks: vec![
                    p(vec![t("q1")]),
                    Block::Quote {
                        blocks: vec![p(vec![t("q2")])],
                    },
                ],
            },
            p(vec![
                t("see"),
                Inline::FootnoteRef { id: "n 1".into() },
                t("(javascript:alert(1))"),
            ]),
            Block::Footnote {
                id: "n 1".into(),
                blocks: vec![p(vec![t("note")]), p(vec![t("more")])],
            },
            Block::Figure {
                images: vec![
                    Image {
                        src: "https://e.com/a b.png".into(),
                        alt: "alt [x]".into(),
                        title: Some("t \"q\"".into()),
                    },
                    Image {
                        src: "javascript:alert(1)".into(),
                        alt: "bad".into(),
                        title: None,
                    },
                ],
                caption: vec![t("Caption")],
            },
            Block::Math {
                tex: "\\frac{1}{2}\n+ x".into(),
            },
            Block::Math {
                tex: "e^{i\\pi} = -1".into(),
            },
            p(vec![
                Inline::Math { tex: "a<b".into() },
                t(" "),
                Inline::Math { tex: "x_1".into() },
            ]),
        ]);
        assert_eq!(
            out,
            "> q1\n>\n> > q2\n\nsee[^n-1]\\(javascript:alert(1))\n\n[^n-1]: note\n\n    more\n\n\
             ![alt \\[x\\]](<https://e.com/a b.png> \"t \\\"q\\\"\")\n\nbad\n\nCaption\n\n\
             ```math\n\\frac{1}{2}\n+ x\n```\n\n$$\ne^{i\\pi} = -1\n$$\n\n$`a<b`$ $x_1$\n"
        );
        assert_safe(&out);
        let ev: Vec<Event> = Parser::new_ext(&out, gfm()).collect();
        assert!(ev.contains(&Event::FootnoteReference("n-1".into())));
        assert!(ev
            .iter()
            .any(|e| matches!(e, Event::Start(Tag::FootnoteDefinition(l)) if l.as_ref() == "n-1")));
    }

    #[test]
    fn links_and_images_allowlist() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//e.com",
        ] {
            let out = md(vec![p(vec![
                Inline::Link {
                    href: bad.into(),
                    content: vec![t("txt")],
                },
                Inline::Image(Image {
                    src: bad.into(),
                    alt: "alt".into(),
                    title: None,
                }),
            ])]);
            assert_eq!(out, "txtalt\n", "{bad}");
        }
        let out = md(vec![p(vec![
            t("Wow!"),
            Inline::Link {
                href: "#sec".into(),
                content: vec![],
            },
            t(" "),
            Inline::Link {
                href: "mailto:a@b.c".into(),
                content: vec![Inline::Image(Image {
                    src: "data:image/png;base64,AAAA".into(),
                    alt: "i".into(),
                    title: None,
                })],
            },
        ])]);
        assert_eq!(
            out,
            "Wow\\![\\#sec](#sec) [![i](data:image/png;base64,AAAA)](mailto:a@b.c)\n"
        );
        assert_safe(&out);
        let images = Parser::new_ext(&out, gfm())
            .filter(|e| matches!(e, Event::Start(Tag::Image { .. })))
            .count();
        assert_eq!(images, 1);
    }

    #[test]
    fn sup_sub_and_emphasis_edges() {
        let out = md(std::iter::once(p(vec![
            t("x"),
            Inline::Superscript {
                content: vec![t("2")],
            },
            t(" H"),
            Inline::Subscript {
                content: vec![t("2")],
            },
            t("O"),
            Inline::Superscript {
                content: vec![Inline::FootnoteRef { id: "1".into() }],
            },
            t(" "),
            Inline::Strong {
                content: vec![t("  ")],
            },
            Inline::Strong {
                content: vec![t("a"), Inline::LineBreak],
            },
            t("b"),
        ]))
        .chain(vec![Block::Footnote {
            id: "1".into(),
            blocks: vec![],
        }])
        .collect());
        assert_eq!(out, "x\\^(2) H\\_(2)O[^1]  **a**\\\nb\n\n[^1]:\n");
        assert_safe(&out);
    }

    #[test]
    fn title_and_front_matter() {
        let a = Article {
            title: Some("Title: \"quoted\" \\ <b>\nline".into()),
            author: Some("Ann\u{7}\u{2028}".into()),
            published: Some("2024-06-17".into()),
            url: Some("https://e.com/a".into()),
            lang: Some("ar".into()),
            dir: Some(Dir::Rtl),
            word_count: 42,
            reading_minutes: 1,
            blocks: vec![p(vec![t("Body")])],
            ..Article::default()
        };
        assert_eq!(
            to_markdown(&a, &MarkdownOptions::default()),
            "# Title: \"quoted\" \\\\ \\<b\\> line\n\nBody\n"
        );
        assert_eq!(
            to_markdown(&a, &MarkdownOptions { front_matter: true }),
            "---\ntitle: \"Title: \\\"quoted\\\" \\\\ \\u003Cb>\\nline\"\nauthor: \"Ann\\u0007\\u2028\"\n\
             published: \"2024-06-17\"\nurl: \"https://e.com/a\"\nlang: \"ar\"\ndir: \"rtl\"\n\
             word_count: 42\nreading_minutes: 1\n---\n\nBody\n"
        );
        assert_eq!(
            to_markdown(&Article::default(), &MarkdownOptions::default()),
            "\n"
        );
        assert_eq!(
            md(vec![Block::Rule, p(vec![t("x")]), Block::Rule]),
            "***\n\nx\n\n---\n"
        );
    }

    #[test]
    fn emphasis_only_where_it_flanks() {
        let strong = |s: &str| Inline::Strong {
            content: vec![t(s)],
        };
        let cases = [
            (
                vec![t("中文"), strong("「强调」"), t("中文")],
                "中文「强调」中文\n",
            ),
            (vec![t("a"), strong("(b)"), t("c")], "a(b)c\n"),
            (vec![strong("Note:"), t(" text")], "**Note:** text\n"),
            (vec![t("「"), strong("重要"), t("」")], "「**重要**」\n"),
            (vec![t("x"), strong("y"), t("z")], "x**y**z\n"),
        ];
        for (content, want) in cases {
            let out = md(vec![p(content.clone())]);
            assert_eq!(out, want);
            assert_eq!(
                paragraph_texts(&out, gfm()),
                vec![inline_text(&content)],
                "{out}"
            );
        }
    }

    /// A tiny deterministic generator (no dev-dependency needed).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) as usize) % n
        }
    }

    const PIECES: &[&str] = &[
        "word",
        "中文",
        "«ar»",
        "!",
        "*",
        "**",
        "_",
        "`",
        "``",
        "[",
        "]",
        "(",
        ")",
        "<",
        ">",
        "&amp;",
        "#",
        "1.",
        "- ",
        "+",
        "=",
        "|",
        "~",
        "$",
        "^",
        "\\",
        ":",
        "!",
        "é",
        "👍",
        " ",
        "「",
        "」",
        "。",
        "a_b",
        "x*y",
        "<b>",
        "](javascript:x)",
        "[^1]",
        "{#id}",
    ];

    fn gen_inlines(r: &mut Lcg, depth: usize) -> Vec<Inline> {
        let mut out = Vec::new();
        for _ in 0..1 + r.next(5) {
            let text = (0..1 + r.next(3))
                .map(|_| PIECES[r.next(PIECES.len())])
                .collect::<String>();
            let inner = |r: &mut Lcg| {
                if depth == 0 {
                    vec![t(&text)]
                } else {
                    gen_inlines(r, depth - 1)
                }
            };
            out.push(match r.next(9) {
                0 => Inline::Emphasis { content: inner(r) },
                1 => Inline::Strong { content: inner(r) },
                2 => Inline::Strike { content: inner(r) },
                3 => Inline::Code { text: text.clone() },
                4 => {
                    let mut content = inner(r);
                    if inline_text(&content).trim().is_empty() {
                        content.push(t("x"));
                    }
                    Inline::Link {
                        href: "https://e.com/(x)".into(),
                        content,
                    }
                }
                5 => Inline::Link {
                    href: "javascript:alert(1)".into(),
                    content: inner(r),
                },
                6 => Inline::LineBreak,
                _ => t(&text),
            });
        }
        out
    }

    fn squash(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Randomised (deterministic) check; `MD_SEED=… MD_N=…` runs other or longer
    /// sequences.
    #[test]
    fn generated_paragraphs_are_safe_and_keep_their_text() {
        let seed: u64 = std::env::var("MD_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(7);
        let n: usize = std::env::var("MD_N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3000);
        let mut r = Lcg(seed);
        for _ in 0..n {
            let content = gen_inlines(&mut r, 2);
            let out = md(vec![p(content.clone())]);
            assert_safe(&out);
            let want = squash(&inline_text(&content));
            let got = squash(&paragraph_texts(&out, gfm()).concat());
            assert_eq!(got, want, "{content:?}\n{out}");
        }
    }

    /// Random blocks; footnote definitions only at the top (`depth == 3`), where the
    /// builder puts them (nested ones are hoisted, which reorders the text).
    fn gen_blocks(r: &mut Lcg, depth: usize) -> Vec<Block> {
        let piece = |r: &mut Lcg| PIECES[r.next(PIECES.len())].to_string();
        let mut out = Vec::new();
        for _ in 0..r.next(4) {
            let kind = match r.next(10) {
                _ if depth == 0 => r.next(2),
                6 if depth < 3 => 0,
                k => k,
            };
            out.push(match kind {
                0 => p(gen_inlines(r, 1)),
                1 => Block::Heading {
                    level: [0, 1, 2, 6, 9][r.next(5)],
                    content: gen_inlines(r, 1),
                },
                2 => Block::List {
                    ordered: r.next(2) == 0,
                    start: [None, Some(0), Some(1), Some(6), Some(u32::MAX)][r.next(5)],
                    items: (0..r.next(4))
                        .map(|_| item(gen_blocks(r, depth - 1)))
                        .collect(),
                },
                3 => Block::Quote {
                    blocks: gen_blocks(r, depth - 1),
                },
                4 => {
                    let cells = |r: &mut Lcg| -> Vec<Cell> {
                        (0..r.next(4))
                            .map(|_| Cell {
                                content: gen_inlines(r, 0),
                            })
                            .collect()
                    };
                    Block::Table(Table {
                        caption: if r.next(2) == 0 {
                            vec![]
                        } else {
                            gen_inlines(r, 0)
                        },
                        head: cells(r),
                        rows: (0..r.next(4)).map(|_| cells(r)).collect(),
                    })
                }
                5 => Block::Code {
                    lang: [None, Some("rust"), Some("a b`")][r.next(3)].map(String::from),
                    text: (0..r.next(5))
                        .map(|_| piece(r))
                        .collect::<Vec<_>>()
                        .join(["\n", "", " ", "\n\n"][r.next(4)]),
                },
                6 => Block::Footnote {
                    id: piece(r),
                    blocks: gen_blocks(r, depth - 1),
                },
                7 => Block::Figure {
                    images: vec![Image {
                        src: format!("https://e.com/{}", piece(r)),
                        alt: piece(r),
                        title: Some(piece(r)),
                    }],
                    caption: gen_inlines(r, 0),
                },
                8 => Block::Rule,
                _ => p(vec![t(&piece(r)), Inline::LineBreak, t(&piece(r))]),
            });
        }
        out
    }

    /// Text and code of a parsed document (image alt text skipped), blocks separated by
    /// spaces.
    fn document_text(markdown: &str) -> String {
        let mut out = String::new();
        let mut in_image = 0;
        for ev in Parser::new_ext(markdown, gfm()) {
            match ev {
                Event::Start(Tag::Image { .. }) => in_image += 1,
                Event::End(TagEnd::Image) => in_image -= 1,
                Event::Text(s) | Event::Code(s) if in_image == 0 => out.push_str(&s),
                Event::Start(Tag::Item | Tag::List(_))
                | Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::CodeBlock
                    | TagEnd::BlockQuote(_)
                    | TagEnd::FootnoteDefinition,
                )
                | Event::SoftBreak
                | Event::HardBreak => out.push(' '),
                _ => {}
            }
        }
        squash(&out)
    }

    #[test]
    fn generated_documents_are_safe_and_keep_their_text() {
        let seed: u64 = std::env::var("MD_SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(11);
        let n: usize = std::env::var("MD_N")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(1500);
        let mut r = Lcg(seed);
        for _ in 0..n {
            let a = Article {
                blocks: gen_blocks(&mut r, 3),
                ..Article::default()
            };
            let out = to_markdown(&a, &MarkdownOptions::default());
            assert_safe(&out);
            assert_eq!(document_text(&out), squash(&to_text(&a)), "{a:#?}\n{out}");
        }
    }

    #[test]
    fn nested_footnotes_are_hoisted_and_huge_starts_clamped() {
        let note = |id: &str, blocks: Vec<Block>| Block::Footnote {
            id: id.into(),
            blocks,
        };
        let out = md(vec![
            p(vec![
                t("a"),
                Inline::FootnoteRef { id: "1".into() },
                Inline::FootnoteRef { id: "2".into() },
            ]),
            note(
                "1",
                vec![
                    ul(vec![item(vec![p(vec![t("x")])])]),
                    note("2", vec![p(vec![t("inner")])]),
                ],
            ),
        ]);
        assert_eq!(out, "a[^1][^2]\n\n[^1]:\n    - x\n\n[^2]: inner\n");
        let defs = Parser::new_ext(&out, gfm())
            .filter(|e| matches!(e, Event::Start(Tag::FootnoteDefinition(_))))
            .count();
        assert_eq!(defs, 2);

        let out = md(vec![Block::List {
            ordered: true,
            start: Some(u32::MAX),
            items: vec![item(vec![p(vec![t("a")])]), item(vec![p(vec![t("b")])])],
        }]);
        assert_eq!(out, "999999997. a\n999999998. b\n");
        assert!(Parser::new_ext(&out, gfm())
            .any(|e| matches!(e, Event::Start(Tag::List(Some(999_999_997))))));
    }

    #[test]
    fn dangling_footnote_refs_are_omitted() {
        let out = md(vec![p(vec![
            t("a"),
            Inline::FootnoteRef { id: "1".into() },
            Inline::Strong {
                content: vec![t("b"), Inline::FootnoteRef { id: "2".into() }],
            },
            t("."),
        ])]);
        assert_eq!(out, "a**b**.\n");
        let out = md(vec![
            p(vec![t("a"), Inline::FootnoteRef { id: "x y".into() }]),
            Block::Quote {
                blocks: vec![Block::Footnote {
                    id: "x-y".into(),
                    blocks: vec![p(vec![t("n")])],
                }],
            },
        ]);
        assert_eq!(out, "a[^x-y]\n\n> [^x-y]: n\n");
    }

    #[test]
    fn hostile_document_is_safe() {
        let hostile = [
            "<img src=x onerror=alert(1)>",
            "[a](javascript:alert(1))",
            "[a]: javascript:alert(1)",
            "<javascript:alert(1)>",
            "&lt;script&gt;",
            "```\n<script>",
        ];
        let mut blocks = Vec::new();
        for h in hostile {
            blocks.push(Block::Heading {
                level: 2,
                content: vec![t(h)],
            });
            blocks.push(p(vec![t(h), Inline::LineBreak, t(h)]));
            blocks.push(ul(vec![item(vec![p(vec![t(h)])])]));
            blocks.push(Block::Quote {
                blocks: vec![p(vec![t(h)])],
            });
            blocks.push(Block::Table(Table {
                caption: vec![t(h)],
                head: vec![Cell {
                    content: vec![t(h)],
                }],
                rows: vec![vec![Cell {
                    content: vec![Inline::Code { text: h.into() }],
                }]],
            }));
            blocks.push(p(vec![
                Inline::Math { tex: h.into() },
                Inline::Emphasis {
                    content: vec![t(h)],
                },
            ]));
            blocks.push(Block::Math { tex: h.into() });
            blocks.push(Block::Footnote {
                id: h.into(),
                blocks: vec![p(vec![t(h)])],
            });
            blocks.push(Block::Figure {
                images: vec![Image {
                    src: format!("https://e.com/{h}"),
                    alt: h.into(),
                    title: Some(h.into()),
                }],
                caption: vec![t(h)],
            });
        }
        let a = Article {
            title: Some("<script>".into()),
            blocks,
            ..Article::default()
        };
        for fm in [false, true] {
            let out = to_markdown(&a, &MarkdownOptions { front_matter: fm });
            assert_safe(&out);
            assert!(out.ends_with('\n') && !out.ends_with("\n\n"));
        }
        // Sanity: the text renderer sees the same words.
        assert!(to_text(&a).contains("<img src=x onerror=alert(1)>"));
    }
}
