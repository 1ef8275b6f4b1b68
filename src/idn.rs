//! Internationalised host names without Unicode tables: `bücher.de` → `xn--bcher-kva.de`.
//!
//! Why: `url` resolves non-ASCII host names through `idna`, whose Unicode back end (ICU4X
//! normalisation and properties data) was ~43 KB of the gzipped WebAssembly module. The
//! build pins `idna_adapter` to its table-free 1.0 stream (Cargo.toml), which rejects
//! non-ASCII hosts; every URL the core parses goes through [`ascii_hosts`] first, which
//! writes such a host in its ASCII (Punycode, RFC 3492) form — what `url` would have
//! produced for the host names pages actually use (lower-cased, already NFC). Not done:
//! UTS 46's compatibility mappings (full-width letters, NFC of unnormalised input); such
//! rare hosts are encoded as written. In the browser, `document.URL` is already ASCII.

use std::borrow::Cow;

/// `s` (a URL or a relative reference) with a non-ASCII host name in ASCII form.
pub fn ascii_hosts(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return Cow::Borrowed(s);
    }
    let Some((start, end)) = authority(s) else {
        return Cow::Borrowed(s);
    };
    let auth = &s[start..end];
    if auth.is_ascii() {
        return Cow::Borrowed(s);
    }
    // userinfo@host:port — only the host is encoded.
    let host_start = auth.rfind('@').map_or(0, |i| i + 1);
    let host_end = auth[host_start..]
        .rfind(':')
        .filter(|&i| {
            auth[host_start + i + 1..]
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .map_or(auth.len(), |i| host_start + i);
    let host = &auth[host_start..host_end];
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..start + host_start]);
    for (i, label) in host.split(['.', '。', '．', '｡']).enumerate() {
        if i > 0 {
            out.push('.');
        }
        let lower: String = label.chars().flat_map(char::to_lowercase).collect();
        if lower.is_ascii() {
            out.push_str(&lower);
        } else {
            match punycode(&lower) {
                Some(p) => {
                    out.push_str("xn--");
                    out.push_str(&p);
                }
                None => return Cow::Borrowed(s),
            }
        }
    }
    out.push_str(&s[start + host_end..]);
    Cow::Owned(out)
}

/// Byte range of the authority (`//` … up to `/`, `\`, `?` or `#`), if `s` has one.
fn authority(s: &str) -> Option<(usize, usize)> {
    let t = s.trim_start_matches(|c: char| c <= ' ');
    let lead = s.len() - t.len();
    let scheme_len = t
        .find(':')
        .filter(|&i| {
            let sch = &t[..i];
            sch.starts_with(|c: char| c.is_ascii_alphabetic())
                && sch
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        })
        .map_or(0, |i| i + 1);
    let rest = &t[scheme_len..];
    let slashes = rest
        .bytes()
        .take_while(|b| matches!(b, b'/' | b'\\'))
        .count();
    if slashes < 2 {
        return None;
    }
    let start = lead + scheme_len + slashes;
    let len = s[start..]
        .find(['/', '\\', '?', '#'])
        .unwrap_or(s.len() - start);
    Some((start, start + len))
}

/// RFC 3492 Punycode of one label (without the `xn--` prefix).
fn punycode(label: &str) -> Option<String> {
    const BASE: u32 = 36;
    const TMIN: u32 = 1;
    const TMAX: u32 = 26;
    let input: Vec<u32> = label.chars().map(|c| c as u32).collect();
    let digit = |d: u32| -> char {
        let b = if d < 26 {
            b'a' + d as u8
        } else {
            b'0' + (d - 26) as u8
        };
        b as char
    };
    let adapt = |delta: u32, points: u32, first: bool| -> u32 {
        let mut delta = if first { delta / 700 } else { delta / 2 };
        delta += delta / points;
        let mut k = 0;
        while delta > ((BASE - TMIN) * TMAX) / 2 {
            delta /= BASE - TMIN;
            k += BASE;
        }
        k + (BASE - TMIN + 1) * delta / (delta + 38)
    };
    let mut out: String = label.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias, mut h) = (128u32, 0u32, 72u32, basic);
    while (h as usize) < input.len() {
        let m = input.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(h + 1)?)?;
        n = m;
        for &c in &input {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        TMIN
                    } else if k >= bias + TMAX {
                        TMAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, h + 1, h == basic);
                delta = 0;
                h += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n += 1;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punycode_vectors() {
        assert_eq!(punycode("bücher").as_deref(), Some("bcher-kva"));
        assert_eq!(punycode("münchen").as_deref(), Some("mnchen-3ya"));
        assert_eq!(punycode("例え").as_deref(), Some("r8jz45g"));
        assert_eq!(punycode("中国").as_deref(), Some("fiqs8s"));
        assert_eq!(punycode("пример").as_deref(), Some("e1afmkfd"));
    }

    #[test]
    fn hosts_are_made_ascii() {
        assert_eq!(
            ascii_hosts("https://example.com/ü"),
            "https://example.com/ü"
        );
        assert_eq!(
            ascii_hosts("https://user@Bücher.de:8080/a?b#c"),
            "https://user@xn--bcher-kva.de:8080/a?b#c"
        );
        assert_eq!(ascii_hosts("//例え.jp/x"), "//xn--r8jz45g.jp/x");
        assert_eq!(ascii_hosts("http://中国。cn"), "http://xn--fiqs8s.cn");
        assert_eq!(ascii_hosts("/path/ü"), "/path/ü");
    }

    #[test]
    fn url_accepts_the_result() {
        for s in ["https://Bücher.de/x", "http://пример.рф/", "//例え.jp/"] {
            let base = url::Url::parse("https://a.test/").expect("base");
            let u = base.join(&ascii_hosts(s)).expect(s);
            assert!(u.host_str().is_some_and(|h| h.starts_with("xn--")), "{u}");
        }
    }
}
