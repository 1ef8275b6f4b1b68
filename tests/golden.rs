//! Golden-fixture suite: every folder `tests/fixtures/<name>/` holds a page
//! (`source.html`, read as raw bytes so the charset detection is exercised), a
//! hand-written `case.toml` with expectations (the specification), and the rendered
//! `expected.md` / `expected.json` (the regression net, reviewed by a human).
//!
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the golden files; review the diff.
//! See `tests/fixtures/README.md` for the `case.toml` keys.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use readmark::model::{Block, Image, Inline};
use readmark::render::{to_json, to_markdown, MarkdownOptions};
use readmark::{Article, Options};

// ---------------------------------------------------------------------------------------
// case.toml: a tiny TOML subset (comments, `key = "str"`, `key = 'literal'`, `key = 123`,
// `key = ["a", 'b', …]` over one or more lines). Anything else is a parse error, so a
// typo never silently disables an expectation.
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Str(String),
    Int(i64),
    List(Vec<String>),
}

fn parse_case(src: &str) -> Result<BTreeMap<String, Value>, String> {
    let mut out = BTreeMap::new();
    let mut lines = src.lines().enumerate().peekable();
    while let Some((no, line)) = lines.next() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let (key, rest) = t
            .split_once('=')
            .ok_or_else(|| format!("line {}: expected `key = value`", no + 1))?;
        let key = key.trim().to_string();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("line {}: bad key {key:?}", no + 1));
        }
        let mut rest = rest.trim().to_string();
        if rest.starts_with('[') {
            // Gather continuation lines until the closing bracket (outside strings).
            while !array_closed(&rest) {
                let (_, more) = lines
                    .next()
                    .ok_or_else(|| format!("line {}: unterminated array for {key}", no + 1))?;
                rest.push('\n');
                rest.push_str(more.trim());
            }
        }
        let mut p = Parser {
            s: rest.as_bytes(),
            i: 0,
            src: &rest,
        };
        let v = p
            .value()
            .map_err(|e| format!("line {} ({key}): {e}", no + 1))?;
        p.skip_ws_comments();
        if p.i != p.s.len() {
            return Err(format!("line {} ({key}): trailing text", no + 1));
        }
        if out.insert(key.clone(), v).is_some() {
            return Err(format!("line {}: duplicate key {key}", no + 1));
        }
    }
    Ok(out)
}

fn array_closed(s: &str) -> bool {
    let (mut depth, mut q, mut esc, mut comment) = (0i32, None::<char>, false, false);
    for c in s.chars() {
        if comment {
            comment = c != '\n';
            continue;
        }
        match q {
            Some(qc) => {
                if esc {
                    esc = false;
                } else if c == '\\' && qc == '"' {
                    esc = true;
                } else if c == qc {
                    q = None;
                }
            }
            None => match c {
                '"' | '\'' => q = Some(c),
                '[' => depth += 1,
                ']' => depth -= 1,
                '#' => comment = true,
                _ => {}
            },
        }
    }
    depth <= 0 && q.is_none()
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    src: &'a str,
}

