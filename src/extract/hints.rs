//! Class/id/role hints and boilerplate phrases, across languages.
//!
//! Hints are evidence, not verdicts: an "unlikely" class is ignored when the same node
//! also looks like content (`article`, `main`, `content`…), and boilerplate phrases only
//! remove short blocks (see `tunables::BOILERPLATE_MAX_WEIGHT`).

use crate::text::re;
use regex::Regex;
use std::sync::OnceLock;

/// Class/id fragments of page furniture. Includes pinyin names common on Chinese CMS
/// templates (`pinglun` comments, `xiangguan` related, `tuijian` recommended,
/// `fenxiang` share, `banquan` copyright, `weizhi`/`place` breadcrumb position).
pub fn unlikely() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(?:ad|ads|adv|advert\w*|adsense|agegate|banner\w*|breadcrumbs?|crumbs?|combx|comments?|commentlist|community|cookie\w*|consent|disqus|extra|footer\w*|gdpr|header|legends|menu\w*|related|remark|replies|rss|shoutbox|sidebar\w*|skyscraper|social\w*|sponsor\w*|supplemental|pagination|pager|paging|popup|modal|newsletter\w*|subscribe\w*|subscription|signup|share\w*|sharing|masthead|topbar|navbar|nav|navigation|pinglun|xiangguan|tuijian|fenxiang|banquan|weizhi|place|position|copyright|toolbar|widget\w*|promo\w*|outbrain|taboola|recirc\w*|trending|popular|readmore|recommend\w*|paywall|login|bio|tags|taglist|print|skip|jump|breaking|ticker|overlay|hidden|offscreen|affiliate|disclosure|headerlink)\b",
    )
}

/// Fragments that rescue a node from `unlikely` (it may hold the article).
pub fn maybe_content() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(?:and|article\w*|body|column|content\w*|main|mathjax|shadow|story|entry|post|text|zhengwen|neirong)\b",
    )
}

/// Positive class/id evidence.
pub fn positive() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(?:article\w*|body|content\w*|entry|hentry|h entry|main|page|post|text|blog|story|neirong|zhengwen|wenzhang|detail|prose|markdown)\b",
    )
}

/// Negative class/id evidence.
pub fn negative() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(?:ad|ads|hidden|hid|banner|combx|comments?|com|contact|footer|gdpr|masthead|media|meta|outbrain|promo\w*|related|scroll|share\w*|shoutbox|sidebar|skyscraper|sponsor\w*|shopping|tags|widget\w*|pinglun|xiangguan|tuijian|fenxiang|banquan|copyright|byline|author|dateline|newsletter|subscribe|recommend\w*|credit)\b",
    )
}

/// Comment threads can outweigh the article; they are never "the wrapper of the page".
pub fn is_discussion(class_id: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"\b(?:comments?|commentlist|disqus|replies|respond|discussion|pinglun)\b",
    )
    .is_match(class_id)
}

/// ARIA roles of page furniture.
pub fn unlikely_role(role: &str) -> bool {
    matches!(
        role.trim(),
        "navigation"
            | "complementary"
            | "contentinfo"
            | "banner"
            | "menu"
            | "menubar"
            | "search"
            | "dialog"
            | "alert"
            | "alertdialog"
            | "toolbar"
    )
}

/// Short blocks whose text is boilerplate in any of our first-class languages:
/// share bars, "related" headers, comment prompts, CMS editor lines and separators,
/// prev/next links, copyright notices.
pub fn boilerplate_text() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    re(
        &R,
        r"(?ix)^\s*(?:
        (?:share|tweet|follow\ us|subscribe|sign\ up|advertisement|sponsored|related\ (?:articles|stories|posts)|recommended|read\ more|more\ from|you\ may\ also\ like|comments?\b|leave\ a\ (?:comment|reply)|copyright\s*©|©\s*\d{4}|[ⓒ©]\s*\S+.{0,30}(?:무단|금지|reserved|版权)|무단\s*전재|all\ rights\ reserved|back\ to\ top|skip\ to|related:|see\ (?:more|also):|also\ on\ \S+\.\w+|don'?t\ miss|more\ great\ \w+\ stories|like\ this\ (?:story|article)\?|tell\ us\ what\ you\ think|advert$|caption$|photo:\ |photograph:\ |image\ copyright|image\ caption|image\ \d+\ of\ \d+|\d+\s?of\s?\d+\s*$|media\ playback\ is\ unsupported|this\ slideshow\ requires\ javascript|getty\ images$|like\ this:\s*(?:like\s*)?loading|(?:please\ )?enable\ javascript|javascript\ is\ (?:disabled|required)|this\ (?:site|page)\ requires\ javascript)
        |[(（]?\s*责任编辑\s*[:：]?.{0,20}[)）]?\s*$
        |[(（]?\s*(?:编辑|编审|校对|审核)\s*[:：].{0,20}[)）]?\s*$
        |[-—=_*]{3,}\s*分隔线\s*[-—=_*]*\s*$
        |上一篇|下一篇|发表评论|网友评论|相关阅读|相关文章|相关新闻|栏目列表|推荐内容|推荐阅读|热门文章|热点推荐|猜你喜欢|版权所有|版权声明|免责声明|分享到|扫一扫|点击\s*[:：]?\s*\d+\s*次
        |関連記事|この記事をシェア|シェアする|前の記事|次の記事|コメントする
        |관련\s*기사|공유하기|댓글
        |مقالات\ ذات\ صلة|شارك|اقرأ\ أيضا
        |כתבות\ נוספות|שתפו
    )",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
        ] {
            assert!(boilerplate_text().is_match(s), "{s}");
        }
        for s in [
            "赣州市历来高度重视招商引资工作",
            "The share price fell",
            "编辑部认为",
        ] {
            assert!(!boilerplate_text().is_match(s), "{s}");
        }
    }

    #[test]
    fn class_hints() {
        assert!(unlikely().is_match("sidebar right"));
        assert!(unlikely().is_match("place"));
        assert!(!unlikely().is_match("pagebuilder pagerow"));
        assert!(!unlikely().is_match("article body"));
        assert!(maybe_content().is_match("main content sidebar"));
        assert!(positive().is_match("zhengwen"));
        assert!(negative().is_match("comment list"));
    }
}
