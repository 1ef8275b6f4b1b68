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

/// What the scan needs to know about a tag name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No end tag (`br`, `img` …).
    Void,
    /// End tag optional (`p`, `li`, `td` …): not counted.
    OptionalEnd,
    /// Text up to its end tag (`script`, `style` …).
    RawText,
    Other,
}

/// The kind of tag `name` (ASCII case-insensitive): one `match` on the lower-cased name
/// (this runs for every tag of every page, before parsing).
fn kind(name: &[u8]) -> Kind {
    let mut buf = [0u8; 9]; // the longest listed name, `plaintext`
    let Some(lower) = buf.get_mut(..name.len()) else {
        return Kind::Other;
    };
    for (d, c) in lower.iter_mut().zip(name) {
        *d = c.to_ascii_lowercase();
    }
    match &*lower {
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"source" | b"track" | b"wbr" | b"param" | b"keygen" | b"basefont"
        | b"bgsound" | b"frame" | b"image" => Kind::Void,
        b"p" | b"li" | b"dt" | b"dd" | b"tr" | b"td" | b"th" | b"option" | b"optgroup" | b"rp"
        | b"rt" | b"tbody" | b"thead" | b"tfoot" | b"colgroup" | b"caption" | b"body" | b"html"
        | b"head" => Kind::OptionalEnd,
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed"
        | b"noframes" | b"plaintext" => Kind::RawText,
        _ => Kind::Other,
    }
}

/// First `x` at or after `from` (`memchr`: SIMD; most of a page is text between tags, and
/// a byte-by-byte `position` was the top of the native profile).
fn find_byte(b: &[u8], from: usize, x: u8) -> Option<usize> {
    memchr::memchr(x, b.get(from..)?).map(|p| p + from)
}

/// First of the bytes `xs` at or after `from`.
fn find_any(b: &[u8], from: usize, xs: [u8; 3]) -> Option<usize> {
    memchr::memchr3(xs[0], xs[1], xs[2], b.get(from..)?).map(|p| p + from)
}

/// First ASCII-case-insensitive occurrence of `needle` at or after `from`: candidates by
/// their first byte (a fast scan), then the whole needle (script bodies are long).
fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let (&first, _) = needle.split_first()?;
    let mut i = from;
    while i < b.len() {
        let s = if first.is_ascii_alphabetic() {
            i + b[i..].iter().position(|c| c.eq_ignore_ascii_case(&first))?
        } else {
            find_byte(b, i, first)?
        };
        let w = b.get(s..s + needle.len())?;
        if w.eq_ignore_ascii_case(needle) {
            return Some(s);
        }
        i = s + 1;
    }
    None
}

/// End of a tag starting at `start` (index of `<`): the index of its `>`, skipping
/// quoted attribute values (the last index when there is none).
fn tag_end(b: &[u8], start: usize) -> usize {
    let last = b.len().saturating_sub(1);
    let mut i = start + 1;
    while let Some(p) = find_any(b, i, [b'>', b'"', b'\'']) {
        let Some(&c) = b.get(p) else { break };
        if c == b'>' {
            return p;
        }
        match find_byte(b, p + 1, c) {
            Some(q) => i = q + 1,
            None => return last,
        }
    }
    last
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
    while let Some(p) = find_byte(b, i, b'<') {
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
        let kind = kind(name);
        let end = tag_end(b, p);
        let mut drop = false;
        if closing {
            if !matches!(kind, Kind::OptionalEnd | Kind::Void) {
                if dropped > 0 {
                    dropped -= 1;
                    drop = true;
                } else {
                    depth = depth.saturating_sub(1);
                }
            }
        } else if kind == Kind::RawText {
            let close = [b"</", name].concat();
            i = find(b, end + 1, &close).unwrap_or(b.len());
            continue;
        } else if kind == Kind::Other && b[end.saturating_sub(1)] != b'/' {
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
    fn kinds_as_the_former_lists() {
        use super::{kind, Kind};
        const VOID: &[&str] = &[
            "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr", "param", "keygen", "basefont", "bgsound", "frame", "image",
        ];
        const OPTIONAL_END: &[&str] = &[
            "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "rp", "rt", "tbody",
            "thead", "tfoot", "colgroup", "caption", "body", "html", "head",
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
        let listed =
            |list: &[&str], n: &[u8]| list.iter().any(|l| l.as_bytes().eq_ignore_ascii_case(n));
        let all = [VOID, OPTIONAL_END, RAW_TEXT].concat();
        let mut names: Vec<String> = all.iter().map(|n| n.to_string()).collect();
        names.extend(all.iter().map(|n| n.to_ascii_uppercase()));
        names.extend(
            [
                "div",
                "span",
                "plaintexts",
                "scrip",
                "",
                "a",
                "svg:title",
                "Ti-tle",
            ]
            .map(String::from),
        );
        for n in &names {
            let b = n.as_bytes();
            let want = if listed(VOID, b) {
                Kind::Void
            } else if listed(OPTIONAL_END, b) {
                Kind::OptionalEnd
            } else if listed(RAW_TEXT, b) {
                Kind::RawText
            } else {
                Kind::Other
            };
            assert_eq!(kind(b), want, "{n}");
        }
    }

    #[test]
    fn tag_end_as_a_quote_aware_loop() {
        let old = |b: &[u8], start: usize| {
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
        };
        let hay = br#"<a href="x>y" title='it"s'>t<b c="d>e<i j='k>l'>m<n o="unclosed>"#;
        for start in 0..hay.len() {
            assert_eq!(super::tag_end(hay, start), old(hay, start), "{start}");
        }
    }

    #[test]
    fn find_byte_as_position() {
        let hay: Vec<u8> = (0..200u32)
            .map(|i| [b'a', b'<', 0x80, 0xff, b'-'][(i * 7 % 11 % 5) as usize])
            .collect();
        for x in [b'<', b'-', 0x80, 0xff, b'z', 0] {
            for from in 0..hay.len() + 2 {
                let want = hay
                    .get(from..)
                    .and_then(|r| r.iter().position(|&c| c == x).map(|p| p + from));
                assert_eq!(super::find_byte(&hay, from, x), want, "{x} {from}");
            }
        }
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
