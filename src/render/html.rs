//! Reader-view HTML, rendered from the typed model only.
//!
//! * [`to_reader_html`] returns an `<article>` fragment: a `<header>` (title as `<h1>`, a
//!   byline with author, `<time datetime>`, site name and a link to the original) and the
//!   body as semantic HTML. Body `h1` headings are clamped to `h2` so the title stays the
//!   only `h1`.
//! * [`to_reader_document`] wraps the fragment in a standalone page with a strict
//!   Content-Security-Policy (no scripts, no external styles, images only) and a small
//!   inline stylesheet.
//!
//! Every text node and attribute value is escaped (`& < > " '`). URLs are
//! allowlisted again here (defense in depth; the builder already filters): links may be
//! `http:`, `https:`, `mailto:` or a `#fragment`, images `http:`, `https:` or a
//! `data:image/{png,jpeg,gif,webp}` URL. A link with any other URL renders as its text; an
//! image with any other URL renders as its `alt` text. Links get
//! `rel="noopener noreferrer nofollow"`, images `loading="lazy"` and
//! `referrerpolicy="no-referrer"`.
//!
//! The URL allowlist and the label sanitisers here are shared with the Markdown renderer.

use crate::model::{Block, Cell, Image, Inline, ListItem, Table};
use crate::Article;

/// Escape text for an HTML text node or a quoted attribute value.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

/// Trim what browsers trim from URL ends (C0 controls and space) and reject the URL if
/// any control character remains inside.
fn clean_url(url: &str) -> Option<&str> {
    let u = url.trim_matches(|c: char| c <= ' ');
    if u.is_empty() || u.chars().any(char::is_control) {
        None
    } else {
        Some(u)
    }
}

/// The link URL if its scheme is allowlisted (`http`, `https`, `mailto`, `#fragment`).
pub(crate) fn safe_href(url: &str) -> Option<&str> {
    let u = clean_url(url)?;
    let ok = u.starts_with('#')
        || starts_with_ci(u, "http://")
        || starts_with_ci(u, "https://")
        || starts_with_ci(u, "mailto:");
    ok.then_some(u)
}

/// The image URL if allowlisted (`http`, `https`, `data:image/{png,jpeg,gif,webp}`).
pub(crate) fn safe_img_src(url: &str) -> Option<&str> {
    let u = clean_url(url)?;
    if starts_with_ci(u, "http://") || starts_with_ci(u, "https://") {
        return Some(u);
    }
    ["png", "jpeg", "gif", "webp"]
        .iter()
        .any(|t| {
            let prefix = format!("data:image/{t}");
            starts_with_ci(u, &prefix)
                && matches!(u.as_bytes().get(prefix.len()), Some(b';' | b','))
        })
        .then_some(u)
}

/// A footnote label safe in HTML ids and Markdown footnote syntax: letters, digits, `-`
/// and `_` kept, anything else replaced by `-`, at most 64 characters, `fn` when empty.
pub(crate) fn footnote_label(id: &str) -> String {
    let s: String = id
        .trim()
        .chars()
        .take(64)
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    if s.is_empty() {
        "fn".to_string()
    } else {
        s
    }
}

/// A code language token: ASCII letters, digits and `+ - # . _`, at most 32 characters.
pub(crate) fn code_lang(lang: Option<&str>) -> Option<String> {
    let l = lang?.trim();
    let ok = !l.is_empty()
        && l.len() <= 32
        && l.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '#' | '.' | '_'));
    ok.then(|| l.to_string())
}

/// A BCP 47-looking language tag (letters, digits, `-`), else `None`.
fn lang_tag(lang: Option<&str>) -> Option<&str> {
    let l = lang?.trim();
    let ok =
        !l.is_empty() && l.len() <= 64 && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then_some(l)
}

