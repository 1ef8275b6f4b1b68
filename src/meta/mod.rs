//! Metadata from every source, ranked: JSON-LD, OpenGraph/Twitter, Dublin Core and
//! `<meta name>` tags, `<time>`, visible bylines and CJK CMS info lines, and `<title>`
//! de-suffixed against the page's headings. Values that are absent stay `None`; nothing
//! is invented.

pub mod date;
pub mod from_content;
pub mod info_line;
pub mod jsonld;
pub mod relative;
pub mod tags;
pub mod title;
pub mod tunables;

use crate::dom::{Doc, NodeId};

/// Metadata gathered before content extraction (the builder adds fallbacks from the
/// article itself: lang/dir by script, excerpt from the first paragraph, lead image).
#[derive(Debug, Default, Clone)]
pub struct Meta {
    pub title: Option<String>,
    pub author: Option<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    pub image: Option<String>,
    pub url: Option<String>,
    /// JSON-LD `articleBody`: evidence for content selection.
    pub ld_body: Option<String>,
    /// JSON-LD `Product.description` (see `build::product`).
    pub product_description: Option<String>,
    /// The page is one product's page (JSON-LD `Product`, `og:type` `product`): its
    /// reviews and carousels are furniture (`extract::excluded_nodes`).
    pub product_page: bool,
    /// Nodes that carry metadata and must not appear in the content (info line, byline).
    pub meta_nodes: Vec<NodeId>,
    /// Time and author fields of a CJK info line need a zone; see `published` docs.
    pub info_line: Option<info_line::InfoLine>,
}

fn first_meta(doc: &Doc, keys: &[&str]) -> Option<String> {
    tags::first(doc, keys)
}

/// Headings in the body (h1, h2), for title checks.
fn headings(doc: &Doc) -> Vec<String> {
    let mut out = Vec::new();
    for id in doc.descendants(doc.body) {
        let n = doc.node(id);
        if matches!(n.tag(), "h1" | "h2") {
            let t = crate::text::normalize_space(&doc.text_of(id));
            // Heading permalinks (Sphinx `¶`, `#`) are not part of the heading.
            let t = t.trim_end_matches(['¶', '#', '§', '🔗', ' ']).to_string();
            if !t.is_empty() && t.len() < 400 {
                out.push(t);
            }
            if out.len() >= 20 {
                break;
            }
        }
    }
    out
}

/// Default UTC offset for CMS dates without one, by page language: China Standard Time
/// for Chinese, JST/KST for Japanese/Korean. Documented in DEVELOPING.md.
fn assumed_offset(lang: Option<&str>) -> Option<&'static str> {
    let l = lang?.to_ascii_lowercase();
    if l.starts_with("zh") {
        Some("+08:00")
    } else if l.starts_with("ja") || l.starts_with("ko") {
        Some("+09:00")
    } else {
        None
    }
}

/// When the page gives no absolute publication date, a relative one (`3小时前`) resolved
/// against `now` (see [`relative`]); its element then counts as metadata, not content.
pub fn resolve_relative_date(doc: &Doc, m: &mut Meta, now: relative::Now) {
    if m.published.is_some() {
        return;
    }
    let site = assumed_offset(m.lang.as_deref()).and_then(|o| {
        let sign = if o.starts_with('-') { -1 } else { 1 };
        let h: i32 = o.get(1..3)?.parse().ok()?;
        let mi: i32 = o.get(4..6)?.parse().ok()?;
        Some(sign * (h * 60 + mi))
    });
    if let Some((id, date)) = relative::find(doc, now, site) {
        m.published = Some(date);
        m.meta_nodes.push(id);
    }
}

/// Visible byline: `rel=author`, `itemprop=author`, or a short element whose class/id
/// says byline/author.
fn visible_byline(doc: &Doc) -> Option<(NodeId, String)> {
    for id in doc.descendants(doc.body) {
        let n = doc.node(id);
        if !n.is_element() {
            continue;
        }
        let rel_author = n.attr("rel").is_some_and(|r| r.contains("author"));
        let itemprop = n.attr("itemprop").is_some_and(|r| r.contains("author"));
        let hinted = n.hints.has(crate::dom::ClassHints::BYLINE);
        if !(rel_author || itemprop || hinted) {
            continue;
        }
        let text = crate::text::normalize_space(&doc.text_of(id));
        let words = crate::text::word_count(&text);
        if text.is_empty() || words > 12 || text.len() > 120 {
            continue;
        }
        // Prefer the name element inside a byline block.
        let inner = doc.descendants(id).skip(1).find(|&d| {
            let dn = doc.node(d);
            dn.attr("rel").is_some_and(|r| r.contains("author"))
                || dn
                    .attr("itemprop")
                    .is_some_and(|r| r == "author" || r == "name")
                || dn.hints.has(crate::dom::ClassHints::NAME)
        });
        let text = match inner {
            Some(d) => crate::text::normalize_space(&doc.text_of(d)),
            None => text,
        };
        let name = clean_byline(&text);
        // A user handle shown as the byline is the page's own credit (forums, Q&A).
        if !looks_like_a_name(&name) && !is_handle(&name) {
            continue;
        }
        return Some((id, name));
    }
    None
}