impl Parser<'_> {
    fn skip_ws_comments(&mut self) {
        while self.i < self.s.len() {
            match self.s[self.i] {
                b' ' | b'\t' | b'\n' | b'\r' => self.i += 1,
                b'#' => {
                    while self.i < self.s.len() && self.s[self.i] != b'\n' {
                        self.i += 1;
                    }
                }
                _ => break,
            }
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        self.skip_ws_comments();
        match self.s.get(self.i) {
            Some(b'"') | Some(b'\'') => Ok(Value::Str(self.string()?)),
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws_comments();
                    match self.s.get(self.i) {
                        Some(b']') => {
                            self.i += 1;
                            break;
                        }
                        Some(b'"') | Some(b'\'') => items.push(self.string()?),
                        _ => return Err("arrays hold strings only".into()),
                    }
                    self.skip_ws_comments();
                    match self.s.get(self.i) {
                        Some(b',') => self.i += 1,
                        Some(b']') => {}
                        _ => return Err("expected `,` or `]` in array".into()),
                    }
                }
                Ok(Value::List(items))
            }
            Some(c) if c.is_ascii_digit() || *c == b'-' => {
                let start = self.i;
                self.i += 1;
                while self.i < self.s.len()
                    && (self.s[self.i].is_ascii_digit() || self.s[self.i] == b'_')
                {
                    self.i += 1;
                }
                self.src[start..self.i]
                    .replace('_', "")
                    .parse()
                    .map(Value::Int)
                    .map_err(|e| e.to_string())
            }
            _ => Err("expected a string, an integer or an array".into()),
        }
    }

    fn string(&mut self) -> Result<String, String> {
        let quote = self.s[self.i];
        self.i += 1;
        let rest = &self.src[self.i..];
        let mut out = String::new();
        let mut chars = rest.char_indices();
        while let Some((off, c)) = chars.next() {
            if c == quote as char {
                self.i += off + 1;
                return Ok(out);
            }
            if c == '\n' {
                return Err("newline in string".into());
            }
            if c == '\\' && quote == b'"' {
                let (_, e) = chars.next().ok_or("dangling escape")?;
                match e {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    'u' | 'U' => {
                        let n = if e == 'u' { 4 } else { 8 };
                        let hex: String = (0..n)
                            .filter_map(|_| chars.next().map(|(_, h)| h))
                            .collect();
                        let cp = u32::from_str_radix(&hex, 16).map_err(|_| "bad \\u escape")?;
                        out.push(char::from_u32(cp).ok_or("bad code point")?);
                    }
                    other => return Err(format!("unknown escape \\{other}")),
                }
            } else {
                out.push(c);
            }
        }
        Err("unterminated string".into())
    }
}

/// The expectations of one fixture.
#[derive(Debug, Default)]
struct Case {
    url: Option<String>,
    /// (field, expected) for title/author/published/modified/lang/dir/site_name/image;
    /// `"null"` means "must be absent".
    fields: Vec<(&'static str, String)>,
    blocks: Option<usize>,
    kinds: Option<Vec<String>>,
    headings: Option<Vec<String>>,
    code_langs: Option<Vec<String>>,
    images: Option<Vec<String>>,
    links: Vec<String>,
    contains: Vec<String>,
    not_contains: Vec<String>,
    known_failure: Option<String>,
    /// `now` (ISO 8601 with offset): extract once more with `Options::now` set, and expect
    /// `published_at_now` as the publication date (relative dates like `3小时前`).
    now: Option<String>,
    published_at_now: Option<String>,
}

const FIELDS: &[&str] = &[
    "title",
    "author",
    "published",
    "modified",
    "lang",
    "dir",
    "site_name",
    "image",
];

fn case_from(map: BTreeMap<String, Value>) -> Result<Case, String> {
    let mut c = Case::default();
    for (k, v) in map {
        let as_str = |v: &Value| match v {
            Value::Str(s) => Ok(s.clone()),
            _ => Err(format!("{k} must be a string")),
        };
        let as_list = |v: &Value| match v {
            Value::List(l) => Ok(l.clone()),
            _ => Err(format!("{k} must be an array of strings")),
        };
        match k.as_str() {
            "url" => c.url = Some(as_str(&v)?),
            "blocks" => match v {
                Value::Int(n) if n >= 0 => c.blocks = Some(n as usize),
                _ => return Err("blocks must be a non-negative integer".into()),
            },
            "kinds" => c.kinds = Some(as_list(&v)?),
            "headings" => c.headings = Some(as_list(&v)?),
            "code_langs" => c.code_langs = Some(as_list(&v)?),
            "images" => c.images = Some(as_list(&v)?),
            "links" => c.links = as_list(&v)?,
            "contains" => c.contains = as_list(&v)?,
            "not_contains" => c.not_contains = as_list(&v)?,
            "known_failure" => c.known_failure = Some(as_str(&v)?),
            "now" => c.now = Some(as_str(&v)?),
            "published_at_now" => c.published_at_now = Some(as_str(&v)?),
            f => match FIELDS.iter().find(|x| **x == f) {
                Some(name) => c.fields.push((name, as_str(&v)?)),
                None => return Err(format!("unknown key {f:?}")),
            },
        }
    }
    Ok(c)
}

// ---------------------------------------------------------------------------------------
// Model helpers
// ---------------------------------------------------------------------------------------

fn inline_text(content: &[Inline], out: &mut String) {
    for i in content {
        match i {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Math { tex } => out.push_str(tex),
            Inline::Emphasis { content }
            | Inline::Strong { content }
            | Inline::Strike { content }
            | Inline::Superscript { content }
            | Inline::Subscript { content }
            | Inline::Link { content, .. } => inline_text(content, out),
            Inline::Image(img) => out.push_str(&img.alt),
            Inline::FootnoteRef { .. } => {}
            Inline::LineBreak => out.push(' '),
        }
    }
}

fn kind(b: &Block) -> &'static str {
    match b {
        Block::Heading { .. } => "heading",
        Block::Paragraph { .. } => "paragraph",
        Block::List { .. } => "list",
        Block::Table(_) => "table",
        Block::Code { .. } => "code",
        Block::Figure { .. } => "figure",
        Block::Quote { .. } => "quote",
        Block::Math { .. } => "math",
        Block::Footnote { .. } => "footnote",
        Block::Rule => "rule",
    }
}

