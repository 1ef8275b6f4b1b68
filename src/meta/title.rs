//! Title cleaning: `<title>` usually carries the site and section (`标题_栏目_站名`,
//! `Headline | Site`, `Site - Headline`). The page's own heading is the best witness of
//! which part is the headline.

/// Separators between a headline and site/section names in `<title>`.
const SEPARATORS: [&str; 10] = [
    " | ", " - ", " – ", " — ", "_", " :: ", " » ", " « ", " · ", " / ",
];

fn norm(s: &str) -> String {
    crate::text::normalize_space(s).to_lowercase()
}

/// The page heading that is one of `title`'s separated parts (or a run of them): the
/// headline, as in `Mozilla - Wikipedia` with `<h1>Mozilla</h1>`. A heading that is only a
/// word inside the title (`Videos` in `Embedded videos test`) is not evidence. The longest
/// wins; on a tie the one nearer the start (sites put their own name last, and their
/// header's `<h1>` is often the site's name).
pub fn heading_part(title: &str, headings: &[String]) -> Option<String> {
    let nt = norm(title);
    let mut best: Option<(&String, usize)> = None;
    for h in headings {
        let nh = norm(h);
        if nh.chars().count() < 4 {
            continue;
        }
        let Some(pos) = part_position(&nt, &nh) else {
            continue;
        };
        let better = match best {
            None => true,
            Some((b, bpos)) => b.len() < h.len() || (b.len() == h.len() && pos < bpos),
        };
        if better {
            best = Some((h, pos));
        }
    }
    best.map(|(h, _)| crate::text::normalize_space(h))
}

/// Split `title` into (headline, suffix-or-prefix site part) using the page headings.
/// Returns the cleaned headline and the dropped site-ish part, if any.
pub fn clean(title: &str, headings: &[String]) -> (String, Option<String>) {
    let title = crate::text::normalize_space(title);
    if title.is_empty() {
        return (title, None);
    }
    // 1. A heading that is one of the title's separated parts is the headline.
    if let Some(h) = heading_part(&title, headings) {
        let rest = site_part(&title, &h);
        return (h, rest);
    }
    // 2. Otherwise split on the first separator kind that occurs and drop the shortest
    //    trailing/leading part when the remaining headline stays substantial.
    for sep in SEPARATORS {
        if !title.contains(sep) {
            continue;
        }
        let parts: Vec<&str> = title.split(sep).map(str::trim).collect();
        let first = parts[0];
        let last = parts[parts.len() - 1];
        let words = |s: &str| crate::text::word_count(s);
        if words(first) >= 3 && words(first) >= words(last) {
            let head = parts[..parts.len() - 1]
                .join(sep.trim_matches(' ').chars().next().map_or(sep, |_| sep));
            // For `_`-separated CMS titles only the first part is the headline.
            let head = if sep == "_" { first.to_string() } else { head };
            return (head, Some(last.to_string()));
        }
        if words(last) >= 3 && words(last) > words(first) {
            return (parts[1..].join(sep), Some(first.to_string()));
        }
        break;
    }
    (title, None)
}

/// Does a page heading bear `title` out: a heading that is `title`, one of its separated
/// parts, or a heading of which `title` is a part?
pub fn witnessed(title: &str, headings: &[String]) -> bool {
    headings.iter().any(|h| {
        let h = h.trim_end_matches(['¶', '#', '§', ' ']);
        crate::text::word_count(h) >= 2 && related(title, h)
    })
}

/// One of `a` and `b` is the other or one of its separated parts (case and spacing aside).
pub fn related(a: &str, b: &str) -> bool {
    let (na, nb) = (norm(a), norm(b));
    if na.is_empty() || nb.is_empty() {
        return false;
    }
    part_position(&na, &nb).is_some() || part_position(&nb, &na).is_some()
}

