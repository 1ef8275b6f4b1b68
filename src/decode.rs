//! Bytes → text: find the page's character encoding and decode with replacement.
//!
//! Order (the HTML spec's, with one deliberate deviation marked ★):
//! 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
//! 2. the `charset` parameter of the caller's `Content-Type` header;
//! 3. a byte-level prescan of the first [`PRESCAN_BYTES`] for `<meta charset>` or
//!    `<meta http-equiv="Content-Type" content="…charset=…">` (a declared UTF-16 means
//!    UTF-8, `x-user-defined` means windows-1252, as the spec says);
//!    ★ a declared legacy encoding is ignored when the bytes are valid UTF-8 *and* contain
//!    non-ASCII: that page was re-saved as UTF-8 and kept its old `<meta>` (Readability's
//!    `qq` test page declares gb2312 over UTF-8 Chinese). Real GBK/Big5/Shift_JIS/1251 text
//!    is practically never valid UTF-8, so this cannot misfire on honest legacy pages, and
//!    pure-ASCII bytes (e.g. ISO-2022-JP) still follow the declaration;
//! 4. UTF-8 when the bytes are valid UTF-8 (a multi-byte sequence cut off at the very end,
//!    as in truncated downloads, still counts);
//! 5. otherwise a statistical guess by `chardetng` (no TLD hint, UTF-8 excluded).
//!
//! Labels map through `encoding_rs::Encoding::for_label` (the WHATWG table: `gb2312` → GBK,
//! `iso-8859-1` → windows-1252, …). The `replacement` encoding (ISO-2022-KR and friends)
//! is treated as no declaration: browsers render such pages as one U+FFFD, which helps no
//! reader. Decoding never fails: malformed sequences become U+FFFD.
//!
//! Compiles for wasm32 (only `encoding_rs` and `chardetng`; no I/O).

use encoding_rs::{Encoding, REPLACEMENT, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// How many leading bytes the `<meta>` prescan looks at (the spec says 1024; real pages
/// often put long scripts or comments first).
pub const PRESCAN_BYTES: usize = 4096;

/// Where the chosen encoding came from (for `--explain` and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    /// A byte order mark.
    Bom,
    /// The `charset` parameter of the `Content-Type` given by the caller.
    ContentType,
    /// A `<meta>` declaration found by the prescan.
    Meta,
    /// No usable declaration; the bytes are valid UTF-8.
    Utf8,
    /// No usable declaration; guessed by `chardetng`.
    Sniffed,
}

/// Decode an HTML document's bytes to text (see the module docs for the order of rules).
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = detect_encoding(bytes, content_type);
    // `decode` strips a BOM (and lets one override `encoding`, which it already agrees with).
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// The encoding [`decode_html`] uses for these bytes.
pub fn detect_encoding(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    detect(bytes, content_type).0
}

/// The encoding [`decode_html`] uses, and which rule chose it.
pub fn detect(bytes: &[u8], content_type: Option<&str>) -> (&'static Encoding, EncodingSource) {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return (enc, EncodingSource::Bom);
    }
    if let Some(enc) = content_type.and_then(charset_from_content_type) {
        return (enc, EncodingSource::ContentType);
    }
    let utf8 = utf8_status(bytes);
    if let Some(enc) = prescan_meta(&bytes[..bytes.len().min(PRESCAN_BYTES)]) {
        if enc == UTF_8 || utf8 != Utf8Status::ValidNonAscii {
            return (enc, EncodingSource::Meta);
        }
    }
    if utf8 != Utf8Status::Invalid {
        return (UTF_8, EncodingSource::Utf8);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    (detector.guess(None, false), EncodingSource::Sniffed)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Utf8Status {
    Ascii,
    ValidNonAscii,
    Invalid,
}

fn utf8_status(bytes: &[u8]) -> Utf8Status {
    let valid = match std::str::from_utf8(bytes) {
        Ok(_) => true,
        // `error_len() == None`: only an incomplete sequence at the very end.
        Err(e) => e.error_len().is_none(),
    };
    if !valid {
        Utf8Status::Invalid
    } else if bytes.is_ascii() {
        Utf8Status::Ascii
    } else {
        Utf8Status::ValidNonAscii
    }
}

/// A usable encoding for a label (`None` for unknown labels and `replacement`).
fn usable(label: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_label(label).filter(|&e| e != REPLACEMENT)
}

/// `charset` parameter of a `Content-Type` header value (`text/html; charset="gbk"`).
fn charset_from_content_type(ct: &str) -> Option<&'static Encoding> {
    ct.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        usable(value.as_bytes())
    })
}

