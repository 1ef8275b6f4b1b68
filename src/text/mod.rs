//! Script-aware text statistics and whitespace handling.
//!
//! Chinese and Japanese have no spaces between words and use their own punctuation
//! (。，、；！？), so every length and comma heuristic counts characters by script: a CJK
//! character carries about as much content as a short Latin word. Extraction, word counts
//! and reading time all go through these helpers so the whole pipeline agrees.

pub mod number;
pub mod scan;
pub mod script;

pub use script::{is_cjk, is_sentence_end, Script, TextStats};

/// Is `c` whitespace as HTML and CJK typesetting see it (incl. NBSP and U+3000)?
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{feff}'
}

/// Collapse runs of whitespace into one space and trim both ends.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if is_space(c) {
            pending = !out.is_empty();
        } else {
            if pending {
                out.push(' ');
                pending = false;
            }
            out.push(c);
        }
    }
    out
}

/// Words for word counts and reading time: Latin-like runs count one each, every CJK
/// character counts one (script-aware).
pub fn word_count(s: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in s.chars() {
        if is_cjk(c) {
            n += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                n += 1;
                in_word = true;
            }
        } else if c != '\'' && c != '’' && c != '-' {
            in_word = false;
        }
    }
    n
}

/// Reading time in minutes: 230 words/min for spaced scripts, 400 characters/min for
/// CJK (published reading-speed averages); at least 1 for non-empty text.
pub fn reading_minutes(s: &str) -> u32 {
    let mut cjk = 0usize;
    let mut words = 0usize;
    let mut in_word = false;
    for c in s.chars() {
        if is_cjk(c) {
            cjk += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                words += 1;
                in_word = true;
            }
        } else {
            in_word = false;
        }
    }
    if cjk + words == 0 {
        return 0;
    }
    let minutes = words as f64 / 230.0 + cjk as f64 / 400.0;
    minutes.round().max(1.0) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_all_kinds_of_space() {
        assert_eq!(
            normalize_space("\u{3000}\u{3000}日前, a\n\t b\u{a0} "),
            "日前, a b"
        );
    }

    #[test]
    fn counts_cjk_characters_as_words() {
        assert_eq!(word_count("让发展“引擎”更强劲"), 8);
        assert_eq!(word_count("Hello, world! It's 2024."), 4);
        assert_eq!(word_count("東京 in Japan"), 4);
    }

    #[test]
    fn reading_time_is_script_aware() {
        assert_eq!(reading_minutes(""), 0);
        assert_eq!(reading_minutes("short"), 1);
        assert_eq!(reading_minutes(&"字".repeat(2000)), 5);
        assert_eq!(reading_minutes(&"word ".repeat(2300)), 10);
    }
}
