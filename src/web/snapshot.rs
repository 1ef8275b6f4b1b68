//! The live-DOM snapshot: the page as the user sees it, for the core.
//!
//! Read-only: nothing on the page is changed (no attributes set, no nodes moved). One
//! iterative walk over the *composed* tree, done in JavaScript in one call
//! ([`super::dom_walk`]: one crossing instead of several per node). The core builds its
//! arena straight from the walk's encoding ([`super::snapshot_doc`]); here the encoding is
//! checked and counted ([`SnapshotStats`]), and written as HTML only when asked
//! ([`Snapshot::write_html`]: `readPage({includeSnapshot: true})`, tests), with an explicit
//! stack (a script-built DOM 20,000 levels deep must not exhaust the 1 MiB wasm32 stack).
//! What the walk hands over, and so what the core sees:
//!
//! - open shadow roots are inlined in place of the host's children, and each `<slot>`
//!   is replaced by the nodes assigned to it (or its fallback content);
//! - an element hidden by CSS (see [`super::dom_walk`]) is marked
//!   `data-readmark-hidden` and its subtree is not checked further; the core drops it, but
//!   its metadata (JSON-LD, `<meta itemprop>`) is still seen;
//! - `<img>` gets its `currentSrc` as `src` (what a lazy loader or `srcset` chose);
//! - with a selection, only the nodes the selection touches are written in `<body>`
//!   (the text of its first and last node cut at the selection's offsets); `<head>` stays
//!   whole so the metadata is kept.
//!
//! What only the live page knows travels next to the HTML: URL, base URL, language,
//! content type and the selected text.

use super::dom_walk;
use super::html_out as out;
use crate::Limits;
use std::borrow::Cow;
use web_sys::{Document, Element, Range};

/// What to snapshot.
#[derive(Debug, Clone, Default)]
pub struct SnapshotOptions {
    /// Only the nodes the current selection touches (error when nothing is selected).
    pub selection_only: bool,
    /// Do not check CSS visibility (see `super::read_document`: pages that hide most of
    /// their text until the reader scrolls or clicks).
    pub ignore_css_hidden: bool,
    /// Hand over every attribute and the inside of every element, for
    /// [`Snapshot::write_html`] (`includeSnapshot`); otherwise only the attributes the
    /// core's arena reads, and nothing inside the elements it drops (`<svg>`, `<select>`
    /// …; see [`super::dom_walk`]): the HTML then lacks them, and `stats` does not count
    /// them.
    pub all_attributes: bool,
    /// Leave `stats` empty and the encoding unchecked: the arena built from the walk
    /// checks the encoding and the limits, and counts what `stats` would
    /// ([`super::snapshot_doc::Built::stats`]), in the pass it makes anyway (a whole-page
    /// read).
    pub skip_stats: bool,
    pub limits: Limits,
}

/// Counters of one snapshot (for tests and the developer console).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct SnapshotStats {
    pub elements: usize,
    /// Elements found hidden by CSS. Elements the core drops anyway (`dom::DROPPED_TAGS`:
    /// `<svg>`, `<button>` …) and their subtrees are not checked, so never count here,
    /// and their text counts as visible. In a whole-page `readPage`, which asks CSS only
    /// about the article's elements after extracting it (`web::verify`), the hidden ones
    /// found there (and `hidden_text`, `visible_text` stay 0).
    pub hidden: usize,
    pub shadow_roots: usize,
    pub current_src: usize,
    pub max_depth: usize,
    /// Characters of text inside CSS-hidden subtrees, and elsewhere in `<body>`.
    pub hidden_text: usize,
    pub visible_text: usize,
}

/// The walked page and what only the live page knows.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The walk's encoding ([`snapshot_document`]): the core builds its arena from it
    /// directly ([`super::snapshot_doc`]). `None` for a snapshot made from [`Self::html`].
    pub walk: Option<dom_walk::Encoded>,
    /// The page as HTML: written only when asked ([`Snapshot::write_html`]), or given
    /// (tests) when there is no walk.
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

impl Snapshot {
    /// UTF-8 bytes of what the walk handed over (names, attribute values, text), or of the
    /// HTML when there is no walk. What `Limits::max_input_bytes` is checked against.
    pub fn bytes(&self) -> usize {
        self.walk
            .as_ref()
            .map_or(self.html.len(), |w| w.strings.len())
    }

