//! Events → arena: [`Builder`] builds the [`Doc`] from open-element / text / close events
//! in document order. Two sources feed it: scraper's tree of parsed HTML (its open/close
//! edges, one iterative pass: [`parse`]) and, in the browser, the walk of the live DOM
//! (`web::snapshot_doc`), which skips writing and re-parsing HTML.

use super::tags::is_dropped_tag;
use super::{ClassHints, Doc, MetaTag, Node, NodeId, NodeKind};
use crate::extract::hints::{partial_hints, PartialHints};
use crate::{Error, Limits};
#[cfg(feature = "html")]
use ego_tree::iter::Edge;
use std::borrow::Cow;

/// Is an element hidden by its own attributes (CSS `display:none`/`visibility:hidden`
/// inline, the `hidden` attribute, `aria-hidden="true"`)? The live-DOM snapshot marks
/// nodes hidden by stylesheets with `data-readmark-hidden`.
///
/// Inline `visibility:hidden` alone is [`Hidden::ByStyle`]: script-rendered pages hide
/// their whole server-rendered body that way until their script has run (against a flash
/// of unstyled content), so a static copy would otherwise show nothing.
///
/// One pass over the attributes, no allocation (this runs for every element).
fn is_hidden(attrs: &[Attr<'_>]) -> Hidden {
    let (mut attr_hidden, mut style_hidden) = (false, StyleHide::No);
    for (name, value) in attrs {
        match &**name {
            "data-readmark-hidden" => return Hidden::Always,
            // Second chance for server-rendered pages whose content waits in a `hidden`
            // container for a script to reveal it (streaming SSR): only inline
            // `display:none` still hides.
            "hidden" => attr_hidden = true,
            "aria-hidden" if value == "true" => attr_hidden = true,
            // The first `style` attribute counts (as `Element::attr` found it).
            "style" if style_hidden == StyleHide::No => style_hidden = style_hides(value),
            _ => {}
        }
    }
    if style_hidden == StyleHide::Display {
        Hidden::Always
    } else if attr_hidden {
        Hidden::ByAttr
    } else if style_hidden == StyleHide::Visibility {
        Hidden::ByStyle
    } else {
        Hidden::No
    }
}

/// How deep (open elements above it, `<html>` and `<body>` included) an element hidden by
/// an inline `visibility:hidden` may be for a retry to reveal it ([`Hidden::ByStyle`]):
/// `<body>` itself or one of three wrappers under it.
const REVEALED_WRAPPER_DEPTH: usize = 4;

/// What hides an element (see [`is_hidden`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hidden {
    No,
    /// Only the `hidden` or `aria-hidden` attribute: kept by `parse_keeping_hidden`.
    ByAttr,
    /// Only an inline `visibility:hidden`: kept by `parse_keeping_hidden` too.
    ByStyle,
    /// Inline style or the snapshot's mark: hidden in both parses.
    Always,
}

/// The first value of attribute `name`.
fn attr<'a>(attrs: &'a [Attr<'_>], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| &**v)
}

/// What an inline style hides with (see [`style_hides`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StyleHide {
    No,
    /// `display:none`
    Display,
    /// `visibility:hidden` (and no `display:none`)
    Visibility,
}

/// Does an inline style contain `display:none` or `visibility:hidden` (whitespace
/// ignored, ASCII case-insensitive)? `display:none` wins when both are there.
fn style_hides(style: &str) -> StyleHide {
    const NEEDLES: [&[u8]; 2] = [b"display:none", b"visibility:hidden"];
    // Neither needle repeats its first letter, so a mismatch restarts at the current
    // character without missing a match.
    let mut at = [0usize; 2];
    let mut found = StyleHide::No;
    for c in style.chars().filter(|c| !c.is_whitespace()) {
        let c = c.to_ascii_lowercase();
        for (k, needle) in NEEDLES.iter().enumerate() {
            if at[k] == needle.len() {
                continue;
            }
            if c.is_ascii() && needle[at[k]] == c as u8 {
                at[k] += 1;
                if at[k] == needle.len() {
                    if k == 0 {
                        return StyleHide::Display;
                    }
                    found = StyleHide::Visibility;
                }
            } else {
                at[k] = usize::from(c.is_ascii() && needle[0] == c as u8);
            }
        }
    }
    found
}

