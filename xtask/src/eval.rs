//! `cargo xtask eval`: run the release CLI over the benchmark corpora, score the output
//! with `bench/score.py`, and print one compact table (plus the worst pages).
//!
//! Per dataset everything lives in `target/eval/<dataset>/` (recreated on each run):
//! `inputs.txt` + `urls.tsv` (what the CLI reads), `pred/` (`<id>.txt`, `_meta.jsonl`,
//! `_timings.tsv`), `truth/` (a view of the corpus holding exactly the evaluated pages, so
//! that `--limit`/`--smoke` score those pages and not the missing rest as empty),
//! `summary.json`, `per-page.tsv` and `score.txt` (score.py's own report).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// Pages per dataset in `--smoke`.
const SMOKE_PAGES: usize = 20;
/// URL every Readability test page is extracted with (as in its own test suite).
const READABILITY_URL: &str = "http://fakehost/test/page.html";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    Scrapinghub,
    Readability,
    Wcxb,
}

impl Dataset {
    pub const ALL: [Dataset; 3] = [Dataset::Scrapinghub, Dataset::Readability, Dataset::Wcxb];

    pub fn name(self) -> &'static str {
        match self {
            Dataset::Scrapinghub => "scrapinghub",
            Dataset::Readability => "readability",
            Dataset::Wcxb => "wcxb",
        }
    }

    /// The dataset's own metric in score.py's summary (`shingle` = Zyte's evaluate.py,
    /// `wordbag` = WCXB's evaluate.py).
    fn metric(self) -> &'static str {
        match self {
            Dataset::Scrapinghub | Dataset::Readability => "shingle",
            Dataset::Wcxb => "wordbag",
        }
    }

    fn other_metric(self) -> &'static str {
        match self.metric() {
            "shingle" => "wordbag",
            _ => "shingle",
        }
    }

    /// Per-page F1 column of that metric in score.py's per-page TSV.
    fn f1_column(self) -> &'static str {
        match self.metric() {
            "shingle" => "shingle_f1",
            _ => "wordbag_f1",
        }
    }

    /// `--smoke` fails below this F1: far under any working extractor on these pages
    /// (published extractors score 0.75–0.97), so only a broken pipeline gets there.
    fn smoke_floor(self) -> f64 {
        match self {
            Dataset::Scrapinghub | Dataset::Readability => 0.5,
            Dataset::Wcxb => 0.3,
        }
    }
}

/// Which pages of a dataset to evaluate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// The first N pages in id order.
    First(usize),
    /// N pages evenly spaced over the id order (page `i * len / N`): a fixed sample that
    /// covers the whole dataset without choosing pages by their content.
    Spread(usize),
}

impl Pick {
    fn apply<T: Clone>(self, all: Vec<T>) -> Vec<T> {
        match self {
            Pick::First(n) => all.into_iter().take(n).collect(),
            Pick::Spread(n) if n >= all.len() => all,
            Pick::Spread(n) => (0..n).map(|i| all[i * all.len() / n].clone()).collect(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Opts {
    datasets: Vec<Dataset>,
    limit: Option<usize>,
    sample: Option<usize>,
    smoke: bool,
}

impl Opts {
    pub fn smoke() -> Opts {
        Opts {
            datasets: Dataset::ALL.to_vec(),
            limit: Some(SMOKE_PAGES),
            sample: None,
            smoke: true,
        }
    }

    pub fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts {
            datasets: Dataset::ALL.to_vec(),
            limit: None,
            sample: None,
            smoke: false,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (a.as_str(), None),
            };
            let mut value = || {
                inline
                    .clone()
                    .or_else(|| it.next().cloned())
                    .ok_or_else(|| format!("eval: {name} needs a value"))
            };
            match name {
                "--dataset" => {
                    let v = value()?;
                    o.datasets = match v.as_str() {
                        "all" => Dataset::ALL.to_vec(),
                        _ => {
                            vec![*Dataset::ALL.iter().find(|d| d.name() == v).ok_or_else(|| {
                                format!(
                                    "eval: unknown dataset `{v}` \
                                     (scrapinghub, readability, wcxb or all)"
                                )
                            })?]
                        }
                    };
                }
                "--limit" => {
                    let v = value()?;
                    let n: usize = v.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                        format!("eval: --limit needs a positive number, not `{v}`")
                    })?;
                    o.limit = Some(n);
                }
                "--sample" => {
                    let v = value()?;
                    let n: usize = v.parse().ok().filter(|&n| n > 0).ok_or_else(|| {
                        format!("eval: --sample needs a positive number, not `{v}`")
                    })?;
                    o.sample = Some(n);
                }
                "--smoke" => o.smoke = true,
                _ => return Err(format!("eval: unknown option `{a}`")),
            }
        }
        if o.smoke {
            o.limit = Some(o.limit.map_or(SMOKE_PAGES, |n| n.min(SMOKE_PAGES)));
        }
        if o.sample.is_some() && o.limit.is_some() {
            return Err("eval: --sample and --limit/--smoke do not combine".into());
        }
        Ok(o)
    }

