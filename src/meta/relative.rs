//! Relative publication dates (`3小时前`, `昨天 14:30`, `5時間前`, `어제`, `2 hours ago`),
//! resolved against the moment the page was read.
//!
//! Many CJK news and community sites print only a relative age for recent posts. Without
//! the time of reading such a date cannot be resolved, so nothing is invented: this module
//! runs only when the caller passes [`Now`] (the CLI's `--now`, the browser's clock in the
//! extension and the bookmarklet). A resolved value keeps the precision the page gave:
//! seconds to hours become a date-time (minutes, the reader's offset); days and weeks a
//! date; months and years are too vague to become a publication date and are ignored.
//! `昨天 14:30` is a wall-clock time on the site, read in the site's assumed zone.
//!
//! Hand-written parsing (no regex): the forms are few, and a short scan of digits and
//! unit words is cheaper than a pattern engine.

use crate::dom::{Doc, NodeId};

/// The moment of reading: seconds since the Unix epoch and the reader's UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Now {
    pub unix_secs: i64,
    pub offset_minutes: i32,
}

impl Now {
    /// Parse `YYYY-MM-DDTHH:MM[:SS[.frac]](Z|±HH:MM|±HHMM)`; an offset is required so
    /// that the moment is unambiguous.
    pub fn parse_iso(s: &str) -> Option<Now> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() < 17 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(13) != Some(&b':') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let t = s.get(r)?;
            t.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| t.parse().ok())?
        };
        let (y, mo, d, h, mi) = (
            num(0..4)?,
            num(5..7)?,
            num(8..10)?,
            num(11..13)?,
            num(14..16)?,
        );
        let mut i = 16;
        let mut sec = 0;
        if b.get(i) == Some(&b':') {
            sec = num(i + 1..i + 3)?;
            i += 3;
            if b.get(i) == Some(&b'.') {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
        }
        let offset_minutes = match s.get(i..)? {
            "Z" | "z" => 0,
            o if o.len() == 6 || o.len() == 5 => {
                let sign = match o.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let digits: String = o[1..].chars().filter(|c| *c != ':').collect();
                if digits.len() != 4 || !digits.bytes().all(|c| c.is_ascii_digit()) {
                    return None;
                }
                let oh: i32 = digits[..2].parse().ok()?;
                let om: i32 = digits[2..].parse().ok()?;
                if oh > 23 || om > 59 {
                    return None;
                }
                sign * (oh * 60 + om)
            }
            _ => return None,
        };
        if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
            return None;
        }
        let local = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec;
        Some(Now {
            unix_secs: local - i64::from(offset_minutes) * 60,
            offset_minutes,
        })
    }
}

/// How precise a resolved age is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Age {
    /// An exact span back from now.
    Seconds(i64),
    /// N calendar days back, optionally at a wall-clock time (`昨天 14:30`).
    Days(i64, Option<(i64, i64)>),
}

/// Resolve one short text (`3小时前`, `昨天 14:30`, `2 hours ago`); `site_offset` is the
/// zone of wall-clock times on the site (the reader's when unknown).
pub fn resolve(text: &str, now: Now, site_offset: Option<i32>) -> Option<String> {
    let age = parse_age(text.trim())?;
    Some(match age {
        Age::Seconds(s) => {
            let t = now.unix_secs - s;
            format_datetime(t - t.rem_euclid(60), now.offset_minutes)
        }
        Age::Days(n, clock) => {
            let off = site_offset.unwrap_or(now.offset_minutes);
            let local_day = (now.unix_secs + i64::from(off) * 60).div_euclid(86_400) - n;
            match clock {
                Some((h, m)) => format_datetime(
                    (local_day * 86_400 + h * 3600 + m * 60) - i64::from(off) * 60,
                    off,
                ),
                None => {
                    let (y, mo, d) = civil_from_days(local_day);
                    format!("{y:04}-{mo:02}-{d:02}")
                }
            }
        }
    })
}

/// The first element near the top of the body whose whole text is a relative date, in an
/// element the page marks as a date (`<time>`, or a class/id word like `time`, `date`,
/// `publish`, `meta`). Bounded: the first [`SCAN_LIMIT`] nodes only.
pub fn find(doc: &Doc, now: Now, site_offset: Option<i32>) -> Option<(NodeId, String)> {
    const SCAN_LIMIT: usize = 5_000;
    for id in doc.descendants(doc.body).take(SCAN_LIMIT) {
        let n = doc.node(id);
        let marked = n.tag() == "time" || {
            let c = n.class_id();
            ["time", "date", "publish", "posted", "meta", "ago"]
                .iter()
                .any(|w| c.contains(w))
        };
        if !marked {
            continue;
        }
        let Some(text) = super::info_line::bounded_text(doc, id, 96) else {
            continue;
        };
        if let Some(d) = resolve(&text, now, site_offset) {
            return Some((id, d));
        }
    }
    None
}

