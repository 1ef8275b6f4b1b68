//! Date parsing and ISO 8601 normalisation for the forms pages use: ISO 8601 itself,
//! `2024-06-17 07:24`, `2024/6/17`, `2024年06月17日 07:24`, `17 June 2024`,
//! `June 17, 2024`, RFC 2822 (`Mon, 17 Jun 2024 07:24:00 +0000`).
//!
//! An ISO 8601 value is returned unchanged (the page's own offset is kept). Other forms
//! become `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`, with `offset` appended when the caller
//! knows the time zone (CMS info lines on Chinese pages: `+08:00`, see `meta::info_line`).

use crate::text::scan::{
    boundary, char_before, eq_ci, is_digit, is_letter_ci, is_space, is_word, positions, take,
};

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_of(s: &str) -> Option<u32> {
    let l = s.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| l.starts_with(m))
        .map(|i| i as u32 + 1)
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    (1900..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

fn fmt(y: u32, mo: u32, d: u32, time: Option<(u32, u32, u32)>, offset: Option<&str>) -> String {
    match time {
        Some((h, mi, s)) if h < 24 && mi < 60 && s < 61 => format!(
            "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{}",
            offset.unwrap_or("")
        ),
        _ => format!("{y:04}-{mo:02}-{d:02}"),
    }
}

/// `n` digits (regex `\d{n}`) at the start of `s`, and the rest.
fn digits_exact(s: &str, n: usize) -> Option<(&str, &str)> {
    let (d, rest) = take(s, n, is_digit);
    (d.chars().count() == n).then_some((d, rest))
}

/// Is `s` already an ISO 8601 date or date-time
/// (`^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$`)?
pub fn is_iso(s: &str) -> bool {
    let date = || -> Option<&str> {
        let (_, r) = digits_exact(s, 4)?;
        let (_, r) = digits_exact(r.strip_prefix('-')?, 2)?;
        let (_, r) = digits_exact(r.strip_prefix('-')?, 2)?;
        Some(r)
    };
    let Some(r) = date() else { return false };
    if r.is_empty() {
        return true;
    }
    let time = || -> Option<&str> {
        let (_, r) = digits_exact(r.strip_prefix('T')?, 2)?;
        let (_, mut r) = digits_exact(r.strip_prefix(':')?, 2)?;
        if let Some((_, r2)) = r.strip_prefix(':').and_then(|x| digits_exact(x, 2)) {
            r = r2;
            if let Some(frac) = r.strip_prefix('.') {
                let (d, r2) = take(frac, usize::MAX, is_digit);
                if !d.is_empty() {
                    r = r2;
                }
            }
        }
        Some(r)
    };
    let Some(r) = time() else { return false };
    if r.is_empty() || r == "Z" {
        return true;
    }
    let zone = || -> Option<&str> {
        let (_, r) = digits_exact(r.strip_prefix(['+', '-'])?, 2)?;
        let r = r.strip_prefix(':').unwrap_or(r);
        let (_, r) = digits_exact(r, 2)?;
        Some(r)
    };
    zone() == Some("")
}

/// Captures of the numeric form: year, month, day and optionally hour, minute, second.
type NumParts<'a> = [Option<&'a str>; 6];

/// The numeric form at the start of `s`: `(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*
/// (\d{1,2})\s*日?(?:[\sT]*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?`.
fn num_at(s: &str) -> Option<NumParts<'_>> {
    let sep = |r: &str, seps: &[char]| -> Option<usize> {
        let r2 = r.trim_start_matches(is_space);
        let r3 = r2.strip_prefix(seps)?;
        Some(r.len() - r3.trim_start_matches(is_space).len())
    };
    let (y, r) = digits_exact(s, 4)?;
    let r = &r[sep(r, &['-', '/', '.', '年'])?..];
    let (mo, r) = take(r, 2, is_digit);
    if mo.is_empty() || r.starts_with(is_digit) {
        return None;
    }
    let r = &r[sep(r, &['-', '/', '.', '月'])?..];
    let (d, r) = take(r, 2, is_digit);
    if d.is_empty() {
        return None;
    }
    let mut parts: NumParts = [Some(y), Some(mo), Some(d), None, None, None];
    let r = r.trim_start_matches(is_space);
    let r = r.strip_prefix('日').unwrap_or(r);
    let time = || -> Option<[Option<&str>; 3]> {
        let r = r.trim_start_matches(|c: char| is_space(c) || c == 'T');
        let (h, r) = take(r, 2, is_digit);
        if h.is_empty() || r.starts_with(is_digit) {
            return None;
        }
        let r = &r[sep(r, &[':', '：', '时'])?..];
        let (mi, r) = take(r, 2, is_digit);
        if mi.is_empty() {
            return None;
        }
        let sec = sep(r, &[':', '：', '分']).and_then(|i| {
            let (sec, _) = take(&r[i..], 2, is_digit);
            (!sec.is_empty()).then_some(sec)
        });
        Some([Some(h), Some(mi), sec])
    };
    if let Some(t) = time() {
        parts[3..].copy_from_slice(&t);
    }
    Some(parts)
}

