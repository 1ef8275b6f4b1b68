//! DOM subtree → typed blocks, in one iterative walk with two explicit stacks: block
//! containers (quote, list, list item) and inline frames (strong, emphasis, link …) of the
//! paragraph being filled. A block element met inside an inline frame ends the current
//! paragraph and the frames continue in the next one, as a browser renders it.
//!
//! Special subtrees (code, data tables, figures, math) are converted by `special`, which
//! reuses this builder for cell and caption content.

use super::footnotes;
use super::special;
use super::urls;
use crate::dom::{is_block_tag, Doc, NodeId};
use crate::extract::Selection;
use crate::model::{Block, Image, Inline, ListItem};

#[derive(Debug)]
enum Container {
    Root(Vec<Block>),
    Quote(Vec<Block>),
    List {
        ordered: bool,
        start: Option<u32>,
        items: Vec<ListItem>,
    },
    Item(Vec<Block>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum FrameKind {
    Para,
    Strong,
    Emphasis,
    Strike,
    Sup,
    Sub,
    Link,
}

#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    href: String,
    content: Vec<Inline>,
}

/// Inline formatting deeper than this is flattened (its text kept): renderers walk
/// inlines recursively and the wasm32 stack is 1 MiB. Links never nest.
const MAX_INLINE_DEPTH: usize = 16;

/// What to undo when leaving an element.
#[derive(Debug, Clone, Copy, Default)]
struct Exit {
    frame: bool,
    container: bool,
    block: bool,
    heading: bool,
}

/// Builds blocks from one or more subtrees.
#[derive(Debug)]
pub struct Builder<'a> {
    pub(super) doc: &'a Doc,
    pub(super) sel: &'a Selection,
    containers: Vec<Container>,
    frames: Vec<Frame>,
    heading: Option<u8>,
    pending_space: bool,
    pending_newline: bool,
    last_char: Option<char>,
    br_run: u32,
    last_img_placeholder: bool,
    max_depth: usize,
    pub(super) work: u64,
    /// Footnote target id → label, from the references met so far.
    notes: std::collections::HashMap<String, String>,
}

fn heading_level(tag: &str) -> Option<u8> {
    match tag {
        "h1" => Some(1),
        "h2" => Some(2),
        "h3" => Some(3),
        "h4" => Some(4),
        "h5" => Some(5),
        "h6" => Some(6),
        _ => None,
    }
}

fn frame_kind(tag: &str) -> Option<FrameKind> {
    Some(match tag {
        "strong" | "b" => FrameKind::Strong,
        "em" | "i" | "cite" | "dfn" | "var" => FrameKind::Emphasis,
        "s" | "del" | "strike" => FrameKind::Strike,
        "sup" => FrameKind::Sup,
        "sub" => FrameKind::Sub,
        _ => return None,
    })
}

fn prev_element_sibling(doc: &Doc, id: NodeId) -> Option<NodeId> {
    let p = doc.node(id).parent?;
    let kids = &doc.node(p).children;
    let pos = kids.iter().position(|&k| k == id)?;
    kids[..pos]
        .iter()
        .rev()
        .copied()
        .find(|&k| doc.node(k).is_element())
}

/// Heading permalinks (`¶`, `#`, `§`, Sphinx `headerlink`, anchor.js) are UI, not text.
fn is_permalink_anchor(doc: &Doc, id: NodeId) -> bool {
    let n = doc.node(id);
    let class = n.attr("class").unwrap_or("").to_ascii_lowercase();
    if [
        "headerlink",
        "anchorjs-link",
        "anchor-link",
        "hash-link",
        "heading-anchor",
        "header-anchor",
        "permalink",
    ]
    .iter()
    .any(|c| class.contains(c))
    {
        return true;
    }
    let text = doc.text_of(id);
    let t = text.trim();
    n.attr("href").is_some_and(|h| h.starts_with('#'))
        && matches!(t, "¶" | "#" | "§" | "🔗" | "")
        && !n.children.iter().any(|&c| doc.node(c).tag() == "img")
}