/// A cleaned byline that can be a person's or a desk's name: not empty, starting with a
/// letter, not a control's label (`Sign In`, `Follow Author`), not a lone word that a
/// date or label left behind (`Last` of `Last Updated: …`), no trailing `@`/`à`/`at`
/// debris of a date, and not a user handle of letters and digits (`CC7567`).
fn looks_like_a_name(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !first.is_alphabetic() {
        return false;
    }
    if is_label(s) || date::is_only_a_date(s) {
        return false;
    }
    let lower = s.to_lowercase();
    let last = lower.split_whitespace().last().unwrap_or("");
    if matches!(last, "@" | "à" | "at" | "on" | "le" | "am" | "um" | "el") {
        return false;
    }
    !is_handle(s)
}

/// A user handle of letters and digits (`CC7567`, `user3080392`).
fn is_handle(s: &str) -> bool {
    !s.contains(' ')
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_alphanumeric())
        && s.starts_with(|c: char| c.is_ascii_alphabetic())
}

/// A control's or a CMS account's label in a byline slot (`Sign In`, `Follow Author`,
/// `admin`): no one's name, whatever the source.
fn is_label(s: &str) -> bool {
    let lower = s.trim().to_lowercase();
    const LABELS: &[&str] = &[
        "sign in",
        "log in",
        "login",
        "sign up",
        "subscribe",
        "follow",
        "follow author",
        "share",
        "menu",
        "search",
        "more",
        "last",
        "updated",
        "published",
        "posted",
        "comments",
        "about the author",
        "the author",
        "writer",
        "author",
        "authors",
        "byline",
        "by",
        "written by",
        "advertisement",
        "admin",
        "administrator",
        "home",
    ];
    // A label whose name is missing (`Article by`, `Researched by:`), or a template's
    // unfilled key (`page.head.extra.author`).
    let unfilled = lower.trim_end_matches(':').ends_with(" by");
    let template_key = lower.matches('.').count() >= 2
        && lower
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_'))
        && lower
            .rsplit('.')
            .next()
            .is_some_and(|k| matches!(k, "author" | "name" | "byline" | "creator"));
    lower.is_empty() || LABELS.contains(&lower.as_str()) || unfilled || template_key
}

/// `By Jane Doe · Updated March 9, 2024 · 14 comments` → `Jane Doe`: strip the
/// "by" prefix (in our first-class languages) and cut at separators and dates.
pub fn clean_byline(s: &str) -> String {
    let mut t = crate::text::normalize_space(s);
    for sep in [" · ", " | ", " • ", "•", "|", " — ", " – ", " » ", "\n"] {
        if let Some(i) = t.find(sep) {
            if i > 0 {
                t.truncate(i);
            }
        }
    }
    // A date or time after the name.
    if let Some(cut) = date_after_name(&t) {
        t.truncate(cut);
    }
    // A date written out after the name: `Nathan Willis March 25, 2015`.
    if let Some(cut) = trailing_date(&t) {
        t.truncate(cut);
    }
    // A Q&A site's reputation and badge counts after a user name (`drat 1,6551 gold
    // badge14 silver badges`).
    if let Some(b) = find_ascii_ci(&t, " badge") {
        let cut = t[..b].char_indices().find(|&(i, c)| {
            c.is_whitespace()
                && t[i..]
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit())
        });
        if let Some((cut, _)) = cut {
            t.truncate(cut);
        }
    }
    // The editor is not the author (`Written by A Edited by B`).
    for label in [" edited by ", " editor: ", " reviewed by "] {
        if let Some(i) = find_ascii_ci(&t, label) {
            if i > 0 {
                t.truncate(i);
            }
        }
    }
    let lower = t.to_lowercase();
    for p in [
        "by: ",
        "by ",
        "written by ",
        "posted by ",
        "post by ",
        "view all posts by ",
        "authored by: ",
        "authored by ",
        "all posts by ",
        "text by ",
        "recipe by ",
        "authors: ",
        "author: ",
        "words by ",
        "von ",
        "par ",
        "por ",
        "di ",
        "door ",
        "av ",
        "af ",
        "przez ",
        "автор: ",
        "автор ",
        "بقلم: ",
        "بقلم ",
        "كتب: ",
        "كتب ",
        "מאת: ",
        "מאת ",
        "作者：",
        "作者:",
        "文／",
        "文/",
        "記者 ",
        "记者 ",
    ] {
        if lower.starts_with(p) {
            return trim_debris(&t[p.len()..]);
        }
    }
    // Inline elements glued without a space: `BySummer Swann`, `Written By:Jane Doe`.
    for p in ["written by", "posted by", "by"] {
        if let Some(rest) = t
            .get(p.len()..)
            .filter(|_| t[..p.len()].eq_ignore_ascii_case(p))
        {
            let glued = rest.starts_with(':') || rest.starts_with(|c: char| c.is_uppercase());
            if glued {
                return trim_debris(rest.trim_start_matches(':'));
            }
        }
    }
    trim_debris(&t)
}

