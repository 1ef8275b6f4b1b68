//! scraper tree → arena, in one iterative pass over ego-tree's open/close edges.

use super::tags::is_dropped_tag;
use super::{ClassHints, Doc, MetaTag, Node, NodeId, NodeKind};
use crate::{Error, Limits};
use ego_tree::iter::Edge;

/// Is an element hidden by its own attributes (CSS `display:none`/`visibility:hidden`
/// inline, the `hidden` attribute, `aria-hidden="true"`)? The live-DOM snapshot marks
/// nodes hidden by stylesheets with `data-readmark-hidden`.
///
/// One pass over the attributes, no allocation (this runs for every element).
fn is_hidden(el: &scraper::node::Element, keep_hidden_attr: bool) -> bool {
    let (mut attr_hidden, mut style_hidden) = (false, false);
    for (name, value) in el.attrs() {
        match name {
            "data-readmark-hidden" => return true,
            // Second chance for server-rendered pages whose content waits in a `hidden`
            // container for a script to reveal it (streaming SSR): only inline
            // `display:none` still hides.
            "hidden" => attr_hidden = true,
            "aria-hidden" if value == "true" => attr_hidden = true,
            // The first `style` attribute counts (as `Element::attr` found it).
            "style" if !style_hidden => style_hidden = style_hides(value),
            _ => {}
        }
    }
    style_hidden || (attr_hidden && !keep_hidden_attr)
}

/// Does an inline style contain `display:none` or `visibility:hidden` (whitespace
/// ignored, ASCII case-insensitive)?
fn style_hides(style: &str) -> bool {
    const NEEDLES: [&[u8]; 2] = [b"display:none", b"visibility:hidden"];
    // Neither needle repeats its first letter, so a mismatch restarts at the current
    // character without missing a match.
    let mut at = [0usize; 2];
    for c in style.chars().filter(|c| !c.is_whitespace()) {
        let c = c.to_ascii_lowercase();
        for (k, needle) in NEEDLES.iter().enumerate() {
            if c.is_ascii() && needle[at[k]] == c as u8 {
                at[k] += 1;
                if at[k] == needle.len() {
                    return true;
                }
            } else {
                at[k] = usize::from(c.is_ascii() && needle[0] == c as u8);
            }
        }
    }
    false
}

/// Attributes worth keeping (everything else — event handlers, styles — is dropped here).
fn keep_attr(name: &str) -> bool {
    matches!(
        name,
        "class"
            | "id"
            | "href"
            | "src"
            | "srcset"
            | "alt"
            | "title"
            | "lang"
            | "dir"
            | "itemprop"
            | "itemtype"
            | "itemscope"
            | "rel"
            | "role"
            | "datetime"
            | "start"
            | "colspan"
            | "rowspan"
            | "width"
            | "height"
            | "type"
            | "encoding"
            | "content"
            | "name"
            | "property"
            | "http-equiv"
            | "charset"
            | "summary"
            | "border"
            | "display"
            | "reversed"
            | "pubdate"
    ) || name.starts_with("data-")
}

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