/// The reader view as an escaped `<article>` fragment.
pub fn to_reader_html(a: &Article) -> String {
    let mut out = String::from("<article");
    if let Some(l) = lang_tag(a.lang.as_deref()) {
        out.push_str(&format!(" lang=\"{}\"", escape(l)));
    }
    if let Some(d) = a.dir {
        out.push_str(&format!(" dir=\"{}\"", d.as_str()));
    }
    out.push_str(">\n");
    header(a, &mut out);
    blocks(&a.blocks, &mut out);
    out.push_str("</article>\n");
    out
}

const CSP: &str = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'";

const STYLE: &str = r#":root{color-scheme:light dark;--fg:#1d1d1f;--muted:#6e6e73;--bg:#fdfdfc;--rule:#d8d8d8;--code:#f3f3f1;--link:#0b57d0}
@media (prefers-color-scheme:dark){:root{--fg:#e6e6e6;--muted:#a0a0a5;--bg:#161618;--rule:#3a3a3c;--code:#222225;--link:#8ab4f8}}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;padding:2rem 1.25rem 4rem;background:var(--bg);color:var(--fg);font:1.125rem/1.7 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC","PingFang SC","Hiragino Sans","Microsoft YaHei","Noto Naskh Arabic","Noto Sans Hebrew",sans-serif}
article{max-width:40rem;margin:0 auto;overflow-wrap:break-word}
:lang(zh),:lang(ja),:lang(ko){line-height:1.85;line-break:strict;word-break:normal}
:lang(zh) em,:lang(ja) em{font-style:normal;text-emphasis:filled dot;text-emphasis-position:under right}
:lang(ar),:lang(fa),:lang(ur),:lang(he){line-height:1.9}
h1,h2,h3,h4,h5,h6{line-height:1.3;margin:1.6em 0 .6em}
h1{font-size:2rem;margin-top:0}
header{margin-bottom:2rem}
.byline{color:var(--muted);font-size:.9rem}
a{color:var(--link)}
p,ul,ol,blockquote,figure,pre,.table-wrap,.footnote{margin:0 0 1.1em}
ul,ol{padding-inline-start:1.6em}
blockquote{margin-inline:0;padding-inline-start:1em;border-inline-start:.25em solid var(--rule);color:var(--muted)}
img{max-width:100%;height:auto}
figure{margin-inline:0}
figcaption{color:var(--muted);font-size:.9rem;margin-top:.4em}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;font-size:.95rem}
th,td{border:1px solid var(--rule);padding:.35em .6em;text-align:start;vertical-align:top}
caption{caption-side:top;color:var(--muted);padding:.4em 0}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Noto Sans Mono",monospace;font-size:.9em}
code{background:var(--code);padding:.1em .25em;border-radius:3px}
pre{background:var(--code);padding:.8em 1em;overflow-x:auto;border-radius:4px;direction:ltr;text-align:left;line-height:1.5}
pre code{background:none;padding:0;white-space:pre}
code.math{unicode-bidi:isolate;direction:ltr}
hr{border:0;border-top:1px solid var(--rule);margin:2em 0}
.footnote{font-size:.9rem;color:var(--muted)}
.footnote-label{font-weight:600}
sup,sub{line-height:0}
"#;

/// The reader view as a standalone HTML document (strict CSP, inline stylesheet).
pub fn to_reader_document(a: &Article) -> String {
    let mut out = String::from("<!doctype html>\n<html");
    if let Some(l) = lang_tag(a.lang.as_deref()) {
        out.push_str(&format!(" lang=\"{}\"", escape(l)));
    }
    let dir = a.dir.map_or("auto", |d| d.as_str());
    out.push_str(&format!(
        " dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n"
    ));
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n"
    ));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let title = a.title.as_deref().map(str::trim).unwrap_or_default();
    out.push_str(&format!("<title>{}</title>\n", escape(title)));
    out.push_str(&format!("<style>\n{STYLE}</style>\n</head>\n<body>\n"));
    out.push_str(&to_reader_html(a));
    out.push_str("</body>\n</html>\n");
    out
}