/// Share of `a`'s words that also occur in `b` (each CJK character counts as a word):
/// how much of one title the other repeats, whatever was added around it.
pub fn word_share(a: &str, b: &str) -> f64 {
    fn words(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut cur = String::new();
        for c in s.chars().flat_map(char::to_lowercase) {
            if crate::text::script::is_cjk(c) {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                out.push(c.to_string());
            } else if c.is_alphanumeric() {
                cur.push(c);
            } else if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
        out
    }
    let wa = words(a);
    if wa.is_empty() {
        return 0.0;
    }
    let wb: std::collections::HashSet<String> = words(b).into_iter().collect();
    wa.iter().filter(|w| wb.contains(*w)).count() as f64 / wa.len() as f64
}

/// Where `part` occurs in `title` bounded on both sides by the title's start/end or a
/// separator (both lower-cased and whitespace-normalised).
fn part_position(title: &str, part: &str) -> Option<usize> {
    let bounded_before = |pre: &str| {
        let pre = pre.trim_end();
        pre.is_empty() || pre.ends_with(|c: char| SEPARATOR_CHARS.contains(c))
    };
    let bounded_after = |post: &str| {
        let post = post.trim_start();
        post.is_empty() || post.starts_with(|c: char| SEPARATOR_CHARS.contains(c))
    };
    let mut from = 0;
    while let Some(i) = title[from..].find(part) {
        let at = from + i;
        if bounded_before(&title[..at]) && bounded_after(&title[at + part.len()..]) {
            return Some(at);
        }
        from = at + part.len().max(1);
        while !title.is_char_boundary(from) {
            from += 1;
        }
        if from >= title.len() {
            break;
        }
    }
    None
}

/// Characters that separate a title's parts (the separators of [`SEPARATORS`] and
/// brackets around a site name: `Weekly Edition [LWN.net]`, and the `@` of blog hosts:
/// `Post title @ Blog name`).
const SEPARATOR_CHARS: &str = "|-–—_:»«·•/[]()@";

/// A publisher-set title (`og:title`, JSON-LD `headline` …) is already the headline: only
/// a leading or trailing part that is a known name (the site's, the author's) is dropped,
/// `How to Build a Terrarium | eHow` with `og:site_name` eHow. Parts that merely look like
/// a suffix (`How we designed ATF - an async task framework`) stay.
pub fn strip_known(title: &str, names: &[&str]) -> String {
    strip_known_or(title, names, |_| false)
}

/// [`strip_known`], where `is_site(part)` may also confirm a part as the site's name
/// (the host name, the text of a link to the home page).
pub fn strip_known_or(title: &str, names: &[&str], is_site: impl Fn(&str) -> bool) -> String {
    let squash = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let known: Vec<String> = names
        .iter()
        .map(|n| squash(n))
        .filter(|n| !n.is_empty())
        .collect();
    let mut t = crate::text::normalize_space(title);
    'again: loop {
        for sep in SEPARATORS {
            let Some((head, tail)) = t.rsplit_once(sep) else {
                continue;
            };
            let known_part = |p: &str| {
                known.contains(&squash(p))
                    || (crate::text::word_count(p) <= crate::meta::tunables::MAX_SITE_WORDS
                        && is_site(p.trim()))
            };
            if !head.trim().is_empty() && known_part(tail) {
                t = head.trim().to_string();
                continue 'again;
            }
            let Some((head, tail)) = t.split_once(sep) else {
                continue;
            };
            if !tail.trim().is_empty() && known_part(head) {
                t = tail.trim().to_string();
                continue 'again;
            }
        }
        return t;
    }
}

/// `Headline | Site` with no other evidence: a publisher title whose last ` | ` part is a
/// few words (a site or section name) after a headline of several loses that part. Only
/// the pipe is trusted this way; ` - ` as often starts a subtitle (`How we designed ATF -
/// an async task framework`).
pub fn strip_pipe_suffix(title: &str) -> String {
    use crate::meta::tunables::{MAX_SITE_WORDS, MIN_HEADLINE_WORDS};
    let t = crate::text::normalize_space(title);
    if let Some((head, tail)) = t.rsplit_once(" | ") {
        let (head, tail) = (head.trim(), tail.trim());
        if crate::text::word_count(tail) <= MAX_SITE_WORDS
            && crate::text::word_count(head) >= MIN_HEADLINE_WORDS
        {
            return head.to_string();
        }
    }
    t
}

