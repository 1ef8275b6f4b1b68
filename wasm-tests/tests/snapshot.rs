//! The live-DOM snapshot on real DOMs, in headless Chromium and Firefox: what CSS hides
//! is marked and dropped, open shadow roots are inlined, lazy images give their real
//! source, a script-built DOM 20,000 levels deep is walked without a trap, a document
//! under `default-src 'none'` is read like any other, the selection alone can be read —
//! and the page is never changed.
#![cfg(target_arch = "wasm32")]

use readmark::web::snapshot::{snapshot_document, snapshot_element, SnapshotOptions};
use readmark::web::{extract_snapshot, read_document, ReadOptions};
use readmark::Limits;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlIFrameElement, ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a document")
}

/// A fresh container appended to `<body>` (never replace the body: the runner writes its
/// output there).
fn container(html: &str) -> Element {
    let doc = document();
    let div = doc.create_element("div").expect("div");
    div.set_inner_html(html);
    doc.body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div
}

async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("setTimeout");
    });
    let _ = wasm_bindgen_futures::JsFuture::from(p).await;
}

const PARA: &str =
    "This paragraph is long enough to be counted as the content of an article, with \
    several clauses, commas, and a good number of words in it, so the extractor keeps it.";

fn article_text(snapshot_html: &str) -> String {
    let html = format!(
        "<html><head><title>T</title></head><body><article>{snapshot_html}</article></body></html>"
    );
    let opts = readmark::Options {
        url: Some("http://127.0.0.1/test.html".into()),
        ..Default::default()
    };
    let a = readmark::extract(&html, &opts).expect("an article");
    readmark::render::to_text(&a)
}

#[wasm_bindgen_test]
fn css_hidden_nodes_are_marked_and_dropped_without_touching_the_page() {
    let c = container(&format!(
        "<style>.promo {{ display: none }} .ghost {{ visibility: hidden }}</style>\
         <p>VISIBLE-ONE {PARA}</p>\
         <div class=promo><p>HIDDEN-BY-CLASS {PARA}</p></div>\
         <p class=ghost>HIDDEN-BY-VISIBILITY {PARA}</p>\
         <p hidden>HIDDEN-BY-ATTRIBUTE {PARA}</p>\
         <div style=\"display: contents\"><p>VISIBLE-CONTENTS {PARA}</p></div>\
         <details><summary>More</summary><p>CLOSED-DETAILS {PARA}</p></details>\
         <p>VISIBLE-TWO {PARA}</p>"
    ));
    let before = c.inner_html();
    let (html, stats) = snapshot_element(&c, &Limits::default()).expect("snapshot");
    assert_eq!(c.inner_html(), before, "the page must not change");
    assert!(c.get_attribute("data-readmark-hidden").is_none());
    assert!(stats.hidden >= 2, "{stats:?}");
    assert!(
        html.contains("<div class=\"promo\" data-readmark-hidden=\"\">"),
        "{html}"
    );
    let text = article_text(&html);
    for gone in [
        "HIDDEN-BY-CLASS",
        "HIDDEN-BY-VISIBILITY",
        "HIDDEN-BY-ATTRIBUTE",
    ] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    // `display: contents` has no box but shows its children; a closed <details> keeps its
    // text, as the native CLI does.
    for kept in [
        "VISIBLE-ONE",
        "VISIBLE-TWO",
        "VISIBLE-CONTENTS",
        "CLOSED-DETAILS",
    ] {
        assert!(text.contains(kept), "{kept} missing from {text}");
    }
    c.remove();
}

#[wasm_bindgen_test]
fn open_shadow_roots_are_inlined_with_their_slots() {
    let c = container(&format!(
        "<div id=host><p>SLOTTED {PARA}</p></div><div id=closed><p>CLOSED-LIGHT {PARA}</p></div>"
    ));
    let host = c.query_selector("#host").expect("q").expect("host");
    let root = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .expect("attachShadow");
    root.set_inner_html(&format!(
        "<p>SHADOW-BEFORE {PARA}</p><slot></slot><p class=h style=\"display:none\">SHADOW-HIDDEN {PARA}</p>\
         <slot name=none><p>FALLBACK {PARA}</p></slot>"
    ));
    let closed = c.query_selector("#closed").expect("q").expect("closed");
    let closed_root = closed
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Closed))
        .expect("attachShadow");
    closed_root.set_inner_html("<p>CLOSED-SHADOW</p><slot></slot>");

    let (html, stats) = snapshot_element(&c, &Limits::default()).expect("snapshot");
    assert_eq!(stats.shadow_roots, 1, "{stats:?}");
    assert!(!html.contains("<slot"), "slots are unwrapped: {html}");
    let text = article_text(&html);
    let at = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("{s} missing from {text}"))
    };
    // Composed order: shadow content, then the slotted light DOM, then the fallback.
    assert!(at("SHADOW-BEFORE") < at("SLOTTED") && at("SLOTTED") < at("FALLBACK"));
    assert_eq!(text.matches("SLOTTED").count(), 1);
    assert!(!text.contains("SHADOW-HIDDEN"));
    // A closed root cannot be read: its host's light DOM is what we get.
    assert!(text.contains("CLOSED-LIGHT") && !text.contains("CLOSED-SHADOW"));
    c.remove();
}