/// Should the walk skip this element entirely (code gutters, MathJax previews)?
///
/// MathJax's own output is matched case-sensitively (`MathJax`, `MathJax_Preview`): the
/// lower-case `mathjax` is the class pages put on their text to ask MathJax to typeset
/// it (an abstract, a whole post), which is the article.
fn skip_class(doc: &Doc, id: NodeId) -> bool {
    let Some(c) = doc.node(id).attr("class") else {
        return false;
    };
    if c.split_whitespace()
        .any(|w| matches!(w, "MathJax" | "MathJax_Preview"))
    {
        return true;
    }
    let c = c.to_ascii_lowercase();
    c.split_whitespace().any(|w| {
        matches!(
            w,
            "katex-html"
                | "screen-reader-text"
                | "sr-only"
                | "visually-hidden"
                | "visuallyhidden"
                | "mjx-assistive-mml"
        )
    }) || (doc.node(id).tag() == "td"
        && (c.contains("gutter") || c.contains("line-number") || c.contains("lineno")))
}

impl<'a> Builder<'a> {
    pub fn new(doc: &'a Doc, sel: &'a Selection, max_depth: usize) -> Self {
        Builder {
            doc,
            sel,
            containers: vec![Container::Root(Vec::new())],
            frames: vec![Frame {
                kind: FrameKind::Para,
                href: String::new(),
                content: Vec::new(),
            }],
            heading: None,
            pending_space: false,
            pending_newline: false,
            last_char: None,
            br_run: 0,
            last_img_placeholder: false,
            max_depth,
            work: 0,
            notes: std::collections::HashMap::new(),
        }
    }

