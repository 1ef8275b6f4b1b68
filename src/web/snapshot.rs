//! The live-DOM snapshot: the page as the user sees it, written once as HTML for the core.
//!
//! Read-only: nothing on the page is changed (no attributes set, no nodes moved). One
//! iterative walk (an explicit stack of child cursors: a script-built DOM 20,000 levels
//! deep must not exhaust the 1 MiB wasm32 stack) over the *composed* tree:
//!
//! - open shadow roots are inlined in place of the host's children, and each `<slot>`
//!   is replaced by the nodes assigned to it (or its fallback content);
//! - an element hidden by CSS (see [`super::visibility`]) is written with
//!   `data-readmark-hidden` and its subtree is not checked further; the core drops it, but
//!   its metadata (JSON-LD, `<meta itemprop>`) is still seen;
//! - `<img>` gets its `currentSrc` as `src` (what a lazy loader or `srcset` chose);
//! - with a selection, only the nodes the selection touches are written in `<body>`
//!   (the text of its first and last node cut at the selection's offsets); `<head>` stays
//!   whole so the metadata is kept.
//!
//! What only the live page knows travels next to the HTML: URL, base URL, language,
//! content type and the selected text.

use super::element_info::{ElementInfo, NodeInfo, Visibility};
use super::html_out as out;
use super::visibility::Checker;
use crate::Limits;
use wasm_bindgen::JsCast;
use web_sys::{CharacterData, Document, Element, HtmlImageElement, HtmlSlotElement, Node, Range};

/// What to snapshot.
#[derive(Debug, Clone, Default)]
pub struct SnapshotOptions {
    /// Only the nodes the current selection touches (error when nothing is selected).
    pub selection_only: bool,
    /// Do not check CSS visibility (see `super::read_document`: pages that hide most of
    /// their text until the reader scrolls or clicks).
    pub ignore_css_hidden: bool,
    pub limits: Limits,
}

/// Counters of one snapshot (for tests and the developer console).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SnapshotStats {
    pub elements: usize,
    pub hidden: usize,
    pub shadow_roots: usize,
    pub current_src: usize,
    pub max_depth: usize,
    /// Characters of text inside CSS-hidden subtrees, and elsewhere in `<body>`.
    pub hidden_text: usize,
    pub visible_text: usize,
}

/// The serialized page and what only the live page knows.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub html: String,
    /// `document.URL`.
    pub url: String,
    /// `document.baseURI` (after `<base href>`).
    pub base_url: String,
    /// `<html lang>`, if any.
    pub lang: Option<String>,
    /// `document.contentType` (`text/html`, `application/pdf` …).
    pub content_type: String,
    /// The selected text when `selection_only`.
    pub selection_text: Option<String>,
    pub stats: SnapshotStats,
}

/// Why a snapshot could not be taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotError {
    /// The document has no root element.
    Empty,
    /// `selection_only` without a selection.
    NoSelection,
    /// More elements than `Limits::max_elements`.
    TooManyElements(usize),
    /// More HTML than `Limits::max_input_bytes`.
    TooLarge(usize),
}

/// Where the next child of an open element comes from.
enum Cursor {
    /// The next sibling to visit (light DOM or shadow root children).
    Sibling(Option<Node>),
    /// Nodes assigned to a `<slot>`.
    Assigned(js_sys::Array, u32),
}

struct Frame {
    cursor: Cursor,
    /// End tag to write when the frame is done (`None` for void/unnamed frames).
    close: Option<String>,
    /// Tag of the element when its text is raw (`script`, `noscript` …), with its `type`.
    raw: Option<(String, Option<String>)>,
    /// Inside a hidden subtree or `<head>`: no visibility checks.
    unchecked: bool,
    /// Inside `<head>`: kept whole in selection mode.
    in_head: bool,
    /// Inside a CSS-hidden subtree.
    hidden: bool,
}

impl Frame {
    fn next(&mut self) -> Option<Node> {
        match &mut self.cursor {
            Cursor::Sibling(cur) => {
                let node = cur.take()?;
                *cur = node.next_sibling();
                Some(node)
            }
            Cursor::Assigned(list, i) => {
                if *i >= list.length() {
                    return None;
                }
                let v = list.get(*i);
                *i += 1;
                // `unchecked`: nodes of another realm (a frame's document) fail `instanceof`.
                (!v.is_null() && !v.is_undefined()).then(|| v.unchecked_into::<Node>())
            }
        }
    }
}

