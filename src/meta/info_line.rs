//! Chinese CMS info lines: `时间:2024-06-17 07:24来源: 作者:新闻热线网 点击: 38 次`.
//!
//! DedeCMS, PHPCMS, EmpireCMS and their many templates print one short line under the
//! title with labelled fields. Fields may be empty (`来源:` followed directly by the next
//! label) and must stay empty. The editor (`编辑`, `责任编辑`) is not the author, and
//! the source (`来源`) is a publication, not a person.

use crate::dom::{Doc, NodeId};
use crate::text::scan::{is_digit, is_space, positions, take};

/// Parsed fields of an info line.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct InfoLine {
    pub node: Option<NodeId>,
    pub time: Option<String>,
    pub source: Option<String>,
    pub author: Option<String>,
    pub editor: Option<String>,
}

/// Field labels, in the order the former pattern tried them (`点击` before `点击数`: at one
/// position the first label followed by a colon wins).
const LABELS: [&str; 27] = [
    "发布时间",
    "发表时间",
    "更新时间",
    "发布日期",
    "时间",
    "日期",
    "来源",
    "出处",
    "作者",
    "文",
    "记者",
    "责任编辑",
    "编辑",
    "点击",
    "点击数",
    "浏览",
    "浏览次数",
    "阅读",
    "阅读数",
    "人气",
    "字体",
    "投稿日",
    "著者",
    "출처",
    "기자",
    "입력",
    "수정",
];

/// Every `label\s*[:：]` in `text`, left to right, not overlapping: (start, end, label).
fn labels(text: &str) -> Vec<(usize, usize, &'static str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let hit = positions(&text[from..]).find_map(|i| {
            let at = &text[from + i..];
            // Every label starts with a three-byte character (lead byte 0xE0–0xEF; a unit
            // test holds the table to it): most positions are no label, and an ASCII one
            // is rejected by its first byte alone (this runs for every character of every
            // element text with a colon).
            let lead = at.as_bytes().get(..3)?;
            if !(0xE0..=0xEF).contains(&lead[0])
                || !LABELS.iter().any(|l| l.as_bytes()[..3] == *lead)
            {
                return None;
            }
            LABELS.iter().find_map(|&l| {
                let rest = at.strip_prefix(l)?.trim_start_matches(is_space);
                let rest = rest.strip_prefix([':', '：'])?;
                Some((from + i, text.len() - rest.len(), l))
            })
        });
        let Some(h) = hit else { break };
        found.push(h);
        from = h.1;
    }
    found
}

/// Parse labelled fields out of one line of text. Needs at least two labels (one of
/// them a time or an author) to count as an info line.
pub fn parse_text(text: &str) -> Option<InfoLine> {
    let found = labels(text);
    if found.len() < 2 {
        return None;
    }
    let mut info = InfoLine::default();
    for (i, &(_, end, label)) in found.iter().enumerate() {
        let stop = found.get(i + 1).map_or(text.len(), |n| n.0);
        let value = crate::text::normalize_space(&text[end..stop]);
        let value = (!value.is_empty()).then_some(value);
        match label {
            "发布时间" | "发表时间" | "时间" | "日期" | "发布日期" | "投稿日" | "입력"
                if info.time.is_none() =>
            {
                info.time = value.map(|v| first_date_chunk(&v));
            }
            "来源" | "出处" | "출처" => info.source = value,
            "作者" | "文" | "记者" | "著者" | "기자" => {
                info.author = value.map(|v| clean_person(&v))
            }
            "责任编辑" | "编辑" => info.editor = value,
            _ => {}
        }
    }
    (info.time.is_some() || info.author.is_some() || info.source.is_some()).then_some(info)
}

/// Keep only the date-time at the start of a time field (`2024-06-17 07:24 星期一`): the
/// former pattern `^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}
/// [:：]\d{1,2}(?:[:：]\d{1,2})?)?` (whitespace after the day is part of the match).
fn first_date_chunk(v: &str) -> String {
    date_chunk_len(v).map_or_else(|| v.to_string(), |n| v[..n].to_string())
}

fn date_chunk_len(v: &str) -> Option<usize> {
    let sep = |r: &str, seps: [char; 4]| -> Option<usize> {
        let r2 = r.trim_start_matches(is_space).strip_prefix(seps)?;
        Some(r.len() - r2.trim_start_matches(is_space).len())
    };
    let (y, r) = take(v, 4, is_digit);
    if y.chars().count() != 4 {
        return None;
    }
    let r = &r[sep(r, ['-', '/', '.', '年'])?..];
    let (mo, r) = take(r, 2, is_digit);
    if mo.is_empty() || r.starts_with(is_digit) {
        return None;
    }
    let r = &r[sep(r, ['-', '/', '.', '月'])?..];
    let (d, r) = take(r, 2, is_digit);
    if d.is_empty() {
        return None;
    }
    let r = r.trim_start_matches(is_space);
    let r = r.strip_prefix('日').unwrap_or(r);
    let time = || -> Option<&str> {
        let (h, t) = take(r.trim_start_matches(is_space), 2, is_digit);
        if h.is_empty() {
            return None;
        }
        let (mi, t) = take(t.strip_prefix([':', '：'])?, 2, is_digit);
        if mi.is_empty() {
            return None;
        }
        if let Some((sec, t2)) = t.strip_prefix([':', '：']).map(|x| take(x, 2, is_digit)) {
            if !sec.is_empty() {
                return Some(t2);
            }
        }
        Some(t)
    };
    let end = time().unwrap_or(r);
    Some(v.len() - end.len())
}