#[wasm_bindgen_test]
async fn lazy_images_give_their_real_source() {
    let c = container(
        "<figure><img id=a src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" \
         srcset=\"http://127.0.0.1:9/real-photo.jpg 1x\" alt=one></figure>\
         <img id=b src=\"placeholder.gif\" data-src=\"http://127.0.0.1:9/late.jpg\" alt=two>",
    );
    // What a lazy loader does: move data-src into src.
    let b = c.query_selector("#b").expect("q").expect("b");
    b.set_attribute("src", "http://127.0.0.1:9/late.jpg")
        .expect("set");
    sleep(50).await; // image source selection runs asynchronously
    let (html, stats) = snapshot_element(&c, &Limits::default()).expect("snapshot");
    assert!(
        html.contains("src=\"http://127.0.0.1:9/real-photo.jpg\""),
        "{html}"
    );
    assert!(
        html.contains("src=\"http://127.0.0.1:9/late.jpg\""),
        "{html}"
    );
    assert!(stats.current_src >= 1, "{stats:?}");
    c.remove();
}

/// 20,000 nested elements under `parent`, the innermost holding `text`.
fn build_deep(doc: &Document, parent: &Element, text: &str) {
    let mut parent = parent.clone();
    for i in 0..20_000 {
        let d = doc
            .create_element(if i % 2 == 0 { "div" } else { "section" })
            .expect("el");
        parent.append_child(&d).expect("append");
        parent = d;
    }
    parent.set_text_content(Some(text));
}

// Chromium's own renderer crashes when it lays out (or computes the style of) a visible
// tree this deep, so the trees are built where the browser does not render them. The
// tests yield between phases so the test runner's WebDriver polls get through.
#[wasm_bindgen_test]
async fn a_script_built_dom_20000_levels_deep_does_not_trap() {
    // In a document without a window: every element checked, none hidden.
    let live = document();
    let doc = live
        .implementation()
        .expect("implementation")
        .create_html_document_with_title("deep")
        .expect("document");
    let body = doc.body().expect("body");
    let article = doc.create_element("article").expect("article");
    body.append_child(&article).expect("append");
    build_deep(&doc, &article, &format!("DEEP-TEXT {PARA}"));
    sleep(0).await;
    let snap = snapshot_document(&doc, &SnapshotOptions::default()).expect("snapshot");
    assert!(snap.stats.max_depth >= 20_000, "{:?}", snap.stats);
    assert_eq!(snap.stats.hidden, 0);
    sleep(0).await;
    // The core flattens past its depth limit and still finds the text.
    let a = extract_snapshot(&snap, false).expect("article");
    assert!(readmark::render::to_text(&a).contains("DEEP-TEXT"));
}

#[wasm_bindgen_test]
async fn a_hidden_dom_20000_levels_deep_in_the_page_does_not_trap() {
    // In the live page under a `display: none` root (walked, not checked).
    let live = document();
    let c = container("");
    c.set_attribute("style", "display: none").expect("style");
    build_deep(&live, &c, "DEEP-HIDDEN");
    sleep(0).await;
    let (html, stats) = snapshot_element(&c, &Limits::default()).expect("snapshot");
    assert!(stats.max_depth >= 20_000 && stats.hidden == 1, "{stats:?}");
    assert!(html.contains("DEEP-HIDDEN"));
    c.remove();
}