name_set!(
    /// Attributes worth keeping (everything else — event handlers, styles — is dropped
    /// here), besides every `data-*`.
    KEPT_ATTRS,
    is_kept_attr,
    [
        "class", "id", "href", "src", "srcset", "alt", "title", "lang",
        "dir", "itemprop", "itemtype", "itemscope", "rel", "role", "datetime", "start",
        "colspan", "rowspan", "width", "height", "type", "encoding", "content", "name",
        "property", "http-equiv", "charset", "summary", "border", "display", "reversed", "pubdate",
    ]
);

/// Attributes read while building besides [`KEPT_ATTRS`] and `data-*` (hiding, the
/// language of `<html>`). With them, every attribute the arena depends on: the browser
/// walk hands over no others (`web::dom_walk`).
pub const READ_ATTRS: &[&str] = &["style", "hidden", "aria-hidden", "xml:lang"];

fn keep_attr(name: &str) -> bool {
    is_kept_attr(name) || name.starts_with("data-")
}

#[cfg(feature = "html")]
/// Parse as a browser with scripting disabled would: `<noscript>` content becomes
/// elements. Server-rendered apps (forums, SPAs) put their crawler-visible content there;
/// lazy-image fallbacks in `<noscript>` are reconciled by the builder.
fn parse_html(html: &str) -> scraper::Html {
    use html5ever::tendril::TendrilSink;
    let opts = html5ever::driver::ParseOpts {
        tree_builder: html5ever::tree_builder::TreeBuilderOpts {
            scripting_enabled: false,
            ..Default::default()
        },
        ..Default::default()
    };
    html5ever::driver::parse_document(
        scraper::HtmlTreeSink::new(scraper::Html::new_document()),
        opts,
    )
    .one(html)
}

/// One attribute as a source hands it over (borrowed from the source where possible).
pub type Attr<'a> = (Cow<'a, str>, Cow<'a, str>);

#[cfg(feature = "html")]
pub(super) fn parse(
    html: &str,
    page_url: Option<url::Url>,
    limits: &Limits,
    keep_hidden_attr: bool,
) -> Result<Doc, Error> {
    Parsed::new(html, limits).build(page_url, limits, keep_hidden_attr)
}

#[cfg(feature = "html")]
/// A page parsed once (html5ever into scraper's tree), from which arenas are built: the
/// retry that keeps attribute-hidden elements builds its arena from the same tree instead
/// of parsing the page again.
pub struct Parsed(scraper::Html);

#[cfg(feature = "html")]
impl std::fmt::Debug for Parsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Parsed(..)")
    }
}

#[cfg(feature = "html")]
impl Parsed {
    /// Parse `html` (depth-guarded at `limits.max_depth` first).
    pub fn new(html: &str, limits: &Limits) -> Parsed {
        let guarded = super::depth_guard::guard(html, limits.max_depth);
        Parsed(parse_html(&guarded))
    }

    /// Build an arena: `keep_hidden_attr` as in [`Doc::parse_keeping_hidden`].
    pub fn build(
        &self,
        page_url: Option<url::Url>,
        limits: &Limits,
        keep_hidden_attr: bool,
    ) -> Result<Doc, Error> {
        let mut b = Builder::new(page_url, limits, keep_hidden_attr);
        feed_scraper(&mut b, self.0.tree.root().traverse())?;
        Ok(b.finish())
    }
}

#[cfg(feature = "html")]
/// Feed scraper's open/close edges to the builder (elements and text; comments, doctypes
/// and the document node carry nothing the arena keeps).
fn feed_scraper<'a>(
    b: &mut Builder<'_>,
    edges: impl Iterator<Item = Edge<'a, scraper::Node>>,
) -> Result<(), Error> {
    let mut attrs: Vec<Attr<'a>> = Vec::new();
    for edge in edges {
        match edge {
            Edge::Open(n) => match n.value() {
                scraper::Node::Element(el) => {
                    attrs.clear();
                    attrs.extend(
                        el.attrs()
                            .map(|(k, v)| (Cow::Borrowed(k), Cow::Borrowed(v))),
                    );
                    b.open(&el.name().to_ascii_lowercase(), &attrs)?;
                }
                scraper::Node::Text(t) => b.text(t),
                _ => {}
            },
            Edge::Close(n) => {
                if n.value().is_element() {
                    b.close();
                }
            }
        }
    }
    Ok(())
}

