//! Building blocks of the hand-written matchers that replaced the `regex` crate.
//!
//! Why no regex engine: the patterns were a handful of fixed shapes (dates, labels, class
//! words, boilerplate phrases), yet compiling them cost ~100 M instructions per process —
//! every browser tab paid it on its first read — and the engine was a third of the
//! WebAssembly module. Each matcher keeps the semantics of its former pattern (leftmost
//! match, greedy repetition with backtracking where it mattered); the unit tests next to
//! each one compare it with the original pattern (the `regex` crate is a dev-dependency
//! only) on hand-picked and generated strings.
//!
//! The character classes below are those of the patterns in Unicode mode: `\d` is the
//! Unicode decimal digits (Nd), `\s` White_Space, `\w` word characters.

/// Unicode decimal digits (general category Nd), as regex `\d`. Note that
/// `str::parse::<u32>` accepts only the ASCII ones.
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    const ND: [(u32, u32); 70] = [
        (0x660, 0x669),
        (0x6F0, 0x6F9),
        (0x7C0, 0x7C9),
        (0x966, 0x96F),
        (0x9E6, 0x9EF),
        (0xA66, 0xA6F),
        (0xAE6, 0xAEF),
        (0xB66, 0xB6F),
        (0xBE6, 0xBEF),
        (0xC66, 0xC6F),
        (0xCE6, 0xCEF),
        (0xD66, 0xD6F),
        (0xDE6, 0xDEF),
        (0xE50, 0xE59),
        (0xED0, 0xED9),
        (0xF20, 0xF29),
        (0x1040, 0x1049),
        (0x1090, 0x1099),
        (0x17E0, 0x17E9),
        (0x1810, 0x1819),
        (0x1946, 0x194F),
        (0x19D0, 0x19D9),
        (0x1A80, 0x1A89),
        (0x1A90, 0x1A99),
        (0x1B50, 0x1B59),
        (0x1BB0, 0x1BB9),
        (0x1C40, 0x1C49),
        (0x1C50, 0x1C59),
        (0xA620, 0xA629),
        (0xA8D0, 0xA8D9),
        (0xA900, 0xA909),
        (0xA9D0, 0xA9D9),
        (0xA9F0, 0xA9F9),
        (0xAA50, 0xAA59),
        (0xABF0, 0xABF9),
        (0xFF10, 0xFF19),
        (0x104A0, 0x104A9),
        (0x10D30, 0x10D39),
        (0x10D40, 0x10D49),
        (0x11066, 0x1106F),
        (0x110F0, 0x110F9),
        (0x11136, 0x1113F),
        (0x111D0, 0x111D9),
        (0x112F0, 0x112F9),
        (0x11450, 0x11459),
        (0x114D0, 0x114D9),
        (0x11650, 0x11659),
        (0x116C0, 0x116C9),
        (0x116D0, 0x116E3),
        (0x11730, 0x11739),
        (0x118E0, 0x118E9),
        (0x11950, 0x11959),
        (0x11BF0, 0x11BF9),
        (0x11C50, 0x11C59),
        (0x11D50, 0x11D59),
        (0x11DA0, 0x11DA9),
        (0x11F50, 0x11F59),
        (0x16130, 0x16139),
        (0x16A60, 0x16A69),
        (0x16AC0, 0x16AC9),
        (0x16B50, 0x16B59),
        (0x16D70, 0x16D79),
        (0x1CCF0, 0x1CCF9),
        (0x1D7CE, 0x1D7FF),
        (0x1E140, 0x1E149),
        (0x1E2F0, 0x1E2F9),
        (0x1E4F0, 0x1E4F9),
        (0x1E5F1, 0x1E5FA),
        (0x1E950, 0x1E959),
        (0x1FBF0, 0x1FBF9),
    ];
    let cp = c as u32;
    let i = ND.partition_point(|&(_, hi)| hi < cp);
    ND.get(i).is_some_and(|&(lo, _)| lo <= cp)
}

/// Whitespace as regex `\s` (the Unicode White_Space property).
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
}