/// The leftmost match of [`num_at`] in `s`.
fn find_num(s: &str) -> Option<NumParts<'_>> {
    positions(s).find_map(|i| num_at(&s[i..]))
}

/// `(?:st|nd|rd|th)?` (case-insensitive).
fn skip_ordinal(r: &str) -> &str {
    for suf in ["st", "nd", "rd", "th"] {
        let mut it = r.chars();
        let a = it.next();
        let b = it.next();
        let mut p = suf.chars();
        if let (Some(a), Some(b), Some(x), Some(y)) = (a, b, p.next(), p.next()) {
            if eq_ci(a, x) && eq_ci(b, y) {
                return &r[a.len_utf8() + b.len_utf8()..];
            }
        }
    }
    r
}

/// `\s+` at the start of `r`, then the rest.
fn spaces1(r: &str) -> Option<&str> {
    let t = r.trim_start_matches(is_space);
    (t.len() < r.len()).then_some(t)
}

/// `(\d{4})\b` at the start of `r`.
fn year_word(r: &str) -> Option<&str> {
    let (y, rest) = digits_exact(r, 4)?;
    (!rest.starts_with(is_word)).then_some(y)
}

/// A month-name word of 3–9 ASCII letters at the start of `r` (`[a-z]{3,9}`, followed by
/// no further letter), and the rest.
fn month_word(r: &str) -> Option<(&str, &str)> {
    let (w, rest) = take(r, 9, is_letter_ci);
    (w.chars().count() >= 3 && !rest.starts_with(is_letter_ci)).then_some((w, rest))
}

/// Day, month word, year: `(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?\s+
/// (\d{4})\b`, leftmost.
fn find_dmy(s: &str) -> Option<(&str, &str, &str)> {
    positions(s).find_map(|i| {
        let r = &s[i..];
        if !boundary(char_before(s, i), r.chars().next()) {
            return None;
        }
        let (d, r) = take(r, 2, is_digit);
        if d.is_empty() || r.starts_with(is_digit) {
            return None;
        }
        let r = skip_ordinal(r);
        let r = r.strip_prefix('.').unwrap_or(r);
        let (m, r) = month_word(spaces1(r)?)?;
        let r = r.strip_prefix('.').unwrap_or(r);
        let r = r.strip_prefix(',').unwrap_or(r);
        let y = year_word(spaces1(r)?)?;
        Some((d, m, y))
    })
}

/// Month word, day, year: `(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+
/// (\d{4})\b`, leftmost.
fn find_mdy(s: &str) -> Option<(&str, &str, &str)> {
    positions(s).find_map(|i| {
        let r = &s[i..];
        if !boundary(char_before(s, i), r.chars().next()) {
            return None;
        }
        let (m, r) = month_word(r)?;
        let r = r.strip_prefix('.').unwrap_or(r);
        let (d, r) = take(spaces1(r)?, 2, is_digit);
        if d.is_empty() || r.starts_with(is_digit) {
            return None;
        }
        let r = skip_ordinal(r);
        let r = r.strip_prefix(',').unwrap_or(r);
        let y = year_word(spaces1(r)?)?;
        Some((m, d, y))
    })
}

/// A time of day: `\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b`, leftmost.
fn find_hm(s: &str) -> Option<(&str, &str, Option<&str>)> {
    positions(s).find_map(|i| {
        let r = &s[i..];
        if !boundary(char_before(s, i), r.chars().next()) {
            return None;
        }
        let (h, r) = take(r, 2, is_digit);
        if h.is_empty() {
            return None;
        }
        let (mi, r) = digits_exact(r.strip_prefix(':')?, 2)?;
        if let Some((sec, after)) = r.strip_prefix(':').and_then(|x| digits_exact(x, 2)) {
            if !after.starts_with(is_word) {
                return Some((h, mi, Some(sec)));
            }
        }
        (!r.starts_with(is_word)).then_some((h, mi, None))
    })
}

/// A month's name or an abbreviation of it (`Dec`, `Sept`, `August`), not a word that
/// merely starts like one (`Mayank`, `Marcus`).
fn is_month_word(w: &str) -> bool {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let l = w.to_ascii_lowercase();
    l.len() >= 3 && FULL.iter().any(|m| m.starts_with(&l))
}

