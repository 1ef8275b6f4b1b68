//! Entry points for the web site (`www/`): extraction from HTML that some other page
//! produced, rather than from the document the code runs in.
//!
//! The bookmarklet cannot run WebAssembly in the page it reads (the page's CSP may forbid
//! it, or forbid loading any script at all), so it serializes the live page itself and
//! hands the HTML to the site's reader page, which calls [`read_html`]; the playground
//! calls it with pasted HTML or a file it decoded. The browser's own parser reads the HTML
//! (see [`read_html_with`]) and the document is read by the walk the extension uses on a
//! live page: one path for both. It answers with the same JSON string as
//! `readPage()` (see [`super`]), so the reader UI and the exports are the extension's.
//!
//! There is deliberately no `readBytes` (the CLI's encoding detection): `chardetng` and
//! the legacy encoding tables would add about 160 KB gzip to the one module that the
//! extension ships too; the playground decodes files with the browser's `TextDecoder`.

use super::snapshot::{self, SnapshotOptions};
use super::{error_json, extract_snapshot, now_ms, result_json, ReadError};
use crate::{Error, Limits};
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use web_sys::{DomParser, SupportedType};

/// Options of [`read_html`] (from JS, camelCase; all optional).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HtmlOptions {
    /// The page's URL: resolves relative links and images, fills `url` in the exports.
    pub url: Option<String>,
    /// The HTML holds only what the user selected: all of it is the article (no scoring).
    pub selection_only: bool,
}

fn options(v: &JsValue) -> HtmlOptions {
    if v.is_undefined() || v.is_null() {
        HtmlOptions::default()
    } else {
        serde_wasm_bindgen::from_value(v.clone()).unwrap_or_default()
    }
}

/// Extract from decoded HTML: the whole answer as a JSON string.
///
/// The browser parses the HTML (`DOMParser`, `text/html`): the same HTML5 parsing
/// algorithm as the CLI's parser, without a second parser in the module. A parsed
/// document has no browsing context, so nothing in it runs or loads (no scripts, no
/// images, no event handlers); it is then read by the same walk as a live page, without
/// the CSS visibility checks (nothing is rendered; inline `display:none`, `hidden` and
/// `aria-hidden` are still honoured by the core, as in the CLI).
pub fn read_html_with(html: String, o: &HtmlOptions) -> Result<String, ReadError> {
    let t0 = now_ms();
    let limits = Limits::default();
    if html.len() > limits.max_input_bytes {
        return Err(Error::InputTooLarge {
            bytes: html.len(),
            limit: limits.max_input_bytes,
        }
        .into());
    }
    let doc = DomParser::new()
        .and_then(|p| p.parse_from_string(&html, SupportedType::TextHtml))
        .map_err(|_| ReadError {
            code: "internal",
            message: "the browser could not parse the HTML".into(),
        })?;
    drop(html);
    honour_hidden_marks(&doc);
    let opts = SnapshotOptions {
        selection_only: false,
        ignore_css_hidden: true,
        all_attributes: false,
        // Not reported here; the arena build checks the encoding and the limits.
        skip_stats: true,
        limits,
    };
    let _forget = super::ForgetWalk;
    let mut snap = snapshot::snapshot_document(&doc, &opts)?;
    let url = o.url.clone().unwrap_or_default();
    snap.url.clone_from(&url);
    snap.base_url = url;
    snap.content_type = "text/html".into();
    let t1 = now_ms();
    let article = extract_snapshot(&snap, o.selection_only)?;
    let snapshot = serde_json::json!({ "bytes": snap.bytes(), "url": snap.url });
    // The site's reader and playground show the Markdown at once: render it with the read.
    Ok(result_json(
        article,
        o.selection_only,
        snapshot,
        true,
        super::Timings {
            t0,
            t1,
            css_ms: 0.0,
        },
    ))
}

/// The bookmarklet marks what CSS hid on the live page with `data-readmark-hidden` (the
/// core drops those subtrees, as the CLI does for the same HTML). The walk does not take
/// that attribute from a page (a live page could hide its own content from the reader
/// with it), so in this document — parsed here from HTML the user handed over, inert and
/// never shown — each mark becomes the inline `display:none` the core also drops.
fn honour_hidden_marks(doc: &web_sys::Document) {
    let Ok(marked) = doc.query_selector_all("[data-readmark-hidden]") else {
        return;
    };
    for i in 0..marked.length() {
        if let Some(el) = marked
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        {
            let _ = el.set_attribute("style", "display:none");
        }
    }
}

/// JS: `readHtml(html, {url, selectionOnly})` → JSON string of `{ok: true, …}` or
/// `{ok: false, code, message}`. Never throws for page content.
#[wasm_bindgen(js_name = readHtml)]
pub fn read_html(html: String, options_js: JsValue) -> String {
    read_html_with(html, &options(&options_js)).unwrap_or_else(|e| error_json(&e))
}
