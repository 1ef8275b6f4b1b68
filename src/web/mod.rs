//! Browser glue (wasm32 only): snapshot the live page, run the core, hand back JSON.
//!
//! Kept thin: [`snapshot`] reads the page, [`snapshot_doc`] turns the walk into the core's
//! arena (no HTML in between), the core does everything else, and this module
//! only converts options, results and errors. The same build runs as WebAssembly and, on
//! pages whose CSP forbids WebAssembly in content scripts (Chromium), as JavaScript made
//! by `wasm2js` — so both paths produce identical output.
//!
//! The content script calls [`read_page`] once; it returns one JSON string (one boundary
//! crossing, parsed by `JSON.parse`):
//!
//! ```json
//! {"ok": true, "snapshot": {…}, "timings": {"snapshotMs": 3, "extractMs": 12, "cssMs": 1},
//!  "selection": false, "article": {…}}
//! {"ok": false, "code": "no_content", "message": "no readable content found"}
//! ```
//! `article` is the JSON export (schema `readmark/1`), what the CLI writes with `--format
//! json` but on one line (`render::to_json_compact`; `JSON.stringify(article, null, 2)`
//! gives the CLI's text back): the model, which is all the reader renders.
//!
//! The Markdown exports are not rendered on the read path (they were two thirds of the
//! rendering time of a read, for buttons most reads never use): the article of the last
//! read stays in the module, and [`render_exports`] renders them when asked — the
//! background calls it after the reader tab is open. `readPage({exports: true})` adds
//! them to the read itself (the popup, whose buttons need them at once).

/// The allocator of the WebAssembly module: talc instead of the default dlmalloc. A read
/// allocates and frees tens of thousands of small strings and vectors; in the Chromium
/// profile dlmalloc's `malloc`/`free`/`realloc` were ~12 % of the extraction's self time.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub mod dom_walk;
pub mod hosted;
pub mod html_out;
pub mod snapshot;
pub mod snapshot_doc;
pub mod verify;

use crate::render::{self, MarkdownOptions};
use crate::{Article, Error, Options};
use serde::Deserialize;
use snapshot::{Snapshot, SnapshotError, SnapshotOptions};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    /// The article of the last successful read, for [`render_exports`].
    static LAST_ARTICLE: RefCell<Option<Article>> = const { RefCell::new(None) };
}

/// Options of [`read_page`] (from JS: `{selectionOnly: true}`; missing fields default).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct ReadOptions {
    pub selection_only: bool,
    /// Also return the snapshot written as HTML (`snapshot.html`), for debugging
    /// differences from the CLI: `readmark --explain` on it shows what the core saw (the
    /// arena built from that HTML is the one built from the walk). `snapshot.bytes` is
    /// always the UTF-8 size of what the walk handed over ([`Snapshot::bytes`]).
    pub include_snapshot: bool,
    /// Also render the Markdown exports (`markdown`, `markdownFrontMatter`) now.
    pub exports: bool,
}

/// A failed read: a stable code (translated by the extension) and a developer message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub code: &'static str,
    pub message: String,
}

impl From<Error> for ReadError {
    fn from(e: Error) -> Self {
        ReadError {
            code: e.code(),
            message: e.to_string(),
        }
    }
}

impl From<SnapshotError> for ReadError {
    fn from(e: SnapshotError) -> Self {
        let limits = crate::Limits::default();
        match e {
            SnapshotError::Empty => ReadError {
                code: "no_content",
                message: "the document is empty".into(),
            },
            SnapshotError::NoSelection => ReadError {
                code: "no_selection",
                message: "nothing is selected".into(),
            },
            SnapshotError::TooManyElements(n) => Error::TooManyElements {
                count: n,
                limit: limits.max_elements,
            }
            .into(),
            SnapshotError::TooLarge(n) => Error::InputTooLarge {
                bytes: n,
                limit: limits.max_input_bytes,
            }
            .into(),
            SnapshotError::Malformed => ReadError {
                code: "internal",
                message: "the page could not be read (it replaced DOM methods, or the snapshot \
                          did not decode)"
                    .into(),
            },
        }
    }
}

/// Content types the core cannot read even though a content script can run there
/// (the built-in PDF viewer, an image or a video shown on its own).
fn unsupported_content_type(ct: &str) -> bool {
    let ct = ct.to_ascii_lowercase();
    ct == "application/pdf"
        || ct.starts_with("image/")
        || ct.starts_with("video/")
        || ct.starts_with("audio/")
}