/// A document of its own in an iframe (so that CSS applies to it), once loaded.
async fn frame_document(srcdoc: &str) -> (HtmlIFrameElement, web_sys::Document) {
    let doc = document();
    let frame: HtmlIFrameElement = doc
        .create_element("iframe")
        .expect("iframe")
        .dyn_into()
        .expect("HtmlIFrameElement");
    frame.set_srcdoc(srcdoc);
    doc.body()
        .expect("body")
        .append_child(&frame)
        .expect("append");
    for _ in 0..100 {
        sleep(20).await;
        if let Some(d) = frame.content_document() {
            if d.ready_state() == "complete"
                && d.body().is_some_and(|b| b.child_element_count() > 0)
            {
                return (frame, d);
            }
        }
    }
    panic!("the frame did not load");
}

fn read_text(doc: &web_sys::Document) -> (String, serde_json::Value) {
    let json = read_document(doc, &ReadOptions::default()).expect("read");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["ok"], true, "{json}");
    let text = v["article"]["text"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (text, v)
}

#[wasm_bindgen_test]
async fn a_read_asks_css_about_the_article_after_extracting_it() {
    // The whole-page read walks without asking CSS, then asks about what the selection
    // holds: hidden paragraphs and hidden wrappers inside the article are dropped, and a
    // hidden copy that the first pass preferred gives way to the visible article.
    let (frame, inner) = frame_document(&format!(
        "<!doctype html><html><head><title>Asked</title><style>\
         .promo {{ display: none }} .ghost {{ visibility: hidden }} .print {{ display: none }}\
         </style></head><body>\
         <div class=print><article><h1>Asked</h1><p>PRINT-COPY {PARA} {PARA} {PARA}</p>\
         <p>PRINT-TWO {PARA} {PARA} {PARA}</p><p>PRINT-THREE {PARA} {PARA}</p></article></div>\
         <main><article><h1>Asked</h1><p>VISIBLE-ONE {PARA}</p>\
         <div class=promo><p>HIDDEN-WRAPPED {PARA}</p></div>\
         <p class=ghost>HIDDEN-GHOST {PARA}</p><p>VISIBLE-TWO {PARA}</p></article></main>\
         </body></html>"
    ))
    .await;
    let (text, v) = read_text(&inner);
    for kept in ["VISIBLE-ONE", "VISIBLE-TWO"] {
        assert!(text.contains(kept), "{kept} missing from {text}");
    }
    for gone in ["PRINT-COPY", "HIDDEN-WRAPPED", "HIDDEN-GHOST"] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    assert!(
        v["snapshot"]["stats"]["hidden"].as_u64().unwrap_or(0) >= 3,
        "{v}"
    );
    // The walk's counts come from the arena build (no separate pass over the walk).
    let stats = &v["snapshot"]["stats"];
    assert!(stats["elements"].as_u64().unwrap_or(0) >= 15, "{v}");
    assert!(stats["max_depth"].as_u64().unwrap_or(0) >= 4, "{v}");
    frame.remove();
}

#[wasm_bindgen_test]
fn a_noscript_in_an_xhtml_document_keeps_its_text_as_text() {
    // Only the HTML parser keeps a noscript's markup as text (for the walk to parse); in
    // an XHTML document a noscript's text is text, as the CLI reads `&lt;p&gt;` too.
    const XHTML: &str = "http://www.w3.org/1999/xhtml";
    let xml = document()
        .implementation()
        .expect("implementation")
        .create_document(Some(XHTML), "html")
        .expect("document");
    assert_eq!(xml.content_type(), "application/xhtml+xml");
    let root = xml.document_element().expect("root");
    let body = xml.create_element_ns(Some(XHTML), "body").expect("body");
    let ns = xml
        .create_element_ns(Some(XHTML), "noscript")
        .expect("noscript");
    ns.append_child(&xml.create_text_node("<p>LITERAL</p>"))
        .expect("text");
    body.append_child(&ns).expect("append");
    root.append_child(&body).expect("append");
    let (html, _) = snapshot_element(&root, &Limits::default()).expect("snapshot");
    assert!(html.contains("&lt;p&gt;LITERAL"), "{html}");
    assert!(!html.contains("<p>LITERAL"), "{html}");
}