/// The HTML spec's "prescan a byte stream to determine its encoding", over `head`.
fn prescan_meta(head: &[u8]) -> Option<&'static Encoding> {
    let mut s = Scanner { b: head, pos: 0 };
    while s.pos < head.len() {
        let rest = &head[s.pos..];
        if rest.starts_with(b"<!--") {
            // The closing `-->` may share dashes with the opening (`<!-->`).
            s.pos += 2;
            match find(&head[s.pos..], b"-->") {
                Some(i) => s.pos += i + 3,
                None => return None,
            }
        } else if starts_with_ci(rest, b"<meta")
            && rest.get(5).is_some_and(|&c| is_space(c) || c == b'/')
        {
            s.pos += 5;
            if let Some(enc) = s.meta_attributes() {
                return Some(enc);
            }
        } else if rest.len() >= 2
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic()
                || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Any other tag: skip its name, then its attributes (a `>` inside a quoted
            // attribute value must not end the tag).
            s.pos += 1;
            while s.pos < head.len() && !is_space(head[s.pos]) && head[s.pos] != b'>' {
                s.pos += 1;
            }
            while s.attribute().is_some() {}
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            match rest.iter().position(|&c| c == b'>') {
                Some(i) => s.pos += i + 1,
                None => return None,
            }
        } else {
            s.pos += 1;
        }
    }
    None
}

struct Scanner<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.pos).copied()
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
    }

    /// Attributes of one `<meta`; `Some` when they declare a usable encoding.
    fn meta_attributes(&mut self) -> Option<&'static Encoding> {
        let mut seen: Vec<Vec<u8>> = Vec::new();
        let mut got_pragma = false;
        let mut need_pragma: Option<bool> = None;
        let mut charset: Option<&'static Encoding> = None;
        let mut charset_failed = false;
        while let Some((name, value)) = self.attribute() {
            if seen.contains(&name) {
                continue;
            }
            match name.as_slice() {
                b"http-equiv" => got_pragma |= value.eq_ignore_ascii_case(b"content-type"),
                b"content" if charset.is_none() && !charset_failed => {
                    if let Some(enc) = charset_from_meta_content(&value).and_then(usable) {
                        charset = Some(enc);
                        need_pragma = Some(true);
                    }
                }
                b"charset" => {
                    charset = usable(trim_spaces(&value));
                    charset_failed = charset.is_none();
                    need_pragma = Some(false);
                }
                _ => {}
            }
            seen.push(name);
        }
        match need_pragma {
            None => return None,
            Some(true) if !got_pragma => return None,
            _ => {}
        }
        let enc = charset?;
        Some(if enc == UTF_16LE || enc == UTF_16BE {
            UTF_8
        } else if enc == X_USER_DEFINED {
            WINDOWS_1252
        } else {
            enc
        })
    }

    /// The spec's "get an attribute": `(lower-cased name, value)`, or `None` at `>`/end.
    fn attribute(&mut self) -> Option<(Vec<u8>, Vec<u8>)> {
        while self.peek().is_some_and(|c| is_space(c) || c == b'/') {
            self.pos += 1;
        }
        if self.peek()? == b'>' {
            self.pos += 1;
            return None;
        }
        let mut name = Vec::new();
        loop {
            let c = self.peek()?;
            match c {
                b'=' if !name.is_empty() => break,
                c if is_space(c) => break,
                b'/' | b'>' => return Some((name, Vec::new())),
                c => name.push(c.to_ascii_lowercase()),
            }
            self.pos += 1;
        }
        self.skip_spaces();
        if self.peek()? != b'=' {
            return Some((name, Vec::new()));
        }
        self.pos += 1;
        self.skip_spaces();
        let mut value = Vec::new();
        match self.peek()? {
            q @ (b'"' | b'\'') => {
                self.pos += 1;
                loop {
                    let c = self.peek()?;
                    self.pos += 1;
                    if c == q {
                        return Some((name, value));
                    }
                    value.push(c.to_ascii_lowercase());
                }
            }
            b'>' => return Some((name, value)),
            _ => {}
        }
        loop {
            let c = self.peek()?;
            if is_space(c) || c == b'>' {
                return Some((name, value));
            }
            value.push(c.to_ascii_lowercase());
            self.pos += 1;
        }
    }
}