/// Builds the arena from a stream of open-element / text / close events, in document
/// order. Every rule of the arena (limits, depth flattening, dropped and hidden subtrees,
/// attribute filtering, class hints, head facts) lives here, so the two sources — the
/// scraper tree of parsed HTML, and the browser's walk of the live DOM
/// (`web::snapshot_doc`) — cannot drift apart.
#[derive(Debug)]
pub struct Builder<'l> {
    doc: Doc,
    limits: &'l Limits,
    keep_hidden_attr: bool,
    root: NodeId,
    /// Per open source element: the arena node it maps to (None when flattened or
    /// skipped).
    open: Vec<Option<NodeId>>,
    cur: NodeId,
    /// > 0 while inside a dropped subtree.
    skip_depth: usize,
    /// What the text of the dropped element being skipped is for.
    skipping: SkippedText,
    skip_text: String,
    body: Option<NodeId>,
    hint_cache: HintCache,
}

impl<'l> Builder<'l> {
    pub fn new(page_url: Option<url::Url>, limits: &'l Limits, keep_hidden_attr: bool) -> Self {
        let mut doc = Doc {
            nodes: Vec::new(),
            body: 0,
            base: page_url.clone(),
            page_url,
            title: None,
            metas: Vec::new(),
            json_ld: Vec::new(),
            canonical: None,
            html_lang: None,
            html_dir: None,
            element_count: 0,
            dropped_hidden: 0,
            hidden_by_attr: 0,
            hidden_by_style: 0,
            discussion: false,
            ends: Vec::new(),
        };
        let root = doc.push(
            None,
            NodeKind::Element {
                tag: "#root".into(),
                attrs: Box::new([]),
            },
            0,
        );
        Builder {
            doc,
            limits,
            keep_hidden_attr,
            root,
            open: Vec::new(),
            cur: root,
            skip_depth: 0,
            skipping: SkippedText::Ignored,
            skip_text: String::new(),
            body: None,
            hint_cache: HintCache::default(),
        }
    }

    pub fn limits(&self) -> &Limits {
        self.limits
    }

    /// Nodes in the arena so far: the id the next node will get.
    pub fn node_count(&self) -> usize {
        self.doc.nodes.len()
    }

    /// An element opens: `tag` lower-case, `attrs` in the source's order.
    pub fn open(&mut self, tag: &str, attrs: &[Attr<'_>]) -> Result<(), Error> {
        let doc = &mut self.doc;
        doc.element_count += 1;
        if doc.element_count > self.limits.max_elements {
            return Err(Error::TooManyElements {
                count: doc.element_count,
                limit: self.limits.max_elements,
            });
        }
        if self.skip_depth > 0 {
            self.skip_depth += 1;
            self.open.push(None);
            return Ok(());
        }
        let hidden = match is_hidden(attrs) {
            Hidden::No => false,
            Hidden::ByAttr => {
                doc.hidden_by_attr += 1;
                !self.keep_hidden_attr
            }
            // Only an outer wrapper hides the page until its script runs; deeper down,
            // inline `visibility:hidden` is a collapsed panel or a placeholder.
            Hidden::ByStyle if self.open.len() <= REVEALED_WRAPPER_DEPTH => {
                doc.hidden_by_style += 1;
                !self.keep_hidden_attr
            }
            Hidden::ByStyle => true,
            Hidden::Always => true,
        };
        if hidden || is_dropped_tag(tag) {
            collect_head(doc, tag, attrs);
            if hidden {
                doc.dropped_hidden += 1;
            }
            self.skip_depth = 1;
            self.skipping = skipped_text(tag, attrs);
            self.skip_text.clear();
            self.open.push(None);
            return Ok(());
        }
        if tag == "html" {
            doc.html_lang = attr(attrs, "lang")
                .or(attr(attrs, "xml:lang"))
                .map(str::to_string);
            doc.html_dir = attr(attrs, "dir").map(str::to_string);
        }
        let depth = doc.node(self.cur).depth + 1;
        if depth as usize > self.limits.max_depth {
            self.open.push(None); // flattened: children attach to `cur`
            return Ok(());
        }
        let kept: Vec<(Box<str>, Box<str>)> = attrs
            .iter()
            .filter(|(k, _)| keep_attr(k))
            .map(|(k, v)| (Box::from(&**k), Box::from(&**v)))
            .collect();
        let id = doc.push_cached(
            Some(self.cur),
            NodeKind::Element {
                tag: tag.into(),
                attrs: kept.into_boxed_slice(),
            },
            depth,
            &mut self.hint_cache,
        );
        if tag == "body" && self.body.is_none() {
            self.body = Some(id);
            if doc.html_dir.is_none() {
                doc.html_dir = attr(attrs, "dir").map(str::to_string);
            }
        }
        self.open.push(Some(id));
        self.cur = id;
        Ok(())
    }

    /// A text node (sources hand over adjacent text merged, as an HTML parser does).
    pub fn text(&mut self, t: &str) {
        if self.skip_depth > 0 {
            if self.skip_depth == 1
                && self.skipping != SkippedText::Ignored
                && self.skip_text.len() < 1 << 20
            {
                self.skip_text.push_str(t);
            }
            return;
        }
        let depth = self.doc.node(self.cur).depth + 1;
        self.doc
            .push(Some(self.cur), NodeKind::Text(Box::from(t)), depth);
    }

    /// The innermost open element closes (ignored when none is open).
    pub fn close(&mut self) {
        let Some(entry) = self.open.pop() else { return };
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            if self.skip_depth == 0 {
                let what = std::mem::replace(&mut self.skipping, SkippedText::Ignored);
                finish_skipped(&mut self.doc, what, &self.skip_text, self.cur);
            }
            return;
        }
        if let Some(id) = entry {
            self.cur = self.doc.node(id).parent.unwrap_or(self.root);
        }
    }