/// Where a written-out date that ends the text begins (`March 25, 2015`, `March 11, 2015
/// 3:46 PM`, `25 March 2015`), after a name of at least one word: the start of the
/// whitespace before it.
fn trailing_date(t: &str) -> Option<usize> {
    let mut run_start = None;
    let mut prev = None;
    for (i, c) in t.char_indices() {
        if c.is_whitespace() {
            run_start.get_or_insert(i);
        } else if let Some(start) = run_start.take() {
            if date::is_only_a_date(&t[i..]) {
                return Some(weekday_before(t, start));
            }
        } else if prev.is_some_and(char::is_lowercase)
            && (c.is_uppercase() || c.is_ascii_digit())
            && date::is_only_a_date(&t[i..])
        {
            // Two inline elements glued without a space: `Luke KimDecember 17, 2025`.
            return Some(i);
        }
        prev = Some(c);
    }
    None
}

/// `start`, or the start of a weekday name (`Monday,`) that ends `t[..start]` after a
/// name: `Joe Wee Monday, February 29, 2016` is Joe Wee's.
fn weekday_before(t: &str, start: usize) -> usize {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let head = t[..start].trim_end_matches(',');
    let comma = head.len() < start;
    let (name, last) = head.rsplit_once(char::is_whitespace).unwrap_or(("", head));
    let l = last.trim_end_matches('.').to_ascii_lowercase();
    // An abbreviation (`Mon`, `Sun`) only with its punctuation or alone: `Lei Sun` is a
    // name, `Sun Dec 17, 2023` a date.
    let day = DAYS.contains(&l.as_str())
        || ((comma || last.ends_with('.') || name.trim().is_empty())
            && l.len() >= 3
            && DAYS.iter().any(|d| d.starts_with(&l)));
    if day {
        name.trim_end().len()
    } else {
        start
    }
}

/// `Roy, Aniruddha` → `Aniruddha Roy` (a citation's `Last, First`), but `Brenda Goodman,
/// MA` and `King, Jr.` stay: after the one comma must come a given name, not a degree or
/// a suffix.
fn first_last(s: &str) -> String {
    let Some((last, first)) = s.split_once(", ") else {
        return s.to_string();
    };
    const SUFFIXES: [&str; 16] = [
        "jr", "sr", "ii", "iii", "iv", "phd", "md", "ma", "ms", "msc", "rd", "rn", "dvm", "mba",
        "mph", "esq",
    ];
    let head = first.split_whitespace().next().unwrap_or("");
    let key: String = head
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let given = !first.contains(',')
        && head.starts_with(char::is_uppercase)
        && head
            .chars()
            .nth(1)
            .is_some_and(|c| c.is_lowercase() || c == '.')
        && !SUFFIXES.contains(&key.as_str())
        && !last.trim().is_empty();
    if given {
        format!("{} {}", first.trim(), last.trim())
    } else {
        s.to_string()
    }
}

/// A name without the separators a layout left around it (`Summer Swann-`).
fn trim_debris(s: &str) -> String {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ',' | ':' | ';' | '*')
    })
    .to_string()
}

