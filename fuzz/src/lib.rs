//! The fuzz oracles, callable from the cargo-fuzz targets (`fuzz_targets/`) and from the
//! stable driver (`src/bin/smoke.rs`): each returns `Err(finding)` for anything that
//! breaks Readmark's promise (panics are left to the caller to catch or crash on).

pub mod oracle;

use arbitrary::{Result as ArbResult, Unstructured};
use readmark::model::{Block, Cell, Dir, Image, Inline, ListItem, Table};
use readmark::render::to_text;
use readmark::{Article, Limits, Options};

/// Limits for fuzzing: the defaults, but smaller inputs (libFuzzer caps them anyway).
fn fuzz_options() -> Options {
    Options {
        url: Some("https://fuzz.example/a/b.html".to_string()),
        limits: Limits::default(),
        explain: true,
        ..Options::default()
    }
}

/// Every output of one article through every oracle. `from_extraction`: the model came
/// from `extract` and so must itself hold only allowlisted URLs (checked on the JSON,
/// which is the model as is); a synthetic model only has its renderers checked.
pub fn check_article(a: &Article, from_extraction: bool) -> Result<(), String> {
    let mut findings = oracle::safety_findings(a, from_extraction);
    if from_extraction {
        // A synthetic model breaks the builder's text invariants (newlines and edge
        // spaces inside text runs, empty runs), which the export is allowed to rely on.
        findings.extend(oracle::loss_findings(a));
    }
    let _ = to_text(a);
    if findings.is_empty() {
        Ok(())
    } else {
        Err(findings.join("\n"))
    }
}

/// Bytes as a page: extraction must return `Ok` or a typed error, and an `Ok` article
/// must pass every oracle.
pub fn check_extract(data: &[u8]) -> Result<(), String> {
    match readmark::extract_bytes(data, None, &fuzz_options()) {
        Ok(a) => check_article(&a, true),
        Err(_) => Ok(()),
    }
}

/// Bytes as an Article model (see [`arbitrary_article`]): every renderer must be safe.
pub fn check_markdown(data: &[u8]) -> Result<(), String> {
    let mut u = Unstructured::new(data);
    let Ok(a) = arbitrary_article(&mut u) else {
        return Ok(());
    };
    check_article(&a, false)
}

/// Strings that stress every syntax the renderers escape (and the oracles check).
const NASTY: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "```",
    "~~~",
    "`",
    "``",
    "|",
    "\\",
    "\\|",
    "*",
    "**",
    "_",
    "__",
    "~~",
    "[",
    "]",
    "](",
    "![x](javascript:alert(1))",
    "[x](javascript:alert(1))",
    "<",
    ">",
    "&",
    "&amp;",
    "&#106;",
    "&lt;",
    "#",
    "# ",
    "-",
    "- ",
    "+ ",
    "1. ",
    "1) ",
    "2024.",
    "> ",
    "---",
    "***",
    "===",
    "$",
    "$$",
    "^",
    "[^1]",
    "[^1]:",
    "[1]: javascript:x",
    "<http://x>",
    "<javascript:alert(1)>",
    "www.example.com",
    "http://e.com",
    "a@b.co",
    "    ",
    "\t",
    "\n",
    "\r\n",
    "\u{0}",
    "\u{b}",
    "\u{a0}",
    "\u{200b}",
    "\u{feff}",
    "\u{202e}",
    "中文。",
    "العربية",
    "e\u{301}",
    "🏳️‍🌈",
    "{#id}",
    "<!--",
    "-->",
    "<![CDATA[",
    "<?",
    "<!DOCTYPE",
    "</code>",
    "<style>",
    ":",
    "(",
    ")",
    "\"",
    "'",
    "!",
    "=",
    "%",
    "@",
    "data:text/html,x",
    "vbscript:x",
    " ",
    "x",
    "word",
];

fn text(u: &mut Unstructured<'_>) -> ArbResult<String> {
    let n = u.int_in_range(0..=6)?;
    let mut s = String::new();
    for _ in 0..n {
        if u.ratio(1, 3)? {
            s.push_str(&String::arbitrary_take(u, 12)?);
        } else {
            s.push_str(u.choose(NASTY)?);
        }
    }
    Ok(s)
}

