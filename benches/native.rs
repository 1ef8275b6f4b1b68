//! Readmark's native benchmark primitive (`[[bench]] native`, `harness = false`, std only).
//!
//! `cargo xtask bench` builds it with `cargo bench --no-run` and drives it; it can also be
//! run by hand: `cargo bench --bench native -- <command> …`. Commands:
//!
//! - `prepare --corpus DIR --out DIR [--limit N]`: list the pages of the three corpora
//!   (ScrapingHub, Readability test pages, WCXB dev), decode each once with
//!   `readmark::decode::decode_html` and write it as UTF-8 to `DIR/pages/<ds>-<id>.html`,
//!   plus `DIR/pages.tsv` (`dataset id file url bytes`). Every tool then reads the same
//!   decoded HTML.
//! - `run --pages pages.tsv --out times.tsv [--rounds R]`: load every page into memory, then
//!   time `readmark::extract` + `render::to_text` per page, R rounds (after one warm-up
//!   pass over the first pages); writes `dataset id bytes ms ok` with the per-page median.
//! - `scale --page FILE --url URL --sizes 1,4,16,64 --out scale.tsv`: one child process per
//!   size (and for a 20,000-deep and a 100,000-wide synthetic page): the page's `<body>`
//!   content replicated N times; reports HTML bytes, ms (median of runs) and peak RSS.
//! - `one --kind replicate|deep|wide --page FILE --n N --url URL` (internal, used by
//!   `scale`): one line `bytes ms rss_before_kb peak_rss_kb ok fixed_kb`.
//!
//! Peak memory is the process's `VmHWM` from `/proc/self/status`, reset through
//! `/proc/self/clear_refs` just before the measured extraction (Linux), after a warm-up
//! extraction of a small page (whose own peak, the fixed cost of the process — lazily
//! compiled regexes, code pages — is reported as `fixed_kb`).

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use readmark::{render, Options};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo bench` appends `--bench`; ignore it.
    let args: Vec<String> = args.into_iter().filter(|a| a != "--bench").collect();
    let result = match args.first().map(String::as_str) {
        Some("prepare") => prepare(&args[1..]),
        Some("run") => run(&args[1..]),
        Some("scale") => scale(&args[1..]),
        Some("one") => one(&args[1..]),
        _ => Err(
            "usage: native prepare|run|scale|one … (see the header of benches/native.rs)".into(),
        ),
    };
    if let Err(e) = result {
        eprintln!("bench: {e}");
        std::process::exit(1);
    }
}

/// `--name value` options.
fn opt(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn req(args: &[String], name: &str) -> Result<String, String> {
    opt(args, name).ok_or_else(|| format!("{name} is required"))
}

fn io<T>(p: &Path, r: std::io::Result<T>) -> Result<T, String> {
    r.map_err(|e| format!("{}: {e}", p.display()))
}

fn read_maybe_gz(p: &Path) -> Result<Vec<u8>, String> {
    let raw = io(p, fs::read(p))?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        io(
            p,
            flate2::read::MultiGzDecoder::new(raw.as_slice()).read_to_end(&mut out),
        )?;
        Ok(out)
    } else {
        Ok(raw)
    }
}

fn sorted(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut v: Vec<PathBuf> = io(dir, fs::read_dir(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    v.sort();
    Ok(v)
}

fn json_url(p: &Path) -> String {
    fs::read_to_string(p)
        .ok()
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .and_then(|v| v["url"].as_str().map(str::to_string))
        .unwrap_or_default()
}

/// (dataset, id, source file, url) of every corpus page, in the eval runner's order.
fn list_corpus(corpus: &Path) -> Result<Vec<(String, String, PathBuf, String)>, String> {
    let mut out = Vec::new();
    let sh = corpus.join("scrapinghub");
    if sh.is_dir() {
        let p = sh.join("ground-truth.json");
        let gt: serde_json::Value = serde_json::from_str(&io(&p, fs::read_to_string(&p))?)
            .map_err(|e| format!("{}: {e}", p.display()))?;
        let mut ids: Vec<(String, String)> = gt
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v["url"].as_str().unwrap_or("").to_string()))
                    .collect()
            })
            .unwrap_or_default();
        ids.sort();
        for (id, url) in ids {
            let f = sh.join("html").join(format!("{id}.html.gz"));
            out.push(("scrapinghub".into(), id, f, url));
        }
    }
    let rd = corpus.join("readability-test-pages/test-pages");
    if rd.is_dir() {
        for d in sorted(&rd)? {
            let src = d.join("source.html");
            if src.is_file() {
                let id = d.file_name().unwrap_or_default().to_string_lossy().into();
                out.push((
                    "readability".into(),
                    id,
                    src,
                    "http://fakehost/test/page.html".into(),
                ));
            }
        }
    }
    let wc = corpus.join("wcxb/dev");
    if wc.is_dir() {
        for f in sorted(&wc.join("ground-truth"))? {
            let name = f.file_name().unwrap_or_default().to_string_lossy();
            let Some(id) = name.strip_suffix(".json").map(str::to_string) else {
                continue;
            };
            let html = wc.join("html").join(format!("{id}.html.gz"));
            out.push(("wcxb".into(), id, html, json_url(&f)));
        }
    }
    Ok(out)
}

fn prepare(args: &[String]) -> Result<(), String> {
    let corpus = PathBuf::from(req(args, "--corpus")?);
    let out = PathBuf::from(req(args, "--out")?);
    let limit: Option<usize> = opt(args, "--limit").and_then(|s| s.parse().ok());
    let dir = out.join("pages");
    let _ = fs::remove_dir_all(&dir);
    io(&dir, fs::create_dir_all(&dir))?;
    let mut tsv = String::from("dataset\tid\tfile\turl\tbytes\n");
    let mut per_ds: std::collections::HashMap<String, usize> = Default::default();
    for (ds, id, src, url) in list_corpus(&corpus)? {
        let n = per_ds.entry(ds.clone()).or_default();
        if limit.is_some_and(|l| *n >= l) {
            continue;
        }
        *n += 1;
        let bytes = read_maybe_gz(&src)?;
        let html = readmark::decode::decode_html(&bytes, None);
        let file = dir.join(format!("{ds}-{id}.html"));
        io(&file, fs::write(&file, html.as_bytes()))?;
        tsv.push_str(&format!(
            "{ds}\t{id}\t{}\t{url}\t{}\n",
            file.display(),
            html.len()
        ));
    }
    let p = out.join("pages.tsv");
    io(&p, fs::write(&p, tsv))
}

struct Page {
    ds: String,
    id: String,
    url: String,
    html: String,
}

fn load_pages(tsv: &Path) -> Result<Vec<Page>, String> {
    let text = io(tsv, fs::read_to_string(tsv))?;
    let mut pages = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            continue;
        }
        let p = Path::new(f[2]);
        pages.push(Page {
            ds: f[0].into(),
            id: f[1].into(),
            url: f[3].into(),
            html: io(p, fs::read_to_string(p))?,
        });
    }
    Ok(pages)
}

/// One extraction as every host does it: HTML → Article → the text export.
fn extract_once(html: &str, url: &str) -> (f64, bool, usize) {
    let opts = Options {
        url: Some(url.to_string()).filter(|u| !u.is_empty()),
        ..Options::default()
    };
    let t = Instant::now();
    let r = readmark::extract(html, &opts).map(|a| render::to_text(&a));
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    match r {
        Ok(text) => (ms, true, std::hint::black_box(text).len()),
        Err(_) => (ms, false, 0),
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let pages = load_pages(Path::new(&req(args, "--pages")?))?;
    let out = PathBuf::from(req(args, "--out")?);
    let rounds: usize = opt(args, "--rounds")
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
        .max(1);
    for p in pages.iter().take(20) {
        extract_once(&p.html, &p.url);
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); pages.len()];
    let mut ok = vec![false; pages.len()];
    let t0 = Instant::now();
    for _ in 0..rounds {
        for (i, p) in pages.iter().enumerate() {
            let (ms, good, _) = extract_once(&p.html, &p.url);
            times[i].push(ms);
            ok[i] = good;
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    let mut tsv = String::from("dataset\tid\tbytes\tms\tok\n");
    for (i, p) in pages.iter().enumerate() {
        let m = median(&mut times[i]);
        tsv.push_str(&format!(
            "{}\t{}\t{}\t{m:.4}\t{}\n",
            p.ds,
            p.id,
            p.html.len(),
            u8::from(ok[i])
        ));
    }
    eprintln!(
        "bench: readmark: {} pages × {rounds} rounds in {wall:.1} s",
        pages.len()
    );
    io(&out, fs::write(&out, tsv))
}

/// The replicated page: everything before `<body…>`'s end, the body content N times, the rest.
fn replicate(html: &str, n: usize) -> String {
    let lower = html.to_ascii_lowercase();
    let start = lower
        .find("<body")
        .and_then(|i| lower[i..].find('>').map(|j| i + j + 1));
    let end = lower.rfind("</body");
    match (start, end) {
        (Some(s), Some(e)) if e > s => {
            let body = &html[s..e];
            let mut out = String::with_capacity(html.len() + body.len() * n);
            out.push_str(&html[..s]);
            for _ in 0..n {
                out.push_str(body);
            }
            out.push_str(&html[e..]);
            out
        }
        _ => html.repeat(n),
    }
}

const PARA: &str = "Readers expect the article to open at once, even on long pages with many \
                    nested containers, and the extractor must keep its work linear. ";

/// `n` nested `<div>`s around an article.
fn deep(n: usize) -> String {
    let mut s = String::from("<!doctype html><html><head><title>Deep page</title></head><body>");
    s.push_str(&"<div>".repeat(n));
    for _ in 0..8 {
        s.push_str("<p>");
        s.push_str(&PARA.repeat(3));
        s.push_str("</p>");
    }
    s.push_str(&"</div>".repeat(n));
    s.push_str("</body></html>");
    s
}

/// `n` sibling paragraphs in one `<article>`.
fn wide(n: usize) -> String {
    let mut s =
        String::from("<!doctype html><html><head><title>Wide page</title></head><body><article>");
    for i in 0..n {
        s.push_str(&format!("<p>Paragraph {i}. {PARA}</p>"));
    }
    s.push_str("</article></body></html>");
    s
}

fn status_kb(key: &str) -> u64 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix(key)?
                    .trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse()
                    .ok()
            })
        })
        .unwrap_or(0)
}

fn one(args: &[String]) -> Result<(), String> {
    let kind = req(args, "--kind")?;
    let n: usize = req(args, "--n")?.parse().map_err(|_| "--n: not a number")?;
    let url = opt(args, "--url").unwrap_or_default();
    let runs: usize = opt(args, "--runs")
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
        .max(1);
    let html = match kind.as_str() {
        "replicate" => {
            let p = PathBuf::from(req(args, "--page")?);
            let bytes = read_maybe_gz(&p)?;
            replicate(&readmark::decode::decode_html(&bytes, None), n)
        }
        "deep" => deep(n),
        "wide" => wide(n),
        _ => return Err(format!("unknown --kind {kind}")),
    };
    // Warm-up on a small page first: lazily compiled statics (regexes) and the code pages
    // touched are a fixed cost of the process, not of this page; its peak is reported as
    // `fixed_kb`. Then peak memory of the page's first extraction, then the median time.
    let _ = fs::write("/proc/self/clear_refs", "5");
    let base = status_kb("VmRSS:");
    extract_once(&wide(50), "https://example.org/warm-up");
    let fixed = status_kb("VmHWM:").saturating_sub(base);
    let _ = fs::write("/proc/self/clear_refs", "5");
    let before = status_kb("VmRSS:");
    let (first_ms, ok, _) = extract_once(&html, &url);
    let peak = status_kb("VmHWM:");
    let mut times = vec![first_ms];
    for _ in 1..runs {
        times.push(extract_once(&html, &url).0);
    }
    let ms = median(&mut times);
    println!(
        "{}\t{ms:.3}\t{before}\t{peak}\t{}\t{fixed}",
        html.len(),
        u8::from(ok)
    );
    Ok(())
}

fn scale(args: &[String]) -> Result<(), String> {
    let page = req(args, "--page")?;
    let url = opt(args, "--url").unwrap_or_default();
    let out = PathBuf::from(req(args, "--out")?);
    let sizes: Vec<usize> = opt(args, "--sizes")
        .unwrap_or_else(|| "1,4,16,64".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let deep_n: usize = opt(args, "--deep")
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_000);
    let wide_n: usize = opt(args, "--wide")
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut jobs: Vec<(String, usize)> = sizes
        .iter()
        .map(|&n| ("replicate".to_string(), n))
        .collect();
    if deep_n > 0 {
        jobs.push(("deep".into(), deep_n));
    }
    if wide_n > 0 {
        jobs.push(("wide".into(), wide_n));
    }
    let mut tsv = String::from("kind\tn\tbytes\tms\trss_before_kb\tpeak_rss_kb\tok\tfixed_kb\n");
    for (kind, n) in jobs {
        let runs = if n >= 16 || kind != "replicate" {
            "3"
        } else {
            "7"
        };
        let o = Command::new(&exe)
            .args([
                "one",
                "--kind",
                &kind,
                "--n",
                &n.to_string(),
                "--runs",
                runs,
            ])
            .args(["--page", &page, "--url", &url])
            .output()
            .map_err(|e| format!("{}: {e}", exe.display()))?;
        if !o.status.success() {
            return Err(format!(
                "scale {kind} {n}: {}{}",
                o.status,
                String::from_utf8_lossy(&o.stderr)
            ));
        }
        let line = String::from_utf8_lossy(&o.stdout).trim().to_string();
        eprintln!("bench: scale {kind} ×{n}: {line}");
        tsv.push_str(&format!("{kind}\t{n}\t{line}\n"));
    }
    io(&out, fs::write(&out, tsv))
}