    /// Convert the subtree at `root` (the root itself included).
    pub fn add_subtree(&mut self, root: NodeId) {
        enum Step {
            Enter(NodeId),
            Leave(Exit),
        }
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            self.work += 1;
            match step {
                Step::Leave(exit) => self.leave(exit),
                Step::Enter(id) => {
                    if self.sel.removed[id as usize] {
                        continue;
                    }
                    let node = self.doc.node(id);
                    if let Some(t) = node.text() {
                        self.push_text(t);
                        continue;
                    }
                    if let Some(exit) = self.enter(id) {
                        stack.push(Step::Leave(exit));
                        for &c in node.children.iter().rev() {
                            stack.push(Step::Enter(c));
                        }
                    }
                }
            }
        }
    }

    /// Handle entering an element; `None` when its subtree was consumed here.
    fn enter(&mut self, id: NodeId) -> Option<Exit> {
        let doc = self.doc;
        let node = doc.node(id);
        let tag = node.tag();
        if skip_class(doc, id) {
            return None;
        }
        if tag != "br" {
            self.br_run = 0;
        }
        if matches!(tag, "a" | "sup") {
            if footnotes::is_backlink(doc, id) {
                return None;
            }
            if let Some((target, label)) = footnotes::reference(doc, id) {
                self.space_before_inline();
                self.notes.insert(target, label.clone());
                self.push_inline(Inline::FootnoteRef { id: label });
                return None;
            }
        }
        if footnotes::is_notes_container(doc, id) && !self.notes.is_empty() {
            self.flush();
            for li in footnotes::items(doc, id) {
                let mut sub = Builder::new(
                    doc,
                    self.sel,
                    self.max_depth.saturating_sub(self.containers.len()).max(2),
                );
                sub.notes = std::mem::take(&mut self.notes);
                for &c in &doc.node(li).children {
                    sub.add_subtree(c);
                }
                self.notes = std::mem::take(&mut sub.notes);
                self.work += sub.work;
                let blocks = sub.finish();
                let key = doc.node(li).attr("id").unwrap_or("");
                let label = self
                    .notes
                    .get(key)
                    .cloned()
                    .unwrap_or_else(|| footnotes::sanitize(key));
                if !blocks.is_empty() && !label.is_empty() {
                    self.push_block(Block::Footnote { id: label, blocks });
                }
            }
            return None;
        }
        match tag {
            // Math as our own reader page writes it (`code.math`, `pre.math`): keeps
            // extraction idempotent on Readmark's output.
            "code" | "pre"
                if node
                    .attr("class")
                    .is_some_and(|c| c.split_whitespace().any(|w| w == "math")) =>
            {
                let tex = doc.text_of(id).trim().to_string();
                let display = tag == "pre"
                    || node
                        .attr("class")
                        .is_some_and(|c| c.contains("math-display"));
                self.push_math(tex, display);
                return None;
            }
            "pre" | "listing" | "xmp" | "plaintext" => {
                self.flush();
                let b = special::code_block(doc, id);
                self.push_block(b);
                return None;
            }
            "code" | "kbd" | "samp" | "tt" => {
                let text = doc.text_of(id);
                let t = text.trim();
                if !t.is_empty() {
                    self.space_before_inline();
                    self.push_inline(Inline::Code {
                        text: t.replace('\n', " "),
                    });
                    self.last_char = t.chars().last();
                }
                return None;
            }
            "table" if crate::extract::clean::is_data_table(doc, id, &self.sel.stats) => {
                self.flush();
                if let Some(b) = special::table(self, id) {
                    self.push_block(b);
                }
                return None;
            }
            "div" | "span"
                if node.attr("class").is_some_and(|c| {
                    c.split_whitespace()
                        .any(|w| w == "wp-caption" || w == "image-caption-wrap")
                }) =>
            {
                if let Some(b) = special::figure(self, id) {
                    self.flush();
                    self.push_block(b);
                    return None;
                }
            }
            "figure" => {
                if let Some(b) = special::figure(self, id) {
                    self.flush();
                    self.push_block(b);
                    return None;
                }
            }
            "math" | "x-tex" | "mjx-container" => {
                let (tex, display) = special::math(doc, id);
                self.push_math(tex, display);
                return None;
            }
            "span" | "div"
                if node.attr("class").is_some_and(|c| {
                    c.split_whitespace()
                        .any(|c| c == "katex" || c == "katex-display")
                }) =>
            {
                let (tex, display) = special::math(doc, id);
                if !tex.is_empty() {
                    let display = display
                        || node
                            .attr("class")
                            .is_some_and(|c| c.contains("katex-display"));
                    self.push_math(tex, display);
                    return None;
                }
            }
            "img" => {
                match urls::image_src(doc, id) {
                    Some(src) => {
                        self.last_img_placeholder = false;
                        let alt = crate::text::normalize_space(node.attr("alt").unwrap_or(""));
                        let title = node
                            .attr("title")
                            .map(crate::text::normalize_space)
                            .filter(|t| !t.is_empty());
                        self.space_before_inline();
                        self.push_inline(Inline::Image(Image { src, alt, title }));
                    }
                    None => self.last_img_placeholder = true,
                }
                return None;
            }
            "noscript" => {
                // A `<noscript>` image is the fallback of a lazy image just before it:
                // keep it only when that image had no usable source. Text content
                // (server-rendered apps) is walked normally.
                let st = &self.sel.stats[id as usize];
                if st.images > 0 && st.weight() < 25 {
                    let prev_has_img = prev_element_sibling(doc, id)
                        .is_some_and(|p| self.sel.stats[p as usize].images > 0);
                    if self.last_img_placeholder || !prev_has_img {
                        self.last_img_placeholder = false;
                        for d in doc.descendants(id) {
                            if doc.node(d).tag() == "img" {
                                if let Some(src) = urls::image_src(doc, d) {
                                    let alt = crate::text::normalize_space(
                                        doc.node(d).attr("alt").unwrap_or(""),
                                    );
                                    self.push_inline(Inline::Image(Image {
                                        src,
                                        alt,
                                        title: None,
                                    }));
                                    break;
                                }
                            }
                        }
                    }
                    return None;
                }
            }
            "br" => {
                self.br_run += 1;
                if self.br_run >= 2 {
                    self.flush();
                } else {
                    self.push_inline(Inline::LineBreak);
                    self.pending_space = false;
                    self.pending_newline = false;
                }
                return None;
            }
            "hr" => {
                self.flush();
                self.push_block(Block::Rule);
                return None;
            }
            "wbr" => return None,
            _ => {}
        }
        let mut exit = Exit::default();
        if let Some(level) = heading_level(tag) {
            self.flush();
            self.heading = Some(level);
            exit.heading = true;
            exit.block = true;
            return Some(exit);
        }
        let depth = self.containers.len();
        match tag {
            "ul" | "ol" | "menu" | "dir" if depth < self.max_depth => {
                self.flush();
                let ordered = tag == "ol";
                let start = if ordered {
                    node.attr("start")
                        .and_then(|s| s.trim().parse::<u32>().ok())
                        .filter(|&s| s != 1)
                } else {
                    None
                };
                self.containers.push(Container::List {
                    ordered,
                    start,
                    items: Vec::new(),
                });
                exit.container = true;
                return Some(exit);
            }
            "li" if matches!(self.containers.last(), Some(Container::List { .. })) => {
                self.flush();
                self.containers.push(Container::Item(Vec::new()));
                exit.container = true;
                return Some(exit);
            }
            "blockquote" if depth < self.max_depth => {
                self.flush();
                self.containers.push(Container::Quote(Vec::new()));
                exit.container = true;
                return Some(exit);
            }
            _ => {}
        }
        if tag == "a" {
            if is_permalink_anchor(doc, id) {
                return None;
            }
            let nested_link = self.frames.iter().any(|f| f.kind == FrameKind::Link);
            if let Some(href) = node
                .attr("href")
                .filter(|_| !nested_link && self.frames.len() < MAX_INLINE_DEPTH)
                .and_then(|h| urls::link_href(doc, h))
            {
                self.space_before_inline();
                self.frames.push(Frame {
                    kind: FrameKind::Link,
                    href,
                    content: Vec::new(),
                });
                exit.frame = true;
            }
            return Some(exit);
        }
        if let Some(kind) = frame_kind(tag).filter(|_| self.frames.len() < MAX_INLINE_DEPTH) {
            self.space_before_inline();
            self.frames.push(Frame {
                kind,
                href: String::new(),
                content: Vec::new(),
            });
            exit.frame = true;
            return Some(exit);
        }
        if is_block_tag(tag) {
            self.flush();
            exit.block = true;
        }
        Some(exit)
    }

    fn leave(&mut self, exit: Exit) {
        if exit.frame {
            self.close_frame();
        }
        if exit.block || exit.container {
            self.flush();
        }
        if exit.heading {
            self.heading = None;
        }
        if exit.container {
            self.close_container();
        }
    }

    /// Emit a pending collapsed space before an inline element starts, into the outer
    /// frame, so links and emphasis do not begin with a space.
    fn space_before_inline(&mut self) {
        if self.pending_space {
            if self.para_has_content() && !self.drop_cjk_break(None) {
                self.push_str(" ");
            }
            self.pending_space = false;
            self.pending_newline = false;
        }
    }

    fn para_has_content(&self) -> bool {
        self.frames.iter().any(|f| !f.content.is_empty())
    }

    /// A line break between two CJK characters in the source is not a space.
    fn drop_cjk_break(&self, next: Option<char>) -> bool {
        let cjk = |c: char| {
            crate::text::is_cjk(c) && !matches!(c as u32, 0xac00..=0xd7af)
                || "。，、；：！？「」『』（）【】“”".contains(c)
        };
        self.pending_newline && self.last_char.is_some_and(cjk) && next.is_none_or(cjk)
    }

    fn push_text(&mut self, t: &str) {
        let mut buf = String::new();
        for c in t.chars() {
            // Only HTML's ASCII whitespace collapses; NBSP, U+3000 and friends are text
            // (trimmed only at block edges).
            if c.is_ascii_whitespace() {
                self.pending_space = true;
                if c == '\n' || c == '\r' {
                    self.pending_newline = true;
                }
                continue;
            }
            if self.pending_space {
                let has = self.para_has_content() || !buf.is_empty();
                if has && !self.drop_cjk_break(Some(c)) {
                    buf.push(' ');
                }
                self.pending_space = false;
                self.pending_newline = false;
            }
            buf.push(c);
            self.last_char = Some(c);
            self.br_run = 0;
        }
        if !buf.is_empty() {
            self.push_str(&buf);
        }
    }

    fn push_str(&mut self, s: &str) {
        let frame = self.top_frame();
        if let Some(Inline::Text { text }) = frame.content.last_mut() {
            text.push_str(s);
        } else {
            frame.content.push(Inline::text(s));
        }
    }

    fn top_frame(&mut self) -> &mut Frame {
        if self.frames.is_empty() {
            self.frames.push(Frame {
                kind: FrameKind::Para,
                href: String::new(),
                content: Vec::new(),
            });
        }
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    /// Math as a display block or inline; nothing for empty TeX.
    fn push_math(&mut self, tex: String, display: bool) {
        if tex.is_empty() {
            return;
        }
        if display {
            self.flush();
            self.push_block(Block::Math { tex });
        } else {
            self.space_before_inline();
            self.push_inline(Inline::Math { tex });
        }
    }

    pub(super) fn push_inline(&mut self, i: Inline) {
        self.top_frame().content.push(i);
    }

    fn close_frame(&mut self) {
        if self.frames.len() <= 1 {
            return;
        }
        let Some(f) = self.frames.pop() else { return };
        let wrapped = wrap(f);
        if let Some(w) = wrapped {
            self.push_inline(w);
        }
    }

    /// End the current paragraph (or heading) and push it as a block. Open inline frames
    /// stay open (empty) so their content continues in the next paragraph.
    pub(super) fn flush(&mut self) {
        self.pending_space = false;
        self.pending_newline = false;
        self.br_run = 0;
        if !self.para_has_content() {
            return;
        }
        // Fold frames from the innermost outwards into the paragraph content.
        let mut carried: Option<Inline> = None;
        for i in (0..self.frames.len()).rev() {
            let mut content = std::mem::take(&mut self.frames[i].content);
            if let Some(c) = carried.take() {
                content.push(c);
            }
            if i == 0 {
                let content = trim_inlines(content);
                if !content.is_empty() {
                    let b = match self.heading {
                        Some(level) => Block::Heading { level, content },
                        None => Block::Paragraph { content },
                    };
                    self.push_block(b);
                }
            } else {
                let f = Frame {
                    kind: self.frames[i].kind,
                    href: self.frames[i].href.clone(),
                    content,
                };
                carried = wrap(f);
            }
        }
    }

    pub(super) fn push_block(&mut self, b: Block) {
        match self.containers.last_mut() {
            Some(Container::Root(v)) | Some(Container::Quote(v)) | Some(Container::Item(v)) => {
                v.push(b)
            }
            Some(Container::List { items, .. }) => items.push(ListItem { blocks: vec![b] }),
            None => self.containers.push(Container::Root(vec![b])),
        }
    }

    fn close_container(&mut self) {
        if self.containers.len() <= 1 {
            return;
        }
        let Some(c) = self.containers.pop() else {
            return;
        };
        match c {
            Container::Item(blocks) => {
                if let Some(Container::List { items, .. }) = self.containers.last_mut() {
                    if !blocks.is_empty() {
                        items.push(ListItem { blocks });
                    }
                } else {
                    for b in blocks {
                        self.push_block(b);
                    }
                }
            }
            Container::Quote(blocks) => {
                if !blocks.is_empty() {
                    self.push_block(Block::Quote { blocks });
                }
            }
            Container::List {
                ordered,
                start,
                items,
            } => {
                if !items.is_empty() {
                    self.push_block(Block::List {
                        ordered,
                        start,
                        items,
                    });
                }
            }
            Container::Root(blocks) => {
                for b in blocks {
                    self.push_block(b);
                }
            }
        }
    }

    /// Finish and return the blocks.
    pub fn finish(mut self) -> Vec<Block> {
        self.flush();
        while self.frames.len() > 1 {
            self.close_frame();
        }
        self.flush();
        while self.containers.len() > 1 {
            self.close_container();
        }
        match self.containers.pop() {
            Some(Container::Root(v)) => v,
            _ => Vec::new(),
        }
    }
}

