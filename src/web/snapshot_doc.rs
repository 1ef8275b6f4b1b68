//! The live-DOM walk straight into the core's arena: no HTML written, none re-parsed.
//!
//! Why: in the browser the page is already parsed. Writing the walk ([`super::dom_walk`])
//! out as HTML only for html5ever to parse it back cost more than half of a read; here the
//! walk's ops become the open-element / text / close events of the same
//! [`crate::dom::Builder`] the HTML parser feeds, so every rule of the arena (limits,
//! depth, dropped and hidden subtrees, attributes, head facts) is shared and cannot drift.
//!
//! What the HTML round trip did and the events must do too, so the core sees the same tree:
//!
//! - adjacent text is one node (the live DOM can hold split text nodes, and comments,
//!   unwrapped `<slot>`s and nodes outside a selection are not handed over, which leaves
//!   their neighbours adjacent); empty text makes no node;
//! - element names as [`super::html_out::tag_name`] writes them; attribute names as the
//!   writer keeps them ([`super::html_out::keep_attr_name`]), ASCII lower-cased, the first
//!   of a name only (their order differs from scraper's, which sorts them: the arena is
//!   only ever searched by name); `currentSrc` replaces `src`; a CSS-hidden element gets
//!   `data-readmark-hidden` (the page's own is ignored);
//! - CR and CR LF become LF, U+0000 is dropped from text and becomes U+FFFD in attribute
//!   values (the HTML parser's input rules);
//! - the content of a `<noscript>` (kept as text by a browser with scripting on) comes
//!   parsed from the walk, in place, as the core's parser (scripting off) parses it;
//! - a walk whose root is not `<html>` is wrapped in `<html><body>`, so `Doc::body` exists.
//!
//! Left out on purpose: html5ever's tree-construction fix-ups of a non-conforming DOM that
//! only scripts can build (a `<div>` inside a `<p>`, a table's stray children, content
//! appended after `<body>`), and the newline the parser drops after `<pre>` (the page's
//! parser dropped it already; dropping another lost a blank line the CLI keeps). The arena
//! now follows the DOM the user sees.

use super::dom_walk::{self, Encoded, Malformed, Reader};
use super::html_out as out;
use super::snapshot::SnapshotStats;
use crate::dom::{Attr, Builder, Doc};
use crate::{Error, Limits};
use std::borrow::Cow;

/// Build the arena from an encoded walk. `keep_hidden_attr` as in
/// [`Doc::parse_keeping_hidden`].
pub fn build(
    enc: &Encoded,
    page_url: Option<url::Url>,
    limits: &Limits,
    keep_hidden_attr: bool,
) -> Result<Doc, Error> {
    build_with(enc, page_url, limits, keep_hidden_attr, &[]).map(|b| b.doc)
}

/// An arena built from a walk, with where its elements came from.
#[derive(Debug)]
pub struct Built {
    pub doc: Doc,
    /// `origin[node]`: the number in the walk of the element an arena node was made from
    /// (the walk's n-th [`dom_walk::OP_ELEMENT`], [`dom_walk::hidden_of`]'s numbering), or
    /// [`NO_ORIGIN`] (text, the wrapper of a walk that did not start at `<html>`).
    pub origin: Vec<u32>,
    /// The walk's counts as [`super::snapshot::SnapshotStats`] has them (`elements`,
    /// `shadow_roots`, `current_src`, `max_depth`; not the CSS ones).
    pub stats: SnapshotStats,
}

/// [`Built::origin`] of a node that no walked element made.
pub const NO_ORIGIN: u32 = u32::MAX;

/// [`build`], with the elements numbered in `hidden` (ascending) taken as CSS-hidden (as
/// if the walk had flagged them [`dom_walk::F_HIDDEN`]), and the origin of every node.
pub fn build_with(
    enc: &Encoded,
    page_url: Option<url::Url>,
    limits: &Limits,
    keep_hidden_attr: bool,
    hidden: &[u32],
) -> Result<Built, Error> {
    let mut b = Builder::new(page_url, limits, keep_hidden_attr);
    let mut origin = Vec::new();
    let mut stats = SnapshotStats::default();
    feed(enc, &mut b, hidden, &mut origin, &mut stats).map_err(|e| match e {
        Stop::Core(e) => e,
        Stop::Malformed(_) => Error::Decode("the page snapshot did not decode".into()),
    })?;
    let doc = b.finish();
    origin.resize(doc.nodes.len(), NO_ORIGIN);
    Ok(Built { doc, origin, stats })
}

enum Stop {
    Core(Error),
    Malformed(Malformed),
}

impl From<Malformed> for Stop {
    fn from(m: Malformed) -> Self {
        Stop::Malformed(m)
    }
}

impl From<Error> for Stop {
    fn from(e: Error) -> Self {
        Stop::Core(e)
    }
}

/// One open element of the walk.
struct Frame {
    /// Handed to the builder (an unwrapped `<slot>` is not).
    opened: bool,
}