#[wasm_bindgen_test]
async fn a_read_keeps_the_tex_of_mathjax_2_scripts() {
    // MathJax 2 keeps each formula's TeX in a `<script type="math/tex">` (the CLI reads it
    // into the article's math); the walk hands that text over as it does JSON-LD's. A
    // frame document: its scripts of these types never run.
    let (frame, inner) = frame_document(&format!(
        "<!doctype html><html><head><title>TeX</title></head><body><article><h1>TeX</h1>\
         <p>INLINE {PARA} <script type=\"math/tex\">e^{{i\\pi}} + 1 = 0</script> after.</p>\
         <div><script type=\"math/tex; mode=display\">\\sum_n x_n</script></div>\
         <p>MORE {PARA}</p></article></body></html>"
    ))
    .await;
    let (_, v) = read_text(&inner);
    frame.remove();
    let article = v["article"].to_string();
    assert!(article.contains(r"e^{i\\pi} + 1 = 0"), "{article}");
    assert!(article.contains(r"\\sum_n x_n"), "{article}");
}

#[wasm_bindgen_test]
async fn the_walk_answers_by_element_number_and_a_read_lets_go_of_it() {
    // Elements are numbered in walk order: html 0, head 1, style 2, body 3, the two <p>s 4
    // and 5. CSS is asked about them by number after the walk; once a read is over the
    // module no longer holds the page's elements.
    let (frame, inner) = frame_document(&format!(
        "<!doctype html><html><head><style>.h {{ display: none }}</style></head><body>\
         <p class=h>HIDDEN {PARA}</p><p>SHOWN {PARA}</p></body></html>"
    ))
    .await;
    let opts = SnapshotOptions {
        ignore_css_hidden: true,
        ..SnapshotOptions::default()
    };
    snapshot_document(&inner, &opts).expect("snapshot");
    use readmark::web::dom_walk::hidden_of;
    assert_eq!(hidden_of(&[1, 2, 3, 4, 5, 99]), Ok(vec![4]));
    let (text, _) = read_text(&inner);
    assert!(text.contains("SHOWN") && !text.contains("HIDDEN"), "{text}");
    assert_eq!(hidden_of(&[4, 5]), Ok(vec![]));
    frame.remove();
}

#[wasm_bindgen_test]
async fn a_page_that_hides_its_article_until_a_click_is_read_as_the_cli_reads_it() {
    // Most of the page's text is `display: none` until the reader acts (a lazy-rendering
    // script, a closed tab): the article stands as extracted rather than the little that
    // shows.
    let long = [PARA; 8].join(" ");
    let (frame, inner) = frame_document(&format!(
        "<!doctype html><html><head><title>Later</title><style>.later {{ display: none }}\
         </style></head><body><nav><a href=/a>Home</a> <a href=/b>About</a></nav>\
         <div class=later><article><h1>Later</h1><p>LATER-ONE {long}</p><p>LATER-TWO {long}</p>\
         </article></div><footer>Footer text</footer></body></html>"
    ))
    .await;
    let (text, _) = read_text(&inner);
    assert!(
        text.contains("LATER-ONE") && text.contains("LATER-TWO"),
        "{text}"
    );
    frame.remove();
}

#[wasm_bindgen_test]
async fn a_document_under_default_src_none_is_read() {
    let (frame, inner) = frame_document(&format!(
        "<!doctype html><html lang=de><head>\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\
         <title>Strenge Seite</title><style>.x{{display:none}}</style></head><body><article>\
         <h1>Strenge Seite</h1><p>ERSTER {PARA}</p><p class=x>VERSTECKT {PARA}</p><p>ZWEITER {PARA}</p>\
         </article></body></html>"
    ))
    .await;
    let snap = snapshot_document(&inner, &SnapshotOptions::default()).expect("snapshot");
    assert_eq!(snap.lang.as_deref(), Some("de"));
    let a = extract_snapshot(&snap, false)
        .unwrap_or_else(|e| panic!("{e:?} from {} {}", snap.url, snap.html));
    let text = readmark::render::to_text(&a);
    assert!(
        text.contains("ERSTER") && text.contains("ZWEITER"),
        "{text}"
    );
    // The page's own <style> is blocked by its CSP, so the paragraph is visible.
    assert!(text.contains("VERSTECKT"), "{text}");
    let json = read_document(&inner, &ReadOptions::default()).expect("read");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["ok"], true);
    assert_eq!(v["article"]["schema"], "readmark/1");
    assert_eq!(v["article"]["lang"], "de");
    // The Markdown exports are rendered on demand from the kept article.
    assert!(v.get("markdown").is_none(), "{json}");
    let ex: serde_json::Value =
        serde_json::from_str(&readmark::web::exports_of_last_read()).expect("exports json");
    assert_eq!(ex["ok"], true);
    let md = |front_matter| {
        readmark::render::to_markdown(&a, &readmark::render::MarkdownOptions { front_matter })
    };
    assert_eq!(ex["markdown"], md(false));
    assert_eq!(ex["markdownFrontMatter"], md(true));
    let opts = ReadOptions {
        exports: true,
        ..ReadOptions::default()
    };
    let with: serde_json::Value =
        serde_json::from_str(&read_document(&inner, &opts).expect("read")).expect("json");
    assert_eq!(with["markdown"], md(false));
    assert_eq!(with["markdownFrontMatter"], md(true));
    frame.remove();
}

