//! No loss (issue 6, item 5): the Markdown and JSON exports carry exactly the text of the
//! Article model.
//!
//! For every corpus page (`$CORPUS_DIR`, else `../shared/corpus`: scrapinghub
//! `html/*.html.gz`, readability `test-pages/*/source.html`, wcxb `dev/html/*.html.gz`,
//! 1,808 pages) the page is extracted, and
//!
//! * the Markdown (with front matter), re-parsed with pulldown-cmark (CommonMark + GFM
//!   tables, footnotes, strikethrough), gives the text of `render::to_text(&article)`;
//! * the JSON's `text` is `to_text(&article)`, and its `blocks` read back into the model
//!   equal the article's blocks;
//!
//! after the normalisation of `fuzz/src/oracle.rs` (`markdown_view`: the documented
//! `^(…)`/`_(…)`/`$…$` spellings; `normalise_blocks`: whitespace *between* blocks, list
//! items, rows and cells, and `$$` fence lines — characters inside a line must be
//! identical). The reader HTML and Markdown of every page also go through the XSS
//! oracles: real pages are hostile input too.
//!
//! A debug `cargo test` checks every 100th page (the full run takes minutes unoptimised);
//! `cargo xtask ci` runs `cargo test --release --test no_loss`, which checks all of them.
//! `NO_LOSS_ALL=1` forces the full run, `NO_LOSS_FILTER=substr` narrows it to matching
//! paths. Without the corpus the corpus test prints SKIP and passes; the script tests
//! below always run.

#[allow(dead_code)]
#[path = "../fuzz/src/oracle.rs"]
mod oracle;

use readmark::render::{to_markdown, to_text, MarkdownOptions};
use readmark::{extract, extract_bytes, Article, Options};
use std::io::Read;
use std::path::{Path, PathBuf};

fn corpus_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("CORPUS_DIR") {
        let d = Path::new(env!("CARGO_MANIFEST_DIR")).join(d);
        return d.is_dir().then_some(d);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        root.join("../shared/corpus"),
        root.join("../../shared/corpus"),
    ]
    .into_iter()
    .find(|d| d.is_dir())
}

fn sorted(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| keep(p)).collect())
        .unwrap_or_default();
    v.sort();
    v
}

/// Every corpus page, in a stable order.
fn corpus_pages(root: &Path) -> Vec<PathBuf> {
    let gz = |p: &Path| p.to_string_lossy().ends_with(".html.gz");
    let mut pages = sorted(&root.join("scrapinghub/html"), gz);
    for d in sorted(&root.join("readability-test-pages/test-pages"), |p| {
        p.is_dir()
    }) {
        let s = d.join("source.html");
        if s.is_file() {
            pages.push(s);
        }
    }
    pages.extend(sorted(&root.join("wcxb/dev/html"), gz));
    pages
}