/// A word character as regex `\w`: letters, digits, `_`, combining marks and the
/// zero-width joiners. (Differs from the regex tables only outside Latin and CJK, on
/// non-decimal numerals such as `①`, some rare marks and letters newer than those
/// tables — never in a class name or a date.)
pub fn is_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    (c.is_alphanumeric() && !matches!(c, '²' | '³' | '¹' | '¼' | '½' | '¾'))
        || matches!(c,
            '\u{0300}'..='\u{036F}'
            | '\u{0483}'..='\u{0489}'
            | '\u{0591}'..='\u{05BD}'
            | '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{200C}'..='\u{200D}'
            | '\u{203F}'..='\u{2040}'
            | '\u{2054}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{3099}'..='\u{309A}'
            | '\u{FE20}'..='\u{FE2F}'
            | '\u{FE33}'..='\u{FE34}'
            | '\u{FE4D}'..='\u{FE4F}'
            | '\u{FF3F}')
}

/// Does text character `c` match pattern character `p` case-insensitively, as regex
/// `(?i)` does (simple case folding: also `ſ` for `s` and the Kelvin sign for `k`)?
pub fn eq_ci(c: char, p: char) -> bool {
    if c == p {
        return true;
    }
    if p.is_ascii_alphabetic() {
        let p = p.to_ascii_lowercase();
        return c.to_ascii_lowercase() == p
            || (p == 's' && c == '\u{17F}')
            || (p == 'k' && c == '\u{212A}');
    }
    false
}

/// An ASCII letter as `(?i)[a-z]` sees it (with `ſ` and the Kelvin sign).
pub fn is_letter_ci(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '\u{17F}' || c == '\u{212A}'
}

/// `s` without its case-insensitive prefix `lit` (see [`eq_ci`]).
pub fn strip_prefix_ci<'a>(s: &'a str, lit: &str) -> Option<&'a str> {
    let mut it = s.char_indices();
    for p in lit.chars() {
        let (_, c) = it.next()?;
        if !eq_ci(c, p) {
            return None;
        }
    }
    Some(it.next().map_or("", |(i, _)| &s[i..]))
}

/// `s` without leading characters of a class.
pub fn skip(s: &str, class: impl Fn(char) -> bool) -> &str {
    s.trim_start_matches(class)
}

/// The leading run of a class (at most `max` characters) and the rest.
pub fn take(s: &str, max: usize, class: impl Fn(char) -> bool) -> (&str, &str) {
    let mut end = 0;
    for (n, (i, c)) in s.char_indices().enumerate() {
        if n == max || !class(c) {
            return s.split_at(i);
        }
        end = i + c.len_utf8();
    }
    s.split_at(end)
}

/// Is there a word boundary (regex `\b`) between `before` and `after`?
pub fn boundary(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(is_word) != after.is_some_and(is_word)
}

/// The last character of `s[..i]`.
pub fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// Byte offsets of every character of `s`, and its end: the positions at which an
/// unanchored search tries its pattern.
pub fn positions(s: &str) -> impl Iterator<Item = usize> + '_ {
    s.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_match_the_regex_classes() {
        let d = regex::Regex::new(r"^\d$").expect("re");
        let s = regex::Regex::new(r"^\s$").expect("re");
        let w = regex::Regex::new(r"^\w$").expect("re");
        let mut word_diff = 0;
        for cp in 0u32..0x3_0000 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let mut b = [0u8; 4];
            let t = c.encode_utf8(&mut b);
            assert_eq!(d.is_match(t), is_digit(c), "\\d {cp:#x}");
            assert_eq!(s.is_match(t), is_space(c), "\\s {cp:#x}");
            if w.is_match(t) != is_word(c) {
                word_diff += 1;
                // Only outside ASCII, Latin, CJK and the scripts of class names.
                assert!(
                    cp > 0x24F && !(0x4E00..=0x9FFF).contains(&cp),
                    "\\w {cp:#x}"
                );
            }
        }
        assert!(word_diff < 8000, "{word_diff}");
    }

    #[test]
    fn case_folding() {
        assert!(eq_ci('S', 's') && eq_ci('\u{17F}', 's') && eq_ci('\u{212A}', 'k'));
        assert!(!eq_ci('ı', 'i') && !eq_ci('é', 'e'));
        assert_eq!(strip_prefix_ci("ShaRE this", "share"), Some(" this"));
        assert_eq!(strip_prefix_ci("sha", "share"), None);
        assert_eq!(take("12345x", 4, is_digit), ("1234", "5x"));
        assert_eq!(take("12", 4, is_digit), ("12", ""));
    }
}
