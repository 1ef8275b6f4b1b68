//! URL policy: links and images are made absolute against the base URL and pass an
//! allowlist (http, https, mailto; `data:` only for raster images; `#fragment` links).
//! Lazy-loading attributes are read so images show their real source.

use crate::dom::{Doc, NodeId};

/// Resolve a link target; `None` drops the link (its text is kept).
pub fn link_href(doc: &Doc, href: &str) -> Option<String> {
    let h = href.trim();
    if h.is_empty() {
        return None;
    }
    if let Some(frag) = h.strip_prefix('#') {
        return (!frag.is_empty()).then(|| format!("#{}", frag.replace(char::is_whitespace, "")));
    }
    let u = doc.resolve(h)?;
    match u.scheme() {
        "http" | "https" | "mailto" => Some(u.to_string()),
        _ => None,
    }
}

/// A raster `data:` image is allowed (it cannot script); SVG and everything else is not.
/// The media type must be exactly one the renderers accept, followed by `;` or `,`, and
/// the URL may not contain whitespace or control characters.
fn allowed_data_image(s: &str) -> bool {
    let l = s.get(..24).unwrap_or(s).to_ascii_lowercase();
    let typed = [
        "data:image/png",
        "data:image/jpeg",
        "data:image/gif",
        "data:image/webp",
    ]
    .iter()
    .any(|p| {
        l.strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(';') || rest.starts_with(','))
    });
    typed && !s.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Placeholder sources lazy loaders put in `src` until the image scrolls into view.
pub fn is_placeholder(src: &str) -> bool {
    let s = src.trim().to_ascii_lowercase();
    if s.is_empty() || s == "#" || s.starts_with("about:") {
        return true;
    }
    if s.starts_with("data:") {
        // Tiny inline GIFs/PNGs and SVG spacers are placeholders.
        return s.len() < 200 || s.starts_with("data:image/svg");
    }
    let file = s.rsplit('/').next().unwrap_or(&s);
    [
        "blank.",
        "spacer.",
        "placeholder",
        "pixel.",
        "1x1.",
        "transparent.",
        "lazy.",
        "loading.",
        "grey.gif",
        "gray.gif",
        "empty.",
    ]
    .iter()
    .any(|p| file.contains(p))
}

/// The largest candidate of a `srcset`.
fn best_of_srcset(srcset: &str) -> Option<String> {
    let mut best: Option<(f64, String)> = None;
    for part in srcset.split(',') {
        let mut it = part.split_whitespace();
        let Some(url) = it.next() else { continue };
        let size = it
            .next()
            .and_then(|d| crate::text::number::parse_f64(d.trim_end_matches(['w', 'x'])))
            .unwrap_or(1.0);
        if best.as_ref().is_none_or(|(s, _)| size > *s) {
            best = Some((size, url.to_string()));
        }
    }
    best.map(|(_, u)| u)
}

/// Where lazy-loading scripts keep an image's real source, in the order they are tried.
pub const LAZY_SRC_ATTRS: [&str; 12] = [
    "data-src",
    "data-original",
    "data-lazy-src",
    "data-actualsrc",
    "data-url",
    "data-hi-res-src",
    "data-full-src",
    "data-lazy",
    "data-echo",
    "data-original-src",
    "data-image",
    "data-img-src",
];

/// Where lazy-loading scripts keep an image's real `srcset`, before `srcset` itself.
pub const LAZY_SRCSET_ATTRS: [&str; 2] = ["data-srcset", "data-lazy-srcset"];

/// The real source of an `<img>` (lazy attributes first when `src` is a placeholder).
pub fn image_src(doc: &Doc, id: NodeId) -> Option<String> {
    let n = doc.node(id);
    let src = n.attr("src").unwrap_or("");
    let lazy = LAZY_SRC_ATTRS.iter().find_map(|a| {
        n.attr(a)
            .filter(|v| !v.trim().is_empty() && !is_placeholder(v))
    });
    let srcset = LAZY_SRCSET_ATTRS
        .iter()
        .find_map(|a| n.attr(a))
        .or(n.attr("srcset"))
        .and_then(best_of_srcset);
    let chosen: String = if !is_placeholder(src) {
        src.to_string()
    } else if let Some(l) = lazy {
        l.to_string()
    } else {
        srcset?
    };
    let chosen = chosen.trim();
    if chosen.to_ascii_lowercase().starts_with("data:") {
        return allowed_data_image(chosen).then(|| chosen.to_string());
    }
    let u = doc.resolve(chosen)?;
    matches!(u.scheme(), "http" | "https").then(|| u.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        assert!(is_placeholder("data:image/gif;base64,R0lGODlhAQABAAAAACw="));
        assert!(is_placeholder("/img/blank.gif"));
        assert!(!is_placeholder("https://x/photo.jpg"));
    }

    #[test]
    fn srcset_largest() {
        assert_eq!(
            best_of_srcset("a.jpg 320w, b.jpg 1024w, c.jpg 640w").as_deref(),
            Some("b.jpg")
        );
    }
}