pub(super) fn parse(
    html: &str,
    page_url: Option<url::Url>,
    limits: &Limits,
    keep_hidden_attr: bool,
) -> Result<Doc, Error> {
    let guarded = super::depth_guard::guard(html, limits.max_depth);
    let parsed = parse_html(&guarded);
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
        discussion: false,
    };
    let root = doc.push(
        None,
        NodeKind::Element {
            tag: "#root".into(),
            attrs: Box::new([]),
        },
        0,
    );
    // Per open source element: the arena node it maps to (None when flattened or
    // skipped). `skip_depth` > 0 while inside a dropped subtree.
    let mut open: Vec<Option<NodeId>> = Vec::new();
    let mut cur: NodeId = root;
    let mut skip_depth = 0usize;
    let mut skipping_tag: Option<String> = None;
    let mut skip_text = String::new();
    let mut body: Option<NodeId> = None;
    let mut hint_cache = HintCache::default();
    for edge in parsed.tree.root().traverse() {
        match edge {
            Edge::Open(n) => match n.value() {
                scraper::Node::Element(el) => {
                    doc.element_count += 1;
                    if doc.element_count > limits.max_elements {
                        return Err(Error::TooManyElements {
                            count: doc.element_count,
                            limit: limits.max_elements,
                        });
                    }
                    if skip_depth > 0 {
                        skip_depth += 1;
                        open.push(None);
                        continue;
                    }
                    let tag = el.name().to_ascii_lowercase();
                    let hidden = is_hidden(el, keep_hidden_attr);
                    if hidden || is_dropped_tag(&tag) {
                        collect_head(&mut doc, &tag, el);
                        if hidden {
                            doc.dropped_hidden += 1;
                        }
                        skip_depth = 1;
                        skipping_tag = Some(tag);
                        skip_text.clear();
                        open.push(None);
                        continue;
                    }
                    if tag == "html" {
                        doc.html_lang = el.attr("lang").or(el.attr("xml:lang")).map(str::to_string);
                        doc.html_dir = el.attr("dir").map(str::to_string);
                    }
                    let depth = doc.node(cur).depth + 1;
                    if depth as usize > limits.max_depth {
                        open.push(None); // flattened: children attach to `cur`
                        continue;
                    }
                    let attrs: Vec<(Box<str>, Box<str>)> = el
                        .attrs()
                        .filter(|(k, _)| keep_attr(k))
                        .map(|(k, v)| (Box::from(k), Box::from(v)))
                        .collect();
                    let id = doc.push_cached(
                        Some(cur),
                        NodeKind::Element {
                            tag: tag.clone().into_boxed_str(),
                            attrs: attrs.into_boxed_slice(),
                        },
                        depth,
                        &mut hint_cache,
                    );
                    if tag == "body" && body.is_none() {
                        body = Some(id);
                        if doc.html_dir.is_none() {
                            doc.html_dir = el.attr("dir").map(str::to_string);
                        }
                    }
                    open.push(Some(id));
                    cur = id;
                }
                scraper::Node::Text(t) => {
                    if skip_depth > 0 {
                        if skip_depth == 1 && skip_text.len() < 1 << 20 {
                            skip_text.push_str(t);
                        }
                        continue;
                    }
                    let depth = doc.node(cur).depth + 1;
                    doc.push(Some(cur), NodeKind::Text(Box::from(&**t)), depth);
                }
                _ => {}
            },
            Edge::Close(n) => {
                if !n.value().is_element() {
                    continue;
                }
                let Some(entry) = open.pop() else { continue };
                if skip_depth > 0 {
                    skip_depth -= 1;
                    if skip_depth == 0 {
                        if let Some(tag) = skipping_tag.take() {
                            finish_skipped(&mut doc, &tag, n.value().as_element(), &skip_text, cur);
                        }
                    }
                    continue;
                }
                if let Some(id) = entry {
                    cur = doc.node(id).parent.unwrap_or(root);
                }
            }
        }
    }
    doc.body = body.unwrap_or(root);
    doc.discussion = is_discussion(&doc);
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
    Ok(doc)
}

/// Class/id hints of the `class` values seen so far in one parse (elements without an
/// `id`): pages repeat the same few class lists on thousands of elements, and computing
/// the hints (lower-casing, splitting, matching words) was ~6 % of all native instructions.
/// A pure cache: the hints depend on the attribute values only. At most
/// [`HintCache::MAX_ENTRIES`] entries (then computed each time).
#[derive(Debug, Default)]
struct HintCache {
    by_class: std::collections::HashMap<Box<str>, ClassHints>,
}

impl HintCache {
    const MAX_ENTRIES: usize = 4096;

    fn hints(&mut self, class: Option<&str>, id: Option<&str>) -> ClassHints {
        let compute = || crate::extract::hints::class_hints(&super::class_id_of(class, id));
        match (class, id) {
            (None, None) => ClassHints::default(),
            (Some(c), None) => {
                if let Some(&h) = self.by_class.get(c) {
                    return h;
                }
                let h = compute();
                if self.by_class.len() < Self::MAX_ENTRIES {
                    self.by_class.insert(Box::from(c), h);
                }
                h
            }
            _ => compute(),
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

fn collect_head(doc: &mut Doc, tag: &str, el: &scraper::node::Element) {
    match tag {
        "meta" => {
            let key = el
                .attr("property")
                .or(el.attr("name"))
                .or(el.attr("itemprop"))
                .or(el.attr("http-equiv"));
            if let (Some(k), Some(c)) = (key, el.attr("content")) {
                doc.metas.push(MetaTag {
                    key: k.trim().to_ascii_lowercase(),
                    content: c.to_string(),
                });
            }
        }
        "link" => {
            let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
            if rel.split_whitespace().any(|r| r == "canonical") && doc.canonical.is_none() {
                doc.canonical = el.attr("href").map(str::to_string);
            }
        }
        "base" => {
            if let Some(h) = el.attr("href") {
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

/// Text-bearing dropped elements: `<title>`, JSON-LD, TeX scripts.
fn finish_skipped(
    doc: &mut Doc,
    tag: &str,
    el: Option<&scraper::node::Element>,
    text: &str,
    cur: NodeId,
) {
    let Some(el) = el else { return };
    match tag {
        "title" if doc.title.is_none() => doc.title = Some(text.to_string()),
        "script" => {
            let ty = el.attr("type").unwrap_or("").to_ascii_lowercase();
            if ty.contains("ld+json") {
                doc.json_ld.push(text.to_string());
            } else if ty.starts_with("math/tex") {
                let mode = if ty.contains("display") {
                    "block"
                } else {
                    "inline"
                };
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
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::style_hides;

    #[test]
    fn inline_styles_that_hide() {
        let old = |s: &str| {
            let s = s.replace(char::is_whitespace, "").to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
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
            "",
        ] {
            assert_eq!(style_hides(s), old(s), "{s:?}");
        }
    }
}
