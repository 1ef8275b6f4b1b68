//! Entry points for the web site (`www/`): extraction from HTML that some other page
//! produced, rather than from the document the code runs in.
//!
//! The bookmarklet cannot run WebAssembly in the page it reads (the page's CSP may forbid
//! it, or forbid loading any script at all), so it serializes the live page itself and
//! hands the HTML to the site's reader page, which calls [`read_html`]; the playground
//! calls it with pasted HTML or a file it decoded. It answers with the same JSON string as
//! `readPage()` (see [`super`]), so the reader UI and the exports are the extension's.
//!
//! There is deliberately no `readBytes` (the CLI's encoding detection): `chardetng` and
//! the legacy encoding tables would add about 160 KB gzip to the one module that the
//! extension ships too; the playground decodes files with the browser's `TextDecoder`.

use super::snapshot::Snapshot;
use super::{error_json, extract_snapshot, now_ms, result_json, ReadError};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

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
pub fn read_html_with(html: String, o: &HtmlOptions) -> Result<String, ReadError> {
    let t0 = now_ms();
    let url = o.url.clone().unwrap_or_default();
    let snap = Snapshot {
        url: url.clone(),
        base_url: url,
        content_type: "text/html".into(),
        html,
        ..Snapshot::default()
    };
    let article = extract_snapshot(&snap, o.selection_only)?;
    let snapshot = serde_json::json!({ "bytes": snap.html.len(), "url": snap.url });
    // The site's reader and playground show the Markdown at once: render it with the read.
    Ok(result_json(
        article,
        o.selection_only,
        snapshot,
        true,
        t0,
        t0,
    ))
}

/// JS: `readHtml(html, {url, selectionOnly})` → JSON string of `{ok: true, …}` or
/// `{ok: false, code, message}`. Never throws for page content.
#[wasm_bindgen(js_name = readHtml)]
pub fn read_html(html: String, options_js: JsValue) -> String {
    read_html_with(html, &options(&options_js)).unwrap_or_else(|e| error_json(&e))
}
