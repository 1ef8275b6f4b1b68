//! Subtrees with their own structure: code (verbatim text + language), data tables,
//! figures with captions, and math (TeX from annotations; MathML is never passed on).

use super::blocks::Builder;
use super::urls;
use crate::dom::{is_block_tag, Doc, NodeId};
use crate::model::{Block, Cell, Image, Inline, Table};
use crate::text::scan::{is_letter_ci, is_space, strip_prefix_ci, take};

/// The language named in a class attribute: the former pattern `(?i)(?:^|\s)(?:language|
/// lang|highlight-source|highlight|brush:?|sourcecode)[-_:\s]?([a-z0-9_+#.-]{1,20})`,
/// leftmost match, keywords tried in that order.
fn lang_in_class(class: &str) -> Option<&str> {
    const KEYWORDS: [&str; 7] = [
        "language",
        "lang",
        "highlight-source",
        "highlight",
        "brush:",
        "brush",
        "sourcecode",
    ];
    let name_char = |c: char| is_letter_ci(c) || c.is_ascii_digit() || "_+#.-".contains(c);
    fn at<'a>(r: &'a str, name_char: &impl Fn(char) -> bool) -> Option<&'a str> {
        KEYWORDS.iter().find_map(|k| {
            let rest = strip_prefix_ci(r, k)?;
            let sep = rest
                .chars()
                .next()
                .filter(|&c| matches!(c, '-' | '_' | ':') || is_space(c));
            let skipped = sep.map(|c| &rest[c.len_utf8()..]);
            [skipped, Some(rest)].into_iter().flatten().find_map(|r| {
                let (name, _) = take(r, 20, name_char);
                (!name.is_empty()).then_some(name)
            })
        })
    }
    if let Some(m) = at(class, &name_char) {
        return Some(m);
    }
    class
        .char_indices()
        .filter(|&(_, c)| is_space(c))
        .find_map(|(i, c)| at(&class[i + c.len_utf8()..], &name_char))
}

/// The `data-*` attributes that name a code block's language (highlighter conventions).
pub const CODE_LANG_ATTRS: [&str; 2] = ["data-lang", "data-language"];

/// Language of a code block from `language-x`, `lang-x`, `highlight-source-x`,
/// `brush: x` classes or `data-lang`/`data-language`, on the element or its ancestors'
/// wrapper (`div.highlight-rust`) or the first `<code>` child.
fn code_lang(doc: &Doc, pre: NodeId) -> Option<String> {
    let mut ids = vec![pre];
    if let Some(&c) = doc
        .node(pre)
        .children
        .iter()
        .find(|&&c| doc.node(c).tag() == "code")
    {
        ids.push(c);
    }
    ids.extend(doc.ancestors(pre).take(2));
    for id in ids {
        let n = doc.node(id);
        if let Some(l) = CODE_LANG_ATTRS.iter().find_map(|a| n.attr(a)) {
            let l = l.trim().to_ascii_lowercase();
            if !l.is_empty() && l.len() <= 20 {
                return Some(l);
            }
        }
        if let Some(c) = n.attr("class") {
            if let Some(m) = lang_in_class(c) {
                let l = m.to_ascii_lowercase();
                if !matches!(
                    l.as_str(),
                    "none"
                        | "plain"
                        | "text"
                        | "plaintext"
                        | "nohighlight"
                        | "source"
                        | "js-file-line"
                ) {
                    return Some(l);
                }
            }
        }
    }
    None
}

