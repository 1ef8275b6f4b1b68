//! A compact, read-only arena DOM built once, by one [`Builder`] fed by either source:
//! scraper's tree of parsed HTML ([`Doc::parse`]) or, in the browser, the walk of the live
//! DOM (`web::snapshot_doc`, no HTML written or re-parsed).
//!
//! Why our own arena: scoring needs per-node statistics and parent links in flat arrays
//! (linear passes, no recursion), and building it is where the explicit limits are
//! enforced in one place: element count, depth (content deeper than
//! `Limits::max_depth` is flattened into the ancestor at that depth, as browsers do), and
//! what never reaches extraction at all (scripts, styles, forms controls, CSS-hidden
//! nodes, ruby readings). Head-only facts (meta tags, JSON-LD, `<title>`, canonical link,
//! `<base>`) are collected on the way for the `meta` stage.
//!
//! Node ids are assigned in document (pre-)order, so every child has a larger id than its
//! parent: a reverse loop over ids visits children before parents (bottom-up sums).

/// A list of names both as a `pub const` slice (handed to the browser walk, iterated by
/// tests) and as a `fn` answering membership with one `match` (compiled to a few length
/// and byte comparisons: the builder asks for every element and attribute, and a linear
/// search of the slice was ~2 % of native time). One source, so the two cannot differ.
macro_rules! name_set {
    ($(#[$doc:meta])* $list:ident, $is:ident, [$($name:literal),* $(,)?]) => {
        $(#[$doc])*
        pub const $list: &[&str] = &[$($name),*];

        $(#[$doc])*
        pub fn $is(name: &str) -> bool {
            matches!(name, $($name)|*)
        }
    };
}

#[cfg(feature = "html")]
mod depth_guard;
mod parse;

#[cfg(feature = "html")]
pub use parse::Parsed;
pub use parse::{script_text_is_read, Attr, Builder, KEPT_ATTRS, READ_ATTRS};
mod tags;

pub use crate::extract::hints::ClassHints;
pub use tags::{is_block_tag, is_inline_tag, DROPPED_TAGS};

/// Index of a node in [`Doc::nodes`].
pub type NodeId = u32;

/// An element or a text run.
#[derive(Debug, Clone)]
pub enum NodeKind {
    Element {
        /// Lower-case local name.
        tag: Box<str>,
        attrs: Box<[(Box<str>, Box<str>)]>,
    },
    Text(Box<str>),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub kind: NodeKind,
    pub parent: Option<NodeId>,
    pub children: Vec<NodeId>,
    pub depth: u32,
    /// What `class` and `id` say (`extract::hints`), computed once when the arena is built.
    pub hints: ClassHints,
}

impl Node {
    pub fn tag(&self) -> &str {
        match &self.kind {
            NodeKind::Element { tag, .. } => tag,
            NodeKind::Text(_) => "",
        }
    }

    pub fn is_element(&self) -> bool {
        matches!(self.kind, NodeKind::Element { .. })
    }

    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Text(t) => Some(t),
            NodeKind::Element { .. } => None,
        }
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        match &self.kind {
            NodeKind::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k.as_ref() == name)
                .map(|(_, v)| v.as_ref()),
            NodeKind::Text(_) => None,
        }
    }

    /// In no particular order (it depends on the source that built the arena): look
    /// attributes up by name.
    pub fn attrs(&self) -> &[(Box<str>, Box<str>)] {
        match &self.kind {
            NodeKind::Element { attrs, .. } => attrs,
            NodeKind::Text(_) => &[],
        }
    }

    /// `class` and `id` as lower-case words (see [`class_id_of`]). Allocates: the
    /// extraction reads [`Node::hints`] instead; this is for diagnostics.
    pub fn class_id(&self) -> String {
        class_id_of(self.attr("class"), self.attr("id"))
    }
}

/// `class` and `id` as lower-case words: camelCase, `-` and `_` become word breaks
/// (`ArticleBody-sidebar_left` → `article body sidebar left`), so hints can match
/// whole words and `pagebuilder-pagerow` does not look like a `pager`.
///
/// CSS utility classes say how a box is laid out, not what it holds, and are left out
/// ([`is_layout_utility`]): `overflow-hidden` is no hidden widget.
pub fn class_id_of(class: Option<&str>, id: Option<&str>) -> String {
    let mut s = String::with_capacity(class.map_or(0, str::len) + id.map_or(0, str::len) + 2);
    let push = |s: &mut String, v: &str| {
        if v.is_ascii() {
            push_ascii_words(s, v.as_bytes());
        } else {
            push_words(s, v);
        }
    };
    if let Some(class) = class {
        if class.split_ascii_whitespace().any(is_layout_utility) {
            for token in class.split_ascii_whitespace() {
                if !is_layout_utility(token) {
                    push(&mut s, token);
                }
            }
        } else {
            push(&mut s, class);
        }
    }
    if let Some(id) = id {
        push(&mut s, id);
    }
    s
}