/// Walks every block (depth first, document order) and calls `f` on blocks and inlines.
fn walk(blocks: &[Block], fb: &mut dyn FnMut(&Block), fi: &mut dyn FnMut(&Inline)) {
    fn inl(c: &[Inline], fi: &mut dyn FnMut(&Inline)) {
        for i in c {
            fi(i);
            match i {
                Inline::Emphasis { content }
                | Inline::Strong { content }
                | Inline::Strike { content }
                | Inline::Superscript { content }
                | Inline::Subscript { content }
                | Inline::Link { content, .. } => inl(content, fi),
                _ => {}
            }
        }
    }
    for b in blocks {
        fb(b);
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content } => inl(content, fi),
            Block::List { items, .. } => {
                for it in items {
                    walk(&it.blocks, fb, fi);
                }
            }
            Block::Table(t) => {
                inl(&t.caption, fi);
                for c in t.head.iter().chain(t.rows.iter().flatten()) {
                    inl(&c.content, fi);
                }
            }
            Block::Figure { images, caption } => {
                for img in images {
                    fi(&Inline::Image(img.clone()));
                }
                inl(caption, fi);
            }
            Block::Quote { blocks } | Block::Footnote { blocks, .. } => walk(blocks, fb, fi),
            Block::Code { .. } | Block::Math { .. } | Block::Rule => {}
        }
    }
}

fn field(a: &Article, name: &str) -> Option<String> {
    match name {
        "title" => a.title.clone(),
        "author" => a.author.clone(),
        "published" => a.published.clone(),
        "modified" => a.modified.clone(),
        "lang" => a.lang.clone(),
        "dir" => a.dir.map(|d| d.as_str().to_string()),
        "site_name" => a.site_name.clone(),
        "image" => a.image.clone(),
        _ => unreachable!(),
    }
}

/// Every string in a JSON value, newline-joined (what a reader of the JSON would see).
fn json_strings(v: &serde_json::Value, out: &mut String) {
    match v {
        serde_json::Value::String(s) => {
            out.push_str(s);
            out.push('\n');
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| json_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| json_strings(x, out)),
        _ => {}
    }
}