fn parse_age(t: &str) -> Option<Age> {
    let t: String = t
        .chars()
        .filter(|c| !c.is_whitespace() || *c == ' ')
        .collect::<String>()
        .to_lowercase();
    let t = t
        .trim()
        .trim_start_matches(['(', '（', '[', '【'])
        .trim_end_matches([')', '）', ']', '】']);
    let t = strip_label(t);
    if matches!(
        t,
        "刚刚" | "剛剛" | "たった今" | "방금" | "방금 전" | "just now"
    ) {
        return Some(Age::Seconds(0));
    }
    for (word, days) in DAY_WORDS {
        if let Some(rest) = t.strip_prefix(word) {
            let rest = rest.trim();
            if rest.is_empty() {
                return Some(Age::Days(*days, None));
            }
            return clock(rest).map(|c| Age::Days(*days, Some(c)));
        }
    }
    // `N <unit> <ago>`: digits, optional space, a unit word, an "ago" word, nothing else.
    let digits_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let n: i64 = t[..digits_end].parse().ok().filter(|n| *n <= 10_000)?;
    let rest = t[digits_end..].trim_start();
    let rest = AGO_WORDS
        .iter()
        .find_map(|a| rest.strip_suffix(a))?
        .trim_end();
    let (_, secs) = UNITS.iter().find(|(u, _)| *u == rest)?;
    Some(match *secs {
        DAY => Age::Days(n, None),
        WEEK => Age::Days(n * 7, None),
        s => Age::Seconds(n * s),
    })
}

/// `发布于 3小时前`, `Posted 2 hours ago`, `更新时间：昨天 10:20` → the age itself.
fn strip_label(t: &str) -> &str {
    for l in [
        "发布于",
        "發佈於",
        "发表于",
        "發表於",
        "发布时间:",
        "发布时间：",
        "更新于",
        "更新時間:",
        "更新时间：",
        "更新时间:",
        "時間:",
        "时间:",
        "时间：",
        "投稿日:",
        "posted",
        "published",
        "updated",
    ] {
        if let Some(rest) = t.strip_prefix(l) {
            return rest.trim_start();
        }
    }
    t
}

/// `14:30` / `14：30` → (14, 30).
fn clock(t: &str) -> Option<(i64, i64)> {
    let (h, m) = t.split_once([':', '：'])?;
    let (h, m): (i64, i64) = (h.trim().parse().ok()?, m.trim().parse().ok()?);
    (h < 24 && m < 60).then_some((h, m))
}

const MINUTE: i64 = 60;
const HOUR: i64 = 3600;
const DAY: i64 = 86_400;
const WEEK: i64 = 7 * DAY;

/// Unit words, after the number; seconds per unit (`DAY`/`WEEK` are calendar days).
const UNITS: &[(&str, i64)] = &[
    ("秒", 1),
    ("秒钟", 1),
    ("秒鐘", 1),
    ("分", MINUTE),
    ("分钟", MINUTE),
    ("分鐘", MINUTE),
    ("小时", HOUR),
    ("小時", HOUR),
    ("个小时", HOUR),
    ("個小時", HOUR),
    ("時間", HOUR),
    ("天", DAY),
    ("日", DAY),
    ("周", WEEK),
    ("週", WEEK),
    ("星期", WEEK),
    ("个星期", WEEK),
    ("個星期", WEEK),
    ("週間", WEEK),
    ("초", 1),
    ("분", MINUTE),
    ("시간", HOUR),
    ("일", DAY),
    ("주", WEEK),
    ("second", 1),
    ("seconds", 1),
    ("sec", 1),
    ("secs", 1),
    ("minute", MINUTE),
    ("minutes", MINUTE),
    ("min", MINUTE),
    ("mins", MINUTE),
    ("hour", HOUR),
    ("hours", HOUR),
    ("hr", HOUR),
    ("hrs", HOUR),
    ("day", DAY),
    ("days", DAY),
    ("week", WEEK),
    ("weeks", WEEK),
];

/// "Ago" words, at the end.
const AGO_WORDS: &[&str] = &["前", "以前", "전", "ago"];

