//! Character classes by script and per-text statistics used by content scoring.

/// Dominant writing system of a text (used to infer `lang`/`dir` when the page is silent).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Han,
    Kana,
    Hangul,
    Arabic,
    Hebrew,
    Cyrillic,
    Other,
}

/// Han ideographs, kana and Hangul: scripts where one character is a unit of meaning.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff
        | 0xac00..=0xd7af | 0x20000..=0x2fa1f)
}

fn script_of(c: char) -> Option<Script> {
    let u = c as u32;
    Some(match u {
        0x3040..=0x30ff => Script::Kana,
        0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xf900..=0xfaff | 0x20000..=0x2fa1f => Script::Han,
        0xac00..=0xd7af | 0x1100..=0x11ff => Script::Hangul,
        0x0600..=0x06ff | 0x0750..=0x077f | 0xfb50..=0xfdff | 0xfe70..=0xfeff => Script::Arabic,
        0x0590..=0x05ff => Script::Hebrew,
        0x0400..=0x04ff => Script::Cyrillic,
        _ if c.is_alphabetic() && u < 0x0250 => Script::Latin,
        _ if c.is_alphabetic() => Script::Other,
        _ => return None,
    })
}

/// Punctuation that ends a sentence, in Latin, CJK, Arabic and Devanagari scripts.
pub fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '。'
            | '！'
            | '？'
            | '…'
            | '؟'
            | '।'
            | '．'
            | '"'
            | '”'
            | '」'
            | '』'
            | ')'
            | '）'
    )
}

/// Clause separators ("commas") across scripts: a strong signal of running prose.
pub fn is_comma(c: char) -> bool {
    matches!(c, ',' | '，' | '、' | '；' | ';' | '،' | '؛' | '。' | '｡')
}

/// Statistics of a piece of text, accumulated in one pass.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TextStats {
    /// Non-space characters.
    pub chars: u32,
    /// CJK characters among them.
    pub cjk: u32,
    /// Clause separators.
    pub commas: u32,
}

impl TextStats {
    pub fn of(s: &str) -> TextStats {
        let mut t = TextStats::default();
        t.add_str(s);
        t
    }

    pub fn add_str(&mut self, s: &str) {
        // ASCII text (most of it, on most pages) byte by byte, branch-free: no CJK, and
        // the whitespace and clause separators of [`crate::text::is_space`] and
        // [`is_comma`] in ASCII are `\t`..`\r`, space, `,` and `;`.
        if s.is_ascii() {
            for &b in s.as_bytes() {
                self.chars += u32::from(!matches!(b, b'\t'..=b'\r' | b' '));
                self.commas += u32::from(b == b',' || b == b';');
            }
            return;
        }
        self.add_chars(s);
    }

    /// [`Self::add_str`] character by character (any text).
    fn add_chars(&mut self, s: &str) {
        for c in s.chars() {
            if crate::text::is_space(c) {
                continue;
            }
            self.chars += 1;
            if is_cjk(c) {
                self.cjk += 1;
            } else if is_comma(c) {
                self.commas += 1;
            }
        }
    }

    pub fn add(&mut self, o: &TextStats) {
        self.chars += o.chars;
        self.cjk += o.cjk;
        self.commas += o.commas;
    }

    /// Content weight in "Latin-character units": a CJK character counts as 3, since a
    /// Chinese word averages under two characters while an English one averages six.
    pub fn weight(&self) -> u32 {
        self.chars + 2 * self.cjk
    }
}

/// The dominant script of `s` (by letter count), if any letters are present.
pub fn dominant_script(s: &str) -> Option<Script> {
    let mut counts = [0usize; 8];
    for c in s.chars().take(20_000) {
        if let Some(sc) = script_of(c) {
            counts[sc as usize] += 1;
        }
    }
    // Japanese text mixes kana and Han: any substantial kana means Japanese.
    let kana = counts[Script::Kana as usize];
    let han = counts[Script::Han as usize];
    if kana > 0 && kana * 10 >= (kana + han) {
        counts[Script::Kana as usize] += han;
        counts[Script::Han as usize] = 0;
    }
    let (i, &n) = counts.iter().enumerate().max_by_key(|(_, n)| **n)?;
    if n == 0 {
        return None;
    }
    Some(
        [
            Script::Latin,
            Script::Han,
            Script::Kana,
            Script::Hangul,
            Script::Arabic,
            Script::Hebrew,
            Script::Cyrillic,
            Script::Other,
        ][i],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_stats_as_the_char_loop() {
        let by_chars = |s: &str| {
            let mut t = TextStats::default();
            t.add_chars(s);
            t
        };
        let all_ascii: String = (0u8..128).map(char::from).collect();
        for s in [
            all_ascii.as_str(),
            "One, two; three.\t\n\x0b\x0c\r  four",
            "",
            "  ",
            "中文，标点、 and, ascii; mixed\u{a0}\u{3000}x",
        ] {
            assert_eq!(TextStats::of(s), by_chars(s), "{s:?}");
        }
    }

    #[test]
    fn detects_scripts() {
        assert_eq!(dominant_script("让发展更强劲"), Some(Script::Han));
        assert_eq!(dominant_script("日本語のテキストです"), Some(Script::Kana));
        assert_eq!(dominant_script("한국어 텍스트"), Some(Script::Hangul));
        assert_eq!(dominant_script("مرحبا بالعالم"), Some(Script::Arabic));
        assert_eq!(dominant_script("שלום עולם"), Some(Script::Hebrew));
        assert_eq!(dominant_script("hello"), Some(Script::Latin));
        assert_eq!(dominant_script("123 !!"), None);
    }

    #[test]
    fn stats_weight_cjk_more() {
        let t = TextStats::of("日前，位于 ab");
        assert_eq!(t.chars, 7);
        assert_eq!(t.cjk, 4);
        assert_eq!(t.commas, 1);
        assert_eq!(t.weight(), 15);
    }
}