    /// Write the walk as HTML into [`Self::html`] (`readPage({includeSnapshot: true})`):
    /// what the core would parse from it is what it built from the walk.
    pub fn write_html(&mut self, limits: &Limits) -> Result<(), SnapshotError> {
        if let Some(w) = &self.walk {
            let mut html = String::from("<!DOCTYPE html>");
            decode(w, limits, Some(&mut html))?;
            self.html = html;
        }
        Ok(())
    }
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
    /// The walk threw (a page that replaced DOM built-ins) or its encoding did not decode.
    Malformed,
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
    let enc = walk(
        &root,
        !opts.ignore_css_hidden,
        range.as_ref().map(|(r, _)| r),
        &opts.limits,
        opts.all_attributes,
    )?;
    if enc.strings.len() > opts.limits.max_input_bytes {
        return Err(SnapshotError::TooLarge(enc.strings.len()));
    }
    if !opts.skip_stats {
        snap.stats = decode(&enc, &opts.limits, None)?;
    }
    snap.walk = Some(enc);
    Ok(snap)
}

/// Snapshot one element and its composed subtree (used by tests and for fragments).
pub fn snapshot_element(
    root: &Element,
    limits: &Limits,
) -> Result<(String, SnapshotStats), SnapshotError> {
    let enc = walk(root, true, None, limits, true)?;
    let mut html = String::new();
    let stats = decode(&enc, limits, Some(&mut html))?;
    Ok((html, stats))
}

/// One open element of the decoded walk.
struct Frame<'a> {
    /// End tag to write when the element is done (`None` for an unwrapped `<slot>`).
    close: Option<Cow<'a, str>>,
    /// Tag of the element when its text is raw (`script`, `style` …), with its `type`.
    raw: Option<(String, Option<String>)>,
    /// Inside `<head>`: kept whole in selection mode, no text counted.
    in_head: bool,
    /// Inside a CSS-hidden subtree.
    hidden: bool,
}

/// Walk the composed tree under `root` (in JavaScript, one crossing: see
/// [`super::dom_walk`]). `check`: ask CSS visibility.
fn walk(
    root: &Element,
    check: bool,
    range: Option<&Range>,
    limits: &Limits,
    all_attrs: bool,
) -> Result<dom_walk::Encoded, SnapshotError> {
    // Every string costs at least one byte per UTF-16 unit, so past twice the byte limit
    // the walk is too large.
    let max_units = limits.max_input_bytes.saturating_mul(2);
    dom_walk::walk(
        root,
        check,
        range,
        limits.max_elements,
        max_units,
        all_attrs,
    )
    .map_err(|e| match e {
        dom_walk::WalkError::TooLarge(n) => SnapshotError::TooLarge(n),
        dom_walk::WalkError::Malformed => SnapshotError::Malformed,
    })
}

/// Count the stats of an encoded walk (checking the limits and the encoding), and write
/// it as HTML into `html` when given.
fn decode(
    enc: &dom_walk::Encoded,
    limits: &Limits,
    html: Option<&mut String>,
) -> Result<SnapshotStats, SnapshotError> {
    write(enc, limits, html).map_err(|e| match e {
        Stop::Limit(e) => e,
        Stop::Malformed(_) => SnapshotError::Malformed,
    })
}

enum Stop {
    Limit(SnapshotError),
    Malformed(dom_walk::Malformed),
}

impl From<dom_walk::Malformed> for Stop {
    fn from(m: dom_walk::Malformed) -> Self {
        Stop::Malformed(m)
    }
}