/// Extract the article from a snapshot. With a selection, everything selected is the
/// article (no scoring: the user chose it), with the page's metadata.
///
/// The arena is built straight from the walk ([`snapshot_doc`]) when the snapshot has one,
/// else parsed from its HTML (only with feature `html`: the shipped module has no HTML
/// parser, and every snapshot it takes has a walk).
pub fn extract_snapshot(snap: &Snapshot, selection: bool) -> Result<Article, Error> {
    let opts = read_options(snap);
    let Some(walk) = &snap.walk else {
        #[cfg(feature = "html")]
        return extract_html(&snap.html, selection, &opts);
        #[cfg(not(feature = "html"))]
        return Err(Error::Decode("a snapshot without its walk".into()));
    };
    if !selection {
        let base = crate::base_url(&opts)?;
        let doc = snapshot_doc::build(walk, base.clone(), &opts.limits, false)?;
        return crate::extract_doc(doc, &opts, || {
            snapshot_doc::build(walk, base, &opts.limits, true)
        });
    }
    let doc = snapshot_doc::build(walk, lenient_base(&opts), &opts.limits, false)?;
    selected_article(&doc, &opts)
}

/// The core's options for reading a snapshot: its URL (when it can resolve links) and the
/// browser's clock.
fn read_options(snap: &Snapshot) -> Options {
    Options {
        url: Some(snap.url.clone()).filter(|u| u.starts_with("http") || u.starts_with("file")),
        now: Some(reader_now()),
        ..Options::default()
    }
}

/// [`extract_snapshot`] of a snapshot given as HTML.
#[cfg(feature = "html")]
fn extract_html(html: &str, selection: bool, opts: &Options) -> Result<Article, Error> {
    if !selection {
        return crate::extract(html, opts);
    }
    let doc = crate::dom::Doc::parse(html, lenient_base(opts), &opts.limits)?;
    selected_article(&doc, opts)
}

/// The page URL as a base, or none when it does not parse.
fn lenient_base(opts: &Options) -> Option<url::Url> {
    crate::base_url(opts).ok().flatten()
}

/// The whole `<body>` of a selection's arena as the article.
fn selected_article(doc: &crate::dom::Doc, opts: &Options) -> Result<Article, Error> {
    let mut meta = crate::meta::collect(doc);
    if let Some(now) = opts.now {
        crate::meta::resolve_relative_date(doc, &mut meta, now);
    }
    let sel = crate::extract::Selection {
        roots: vec![doc.body],
        removed: vec![false; doc.nodes.len()],
        reasons: Vec::new(),
        stats: crate::extract::stats::compute(doc),
    };
    let article = crate::build::article(doc, meta, &sel, opts)?;
    if article.blocks.is_empty() {
        return Err(Error::NoContent);
    }
    Ok(article)
}

/// More text hidden by CSS than shown (and a real amount of it): the page hides its
/// content until an interaction, rather than hiding boilerplate.
fn mostly_hidden(s: &snapshot::SnapshotStats) -> bool {
    s.hidden_text > 2_000 && s.hidden_text > s.visible_text
}

/// The live page is read now: its relative dates (`3小时前`) resolve against the browser's
/// clock, in the reader's UTC offset.
fn reader_now() -> crate::meta::relative::Now {
    crate::meta::relative::Now {
        // Through `u32` (seconds fit until 2106): a float → i64 conversion compiles to
        // `i64.trunc_sat_f64_s`, which wasm2js (the engine for CSP-strict pages) cannot
        // lower.
        unix_secs: i64::from((js_sys::Date::now() / 1000.0) as u32),
        offset_minutes: -(js_sys::Date::new_0().get_timezone_offset() as i32),
    }
}

fn now_ms() -> f64 {
    dom_walk::clock_ms()
}

/// Snapshot `document` and extract the article: the whole result as a JSON string.
pub fn read_document(doc: &web_sys::Document, o: &ReadOptions) -> Result<String, ReadError> {
    let t0 = now_ms();
    if unsupported_content_type(&doc.content_type()) {
        return Err(ReadError {
            code: "unsupported_document",
            message: format!("cannot read a {} document", doc.content_type()),
        });
    }
    // A whole-page read walks without asking CSS and asks about the article's elements
    // afterwards ([`verify`]); a selection (the user's own choice, usually small) is asked
    // about as it is walked.
    let ask_after = !o.selection_only;
    let mut opts = SnapshotOptions {
        selection_only: o.selection_only,
        all_attributes: o.include_snapshot,
        ignore_css_hidden: ask_after,
        skip_stats: ask_after,
        ..SnapshotOptions::default()
    };
    let _forget = ForgetWalk;
    let mut snap = snapshot::snapshot_document(doc, &opts)?;
    if !ask_after && mostly_hidden(&snap.stats) {
        // Lazy-rendering pages (NitroPack's `nitro-offscreen`, "reveal on scroll" scripts)
        // keep most of their text `display: none` until the reader scrolls or clicks.
        // Reading only the visible rest would lose the article: read it as the CLI does.
        opts.ignore_css_hidden = true;
        snap = snapshot::snapshot_document(doc, &opts)?;
    }
    let t1 = now_ms();
    LAST_ARTICLE.with(|a| a.borrow_mut().take());
    let mut css_ms = 0.0;
    let article = match (&snap.walk, ask_after) {
        (Some(walk), true) => {
            let v = verify::extract(walk, &read_options(&snap))?;
            snap.stats = v.stats;
            css_ms = v.css_ms;
            v.article
        }
        _ => extract_snapshot(&snap, o.selection_only)?,
    };
    if o.include_snapshot {
        snap.write_html(&opts.limits)?;
    }
    let mut snapshot = serde_json::json!({
        "bytes": snap.bytes(),
        "url": snap.url,
        "baseUrl": snap.base_url,
        "lang": snap.lang,
        "stats": snap.stats,
    });
    if o.include_snapshot {
        snapshot["html"] = serde_json::Value::String(snap.html.clone());
    }
    Ok(result_json(
        article,
        o.selection_only,
        snapshot,
        o.exports,
        Timings { t0, t1, css_ms },
    ))
}