/// Wrap a closed frame's content in its inline type (`None` when empty).
fn wrap(f: Frame) -> Option<Inline> {
    let content = f.content;
    if content.is_empty() {
        return None;
    }
    Some(match f.kind {
        FrameKind::Para => return content.into_iter().next(),
        FrameKind::Strong => Inline::Strong { content },
        FrameKind::Emphasis => Inline::Emphasis { content },
        FrameKind::Strike => Inline::Strike { content },
        FrameKind::Sup => Inline::Superscript { content },
        FrameKind::Sub => Inline::Subscript { content },
        FrameKind::Link => Inline::Link {
            href: f.href,
            content,
        },
    })
}

/// Trim leading/trailing spaces and line breaks of a paragraph.
pub fn trim_inlines(mut v: Vec<Inline>) -> Vec<Inline> {
    while matches!(v.last(), Some(Inline::LineBreak)) {
        v.pop();
    }
    while matches!(v.first(), Some(Inline::LineBreak)) {
        v.remove(0);
    }
    if let Some(Inline::Text { text }) = v.first_mut() {
        let t = text.trim_start_matches(crate::text::is_space).to_string();
        *text = t;
    }
    if let Some(Inline::Text { text }) = v.last_mut() {
        let t = text.trim_end_matches(crate::text::is_space).to_string();
        *text = t;
    }
    v.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
    v
}