/// Named days, optionally followed by a wall-clock time.
const DAY_WORDS: &[(&str, i64)] = &[
    ("今天", 0),
    ("今日", 0),
    ("昨天", 1),
    ("昨日", 1),
    ("前天", 2),
    ("一昨日", 2),
    ("오늘", 0),
    ("어제", 1),
    ("그저께", 2),
    ("today", 0),
    ("yesterday", 1),
];

fn format_datetime(unix: i64, offset_minutes: i32) -> String {
    let local = unix + i64::from(offset_minutes) * 60;
    let (y, mo, d) = civil_from_days(local.div_euclid(86_400));
    let s = local.rem_euclid(86_400);
    let off = if offset_minutes == 0 {
        "Z".to_string()
    } else {
        let a = offset_minutes.abs();
        format!(
            "{}{:02}:{:02}",
            if offset_minutes < 0 { '-' } else { '+' },
            a / 60,
            a % 60
        )
    };
    format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}{off}",
        s / 3600,
        s % 3600 / 60,
        s % 60
    )
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Now {
        Now::parse_iso("2024-06-17T10:05:30+08:00").expect("valid")
    }

    #[test]
    fn parses_now() {
        let n = now();
        assert_eq!(n.offset_minutes, 480);
        assert_eq!(n.unix_secs, 1_718_589_930);
        assert_eq!(
            Now::parse_iso("2024-06-17T02:05:30Z").map(|n| n.unix_secs),
            Some(1_718_589_930)
        );
        assert_eq!(
            Now::parse_iso("2024-06-17T02:05:30.123-0130").map(|n| n.offset_minutes),
            Some(-90)
        );
        for bad in [
            "2024-06-17T10:05:30",
            "2024-13-01T00:00Z",
            "yesterday",
            "2024-06-17T10:05+8",
        ] {
            assert_eq!(Now::parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn spans_keep_the_readers_offset() {
        let r = |t| resolve(t, now(), Some(480));
        assert_eq!(r("3小时前").as_deref(), Some("2024-06-17T07:05:00+08:00"));
        assert_eq!(r("3 小時前").as_deref(), Some("2024-06-17T07:05:00+08:00"));
        assert_eq!(r("15分钟前").as_deref(), Some("2024-06-17T09:50:00+08:00"));
        assert_eq!(r("5時間前").as_deref(), Some("2024-06-17T05:05:00+08:00"));
        assert_eq!(r("2시간 전").as_deref(), Some("2024-06-17T08:05:00+08:00"));
        assert_eq!(
            r("2 hours ago").as_deref(),
            Some("2024-06-17T08:05:00+08:00")
        );
        assert_eq!(
            r("发布于 刚刚").as_deref(),
            Some("2024-06-17T10:05:00+08:00")
        );
        // Eleven hours back crosses midnight.
        assert_eq!(r("11小时前").as_deref(), Some("2024-06-16T23:05:00+08:00"));
    }

    #[test]
    fn days_become_dates_or_site_clock_times() {
        let r = |t| resolve(t, now(), Some(480));
        assert_eq!(r("3天前").as_deref(), Some("2024-06-14"));
        assert_eq!(r("2日前").as_deref(), Some("2024-06-15"));
        assert_eq!(r("1周前").as_deref(), Some("2024-06-10"));
        assert_eq!(r("3일 전").as_deref(), Some("2024-06-14"));
        assert_eq!(
            r("昨天 14:30").as_deref(),
            Some("2024-06-16T14:30:00+08:00")
        );
        assert_eq!(r("前天").as_deref(), Some("2024-06-15"));
        assert_eq!(r("어제").as_deref(), Some("2024-06-16"));
        // A Chinese site read from Paris: "yesterday 14:30" is 14:30 in China.
        let paris = Now::parse_iso("2024-06-17T04:05:30+02:00").expect("valid");
        assert_eq!(
            resolve("昨天 14:30", paris, Some(480)).as_deref(),
            Some("2024-06-16T14:30:00+08:00")
        );
        // Across a month and a year boundary.
        let jan = Now::parse_iso("2025-01-01T08:00:00+08:00").expect("valid");
        assert_eq!(resolve("2天前", jan, None).as_deref(), Some("2024-12-30"));
    }

    #[test]
    fn vague_or_other_text_is_not_a_date() {
        for t in [
            "3个月前",
            "2年前",
            "阅读 1,024",
            "3小时",
            "前3小时",
            "hours ago",
            "99999999999小时前",
            "昨天下午",
        ] {
            assert_eq!(resolve(t, now(), None), None, "{t}");
        }
    }

    #[test]
    fn civil_round_trip() {
        for z in [-800_000, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
    }
}