/// Snapshot a whole document.
pub fn snapshot_document(
    doc: &Document,
    opts: &SnapshotOptions,
) -> Result<Snapshot, SnapshotError> {
    let root = doc.document_element().ok_or(SnapshotError::Empty)?;
    let range = if opts.selection_only {
        let sel = doc.get_selection().ok().flatten();
        let sel = sel
            .filter(|s| s.range_count() > 0 && !s.is_collapsed())
            .ok_or(SnapshotError::NoSelection)?;
        let text: String = sel.to_string().into();
        if text.trim().is_empty() {
            return Err(SnapshotError::NoSelection);
        }
        let range = sel
            .get_range_at(0)
            .map_err(|_| SnapshotError::NoSelection)?;
        Some((range, text))
    } else {
        None
    };
    let mut snap = Snapshot {
        url: doc.url().unwrap_or_default(),
        base_url: doc.base_uri().ok().flatten().unwrap_or_default(),
        lang: root.get_attribute("lang").filter(|l| !l.is_empty()),
        content_type: doc.content_type(),
        selection_text: range.as_ref().map(|(_, t)| t.clone()),
        ..Snapshot::default()
    };
    let mut html = String::from("<!DOCTYPE html>");
    let checker = Checker::new(doc.default_view(), &root);
    snap.stats = walk(
        &root,
        (!opts.ignore_css_hidden).then_some(&checker),
        range.as_ref().map(|(r, _)| r),
        &opts.limits,
        &mut html,
    )?;
    snap.html = html;
    Ok(snap)
}

/// Snapshot one element and its composed subtree (used by tests and for fragments).
pub fn snapshot_element(
    root: &Element,
    limits: &Limits,
) -> Result<(String, SnapshotStats), SnapshotError> {
    let window = root.owner_document().and_then(|d| d.default_view());
    let checker = Checker::new(window, root);
    let mut html = String::new();
    let stats = walk(root, Some(&checker), None, limits, &mut html)?;
    Ok((html, stats))
}

/// `checker`: `None` to skip visibility checks.
fn walk(
    root: &Element,
    checker: Option<&Checker>,
    range: Option<&Range>,
    limits: &Limits,
    html: &mut String,
) -> Result<SnapshotStats, SnapshotError> {
    let mut stats = SnapshotStats::default();
    let mut stack: Vec<Frame> = vec![Frame {
        cursor: Cursor::Sibling(Some(root.clone().into())),
        close: None,
        raw: None,
        unchecked: checker.is_none(),
        in_head: false,
        hidden: false,
    }];
    while let Some(top) = stack.last_mut() {
        let Some(node) = top.next() else {
            if let Some(tag) = stack.pop().and_then(|f| f.close) {
                html.push_str("</");
                html.push_str(&tag);
                html.push('>');
            }
            continue;
        };
        let (unchecked, in_head, in_hidden) = (top.unchecked, top.in_head, top.hidden);
        // One crossing for the node's type and, for an element, name, namespace,
        // visibility, shadow root and attributes; for a text, its data.
        let ask = !unchecked && !in_head && checker.is_some();
        let node_info = NodeInfo::read(
            &node,
            ask,
            checker.map_or(&wasm_bindgen::JsValue::UNDEFINED, |c| c.options()),
        );
        match node_info {
            NodeInfo::Element(info) => {
                // The helper said Element; `dyn_into` would fail for a frame's nodes,
                // which belong to another realm.
                let el: Element = node.unchecked_into();
                let tag = out::tag_name(info.local_name());
                let in_head = in_head || tag == "head";
                if let Some(r) = range {
                    if !in_head
                        && tag != "html"
                        && tag != "body"
                        && !r.intersects_node(&el).unwrap_or(false)
                    {
                        continue;
                    }
                }
                stats.elements += 1;
                if stats.elements > limits.max_elements {
                    return Err(SnapshotError::TooManyElements(stats.elements));
                }
                if html.len() > limits.max_input_bytes {
                    return Err(SnapshotError::TooLarge(html.len()));
                }
                if tag == "slot" {
                    // Unwrapped: its assigned nodes (or fallback content) take its place,
                    // as they do on screen (the core drops `<slot>` elements).
                    let cursor = children(&el, &info, &tag, &mut stats);
                    stack.push(Frame {
                        cursor,
                        close: None,
                        raw: None,
                        unchecked,
                        in_head,
                        hidden: in_hidden,
                    });
                    continue;
                }
                let checked = ask && !in_head && !out::is_unrendered(&tag);
                let hidden = checked
                    && checker.is_some_and(|c| match info.visibility {
                        Visibility::Visible => false,
                        Visibility::Invisible => c.is_hidden_given(&el, Some(false)),
                        Visibility::Unknown | Visibility::NotAsked => c.is_hidden_given(&el, None),
                    });
                if hidden {
                    stats.hidden += 1;
                }
                write_start_tag(html, &el, &info, &tag, hidden, &mut stats);
                if out::is_void(&tag) {
                    continue;
                }
                let cursor = children(&el, &info, &tag, &mut stats);
                let raw = out::is_raw_text(&tag)
                    .then(|| (tag.clone(), info.attr("type").map(str::to_string)));
                stack.push(Frame {
                    cursor,
                    close: Some(tag),
                    raw,
                    unchecked: unchecked || hidden,
                    in_head,
                    hidden: in_hidden || hidden,
                });
                stats.max_depth = stats.max_depth.max(stack.len() - 1);
            }
            NodeInfo::Text(data) => {
                let text = match range {
                    Some(r) if !in_head => match selected_text(&node, r) {
                        Some(t) => t,
                        None => continue,
                    },
                    _ => data,
                };
                match &top_raw(&stack) {
                    Some((tag, ty)) => out::push_raw_text(html, tag, ty.as_deref(), &text),
                    None => {
                        if in_hidden {
                            stats.hidden_text += text.len();
                        } else if !in_head {
                            stats.visible_text += text.len();
                        }
                        out::push_text_escaped(html, &text)
                    }
                }
            }
            _ => {} // comments, processing instructions: nothing the core reads
        }
    }
    Ok(stats)
}