/// Make `range` the page's selection (none: no selection) and snapshot the selection
/// alone; the selection is cleared again afterwards.
fn snapshot_selection(
    range: Option<&web_sys::Range>,
) -> Result<readmark::web::snapshot::Snapshot, readmark::web::snapshot::SnapshotError> {
    let doc = document();
    let sel = doc.get_selection().expect("sel").expect("selection");
    sel.remove_all_ranges().expect("clear");
    if let Some(r) = range {
        sel.add_range(r).expect("add");
    }
    let snap = snapshot_document(
        &doc,
        &SnapshotOptions {
            selection_only: true,
            ..SnapshotOptions::default()
        },
    );
    sel.remove_all_ranges().expect("clear");
    snap
}

#[wasm_bindgen_test]
fn only_the_selection_is_read_when_asked() {
    let c = container(&format!(
        "<p id=one>FIRST {PARA}</p><p id=two>SECOND {PARA}</p><p id=three>THIRD {PARA}</p>"
    ));
    let range = document().create_range().expect("range");
    let two = c.query_selector("#two").expect("q").expect("two");
    range.select_node_contents(&two).expect("select");
    let snap = snapshot_selection(Some(&range)).expect("snapshot");
    assert!(snap
        .selection_text
        .as_deref()
        .is_some_and(|t| t.contains("SECOND")));
    let a = extract_snapshot(&snap, true).expect("article");
    let text = readmark::render::to_text(&a);
    assert!(
        text.contains("SECOND") && !text.contains("FIRST") && !text.contains("THIRD"),
        "{text}"
    );
    assert!(snapshot_selection(None).is_err());
    c.remove();
}