fn short(s: &str) -> String {
    let s = s.replace('\n', "⏎");
    if s.chars().count() > 90 {
        format!("{}…", s.chars().take(90).collect::<String>())
    } else {
        s
    }
}

/// Checks the hand-written expectations; returns one line per unmet expectation.
fn check_expectations(case: &Case, a: &Article, md: &str, json: &str) -> Vec<String> {
    let mut f = Vec::new();
    for (name, want) in &case.fields {
        let got = field(a, name);
        let ok = match (&got, want.as_str()) {
            (None, "null") => true,
            (Some(g), w) => g == w,
            (None, _) => false,
        };
        if !ok {
            f.push(format!("{name}: expected {want:?}, got {got:?}"));
        }
    }

    let kinds: Vec<&str> = a.blocks.iter().map(kind).collect();
    if let Some(n) = case.blocks {
        if a.blocks.len() != n {
            f.push(format!(
                "blocks: expected {n} top-level blocks, got {}: [{}]",
                a.blocks.len(),
                kinds.join(", ")
            ));
        }
    }
    if let Some(want) = &case.kinds {
        if want.iter().map(String::as_str).ne(kinds.iter().copied()) {
            f.push(format!(
                "kinds: expected [{}]\n            got      [{}]",
                want.join(", "),
                kinds.join(", ")
            ));
        }
    }

    let mut headings = Vec::new();
    let mut langs = Vec::new();
    let mut images = Vec::new();
    let mut hrefs = Vec::new();
    let mut fn_refs = Vec::new();
    let mut fn_defs = Vec::new();
    walk(
        &a.blocks,
        &mut |b| match b {
            Block::Heading { content, .. } => {
                let mut s = String::new();
                inline_text(content, &mut s);
                headings.push(s);
            }
            Block::Code { lang, .. } => langs.push(lang.clone().unwrap_or_else(|| "null".into())),
            Block::Footnote { id, .. } => fn_defs.push(id.clone()),
            _ => {}
        },
        &mut |i| match i {
            Inline::Image(Image { src, .. }) => images.push(src.clone()),
            Inline::Link { href, .. } => hrefs.push(href.clone()),
            Inline::FootnoteRef { id } => fn_refs.push(id.clone()),
            _ => {}
        },
    );
    // Invariants that hold for every page (not tied to case.toml).
    for r in &fn_refs {
        if !fn_defs.contains(r) {
            f.push(format!("footnote reference {r:?} has no Footnote block"));
        }
    }
    for d in &fn_defs {
        if !fn_refs.contains(d) {
            f.push(format!("Footnote block {d:?} is never referenced"));
        }
    }
    for h in &hrefs {
        let ok = h.starts_with("https://")
            || h.starts_with("http://")
            || h.starts_with("mailto:")
            || h.starts_with('#');
        if !ok {
            f.push(format!(
                "link href {h:?} is neither absolute http(s)/mailto nor a #fragment"
            ));
        }
    }
    for src in &images {
        let ok = src.starts_with("https://")
            || src.starts_with("http://")
            || src.starts_with("data:image/");
        if !ok {
            f.push(format!(
                "image src {src:?} is not an absolute http(s) or data:image URL"
            ));
        }
    }
    if let Some(want) = &case.headings {
        if *want != headings {
            f.push(format!(
                "headings: expected {want:?}\n            got      {headings:?}"
            ));
        }
    }
    if let Some(want) = &case.code_langs {
        if *want != langs {
            f.push(format!("code_langs: expected {want:?}, got {langs:?}"));
        }
    }
    if let Some(want) = &case.images {
        if *want != images {
            f.push(format!(
                "images: expected {want:?}\n            got    {images:?}"
            ));
        }
    }
    for l in &case.links {
        if !hrefs.contains(l) {
            f.push(format!("links: no link to {l:?} (links: {hrefs:?})"));
        }
    }

    for s in &case.contains {
        if !md.contains(s.as_str()) {
            f.push(format!("contains: Markdown lacks {:?}", short(s)));
        }
    }
    // The JSON is checked both as text and as its decoded strings (escaping must not
    // hide a leak), and so is the model itself.
    let mut json_text = String::new();
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(v) => json_strings(&v, &mut json_text),
        Err(e) => f.push(format!("to_json output is not valid JSON: {e}")),
    }
    if let Ok(v) = serde_json::to_value(a) {
        json_strings(&v, &mut json_text);
    }
    for s in &case.not_contains {
        let mut wh = Vec::new();
        if let Some(p) = md.find(s.as_str()) {
            let start = md[..p].char_indices().rev().nth(30).map_or(0, |(i, _)| i);
            let end = (p + s.len() + 60).min(md.len());
            let end = (end..=md.len())
                .find(|&i| md.is_char_boundary(i))
                .unwrap_or(md.len());
            wh.push(format!("Markdown (…{}…)", short(&md[start..end])));
        }
        if json.contains(s.as_str()) || json_text.contains(s.as_str()) {
            wh.push("JSON".to_string());
        }
        if !wh.is_empty() {
            f.push(format!(
                "not_contains: {:?} leaked into {}",
                short(s),
                wh.join(" and ")
            ));
        }
    }
    f
}

