//! Command-line arguments (hand-rolled: a handful of flags does not justify a parser crate).

use std::path::PathBuf;

pub const USAGE: &str = "\
readmark — extract the article of a web page as Markdown, JSON, reader HTML or plain text

Usage: readmark [OPTIONS] [FILE|-]...

Inputs are HTML files (`.html.gz` / `.gz` are decompressed), or standard input
(`-`, or no FILE). The character encoding is detected (BOM, <meta charset>, sniffing).

Options:
  -f, --format FMT       md (default), json, html (reader page), text
      --front-matter     Markdown: start with a YAML front matter block
  -u, --url URL          URL the page was read from (resolves relative links)
      --url-map FILE     TSV lines `stem<TAB>url`: per-page URLs for a batch
                         (an entry wins over --url)
      --files-from FILE  read more input paths from FILE, one per line
  -o, --out-dir DIR      write DIR/<stem>.<md|json|html|txt> (required for several
                         inputs); stem = file name without .html.gz/.htm.gz/.html/.htm/.gz
      --now TIME         the moment the page was read, to resolve relative dates
                         (`3小时前`, `2 hours ago`): ISO 8601 with an offset
                         (2024-06-17T10:00:00+08:00), or `now` for the system clock
                         (UTC); without it relative dates stay unresolved
      --explain          on stderr: the detected encoding and every dropped block with
                         the reason it was dropped
      --meta-jsonl FILE  one JSON line of metadata per page (id, title, byline, excerpt,
                         siteName, lang, dir, publishedTime)
      --timings FILE     `stem<TAB>ms` per page: decode + extraction + rendering,
                         file reading and writing excluded
  -q, --quiet            no progress bar and no summary (errors are still printed)
  -h, --help             print this help
  -V, --version          print the version

Exit status: 0 all pages extracted; 1 some page failed (one line per failure on
stderr: `readmark: FILE: error`; the batch goes on); 2 usage error; 101 some page hit
an internal error (a panic: always a bug, please report it).