/// Byte position of `needle` (ASCII, lower-case) in `hay`, ignoring ASCII case.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    (0..=h.len().checked_sub(n.len())?).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Collect page-level metadata.
pub fn collect(doc: &Doc) -> Meta {
    let ld = jsonld::parse(&doc.json_ld).unwrap_or_default();
    let mut m = Meta::default();
    let heads = headings(doc);
    let evidence = SiteEvidence::new(doc);

    m.lang = doc
        .html_lang
        .clone()
        .or_else(|| {
            first_meta(doc, &["content-language", "og:locale"]).map(|l| l.replace('_', "-"))
        })
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty());
    m.dir = doc
        .html_dir
        .clone()
        .map(|d| d.trim().to_ascii_lowercase())
        .filter(|d| d == "rtl" || d == "ltr");

    let page_title = doc.title.as_deref().map(tags::clean);
    // The publisher's name from JSON-LD is the plainest form (`og:site_name` often adds a
    // slogan or a domain: `Aktuálně.cz - Víte, co se právě děje`, `Libération.fr`).
    let site_meta = ld
        .publisher
        .as_deref()
        .map(tags::clean)
        .or_else(|| first_meta(doc, &["og:site_name", "application-name", "twitter:site"]))
        .filter(|s| !s.is_empty() && !s.starts_with('@'));
    let meta_title = ld_title(&ld, page_title.as_deref(), &heads).or_else(|| {
        first_meta(
            doc,
            &[
                "dc:title",
                "dc.title",
                "dcterm:title",
                "dcterms:title",
                "dcterms.title",
                "og:title",
                "weibo:article:title",
                "weibo:webpage:title",
                "title",
                "twitter:title",
                "parsely-title",
            ],
        )
    });
    // A publisher title that no heading and not `<title>` bears out, on a page whose
    // `<title>` a heading does bear out, is a site-wide default (`og:title` = the
    // site's slogan on every article): the page's own title is the better witness.
    let meta_title = meta_title.filter(|t| {
        let page_backed_instead = page_title.as_deref().is_some_and(|p| {
            title::witnessed(p, &heads) && title::word_share(t, p) < tunables::SAME_TITLE_SHARE
        });
        title::witnessed(t, &heads) || !page_backed_instead
    });
    let site_from_title;
    (m.title, site_from_title) = match (&meta_title, &page_title) {
        (Some(t), _) => {
            let (_, site) = page_title
                .as_deref()
                .map(|p| title::clean(p, &heads))
                .unwrap_or_default();
            let mut names: Vec<&str> = site_meta.iter().map(String::as_str).collect();
            names.extend(ld.publisher.as_deref());
            names.extend(ld.author.as_deref());
            let author_meta = first_meta(doc, &["author", "dc:creator", "dc.creator"]);
            names.extend(author_meta.as_deref());
            // A heading that is a separated part of it is the headline (`Healthy
            // Eating Plate • The Nutrition Source`); else only known names go.
            // A heading that is the site's own name (a masthead `<h1>`) is no headline.
            let squash = |s: &str| {
                s.chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect::<String>()
            };
            let headline_heads: Vec<String> = heads
                .iter()
                .filter(|h| {
                    let sh = squash(h);
                    !names.iter().any(|n| squash(n) == sh) && !evidence.confirmed(h)
                })
                .cloned()
                .collect();
            let cleaned = title::heading_part(t, &headline_heads).unwrap_or_else(|| {
                let known = title::strip_known_or(t, &names, |p| evidence.confirmed(p));
                title::strip_pipe_suffix(&known)
            });
            (Some(cleaned), site)
        }
        (None, Some(t)) => {
            let (clean, site) = title::clean(t, &heads);
            (Some(clean), site)
        }
        (None, None) => (heads.first().cloned(), None),
    };
    m.title = m.title.filter(|t| !t.is_empty());

    m.site_name = site_meta
        .or(site_from_title.filter(|s| crate::text::word_count(s) <= 6 && evidence.confirmed(s)));

    let info = info_line::find(doc);
    let byline = visible_byline(doc);
    m.author = ld
        .author
        .as_deref()
        .map(tags::clean)
        // A user handle (`CC7567`) in `creator` is an account, not a byline.
        .filter(|a| looks_like_a_name(a))
        .or_else(|| {
            // Several tags of one key are co-authors, named as JSON-LD's list is.
            let names = tags::all_of_first(
                doc,
                &[
                    "dc:creator",
                    "dc.creator",
                    "dcterm:creator",
                    "dcterms:creator",
                    "dcterms.creator",
                    "author",
                    "article:author",
                    "og:article:author",
                    "parsely-author",
                    "sailthru.author",
                    "byl",
                ],
                |a| !a.starts_with("http"),
            );
            let several = names.len() > 1;
            let mut names: Vec<String> = names
                .iter()
                .map(|a| clean_byline(a))
                // In a list the commas must separate people: `Kooman, F.` → `F. Kooman`.
                .map(|a| if several { first_last(&a) } else { a })
                .filter(|a| !is_label(a))
                .collect();
            names.dedup();
            // Scholarly pages name every author in `citation_author` (one tag each, often
            // `Last, First`), where `DC.Creator` may name only the first.
            let cited: Vec<String> =
                tags::all_of_first(doc, &["citation_author", "citation_authors"], |a| {
                    !a.starts_with("http")
                })
                .iter()
                .map(|a| first_last(&clean_byline(a)))
                .filter(|a| !is_label(a))
                .collect();
            if cited.len() > names.len() {
                names = cited;
            }
            (!names.is_empty()).then(|| names.join(", "))
        })
        .or_else(|| info.as_ref().and_then(|i| i.author.clone()))
        .or_else(|| byline.as_ref().map(|(_, b)| b.clone()));
    if let Some((id, _)) = &byline {
        m.meta_nodes.push(*id);
    }

    let offset = assumed_offset(m.lang.as_deref()).or_else(|| {
        // Pages without a lang: a CJK info line is itself evidence of a Chinese CMS.
        info.as_ref().map(|_| "+08:00")
    });
    // The machine-readable publication date, as written: JSON-LD `datePublished`, the
    // meta tags, then JSON-LD `dateCreated`.
    let raw_pub = ld.published.clone().map(|d| tags::clean(&d)).or_else(|| {
        first_meta(
            doc,
            &[
                "article:published_time",
                "og:published_time",
                "parsely-pub-date",
                "datepublished",
                "date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "pubdate",
                "publishdate",
                "sailthru.date",
                "publish-date",
                "article.published",
            ],
        )
        .or_else(|| ld.created.clone().map(|d| tags::clean(&d)))
    });
    m.published = raw_pub
        .and_then(|d| date::normalize(&d, None))
        .or_else(|| {
            info.as_ref()
                .and_then(|i| i.time.as_deref())
                .and_then(|t| date::normalize(t, offset))
        })
        .or_else(|| time_element(doc));
    m.modified = ld
        .modified
        .clone()
        .or_else(|| {
            first_meta(
                doc,
                &[
                    "article:modified_time",
                    "og:updated_time",
                    "datemodified",
                    "dcterms.modified",
                ],
            )
        })
        .and_then(|d| date::normalize(&d, None));
    if let Some(i) = &info {
        if let Some(n) = i.node {
            m.meta_nodes.push(n);
        }
    }
    m.info_line = info;

    m.excerpt = ld
        .description
        .as_deref()
        .map(tags::clean)
        .or_else(|| {
            first_meta(
                doc,
                &[
                    "dc:description",
                    "dc.description",
                    "dcterm:description",
                    "dcterms:description",
                    "dcterms.description",
                    "og:description",
                    "weibo:article:description",
                    "weibo:webpage:description",
                    "description",
                    "twitter:description",
                ],
            )
        })
        .map(|e| clean_excerpt(&e))
        .filter(|e| !e.is_empty());
    m.image = ld
        .image
        .clone()
        .or_else(|| {
            first_meta(
                doc,
                &[
                    "og:image",
                    "og:image:url",
                    "og:image:secure_url",
                    "twitter:image",
                    "twitter:image:src",
                ],
            )
        })
        .and_then(|i| doc.resolve(&i))
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|u| u.to_string());
    m.url = doc
        .canonical
        .clone()
        .or_else(|| first_meta(doc, &["og:url"]))
        .and_then(|u| doc.resolve(&u))
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .map(|u| u.to_string())
        .or_else(|| doc.page_url.as_ref().map(|u| u.to_string()));
    m.ld_body = ld.body;
    m.product_description = ld.product_description;
    m.product_page = ld.product_page
        || first_meta(doc, &["og:type"]).is_some_and(|t| {
            matches!(
                t.trim().to_ascii_lowercase().as_str(),
                "product" | "og:product"
            )
        });
    m
}