fn read_page(p: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(p)?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

fn opts() -> Options {
    Options {
        url: Some("https://corpus.example/page.html".into()),
        ..Options::default()
    }
}

/// Loss and safety findings for one article (every output through every oracle).
fn findings(a: &Article) -> Vec<String> {
    let mut f = oracle::loss_findings(a);
    f.extend(oracle::safety_findings(a, true));
    f
}

#[test]
fn corpus_pages_lose_no_text() {
    let Some(root) = corpus_dir() else {
        eprintln!("SKIP no_loss: no corpus (set CORPUS_DIR or put it at ../shared/corpus)");
        return;
    };
    let all = std::env::var_os("NO_LOSS_ALL").is_some() || !cfg!(debug_assertions);
    let filter = std::env::var("NO_LOSS_FILTER").ok();
    let pages: Vec<PathBuf> = corpus_pages(&root)
        .into_iter()
        .enumerate()
        .filter(|(i, p)| {
            filter
                .as_deref()
                .map_or(all || i % 100 == 0, |f| p.to_string_lossy().contains(f))
        })
        .map(|(_, p)| p)
        .collect();
    assert!(
        !pages.is_empty(),
        "no corpus pages under {}",
        root.display()
    );
    let started = std::time::Instant::now();
    // Two workers (the machine has two cores), each on a 1 MiB stack like wasm32.
    let chunks: Vec<Vec<PathBuf>> = (0..2)
        .map(|k| pages.iter().skip(k).step_by(2).cloned().collect())
        .collect();
    let results: Vec<(usize, usize, Vec<String>)> = chunks
        .into_iter()
        .map(|chunk| {
            std::thread::Builder::new()
                .stack_size(1 << 20)
                .spawn(move || {
                    let (mut checked, mut no_content, mut failures) = (0, 0, Vec::new());
                    for p in &chunk {
                        let name = p
                            .strip_prefix(p.ancestors().nth(3).unwrap_or(p))
                            .unwrap_or(p)
                            .display()
                            .to_string();
                        let bytes = match read_page(p) {
                            Ok(b) => b,
                            Err(e) => {
                                failures.push(format!("{name}: cannot read: {e}"));
                                continue;
                            }
                        };
                        match extract_bytes(&bytes, None, &opts()) {
                            Ok(a) => {
                                checked += 1;
                                for f in findings(&a) {
                                    failures.push(format!("{name}: {f}"));
                                }
                            }
                            Err(readmark::Error::NoContent) => no_content += 1,
                            Err(e) => failures.push(format!("{name}: extraction error {e}")),
                        }
                    }
                    (checked, no_content, failures)
                })
                .expect("spawn")
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|h| {
            h.join()
                .expect("no_loss worker panicked (or overflowed its 1 MiB stack)")
        })
        .collect();
    let checked: usize = results.iter().map(|r| r.0).sum();
    let no_content: usize = results.iter().map(|r| r.1).sum();
    let failures: Vec<String> = results.into_iter().flat_map(|r| r.2).collect();
    eprintln!(
        "no_loss: {} pages, {checked} articles checked, {no_content} without content, {} findings, {:.1} s",
        pages.len(),
        failures.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "{} findings:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ------------------------------------------------------------------ scripts survive exactly

const PROSE: &str = "<p>This paragraph makes the page an article, with commas, clauses, and enough words to be read as prose by the extractor.</p>";

/// Extract a page with `body` among prose; every `needle` must be in the model text,
/// character for character, and the Markdown and JSON must carry the model text.
fn survives(body: &str, needles: &[&str]) {
    let html = format!("<!doctype html><html><head><meta charset=\"utf-8\"><title>t</title></head><body><article>{PROSE}{body}{PROSE}</article></body></html>");
    let a = extract(&html, &opts()).expect("article");
    let text = to_text(&a);
    for n in needles {
        assert!(
            text.contains(n),
            "{n:?} ({:?}) not in the model text:\n{text}",
            n.chars()
                .map(|c| format!("U+{:04X}", c as u32))
                .collect::<Vec<_>>()
        );
    }
    let f = findings(&a);
    assert!(f.is_empty(), "{}", f.join("\n"));
    // The same bytes through extract_bytes in UTF-8 (no BOM, no charset header).
    let b = extract_bytes(html.as_bytes(), None, &opts()).expect("article from bytes");
    assert_eq!(to_text(&b), text);
}

#[test]
fn cjk_survives() {
    let zh = "中文标点：“引号”、《书名》，句号。全角！？（括号）【方括号】……——";
    let ja = "日本語のテキスト、かな・カナ混じり。ｆｕｌｌｗｉｄｔｈ ｶﾀｶﾅ";
    let ko = "한국어 텍스트, 띄어쓰기와 문장부호.";
    let ext = "𠀀𠀁 CJK Ext B 𪜀 and compatibility 﨑";
    survives(
        &format!("<p>{zh}</p><p>{ja}</p><p>{ko}</p><p>{ext}</p>"),
        &[zh, ja, ko, ext],
    );
}

#[test]
fn rtl_survives() {
    let ar = "النص العربي مع الأرقام ١٢٣ والتشكيل: مُحَمَّد، وعلامات الترقيم؟";
    let he = "טקסט בעברית עם ניקוד: שָׁלוֹם, ומספרים 123.";
    let marks =
        "mixed \u{200f}RLM\u{200e}LRM \u{202b}embedding\u{202c} \u{2067}isolate\u{2069} end";
    survives(
        &format!("<p dir=\"rtl\">{ar}</p><p dir=\"rtl\" lang=\"he\">{he}</p><p>{marks}</p>"),
        &[ar, he, marks],
    );
}

#[test]
fn combining_marks_survive_unnormalised() {
    // NFD stays NFD, NFC stays NFC: no Unicode normalisation anywhere.
    let nfd = "Cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e";
    let nfc = "Café crème brûlée";
    let stacked = "Z\u{351}\u{36b}\u{343}a\u{36a}\u{302}l\u{352}g\u{33c}o";
    let indic = "हिन्दी क्षत्रिय ਪੰਜਾਬੀ தமிழ் ไทย";
    survives(
        &format!("<p>{nfd}</p><p>{nfc}</p><p>{stacked}</p><p>{indic}</p>"),
        &[nfd, nfc, stacked, indic],
    );
}

#[test]
fn emoji_survive() {
    let zwj = "family 👩‍👩‍👧‍👦 rainbow 🏳️‍🌈 skin 👍🏽 flags 🇯🇵🇫🇷 keycap 1️⃣ text-style ☺︎ emoji-style ☺️";
    let tags = "Scotland 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
    survives(&format!("<p>{zwj}</p><p>{tags}</p>"), &[zwj, tags]);
}

#[test]
fn markdown_punctuation_survives() {
    // Characters the Markdown export escapes must come back as the same characters.
    let p = r"Asterisks *a* _b_ __c__ `tick` [br](x) <ang> #hash |pipe| ~tilde~ $dollar$ ^caret^ {brace} \back\slash &amp; &copy; 1. 2) - + > !";
    let html_p = p
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    survives(&format!("<p>{html_p}</p><ul><li>{html_p}</li></ul><table><tr><td>{html_p}</td></tr></table><blockquote><p>{html_p}</p></blockquote>"), &[p]);
}

#[test]
fn whitespace_inside_code_survives() {
    let code = "fn main() {\n\tlet x = \"  two  spaces \";\n    // ``` fence inside\n}";
    let html_code = code
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    survives(
        &format!("<pre><code>{html_code}</code></pre>"),
        &["let x = \"  two  spaces \";", "// ``` fence inside"],
    );
}

/// Browsers collapse only ASCII whitespace (space, tab, CR, LF, FF); an ideographic
/// space, a no-break space or an em space is text and is shown as such.
#[test]
fn ideographic_and_no_break_spaces_survive() {
    let ja = "ｈａｌｆ\u{3000}ｗｉｄｔｈ 全角\u{3000}スペース";
    let nbsp = "10\u{a0}km and Mr.\u{a0}Smith, em\u{2003}space";
    survives(&format!("<p>{ja}</p><p>{nbsp}</p>"), &[ja, nbsp]);
}

/// `~~` (or `*`) next to a control, format or combining character after (or before)
/// punctuation: such a character is neither punctuation nor whitespace in CommonMark, so a
/// delimiter there is not flanking and a reader would show it as literal text. (Was a
/// bug: the writer counted every non-alphanumeric character as punctuation.)
#[test]
fn control_character_after_delimiter_keeps_formatting() {
    for c in [
        "\u{1b}", "\u{7f}", "\u{200b}", "\u{feff}", "\u{301}", "\u{b}",
    ] {
        for wrap in ["s", "em", "strong"] {
            for inner in ["<code>code</code>", "(words)", "x"] {
                let one = format!("<{wrap}>{inner}</{wrap}>");
                // One delimiter pair per paragraph: two could pair with each other.
                let html = format!("<html><body><article>{PROSE}<p>Strike {one}{c} after.</p><p>And {c}{one} before.</p></article></body></html>");
                let a = extract(&html, &opts()).expect("article");
                let want = oracle::normalise_blocks(&to_text(&oracle::markdown_view(&a)));
                let md = to_markdown(&a, &MarkdownOptions { front_matter: true });
                let got = oracle::normalise_blocks(&oracle::markdown_text(&md));
                assert_eq!(want, got, "{c:?} <{wrap}>{inner}:\n{md}");
            }
        }
    }
}