/// A utility class of a CSS framework whose words would read as hints: the overflow
/// utilities (`overflow-hidden`, `overflow-x-scroll`: a box that clips or scrolls is
/// not a hidden widget or an infinite scroller) and any class with a variant prefix
/// (`md:hidden`, `hover:underline`: layout per screen size or state).
fn is_layout_utility(token: &str) -> bool {
    token.starts_with("overflow") || token.contains(':')
}

/// One value's words, then a space.
fn push_words(s: &mut String, v: &str) {
    let mut prev_lower = false;
    for c in v.chars() {
        if c.is_uppercase() && prev_lower {
            s.push(' ');
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        if c == '-' || c == '_' || c.is_whitespace() {
            s.push(' ');
        } else {
            s.extend(c.to_lowercase());
        }
    }
    s.push(' ');
}

/// [`push_words`] for an ASCII value (the common case), byte by byte.
fn push_ascii_words(s: &mut String, v: &[u8]) {
    let mut prev_lower = false;
    for &b in v {
        if b.is_ascii_uppercase() && prev_lower {
            s.push(' ');
        }
        prev_lower = b.is_ascii_lowercase() || b.is_ascii_digit();
        // `char::is_whitespace` on ASCII: \t \n \x0b \x0c \r and space.
        if b == b'-' || b == b'_' || matches!(b, b'\t'..=b'\r' | b' ') {
            s.push(' ');
        } else {
            s.push(char::from(b.to_ascii_lowercase()));
        }
    }
    s.push(' ');
}

/// A `<meta>` tag's key (`name`, `property` or `itemprop`, lower-cased) and content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaTag {
    pub key: String,
    pub content: String,
}

/// The parsed page.
#[derive(Debug)]
pub struct Doc {
    pub nodes: Vec<Node>,
    /// The `<body>` element (or the root when the page has none).
    pub body: NodeId,
    /// Base URL for resolving links: `<base href>` resolved against the page URL.
    pub base: Option<url::Url>,
    /// The URL the page was read from.
    pub page_url: Option<url::Url>,
    pub title: Option<String>,
    pub metas: Vec<MetaTag>,
    /// Raw text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    pub canonical: Option<String>,
    pub html_lang: Option<String>,
    pub html_dir: Option<String>,
    /// Number of elements in the source document (before dropping).
    pub element_count: usize,
    /// Nodes dropped while building (hidden, scripts …): kept only as a count.
    pub dropped_hidden: usize,
    /// Elements met outside dropped subtrees that only the `hidden`/`aria-hidden`
    /// attribute hides: when there are none (and no [`Doc::hidden_by_style`]),
    /// [`Doc::parse_keeping_hidden`] builds the same document as [`Doc::parse`].
    pub hidden_by_attr: usize,
    /// … and those that only an inline `visibility:hidden` hides (the whole body of a
    /// script-rendered page, until its script runs; but also collapsed panels and
    /// placeholders: so these are revealed only when the page has no article at all).
    pub hidden_by_style: usize,
    /// The page says it is a forum thread (schema.org `DiscussionForumPosting`,
    /// in JSON-LD or microdata): its replies are the content, not furniture under it.
    pub discussion: bool,
    /// One past the last descendant of each node, when the arena is in document order
    /// (every subtree a contiguous run of ids, as the builder makes it): then
    /// [`Doc::descendants`] is a range of ids instead of a walk with a stack. Empty when
    /// the nodes are in any other order ([`Doc::index_subtrees`]).
    pub ends: Vec<NodeId>,
}

/// What the first build hid that a retry could reveal ([`Doc::revealable`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Revealable {
    /// [`Doc::hidden_by_attr`]
    pub by_attr: usize,
    /// [`Doc::hidden_by_style`]
    pub by_style: usize,
}

impl Doc {
    /// The counts of elements a build keeping hidden elements would add.
    pub fn revealable(&self) -> Revealable {
        Revealable {
            by_attr: self.hidden_by_attr,
            by_style: self.hidden_by_style,
        }
    }

    /// Parse HTML under `limits`; `page_url` resolves relative URLs.
    #[cfg(feature = "html")]
    pub fn parse(
        html: &str,
        page_url: Option<url::Url>,
        limits: &crate::Limits,
    ) -> Result<Doc, crate::Error> {
        parse::parse(html, page_url, limits, false)
    }

    #[cfg(feature = "html")]
    /// Parse keeping elements hidden only by the `hidden`/`aria-hidden` attributes or an
    /// inline `visibility:hidden` (a retry when the visible page yields no content).
    pub fn parse_keeping_hidden(
        html: &str,
        page_url: Option<url::Url>,
        limits: &crate::Limits,
    ) -> Result<Doc, crate::Error> {
        parse::parse(html, page_url, limits, true)
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// All node ids of the subtree at `root` in document order (iterative).
    pub fn descendants(&self, root: NodeId) -> Descendants<'_> {
        match self.ends.get(root as usize) {
            Some(&end) => Descendants {
                doc: self,
                stack: Vec::new(),
                next: root,
                end,
            },
            None => Descendants {
                doc: self,
                stack: vec![root],
                next: 0,
                end: 0,
            },
        }
    }