/// Trim a person field: drop trailing separators and bracketed notes.
fn clean_person(v: &str) -> String {
    v.trim_matches(|c: char| c.is_whitespace() || "|｜/、,，;；()（）[]【】".contains(c))
        .to_string()
}

/// Find the info line in the body: the smallest element whose short text parses as one.
pub fn find(doc: &Doc) -> Option<InfoLine> {
    // Bottom-up text lengths would be cheaper, but info lines are near the top and short:
    // scan elements in document order and stop at the first whose text qualifies.
    let mut best: Option<InfoLine> = None;
    let mut budget = 200_000usize;
    for id in doc.descendants(doc.body) {
        let n = doc.node(id);
        if !n.is_element() || n.children.is_empty() {
            continue;
        }
        budget = budget.saturating_sub(1);
        if budget == 0 {
            break;
        }
        // Only elements whose direct text mentions a label (a colon; a colon cannot
        // straddle two text nodes).
        let direct_colon = n
            .children
            .iter()
            .filter_map(|&c| doc.node(c).text())
            .any(|t| t.contains(':') || t.contains('：'));
        let label_in_child = n.children.iter().any(|&c| {
            let cn = doc.node(c);
            cn.is_element()
                && cn.children.len() == 1
                && doc
                    .node(cn.children[0])
                    .text()
                    .is_some_and(|t| t.contains('：') || t.contains(':'))
        });
        if !direct_colon && !label_in_child {
            continue;
        }
        let text = bounded_text(doc, id, 400);
        let Some(text) = text else { continue };
        if let Some(mut info) = parse_text(&text) {
            info.node = Some(id);
            best = Some(info);
            break;
        }
    }
    best
}

/// The subtree's text if it is at most `max` bytes.
pub(crate) fn bounded_text(doc: &Doc, id: NodeId, max: usize) -> Option<String> {
    let mut s = String::new();
    for d in doc.descendants(id) {
        if let Some(t) = doc.node(d).text() {
            s.push_str(t);
            if s.len() > max {
                return None;
            }
        }
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::parse_text;

    #[test]
    fn dedecms_line_with_empty_source() {
        let i = parse_text("时间:2024-06-17 07:24来源: 作者:新闻热线网 点击: 38 次").expect("info");
        assert_eq!(i.time.as_deref(), Some("2024-06-17 07:24"));
        assert_eq!(i.source, None);
        assert_eq!(i.author.as_deref(), Some("新闻热线网"));
    }

    #[test]
    fn author_is_not_editor() {
        let i = parse_text("发布时间：2023年05月08日 14:30  来源：新华网  作者：张三  编辑：李四")
            .expect("info");
        assert_eq!(i.time.as_deref(), Some("2023年05月08日 14:30"));
        assert_eq!(i.source.as_deref(), Some("新华网"));
        assert_eq!(i.author.as_deref(), Some("张三"));
        assert_eq!(i.editor.as_deref(), Some("李四"));
    }

    #[test]
    fn same_as_the_former_patterns() {
        let labels_re = regex::Regex::new(r"(发布时间|发表时间|更新时间|发布日期|时间|日期|来源|出处|作者|文|记者|责任编辑|编辑|点击|点击数|浏览|浏览次数|阅读|阅读数|人气|字体|投稿日|著者|출처|기자|입력|수정)\s*[:：]").expect("re");
        let chunk_re = regex::Regex::new(r"^\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{1,2}(?:[:：]\d{1,2})?)?").expect("re");
        let parts = [
            "时间",
            "发布时间",
            "点击",
            "点击数",
            "数",
            "来源",
            "作者",
            "编辑",
            "责任编辑",
            "文",
            ":",
            "：",
            " ",
            "2024",
            "-",
            "06",
            "6",
            "17",
            "175",
            "年",
            "月",
            "日",
            "07",
            "24",
            "x",
            "星期一",
            "기자",
            "\n",
        ];
        let mut seed = 0x51_7cc1_b727_220au64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..40_000 {
            let mut s = String::new();
            for _ in 0..(next() % 10) {
                s.push_str(parts[(next() % parts.len() as u64) as usize]);
            }
            let old: Vec<_> = labels_re
                .captures_iter(&s)
                .filter_map(|c| {
                    let m = c.get(0)?;
                    Some((m.start(), m.end(), c.get(1)?.as_str()))
                })
                .collect();
            assert_eq!(old, super::labels(&s), "{s:?}");
            let old = chunk_re.find(&s).map(|m| m.end());
            assert_eq!(old, super::date_chunk_len(&s), "{s:?}");
        }
    }

    #[test]
    fn every_label_starts_with_a_three_byte_character() {
        for l in super::LABELS {
            assert_eq!(l.chars().next().map(char::len_utf8), Some(3), "{l}");
            // What `labels` rejects positions by.
            assert!((0xE0..=0xEF).contains(&l.as_bytes()[0]), "{l}");
        }
    }

    #[test]
    fn prose_is_not_an_info_line() {
        assert!(parse_text("他说：我们要坚持。").is_none());
    }
}
