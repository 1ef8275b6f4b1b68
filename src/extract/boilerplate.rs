//! Boilerplate phrases: short blocks whose text is boilerplate in any of our first-class
//! languages — share bars, "related" headers, comment prompts, CMS editor lines and
//! separators, prev/next links, copyright notices.
//!
//! Only the start of a block is looked at (after leading whitespace), and only short
//! blocks are asked (see `tunables::BOILERPLATE_MAX_WEIGHT`), so a phrase is a verdict
//! on the block. Latin phrases match case-insensitively (as the former `(?i)` pattern:
//! simple case folding). A few phrases need more than a prefix; each has its own small
//! function below, written to match exactly what its former pattern matched.

use crate::text::scan::{eq_ci, is_digit, is_space, is_word, strip_prefix_ci, take};

/// Case-insensitive phrases a block may start with.
const LATIN: &[&str] = &[
    "share",
    "tweet",
    "follow us",
    "subscribe",
    "sign up",
    "advertisement",
    "sponsored",
    "related articles",
    "related stories",
    "related posts",
    "recommended",
    "read more",
    "more from",
    "you may also like",
    "leave a comment",
    "leave a reply",
    "all rights reserved",
    "back to top",
    "skip to",
    "related:",
    "see more:",
    "see also:",
    "tell us what you think",
    "photo: ",
    "photograph: ",
    "credit:",
    "credit…",
    "credit...",
    "image credit",
    "photo credit",
    "picture credit",
    "enlarge image",
    "media caption",
    "image copyright",
    "image caption",
    "media playback is unsupported",
    "this slideshow requires javascript",
    "enable javascript",
    "please enable javascript",
    "javascript is disabled",
    "javascript is required",
    "this site requires javascript",
    "this page requires javascript",
    "like this story?",
    "like this article?",
    "don't miss",
    "dont miss",
];

/// Phrases of scripts without case a block may start with.
const CASELESS: &[&str] = &[
    "上一篇",
    "下一篇",
    "发表评论",
    "网友评论",
    "相关阅读",
    "相关文章",
    "相关新闻",
    "栏目列表",
    "推荐内容",
    "推荐阅读",
    "热门文章",
    "热点推荐",
    "猜你喜欢",
    "版权所有",
    "版权声明",
    "免责声明",
    "分享到",
    "扫一扫",
    "関連記事",
    "この記事をシェア",
    "シェアする",
    "前の記事",
    "次の記事",
    "コメントする",
    "공유하기",
    "댓글",
    "مقالات ذات صلة",
    "شارك",
    "اقرأ أيضا",
    "כתבות נוספות",
    "שתפו",
];

/// Phrases that are the whole block (case-insensitive).
const WHOLE: &[&str] = &["advert", "caption", "getty images", "getty"];

/// Is `text` (a short block's text) boilerplate?
pub fn is_boilerplate(text: &str) -> bool {
    let t = text.trim_start_matches(is_space);
    // `strip_prefix_ci` fails at once unless the first characters match: compare them
    // first (the same test it starts with) instead of calling it for every phrase of
    // every short block.
    let first = t.chars().next();
    let may_start = |p: &str| {
        p.chars()
            .next()
            .is_none_or(|pf| first.is_some_and(|c| eq_ci(c, pf)))
    };
    LATIN
        .iter()
        .any(|p| may_start(p) && strip_prefix_ci(t, p).is_some())
        || CASELESS.iter().any(|p| t.starts_with(p))
        || WHOLE
            .iter()
            .any(|p| may_start(p) && strip_prefix_ci(t, p) == Some(""))
        || comment_word(t)
        || copyright(t)
        || also_on_site(t)
        || more_great_stories(t)
        || image_n_of_m(t)
        || n_of_m(t)
        || like_this_loading(t)
        || editor_line(t)
        || separator(t)
        || clicks(t)
        || korean(t)
}

/// `comment` or `comments` as a whole word.
fn comment_word(t: &str) -> bool {
    strip_prefix_ci(t, "comment").is_some_and(|rest| {
        let rest = strip_prefix_ci(rest, "s").unwrap_or(rest);
        !rest.starts_with(is_word)
    })
}