    /// Fill [`Doc::ends`] when the nodes are in document order: a node's first child is
    /// the next id and each later child starts where its previous sibling's subtree
    /// ends. Checked, not assumed: any other order leaves `ends` empty, and
    /// [`Doc::descendants`] walks the children instead. Iterative, one pass from the last
    /// node up (a child's id is past its parent's, so its end is known first).
    pub fn index_subtrees(&mut self) {
        let n = self.nodes.len();
        let mut ends: Vec<NodeId> = vec![0; n];
        for i in (0..n).rev() {
            let mut next = i as NodeId + 1;
            for &c in &self.nodes[i].children {
                if c != next {
                    self.ends = Vec::new();
                    return;
                }
                next = ends[c as usize];
            }
            ends[i] = next;
        }
        self.ends = ends;
    }

    /// Concatenated text of a subtree, whitespace as in the source.
    pub fn text_of(&self, root: NodeId) -> String {
        let mut s = String::new();
        for id in self.descendants(root) {
            if let Some(t) = self.node(id).text() {
                s.push_str(t);
            }
        }
        s
    }

    /// Resolve a URL attribute against the base URL.
    pub fn resolve(&self, href: &str) -> Option<url::Url> {
        let href = crate::idn::ascii_hosts(href.trim());
        match &self.base {
            Some(b) => b.join(&href).ok(),
            None => url::Url::parse(&href).ok(),
        }
    }

    /// Ancestors of `id`, nearest first (excluding `id`).
    pub fn ancestors(&self, id: NodeId) -> Ancestors<'_> {
        Ancestors {
            doc: self,
            next: self.node(id).parent,
        }
    }
}

/// Pre-order iterator over a subtree.
#[derive(Debug)]
pub struct Descendants<'a> {
    doc: &'a Doc,
    /// Document-order arena ([`Doc::ends`]): the ids `next..end`.
    next: NodeId,
    end: NodeId,
    /// Otherwise: the nodes still to visit, the next on top.
    stack: Vec<NodeId>,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next < self.end {
            self.next += 1;
            return Some(self.next - 1);
        }
        let id = self.stack.pop()?;
        let children = &self.doc.node(id).children;
        self.stack.extend(children.iter().rev());
        Some(id)
    }
}

#[derive(Debug)]
pub struct Ancestors<'a> {
    doc: &'a Doc,
    next: Option<NodeId>,
}

impl Iterator for Ancestors<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.doc.node(id).parent;
        Some(id)
    }
}

#[cfg(test)]
mod tests {
    use super::{Doc, NodeId};

    /// The walk with a stack, which [`Doc::descendants`] replaces with a range of ids on
    /// an arena in document order.
    fn walked(doc: &Doc, root: NodeId) -> Vec<NodeId> {
        let (mut out, mut stack) = (Vec::new(), vec![root]);
        while let Some(id) = stack.pop() {
            out.push(id);
            stack.extend(doc.node(id).children.iter().rev());
        }
        out
    }

    #[cfg(feature = "html")]
    #[test]
    fn descendants_of_a_parsed_page_are_ranges_in_document_order() {
        let html = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/en-news-boilerplate/source.html"
        ))
        .expect("fixture");
        let doc = Doc::parse(&html, None, &crate::Limits::default()).expect("parses");
        assert_eq!(
            doc.ends.len(),
            doc.nodes.len(),
            "the builder's arena is in order"
        );
        for id in 0..doc.nodes.len() as NodeId {
            assert_eq!(doc.descendants(id).collect::<Vec<_>>(), walked(&doc, id));
        }
    }

    #[cfg(feature = "html")]
    #[test]
    fn an_arena_out_of_order_is_walked() {
        let mut doc = Doc::parse(
            "<div><p>a<b>b</b></p><p>c</p></div><ul><li>d</li></ul>",
            None,
            &crate::Limits::default(),
        )
        .expect("parses");
        // Swap two sibling subtrees' order among the children of their parent.
        let div = (0..doc.nodes.len() as NodeId)
            .find(|&i| doc.node(i).tag() == "div")
            .expect("a div");
        doc.nodes[div as usize].children.reverse();
        let expected = walked(&doc, 0);
        doc.index_subtrees();
        assert!(doc.ends.is_empty(), "not in document order any more");
        assert_eq!(doc.descendants(0).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn ascii_words_as_the_general_path() {
        for v in [
            "ArticleBody-sidebar_left",
            "HTMLParser x2Y\tA\x0bB\x0cC\rD  e__f",
            "mt-4 md:flex lg:px-8 [&>p]:mb-2",
            "",
            "aB9Cd",
        ] {
            let (mut a, mut b) = (String::new(), String::new());
            super::push_ascii_words(&mut a, v.as_bytes());
            super::push_words(&mut b, v);
            assert_eq!(a, b, "{v:?}");
        }
    }
}