// ---------------------------------------------------------------------------------------
// Golden comparison
// ---------------------------------------------------------------------------------------

/// A short line diff (LCS based) of expected vs actual, at most `max` changed lines.
fn line_diff(expected: &str, actual: &str, max: usize) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // Trim the common prefix/suffix so the LCS table stays small.
    let pre = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut out = String::new();
    let mut shown = 0;
    let mut emit = |out: &mut String, sign: char, line_no: usize, l: &str| {
        if shown < max {
            let _ = writeln!(out, "      {sign}{line_no:>4}| {}", short(l));
        } else if shown == max {
            out.push_str("      … (more differences)\n");
        }
        shown += 1;
    };
    if ma.len() * mb.len() > 4_000_000 {
        for (i, l) in ma.iter().enumerate() {
            emit(&mut out, '-', pre + i + 1, l);
        }
        for (i, l) in mb.iter().enumerate() {
            emit(&mut out, '+', pre + i + 1, l);
        }
        return out;
    }
    let (n, m) = (ma.len(), mb.len());
    let mut t = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if ma[i] == mb[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && ma[i] == mb[j] {
            i += 1;
            j += 1;
        } else if i < n && (j == m || t[i + 1][j] >= t[i][j + 1]) {
            emit(&mut out, '-', pre + i + 1, ma[i]);
            i += 1;
        } else {
            emit(&mut out, '+', pre + j + 1, mb[j]);
            j += 1;
        }
    }
    if out.is_empty() && expected != actual {
        out.push_str("      (differs only in line endings or the final newline)\n");
    }
    out
}

fn compare_golden(path: &Path, actual: &str, update: bool, fails: &mut Vec<String>) {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    if update {
        let same = std::fs::read_to_string(path)
            .map(|s| s == actual)
            .unwrap_or(false);
        if !same {
            if let Err(e) = std::fs::write(path, actual) {
                fails.push(format!("cannot write {name}: {e}"));
            }
        }
        return;
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => fails.push(format!(
            "{name} differs (- expected, + actual):\n{}",
            line_diff(&expected, actual, 16).trim_end()
        )),
        Err(_) => fails.push(format!(
            "{name} is missing (run with UPDATE_GOLDEN=1, then review it)"
        )),
    }
}

// ---------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------

struct Output {
    article: Result<Article, readmark::Error>,
    md: String,
    json: String,
}

/// Extracts and renders on a thread with a 1 MiB stack, like the wasm32 build.
fn run(bytes: Vec<u8>, url: Option<String>) -> Result<Output, String> {
    run_at(bytes, url, None)
}

