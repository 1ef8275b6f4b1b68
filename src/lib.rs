//! Readmark core: turn a web page into a clean, typed [`Article`] and export it.
//!
//! Threat model first: every page is hostile input. The core never executes page content,
//! never passes page HTML through (renderers work from the typed [`model`] only), walks
//! the DOM without recursion, and enforces explicit [`Limits`]; crossing one yields a
//! typed [`Error`], never a panic or a hang.
//!
//! Pipeline (one module per stage):
//! `decode` (bytes → text) → `dom` (scraper parse, or the walk of a browser DOM → compact
//! arena, hidden nodes dropped, depth flattened) → `meta` (JSON-LD, OpenGraph, meta tags,
//! bylines, CJK info lines) → `extract` (candidate scoring, selection, cleaning) → `build`
//! (arena → model) → `render` (reader HTML, Markdown, JSON, text).

pub mod build;
pub mod decode;
pub mod dom;
pub mod error;
pub mod extract;
pub mod idn;
pub mod limits;
pub mod meta;
pub mod model;
pub mod render;
pub mod text;

#[cfg(target_arch = "wasm32")]
pub mod web;

pub use error::Error;
pub use limits::Limits;
pub use model::{Article, Block, Inline};

/// Options of one extraction.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// URL the page was read from; relative links and images are resolved against it
    /// (after any `<base href>`).
    pub url: Option<String>,
    pub limits: Limits,
    /// Record dropped blocks with the reason in `Article::removed`.
    pub explain: bool,
    /// The moment the page was read: resolves relative dates (`3小时前`, `2 hours ago`).
    /// `None` leaves them unresolved, so results do not depend on the clock.
    pub now: Option<meta::relative::Now>,
}

/// Extract the article from decoded HTML (feature `html`: the HTML parser).
#[cfg(feature = "html")]
pub fn extract(html: &str, opts: &Options) -> Result<Article, Error> {
    if html.len() > opts.limits.max_input_bytes {
        return Err(Error::InputTooLarge {
            bytes: html.len(),
            limit: opts.limits.max_input_bytes,
        });
    }
    let base = base_url(opts)?;
    let parsed = dom::Parsed::new(html, &opts.limits);
    let doc = parsed.build(base.clone(), &opts.limits, false)?;
    // The parsed tree is kept for the retry only when one can happen (`extract_doc` retries
    // only pages with attribute-hidden elements); otherwise it goes before extraction, so
    // peak memory stays that of one tree or one arena at a time.
    let hid = doc.revealable();
    let parsed = (hid.by_attr > 0 || hid.by_style > 0).then_some(parsed);
    extract_doc(doc, opts, || match &parsed {
        Some(p) => p.build(base, &opts.limits, true),
        None => dom::Doc::parse_keeping_hidden(html, base, &opts.limits),
    })
}

/// The URL relative links resolve against: `opts.url`, with its hosts in ASCII.
pub fn base_url(opts: &Options) -> Result<Option<url::Url>, Error> {
    match &opts.url {
        Some(u) if !u.is_empty() => Ok(Some(
            url::Url::parse(&idn::ascii_hosts(u))
                .map_err(|e| Error::InvalidUrl(format!("{u}: {e}")))?,
        )),
        _ => Ok(None),
    }
}

/// Extract the article from an arena built with hidden nodes dropped (`Doc::parse`, or the
/// browser's direct build from the live DOM). `keeping_hidden` builds the same page again
/// keeping what only the `hidden`/`aria-hidden` attributes or an inline `visibility:hidden`
/// hide: called only when the first pass finds little text and dropped such nodes.
pub fn extract_doc(
    doc: dom::Doc,
    opts: &Options,
    keeping_hidden: impl FnOnce() -> Result<dom::Doc, Error>,
) -> Result<Article, Error> {
    let first = article_of(&doc, opts);
    let hidden = doc.revealable();
    drop(doc);
    retry_light(first, hidden, opts, keeping_hidden)
}

/// The second half of [`extract_doc`]: `first` is the article of an arena in which
/// `hidden` elements were hidden only by `hidden`/`aria-hidden` or an inline
/// `visibility:hidden`. When it is light and there were attribute-hidden elements, or
/// missing and there were any, the page built again by `keeping_hidden` is read too, and
/// its article wins when it is clearly heavier. (Inline `visibility:hidden` also hides
/// collapsed panels and placeholders of pages that have an article: revealing them for a
/// light one swaps it for a page of widgets.)
pub fn retry_light(
    first: Result<Article, Error>,
    hidden: dom::Revealable,
    opts: &Options,
    keeping_hidden: impl FnOnce() -> Result<dom::Doc, Error>,
) -> Result<Article, Error> {
    // Without such hidden elements the retry would parse the same document again (and
    // keep the first result).
    let retry = match &first {
        Err(Error::NoContent) => hidden.by_attr > 0 || hidden.by_style > 0,
        Ok(a) => a.word_count < 150 && hidden.by_attr > 0,
        Err(_) => false,
    };
    if !retry {
        return first;
    }
    let doc = keeping_hidden()?;
    match (first, article_of(&doc, opts)) {
        (Ok(a), Ok(b)) if b.word_count as f64 > a.word_count as f64 * 1.5 + 50.0 => Ok(b),
        (Ok(a), _) => Ok(a),
        (Err(_), second) => second,
    }
}

fn article_of(doc: &dom::Doc, opts: &Options) -> Result<Article, Error> {
    article_and_selection(doc, opts).map(|(a, _)| a)
}

/// The article of an arena and the selection it was built from (the browser asks CSS
/// about what the selection holds: `web::verify`).
pub fn article_and_selection(
    doc: &dom::Doc,
    opts: &Options,
) -> Result<(Article, extract::Selection), Error> {
    let mut meta = meta::collect(doc);
    if let Some(now) = opts.now {
        meta::resolve_relative_date(doc, &mut meta, now);
    }
    let selection = extract::select(doc, &meta, &opts.limits)?;
    let article = build::article(doc, meta, &selection, opts)?;
    Ok((article, selection))
}

/// Decode raw bytes (BOM, `<meta charset>`, then sniffing) and extract.
#[cfg(feature = "html")]
pub fn extract_bytes(
    bytes: &[u8],
    content_type: Option<&str>,
    opts: &Options,
) -> Result<Article, Error> {
    if bytes.len() > opts.limits.max_input_bytes {
        return Err(Error::InputTooLarge {
            bytes: bytes.len(),
            limit: opts.limits.max_input_bytes,
        });
    }
    let html = decode::decode_html(bytes, content_type);
    extract(&html, opts)
}