fn feed<'a>(
    enc: &'a Encoded,
    b: &mut Builder<'_>,
    hidden: &[u32],
    origin: &mut Vec<u32>,
    stats: &mut SnapshotStats,
) -> Result<(), Stop> {
    let mut r = Reader::new(enc);
    let mut stack: Vec<Frame> = Vec::new();
    let mut attrs: Vec<Attr<'a>> = Vec::new();
    let mut text: Option<Cow<'a, str>> = None;
    let mut wrapped = false;
    let mut first = true;
    // What is derived from a name, once per interned name (a page repeats a few dozen
    // names thousands of times): the tag, and the attribute name as kept (or dropped).
    let mut tags: Vec<Option<Cow<'a, str>>> = Vec::new();
    let mut attr_names: Vec<Option<Option<Cow<'a, str>>>> = Vec::new();
    // The next of `hidden` to meet (an element's number is `stats.elements` before it).
    let mut hidden = hidden.iter().copied().peekable();
    while let Some(op) = r.next_op() {
        match op {
            dom_walk::OP_ELEMENT => {
                let this = u32::try_from(stats.elements).unwrap_or(u32::MAX);
                stats.elements += 1;
                let mut flags = r.num()?;
                if flags & dom_walk::F_SHADOW != 0 {
                    stats.shadow_roots += 1;
                }
                if flags & dom_walk::F_CURRENT_SRC != 0 {
                    stats.current_src += 1;
                }
                while hidden.next_if(|&h| h < this).is_some() {}
                if hidden.next_if_eq(&this).is_some() {
                    flags |= dom_walk::F_HIDDEN;
                }
                let n_attrs = r.num()? as usize;
                let (local, local_id) = r.string_id()?;
                if flags & dom_walk::F_SLOT != 0 {
                    // Unwrapped: its assigned nodes (or fallback content) take its place.
                    stack.push(Frame { opened: false });
                    continue;
                }
                flush(b, &mut text);
                let tag = cached(&mut tags, local_id, || out::tag_name(local));
                if first && tag != "html" {
                    b.open("html", &[])?;
                    b.open("body", &[])?;
                    wrapped = true;
                }
                first = false;
                attrs.clear();
                let current_src = flags & dom_walk::F_CURRENT_SRC != 0;
                for _ in 0..n_attrs {
                    let (name, name_id) = r.string_id()?;
                    let value = r.string()?;
                    let kept = cached(&mut attr_names, name_id, || {
                        (out::keep_attr_name(name) && name != "data-readmark-hidden")
                            .then(|| lower(name))
                    });
                    let Some(name) = kept else {
                        continue;
                    };
                    if (current_src && name == "src") || attrs.iter().any(|(k, _)| *k == name) {
                        continue;
                    }
                    attrs.push((name, attr_value(value)));
                }
                if current_src {
                    attrs.push((Cow::Borrowed("src"), attr_value(r.string()?)));
                }
                if flags & dom_walk::F_HIDDEN != 0 {
                    attrs.push((Cow::Borrowed("data-readmark-hidden"), Cow::Borrowed("")));
                }
                let before = b.node_count();
                b.open(&tag, &attrs)?;
                if b.node_count() > before {
                    origin.resize(before, NO_ORIGIN);
                    origin.push(this);
                }
                if flags & dom_walk::F_VOID != 0 {
                    b.close();
                    continue;
                }
                stack.push(Frame { opened: true });
                stats.max_depth = stats.max_depth.max(stack.len());
            }
            dom_walk::OP_TEXT => {
                let t = r.string()?;
                match &mut text {
                    None => text = Some(Cow::Borrowed(t)),
                    Some(s) => s.to_mut().push_str(t),
                }
            }
            dom_walk::OP_END => {
                let frame = stack.pop().ok_or(Malformed)?;
                if frame.opened {
                    flush(b, &mut text);
                    b.close();
                }
            }
            dom_walk::OP_TRUNCATED => {
                return Err(Error::InputTooLarge {
                    bytes: enc.strings.len(),
                    limit: b.limits().max_input_bytes,
                }
                .into());
            }
            _ => return Err(Malformed.into()),
        }
    }
    if !stack.is_empty() {
        return Err(Malformed.into());
    }
    flush(b, &mut text);
    if wrapped {
        b.close();
        b.close();
    }
    Ok(())
}

/// `make()`, kept in `cache` under the intern index `id` (computed every time for a string
/// that is not interned).
fn cached<T: Clone>(cache: &mut Vec<Option<T>>, id: Option<usize>, make: impl FnOnce() -> T) -> T {
    let Some(i) = id else {
        return make();
    };
    if let Some(Some(v)) = cache.get(i) {
        return v.clone();
    }
    let v = make();
    if cache.len() <= i {
        cache.resize(i + 1, None);
    }
    cache[i] = Some(v.clone());
    v
}

/// Hand over the pending (merged) text, if it is not empty.
fn flush(b: &mut Builder<'_>, text: &mut Option<Cow<'_, str>>) {
    if let Some(t) = text.take() {
        let t = text_value(&t);
        if !t.is_empty() {
            b.text(&t);
        }
    }
}

/// Text as the HTML parser would read it back: CR / CR LF → LF, U+0000 dropped.
fn text_value(t: &str) -> Cow<'_, str> {
    if !has_cr_or_nul(t) {
        return Cow::Borrowed(t);
    }
    Cow::Owned(newlines(t).replace('\0', ""))
}

/// An attribute value as the HTML parser would read it back: CR / CR LF → LF, U+0000 →
/// U+FFFD.
fn attr_value(v: &str) -> Cow<'_, str> {
    if !has_cr_or_nul(v) {
        return Cow::Borrowed(v);
    }
    Cow::Owned(newlines(v).replace('\0', "\u{FFFD}"))
}

/// A byte scan: a `[char]` pattern decodes every character of every text of the page.
fn has_cr_or_nul(s: &str) -> bool {
    s.bytes().any(|b| b == b'\r' || b == 0)
}

fn newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// ASCII lower case (the HTML tokenizer's attribute names), borrowed when already so.
fn lower(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|c| c.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}
