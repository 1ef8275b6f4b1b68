//! Browser glue (wasm32 only): converts between JS values and the core. Kept thin.
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Extract an article from HTML; returns the JSON export as a JS object.
#[wasm_bindgen(js_name = extractJson)]
pub fn extract_json(html: &str, url: Option<String>) -> Result<JsValue, JsValue> {
    let opts = crate::Options {
        url,
        ..Default::default()
    };
    let article = crate::extract(html, &opts).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let v = crate::render::to_json_value(&article);
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsValue::from_str(&e.to_string()))
}

/// Extract an article from HTML and render it as Markdown.
#[wasm_bindgen(js_name = extractMarkdown)]
pub fn extract_markdown(
    html: &str,
    url: Option<String>,
    front_matter: bool,
) -> Result<String, JsValue> {
    let opts = crate::Options {
        url,
        ..Default::default()
    };
    let article = crate::extract(html, &opts).map_err(|e| JsValue::from_str(&e.to_string()))?;
    Ok(crate::render::to_markdown(
        &article,
        &crate::render::MarkdownOptions { front_matter },
    ))
}
