//! `readmark`: the native command-line host of the Readmark core.
//!
//! Reads HTML files (gzip-compressed or not) or standard input, extracts each article and
//! writes Markdown, JSON, reader HTML or plain text. Batches keep going when a page fails:
//! every failure is one line on stderr, and a panic inside the core is caught per page and
//! reported as an internal error (a bug), so one hostile page cannot end a corpus run.

#[path = "readmark/args.rs"]
mod args;
#[path = "readmark/progress.rs"]
mod progress;

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use args::{Args, Command, Format};
use progress::Progress;
use readmark::{render, Article, Limits, Options};

fn main() -> ExitCode {
    let command = match args::parse(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(msg) => {
            eprintln!("readmark: {msg}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            print!("{}", args::USAGE);
            ExitCode::SUCCESS
        }
        Command::Version => {
            println!("readmark {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Command::Run(a) => match run(&a) {
            Ok(outcome) => outcome.exit_code(),
            Err(msg) => {
                eprintln!("readmark: {msg}");
                ExitCode::from(2)
            }
        },
    }
}

/// Counts of one run.
#[derive(Debug, Default)]
struct Outcome {
    ok: usize,
    failed: usize,
    panicked: usize,
}

impl Outcome {
    fn exit_code(&self) -> ExitCode {
        if self.panicked > 0 {
            ExitCode::from(101)
        } else if self.failed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Why one page produced no output.
enum Failure {
    /// Reading, decompressing or writing the page.
    Io(String),
    /// A typed error of the core (bad input, limits, no content).
    Extract(readmark::Error),
    /// A panic inside the core: a bug.
    Panic(String),
}

/// Runs the whole batch; `Err` only for problems that stop it before or between pages
/// (bad `--url-map`, unwritable `--meta-jsonl`/`--timings`).
fn run(a: &Args) -> Result<Outcome, String> {
    let url_map = match &a.url_map {
        Some(p) => read_url_map(p)?,
        None => HashMap::new(),
    };
    let stems: Vec<String> = a.inputs.iter().map(|p| args::stem(p)).collect();
    check_unique_stems(&a.inputs, &stems)?;
    if let Some(dir) = &a.out_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut meta_out = a.meta_jsonl.as_deref().map(create).transpose()?;
    let mut timings_out = a.timings.as_deref().map(create).transpose()?;

    install_panic_hook();
    let batch = a.inputs.len() > 1;
    let mut progress = Progress::new(a.inputs.len(), batch && !a.quiet);
    let mut outcome = Outcome::default();
    let mut extract_time = Duration::ZERO;
    let started = Instant::now();

    for (path, stem) in a.inputs.iter().zip(&stems) {
        let shown = if path.as_os_str() == "-" {
            "<stdin>".to_string()
        } else {
            path.display().to_string()
        };
        let url = url_map.get(stem).cloned().or_else(|| a.url.clone());
        let (elapsed, result) = process(path, url, a);
        if let Some(elapsed) = elapsed {
            // Failed extractions count too: their time was spent all the same.
            extract_time += elapsed;
            if let Some(w) = timings_out.as_mut() {
                let ms = elapsed.as_secs_f64() * 1000.0;
                writeln!(w, "{stem}\t{ms:.3}").map_err(|e| sink_error(a.timings.as_deref(), e))?;
            }
        }
        match result {
            Ok(page) => {
                if a.explain {
                    for line in explain_lines(&page) {
                        progress.println(&format!("readmark: {shown}: {line}"));
                    }
                }
                let written = match &a.out_dir {
                    Some(dir) => {
                        let out = dir.join(format!("{stem}.{}", a.format.ext()));
                        std::fs::write(&out, &page.output)
                            .map_err(|e| format!("cannot write {}: {e}", out.display()))
                    }
                    None => write_stdout(&page.output),
                };
                if let Err(msg) = written {
                    outcome.failed += 1;
                    progress.println(&format!("readmark: {shown}: {msg}"));
                } else {
                    outcome.ok += 1;
                    if let Some(w) = meta_out.as_mut() {
                        write_meta_line(w, stem, &page.article)
                            .map_err(|e| sink_error(a.meta_jsonl.as_deref(), e))?;
                    }
                }
            }
            Err(failure) => {
                outcome.failed += 1;
                let msg = match failure {
                    Failure::Io(m) => m,
                    Failure::Extract(e) => e.to_string(),
                    Failure::Panic(m) => {
                        outcome.panicked += 1;
                        format!(
                            "internal error (panic): {m} -- this is a bug in readmark, \
                             please report it with this page"
                        )
                    }
                };
                progress.println(&format!("readmark: {shown}: {msg}"));
            }
        }
        progress.tick(stem);
    }
    progress.clear();
    for (w, path) in [(meta_out, &a.meta_jsonl), (timings_out, &a.timings)] {
        if let Some(mut w) = w {
            w.flush().map_err(|e| sink_error(path.as_deref(), e))?;
        }
    }
    if batch && !a.quiet {
        let n = a.inputs.len().max(1) as f64;
        let wall = started.elapsed();
        let panics = match outcome.panicked {
            0 => String::new(),
            k => format!(" ({k} internal errors)"),
        };
        eprintln!(
            "readmark: {} ok, {} failed{panics} in {:.1} s: {:.1} ms/page ({:.1} ms/page extraction)",
            outcome.ok,
            outcome.failed,
            wall.as_secs_f64(),
            wall.as_secs_f64() * 1000.0 / n,
            extract_time.as_secs_f64() * 1000.0 / n,
        );
    }
    Ok(outcome)
}

/// One extracted page.
struct Page {
    article: Article,
    output: String,
    /// The detected encoding and its source (only computed for `--explain`).
    encoding: Option<(&'static str, readmark::decode::EncodingSource)>,
}

/// Extract one page; also returns the time of decode + extraction + rendering (no file
/// I/O), `None` when the input could not be read.
fn process(
    path: &Path,
    url: Option<String>,
    a: &Args,
) -> (Option<Duration>, Result<Page, Failure>) {
    let limits = Limits::default();
    match read_input(path, limits.max_input_bytes) {
        Ok(bytes) => {
            let (elapsed, page) = process_bytes(&bytes, url, limits, a);
            (Some(elapsed), page)
        }
        Err(msg) => (None, Err(Failure::Io(msg))),
    }
}

fn process_bytes(
    bytes: &[u8],
    url: Option<String>,
    limits: Limits,
    a: &Args,
) -> (Duration, Result<Page, Failure>) {
    let opts = Options {
        url,
        limits,
        explain: a.explain,
        now: a.now,
    };
    let started = Instant::now();
    let result = catch_panic(|| {
        let article = readmark::extract_bytes(bytes, None, &opts)?;
        let output = render_as(&article, a);
        Ok((article, output))
    });
    let elapsed = started.elapsed();
    let page = match result {
        Ok(Ok((article, output))) => Ok(Page {
            article,
            output,
            encoding: a.explain.then(|| {
                let (enc, source) = readmark::decode::detect(bytes, None);
                (enc.name(), source)
            }),
        }),
        Ok(Err(e)) => Err(Failure::Extract(e)),
        Err(panic) => Err(panic),
    };
    (elapsed, page)
}

fn render_as(article: &Article, a: &Args) -> String {
    match a.format {
        Format::Markdown => render::to_markdown(
            article,
            &render::MarkdownOptions {
                front_matter: a.front_matter,
            },
        ),
        Format::Json => render::to_json(article),
        // The standalone reader page (own stylesheet and CSP), not the bare fragment.
        Format::Html => render::to_reader_document(article),
        Format::Text => render::to_text(article),
    }
}

/// The file's bytes (or stdin's), gunzipped when they start with the gzip magic.
/// Reads at most `limit + 1` decompressed bytes, so a gzip bomb ends as `InputTooLarge`.
fn read_input(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let raw = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?
    };
    if !raw.starts_with(&[0x1f, 0x8b]) {
        return Ok(raw);
    }
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(raw.as_slice())
        .take(cap)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decompress (gzip): {e}"))?;
    Ok(out)
}

fn write_stdout(text: &str) -> Result<(), String> {
    let mut out = io::stdout().lock();
    let mut result = out.write_all(text.as_bytes());
    if result.is_ok() && !text.is_empty() && !text.ends_with('\n') {
        result = out.write_all(b"\n");
    }
    match result.and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        // `readmark page.html | head`: the reader left; that is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to standard output: {e}")),
    }
}

/// What `--explain` prints for a page.
fn explain_lines(page: &Page) -> Vec<String> {
    use readmark::decode::EncodingSource as S;
    let mut lines = Vec::new();
    if let Some((name, source)) = page.encoding {
        let from = match source {
            S::Bom => "byte order mark",
            S::ContentType => "Content-Type",
            S::Meta => "<meta> declaration",
            S::Utf8 => "valid UTF-8",
            S::Sniffed => "guessed from the bytes",
        };
        lines.push(format!("encoding {name} ({from})"));
    }
    lines.extend(page.article.removed.iter().map(|r| {
        let text: String = r.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut short: String = text.chars().take(100).collect();
        if short.len() < text.len() {
            short.push('…');
        }
        format!("removed [{}] {short}", r.reason)
    }));
    lines
}

/// `_meta.jsonl` line (the field names of `bench/score.py` and Readability's tests).
#[derive(serde::Serialize)]
struct MetaLine<'a> {
    id: &'a str,
    title: Option<&'a str>,
    byline: Option<&'a str>,
    excerpt: Option<&'a str>,
    #[serde(rename = "siteName")]
    site_name: Option<&'a str>,
    lang: Option<&'a str>,
    dir: Option<&'a str>,
    #[serde(rename = "publishedTime")]
    published_time: Option<&'a str>,
}

fn write_meta_line(w: &mut impl Write, id: &str, a: &Article) -> io::Result<()> {
    let line = MetaLine {
        id,
        title: a.title.as_deref(),
        byline: a.author.as_deref(),
        excerpt: a.excerpt.as_deref(),
        site_name: a.site_name.as_deref(),
        lang: a.lang.as_deref(),
        dir: a.dir.map(|d| d.as_str()),
        published_time: a.published.as_deref(),
    };
    serde_json::to_writer(&mut *w, &line)?;
    w.write_all(b"\n")
}

fn create(path: &Path) -> Result<BufWriter<File>, String> {
    File::create(path)
        .map(BufWriter::new)
        .map_err(|e| format!("cannot create {}: {e}", path.display()))
}

fn sink_error(path: Option<&Path>, e: io::Error) -> String {
    let name = path.map(|p| p.display().to_string()).unwrap_or_default();
    format!("cannot write {name}: {e}")
}

/// `stem<TAB>url` lines; blank lines and `#` comments are skipped.
fn read_url_map(path: &Path) -> Result<HashMap<String, String>, String> {
    let text =
        std::fs::read_to_string(path).map_err(|e| format!("--url-map {}: {e}", path.display()))?;
    let mut map = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (stem, url) = line.split_once('\t').ok_or_else(|| {
            format!(
                "--url-map {}:{}: expected `stem<TAB>url`",
                path.display(),
                i + 1
            )
        })?;
        map.insert(stem.to_string(), url.trim().to_string());
    }
    Ok(map)
}

/// Two inputs with one stem would overwrite each other's output and metadata line.
fn check_unique_stems(inputs: &[PathBuf], stems: &[String]) -> Result<(), String> {
    let mut seen: HashMap<&str, &Path> = HashMap::new();
    for (path, stem) in inputs.iter().zip(stems) {
        if let Some(first) = seen.insert(stem, path) {
            return Err(format!(
                "{} and {} have the same output name `{stem}`",
                first.display(),
                path.display()
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- panics as page errors

thread_local! {
    /// Set while a page is processed: the hook then records the panic instead of printing.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Panics inside [`catch_panic`] are recorded for the page's error line; any other panic
/// (a bug in this binary) is printed by the default hook as usual.
fn install_panic_hook() {
    let default = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if !CATCHING.with(Cell::get) {
            return default(info);
        }
        let payload = info.payload();
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "(no message)".to_string());
        let at = info
            .location()
            .map(|l| format!(" at {}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{msg}{at}")));
    }));
}

fn catch_panic<T>(f: impl FnOnce() -> T) -> Result<T, Failure> {
    CATCHING.with(|c| c.set(true));
    // The page's data is dropped after a panic, so no broken invariant is observed.
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(false));
    result.map_err(|_| {
        let msg = LAST_PANIC.with(|p| p.borrow_mut().take());
        Failure::Panic(msg.unwrap_or_else(|| "(no message)".to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panics_become_page_errors() {
        install_panic_hook();
        let r = catch_panic(|| -> u32 { panic!("boom") });
        match r {
            Err(Failure::Panic(m)) => assert!(m.starts_with("boom at "), "{m}"),
            _ => panic!("expected a caught panic"),
        }
        assert!(matches!(catch_panic(|| 7), Ok(7)));
    }

    #[test]
    fn gzip_input_is_decompressed_and_capped() {
        use flate2::{write::GzEncoder, Compression};
        let dir = std::env::temp_dir().join(format!("readmark-cli-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("p.html.gz");
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&[b'a'; 5000]).expect("gzip");
        std::fs::write(&path, gz.finish().expect("gzip")).expect("write");
        assert_eq!(read_input(&path, 10_000).expect("read").len(), 5000);
        assert_eq!(read_input(&path, 100).expect("read").len(), 101);
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn url_map_and_unique_stems() {
        let dir = std::env::temp_dir().join(format!("readmark-map-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let map = dir.join("m.tsv");
        std::fs::write(&map, "# c\nabc\thttp://x/a\r\n\nd\thttp://y/\n").expect("write");
        let m = read_url_map(&map).expect("parses");
        assert_eq!(m.get("abc").map(String::as_str), Some("http://x/a"));
        assert_eq!(m.len(), 2);
        std::fs::write(&map, "no tab here\n").expect("write");
        assert!(read_url_map(&map).expect_err("bad line").contains(":1:"));
        std::fs::remove_dir_all(&dir).ok();

        let inputs = [PathBuf::from("a/x.html"), PathBuf::from("b/x.html.gz")];
        let stems: Vec<String> = inputs.iter().map(|p| args::stem(p)).collect();
        assert!(check_unique_stems(&inputs, &stems).is_err());
    }
}