/// The part of `title` left after removing `headline` and separators (the site name).
fn site_part(title: &str, headline: &str) -> Option<String> {
    let pos = title.to_lowercase().find(&headline.to_lowercase())?;
    let after = &title[(pos + headline.len()).min(title.len())..];
    let before = &title[..pos];
    let strip = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || "|-–—_:»«·/".contains(c))
            .to_string()
    };
    let after = strip(after);
    let last = after
        .rsplit(['_', '|', '–', '—'])
        .next()
        .map(str::trim)
        .unwrap_or("")
        .to_string();
    if !last.is_empty() {
        return Some(last);
    }
    let before = strip(before);
    (!before.is_empty()).then_some(before)
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn dedecms_title() {
        let h = vec!["【稳中求进@高质量发展】让发展“引擎”更强劲".to_string()];
        let (t, site) = clean(
            "【稳中求进@高质量发展】让发展“引擎”更强劲_互联网_新闻热线网",
            &h,
        );
        assert_eq!(t, "【稳中求进@高质量发展】让发展“引擎”更强劲");
        assert_eq!(site.as_deref(), Some("新闻热线网"));
        let (t, _) = clean(
            "【稳中求进@高质量发展】让发展“引擎”更强劲_互联网_新闻热线网",
            &[],
        );
        assert_eq!(t, "【稳中求进@高质量发展】让发展“引擎”更强劲");
    }

    #[test]
    fn site_suffix_and_prefix() {
        assert_eq!(
            clean("How we built it | Example Blog", &[]).0,
            "How we built it"
        );
        assert_eq!(
            clean("Example - How we built the thing", &[]).0,
            "How we built the thing"
        );
        assert_eq!(clean("Short", &[]).0, "Short");
    }

    #[test]
    fn heading_must_be_a_whole_part() {
        let h = vec!["Videos".to_string()];
        assert_eq!(clean("Embedded videos test", &h).0, "Embedded videos test");
        let h = vec!["Mozilla".to_string()];
        assert_eq!(clean("Mozilla - Wikipedia", &h).0, "Mozilla");
        let h = vec![
            "evolve extension for Mercurial".to_string(),
            "Evolve: Shared Mutable History".to_string(),
        ];
        assert_eq!(
            clean(
                "Evolve: Shared Mutable History — evolve extension for Mercurial",
                &h
            )
            .0,
            "Evolve: Shared Mutable History"
        );
    }

    #[test]
    fn publisher_titles_lose_only_known_names() {
        use super::strip_known;
        assert_eq!(
            strip_known("How to Build a Terrarium | eHow", &["eHow"]),
            "How to Build a Terrarium"
        );
        assert_eq!(
            strip_known(
                "How we designed ATF - an async task framework",
                &["Dropbox"]
            ),
            "How we designed ATF - an async task framework"
        );
        assert_eq!(
            strip_known(
                "Whale strandings | Eleanor Ainge Roy",
                &["the Guardian", "Eleanor Ainge Roy"]
            ),
            "Whale strandings"
        );
        assert_eq!(strip_known("eHow", &["eHow"]), "eHow");
        use super::strip_pipe_suffix;
        assert_eq!(
            strip_pipe_suffix("Custom College Admission Plans & Packages | Professional Tutoring"),
            "Custom College Admission Plans & Packages"
        );
        assert_eq!(strip_pipe_suffix("Docs | Example"), "Docs | Example");
        assert_eq!(
            strip_pipe_suffix("Minecraft 1.8 - The Bountiful Update"),
            "Minecraft 1.8 - The Bountiful Update"
        );
    }
}