/// Write the HTML of an encoded walk (when `html` is given), with the limits checked where
/// a node-by-node walk checks them (before each element).
fn write(
    enc: &dom_walk::Encoded,
    limits: &Limits,
    mut html: Option<&mut String>,
) -> Result<SnapshotStats, Stop> {
    let mut stats = SnapshotStats::default();
    let mut r = dom_walk::Reader::new(enc);
    let mut stack: Vec<Frame> = Vec::new();
    while let Some(op) = r.next_op() {
        let (in_head, in_hidden) = stack
            .last()
            .map_or((false, false), |f| (f.in_head, f.hidden));
        match op {
            dom_walk::OP_ELEMENT => {
                let flags = r.num()?;
                let n_attrs = r.num()? as usize;
                let tag = out::tag_name(r.string()?);
                let in_head = in_head || tag == "head";
                stats.elements += 1;
                if stats.elements > limits.max_elements {
                    return Err(Stop::Limit(SnapshotError::TooManyElements(stats.elements)));
                }
                if let Some(h) = html.as_deref() {
                    if h.len() > limits.max_input_bytes {
                        return Err(Stop::Limit(SnapshotError::TooLarge(h.len())));
                    }
                }
                if flags & dom_walk::F_SHADOW != 0 {
                    stats.shadow_roots += 1;
                }
                if flags & dom_walk::F_SLOT != 0 {
                    // Unwrapped: its assigned nodes (or fallback content) take its place,
                    // as they do on screen (the core drops `<slot>` elements).
                    stack.push(Frame {
                        close: None,
                        raw: None,
                        in_head,
                        hidden: in_hidden,
                    });
                    continue;
                }
                let hidden = flags & dom_walk::F_HIDDEN != 0;
                if hidden {
                    stats.hidden += 1;
                }
                // Only writing the HTML needs the attributes (and a raw-text element's
                // `type`); counting needs none.
                let mut attrs = Vec::with_capacity(if html.is_some() { n_attrs } else { 0 });
                let mut ty = None;
                for _ in 0..n_attrs {
                    let (name, value) = (r.string()?, r.string()?);
                    if name == "type" && ty.is_none() {
                        ty = Some(value);
                    }
                    if html.is_some() {
                        attrs.push((name, value));
                    }
                }
                let current_src = if flags & dom_walk::F_CURRENT_SRC != 0 {
                    stats.current_src += 1;
                    Some(r.string()?)
                } else {
                    None
                };
                if let Some(h) = html.as_deref_mut() {
                    write_start_tag(h, &tag, &attrs, current_src, hidden);
                }
                if flags & dom_walk::F_VOID != 0 {
                    continue;
                }
                let raw = out::is_raw_text(&tag).then(|| (tag.to_string(), ty.map(str::to_string)));
                stack.push(Frame {
                    close: Some(tag),
                    raw,
                    in_head,
                    hidden: in_hidden || hidden,
                });
                stats.max_depth = stats.max_depth.max(stack.len());
            }
            dom_walk::OP_TEXT => {
                let text = r.string()?;
                match stack.last().and_then(|f| f.raw.as_ref()) {
                    Some((tag, ty)) => {
                        if let Some(h) = html.as_deref_mut() {
                            out::push_raw_text(h, tag, ty.as_deref(), text);
                        }
                    }
                    None => {
                        if in_hidden {
                            stats.hidden_text += text.len();
                        } else if !in_head {
                            stats.visible_text += text.len();
                        }
                        if let Some(h) = html.as_deref_mut() {
                            out::push_text_escaped(h, text);
                        }
                    }
                }
            }
            dom_walk::OP_END => {
                let frame = stack.pop().ok_or(dom_walk::Malformed)?;
                if let (Some(tag), Some(h)) = (frame.close, html.as_deref_mut()) {
                    h.push_str("</");
                    h.push_str(&tag);
                    h.push('>');
                }
            }
            dom_walk::OP_TRUNCATED => {
                let bytes = html.map_or(enc.strings.len(), |h| h.len());
                return Err(Stop::Limit(SnapshotError::TooLarge(bytes)));
            }
            _ => return Err(dom_walk::Malformed.into()),
        }
    }
    if !stack.is_empty() {
        return Err(dom_walk::Malformed.into());
    }
    Ok(stats)
}

fn write_start_tag(
    html: &mut String,
    tag: &str,
    attrs: &[(&str, &str)],
    current_src: Option<&str>,
    hidden: bool,
) {
    html.push('<');
    html.push_str(tag);
    let mut seen: Vec<&str> = Vec::new();
    for &(name, value) in attrs {
        if !out::keep_attr_name(name) || name == "data-readmark-hidden" {
            continue;
        }
        if name == "src" && current_src.is_some() {
            continue;
        }
        // `getAttribute(name)` answers the first attribute of that name.
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        if value.contains('\0') {
            // What the core's HTML parser makes of a U+0000 in a value anyway.
            out::push_attr(html, name, &value.replace('\0', "\u{FFFD}"));
        } else {
            out::push_attr(html, name, value);
        }
    }
    if let Some(src) = current_src {
        out::push_attr(html, "src", src);
    }
    if hidden {
        out::push_attr(html, "data-readmark-hidden", "");
    }
    html.push('>');
}