/// JSON-LD's title: `headline`, or `name` when the two differ and only `name` is borne out
/// by the page (`<title>` or a heading): some sites put the article's title in `name`
/// and a label in `headline` (`Wikimedia list article`), others their own name in `name`.
fn ld_title(ld: &jsonld::JsonLd, page_title: Option<&str>, heads: &[String]) -> Option<String> {
    let (h, n) = match (&ld.headline, &ld.name) {
        (Some(h), Some(n)) if h != n => (h, n),
        (h, n) => return h.clone().or(n.clone()).map(|t| tags::clean(&t)),
    };
    let backed =
        |t: &str| title::witnessed(t, heads) || page_title.is_some_and(|p| title::related(t, p));
    let t = if !backed(h) && backed(n) { n } else { h };
    Some(tags::clean(t))
}

/// A site name taken from the `<title>` suffix is kept only when the page confirms it:
/// it is the text (or logo `alt`) of a link to the site's home page, or the host name.
///
/// The evidence is gathered once per page (`collect` asks for the headings, the title's
/// parts and the `<title>` suffix): the host and the texts of the first 50 home links,
/// squashed (letters and digits, lower case). A name is confirmed when it is in the host
/// (3 characters or more) or equals one of those texts.
#[derive(Debug)]
struct SiteEvidence<'a> {
    doc: &'a Doc,
    host: Option<String>,
    homes: std::cell::OnceCell<Vec<String>>,
}