/// `copyright ©`, `© 2024`, `ⓒ Name … reserved` (also 무단, 금지, 版权).
fn copyright(t: &str) -> bool {
    if let Some(rest) = strip_prefix_ci(t, "copyright") {
        if rest.trim_start_matches(is_space).starts_with('©') {
            return true;
        }
    }
    let Some(rest) = t
        .strip_prefix('©')
        .or_else(|| t.strip_prefix('ⓒ'))
        .or_else(|| t.strip_prefix('Ⓒ'))
    else {
        return false;
    };
    let rest = rest.trim_start_matches(is_space);
    // `© Name Surname` alone: a photo credit or a copyright line, at most six words.
    if t.starts_with('©')
        && (1..=6).contains(&rest.split(is_space).filter(|w| !w.is_empty()).count())
    {
        return true;
    }
    if t.starts_with('©') {
        let (digits, _) = take(rest, 4, is_digit);
        if digits.chars().count() == 4 {
            return true;
        }
    }
    // `\S+.{0,30}(?:무단|금지|reserved|版权)`: a word, then within 30 characters (no line
    // break) one of the marks.
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if is_space(first) {
        return false;
    }
    let run_end = rest
        .char_indices()
        .find(|&(_, c)| is_space(c))
        .map_or(rest.len(), |(i, _)| i);
    for (q, _) in rest.char_indices().skip(1) {
        let at = &rest[q..];
        let mark = ["무단", "금지", "版权"].iter().any(|m| at.starts_with(m))
            || strip_prefix_ci(at, "reserved").is_some();
        if !mark {
            continue;
        }
        let gap = &rest[run_end.min(q)..q];
        if gap.chars().count() <= 30 && !gap.contains('\n') {
            return true;
        }
    }
    false
}

/// `also on example.com`.
fn also_on_site(t: &str) -> bool {
    let Some(rest) = strip_prefix_ci(t, "also on ") else {
        return false;
    };
    let run = &rest[..rest.find(is_space).unwrap_or(rest.len())];
    run.char_indices()
        .skip(1)
        .any(|(i, c)| c == '.' && run[i + 1..].starts_with(is_word))
}

/// `more great <word> stories`.
fn more_great_stories(t: &str) -> bool {
    let Some(rest) = strip_prefix_ci(t, "more great ") else {
        return false;
    };
    let (word, rest) = take(rest, usize::MAX, is_word);
    !word.is_empty() && strip_prefix_ci(rest, " stories").is_some()
}

/// `image 3 of 12`.
fn image_n_of_m(t: &str) -> bool {
    let Some(rest) = strip_prefix_ci(t, "image ") else {
        return false;
    };
    let (n, rest) = take(rest, usize::MAX, is_digit);
    let Some(rest) = strip_prefix_ci(rest, " of ").filter(|_| !n.is_empty()) else {
        return false;
    };
    rest.starts_with(is_digit)
}

/// `3 of 12` (a slideshow counter) as the whole block.
fn n_of_m(t: &str) -> bool {
    let (n, rest) = take(t, usize::MAX, is_digit);
    if n.is_empty() {
        return false;
    }
    let rest = one_space(rest);
    let Some(rest) = strip_prefix_ci(rest, "of") else {
        return false;
    };
    let (m, rest) = take(one_space(rest), usize::MAX, is_digit);
    !m.is_empty() && rest.chars().all(is_space)
}

/// `s` without one leading whitespace character (`\s?`).
fn one_space(s: &str) -> &str {
    match s.chars().next() {
        Some(c) if is_space(c) => &s[c.len_utf8()..],
        _ => s,
    }
}

/// `Like this: Like Loading…` (WordPress's like button without its script).
fn like_this_loading(t: &str) -> bool {
    let Some(rest) = strip_prefix_ci(t, "like this:") else {
        return false;
    };
    let rest = rest.trim_start_matches(is_space);
    let rest = match strip_prefix_ci(rest, "like") {
        Some(r) if strip_prefix_ci(r.trim_start_matches(is_space), "loading").is_some() => {
            return true
        }
        _ => rest,
    };
    strip_prefix_ci(rest, "loading").is_some()
}