    pub fn finish(self) -> Doc {
        let mut doc = self.doc;
        doc.body = self.body.unwrap_or(self.root);
        if let Some(b) = doc.base.clone() {
            // `<base href>` was recorded as a meta entry by `collect_head`.
            if let Some(h) = doc
                .metas
                .iter()
                .find(|m| m.key == "#base")
                .map(|m| m.content.clone())
            {
                if let Ok(u) = b.join(&crate::idn::ascii_hosts(&h)) {
                    doc.base = Some(u);
                }
            }
        }
        doc.index_subtrees();
        doc.discussion = is_discussion(&doc);
        doc
    }
}

/// schema.org type of a thread of posts (a forum topic). Not `QAPage`: there the
/// answers are the content, while the short comments under each post are still
/// remarks about it.
const DISCUSSION_TYPES: [&str; 1] = ["DiscussionForumPosting"];

/// Does the page declare itself a discussion, as a JSON-LD `@type` (a quoted string in
/// a JSON-LD block) or a microdata `itemtype`? One pass over the arena.
fn is_discussion(doc: &Doc) -> bool {
    let quoted = |s: &str| {
        DISCUSSION_TYPES.iter().any(|t| {
            s.match_indices(t)
                .any(|(i, _)| s[..i].ends_with(['"', '/']))
        })
    };
    doc.json_ld.iter().any(|s| quoted(s))
        || doc.nodes.iter().any(|n| {
            n.attr("itemtype").is_some_and(|v| {
                DISCUSSION_TYPES
                    .iter()
                    .any(|t| v.trim_end_matches('/').rsplit('/').next() == Some(t))
            })
        })
}

/// Class/id hints of the `class` values seen so far in one parse: pages repeat the same
/// few class lists on thousands of elements, and computing the hints (lower-casing,
/// splitting, matching words) was ~6 % of all native instructions. The cache holds the
/// hints of the `class` words (`PartialHints`); an element's `id` words, unique per
/// element, are added to them. A pure cache: the hints depend on the attribute values
/// only. At most [`HintCache::MAX_ENTRIES`] entries (then computed each time).
#[derive(Debug, Default)]
struct HintCache {
    by_class: std::collections::HashMap<Box<str>, PartialHints>,
}

impl HintCache {
    const MAX_ENTRIES: usize = 4096;

