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

/// Split `title` into (headline, suffix-or-prefix site part) using the page headings.
/// Returns the cleaned headline and the dropped site-ish part, if any.
pub fn clean(title: &str, headings: &[String]) -> (String, Option<String>) {
    let title = crate::text::normalize_space(title);
    if title.is_empty() {
        return (title, None);
    }
    let nt = norm(&title);
    // 1. A heading that is contained in the title (and substantial) is the headline.
    let mut best: Option<&String> = None;
    for h in headings {
        let nh = norm(h);
        if nh.chars().count() >= 4 && nt.contains(&nh) && best.is_none_or(|b| b.len() < h.len()) {
            best = Some(h);
        }
    }
    if let Some(h) = best {
        let h = crate::text::normalize_space(h);
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
}
