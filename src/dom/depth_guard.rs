//! Pre-parse depth guard: html5ever checks element scopes by walking the stack of open
//! elements, so a page nesting 100,000 elements costs O(depth²) before our arena can
//! flatten anything (≈ 50 s in release). A linear tag scan estimates the nesting first;
//! when it is far past the browser-like limit, start and end tags deeper than the limit
//! are removed from the source, which keeps every character of text and flattens the deep
//! part into the ancestor at the limit — what Blink does past 512 levels.
//!
//! The estimate ignores elements whose end tags are optional (`p`, `li`, `td` …), so
//! ordinary pages with unclosed paragraphs never trigger it.

use std::borrow::Cow;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "basefont", "bgsound", "frame", "image",
];
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rp", "rt", "tbody", "thead",
    "tfoot", "colgroup", "caption", "body", "html", "head",
];
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// First ASCII-case-insensitive occurrence of `needle` at or after `from`: candidates by
/// their first byte (a fast scan), then the whole needle (script bodies are long).
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let mut i = from;
    while i < b.len() {
        let s = i + b[i..].iter().position(|c| c.eq_ignore_ascii_case(&first))?;
        let w = b.get(s..s + needle.len())?;
        if w.eq_ignore_ascii_case(needle) {
            return Some(s);
        }
        i = s + 1;
    }
    None
}

/// Is `name` (ASCII) in `list`, ignoring case?
fn listed(list: &[&str], name: &[u8]) -> bool {
    list.iter().any(|l| l.as_bytes().eq_ignore_ascii_case(name))
}

/// End of a tag starting at `start` (index of `<`): the index of its `>`, skipping
/// quoted attribute values.
fn tag_end(b: &[u8], start: usize) -> usize {
    let mut quote = 0u8;
    let mut i = start + 1;
    while i < b.len() {
        let c = b[i];
        if quote != 0 {
            if c == quote {
                quote = 0;
            }
        } else if c == b'"' || c == b'\'' {
            quote = c;
        } else if c == b'>' {
            return i;
        }
        i += 1;
    }
    b.len() - 1
}

/// The tag name at `i` (ASCII letters, digits, `-`, `:`; compared ignoring case).
fn name_at(b: &[u8], mut i: usize) -> (&[u8], usize) {
    let start = i;
    while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b':') {
        i += 1;
    }
    (&b[start..i], i)
}

/// Scan `html`; with `out`, copy it while dropping tags deeper than `limit`. Returns the
/// estimated maximum depth.
fn scan(html: &str, limit: usize, mut out: Option<&mut String>) -> usize {
    let b = html.as_bytes();
    let (mut i, mut depth, mut max, mut dropped, mut copied) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    while let Some(p) = b[i..].iter().position(|&c| c == b'<').map(|p| p + i) {
        let next = b.get(p + 1).copied().unwrap_or(0);
        if b[p..].starts_with(b"<!--") {
            i = find(b, p + 4, b"-->").map_or(b.len(), |e| e + 3);
            continue;
        }
        if next == b'!' || next == b'?' {
            i = tag_end(b, p) + 1;
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { p + 2 } else { p + 1 };
        if !b.get(name_start).is_some_and(|c| c.is_ascii_alphabetic()) {
            i = p + 1;
            continue;
        }
        let (name, _) = name_at(b, name_start);
        let end = tag_end(b, p);
        let mut drop = false;
        if closing {
            if !listed(OPTIONAL_END, name) && !listed(VOID, name) {
                if dropped > 0 {
                    dropped -= 1;
                    drop = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if listed(RAW_TEXT, name) {
            let close = [b"</", name].concat();
            i = find(b, end + 1, &close).unwrap_or(b.len());
            continue;
        } else if !listed(VOID, name)
            && !listed(OPTIONAL_END, name)
            && b[end.saturating_sub(1)] != b'/'
        {
            if depth >= limit {
                dropped += 1;
                drop = true;
            } else {
                depth += 1;
                max = max.max(depth);
            }
        }
        if drop {
            if let Some(o) = out.as_deref_mut() {
                o.push_str(&html[copied..p]);
                copied = (end + 1).min(b.len());
            }
        }
        if dropped > 0 {
            max = max.max(limit + dropped);
        }
        i = end + 1;
        if i >= b.len() {
            break;
        }
    }
    if let Some(o) = out {
        o.push_str(&html[copied.min(html.len())..]);
    }
    max
}

/// The source to parse: unchanged, or with tags past `limit` removed when the estimated
/// nesting exceeds twice the limit.
pub fn guard(html: &str, limit: usize) -> Cow<'_, str> {
    if scan(html, usize::MAX, None) <= limit.saturating_mul(2) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    scan(html, limit, Some(&mut out));
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::guard;

    #[test]
    fn ordinary_pages_are_untouched() {
        let p = "<p>a<p>b<ul><li>x<li>y</ul><script>if (a<b) {}</script><div><br></div>";
        assert!(matches!(guard(p, 512), std::borrow::Cow::Borrowed(_)));
        let unclosed = "<p>x".repeat(5000);
        assert!(matches!(
            guard(&unclosed, 512),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn find_as_a_window_search() {
        let old = |b: &[u8], from: usize, needle: &[u8]| {
            if needle.is_empty() || from >= b.len() {
                return None;
            }
            b[from..]
                .windows(needle.len())
                .position(|w| w.eq_ignore_ascii_case(needle))
                .map(|p| p + from)
        };
        let hay = b"<script>a</SCRIPT x</scrip--><!-- -->--";
        for needle in [&b"</script"[..], b"-->", b"</scrip", b"--", b"<"] {
            for from in 0..hay.len() + 2 {
                assert_eq!(super::find(hay, from, needle), old(hay, from, needle));
            }
        }
    }

    #[test]
    fn deep_nesting_is_flattened_keeping_text() {
        let n = 3000;
        let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let g = guard(&html, 512);
        assert_eq!(g.matches("<div>").count(), 512);
        assert_eq!(g.matches("</div>").count(), 512);
        assert!(g.contains("deep text"));
    }
}