    fn pick(&self) -> Option<Pick> {
        self.sample
            .map(Pick::Spread)
            .or(self.limit.map(Pick::First))
    }
}

/// One page of a dataset: its id (= output stem), input file and URL.
#[derive(Debug, Clone)]
struct Page {
    id: String,
    input: PathBuf,
    url: String,
}

/// How the CLI run ended.
#[derive(Debug, Clone, PartialEq)]
enum CliEnd {
    /// Exit 0 or 1 (1 = some pages failed with a typed error).
    Normal,
    /// Exit 101: a page panicked (caught and reported by the CLI).
    Panicked,
    /// Anything else: usage error, abort, signal.
    Crashed(String),
}

#[derive(Debug)]
struct Outcome {
    ds: Dataset,
    dir: PathBuf,
    pages: usize,
    /// Pages without an output file (the CLI reported an error for each).
    failed: usize,
    cli: CliEnd,
    summary: Value,
    cjk: Option<Value>,
    rows: Vec<BTreeMap<String, String>>,
}

impl Outcome {
    fn metric(&self, key: &str) -> Option<f64> {
        self.summary[self.ds.metric()][key].as_f64()
    }
}

pub fn run(o: &Opts) -> Result<(), String> {
    let found = crate::shared_dir("CORPUS_DIR", "corpus").and_then(|corpus| {
        let bench = crate::shared_dir("BENCH_DIR", "bench")?;
        let score = bench.join("score.py");
        if score.is_file() {
            Ok((corpus, score))
        } else {
            Err(format!("{} not found", score.display()))
        }
    });
    let (corpus, score_py) = match found {
        Ok(x) => x,
        Err(e) if o.smoke => {
            println!("SKIP eval smoke: {e}");
            return Ok(());
        }
        Err(e) => return Err(format!("eval: {e}")),
    };
    let cli = crate::build_cli()?;
    let mut outcomes = Vec::new();
    for &ds in &o.datasets {
        let dir = crate::target_dir().join("eval").join(ds.name());
        let outcome = eval_dataset(ds, &corpus, &score_py, &cli, &dir, o.pick())?;
        print_details(&outcome);
        outcomes.push(outcome);
    }
    print_table(&outcomes);
    verdict(&outcomes, o.smoke)
}

