//! Date parsing and ISO 8601 normalisation for the forms pages use: ISO 8601 itself,
//! `2024-06-17 07:24`, `2024/6/17`, `2024年06月17日 07:24`, `17 June 2024`,
//! `June 17, 2024`, RFC 2822 (`Mon, 17 Jun 2024 07:24:00 +0000`).
//!
//! An ISO 8601 value is returned unchanged (the page's own offset is kept). Other forms
//! become `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`, with `offset` appended when the caller
//! knows the time zone (CMS info lines on Chinese pages: `+08:00`, see `meta::info_line`).

use regex::Regex;
use std::sync::OnceLock;

use crate::text::re;

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

/// Is `s` already an ISO 8601 date or date-time?
pub fn is_iso(s: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$",
    )
    .is_match(s)
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
    static NUM: OnceLock<Regex> = OnceLock::new();
    let num = re(
        &NUM,
        r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})\s*[:：时]\s*(\d{1,2})(?:\s*[:：分]\s*(\d{1,2}))?)?",
    );
    if let Some(c) = num.captures(s) {
        let g = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
        let (y, mo, d) = (g(1)?, g(2)?, g(3)?);
        if valid(y, mo, d) {
            let time = match (g(4), g(5)) {
                (Some(h), Some(mi)) => Some((h, mi, g(6).unwrap_or(0))),
                _ => None,
            };
            let off = iso_offset_in(s).or(offset.map(str::to_string));
            return Some(fmt(y, mo, d, time, off.as_deref()));
        }
    }
    static DMY: OnceLock<Regex> = OnceLock::new();
    let dmy = re(
        &DMY,
        r"(?i)\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+([a-z]{3,9})\.?,?\s+(\d{4})\b",
    );
    static MDY: OnceLock<Regex> = OnceLock::new();
    let mdy = re(
        &MDY,
        r"(?i)\b([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b",
    );
    let (y, mo, d) = if let Some(c) = dmy.captures(s).filter(|c| month_of(&c[2]).is_some()) {
        (c[3].parse().ok()?, month_of(&c[2])?, c[1].parse().ok()?)
    } else if let Some(c) = mdy.captures(s).filter(|c| month_of(&c[1]).is_some()) {
        (c[3].parse().ok()?, month_of(&c[1])?, c[2].parse().ok()?)
    } else {
        return None;
    };
    if !valid(y, mo, d) {
        return None;
    }
    static HM: OnceLock<Regex> = OnceLock::new();
    let hm = re(&HM, r"\b(\d{1,2}):(\d{2})(?::(\d{2}))?\b");
    let time = hm.captures(s).and_then(|c| {
        Some((
            c[1].parse().ok()?,
            c[2].parse().ok()?,
            c.get(3).and_then(|m| m.as_str().parse().ok()).unwrap_or(0),
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

/// A numeric UTC offset written in the string (`+0800`, `+08:00`, `GMT`, `UTC`).
fn iso_offset_in(s: &str) -> Option<String> {
    static OFF: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &OFF,
        r"(?:\d{2}(?::\d{2})?\s*)([+-])(\d{2}):?(\d{2})\b|\b(GMT|UTC|Z)\b",
    );
    let c = r.captures(s)?;
    if c.get(4).is_some() {
        return Some("Z".into());
    }
    Some(format!("{}{}:{}", &c[1], &c[2], &c[3]))
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
