//! Tag classes: which elements are dropped outright, which are blocks, which inline.

name_set!(
    /// Elements whose whole subtree never carries article content (or is executable). A
    /// list too: the browser walk gets it (`web::dom_walk` does not ask CSS visibility
    /// inside them, since nothing in them reaches the article).
    DROPPED_TAGS,
    is_dropped_tag,
    [
        "script", "style", "template", "iframe", "frame", "frameset", "object", "embed",
        "applet", "canvas", "svg", "input", "button", "select", "option", "optgroup",
        "textarea", "datalist", "dialog", "rt", "rp", "link", "meta", "base", "title",
        "audio", "video", "source", "track", "map", "area", "param", "portal", "slot",
    ]
);

/// Block-level elements (their boundaries separate paragraphs).
pub fn is_block_tag(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "center"
            | "dd"
            | "details"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
            | "caption"
            | "legend"
            | "listing"
            | "xmp"
            | "plaintext"
            | "math"
    )
}

/// Phrasing elements (kept inside a paragraph).
pub fn is_inline_tag(tag: &str) -> bool {
    !is_block_tag(tag)
}