fn eval_dataset(
    ds: Dataset,
    corpus: &Path,
    score_py: &Path,
    cli: &Path,
    dir: &Path,
    pick: Option<Pick>,
) -> Result<Outcome, String> {
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(|e| io_err(dir, e))?;
    }
    let pred = dir.join("pred");
    let truth = dir.join("truth");
    mkdir(&pred)?;

    let mut pages = list_pages(ds, corpus)?;
    if let Some(p) = pick {
        pages = p.apply(pages);
    }
    if pages.is_empty() {
        return Err(format!(
            "eval: no {} pages found in {}",
            ds.name(),
            corpus.display()
        ));
    }
    let inputs = stage_inputs(ds, dir, &pages)?;
    make_truth_view(ds, corpus, &truth, &pages)?;

    let list = dir.join("inputs.txt");
    write(
        &list,
        &lines(inputs.iter().map(|p| p.display().to_string())),
    )?;
    let urls = dir.join("urls.tsv");
    write(
        &urls,
        &lines(pages.iter().map(|p| format!("{}\t{}", p.id, p.url))),
    )?;

    eprintln!(
        "\n== {}: {} pages -> {}",
        ds.name(),
        pages.len(),
        dir.display()
    );
    let mut cmd = Command::new(cli);
    cmd.arg("--format")
        .arg("text")
        .arg("--out-dir")
        .arg(&pred)
        .arg("--meta-jsonl")
        .arg(pred.join("_meta.jsonl"))
        .arg("--timings")
        .arg(pred.join("_timings.tsv"))
        .arg("--url-map")
        .arg(&urls)
        .arg("--files-from")
        .arg(&list);
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {}: {e}", cli.display()))?;
    let cli_end = match status.code() {
        Some(0 | 1) => CliEnd::Normal,
        Some(101) => CliEnd::Panicked,
        _ => CliEnd::Crashed(status.to_string()),
    };
    let failed = pages
        .iter()
        .filter(|p| !pred.join(format!("{}.txt", p.id)).is_file())
        .count();

    let summary_path = dir.join("summary.json");
    let per_page = dir.join("per-page.tsv");
    let report = score(
        ds,
        score_py,
        &truth,
        &pred,
        &summary_path,
        Some(&per_page),
        false,
    )?;
    write(&dir.join("score.txt"), &report)?;
    let summary = read_json(&summary_path)?;
    let has_cjk = summary["by_script"]
        .as_object()
        .is_some_and(|m| m.keys().any(|k| k.starts_with("cjk")));
    let cjk = if has_cjk {
        let p = dir.join("summary-cjk-chars.json");
        score(ds, score_py, &truth, &pred, &p, None, true)?;
        Some(read_json(&p)?)
    } else {
        None
    };
    Ok(Outcome {
        ds,
        pages: pages.len(),
        failed,
        cli: cli_end,
        summary,
        cjk,
        rows: read_tsv(&per_page)?,
        dir: dir.to_path_buf(),
    })
}

/// The CLI over a spread sample of one dataset ([`Pick::Spread`]), kept so that another
/// producer of predictions (the extension, see `ext_f1.rs`) can be scored on exactly the
/// same pages against the same truth view.
pub struct SampleRun {
    pub dataset: Dataset,
    pub dir: PathBuf,
    /// `(id, URL the CLI was given)` of each sampled page.
    pub pages: Vec<(String, String)>,
    /// The dataset's own F1 over the sample.
    pub f1: f64,
    /// Per-page F1 of the dataset's metric.
    pub per_page: BTreeMap<String, f64>,
}

pub fn cli_sample(ds: Dataset, n: usize, dir: &Path) -> Result<SampleRun, String> {
    let corpus = crate::shared_dir("CORPUS_DIR", "corpus")?;
    let score_py = crate::shared_dir("BENCH_DIR", "bench")?.join("score.py");
    let cli = crate::build_cli()?;
    let o = eval_dataset(ds, &corpus, &score_py, &cli, dir, Some(Pick::Spread(n)))?;
    let f1 = o
        .metric("f1")
        .ok_or_else(|| format!("{}: no F1 in the summary", ds.name()))?;
    let per_page = per_page_f1(ds, &o.rows);
    let pages = read_tsv_pairs(&dir.join("urls.tsv"))?;
    Ok(SampleRun {
        dataset: ds,
        dir: dir.to_path_buf(),
        pages,
        f1,
        per_page,
    })
}

/// Score `pred` (one `<id>.txt` per sampled page) like the sample's CLI output.
pub fn score_sample(
    run: &SampleRun,
    pred: &Path,
    name: &str,
) -> Result<(f64, BTreeMap<String, f64>), String> {
    let score_py = crate::shared_dir("BENCH_DIR", "bench")?.join("score.py");
    let json = run.dir.join(format!("summary-{name}.json"));
    let tsv = run.dir.join(format!("per-page-{name}.tsv"));
    let report = score(
        run.dataset,
        &score_py,
        &run.dir.join("truth"),
        pred,
        &json,
        Some(&tsv),
        false,
    )?;
    write(&run.dir.join(format!("score-{name}.txt")), &report)?;
    let summary = read_json(&json)?;
    let f1 = summary[run.dataset.metric()]["f1"]
        .as_f64()
        .ok_or_else(|| format!("{}: no F1 in {}", run.dataset.name(), json.display()))?;
    Ok((f1, per_page_f1(run.dataset, &read_tsv(&tsv)?)))
}