fn non_blank(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

fn header(a: &Article, out: &mut String) {
    let mut parts: Vec<String> = Vec::new();
    if let Some(author) = non_blank(&a.author) {
        parts.push(format!("<span class=\"author\">{}</span>", escape(author)));
    }
    if let Some(p) = non_blank(&a.published) {
        let shown = p.split('T').next().unwrap_or(p);
        parts.push(format!(
            "<time datetime=\"{}\">{}</time>",
            escape(p),
            escape(shown)
        ));
    }
    if let Some(site) = non_blank(&a.site_name) {
        parts.push(format!("<span class=\"site-name\">{}</span>", escape(site)));
    }
    if let Some(u) = a.url.as_deref().and_then(safe_href) {
        let label = url::Url::parse(&crate::idn::ascii_hosts(u))
            .ok()
            .and_then(|p| p.host_str().map(str::to_string))
            .unwrap_or_else(|| u.to_string());
        parts.push(format!(
            "<a class=\"source\" href=\"{}\" rel=\"noopener noreferrer\">{}</a>",
            escape(u),
            escape(&label)
        ));
    }
    let title = non_blank(&a.title);
    if title.is_none() && parts.is_empty() {
        return;
    }
    out.push_str("<header>\n");
    if let Some(t) = title {
        out.push_str(&format!("<h1>{}</h1>\n", escape(t)));
    }
    if !parts.is_empty() {
        out.push_str(&format!("<p class=\"byline\">{}</p>\n", parts.join(" · ")));
    }
    out.push_str("</header>\n");
}

fn blocks(bs: &[Block], out: &mut String) {
    for b in bs {
        block(b, out);
    }
}

fn block(b: &Block, out: &mut String) {
    match b {
        Block::Heading { level, content } => {
            let l = (*level).clamp(2, 6);
            out.push_str(&format!("<h{l}>{}</h{l}>\n", inlines(content)));
        }
        Block::Paragraph { content } => {
            out.push_str(&format!("<p>{}</p>\n", inlines(content)));
        }
        Block::List {
            ordered,
            start,
            items,
        } => list(*ordered, *start, items, out),
        Block::Table(t) => table(t, out),
        Block::Code { lang, text } => {
            let class = code_lang(lang.as_deref())
                .map(|l| format!(" class=\"language-{}\"", escape(&l)))
                .unwrap_or_default();
            out.push_str(&format!(
                "<pre><code{class}>{}</code></pre>\n",
                escape(text)
            ));
        }
        Block::Figure { images, caption } => figure(images, caption, out),
        Block::Quote { blocks: inner } => {
            out.push_str("<blockquote>\n");
            blocks(inner, out);
            out.push_str("</blockquote>\n");
        }
        Block::Math { tex } => {
            out.push_str(&format!(
                "<pre class=\"math\"><code class=\"math math-display\">{}</code></pre>\n",
                escape(tex)
            ));
        }
        Block::Footnote { id, blocks: inner } => footnote(id, inner, out),
        Block::Rule => out.push_str("<hr>\n"),
    }
}

fn list(ordered: bool, start: Option<u32>, items: &[ListItem], out: &mut String) {
    if ordered {
        match start {
            Some(n) if n != 1 => out.push_str(&format!("<ol start=\"{n}\">\n")),
            _ => out.push_str("<ol>\n"),
        }
    } else {
        out.push_str("<ul>\n");
    }
    for item in items {
        match item.blocks.as_slice() {
            [Block::Paragraph { content }] => {
                out.push_str(&format!("<li>{}</li>\n", inlines(content)));
            }
            inner => {
                out.push_str("<li>\n");
                blocks(inner, out);
                out.push_str("</li>\n");
            }
        }
    }
    out.push_str(if ordered { "</ol>\n" } else { "</ul>\n" });
}

fn table_row(cells: &[Cell], tag: &str, out: &mut String) {
    out.push_str("<tr>");
    for c in cells {
        out.push_str(&format!("<{tag}>{}</{tag}>", inlines(&c.content)));
    }
    out.push_str("</tr>\n");
}

fn table(t: &Table, out: &mut String) {
    out.push_str("<div class=\"table-wrap\">\n<table>\n");
    if !t.caption.is_empty() {
        out.push_str(&format!("<caption>{}</caption>\n", inlines(&t.caption)));
    }
    if !t.head.is_empty() {
        out.push_str("<thead>\n");
        table_row(&t.head, "th", out);
        out.push_str("</thead>\n");
    }
    out.push_str("<tbody>\n");
    for row in &t.rows {
        table_row(row, "td", out);
    }
    out.push_str("</tbody>\n</table>\n</div>\n");
}

fn figure(images: &[Image], caption: &[Inline], out: &mut String) {
    out.push_str("<figure>\n");
    for img in images {
        out.push_str(&image(img));
        out.push('\n');
    }
    if !caption.is_empty() {
        out.push_str(&format!("<figcaption>{}</figcaption>\n", inlines(caption)));
    }
    out.push_str("</figure>\n");
}

fn footnote(id: &str, inner: &[Block], out: &mut String) {
    let label = footnote_label(id);
    out.push_str(&format!(
        "<aside class=\"footnote\" id=\"fn-{}\" role=\"note\">\n<p class=\"footnote-label\">{}</p>\n",
        escape(&label),
        escape(id.trim())
    ));
    blocks(inner, out);
    out.push_str("</aside>\n");
}

fn image(img: &Image) -> String {
    let Some(src) = safe_img_src(&img.src) else {
        return escape(&img.alt);
    };
    let title = img
        .title
        .as_deref()
        .map(|t| format!(" title=\"{}\"", escape(t)))
        .unwrap_or_default();
    format!(
        "<img src=\"{}\" alt=\"{}\"{title} loading=\"lazy\" referrerpolicy=\"no-referrer\">",
        escape(src),
        escape(&img.alt)
    )
}

fn inlines(content: &[Inline]) -> String {
    let mut out = String::new();
    push_inlines(content, false, &mut out);
    out
}

fn wrap(tag: &str, content: &[Inline], in_link: bool, out: &mut String) {
    out.push_str(&format!("<{tag}>"));
    push_inlines(content, in_link, out);
    out.push_str(&format!("</{tag}>"));
}

fn push_inlines(content: &[Inline], in_link: bool, out: &mut String) {
    for i in content {
        push_inline(i, in_link, out);
    }
}

fn push_inline(i: &Inline, in_link: bool, out: &mut String) {
    match i {
        Inline::Text { text } => out.push_str(&escape(text)),
        Inline::Emphasis { content } => wrap("em", content, in_link, out),
        Inline::Strong { content } => wrap("strong", content, in_link, out),
        Inline::Strike { content } => wrap("s", content, in_link, out),
        Inline::Superscript { content } => wrap("sup", content, in_link, out),
        Inline::Subscript { content } => wrap("sub", content, in_link, out),
        Inline::Code { text } => out.push_str(&format!("<code>{}</code>", escape(text))),
        Inline::Link { href, content } => link(href, content, in_link, out),
        Inline::Image(img) => out.push_str(&image(img)),
        Inline::Math { tex } => out.push_str(&format!(
            "<code class=\"math math-inline\">{}</code>",
            escape(tex)
        )),
        Inline::FootnoteRef { id } => out.push_str(&format!(
            "<sup class=\"footnote-ref\"><a href=\"#fn-{}\">{}</a></sup>",
            escape(&footnote_label(id)),
            escape(id.trim())
        )),
        Inline::LineBreak => out.push_str("<br>"),
    }
}

fn link(href: &str, content: &[Inline], in_link: bool, out: &mut String) {
    let Some(u) = safe_href(href).filter(|_| !in_link) else {
        push_inlines(content, in_link, out);
        return;
    };
    out.push_str(&format!(
        "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">",
        escape(u)
    ));
    if content.is_empty() {
        out.push_str(&escape(u));
    } else {
        push_inlines(content, true, out);
    }
    out.push_str("</a>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Dir;

    fn t(s: &str) -> Inline {
        Inline::text(s)
    }
    fn p(content: Vec<Inline>) -> Block {
        Block::Paragraph { content }
    }
    fn body(blocks: Vec<Block>) -> String {
        let a = Article {
            blocks,
            ..Article::default()
        };
        to_reader_html(&a)
    }

    #[test]
    fn escapes_text_and_attributes() {
        let h = body(vec![p(vec![
            t("<script>alert('x')</script> & \"q\" &amp;"),
            Inline::Link {
                href: "https://e.com/?a=1&b=\"><script>".into(),
                content: vec![t("l")],
            },
        ])]);
        assert!(!h.contains("<script>"), "{h}");
        assert!(h.contains(
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot; &amp;amp;"
        ));
        assert!(h.contains(
            "<a href=\"https://e.com/?a=1&amp;b=&quot;&gt;&lt;script&gt;\" rel=\"noopener noreferrer nofollow\">l</a>"
        ));
    }

    #[test]
    fn url_allowlist_for_links() {
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "vbscript:x",
            "data:text/html,<b>",
            "file:///etc/passwd",
            "//evil.com",
            "java\nscript:alert(1)",
            "https://e.com/\u{0}x",
        ] {
            let h = body(vec![p(vec![Inline::Link {
                href: bad.into(),
                content: vec![t("txt")],
            }])]);
            assert_eq!(h, "<article>\n<p>txt</p>\n</article>\n", "{bad}");
        }
        for good in ["https://e.com/", "HTTP://E.COM", "mailto:a@b.c", "#sec-2"] {
            let h = body(vec![p(vec![Inline::Link {
                href: good.into(),
                content: vec![t("txt")],
            }])]);
            assert!(h.contains(&format!("href=\"{}\"", escape(good))), "{h}");
        }
    }

    #[test]
    fn url_allowlist_for_images() {
        let img = |src: &str| {
            body(vec![Block::Figure {
                images: vec![Image {
                    src: src.into(),
                    alt: "a<b".into(),
                    title: Some("t\"".into()),
                }],
                caption: vec![t("cap")],
            }])
        };
        let h = img("https://e.com/x.png");
        assert!(h.contains(
            "<img src=\"https://e.com/x.png\" alt=\"a&lt;b\" title=\"t&quot;\" loading=\"lazy\" referrerpolicy=\"no-referrer\">"
        ), "{h}");
        assert!(h.contains("<figcaption>cap</figcaption>"));
        assert!(img("data:image/png;base64,AAAA").contains("<img src=\"data:image/png;base64"));
        assert!(img("data:image/webp,xx").contains("<img "));
        for bad in [
            "data:image/svg+xml,<svg onload=alert(1)>",
            "data:text/html,x",
            "javascript:alert(1)",
            "mailto:a@b.c",
            "#x",
            "data:image/pngx,1",
        ] {
            let h = img(bad);
            assert!(!h.contains("<img"), "{bad}: {h}");
            assert!(h.contains("a&lt;b"), "alt text shown instead: {h}");
        }
    }

    #[test]
    fn header_and_article_attributes() {
        let a = Article {
            url: Some("https://news.example.com/a?x=1&y=2".into()),
            title: Some("T <i>".into()),
            author: Some("Ann & Bob".into()),
            published: Some("2024-06-17T07:24:00+08:00".into()),
            site_name: Some("Site".into()),
            lang: Some("ar".into()),
            dir: Some(Dir::Rtl),
            blocks: vec![Block::Heading {
                level: 1,
                content: vec![t("Body h1")],
            }],
            ..Article::default()
        };
        let h = to_reader_html(&a);
        assert!(
            h.starts_with("<article lang=\"ar\" dir=\"rtl\">\n<header>\n<h1>T &lt;i&gt;</h1>\n")
        );
        assert!(h.contains("<span class=\"author\">Ann &amp; Bob</span>"));
        assert!(h.contains("<time datetime=\"2024-06-17T07:24:00+08:00\">2024-06-17</time>"));
        assert!(h.contains("<span class=\"site-name\">Site</span>"));
        assert!(h.contains(
            "<a class=\"source\" href=\"https://news.example.com/a?x=1&amp;y=2\" rel=\"noopener noreferrer\">news.example.com</a>"
        ));
        assert!(h.contains("<h2>Body h1</h2>"));
        assert!(!h.contains("<h1>Body"));
    }

    #[test]
    fn bad_lang_and_source_url_dropped() {
        let a = Article {
            url: Some("javascript:alert(1)".into()),
            lang: Some("en\" onload=\"x".into()),
            ..Article::default()
        };
        assert_eq!(to_reader_html(&a), "<article>\n</article>\n");
    }

    #[test]
    fn blocks_render_semantically() {
        let h = body(vec![
            Block::List {
                ordered: true,
                start: Some(3),
                items: vec![
                    ListItem {
                        blocks: vec![p(vec![t("a")])],
                    },
                    ListItem {
                        blocks: vec![p(vec![t("b")]), p(vec![t("c")])],
                    },
                ],
            },
            Block::Table(Table {
                caption: vec![],
                head: vec![Cell {
                    content: vec![t("H")],
                }],
                rows: vec![vec![Cell {
                    content: vec![t("x|y")],
                }]],
            }),
            Block::Code {
                lang: Some("rust\"><script>".into()),
                text: "</code><script>".into(),
            },
            Block::Code {
                lang: Some("c++".into()),
                text: "\nint x;".into(),
            },
            Block::Math { tex: "a<b".into() },
            p(vec![
                Inline::Math { tex: "x&y".into() },
                Inline::FootnoteRef { id: "n 1\"".into() },
                Inline::LineBreak,
                Inline::Strike {
                    content: vec![t("s")],
                },
            ]),
            Block::Footnote {
                id: "n 1\"".into(),
                blocks: vec![p(vec![t("note")])],
            },
            Block::Rule,
        ]);
        assert!(h.contains("<ol start=\"3\">\n<li>a</li>\n<li>\n<p>b</p>\n<p>c</p>\n</li>\n</ol>"));
        assert!(h.contains("<div class=\"table-wrap\">\n<table>\n<thead>\n<tr><th>H</th></tr>\n</thead>\n<tbody>\n<tr><td>x|y</td></tr>"));
        assert!(
            h.contains("<pre><code>&lt;/code&gt;&lt;script&gt;</code></pre>"),
            "{h}"
        );
        assert!(h.contains("<pre><code class=\"language-c++\">\nint x;</code></pre>"));
        assert!(h.contains("<code class=\"math math-display\">a&lt;b</code>"));
        assert!(h.contains("<code class=\"math math-inline\">x&amp;y</code>"));
        assert!(h.contains(
            "<sup class=\"footnote-ref\"><a href=\"#fn-n-1-\">n 1&quot;</a></sup><br><s>s</s>"
        ));
        assert!(h.contains("<aside class=\"footnote\" id=\"fn-n-1-\" role=\"note\">"));
        assert!(h.contains("<hr>"));
    }

    #[test]
    fn nested_links_are_flattened() {
        let h = body(vec![p(vec![Inline::Link {
            href: "https://a.com".into(),
            content: vec![Inline::Link {
                href: "https://b.com".into(),
                content: vec![t("inner")],
            }],
        }])]);
        assert_eq!(h.matches("<a ").count(), 1, "{h}");
        assert!(h.contains(">inner</a>"));
    }

    #[test]
    fn document_has_csp_charset_lang_dir() {
        let a = Article {
            title: Some("</title><script>x</script>".into()),
            lang: Some("zh-Hans".into()),
            ..Article::default()
        };
        let d = to_reader_document(&a);
        assert!(d.starts_with("<!doctype html>\n<html lang=\"zh-Hans\" dir=\"auto\">\n<head>\n<meta charset=\"utf-8\">\n"));
        assert!(d.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'\">"
        ));
        assert!(d.contains("<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>"));
        assert!(!d.contains("<script"));
        assert!(d.contains(".table-wrap{overflow-x:auto}"));
        assert!(d.contains("img{max-width:100%"));
        assert!(d.ends_with("</body>\n</html>\n"));
    }
}