/// Lets go of the walk's elements ([`dom_walk::forget_walk`]) when a read is over, however
/// it ends: the module must not keep a page's nodes alive after the read.
pub(crate) struct ForgetWalk;

impl Drop for ForgetWalk {
    fn drop(&mut self) {
        dom_walk::forget_walk();
    }
}

/// When a read's parts ran: `t0` → `t1` the snapshot (the walk), `t1` → the answer the
/// extraction and rendering, of which `css_ms` asking CSS about the article
/// ([`verify`]): `timings` reports it apart (`cssMs`), and `extractMs` without it.
pub(crate) struct Timings {
    pub t0: f64,
    pub t1: f64,
    pub css_ms: f64,
}

/// The `{ok: true, …}` answer for an extracted article: `snapshot` as given, timings
/// ([`Timings`]), the Markdown exports
/// when `exports` (plain and with front matter; otherwise [`render_exports`] renders them
/// later from the article kept here) and the ordered JSON export as the last member
/// `article`.
pub(crate) fn result_json(
    article: Article,
    selection: bool,
    snapshot: serde_json::Value,
    exports: bool,
    t: Timings,
) -> String {
    let json = render::to_json_compact(&article);
    let exports = exports.then(|| markdown_exports(&article));
    let t2 = now_ms();
    let mut head = serde_json::json!({
        "ok": true,
        "selection": selection,
        "snapshot": snapshot,
        "timings": {
            "snapshotMs": t.t1 - t.t0,
            "extractMs": t2 - t.t1 - t.css_ms,
            "cssMs": t.css_ms,
        },
    });
    if let Some((md, md_fm)) = exports {
        head["markdown"] = md.into();
        head["markdownFrontMatter"] = md_fm.into();
    }
    LAST_ARTICLE.with(|a| *a.borrow_mut() = Some(article));
    // `head` is a JSON object: splice the ordered article export in as its last member.
    let mut s = head.to_string();
    s.pop();
    s.push_str(",\"article\":");
    s.push_str(json.trim_end());
    s.push('}');
    s
}

/// A failed read as the JSON answer `{ok: false, code, message}`.
pub(crate) fn error_json(e: &ReadError) -> String {
    serde_json::json!({"ok": false, "code": e.code, "message": e.message}).to_string()
}

/// The Markdown exports of an article: without and with front matter (`readmark --format
/// md` and `--format md --front-matter`).
fn markdown_exports(article: &Article) -> (String, String) {
    let md = render::to_markdown(
        article,
        &MarkdownOptions {
            front_matter: false,
        },
    );
    let md_fm = render::to_markdown(article, &MarkdownOptions { front_matter: true });
    (md, md_fm)
}

/// The exports of the last read as a JSON string: `{ok: true, markdown,
/// markdownFrontMatter}`, or `{ok: false, code: "no_article", …}` when this instance has
/// not read an article (a fresh instance after a navigation, or a failed read).
pub fn exports_of_last_read() -> String {
    let exports = LAST_ARTICLE.with(|a| a.borrow().as_ref().map(markdown_exports));
    match exports {
        Some((md, md_fm)) => {
            serde_json::json!({"ok": true, "markdown": md, "markdownFrontMatter": md_fm})
                .to_string()
        }
        None => serde_json::json!({
            "ok": false,
            "code": "no_article",
            "message": "no article was read by this instance",
        })
        .to_string(),
    }
}

/// JS: `renderExports()` → JSON string of the Markdown exports of the last `readPage`
/// (see [`exports_of_last_read`]). Never throws.
#[wasm_bindgen(js_name = renderExports)]
pub fn render_exports() -> String {
    exports_of_last_read()
}

/// JS: `readPage({selectionOnly})` → JSON string of `{ok: true, …}` or
/// `{ok: false, code, message}`. Never throws for page content.
#[wasm_bindgen(js_name = readPage)]
pub fn read_page(options: JsValue) -> String {
    let opts: ReadOptions = if options.is_undefined() || options.is_null() {
        ReadOptions::default()
    } else {
        serde_wasm_bindgen::from_value(options).unwrap_or_default()
    };
    let result = match web_sys::window().and_then(|w| w.document()) {
        Some(doc) => read_document(&doc, &opts),
        None => Err(ReadError {
            code: "no_document",
            message: "no document in this context".into(),
        }),
    };
    result.unwrap_or_else(|e| error_json(&e))
}

/// JS: the crate version (the extension shows it in the console).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