trait TakeStr {
    fn arbitrary_take(u: &mut Unstructured<'_>, max: usize) -> ArbResult<String>;
}
impl TakeStr for String {
    fn arbitrary_take(u: &mut Unstructured<'_>, max: usize) -> ArbResult<String> {
        let n = u.int_in_range(0..=max)?;
        let mut s = String::new();
        for _ in 0..n {
            s.push(u.arbitrary::<char>()?);
        }
        Ok(s)
    }
}

fn url(u: &mut Unstructured<'_>) -> ArbResult<String> {
    const URLS: &[&str] = &[
        "https://e.com/a",
        "http://e.com/a b(c)",
        "https://e.com/<x>|`y`",
        "mailto:a@b.c",
        "#frag",
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "java\tscript:alert(1)",
        "data:image/png;base64,AAAA",
        "data:image/svg+xml,<svg onload=alert(1)>",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox",
        "//evil.com",
        "/rel",
        "https://e.com/\")onerror=alert(1)",
        "https://e.com/>\n[x](javascript:1)",
        "",
    ];
    if u.ratio(1, 4)? {
        Ok(format!("{}{}", u.choose(URLS)?, text(u)?))
    } else {
        Ok(u.choose(URLS)?.to_string())
    }
}

fn inlines(u: &mut Unstructured<'_>, depth: u32) -> ArbResult<Vec<Inline>> {
    let n = u.int_in_range(0..=5)?;
    let mut v = Vec::new();
    for _ in 0..n {
        let k = if depth >= 3 {
            u.int_in_range(0..=2)?
        } else {
            u.int_in_range(0..=13)?
        };
        v.push(match k {
            0 | 1 => Inline::Text { text: text(u)? },
            2 => Inline::Code { text: text(u)? },
            3 => Inline::Emphasis {
                content: inlines(u, depth + 1)?,
            },
            4 => Inline::Strong {
                content: inlines(u, depth + 1)?,
            },
            5 => Inline::Strike {
                content: inlines(u, depth + 1)?,
            },
            6 => Inline::Superscript {
                content: inlines(u, depth + 1)?,
            },
            7 => Inline::Subscript {
                content: inlines(u, depth + 1)?,
            },
            8 => Inline::Link {
                href: url(u)?,
                content: inlines(u, depth + 1)?,
            },
            9 => Inline::Image(image(u)?),
            10 => Inline::Math { tex: text(u)? },
            11 => Inline::FootnoteRef { id: text(u)? },
            12 => Inline::LineBreak,
            _ => Inline::Text { text: text(u)? },
        });
    }
    Ok(v)
}

fn image(u: &mut Unstructured<'_>) -> ArbResult<Image> {
    Ok(Image {
        src: url(u)?,
        alt: text(u)?,
        title: if u.arbitrary()? { Some(text(u)?) } else { None },
    })
}

fn cells(u: &mut Unstructured<'_>, n: usize) -> ArbResult<Vec<Cell>> {
    (0..n)
        .map(|_| {
            Ok(Cell {
                content: inlines(u, 1)?,
            })
        })
        .collect()
}

fn blocks(u: &mut Unstructured<'_>, depth: u32) -> ArbResult<Vec<Block>> {
    let n = u.int_in_range(0..=5)?;
    let mut v = Vec::new();
    for _ in 0..n {
        let k = if depth >= 3 {
            u.int_in_range(0..=1)?
        } else {
            u.int_in_range(0..=10)?
        };
        v.push(match k {
            0 => Block::Paragraph {
                content: inlines(u, 0)?,
            },
            1 => Block::Heading {
                level: u.int_in_range(1..=6)?,
                content: inlines(u, 0)?,
            },
            2 => Block::List {
                ordered: u.arbitrary()?,
                start: if u.arbitrary()? {
                    Some(u.arbitrary()?)
                } else {
                    None
                },
                items: (0..u.int_in_range(0..=3)?)
                    .map(|_| {
                        Ok(ListItem {
                            blocks: blocks(u, depth + 1)?,
                        })
                    })
                    .collect::<ArbResult<_>>()?,
            },
            3 => {
                let w = u.int_in_range(0..=3)?;
                let head = if u.arbitrary()? {
                    cells(u, w)?
                } else {
                    Vec::new()
                };
                let rows = (0..u.int_in_range(0..=3)?)
                    .map(|_| cells(u, w))
                    .collect::<ArbResult<_>>()?;
                Block::Table(Table {
                    caption: inlines(u, 1)?,
                    head,
                    rows,
                })
            }
            4 => Block::Code {
                lang: if u.arbitrary()? { Some(text(u)?) } else { None },
                text: text(u)?,
            },
            5 => Block::Figure {
                images: (0..u.int_in_range(0..=2)?)
                    .map(|_| image(u))
                    .collect::<ArbResult<_>>()?,
                caption: inlines(u, 0)?,
            },
            6 => Block::Quote {
                blocks: blocks(u, depth + 1)?,
            },
            7 => Block::Math { tex: text(u)? },
            8 => Block::Footnote {
                id: text(u)?,
                blocks: blocks(u, depth + 1)?,
            },
            9 => Block::Rule,
            _ => Block::Paragraph {
                content: inlines(u, 0)?,
            },
        });
    }
    Ok(v)
}

/// An Article with hostile text, URLs and structure in every field (nesting ≤ 3, far
/// under `Limits::max_model_depth`).
pub fn arbitrary_article(u: &mut Unstructured<'_>) -> ArbResult<Article> {
    let opt = |u: &mut Unstructured<'_>| -> ArbResult<Option<String>> {
        Ok(if u.arbitrary()? { Some(text(u)?) } else { None })
    };
    Ok(Article {
        title: opt(u)?,
        author: opt(u)?,
        published: opt(u)?,
        modified: opt(u)?,
        site_name: opt(u)?,
        lang: opt(u)?,
        excerpt: opt(u)?,
        url: if u.arbitrary()? { Some(url(u)?) } else { None },
        image: if u.arbitrary()? { Some(url(u)?) } else { None },
        dir: if u.arbitrary()? { Some(Dir::Rtl) } else { None },
        word_count: 0,
        reading_minutes: 0,
        blocks: blocks(u, 0)?,
        removed: Vec::new(),
    })
}
