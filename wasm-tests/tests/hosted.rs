//! `readHtml` (src/web/hosted.rs), the web site's entry point, in headless Chromium and
//! Firefox: for HTML handed over by the bookmarklet or pasted in the playground it must
//! answer exactly what the core (and so the CLI) gives for the same HTML and URL, with
//! the same JSON shape as the extension's `readPage()`, and never throw.
#![cfg(target_arch = "wasm32")]

use readmark::render::{self, MarkdownOptions};
use readmark::web::hosted::{read_html, read_html_with, HtmlOptions};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>A test article | Site</title>
<meta property="og:site_name" content="Site"></head><body><nav><a href="/">Home</a></nav>
<article><h1>A test article</h1>
<p>The first paragraph is long enough to count as the content of this article, with a <a href="/rel">relative link</a>.</p>
<p>The second paragraph adds more words, so that the extraction has something to score and keep.</p>
<p>The third paragraph closes the article with yet more words about nothing in particular at all.</p>
</article><footer>Footer text</footer></body></html>"#;

fn parse(s: &str) -> serde_json::Value {
    serde_json::from_str(s).expect("readHtml answers JSON")
}

#[wasm_bindgen_test]
fn equals_the_core_for_the_same_html_and_url() {
    let url = "https://example.org/a/post.html";
    let o = HtmlOptions {
        url: Some(url.into()),
        ..HtmlOptions::default()
    };
    let v = parse(&read_html_with(PAGE.into(), &o).expect("an article"));
    let core = readmark::extract(
        PAGE,
        &readmark::Options {
            url: Some(url.into()),
            ..Default::default()
        },
    )
    .expect("an article");
    let md = render::to_markdown(
        &core,
        &MarkdownOptions {
            front_matter: false,
        },
    );
    let md_fm = render::to_markdown(&core, &MarkdownOptions { front_matter: true });
    assert_eq!(v["ok"], true);
    assert_eq!(v["markdown"].as_str(), Some(md.as_str()));
    assert_eq!(v["markdownFrontMatter"].as_str(), Some(md_fm.as_str()));
    assert_eq!(v["article"], render::to_json_value(&core));
    assert!(md.contains("https://example.org/rel"), "{md}");
    assert_eq!(v["selection"], false);
    // What the walk handed over, as `readPage()` reports it (no HTML is written any more).
    assert!(
        v["snapshot"]["bytes"].as_u64().is_some_and(|b| b > 0),
        "{}",
        v["snapshot"]
    );
}

#[wasm_bindgen_test]
fn a_selection_is_the_article() {
    let html = "<html><head><title>T</title></head><body><p>Just this short selected sentence.</p></body></html>";
    let o = HtmlOptions {
        selection_only: true,
        ..HtmlOptions::default()
    };
    let v = parse(&read_html_with(html.into(), &o).expect("the selection"));
    assert_eq!(v["selection"], true);
    assert!(v["markdown"]
        .as_str()
        .is_some_and(|m| m.contains("Just this short selected sentence.")));
}

#[wasm_bindgen_test]
fn never_throws() {
    for html in [
        "",
        "<html><head><title>Nothing</title></head><body></body></html>",
    ] {
        let v = parse(&read_html(html.into(), wasm_bindgen::JsValue::UNDEFINED));
        assert_eq!(v["ok"], false, "{v}");
        assert_eq!(v["code"], "no_content", "{v}");
        assert!(v["message"].is_string(), "{v}");
    }
    // Options of the wrong shape are defaults, not an exception.
    let v = parse(&read_html(
        PAGE.into(),
        wasm_bindgen::JsValue::from_str("nonsense"),
    ));
    assert_eq!(v["ok"], true);
}

#[wasm_bindgen_test]
fn the_bookmarklets_hidden_marks_are_dropped_like_the_cli_drops_them() {
    let html = PAGE.replace(
        "<p>The second paragraph",
        "<p data-readmark-hidden>Marked hidden by the bookmarklet, never shown.</p><p>The second paragraph",
    );
    let url = "https://example.org/a/post.html";
    let o = HtmlOptions {
        url: Some(url.into()),
        ..HtmlOptions::default()
    };
    let v = parse(&read_html_with(html.clone(), &o).expect("an article"));
    let md = v["markdown"].as_str().unwrap_or_default();
    assert!(!md.contains("Marked hidden"), "{md}");
    assert!(md.contains("The second paragraph"), "{md}");
    let core = readmark::extract(
        &html,
        &readmark::Options {
            url: Some(url.into()),
            ..Default::default()
        },
    )
    .expect("an article");
    assert_eq!(v["article"], render::to_json_value(&core));
}

#[wasm_bindgen_test]
async fn pasted_html_never_runs_or_loads_anything() {
    let global = js_sys::global();
    let key = wasm_bindgen::JsValue::from_str("__readmarkPwned");
    let _ = js_sys::Reflect::delete_property(&global.clone(), &key);
    let html = PAGE.replace(
        "<footer>",
        "<script>window.__readmarkPwned = 1</script>\
         <img src=\"data:,x\" onerror=\"window.__readmarkPwned = 2\" onload=\"window.__readmarkPwned = 3\">\
         <svg><script>window.__readmarkPwned = 4</script></svg><footer>",
    );
    let v = parse(&read_html(html, wasm_bindgen::JsValue::UNDEFINED));
    assert_eq!(v["ok"], true, "{v}");
    // Event handlers of a loaded image would fire later: give them the time to.
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let set_timeout = js_sys::Reflect::get(&js_sys::global(), &"setTimeout".into())
            .ok()
            .and_then(|f| wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f).ok());
        if let Some(f) = set_timeout {
            let _ = f.call2(&wasm_bindgen::JsValue::NULL, &resolve, &200.into());
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
    let got = js_sys::Reflect::get(&global, &key).unwrap_or(wasm_bindgen::JsValue::UNDEFINED);
    assert!(got.is_undefined(), "page content ran: {got:?}");
}