/// `(责任编辑:张三)`, `编辑：李四` — CMS editor lines, as the whole block (at most 20
/// characters after the label, an optional closing parenthesis).
fn editor_line(t: &str) -> bool {
    let t = t
        .strip_prefix(['(', '（'])
        .unwrap_or(t)
        .trim_start_matches(is_space);
    if let Some(rest) = t.strip_prefix("责任编辑") {
        let rest = rest.trim_start_matches(is_space);
        let rest = rest.strip_prefix([':', '：']).unwrap_or(rest);
        return short_tail(rest);
    }
    for label in ["编辑", "编审", "校对", "审核"] {
        if let Some(rest) = t.strip_prefix(label) {
            if let Some(rest) = rest.trim_start_matches(is_space).strip_prefix([':', '：']) {
                return short_tail(rest);
            }
        }
    }
    false
}

/// `.{0,20}[)）]?\s*$`: at most 20 characters without a line break, then an optional
/// closing parenthesis and whitespace.
fn short_tail(rest: &str) -> bool {
    let rest = rest.trim_end_matches(is_space);
    let core = rest.strip_suffix([')', '）']).unwrap_or(rest);
    core.chars().count() <= 20 && !core.contains('\n')
}

/// `------分隔线------` (DedeCMS's separator), as the whole block.
fn separator(t: &str) -> bool {
    let dash = |c: char| matches!(c, '-' | '—' | '=' | '_' | '*');
    let (run, rest) = take(t, usize::MAX, dash);
    if run.chars().count() < 3 {
        return false;
    }
    let Some(rest) = rest.trim_start_matches(is_space).strip_prefix("分隔线") else {
        return false;
    };
    rest.trim_start_matches(is_space)
        .trim_start_matches(dash)
        .chars()
        .all(is_space)
}

/// `点击: 38 次` (a view counter).
fn clicks(t: &str) -> bool {
    let Some(rest) = t.strip_prefix("点击") else {
        return false;
    };
    let rest = rest.trim_start_matches(is_space);
    let rest = rest.strip_prefix([':', '：']).unwrap_or(rest);
    let (n, rest) = take(rest.trim_start_matches(is_space), usize::MAX, is_digit);
    !n.is_empty() && rest.trim_start_matches(is_space).starts_with('次')
}

/// `관련 기사` (related articles), `무단 전재` (no reproduction).
fn korean(t: &str) -> bool {
    [("관련", "기사"), ("무단", "전재")].iter().any(|(a, b)| {
        t.strip_prefix(a)
            .is_some_and(|r| r.trim_start_matches(is_space).starts_with(b))
    })
}

#[cfg(test)]
mod tests {
    use super::is_boilerplate;

    /// The former pattern.
    const OLD: &str = r"(?ix)^\s*(?:
        (?:share|tweet|follow\ us|subscribe|sign\ up|advertisement|sponsored|related\ (?:articles|stories|posts)|recommended|read\ more|more\ from|you\ may\ also\ like|comments?\b|leave\ a\ (?:comment|reply)|copyright\s*©|©\s*\d{4}|[ⓒ©]\s*\S+.{0,30}(?:무단|금지|reserved|版权)|무단\s*전재|all\ rights\ reserved|back\ to\ top|skip\ to|related:|see\ (?:more|also):|also\ on\ \S+\.\w+|don'?t\ miss|more\ great\ \w+\ stories|like\ this\ (?:story|article)\?|tell\ us\ what\ you\ think|advert$|caption$|photo:\ |photograph:\ |credit:|credit…|credit\.\.\.|image\ credit|photo\ credit|picture\ credit|enlarge\ image|media\ caption|getty$|©\s*\S+(?:\s+\S+){0,5}\s*$|image\ copyright|image\ caption|image\ \d+\ of\ \d+|\d+\s?of\s?\d+\s*$|media\ playback\ is\ unsupported|this\ slideshow\ requires\ javascript|getty\ images$|like\ this:\s*(?:like\s*)?loading|(?:please\ )?enable\ javascript|javascript\ is\ (?:disabled|required)|this\ (?:site|page)\ requires\ javascript)
        |[(（]?\s*责任编辑\s*[:：]?.{0,20}[)）]?\s*$
        |[(（]?\s*(?:编辑|编审|校对|审核)\s*[:：].{0,20}[)）]?\s*$
        |[-—=_*]{3,}\s*分隔线\s*[-—=_*]*\s*$
        |上一篇|下一篇|发表评论|网友评论|相关阅读|相关文章|相关新闻|栏目列表|推荐内容|推荐阅读|热门文章|热点推荐|猜你喜欢|版权所有|版权声明|免责声明|分享到|扫一扫|点击\s*[:：]?\s*\d+\s*次
        |関連記事|この記事をシェア|シェアする|前の記事|次の記事|コメントする
        |관련\s*기사|공유하기|댓글
        |مقالات\ ذات\ صلة|شارك|اقرأ\ أيضا
        |כתבות\ נוספות|שתפו
    )";