/// Verbatim text of a code block: `<br>` and block children become line breaks, line
/// number gutters are skipped.
pub fn code_block(doc: &Doc, pre: NodeId) -> Block {
    let mut text = String::new();
    enum Step {
        Enter(NodeId),
        Leave(bool),
    }
    let mut stack = vec![Step::Enter(pre)];
    while let Some(s) = stack.pop() {
        match s {
            Step::Leave(block) => {
                if block && !text.ends_with('\n') {
                    text.push('\n');
                }
            }
            Step::Enter(id) => {
                let n = doc.node(id);
                if let Some(t) = n.text() {
                    text.push_str(t);
                    continue;
                }
                let class = n.attr("class").unwrap_or("").to_ascii_lowercase();
                if class.contains("gutter")
                    || class.contains("line-number")
                    || class.contains("lineno")
                {
                    continue;
                }
                if n.tag() == "br" {
                    text.push('\n');
                    continue;
                }
                let block = id != pre
                    && (is_block_tag(n.tag()) || class.split_whitespace().any(|c| c == "line"));
                stack.push(Step::Leave(block));
                for &c in n.children.iter().rev() {
                    stack.push(Step::Enter(c));
                }
            }
        }
    }
    let text = text.replace("\r\n", "\n").replace('\u{a0}', " ");
    let text = text.trim_start_matches('\n').trim_end().to_string();
    Block::Code {
        lang: code_lang(doc, pre),
        text,
    }
}

/// Flatten blocks into inlines (cells, captions): blocks separated by line breaks.
pub fn flatten(blocks: Vec<Block>) -> Vec<Inline> {
    let mut out = Vec::new();
    let mut stack: Vec<Block> = blocks.into_iter().rev().collect();
    while let Some(b) = stack.pop() {
        let inl = match b {
            Block::Heading { content, .. } | Block::Paragraph { content } => content,
            Block::Code { text, .. } => vec![Inline::Code {
                text: text.replace('\n', " "),
            }],
            Block::Math { tex } => vec![Inline::Math { tex }],
            Block::Figure { images, caption } => {
                let mut v: Vec<Inline> = images.into_iter().map(Inline::Image).collect();
                v.extend(caption);
                v
            }
            Block::List { items, .. } => {
                for it in items.into_iter().rev() {
                    stack.extend(it.blocks.into_iter().rev());
                }
                continue;
            }
            Block::Quote { blocks } | Block::Footnote { blocks, .. } => {
                stack.extend(blocks.into_iter().rev());
                continue;
            }
            Block::Table(t) => {
                for row in t.rows.into_iter().rev() {
                    for c in row.into_iter().rev() {
                        stack.push(Block::Paragraph { content: c.content });
                    }
                }
                continue;
            }
            Block::Rule => continue,
        };
        if inl.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Inline::LineBreak);
        }
        out.extend(inl);
    }
    out
}

/// Inline content of a subtree (a table cell, a caption).
fn inline_content(b: &Builder<'_>, id: NodeId) -> Vec<Inline> {
    let mut sub = Builder::new(b.doc, b.sel, 2);
    for &c in &b.doc.node(id).children {
        sub.add_subtree(c);
    }
    flatten(sub.finish())
}

/// A data table.
pub fn table(b: &mut Builder<'_>, id: NodeId) -> Option<Block> {
    let doc = b.doc;
    let mut t = Table::default();
    let mut rows: Vec<(bool, Vec<Cell>, bool)> = Vec::new(); // (in thead, cells, all th)
    for d in doc.descendants(id) {
        let n = doc.node(d);
        match n.tag() {
            "caption" if t.caption.is_empty() => t.caption = inline_content(b, d),
            "tr" => {
                let in_head = doc
                    .ancestors(d)
                    .take_while(|&a| a != id)
                    .any(|a| doc.node(a).tag() == "thead");
                let mut cells = Vec::new();
                let mut all_th = true;
                for &c in &n.children {
                    let cn = doc.node(c);
                    if !matches!(cn.tag(), "td" | "th") || b.sel.removed[c as usize] {
                        continue;
                    }
                    all_th &= cn.tag() == "th";
                    cells.push(Cell {
                        content: inline_content(b, c),
                    });
                    let span = cn
                        .attr("colspan")
                        .and_then(|s| s.trim().parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 50);
                    for _ in 1..span {
                        cells.push(Cell::default());
                    }
                }
                if !cells.is_empty() {
                    rows.push((in_head, cells, all_th));
                }
            }
            _ => {}
        }
    }
    b.work += rows.len() as u64;
    let mut it = rows.into_iter().peekable();
    if let Some((head, _, all_th)) = it.peek() {
        if *head || *all_th {
            if let Some((_, cells, _)) = it.next() {
                t.head = cells;
            }
        }
    }
    t.rows = it.map(|(_, c, _)| c).collect();
    (!t.rows.is_empty() || !t.head.is_empty()).then_some(Block::Table(t))
}