// `..Default::default()` keeps this compiling when MarkdownOptions gains fields.
#[allow(clippy::needless_update)]
fn run_at(
    bytes: Vec<u8>,
    url: Option<String>,
    now: Option<readmark::meta::relative::Now>,
) -> Result<Output, String> {
    let h = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            let opts = Options {
                url,
                now,
                ..Default::default()
            };
            let article = readmark::extract_bytes(&bytes, None, &opts);
            let (md, json) = match &article {
                Ok(a) => (
                    to_markdown(
                        a,
                        &MarkdownOptions {
                            front_matter: true,
                            ..Default::default()
                        },
                    ),
                    to_json(a),
                ),
                Err(_) => (String::new(), String::new()),
            };
            Output { article, md, json }
        })
        .map_err(|e| format!("cannot spawn thread: {e}"))?;
    h.join().map_err(|p| {
        let msg = p
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "(non-string panic)".into());
        format!("PANICKED: {msg}")
    })
}

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// What one fixture produced.
struct FixtureResult {
    /// Failures (empty = the fixture passes).
    fails: Vec<String>,
    status: &'static str,
    /// For a known failure: its reason and the unmet expectations (`GOLDEN_VERBOSE=1`).
    known: Vec<String>,
}

fn fail(msg: String) -> FixtureResult {
    FixtureResult {
        fails: vec![msg],
        status: "FAIL",
        known: Vec::new(),
    }
}

/// The `now` / `published_at_now` expectation: the relative date resolves against `now`.
fn check_at_now(case: &Case, now: &str, bytes: Vec<u8>, fails: &mut Vec<String>) {
    let Some(at) = readmark::meta::relative::Now::parse_iso(now) else {
        fails.push(format!(
            "case.toml: now = {now:?} is not ISO 8601 with an offset"
        ));
        return;
    };
    match run_at(bytes, case.url.clone(), Some(at)).map(|o| o.article) {
        Ok(Ok(a)) => {
            if a.published != case.published_at_now {
                fails.push(format!(
                    "published at now={now}: expected {:?}, got {:?}",
                    case.published_at_now, a.published
                ));
            }
        }
        Ok(Err(e)) => fails.push(format!("extraction at now={now} failed: {e}")),
        Err(e) => fails.push(e),
    }
}