    fn hints(&mut self, class: Option<&str>, id: Option<&str>) -> ClassHints {
        let words = |v: &str| partial_hints(&super::class_id_of(Some(v), None));
        let class_part = match class {
            None => PartialHints::default(),
            Some(c) => match self.by_class.get(c) {
                Some(&p) => p,
                None => {
                    let mut p = words(c);
                    if crate::extract::hints::class_hides(c) {
                        p = p.with(ClassHints::UNLIKELY);
                    }
                    if self.by_class.len() < Self::MAX_ENTRIES {
                        self.by_class.insert(Box::from(c), p);
                    }
                    p
                }
            },
        };
        match id {
            None => class_part.finish(),
            Some(i) => class_part.union(words(i)).finish(),
        }
    }
}

impl Doc {
    fn push(&mut self, parent: Option<NodeId>, kind: NodeKind, depth: u32) -> NodeId {
        self.push_cached(parent, kind, depth, &mut HintCache::default())
    }

    fn push_cached(
        &mut self,
        parent: Option<NodeId>,
        kind: NodeKind,
        depth: u32,
        cache: &mut HintCache,
    ) -> NodeId {
        let id = self.nodes.len() as NodeId;
        let hints = match &kind {
            NodeKind::Element { attrs, .. } => {
                let attr = |name: &str| {
                    attrs
                        .iter()
                        .find(|(k, _)| k.as_ref() == name)
                        .map(|(_, v)| v.as_ref())
                };
                cache.hints(attr("class"), attr("id"))
            }
            NodeKind::Text(_) => ClassHints::default(),
        };
        self.nodes.push(Node {
            kind,
            parent,
            children: Vec::new(),
            depth,
            hints,
        });
        if let Some(p) = parent {
            self.nodes[p as usize].children.push(id);
        }
        id
    }
}

/// Head facts carried by elements that are otherwise dropped.
fn collect_head(doc: &mut Doc, tag: &str, attrs: &[Attr<'_>]) {
    match tag {
        "meta" => {
            let key = attr(attrs, "property")
                .or(attr(attrs, "name"))
                .or(attr(attrs, "itemprop"))
                .or(attr(attrs, "http-equiv"));
            if let (Some(k), Some(c)) = (key, attr(attrs, "content")) {
                doc.metas.push(MetaTag {
                    key: k.trim().to_ascii_lowercase(),
                    content: c.to_string(),
                });
            }
        }
        "link" => {
            let rel = attr(attrs, "rel").unwrap_or("").to_ascii_lowercase();
            if rel.split_whitespace().any(|r| r == "canonical") && doc.canonical.is_none() {
                doc.canonical = attr(attrs, "href").map(str::to_string);
            }
        }
        "base" => {
            if let Some(h) = attr(attrs, "href") {
                if !doc.metas.iter().any(|m| m.key == "#base") {
                    doc.metas.push(MetaTag {
                        key: "#base".into(),
                        content: h.to_string(),
                    });
                }
            }
        }
        _ => {}
    }
}

/// What the text of a dropped element is read for (all other dropped text is ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SkippedText {
    Ignored,
    /// The first `<title>`.
    Title,
    /// `<script type="application/ld+json">` (any type containing `ld+json`).
    JsonLd,
    /// `<script type="math/tex">` (`; mode=display`: a block).
    Tex {
        display: bool,
    },
}

/// Whether the core reads the text of a `<script>` of this `type`: JSON-LD (metadata)
/// and TeX (MathJax 2's `math/tex`), as [`script_text`] sorts them. The browser walk
/// hands over the text of these scripts only (`web::dom_walk`, the same test in
/// JavaScript).
pub fn script_text_is_read(ty: &str) -> bool {
    script_text(ty) != SkippedText::Ignored
}

/// What the text of a `<script>` of this `type` is for.
fn script_text(ty: &str) -> SkippedText {
    let ty = ty.to_ascii_lowercase();
    if ty.contains("ld+json") {
        SkippedText::JsonLd
    } else if ty.starts_with("math/tex") {
        SkippedText::Tex {
            display: ty.contains("display"),
        }
    } else {
        SkippedText::Ignored
    }
}