/// Is `s` a date and nothing else (`August 28, 2025`, `Dec. 19, 2025 at 3:46 PM`)? Such
/// text in a byline slot is no one's name.
pub fn is_only_a_date(s: &str) -> bool {
    const GLUE: [&str; 6] = ["at", "am", "pm", "on", "updated", "published"];
    normalize(s, None).is_some()
        && s.split(|c: char| !c.is_alphanumeric()).all(|w| {
            w.is_empty()
                || w.chars().all(|c| c.is_ascii_digit())
                || is_month_word(w)
                || GLUE.iter().any(|g| w.eq_ignore_ascii_case(g))
        })
}

/// Normalise a date string found on a page; `None` when no date is recognisable.
pub fn normalize(s: &str, offset: Option<&str>) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if is_iso(s) {
        let num =
            |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok()).unwrap_or(0);
        return valid(num(0..4), num(5..7), num(8..10)).then(|| s.to_string());
    }
    if let Some(c) = find_num(s) {
        let g = |i: usize| c[i].and_then(|m| m.parse::<u32>().ok());
        let (y, mo, d) = (g(0)?, g(1)?, g(2)?);
        if valid(y, mo, d) {
            let time = match (g(3), g(4)) {
                (Some(h), Some(mi)) => Some((h, mi, g(5).unwrap_or(0))),
                _ => None,
            };
            let off = iso_offset_in(s).or(offset.map(str::to_string));
            return Some(fmt(y, mo, d, time, off.as_deref()));
        }
    }
    let (y, mo, d) = if let Some((d, m, y)) = find_dmy(s).filter(|c| month_of(c.1).is_some()) {
        (y.parse().ok()?, month_of(m)?, d.parse().ok()?)
    } else if let Some((m, d, y)) = find_mdy(s).filter(|c| month_of(c.0).is_some()) {
        (y.parse().ok()?, month_of(m)?, d.parse().ok()?)
    } else {
        return None;
    };
    if !valid(y, mo, d) {
        return None;
    }
    let time = find_hm(s).and_then(|(h, mi, sec)| {
        Some((
            h.parse().ok()?,
            mi.parse().ok()?,
            sec.and_then(|m| m.parse().ok()).unwrap_or(0),
        ))
    });
    let off = iso_offset_in(s);
    Some(fmt(
        y,
        mo,
        d,
        time.filter(|_| off.is_some()),
        off.as_deref(),
    ))
}