Examples:
  readmark page.html > page.md
  curl -s https://example.org/a | readmark --url https://example.org/a --format json
  readmark --front-matter --out-dir out/ pages/*.html.gz
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Html,
    Text,
}

impl Format {
    /// File extension of this format's output files.
    pub fn ext(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Html => "html",
            Format::Text => "txt",
        }
    }

    fn parse(s: &str) -> Result<Format, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Format::Markdown,
            "json" => Format::Json,
            "html" => Format::Html,
            "text" | "txt" => Format::Text,
            _ => {
                return Err(format!(
                    "unknown format `{s}` (expected md, json, html or text)"
                ))
            }
        })
    }
}

#[derive(Debug, Clone)]
pub struct Args {
    /// Input paths; `-` is standard input. Never empty after parsing.
    pub inputs: Vec<PathBuf>,
    pub format: Format,
    pub front_matter: bool,
    pub url: Option<String>,
    pub url_map: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub explain: bool,
    pub now: Option<readmark::meta::relative::Now>,
    pub meta_jsonl: Option<PathBuf>,
    pub timings: Option<PathBuf>,
    pub quiet: bool,
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    Run(Args),
    Help,
    Version,
}

/// `--now`: ISO 8601 with an offset, or `now` (the system clock, in UTC).
fn parse_now(v: &str) -> Result<readmark::meta::relative::Now, String> {
    use readmark::meta::relative::Now;
    if v == "now" {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_err(|e| format!("--now: the system clock is before 1970 ({e})"))?;
        return Ok(Now {
            unix_secs: i64::try_from(secs.as_secs()).unwrap_or(i64::MAX),
            offset_minutes: 0,
        });
    }
    Now::parse_iso(v).ok_or_else(|| {
        format!("--now needs `now` or an ISO 8601 time with an offset (2024-06-17T10:00:00+08:00), not `{v}`")
    })
}

/// Parse the arguments after the program name.
pub fn parse(argv: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut args = Args {
        inputs: Vec::new(),
        format: Format::Markdown,
        front_matter: false,
        url: None,
        url_map: None,
        out_dir: None,
        explain: false,
        now: None,
        meta_jsonl: None,
        timings: None,
        quiet: false,
    };
    let mut files_from: Vec<PathBuf> = Vec::new();
    let mut it = argv.into_iter();
    let mut only_files = false;
    while let Some(arg) = it.next() {
        if only_files || arg == "-" || !arg.starts_with('-') {
            args.inputs.push(PathBuf::from(arg));
            continue;
        }
        // `--name=value` or `--name value`.
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |what: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| format!("{name} needs {what}"))
        };
        match name.as_str() {
            "--" => only_files = true,
            "-h" | "--help" => return Ok(Command::Help),
            "-V" | "--version" => return Ok(Command::Version),
            "-f" | "--format" => args.format = Format::parse(&value("a format")?)?,
            "--front-matter" => args.front_matter = true,
            "-u" | "--url" => args.url = Some(value("a URL")?),
            "--url-map" => args.url_map = Some(value("a file")?.into()),
            "--files-from" => files_from.push(value("a file")?.into()),
            "-o" | "--out-dir" => args.out_dir = Some(value("a directory")?.into()),
            "--explain" => args.explain = true,
            "--now" => args.now = Some(parse_now(&value("a time")?)?),
            "--meta-jsonl" => args.meta_jsonl = Some(value("a file")?.into()),
            "--timings" => args.timings = Some(value("a file")?.into()),
            "-q" | "--quiet" => args.quiet = true,
            _ => return Err(format!("unknown option `{arg}` (see --help)")),
        }
        if inline.is_some() && is_flag(&name) {
            return Err(format!("{name} takes no value"));
        }
    }
    for list in &files_from {
        let text = std::fs::read_to_string(list)
            .map_err(|e| format!("--files-from {}: {e}", list.display()))?;
        args.inputs.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(PathBuf::from),
        );
    }
    if args.inputs.is_empty() && files_from.is_empty() {
        args.inputs.push(PathBuf::from("-"));
    }
    if args.inputs.len() > 1 && args.out_dir.is_none() {
        return Err(format!(
            "{} inputs need --out-dir DIR (one output file per input)",
            args.inputs.len()
        ));
    }
    if args.inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err("standard input (`-`) can be read only once".to_string());
    }
    Ok(Command::Run(args))
}

fn is_flag(name: &str) -> bool {
    matches!(name, "--front-matter" | "--explain" | "--quiet")
}

/// Output stem of an input path: its file name without `.html.gz`, `.htm.gz`, `.html`,
/// `.htm` or `.gz` (case-insensitive); `stdin` for `-`.
pub fn stem(path: &std::path::Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".to_string();
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned());
    let lower = name.to_ascii_lowercase();
    for suffix in [".html.gz", ".htm.gz", ".html", ".htm", ".gz"] {
        if lower.len() > suffix.len() && lower.ends_with(suffix) {
            return name[..name.len() - suffix.len()].to_string();
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn run(args: &[&str]) -> Result<Args, String> {
        match parse(args.iter().map(|s| s.to_string()))? {
            Command::Run(a) => Ok(a),
            other => Err(format!("{other:?}")),
        }
    }

    #[test]
    fn stems() {
        assert_eq!(stem(Path::new("a/0123abc.html.gz")), "0123abc");
        assert_eq!(stem(Path::new("x.HTM")), "x");
        assert_eq!(stem(Path::new("x.htm.gz")), "x");
        assert_eq!(stem(Path::new("page.gz")), "page");
        assert_eq!(stem(Path::new("notes.txt")), "notes.txt");
        assert_eq!(stem(Path::new(".html")), ".html");
        assert_eq!(stem(Path::new("-")), "stdin");
    }

    #[test]
    fn defaults_to_stdin_markdown() {
        let a = run(&[]).expect("parses");
        assert_eq!(a.inputs, vec![PathBuf::from("-")]);
        assert_eq!(a.format, Format::Markdown);
    }

    #[test]
    fn values_inline_and_separate() {
        let a = run(&[
            "--format=json",
            "-u",
            "http://x/",
            "--out-dir",
            "o",
            "a",
            "b",
        ])
        .expect("parses");
        assert_eq!(a.format, Format::Json);
        assert_eq!(a.url.as_deref(), Some("http://x/"));
        assert_eq!(a.inputs.len(), 2);
    }

    #[test]
    fn errors() {
        let err = |args: &[&str]| run(args).expect_err("must not parse");
        assert!(err(&["a.html", "b.html"]).contains("--out-dir"));
        assert!(err(&["--format", "pdf"]).contains("pdf"));
        assert!(err(&["--bogus"]).contains("--bogus"));
        assert!(err(&["--url"]).contains("needs"));
        assert!(err(&["--now", "2024-06-17"]).contains("offset"));
        assert!(err(&["--quiet=yes"]).contains("no value"));
        assert!(err(&["-o", "d", "-", "-"]).contains("once"));
    }

    #[test]
    fn help_and_version() {
        assert!(matches!(parse(["-h".to_string()]), Ok(Command::Help)));
        assert!(matches!(
            parse(["--version".to_string()]),
            Ok(Command::Version)
        ));
    }
}