    fn check(re: &regex::Regex, s: &str) {
        assert_eq!(re.is_match(s), is_boilerplate(s), "{s:?}");
    }

    #[test]
    fn boilerplate_phrases() {
        for s in [
            "(责任编辑:)",
            "------分隔线----------------------------",
            "上一篇：xx",
            "Share this article",
            "© 2024 Example",
            "点击: 38 次",
            "関連記事",
            "Credit...Doug Mills/The New York Times",
            "Image Credit: WeWork",
            "© Amazon",
            "Getty",
        ] {
            assert!(is_boilerplate(s), "{s}");
        }
        for s in [
            "赣州市历来高度重视招商引资工作",
            "The share price fell",
            "编辑部认为",
            "Credit Suisse said on Monday",
            "Getty Museum opens a new wing",
        ] {
            assert!(!is_boilerplate(s), "{s}");
        }
    }

    #[test]
    fn matches_the_former_pattern() {
        let re = regex::Regex::new(OLD).expect("re");
        for s in [
            "  SHARE",
            "ſhare",
            "Comments (3)",
            "commentary on",
            "comments",
            "comment_x",
            "Copyright  © 2020",
            "©2020",
            "© 202",
            "ⓒ 연합뉴스 무단전재",
            "Ⓒ News, all rights Reserved",
            "© x\nreserved",
            "©  Example Media Group and partners and friends 2024 reserved",
            "© Example reserved",
            "©reserved",
            "©xreserved",
            "무단 전재 금지",
            "also on example.com",
            "also on example.",
            "also on .com",
            "Don't miss",
            "dont miss",
            "More great BBC stories",
            "more great  stories",
            "Like this story?",
            "advert",
            "Advert ",
            "caption",
            "Getty Images",
            "Image 3 of 12",
            "image 3 of x",
            "3 of 12",
            "3of12  ",
            "3  of 12",
            "3 of 12 photos",
            "Like this: Like Loading...",
            "like this:loading",
            "Please enable JavaScript",
            "JavaScript is required",
            "(责任编辑：张三)",
            "责任编辑 李四",
            "（ 编辑：王五 ）  ",
            "编辑部认为",
            "编辑：一二三四五六七八九十一二三四五六七八九十一",
            "编辑：一二三四五六七八九十一二三四五六七八九十)",
            "编辑：\n张三",
            "------分隔线----------------------------",
            "--分隔线--",
            "***  分隔线 ** x",
            "点击：38次",
            "点击 次",
            "관련 기사",
            "관련기사",
            "مقالات ذات صلة",
            "כתבות נוספות",
            "",
            "   ",
        ] {
            check(&re, s);
        }
        // Generated: pieces of the phrases, digits, spaces and separators.
        let parts = [
            "share",
            "SHARE",
            "comment",
            "s",
            " ",
            "  ",
            "\n",
            "©",
            "ⓒ",
            "2024",
            "12",
            "3",
            "of",
            " of ",
            "reserved",
            "무단",
            "전재",
            "also on ",
            "example",
            ".",
            "com",
            "more great ",
            " stories",
            "image ",
            "like this:",
            "like",
            "loading",
            "advert",
            "caption",
            "(",
            "（",
            "责任编辑",
            "编辑",
            "：",
            ":",
            ")",
            "）",
            "张三",
            "---",
            "—",
            "分隔线",
            "点击",
            "次",
            "관련",
            "기사",
            "x",
            "é",
            "٣",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..50_000 {
            let mut s = String::new();
            for _ in 0..(next() % 7) {
                s.push_str(parts[(next() % parts.len() as u64) as usize]);
            }
            check(&re, &s);
        }
    }
}