fn per_page_f1(ds: Dataset, rows: &[BTreeMap<String, String>]) -> BTreeMap<String, f64> {
    rows.iter()
        .filter_map(|r| {
            let f = r.get(ds.f1_column())?.parse().ok()?;
            Some((r.get("id")?.clone(), f))
        })
        .collect()
}

fn read_tsv_pairs(p: &Path) -> Result<Vec<(String, String)>, String> {
    let text = fs::read_to_string(p).map_err(|e| io_err(p, e))?;
    Ok(text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect())
}

/// Pages of a dataset in score.py's order (sorted ids).
fn list_pages(ds: Dataset, corpus: &Path) -> Result<Vec<Page>, String> {
    let mut pages = Vec::new();
    match ds {
        Dataset::Scrapinghub => {
            let base = corpus.join("scrapinghub");
            let gt = read_json(&base.join("ground-truth.json"))?;
            let map = gt
                .as_object()
                .ok_or("scrapinghub/ground-truth.json: not an object")?;
            for (id, entry) in map {
                pages.push(Page {
                    id: id.clone(),
                    input: base.join("html").join(format!("{id}.html.gz")),
                    url: entry["url"].as_str().unwrap_or_default().to_string(),
                });
            }
        }
        Dataset::Readability => {
            let base = corpus.join("readability-test-pages").join("test-pages");
            for dir in sorted_entries(&base)? {
                if dir.is_dir() {
                    pages.push(Page {
                        id: file_name(&dir),
                        input: dir.join("source.html"),
                        url: READABILITY_URL.to_string(),
                    });
                }
            }
        }
        Dataset::Wcxb => {
            let base = corpus.join("wcxb").join("dev");
            for f in sorted_entries(&base.join("ground-truth"))? {
                let Some(id) = file_name(&f).strip_suffix(".json").map(str::to_string) else {
                    continue;
                };
                let gt = read_json(&f)?;
                pages.push(Page {
                    input: base.join("html").join(format!("{id}.html.gz")),
                    url: gt["url"].as_str().unwrap_or_default().to_string(),
                    id,
                });
            }
        }
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The paths the CLI reads. Readability pages are all called `source.html`, so they are
/// linked as `input/<name>.html` to give each output its page's id.
fn stage_inputs(ds: Dataset, dir: &Path, pages: &[Page]) -> Result<Vec<PathBuf>, String> {
    if ds != Dataset::Readability {
        return Ok(pages.iter().map(|p| p.input.clone()).collect());
    }
    let input = dir.join("input");
    mkdir(&input)?;
    pages
        .iter()
        .map(|p| {
            let staged = input.join(format!("{}.html", p.id));
            link(&p.input, &staged)?;
            Ok(staged)
        })
        .collect()
}

/// A corpus root holding only `pages`' ground truth, handed to score.py as `CORPUS_DIR`.
fn make_truth_view(ds: Dataset, corpus: &Path, view: &Path, pages: &[Page]) -> Result<(), String> {
    match ds {
        Dataset::Scrapinghub => {
            let gt = read_json(&corpus.join("scrapinghub/ground-truth.json"))?;
            let subset: serde_json::Map<String, Value> = pages
                .iter()
                .map(|p| (p.id.clone(), gt[&p.id].clone()))
                .collect();
            let out = view.join("scrapinghub");
            mkdir(&out)?;
            let text = serde_json::to_string(&subset).map_err(|e| e.to_string())?;
            write(&out.join("ground-truth.json"), &text)
        }
        Dataset::Readability => {
            for p in pages {
                let rel = Path::new("readability-test-pages/test-pages").join(&p.id);
                let out = view.join(&rel);
                mkdir(&out)?;
                for f in ["expected.html", "expected-metadata.json"] {
                    link(&corpus.join(&rel).join(f), &out.join(f))?;
                }
            }
            Ok(())
        }
        Dataset::Wcxb => {
            let rel = Path::new("wcxb/dev/ground-truth");
            let out = view.join(rel);
            mkdir(&out)?;
            for p in pages {
                let f = format!("{}.json", p.id);
                link(&corpus.join(rel).join(&f), &out.join(&f))?;
            }
            Ok(())
        }
    }
}

/// Run score.py; returns its stdout (the human-readable report).
fn score(
    ds: Dataset,
    score_py: &Path,
    truth: &Path,
    pred: &Path,
    json: &Path,
    per_page: Option<&Path>,
    cjk_chars: bool,
) -> Result<String, String> {
    let mut cmd = Command::new("python3");
    cmd.arg(score_py)
        .args(["--dataset", ds.name()])
        .arg("--pred")
        .arg(pred)
        .arg("--json")
        .arg(json)
        .env("CORPUS_DIR", truth)
        .stderr(Stdio::inherit());
    if ds == Dataset::Wcxb {
        cmd.args(["--split", "dev"]);
    }
    if let Some(p) = per_page {
        cmd.arg("--per-page").arg(p);
    }
    if cjk_chars {
        cmd.args(["--cjk-chars", "--n-bootstrap", "0"]);
    }
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run python3 (install it; see scripts/setup.sh): {e}"))?;
    if !out.status.success() {
        return Err(format!("`{}` failed ({})", crate::show(&cmd), out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

// ---------------------------------------------------------------- report

fn print_details(o: &Outcome) {
    let s = &o.summary;
    let m = o.ds.metric();
    println!(
        "\n{} ({} pages; score.py report: {})",
        o.ds.name(),
        o.pages,
        o.dir.join("score.txt").display()
    );
    match &o.cli {
        CliEnd::Normal if o.failed == 0 => {}
        CliEnd::Normal => println!("  CLI: {} pages failed (see the errors above)", o.failed),
        CliEnd::Panicked => {
            println!("  CLI: INTERNAL ERROR (panic) on some page -- a bug; see the errors above")
        }
        CliEnd::Crashed(how) => println!("  CLI: CRASHED ({how}); later pages have no output"),
    }
    println!(
        "  {m:<8} P {}  R {}  F1 {}    {} F1 {}",
        f3(s[m]["precision"].as_f64()),
        f3(s[m]["recall"].as_f64()),
        f3(s[m]["f1"].as_f64()),
        o.ds.other_metric(),
        f3(s[o.ds.other_metric()]["f1"].as_f64()),
    );
    if let Some(scripts) = s["by_script"].as_object() {
        let parts: Vec<String> = scripts
            .iter()
            .map(|(k, v)| {
                // by_script reports the shingle F1 and the mean wordbag F1.
                let f1 = if m == "shingle" {
                    &v["f1"]
                } else {
                    &v["wordbag_f1"]
                };
                format!("{k} {} (n={})", f3(f1.as_f64()), v["n"])
            })
            .collect();
        println!("  by script ({m} F1): {}", parts.join("  "));
    }
    if let Some(cjk) = o.cjk.as_ref().and_then(|c| c["by_script"].as_object()) {
        let parts: Vec<String> = cjk
            .iter()
            .filter(|(k, _)| k.starts_with("cjk"))
            .map(|(k, v)| {
                let f1 = if m == "shingle" {
                    &v["f1"]
                } else {
                    &v["wordbag_f1"]
                };
                format!("{k} {} (n={})", f3(f1.as_f64()), v["n"])
            })
            .collect();
        println!(
            "  CJK, one token per character ({m} F1): {}",
            parts.join("  ")
        );
    }
    if o.ds == Dataset::Readability {
        match s["metadata"].as_object() {
            Some(md) => {
                let parts: Vec<String> = md
                    .iter()
                    .filter(|(k, _)| !k.starts_with('_'))
                    .map(|(k, v)| format!("{k} {}/{}", v["match"], v["checked"]))
                    .collect();
                println!(
                    "  metadata exact match: {}  overall {}",
                    parts.join("  "),
                    f3(md.get("_overall").and_then(|v| v["rate"].as_f64()))
                );
            }
            None => println!("  metadata: no predictions (_meta.jsonl is empty)"),
        }
    }
    if let Some(types) = s["by_page_type"].as_object() {
        let parts: Vec<String> = types
            .iter()
            .map(|(k, v)| format!("{k} {} (n={})", f3(v["f1"].as_f64()), v["n"]))
            .collect();
        println!("  by page type (wordbag F1): {}", parts.join("  "));
    }
    let col = o.ds.f1_column();
    let mut rows: Vec<&BTreeMap<String, String>> = o.rows.iter().collect();
    rows.sort_by(|a, b| {
        let f = |r: &BTreeMap<String, String>| r.get(col).and_then(|v| v.parse::<f64>().ok());
        f(a).partial_cmp(&f(b))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.get("id").cmp(&b.get("id")))
    });
    println!("  worst pages ({col}):");
    for r in rows.iter().take(10) {
        let get = |k: &str| r.get(k).map(String::as_str).unwrap_or("");
        let pt = r
            .get("page_type")
            .map(|t| format!("  {t}"))
            .unwrap_or_default();
        let chars = get("pred_chars");
        let note = if chars == "0" { "  (no output)" } else { "" };
        println!(
            "    {}  {}  {}{pt}  {chars} chars{note}",
            get(col),
            get("id"),
            get("script")
        );
    }
}

fn print_table(outcomes: &[Outcome]) {
    println!(
        "\n{:<12} {:>6} {:>5}  {:<8} {:>6} {:>6} {:>6}  {:>9} {:>8} {:>8}",
        "dataset", "pages", "fail", "metric", "P", "R", "F1", "median ms", "p95 ms", "pages/s"
    );
    for o in outcomes {
        let t = &o.summary["timing"];
        let per_s = match (t["n"].as_f64(), t["total_s"].as_f64()) {
            (Some(n), Some(s)) if s > 0.0 => Some(n / s),
            _ => None,
        };
        println!(
            "{:<12} {:>6} {:>5}  {:<8} {:>6} {:>6} {:>6}  {:>9} {:>8} {:>8}",
            o.ds.name(),
            o.pages,
            o.failed,
            o.ds.metric(),
            f3(o.metric("precision")),
            f3(o.metric("recall")),
            f3(o.metric("f1")),
            f1dp(t["median_ms"].as_f64()),
            f1dp(t["p95_ms"].as_f64()),
            f1dp(per_s),
        );
    }
    println!("(times: decode + extraction + text rendering per page, in process; pages/s = 1000 / mean ms)");
}

/// `Err` when the run must fail: any crash or panic; in smoke mode also an absurd F1.
fn verdict(outcomes: &[Outcome], smoke: bool) -> Result<(), String> {
    let mut problems = Vec::new();
    for o in outcomes {
        match &o.cli {
            CliEnd::Normal => {}
            CliEnd::Panicked => {
                problems.push(format!("{}: the CLI panicked on a page", o.ds.name()))
            }
            CliEnd::Crashed(how) => {
                problems.push(format!("{}: the CLI crashed ({how})", o.ds.name()))
            }
        }
        let f1 = o.metric("f1").unwrap_or(0.0);
        if smoke && f1 < o.ds.smoke_floor() {
            problems.push(format!(
                "{}: {} F1 {f1:.3} on the first {} pages is below the smoke floor {}",
                o.ds.name(),
                o.ds.metric(),
                o.pages,
                o.ds.smoke_floor()
            ));
        }
    }
    if problems.is_empty() {
        if smoke {
            println!("eval smoke: OK");
        }
        Ok(())
    } else {
        let what = if smoke {
            "eval smoke FAILED"
        } else {
            "eval FAILED"
        };
        Err(format!("{what}:\n  {}", problems.join("\n  ")))
    }
}

fn f3(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |v| format!("{v:.3}"))
}

fn f1dp(v: Option<f64>) -> String {
    v.map_or("-".to_string(), |v| format!("{v:.1}"))
}

// ---------------------------------------------------------------- file helpers

fn io_err(path: &Path, e: std::io::Error) -> String {
    format!("{}: {e}", path.display())
}

fn mkdir(p: &Path) -> Result<(), String> {
    fs::create_dir_all(p).map_err(|e| io_err(p, e))
}

fn write(p: &Path, text: &str) -> Result<(), String> {
    fs::write(p, text).map_err(|e| io_err(p, e))
}

fn lines(it: impl Iterator<Item = String>) -> String {
    it.map(|l| l + "\n").collect()
}

fn read_json(p: &Path) -> Result<Value, String> {
    let text = fs::read_to_string(p).map_err(|e| io_err(p, e))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))
}

/// Rows of a TSV with a header line, as column → value maps.
fn read_tsv(p: &Path) -> Result<Vec<BTreeMap<String, String>>, String> {
    let text = fs::read_to_string(p).map_err(|e| io_err(p, e))?;
    let mut it = text.lines();
    let header: Vec<&str> = it.next().unwrap_or_default().split('\t').collect();
    Ok(it
        .filter(|l| !l.is_empty())
        .map(|l| {
            header
                .iter()
                .zip(l.split('\t'))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect())
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| io_err(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    v.sort();
    Ok(v)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Symlink `dst` → `src` (a copy where symlinks are unavailable).
fn link(src: &Path, dst: &Path) -> Result<(), String> {
    #[cfg(unix)]
    let r = std::os::unix::fs::symlink(src, dst);
    #[cfg(not(unix))]
    let r = fs::copy(src, dst).map(|_| ());
    r.map_err(|e| format!("cannot link {} -> {}: {e}", dst.display(), src.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Opts, String> {
        Opts::parse(&args.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn options() {
        let o = parse(&[]).expect("parses");
        assert_eq!(o.datasets.len(), 3);
        assert_eq!(o.limit, None);
        let o = parse(&["--dataset", "wcxb", "--limit=5"]).expect("parses");
        assert_eq!(o.datasets, vec![Dataset::Wcxb]);
        assert_eq!(o.limit, Some(5));
        let o = parse(&["--smoke", "--limit", "100"]).expect("parses");
        assert_eq!(o.limit, Some(SMOKE_PAGES));
        assert!(parse(&["--dataset", "nope"]).is_err());
        assert!(parse(&["--limit", "0"]).is_err());
        assert_eq!(
            parse(&["--sample", "7"]).expect("parses").pick(),
            Some(Pick::Spread(7))
        );
        assert!(parse(&["--sample", "7", "--smoke"]).is_err());
    }

    #[test]
    fn spread_sample_covers_the_whole_order() {
        let all: Vec<u32> = (0..10).collect();
        assert_eq!(Pick::Spread(4).apply(all.clone()), vec![0, 2, 5, 7]);
        assert_eq!(Pick::Spread(1).apply(all.clone()), vec![0]);
        assert_eq!(Pick::Spread(20).apply(all.clone()), all);
        assert_eq!(Pick::First(3).apply(all), vec![0, 1, 2]);
        assert!(parse(&["--bogus"]).is_err());
    }

    #[test]
    fn smoke_fails_on_panic_and_low_f1() {
        let outcome = |cli, f1: f64| Outcome {
            ds: Dataset::Scrapinghub,
            dir: PathBuf::new(),
            pages: 20,
            failed: 0,
            cli,
            summary: serde_json::json!({"shingle": {"f1": f1, "precision": f1, "recall": f1}}),
            cjk: None,
            rows: Vec::new(),
        };
        assert!(verdict(&[outcome(CliEnd::Normal, 0.9)], true).is_ok());
        assert!(verdict(&[outcome(CliEnd::Normal, 0.1)], true).is_err());
        assert!(verdict(&[outcome(CliEnd::Normal, 0.1)], false).is_ok());
        assert!(verdict(&[outcome(CliEnd::Panicked, 0.9)], true).is_err());
        assert!(verdict(&[outcome(CliEnd::Panicked, 0.9)], false).is_err());
        let crashed = CliEnd::Crashed("signal: 6".into());
        assert!(verdict(&[outcome(crashed, 0.9)], true).is_err());
    }
}
