//! `<meta>` values by key, read the way publishers write them:
//!
//! - an RDFa `property` may list several keys separated by spaces
//!   (`property="dc:title og:title"`), so a tag answers to each of its keys;
//! - values are whitespace-normalised and their character references decoded once: many
//!   CMSs escape the content twice (`That&amp;#039;s` reaches us as `That&#039;s`), which
//!   a reader would otherwise show as markup debris. Numeric references, the five XML
//!   names and the names titles carry most (separators and quotes: `&bull;`, `&raquo;`,
//!   `&rsquo;` …) are decoded; anything else stays as written.

use crate::dom::Doc;

/// The first non-empty value among `keys`, in the order of `keys` (the caller's ranking),
/// then in document order.
pub fn first(doc: &Doc, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        doc.metas
            .iter()
            .filter(|m| m.key.split_whitespace().any(|t| t == *k))
            .map(|m| clean(&m.content))
            .find(|v| !v.is_empty())
    })
}

/// Every distinct non-empty value of the first of `keys` that has one, in document order:
/// a document by two people carries two `DC.Creator` tags.
pub fn all_of_first(doc: &Doc, keys: &[&str], keep: impl Fn(&str) -> bool) -> Vec<String> {
    for k in keys {
        let mut out: Vec<String> = Vec::new();
        for m in doc
            .metas
            .iter()
            .filter(|m| m.key.split_whitespace().any(|t| t == *k))
        {
            let v = clean(&m.content);
            if !v.is_empty() && keep(&v) && !out.contains(&v) {
                out.push(v);
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    Vec::new()
}

/// Whitespace-normalised, with one level of character references decoded.
pub fn clean(s: &str) -> String {
    crate::text::normalize_space(&unescape(s))
}

/// Decode `&quot; &amp; &apos; &lt; &gt;`, the common typographic names and numeric references (`&#39;`, `&#x1F62D;`)
/// once; a numeric reference to no valid scalar value becomes U+FFFD, as an HTML parser
/// makes it. Text that is no complete reference is kept.
pub fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i + 1..];
        match reference(tail) {
            Some((c, used)) => {
                out.push(c);
                rest = &tail[used..];
            }
            None => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `t` (after `&`) stands for, and the bytes it
/// used including the `;`.
fn reference(t: &str) -> Option<(char, usize)> {
    // References are short ASCII: look for the `;` among the first 12 bytes only.
    let end = t.bytes().take(12).position(|b| b == b';')?;
    let body = &t[..end];
    let c = match body {
        "quot" => '"',
        "amp" => '&',
        "apos" => '\'',
        "lt" => '<',
        "gt" => '>',
        // Named references that titles and descriptions carry most (separators, quotes).
        "nbsp" => '\u{A0}',
        "bull" => '•',
        "middot" => '·',
        "ndash" => '–',
        "mdash" => '—',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        _ => {
            let num = body.strip_prefix('#')?;
            let (digits, radix) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (h, 16),
                None => (num, 10),
            };
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return None;
            }
            let v = u32::from_str_radix(digits, radix).unwrap_or(u32::MAX);
            match v {
                0 => '\u{FFFD}',
                v => char::from_u32(v).unwrap_or('\u{FFFD}'),
            }
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::unescape;

    #[test]
    fn decodes_one_level() {
        assert_eq!(unescape("That&#039;s &quot;it&quot;"), "That's \"it\"");
        assert_eq!(
            unescape("&#xg; &#x1F62D; &#128557; &#xFFFFFFFF; &#x0;"),
            "&#xg; 😭 😭 \u{FFFD} \u{FFFD}"
        );
        assert_eq!(
            unescape("&amp;amp; Tom & Jerry &euro;"),
            "&amp; Tom & Jerry &euro;"
        );
        assert_eq!(unescape("Plate &bull; Source &copy;"), "Plate • Source ©");
        assert_eq!(unescape("到&quot;玉峰國小&quot;"), "到\"玉峰國小\"");
        assert_eq!(unescape("&玉峰國小;"), "&玉峰國小;");
    }
}