/// The spec's "extract a character encoding from a meta element" (`content` attribute).
fn charset_from_meta_content(content: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    loop {
        let at = i + find_ci(&content[i..], b"charset")?;
        let mut j = at + 7;
        while content.get(j).copied().is_some_and(is_space) {
            j += 1;
        }
        if content.get(j) != Some(&b'=') {
            // Not `charset=`: look for the next occurrence after this one.
            i = at + 7;
            continue;
        }
        j += 1;
        while content.get(j).copied().is_some_and(is_space) {
            j += 1;
        }
        return match content.get(j)? {
            q @ (b'"' | b'\'') => {
                let len = content[j + 1..].iter().position(|c| c == q)?;
                Some(&content[j + 1..j + 1 + len])
            }
            _ => {
                let rest = &content[j..];
                let len = rest
                    .iter()
                    .position(|&c| is_space(c) || c == b';')
                    .unwrap_or(rest.len());
                Some(&rest[..len])
            }
        };
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn trim_spaces(mut b: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = b {
        if !is_space(*first) {
            break;
        }
        b = rest;
    }
    while let [rest @ .., last] = b {
        if !is_space(*last) {
            break;
        }
        b = rest;
    }
    b
}

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{BIG5, GBK, ISO_2022_JP, SHIFT_JIS, WINDOWS_1251, WINDOWS_1256};

    const ZH: &str = "互联网新闻：人工智能迈上新台阶。记者从会议上获悉，\
        今年以来我国数字经济规模持续扩大，相关产业保持较快增长，\
        专家认为新技术将在教育、医疗和交通等领域得到广泛应用。";
    const ZH_HANT: &str = "臺灣的天氣今天晴朗，適合出門散步。我們在公園裡看見許多\
        小朋友在玩耍，老人家在樹下聊天，這是一個美好的週末。";
    const JA: &str = "今日はとても良い天気です。私たちは公園へ散歩に行きました。\
        子どもたちが元気に遊んでいて、とても楽しい一日でした。";
    const RU: &str = "Сегодня в Москве прошла пресс-конференция, на которой \
        представители правительства рассказали о новых мерах поддержки экономики.";
    const AR: &str = "أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد الوطني وتحسين \
        الخدمات العامة في جميع المحافظات خلال السنوات القادمة.";

    fn page(head: &str, body: &str) -> String {
        format!("<!DOCTYPE html><html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>")
    }

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        let (bytes, used, unmappable) = enc.encode(s);
        assert_eq!(used, enc, "encoder fell back");
        assert!(!unmappable, "test text not representable in {}", enc.name());
        bytes.into_owned()
    }

    fn roundtrip(enc: &'static Encoding, head: &str, body: &str) -> (String, EncodingSource) {
        let html = page(head, body);
        let bytes = encode(enc, &html);
        let (detected, source) = detect(&bytes, None);
        assert_eq!(detected, enc, "detected {} via {source:?}", detected.name());
        let text = decode_html(&bytes, None);
        assert_eq!(text, html);
        (text, source)
    }

    #[test]
    fn gbk_with_meta_gb2312() {
        let (_, src) = roundtrip(GBK, r#"<meta charset="gb2312">"#, ZH);
        assert_eq!(src, EncodingSource::Meta);
    }

    #[test]
    fn gbk_with_http_equiv_meta_unquoted_uppercase() {
        let head = "<META HTTP-EQUIV=Content-Type CONTENT='text/html; CHARSET=GB2312'>";
        let (_, src) = roundtrip(GBK, head, ZH);
        assert_eq!(src, EncodingSource::Meta);
    }

    #[test]
    fn gbk_without_declaration_is_sniffed() {
        let (_, src) = roundtrip(GBK, "", ZH);
        assert_eq!(src, EncodingSource::Sniffed);
    }

    #[test]
    fn big5_sniffed_and_declared() {
        assert_eq!(roundtrip(BIG5, "", ZH_HANT).1, EncodingSource::Sniffed);
        assert_eq!(
            roundtrip(BIG5, r#"<meta charset=big5>"#, ZH_HANT).1,
            EncodingSource::Meta
        );
    }

    #[test]
    fn shift_jis_sniffed_and_declared() {
        assert_eq!(roundtrip(SHIFT_JIS, "", JA).1, EncodingSource::Sniffed);
        let head = r#"<meta http-equiv="content-type" content="text/html;charset=Shift_JIS">"#;
        assert_eq!(roundtrip(SHIFT_JIS, head, JA).1, EncodingSource::Meta);
    }

    #[test]
    fn windows_1251_sniffed_and_declared() {
        assert_eq!(roundtrip(WINDOWS_1251, "", RU).1, EncodingSource::Sniffed);
        let head = r#"<meta charset="windows-1251">"#;
        assert_eq!(roundtrip(WINDOWS_1251, head, RU).1, EncodingSource::Meta);
    }

    #[test]
    fn windows_1256_sniffed_and_declared() {
        assert_eq!(roundtrip(WINDOWS_1256, "", AR).1, EncodingSource::Sniffed);
        let head = r#"<meta charset="windows-1256">"#;
        assert_eq!(roundtrip(WINDOWS_1256, head, AR).1, EncodingSource::Meta);
    }

    #[test]
    fn utf8_bom_wins_over_meta_and_is_stripped() {
        let html = page(r#"<meta charset="windows-1251">"#, RU);
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(html.as_bytes());
        assert_eq!(detect(&bytes, None), (UTF_8, EncodingSource::Bom));
        assert_eq!(decode_html(&bytes, None), html);
    }

    #[test]
    fn utf16le_bom() {
        let html = page(r#"<meta charset="utf-8">"#, ZH);
        let mut bytes = vec![0xFF, 0xFE];
        for unit in html.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(detect(&bytes, None), (UTF_16LE, EncodingSource::Bom));
        assert_eq!(decode_html(&bytes, None), html);
    }

    #[test]
    fn utf16be_bom() {
        let html = page("", AR);
        let mut bytes = vec![0xFE, 0xFF];
        for unit in html.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(detect(&bytes, None), (UTF_16BE, EncodingSource::Bom));
        assert_eq!(decode_html(&bytes, None), html);
    }

    #[test]
    fn meta_utf8_on_valid_utf8() {
        let html = page(r#"<meta charset="UTF-8">"#, ZH);
        assert_eq!(detect(html.as_bytes(), None), (UTF_8, EncodingSource::Meta));
        assert_eq!(decode_html(html.as_bytes(), None), html);
    }

    #[test]
    fn meta_declaring_legacy_encoding_over_valid_utf8_is_ignored() {
        // Readability's `qq` page: re-saved as UTF-8, still declares gb2312.
        let head = r#"<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />"#;
        let html = page(head, ZH);
        assert_eq!(detect(html.as_bytes(), None), (UTF_8, EncodingSource::Utf8));
        assert_eq!(decode_html(html.as_bytes(), None), html);
    }

    #[test]
    fn meta_declaration_on_ascii_bytes_is_followed() {
        let html = page(r#"<meta charset="iso-8859-1">"#, "plain ascii");
        assert_eq!(
            detect(html.as_bytes(), None),
            (WINDOWS_1252, EncodingSource::Meta)
        );
        // ISO-2022-JP is 7-bit: its bytes are ASCII, the declaration must win.
        let jis = encode(ISO_2022_JP, &page(r#"<meta charset="iso-2022-jp">"#, JA));
        assert!(jis.is_ascii());
        assert_eq!(detect(&jis, None).0, ISO_2022_JP);
        assert!(decode_html(&jis, None).contains(JA));
    }

    #[test]
    fn meta_utf16_means_utf8_and_user_defined_means_1252() {
        let html = page(r#"<meta charset="utf-16">"#, "x");
        assert_eq!(detect(html.as_bytes(), None).0, UTF_8);
        let html = page(r#"<meta charset="x-user-defined">"#, "x");
        assert_eq!(detect(html.as_bytes(), None).0, WINDOWS_1252);
    }

    #[test]
    fn content_type_header_wins_over_meta() {
        let bytes = encode(WINDOWS_1251, &page(r#"<meta charset="gb2312">"#, RU));
        let ct = Some("text/html; charset=\"Windows-1251\"");
        assert_eq!(
            detect(&bytes, ct),
            (WINDOWS_1251, EncodingSource::ContentType)
        );
        assert!(decode_html(&bytes, ct).contains(RU));
        // An unknown or missing charset parameter falls through to the meta.
        let gbk = encode(GBK, &page(r#"<meta charset="gbk">"#, ZH));
        assert_eq!(detect(&gbk, Some("text/html")).1, EncodingSource::Meta);
        assert_eq!(detect(&gbk, Some("text/html; charset=bogus")).0, GBK);
    }

    #[test]
    fn prescan_skips_comments_and_quoted_attribute_values() {
        let head = r#"<!-- <meta charset="big5"> --><link title="<meta charset=big5>" href=x><meta charset='shift_jis'>"#;
        assert_eq!(prescan_meta(head.as_bytes()), Some(SHIFT_JIS));
        // http-equiv content without the pragma is not a declaration.
        let head = r#"<meta content="text/html; charset=gbk"><meta charset=koi8-r>"#;
        assert_eq!(
            prescan_meta(head.as_bytes()).map(Encoding::name),
            Some("KOI8-R")
        );
        // Unknown labels and `replacement` labels are not declarations.
        assert_eq!(prescan_meta(b"<meta charset=nonsense>"), None);
        assert_eq!(prescan_meta(b"<meta charset=iso-2022-kr>"), None);
        // Only the first PRESCAN_BYTES are scanned.
        let late = format!("{}<meta charset=gbk>", " ".repeat(PRESCAN_BYTES));
        let gbk_late = [late.as_bytes(), &encode(GBK, ZH)].concat();
        assert_eq!(detect(&gbk_late, None).1, EncodingSource::Sniffed);
    }

    #[test]
    fn truncated_utf8_tail_is_still_utf8() {
        let html = page("", ZH);
        let bytes = &html.as_bytes()[..html.len() - "。</p></body></html>".len() + 1];
        assert_eq!(detect(bytes, None), (UTF_8, EncodingSource::Utf8));
        assert!(decode_html(bytes, None).ends_with('\u{FFFD}'));
    }

    #[test]
    fn never_fails_on_garbage() {
        let garbage: Vec<u8> = (0..=255u8).cycle().take(5000).collect();
        let _ = decode_html(&garbage, None);
        let _ = decode_html(&[], None);
        let _ = decode_html(b"<meta charset=", None);
        let _ = decode_html(b"<meta content=\"charset='", None);
        let _ = decode_html(b"<!--", None);
    }
}