/// What a dropped element's text is for: `tag` lower-case, `attrs` in the source's
/// order (the first `type` counts). The text of every other dropped element (styles,
/// scripts nobody reads) is not even kept while it is skipped.
fn skipped_text(tag: &str, attrs: &[Attr<'_>]) -> SkippedText {
    match tag {
        "title" => SkippedText::Title,
        "script" => script_text(attr(attrs, "type").unwrap_or("")),
        _ => SkippedText::Ignored,
    }
}

/// Keep the text of a dropped element that carries a head fact or content: the title,
/// JSON-LD, TeX (as an `x-tex` element where the script was).
fn finish_skipped(doc: &mut Doc, what: SkippedText, text: &str, cur: NodeId) {
    match what {
        SkippedText::Title if doc.title.is_none() => doc.title = Some(text.to_string()),
        SkippedText::JsonLd => doc.json_ld.push(text.to_string()),
        SkippedText::Tex { display } => {
            let mode = if display { "block" } else { "inline" };
            let depth = doc.node(cur).depth + 1;
            let id = doc.push(
                Some(cur),
                NodeKind::Element {
                    tag: "x-tex".into(),
                    attrs: Box::new([(Box::from("display"), Box::from(mode))]),
                },
                depth,
            );
            doc.push(Some(id), NodeKind::Text(Box::from(text)), depth + 1);
        }
        SkippedText::Title | SkippedText::Ignored => {}
    }
}

#[cfg(test)]
mod tests {
    use super::{style_hides, Attr, Builder, StyleHide};
    use crate::dom::{Doc, NodeKind};
    use std::borrow::Cow;

    /// Tags, attributes and text of an arena in document order.
    fn shape(doc: &Doc) -> Vec<String> {
        let mut out = vec![format!("title={:?} metas={:?}", doc.title, doc.metas)];
        for id in doc.descendants(0) {
            out.push(match &doc.node(id).kind {
                NodeKind::Element { tag, attrs } => {
                    format!("{}<{tag} {attrs:?}>", doc.node(id).depth)
                }
                NodeKind::Text(t) => format!("{}{t:?}", doc.node(id).depth),
            });
        }
        out.push(format!("body={} dropped={}", doc.body, doc.dropped_hidden));
        out
    }

    #[test]
    fn events_build_what_the_parser_builds() {
        let html = "<!DOCTYPE html><html lang=en><head><title>T</title>\
            <meta property=og:title content=X></head><body class=b>\
            <p id=a data-x=1>one <b>two</b></p><div hidden>gone</div>\
            <noscript><img src=i.png></noscript></body></html>";
        let limits = crate::Limits::default();
        let parsed = Doc::parse(html, None, &limits).expect("parse");
        let mut b = Builder::new(None, &limits, false);
        let a = |k: &'static str, v: &'static str| -> Attr<'static> {
            (Cow::Borrowed(k), Cow::Borrowed(v))
        };
        b.open("html", &[a("lang", "en")]).expect("html");
        b.open("head", &[]).expect("head");
        b.open("title", &[]).expect("title");
        b.text("T");
        b.close();
        b.open("meta", &[a("content", "X"), a("property", "og:title")])
            .expect("meta");
        b.close();
        b.close();
        b.open("body", &[a("class", "b")]).expect("body");
        b.open("p", &[a("data-x", "1"), a("id", "a")]).expect("p");
        b.text("one ");
        b.open("b", &[]).expect("b");
        b.text("two");
        b.close();
        b.close();
        b.open("div", &[a("hidden", "")]).expect("div");
        b.text("gone");
        b.close();
        b.open("noscript", &[]).expect("noscript");
        b.open("img", &[a("src", "i.png")]).expect("img");
        b.close();
        b.close();
        b.close();
        b.close();
        assert_eq!(shape(&b.finish()), shape(&parsed));
    }

    #[test]
    fn inline_styles_that_hide() {
        let old = |s: &str| {
            let s = s.replace(char::is_whitespace, "").to_ascii_lowercase();
            if s.contains("display:none") {
                StyleHide::Display
            } else if s.contains("visibility:hidden") {
                StyleHide::Visibility
            } else {
                StyleHide::No
            }
        };
        for s in [
            "display: none",
            "DISPLAY : NONE !important",
            "ddisplay:none",
            "display:block; visibility : Hidden",
            "display:nonE",
            "dis play:no ne",
            "display:inline-none",
            "color: red",
            "display:displaý:none",
            "visibility:visible",
            "visvisibility:hidden",
            "visibility:hidden;display:none",
            "visibility:hidden;display:block",
            "",
        ] {
            assert_eq!(style_hides(s), old(s), "{s:?}");
        }
    }
}