fn squash_site(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

impl<'a> SiteEvidence<'a> {
    fn new(doc: &'a Doc) -> Self {
        let host = doc
            .page_url
            .as_ref()
            .and_then(|u| u.host_str())
            .map(squash_site);
        SiteEvidence {
            doc,
            host,
            homes: std::cell::OnceCell::new(),
        }
    }

    /// Squashed texts and `alt`s of the first 50 links to the home page.
    fn home_texts(&self) -> &[String] {
        self.homes.get_or_init(|| {
            let doc = self.doc;
            let mut out = Vec::new();
            let mut checked = 0;
            for id in doc.descendants(doc.body) {
                let n = doc.node(id);
                if n.tag() != "a" {
                    continue;
                }
                let Some(href) = n.attr("href") else { continue };
                let home = match doc.resolve(href) {
                    Some(u) => {
                        u.path() == "/"
                            && u.query().is_none()
                            && doc
                                .page_url
                                .as_ref()
                                .is_none_or(|p| p.host_str() == u.host_str())
                    }
                    None => false,
                };
                if !home {
                    continue;
                }
                checked += 1;
                if checked > 50 {
                    break;
                }
                out.push(squash_site(&doc.text_of(id)));
                for d in doc.descendants(id) {
                    if let Some(alt) = doc.node(d).attr("alt") {
                        out.push(squash_site(alt));
                    }
                }
            }
            out
        })
    }

    fn confirmed(&self, name: &str) -> bool {
        let want = squash_site(name);
        if want.is_empty() {
            return false;
        }
        if want.len() >= 3 && self.host.as_ref().is_some_and(|h| h.contains(&want)) {
            return true;
        }
        self.home_texts().contains(&want)
    }
}

/// First `<time datetime>` (or `pubdate`) in the body.
fn time_element(doc: &Doc) -> Option<String> {
    for id in doc.descendants(doc.body) {
        let n = doc.node(id);
        if n.tag() == "time" {
            if let Some(d) = n.attr("datetime").and_then(|d| date::normalize(d, None)) {
                return Some(d);
            }
        }
    }
    None
}

/// Meta descriptions are often cut mid-entity by the CMS (`…“高大上&rdqu`): drop a
/// dangling partial entity so the excerpt does not show markup debris.
fn clean_excerpt(s: &str) -> String {
    let t = crate::text::normalize_space(s);
    if let Some(amp) = t.rfind('&') {
        let tail = &t[amp + 1..];
        if !tail.is_empty()
            && tail.len() <= 8
            && tail.chars().all(|c| c.is_ascii_alphanumeric() || c == '#')
        {
            return format!("{}…", t[..amp].trim_end());
        }
    }
    t
}

/// Where a date, a time or "updated/published/posted/on" follows the name: the start of
/// the whitespace before it (the former pattern `\s+(?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|
/// \d{4}年|\d{1,2}:\d{2}|(?i:updated|published|posted|on)\b).*$`, whose match was cut).
fn date_after_name(t: &str) -> Option<usize> {
    use crate::text::scan::{is_digit, is_space, is_word, strip_prefix_ci, take};
    let after = |r: &str| -> bool {
        let (a, rest) = take(r, 4, is_digit);
        let n = a.chars().count();
        if n > 0 && !rest.starts_with(is_digit) {
            let dmy = || -> Option<()> {
                let rest = rest.strip_prefix(['.', '/', '-'])?;
                let (b, rest) = take(rest, 2, is_digit);
                if b.is_empty() || rest.starts_with(is_digit) {
                    return None;
                }
                let rest = rest.strip_prefix(['.', '/', '-'])?;
                rest.starts_with(is_digit).then_some(())
            };
            if dmy().is_some() || (n == 4 && rest.starts_with('年')) {
                return true;
            }
        }
        let (h, rest) = take(r, 2, is_digit);
        if !h.is_empty() && !rest.starts_with(is_digit) {
            if let Some(m) = rest.strip_prefix(':') {
                if take(m, 2, is_digit).0.chars().count() == 2 {
                    return true;
                }
            }
        }
        ["updated", "published", "posted", "on"]
            .iter()
            .any(|w| strip_prefix_ci(r, w).is_some_and(|rest| !rest.starts_with(is_word)))
    };
    let mut run_start = None;
    for (i, c) in t.char_indices() {
        if is_space(c) {
            run_start.get_or_insert(i);
        } else if let Some(start) = run_start.take() {
            if after(&t[i..]) && !t[i..].contains('\n') {
                return Some(start);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{clean_excerpt, looks_like_a_name};

    #[test]
    fn byline_debris_is_not_a_name() {
        for bad in [
            "Sign In",
            "Last",
            "1 mars 2019 à",
            "Joe Wee Monday, February 29, 2016 @",
            "CC7567",
            "",
            "Follow Author",
            "Administrator",
            "Article by",
            "Researched by:",
            "The Author",
            "Writer",
            "page.head.extra.author",
            "By",
            "August 28, 2025",
            "Dec. 19, 2025",
        ] {
            assert!(!looks_like_a_name(bad), "{bad}");
        }
        for good in [
            "Marcus 12.05.2024",
            "Mayank Gupta",
            "andrew.keaveney",
            "sara.r.peter",
            "Bobby",
            "Brenda Goodman, MA",
            "林小舟",
            "Alexandre Hervaud",
            "AFP",
            "Our Foreign Staff",
            "محمد علي",
        ] {
            assert!(looks_like_a_name(good), "{good}");
        }
    }

    #[test]
    fn glued_prefixes_and_debris() {
        assert_eq!(super::clean_byline("BySummer Swann-"), "Summer Swann");
        assert_eq!(
            super::clean_byline("Written By:Cazzy Magennis"),
            "Cazzy Magennis"
        );
        assert_eq!(super::clean_byline("Byron Katie"), "Byron Katie");
        assert_eq!(super::clean_byline("by Jane Doe"), "Jane Doe");
    }

    #[test]
    fn written_out_date_after_the_name() {
        assert_eq!(
            super::clean_byline("By Nathan Willis March 25, 2015"),
            "Nathan Willis"
        );
        assert_eq!(
            super::clean_byline("By GILLIAN MOHNEY March 11, 2015 3:46 PM"),
            "GILLIAN MOHNEY"
        );
        assert_eq!(super::clean_byline("Jane Doe 25 March 2015"), "Jane Doe");
        assert_eq!(
            super::clean_byline("Joe Wee Monday, February 29, 2016 @"),
            "Joe Wee"
        );
        assert_eq!(super::clean_byline("Lei Sun March 3, 2015"), "Lei Sun");
        assert_eq!(super::clean_byline("Luke KimDecember 17, 2025"), "Luke Kim");
        assert_eq!(
            super::clean_byline("Chris Carroll30 Sep 2022"),
            "Chris Carroll"
        );
        assert_eq!(super::clean_byline("Ronald McDonald"), "Ronald McDonald");
        assert_eq!(super::clean_byline("Sun Dec 17, 2023"), "");
        assert_eq!(super::clean_byline("Sat, 20 Dec, 2025"), "");
        assert_eq!(
            super::clean_byline("Post by changingtimes » Sat Feb 24, 2024"),
            "changingtimes"
        );
        assert_eq!(
            super::clean_byline("Outer Armatonisdaristan » Tue Aug 27, 2019"),
            "Outer Armatonisdaristan"
        );
        assert_eq!(
            super::clean_byline("Lei Sun Sun., March 3, 2015"),
            "Lei Sun"
        );
        // A month name that is a name stays.
        assert_eq!(super::clean_byline("By April Smith"), "April Smith");
        assert_eq!(super::clean_byline("June 2015"), "June 2015");
    }

    #[test]
    fn labels_and_badges_around_the_name() {
        for (raw, name) in [
            ("View all posts by Ray Ansari", "Ray Ansari"),
            ("Text by Hunter Dukes", "Hunter Dukes"),
            ("Recipe by PJ Hamel", "PJ Hamel"),
            (
                "Authors: Julie Weisenhorn and Natalie Hoidal",
                "Julie Weisenhorn and Natalie Hoidal",
            ),
            (
                "drat 1,6551 gold badge14 silver badges31 bronze badges",
                "drat",
            ),
            (
                "jldugger 14.6k20 gold badges83 silver badges131 bronze badges",
                "jldugger",
            ),
            (
                "glenn jackman 88.7k16 gold badges125 silver badges",
                "glenn jackman",
            ),
            ("Angela Holliday-Bell, MD*", "Angela Holliday-Bell, MD"),
            ("Authored by: Dr. Ehsan Jazini", "Dr. Ehsan Jazini"),
            ("Badger Smith", "Badger Smith"),
        ] {
            assert_eq!(super::clean_byline(raw), name, "{raw}");
        }
    }

    #[test]
    fn editor_is_not_the_author() {
        assert_eq!(
            super::clean_byline("Written by Rob Ewaschuk Edited by Betsy Beyer"),
            "Rob Ewaschuk"
        );
    }

    #[test]
    fn drops_dangling_entity() {
        assert_eq!(clean_excerpt("聚焦“高大上&rdqu"), "聚焦“高大上…");
        assert_eq!(clean_excerpt("Tom & Jerry"), "Tom & Jerry");
    }
}

#[cfg(test)]
mod collect_tests {
    use crate::{extract, Options};

    const BODY: &str = "<p>Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do \
        eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis \
        nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>";

    fn read(head: &str, h1: &str) -> crate::model::Article {
        let html = format!(
            "<html><head>{head}</head><body><article><h1>{h1}</h1>{BODY}{BODY}{BODY}\
             </article></body></html>"
        );
        extract(&html, &Options::default()).expect("article")
    }

    #[test]
    fn json_ld_publication_date_beats_meta_and_creation() {
        let a = read(
            r#"<meta property="article:published_time" content="2018-12-21 12:55:00">
            <script type="application/ld+json"><![CDATA[{"@context":"https://schema.org",
            "@type":"NewsArticle","headline":"H","datePublished":"2018-12-21T12:55:00Z",
            "dateCreated":"2018-12-20T01:00:00Z"}]]></script>"#,
            "H",
        );
        assert_eq!(a.published.as_deref(), Some("2018-12-21T12:55:00Z"));
        let a = read(
            r#"<meta property="article:published_time" content="2017-02-23T17:18:13-08:00">
            <script type="application/ld+json">{"@context":"https://schema.org",
            "@type":"NewsArticle","headline":"H","dateCreated":"2017-02-24T01:18:13Z",
            "creator":"CC7567"}</script>"#,
            "H",
        );
        assert_eq!(a.published.as_deref(), Some("2017-02-23T17:18:13-08:00"));
        assert_eq!(a.author, None);
    }

    #[test]
    fn rdfa_keys_rank_and_double_escaping() {
        let a = read(
            r#"<title>Title Element</title>
            <meta property="x:title dc:title" content="Preferred title">
            <meta property="og:title twitter:title" content="A title">
            <meta property="dc:creator twitter:site_name" content="Creator Name">
            <meta name="author" content="Someone Else">
            <meta property="dc:description og:description" content="That&amp;#039;s &amp;quot;it&amp;quot;">"#,
            "Test document title",
        );
        assert_eq!(a.title.as_deref(), Some("Preferred title"));
        assert_eq!(a.author.as_deref(), Some("Creator Name"));
        assert_eq!(a.excerpt.as_deref(), Some("That's \"it\""));
    }

    #[test]
    fn publisher_title_keeps_its_subtitle_loses_the_site() {
        let a = read(
            r#"<meta property="og:title" content="How we designed ATF - an async task framework">
            <meta property="og:site_name" content="Dropbox">"#,
            "How we designed ATF: an async task framework",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("How we designed ATF - an async task framework")
        );
        let a = read(
            r#"<meta property="og:title" content="How to Build a Terrarium | eHow">
            <meta property="og:site_name" content="eHow">"#,
            "How to Build a Terrarium",
        );
        assert_eq!(a.title.as_deref(), Some("How to Build a Terrarium"));
    }

    #[test]
    fn co_authors_in_meta_tags() {
        let a = read(
            r#"<meta name="DC.Creator" content="Kooman, F."><meta name="DC.Creator" content="Jong, Michiel de">"#,
            "H",
        );
        assert_eq!(a.author.as_deref(), Some("F. Kooman, Michiel de Jong"));
        // The same name twice is one author; a profile URL is no name.
        let a = read(
            r#"<meta name="author" content="Gina Roberts-Grey"><meta name="author" content="Gina Roberts-Grey">"#,
            "H",
        );
        assert_eq!(a.author.as_deref(), Some("Gina Roberts-Grey"));
        let a = read(
            r#"<meta property="article:author" content="https://example.com/jane"><meta name="parsely-author" content="Jane Doe">"#,
            "H",
        );
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        // A CMS account's label is no co-author; a handle is kept (it is all there is).
        let a = read(
            r#"<meta name="author" content="Administrator"><meta name="author" content="David Kim">"#,
            "H",
        );
        assert_eq!(a.author.as_deref(), Some("David Kim"));
        let a = read(r#"<meta name="author" content="ggailey777">"#, "H");
        assert_eq!(a.author.as_deref(), Some("ggailey777"));
    }

    #[test]
    fn citation_authors_name_every_author() {
        let a = read(
            r#"<meta name="DC.Creator" content="Jennifer Huberty">
            <meta name="citation_author" content="Jennifer Huberty">
            <meta name="citation_author" content="Jeni Green">"#,
            "H",
        );
        assert_eq!(a.author.as_deref(), Some("Jennifer Huberty, Jeni Green"));
        let a = read(
            r#"<meta name="citation_author" content="Roy, Aniruddha">
            <meta name="citation_author" content="Kaufman, Jeff T.">"#,
            "H",
        );
        assert_eq!(a.author.as_deref(), Some("Aniruddha Roy, Jeff T. Kaufman"));
        assert_eq!(
            super::first_last("Brenda Goodman, MA"),
            "Brenda Goodman, MA"
        );
        assert_eq!(super::first_last("King, Jr."), "King, Jr.");
        assert_eq!(super::first_last("Jong, Michiel de"), "Michiel de Jong");
    }

    #[test]
    fn site_wide_og_title_yields_to_the_page_title() {
        let a = read(
            r#"<title>Space ship breaks up over Siberia</title>
            <meta property="og:title" content="Example News - Latest News &amp; Headlines">"#,
            "Space ship breaks up over Siberia",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("Space ship breaks up over Siberia")
        );
    }

    #[test]
    fn json_ld_name_or_headline_by_page_evidence() {
        let a = read(
            r#"<title>List of films featuring time loops - Wikipedia</title>
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Article",
            "name":"List of films featuring time loops","headline":"Wikimedia list article",
            "publisher":{"@type":"Organization","name":"Wikimedia Foundation, Inc."}}</script>"#,
            "List of films featuring time loops",
        );
        assert_eq!(
            a.title.as_deref(),
            Some("List of films featuring time loops")
        );
        assert_eq!(a.site_name.as_deref(), Some("Wikimedia Foundation, Inc."));
    }
}