/// A figure: its images and caption. `None` when it holds no image (then its content is
/// walked as ordinary blocks).
pub fn figure(b: &mut Builder<'_>, id: NodeId) -> Option<Block> {
    let doc = b.doc;
    let mut images = Vec::new();
    let mut caption = Vec::new();
    for d in doc.descendants(id) {
        if b.sel.removed[d as usize] {
            continue;
        }
        let n = doc.node(d);
        match n.tag() {
            "img" => {
                if let Some(src) = urls::image_src(doc, d) {
                    if !images.iter().any(|i: &Image| i.src == src) {
                        let alt = crate::text::normalize_space(n.attr("alt").unwrap_or(""));
                        images.push(Image {
                            src,
                            alt,
                            title: None,
                        });
                    }
                }
            }
            "figcaption" if caption.is_empty() => caption = inline_content(b, d),
            // WordPress classic captions: `div.wp-caption > img + p.wp-caption-text`.
            _ if caption.is_empty()
                && d != id
                && n.attr("class").is_some_and(|c| c.contains("caption"))
                && !n.children.iter().any(|&c| doc.node(c).tag() == "img") =>
            {
                caption = inline_content(b, d)
            }
            // Figures that wrap code, tables or quotes are not image figures.
            "pre" | "table" | "blockquote" => return None,
            _ => {}
        }
    }
    if images.is_empty() {
        return None;
    }
    Some(Block::Figure { images, caption })
}

/// TeX of a math element: the `application/x-tex` annotation when present, else the
/// element's text. Returns (tex, display).
pub fn math(doc: &Doc, id: NodeId) -> (String, bool) {
    let n = doc.node(id);
    let mut display = n.attr("display").is_some_and(|d| d == "block")
        || n.attr("class").is_some_and(|c| c.contains("display"));
    for d in doc.descendants(id) {
        let dn = doc.node(d);
        if dn.tag() == "math" && dn.attr("display") == Some("block") {
            display = true;
        }
        if dn.tag() == "annotation"
            && dn
                .attr("encoding")
                .is_some_and(|e| e.to_ascii_lowercase().contains("tex"))
        {
            return (doc.text_of(d).trim().to_string(), display);
        }
    }
    if n.tag() == "x-tex" {
        return (doc.text_of(id).trim().to_string(), display);
    }
    (crate::text::normalize_space(&doc.text_of(id)), display)
}

#[cfg(test)]
mod lang_tests {
    use super::lang_in_class;

    #[test]
    fn same_as_the_former_pattern() {
        let re = regex::Regex::new(r"(?i)(?:^|\s)(?:language|lang|highlight-source|highlight|brush:?|sourcecode)[-_:\s]?([a-z0-9_+#.-]{1,20})").expect("re");
        let parts = [
            "language",
            "lang",
            "LANG",
            "highlight",
            "-source",
            "brush",
            ":",
            "sourcecode",
            "-",
            "_",
            " ",
            "rust",
            "c++",
            "js",
            "x",
            "é",
            "ſ",
            "uage",
            "\t",
            "0123456789abcdefghij",
        ];
        let mut seed = 0x3c6e_f372_fe94_f82bu64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut cases: Vec<String> = [
            "language-rust",
            "language ",
            "lang-",
            "brush: js",
            "x highlight-source-c++",
        ]
        .map(String::from)
        .to_vec();
        for _ in 0..40_000 {
            let mut s = String::new();
            for _ in 0..(next() % 7) {
                s.push_str(parts[(next() % parts.len() as u64) as usize]);
            }
            cases.push(s);
        }
        for s in &cases {
            let old = re.captures(s).and_then(|c| c.get(1)).map(|m| m.as_str());
            assert_eq!(old, lang_in_class(s), "{s:?}");
        }
    }
}