/// A numeric UTC offset written in the string (`+0800`, `+08:00`, `GMT`, `UTC`):
/// `(?:\d{2}(?::\d{2})?\s*)([+-])(\d{2}):?(\d{2})\b|\b(GMT|UTC|Z)\b`, leftmost.
fn iso_offset_in(s: &str) -> Option<String> {
    positions(s).find_map(|i| {
        let r = &s[i..];
        let numeric = || -> Option<String> {
            let (_, r) = digits_exact(r, 2)?;
            let r = match r.strip_prefix(':').and_then(|x| digits_exact(x, 2)) {
                Some((_, r2)) => r2,
                None => r,
            };
            let r = r.trim_start_matches(is_space);
            let sign = r.chars().next().filter(|c| matches!(c, '+' | '-'))?;
            let (hh, r) = digits_exact(&r[1..], 2)?;
            let r = r.strip_prefix(':').unwrap_or(r);
            let (mm, r) = digits_exact(r, 2)?;
            (!r.starts_with(is_word)).then(|| format!("{sign}{hh}:{mm}"))
        };
        if let Some(o) = numeric() {
            return Some(o);
        }
        if !boundary(char_before(s, i), r.chars().next()) {
            return None;
        }
        ["GMT", "UTC", "Z"].iter().find_map(|z| {
            let rest = r.strip_prefix(z)?;
            (!rest.starts_with(is_word)).then(|| "Z".to_string())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn keeps_iso() {
        assert_eq!(
            normalize("2015-10-02T08:00:00+00:00", None).as_deref(),
            Some("2015-10-02T08:00:00+00:00")
        );
        assert_eq!(normalize("2024-06-17", None).as_deref(), Some("2024-06-17"));
        // The page's zone is kept as written: never converted to UTC, `Z` never lost.
        for iso in [
            "2018-12-21T12:55:00Z",
            "2017-02-23T17:18:13-08:00",
            "2021-11-01T10:52:50+0100",
            "2015-10-15T02:19:15.607Z",
        ] {
            assert_eq!(normalize(iso, None).as_deref(), Some(iso));
        }
        // A local time without a zone stays local (no zone is invented).
        assert_eq!(
            normalize("2019-04-28 06:01:07", None).as_deref(),
            Some("2019-04-28T06:01:07")
        );
    }

    #[test]
    fn cms_forms_with_offset() {
        assert_eq!(
            normalize("2024-06-17 07:24", Some("+08:00")).as_deref(),
            Some("2024-06-17T07:24:00+08:00")
        );
        assert_eq!(
            normalize("2023年05月08日 14:30", Some("+08:00")).as_deref(),
            Some("2023-05-08T14:30:00+08:00")
        );
        assert_eq!(normalize("2024/6/7", None).as_deref(), Some("2024-06-07"));
    }

    #[test]
    fn english_forms() {
        assert_eq!(
            normalize("June 17, 2024", None).as_deref(),
            Some("2024-06-17")
        );
        assert_eq!(
            normalize("Published 3rd March 2021", None).as_deref(),
            Some("2021-03-03")
        );
        assert_eq!(
            normalize("Mon, 17 Jun 2024 07:24:00 +0000", None).as_deref(),
            Some("2024-06-17T07:24:00+00:00")
        );
        assert_eq!(normalize("no date here", None), None);
        assert_eq!(normalize("2024-13-45", None), None);
    }
}

#[cfg(test)]
mod equivalence {
    //! The matchers against the former patterns, on generated strings.

    use super::*;
    use regex::Regex;

    fn strings(parts: &[&str], n: usize, seed: u64) -> Vec<String> {
        let mut seed = seed;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..n)
            .map(|_| {
                let mut s = String::new();
                for _ in 0..(next() % 9) {
                    s.push_str(parts[(next() % parts.len() as u64) as usize]);
                }
                s
            })
            .collect()
    }

    const PARTS: &[&str] = &[
        "2024",
        "12024",
        "06",
        "6",
        "17",
        "175",
        "7",
        "-",
        "/",
        ".",
        "年",
        "月",
        "日",
        " ",
        "  ",
        "T",
        ":",
        "：",
        "时",
        "分",
        "07",
        "24",
        "00",
        "+",
        "08",
        "0800",
        "Z",
        "GMT",
        "UTC",
        "June",
        "Jun",
        "Sept",
        "September",
        "Novembers",
        "Mon",
        ",",
        "3rd",
        "st",
        "th",
        "x",
        "é",
        "٢٠٢٤",
        "١٧",
        "ſep",
        "\n",
    ];

    #[test]
    fn same_as_the_former_patterns() {
        let iso =
            Regex::new(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$")
                .expect("re");
        let num = Regex::new(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?").expect("re");
        let dmy = Regex::new(r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b")
            .expect("re");
        let mdy = Regex::new(r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
            .expect("re");
        let hm = Regex::new(r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b").expect("re");
        let off = Regex::new(r"(?:\d{2}(?::\d{2})?\s*)([+-])(\d{2}):?(\d{2})\b|\b(GMT|UTC|Z)\b")
            .expect("re");
        let mut cases = strings(PARTS, 60_000, 0x1234_5678_9abc_def1);
        cases.extend(
            [
                "2015-10-02T08:00:00+00:00",
                "2015-10-02T08:00:00.123Z",
                "2015-10-02T08:00+0800",
                "2024-06-17 07:24",
                "2023年05月08日 14:30",
                "2024/6/7",
                "June 17, 2024",
                "Published 3rd March 2021",
                "Mon, 17 Jun 2024 07:24:00 +0000",
                "2024-123-4",
                "17 June 2024年",
                "12:345",
                "07:24:00Z",
            ]
            .map(String::from),
        );
        for s in &cases {
            let s = s.as_str();
            assert_eq!(iso.is_match(s), is_iso(s), "iso {s:?}");
            let old = num.captures(s).map(|c| {
                (1..=6)
                    .map(|i| c.get(i).map(|m| m.as_str()))
                    .collect::<Vec<_>>()
            });
            assert_eq!(old, find_num(s).map(|p| p.to_vec()), "num {s:?}");
            let old = dmy.captures(s).map(|c| {
                (
                    c.get(1).map_or("", |m| m.as_str()),
                    c.get(2).map_or("", |m| m.as_str()),
                    c.get(3).map_or("", |m| m.as_str()),
                )
            });
            assert_eq!(old, find_dmy(s), "dmy {s:?}");
            let old = mdy.captures(s).map(|c| {
                (
                    c.get(1).map_or("", |m| m.as_str()),
                    c.get(2).map_or("", |m| m.as_str()),
                    c.get(3).map_or("", |m| m.as_str()),
                )
            });
            assert_eq!(old, find_mdy(s), "mdy {s:?}");
            let old = hm.captures(s).map(|c| {
                (
                    c.get(1).map_or("", |m| m.as_str()),
                    c.get(2).map_or("", |m| m.as_str()),
                    c.get(3).map(|m| m.as_str()),
                )
            });
            assert_eq!(old, find_hm(s), "hm {s:?}");
            let old = off.captures(s).map(|c| {
                if c.get(4).is_some() {
                    "Z".to_string()
                } else {
                    format!("{}{}:{}", &c[1], &c[2], &c[3])
                }
            });
            assert_eq!(old, iso_offset_in(s), "offset {s:?}");
        }
    }
}