/// Runs one fixture.
fn run_fixture(dir: &Path, update: bool) -> FixtureResult {
    let mut fails = Vec::new();
    let case = match std::fs::read_to_string(dir.join("case.toml"))
        .map_err(|e| format!("cannot read case.toml: {e}"))
        .and_then(|s| parse_case(&s).map_err(|e| format!("case.toml: {e}")))
        .and_then(|m| case_from(m).map_err(|e| format!("case.toml: {e}")))
    {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let bytes = match std::fs::read(dir.join("source.html")) {
        Ok(b) => b,
        Err(e) => return fail(format!("cannot read source.html: {e}")),
    };

    let out = match run(bytes.clone(), case.url.clone()) {
        Ok(o) => o,
        Err(e) => return fail(e),
    };
    let article = match &out.article {
        Ok(a) => a,
        Err(e) => {
            let msg = format!("extraction failed: {e} ({})", e.code());
            if let Some(reason) = &case.known_failure {
                // Expected to fail; but a stored golden means it used to work.
                if !update
                    && (dir.join("expected.md").exists() || dir.join("expected.json").exists())
                {
                    return fail(format!("{msg}, but golden files exist (regression)"));
                }
                return FixtureResult {
                    fails: Vec::new(),
                    status: "known-failure",
                    known: vec![format!("known_failure: {reason}"), msg],
                };
            }
            return fail(msg);
        }
    };

    // Determinism: the same input gives the same output.
    if let Ok(again) = run(bytes.clone(), case.url.clone()) {
        if again.md != out.md || again.json != out.json {
            fails.push("output is not deterministic (two runs differ)".into());
        }
    }
    if let Some(now) = &case.now {
        check_at_now(&case, now, bytes, &mut fails);
    }

    compare_golden(&dir.join("expected.md"), &out.md, update, &mut fails);
    compare_golden(&dir.join("expected.json"), &out.json, update, &mut fails);

    let unmet = check_expectations(&case, article, &out.md, &out.json);
    let mut known = Vec::new();
    let status = match (&case.known_failure, unmet.is_empty()) {
        (None, true) => "ok",
        (None, false) => {
            fails.extend(unmet);
            "FAIL"
        }
        (Some(reason), false) => {
            known.push(format!("known_failure: {reason}"));
            known.extend(unmet);
            "known-failure"
        }
        (Some(reason), true) => {
            fails.push(format!(
                "known_failure ({reason}) but every expectation now passes: remove the known_failure line"
            ));
            "FAIL"
        }
    };
    let status = if fails.is_empty() { status } else { "FAIL" };
    FixtureResult {
        fails,
        status,
        known,
    }
}

#[test]
fn golden_fixtures() {
    let update = std::env::var("UPDATE_GOLDEN").is_ok_and(|v| v == "1");
    // GOLDEN_VERBOSE=1: list the unmet expectations of known failures in the summary.
    let verbose = std::env::var("GOLDEN_VERBOSE").is_ok_and(|v| v == "1");
    // Optional filter: GOLDEN_FILTER=substring runs only matching fixtures.
    let filter = std::env::var("GOLDEN_FILTER").ok();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .filter(|p| {
            filter.as_deref().is_none_or(|f| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().contains(f))
            })
        })
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no fixtures found");

    let mut report = String::new();
    let mut summary = String::new();
    let mut failed = 0;
    for dir in &dirs {
        let name = dir
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let FixtureResult {
            fails,
            status,
            known,
        } = run_fixture(dir, update);
        let _ = writeln!(summary, "  {status:<14} {name}");
        if verbose {
            for k in &known {
                let _ = writeln!(summary, "      · {k}");
            }
        }
        if !fails.is_empty() {
            failed += 1;
            let _ = writeln!(report, "\n── {name} ──");
            for f in fails {
                let _ = writeln!(report, "  • {f}");
            }
        }
    }
    eprintln!("golden fixtures:\n{summary}");
    if !verbose && summary.contains("known-failure") {
        eprintln!("(GOLDEN_VERBOSE=1 lists what the known failures still get wrong)");
    }
    if failed > 0 {
        panic!(
            "{failed} of {} golden fixtures failed{}:\n{report}",
            dirs.len(),
            if update {
                " (golden files were updated; expectations still unmet)"
            } else {
                ""
            }
        );
    }
}

#[test]
fn case_parser_accepts_the_documented_subset() {
    let src = r#"
# comment
url = "http://x.test/a"
title = "A \"quoted\" \u00e9"
tex = 'e^{i\pi}'
blocks = 17
contains = [
  "one", # trailing comment
  'two [x]',
]
empty = []
"#;
    let m = parse_case(src).expect("parses");
    assert_eq!(m["title"], Value::Str("A \"quoted\" é".into()));
    assert_eq!(m["tex"], Value::Str("e^{i\\pi}".into()));
    assert_eq!(m["blocks"], Value::Int(17));
    assert_eq!(
        m["contains"],
        Value::List(vec!["one".into(), "two [x]".into()])
    );
    assert_eq!(m["empty"], Value::List(vec![]));
    assert!(parse_case("x = nope").is_err());
    assert!(parse_case("x = \"a\"\nx = \"b\"").is_err());
    assert!(case_from(parse_case("titel = \"typo\"").expect("parses")).is_err());
}

#[test]
fn line_diff_shows_changes() {
    let d = line_diff("a\nb\nc\n", "a\nB\nc\n", 10);
    assert!(d.contains("-   2| b") && d.contains("+   2| B"), "{d}");
}