fn top_raw(stack: &[Frame]) -> Option<(String, Option<String>)> {
    stack.last().and_then(|f| f.raw.clone())
}

/// The part of a text node inside the selection, `None` when outside it.
fn selected_text(node: &Node, r: &Range) -> Option<String> {
    if !r.intersects_node(node).unwrap_or(false) {
        return None;
    }
    let data = node.unchecked_ref::<CharacterData>(); // a text node (see the caller)
    let len = data.length();
    let start_c = r.start_container().ok();
    let end_c = r.end_container().ok();
    let start = if start_c.as_ref() == Some(node) {
        r.start_offset().unwrap_or(0)
    } else {
        0
    };
    let end = if end_c.as_ref() == Some(node) {
        r.end_offset().unwrap_or(len)
    } else {
        len
    };
    if start == 0 && end >= len {
        return node.node_value();
    }
    data.substring_data(start, end.saturating_sub(start)).ok()
}

fn write_start_tag(
    html: &mut String,
    el: &Element,
    info: &ElementInfo,
    tag: &str,
    hidden: bool,
    stats: &mut SnapshotStats,
) {
    html.push('<');
    html.push_str(tag);
    let current_src = if tag == "img" && info.html_ns {
        Some(el.unchecked_ref::<HtmlImageElement>().current_src()).filter(|s| !s.is_empty())
    } else {
        None
    };
    let mut seen: Vec<&str> = Vec::new();
    for (name, value) in info.attrs() {
        if !out::keep_attr_name(name) || name == "data-readmark-hidden" {
            continue;
        }
        if name == "src" && current_src.is_some() {
            continue;
        }
        // `getAttribute(name)` answered the first attribute of that name.
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        out::push_attr(html, name, value);
    }
    if let Some(src) = current_src {
        stats.current_src += 1;
        out::push_attr(html, "src", &src);
    }
    if hidden {
        out::push_attr(html, "data-readmark-hidden", "");
    }
    html.push('>');
}

/// The children to walk: an open shadow root's, a slot's assigned nodes, or the element's.
/// `<template>` contents are inert and skipped.
fn children(el: &Element, info: &ElementInfo, tag: &str, stats: &mut SnapshotStats) -> Cursor {
    if tag == "template" {
        return Cursor::Sibling(None);
    }
    if let Some(shadow) = info.shadow_root.then(|| el.shadow_root()).flatten() {
        stats.shadow_roots += 1;
        return Cursor::Sibling(shadow.first_child());
    }
    if tag == "slot" && info.html_ns {
        let assigned = el.unchecked_ref::<HtmlSlotElement>().assigned_nodes();
        if assigned.length() > 0 {
            return Cursor::Assigned(assigned, 0);
        }
    }
    Cursor::Sibling(el.first_child())
}