#[wasm_bindgen_test]
fn a_selection_across_a_shadow_host_keeps_its_content() {
    // Shadow content lives in another tree than the selection's range (which never
    // intersects it): it goes in whole with its host. A noscript's content, which the
    // reader never saw (tracking pixels, fallbacks), stays out of a selection.
    let c = container(&format!(
        "<p id=one>FIRST {PARA}</p><div id=host></div>\
         <noscript>&lt;p&gt;NOSCRIPT-TEXT {PARA}&lt;/p&gt;</noscript>\
         <p id=three>THIRD {PARA}</p><p id=four>FOURTH {PARA}</p>"
    ));
    let host = c.query_selector("#host").expect("q").expect("host");
    let root = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .expect("shadow");
    root.set_inner_html(&format!("<p>SHADOW-TEXT {PARA}</p>"));
    let range = document().create_range().expect("range");
    let one = c.query_selector("#one").expect("q").expect("one");
    let three = c.query_selector("#three").expect("q").expect("three");
    range.set_start_before(&one).expect("start");
    range.set_end_after(&three).expect("end");
    let snap = snapshot_selection(Some(&range)).expect("snapshot");
    c.remove();
    let a = extract_snapshot(&snap, true).expect("article");
    let text = readmark::render::to_text(&a);
    for kept in ["FIRST", "SHADOW-TEXT", "THIRD"] {
        assert!(text.contains(kept), "{kept} missing from {text}");
    }
    for gone in ["NOSCRIPT-TEXT", "FOURTH"] {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
}

#[wasm_bindgen_test]
fn page_text_cannot_change_the_snapshot_structure() {
    let doc = document();
    let c = container("<noscript></noscript><p id=p></p>");
    // Script-built text that looks like markup, and a raw-text element whose content tries
    // to close it early.
    c.query_selector("#p")
        .expect("q")
        .expect("p")
        .set_text_content(Some("<img src=x onerror=alert(1)> & </p><h1>fake</h1>"));
    let ns = c.query_selector("noscript").expect("q").expect("noscript");
    ns.append_child(&doc.create_text_node("</noscript><h2>escaped</h2>"))
        .expect("text");
    let (html, _) = snapshot_element(&c, &Limits::default()).expect("snapshot");
    assert!(
        html.contains(
            "&lt;img src=x onerror=alert(1)&gt; &amp; &lt;/p&gt;&lt;h1&gt;fake&lt;/h1&gt;"
        ),
        "{html}"
    );
    // The `<noscript>` text is parsed as a browser with scripting off would (inside an
    // inert template): its stray end tag cannot close the element early, so what it holds
    // stays inside it, and the structure after it is the page's.
    assert!(
        html.contains("<noscript><h2>escaped</h2></noscript><p id=\"p\">"),
        "{html}"
    );
    assert!(!html.contains("onclick"));
    c.remove();
}

#[wasm_bindgen_test]
fn read_page_always_answers_json() {
    // The runner's page has no article: a typed error as JSON, never an exception.
    let out = readmark::web::read_page(wasm_bindgen::JsValue::UNDEFINED);
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert!(v["ok"].is_boolean(), "{out}");
    if v["ok"] == false {
        assert!(v["code"].is_string() && v["message"].is_string(), "{out}");
    }
}

#[wasm_bindgen_test]
fn relative_dates_resolve_against_the_browsers_clock() {
    let c = container(&format!(
        "<h1>标题</h1><div class=meta-box><span class=time>3小时前</span></div>\
         <p>{PARA}</p><p>{PARA}</p><p>{PARA}</p>"
    ));
    let (html, _) = snapshot_element(&c, &Limits::default()).expect("snapshot");
    c.remove();
    let snap = readmark::web::snapshot::Snapshot {
        html: format!("<html lang=zh-CN><head><title>标题</title></head><body><article>{html}</article></body></html>"),
        url: "http://127.0.0.1/post/1.html".into(),
        ..Default::default()
    };
    let a = extract_snapshot(&snap, false).expect("an article");
    let published = a
        .published
        .clone()
        .expect("the relative date resolves in the browser");
    let at = readmark::meta::relative::Now::parse_iso(&published).expect("ISO with an offset");
    let expected = (js_sys::Date::now() / 1000.0) as i64 - 3 * 3600;
    assert!(
        (at.unix_secs - expected).abs() <= 120,
        "{published} is not three hours before now"
    );
    assert!(!readmark::render::to_text(&a).contains("3小时前"));
}

#[wasm_bindgen_test]
fn a_page_that_breaks_dom_methods_gets_an_error_not_a_trap() {
    // The bookmarklet runs in the page's own world: a page may replace DOM methods the
    // walk calls. The snapshot reports it as an error value.
    let c = container(&format!("<p>{PARA}</p>"));
    let proto = js_sys::Reflect::get(&js_sys::global(), &"Element".into())
        .and_then(|e| js_sys::Reflect::get(&e, &"prototype".into()))
        .expect("Element.prototype");
    let key = wasm_bindgen::JsValue::from("checkVisibility");
    let saved = js_sys::Reflect::get_own_property_descriptor(&proto.clone().into(), &key)
        .expect("descriptor");
    let thrower = js_sys::Function::new_no_args("throw new Error('page')");
    js_sys::Reflect::set(&proto, &key, &thrower).expect("replace");
    let got = snapshot_element(&c, &Limits::default());
    if saved.is_undefined() {
        let _ = js_sys::Reflect::delete_property(&proto.clone().into(), &key);
    } else {
        let _ = js_sys::Reflect::define_property(&proto.clone().into(), &key, &saved.into());
    }
    c.remove();
    assert!(
        matches!(got, Err(readmark::web::snapshot::SnapshotError::Malformed)),
        "{got:?}"
    );
}

#[wasm_bindgen_test]
fn only_json_ld_and_tex_scripts_are_handed_over() {
    // The core reads JSON-LD and TeX; framework state in other JSON scripts (often the largest
    // text of a page) is never read, so the walk does not hand it over.
    let c = container(&format!(
        "<script type=\"application/ld+json\">{{\"@type\":\"Article\",\"headline\":\"LD-KEPT\"}}</script>\
         <script type=\"application/json\" id=__NEXT_DATA__>{{\"props\":\"STATE-DROPPED\"}}</script>\
         <script>var CODE_DROPPED = 1;</script><p>{PARA}</p>\
         <script type=\"math/tex\">TEX-KEPT</script>"
    ));
    let (html, _) = snapshot_element(&c, &Limits::default()).expect("snapshot");
    c.remove();
    assert!(html.contains("LD-KEPT"), "{html}");
    assert!(html.contains("TEX-KEPT"), "{html}");
    assert!(!html.contains("STATE-DROPPED"), "{html}");
    assert!(!html.contains("CODE_DROPPED"), "{html}");
}

#[wasm_bindgen_test]
fn the_direct_build_reads_what_the_html_round_trip_read() {
    // The core builds its arena straight from the walk; writing the walk as HTML and
    // parsing it back must give the same article: split text nodes and comments between
    // them, a `<noscript>` kept as text, CR, U+0000, upper-case attribute names, JSON-LD.
    let live = document();
    let doc = live
        .implementation()
        .expect("implementation")
        .create_html_document_with_title("Direct")
        .expect("document");
    let head = doc.query_selector("head").expect("q").expect("head");
    let ld = doc.create_element("script").expect("script");
    ld.set_attribute("type", "application/ld+json")
        .expect("type");
    ld.set_text_content(Some(
        r#"{"@type":"NewsArticle","headline":"Direct","author":{"@type":"Person","name":"Ann Lee"}}"#,
    ));
    head.append_child(&ld).expect("append");
    let body = doc.body().expect("body");
    body.set_inner_html(&format!(
        "<article><h1>Direct</h1><p id=split>ONE {PARA}</p><p>TWO {PARA}</p>\
         <figure><img src=/a.jpg alt=pic aria-label=x onclick=f()></figure>\
         <button style=\"display:none\">Menu</button><svg><title>icon</title></svg>\
         <p>THREE <b>bold</b> {PARA}</p></article>"
    ));
    let p = doc.get_element_by_id("split").expect("p");
    p.append_child(&doc.create_text_node(" and\r\nmore"))
        .expect("text");
    p.append_child(&doc.create_comment("c")).expect("comment");
    p.append_child(&doc.create_text_node(" after\0 the comment"))
        .expect("text");
    p.set_attribute("DATA-Note", "a\rb\0c").expect("attr");
    let ns = doc.create_element("noscript").expect("noscript");
    ns.append_child(&doc.create_text_node("<img src=/lazy.jpg alt=lazy> &amp; text"))
        .expect("text");
    p.after_with_node_1(&ns).expect("after");
    // The walk for the core hands over only the attributes the arena reads; the one
    // written as HTML hands over all of them.
    let snap = snapshot_document(&doc, &SnapshotOptions::default()).expect("snapshot");
    let direct = extract_snapshot(&snap, false).expect("direct");
    let all = SnapshotOptions {
        all_attributes: true,
        ..SnapshotOptions::default()
    };
    let mut snap = snapshot_document(&doc, &all).expect("snapshot");
    assert!(snap.bytes() > 0);
    snap.write_html(&Limits::default()).expect("html");
    assert!(snap.html.contains("aria-label=\"x\""), "{}", snap.html);
    snap.walk = None;
    let parsed = extract_snapshot(&snap, false).expect("parsed");
    assert_eq!(
        readmark::render::to_json(&direct),
        readmark::render::to_json(&parsed),
        "{}",
        snap.html
    );
    assert!(readmark::render::to_text(&direct).contains("after the comment"));
}

/// A container of `html` whose `<noscript id=…>`s get the script-built text of `texts`
/// (kept as text, as a page's parser with scripting on keeps it), and its snapshot's HTML.
fn snapshot_of_noscripts(html: &str, texts: &[(&str, &str)]) -> (Element, String) {
    let doc = document();
    let c = container(html);
    for &(id, text) in texts {
        let ns = doc.get_element_by_id(id).expect(id);
        ns.append_child(&doc.create_text_node(text)).expect("text");
    }
    let (html, _) = snapshot_element(&c, &Limits::default()).expect("snapshot");
    (c, html)
}

#[wasm_bindgen_test]
fn noscripts_parsed_together_stay_apart() {
    // The walk parses every `<noscript>` of the page in one document, each in a template of
    // its own: an unclosed element in one must not swallow the next, and a text that names
    // `template` itself is parsed on its own.
    let (c, html) = snapshot_of_noscripts(
        "<noscript id=a></noscript><p>between</p><noscript id=b></noscript><noscript id=t></noscript>",
        &[
            ("a", "<div><em>first"),
            ("b", "<img src=/second.jpg alt=second>"),
            ("t", "</template><b>third</b>"),
        ],
    );
    assert!(
        html.contains("<noscript id=\"a\"><div><em>first</em></div></noscript><p>between</p>"),
        "{html}"
    );
    assert!(
        html.contains("<noscript id=\"b\"><img src=\"/second.jpg\" alt=\"second\"></noscript>"),
        "{html}"
    );
    assert!(
        html.contains("<noscript id=\"t\"><b>third</b></noscript>"),
        "{html}"
    );
    c.remove();
}

#[wasm_bindgen_test]
fn interned_strings_are_read_back_by_index() {
    use readmark::web::dom_walk::{Encoded, Malformed, Reader, STR_INTERNED, STR_NEW_INTERNED};
    let enc = |strings: &str, ops: &[u32]| Encoded {
        strings: strings.into(),
        ops: ops.to_vec(),
    };
    // "p" and " " entered into the table, then referred to; "é" (2 UTF-8 bytes, one UTF-16
    // unit) and "😀" (a surrogate pair) fresh.
    let e = enc(
        "p\0 \0é\0😀\0",
        &[
            STR_NEW_INTERNED | 1,
            STR_NEW_INTERNED | 1,
            STR_INTERNED,
            1,
            STR_INTERNED | 1,
            2,
        ],
    );
    let mut r = Reader::new(&e);
    let got: Vec<&str> = (0..6).map(|_| r.string().expect("string")).collect();
    assert_eq!(got, ["p", " ", "p", "é", " ", "😀"]);
    assert_eq!(r.next_op(), None);
    // A reference past the table, a length not ending at a U+0000, nothing left.
    let e = enc("p\0", &[STR_NEW_INTERNED | 1, STR_INTERNED | 1]);
    let mut r = Reader::new(&e);
    assert_eq!(r.string(), Ok("p"));
    assert_eq!(r.string(), Err(Malformed));
    assert_eq!(Reader::new(&enc("pq\0", &[1])).string(), Err(Malformed));
    assert_eq!(Reader::new(&enc("", &[])).string(), Err(Malformed));
}

#[wasm_bindgen_test]
fn a_noscript_that_swallows_its_end_tag_is_parsed_alone() {
    // The last noscript of a batch opens a raw-text element or cuts a tag off: the empty
    // template after it shows the swallow, and each is parsed alone, as the page's parser
    // (scripting off) would have; table parts stay ignored as in body.
    let (c, html) = snapshot_of_noscripts(
        "<noscript id=a></noscript><noscript id=b></noscript><noscript id=x></noscript>",
        &[
            ("a", "<tr><td>cell</td></tr>"),
            ("b", "<img src=/b.jpg alt=b>"),
            ("x", "<xmp>tail"),
        ],
    );
    assert!(
        html.contains("<noscript id=\"a\">cell</noscript>"),
        "{html}"
    );
    assert!(
        html.contains("<noscript id=\"b\"><img src=\"/b.jpg\" alt=\"b\"></noscript>"),
        "{html}"
    );
    assert!(!html.contains("template"), "{html}");
    c.remove();
}

#[wasm_bindgen_test]
fn strings_past_the_byte_limit_are_too_large() {
    // 3,000 units of text against a 2,000-byte limit: a typed "too large" (the walk knows
    // it from the strings' length, a unit being at least a byte, before it makes a buffer
    // for them), and the next walk is not confused by what was left behind.
    let c = container(&"x".repeat(3_000));
    let limits = Limits {
        max_input_bytes: 2_000,
        ..Limits::default()
    };
    let got = snapshot_element(&c, &limits);
    c.remove();
    assert!(
        matches!(got, Err(readmark::web::snapshot::SnapshotError::TooLarge(n)) if n >= 3_000),
        "{got:?}"
    );
    let small = container("<p>after</p>");
    let (html, _) = snapshot_element(&small, &Limits::default()).expect("snapshot");
    small.remove();
    assert!(html.contains("<p>after</p>"), "{html}");
}

#[wasm_bindgen_test]
fn repeated_white_space_counts_towards_the_size_limit() {
    // Interned strings are handed over once but count every time: many identical white
    // space text nodes cannot pass the size limit unseen.
    let doc = document();
    let c = container("<p id=p></p>");
    let p = doc.get_element_by_id("p").expect("p");
    for _ in 0..2000 {
        p.append_child(&doc.create_text_node("                                "))
            .expect("text");
    }
    let limits = Limits {
        max_input_bytes: 10_000,
        ..Limits::default()
    };
    let got = snapshot_element(&c, &limits);
    assert!(got.is_err(), "{got:?}");
    c.remove();
}
