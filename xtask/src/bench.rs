//! `cargo xtask bench`: speed, size and scaling of Readmark against its anchors (issue 7).
//!
//! ```text
//! benches/native.rs (cargo bench --no-run)  prepare: corpus → decoded UTF-8 pages + pages.tsv
//!   ├ taskset -c 0  native run                 Readmark  extract + to_text, in-process
//!   ├ taskset -c 0  scripts/bench/trafilatura_bench.py   Trafilatura, in-process (if installed)
//!   ├ taskset -c 0  bench/js/readability-node.mjs        Readability.js + linkedom (if installed)
//!   └ native scale                             1×/4×/16×/64× one article, 20,000-deep, 100,000-wide:
//!                                              ms and peak RSS per size (one child per size)
//! cargo xtask build (dist/, target/ext/web)    sizes: WASM and packages, raw and gzip
//! bench/js/browser.mjs                         headless Chromium: readPage() vs Readability.js
//!                                              on the same live page, per-page ratio
//! ```
//! Everything is written to `target/bench/` (JSON/TSV per part) and summarised in one table
//! on stdout and in `BENCHMARKS.md` (`--quick`: `target/bench/BENCHMARKS.quick.md`).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

#[derive(Debug, Clone, Default)]
pub struct Opts {
    quick: bool,
    skip_browser: bool,
    skip_others: bool,
    skip_build: bool,
    scale_page: Option<PathBuf>,
}

impl Opts {
    pub fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--quick" => o.quick = true,
                "--no-browser" => o.skip_browser = true,
                "--no-others" => o.skip_others = true,
                "--no-build" => o.skip_build = true,
                "--scale-page" => {
                    o.scale_page = Some(PathBuf::from(
                        it.next().ok_or("bench: --scale-page needs a file")?,
                    ))
                }
                _ => return Err(format!("bench: unknown option `{a}`")),
            }
        }
        Ok(o)
    }

    fn rounds(&self) -> &'static str {
        if self.quick {
            "1"
        } else {
            "3"
        }
    }
}

/// Everything from this line on in `BENCHMARKS.md` is kept by a rerun (profile notes).
const KEEP_MARKER: &str = "<!-- kept by cargo xtask bench: hand-written notes below -->";

/// Targets of issue 7.
const TARGET_RATIO_MEDIAN: f64 = 0.5;
const TARGET_RATIO_P95: f64 = 1.0;
const TARGET_WASM_GZIP: u64 = 300 * 1024;
const TARGET_EXPONENT: f64 = 1.1;
const TARGET_MEM_FACTOR: f64 = 10.0;
const TARGET_THROUGHPUT_X: f64 = 10.0;

pub fn run(o: &Opts) -> Result<(), String> {
    let root = crate::repo_root();
    let out = crate::target_dir().join("bench");
    fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let corpus = crate::shared_dir("CORPUS_DIR", "corpus").map_err(|e| format!("bench: {e}"))?;
    let exe = build_bench_binary()?;
    let mut report = Report::default();
    report.commands.push(format!(
        "cargo xtask bench{}",
        if o.quick { " --quick" } else { "" }
    ));

    // 1. The pages, decoded once.
    eprintln!("xtask: bench: preparing the corpus pages");
    let mut prep = Command::new(&exe);
    prep.arg("prepare")
        .arg("--corpus")
        .arg(&corpus)
        .arg("--out")
        .arg(&out);
    if o.quick {
        prep.args(["--limit", "20"]);
    }
    crate::run_checked(&mut prep)?;
    let pages_tsv = out.join("pages.tsv");

    // 2. Native, one core, same pages, same run. The tools take turns chunk by chunk
    //    (every tool does chunk k before any does chunk k+1), so a machine whose load
    //    changes during the run (other builds on a shared box) skews them alike.
    let pin = move |prog: &Path| {
        let mut c = Command::new("taskset");
        c.args(["-c", "0"])
            .arg(prog)
            .current_dir(crate::repo_root());
        c
    };
    let mut tools: Vec<Tool> = vec![Tool {
        name: "Readmark".into(),
        file: "readmark",
        cmd: {
            let exe = exe.clone();
            Box::new(move |pages: &Path, tsv: &Path, rounds: &str| {
                let mut c = pin(&exe);
                c.arg("run")
                    .arg("--pages")
                    .arg(pages)
                    .arg("--out")
                    .arg(tsv)
                    .args(["--rounds", rounds]);
                c
            })
        },
    }];
    if !o.skip_others {
        let has_traf = Command::new("python3")
            .args(["-c", "import trafilatura"])
            .output()
            .is_ok_and(|s| s.status.success());
        if has_traf {
            let ver = capture(
                Command::new("python3")
                    .args(["-c", "import trafilatura; print(trafilatura.__version__)"]),
            );
            let script = root.join("scripts/bench/trafilatura_bench.py");
            tools.push(Tool {
                name: format!("Trafilatura {}", ver.trim()),
                file: "trafilatura",
                cmd: Box::new(move |pages: &Path, tsv: &Path, rounds: &str| {
                    let mut c = pin(Path::new("python3"));
                    c.arg(&script).arg(pages).arg(tsv).arg(rounds);
                    c
                }),
            });
        } else {
            report.notes.push(
                "Trafilatura is not installed (`pip install trafilatura lxml_html_clean`): skipped."
                    .into(),
            );
        }
        let rd_dir = root.join("node_modules/@mozilla/readability");
        if rd_dir.is_dir() && root.join("node_modules/linkedom").is_dir() {
            let script = root.join("bench/js/readability-node.mjs");
            tools.push(Tool {
                name: format!(
                    "Readability.js {} + linkedom (Node)",
                    package_version(&rd_dir)
                ),
                file: "readability",
                cmd: Box::new(move |pages: &Path, tsv: &Path, rounds: &str| {
                    let mut c = pin(Path::new("node"));
                    c.arg(&script).arg(pages).arg(tsv).arg(rounds);
                    c
                }),
            });
        } else {
            report
                .notes
                .push("@mozilla/readability or linkedom missing (`npm ci`): skipped.".into());
        }
    }
    let chunks = split_pages(&pages_tsv, &out.join("chunks"), if o.quick { 1 } else { 8 })?;
    let mut times: Vec<Times> = vec![Vec::new(); tools.len()];
    for (k, chunk) in chunks.iter().enumerate() {
        for (t, tool) in tools.iter().enumerate() {
            eprintln!(
                "xtask: bench: native chunk {}/{}: {} (taskset -c 0)",
                k + 1,
                chunks.len(),
                tool.name
            );
            let tsv = out.join(format!("chunks/{}-{k}.tsv", tool.file));
            crate::run_checked(&mut (tool.cmd)(chunk, &tsv, o.rounds()))?;
            times[t].extend(read_times(&tsv)?);
        }
    }
    for (tool, t) in tools.iter().zip(times) {
        let mut tsv = String::from("dataset\tid\tms\tok\n");
        for r in &t {
            let _ = writeln!(tsv, "{}\t{}\t{:.4}\t{}", r.0, r.1, r.2, u8::from(r.3));
        }
        let p = out.join(format!("native-{}.tsv", tool.file));
        fs::write(&p, tsv).map_err(|e| format!("{}: {e}", p.display()))?;
        report.native.push((tool.name.clone(), t));
    }

    // 3. Scaling.
    let scale_page = o
        .scale_page
        .clone()
        .unwrap_or_else(|| corpus.join("readability-test-pages/test-pages/nytimes-1/source.html"));
    eprintln!("xtask: bench: scaling ({})", scale_page.display());
    let scale_tsv = out.join("scale.tsv");
    let (sizes, deep, wide) = if o.quick {
        ("1,4,16", "5000", "20000")
    } else {
        ("1,4,16,64", "20000", "100000")
    };
    crate::run_checked(
        pin(&exe)
            .arg("scale")
            .arg("--page")
            .arg(&scale_page)
            .args(["--url", "https://www.nytimes.com/article.html"])
            .args(["--sizes", sizes, "--deep", deep, "--wide", wide])
            .arg("--out")
            .arg(&scale_tsv),
    )?;
    report.scale_page = scale_page
        .strip_prefix(&corpus)
        .unwrap_or(&scale_page)
        .display()
        .to_string();
    report.scale = read_tsv(&scale_tsv)?;

    // 4. Sizes (the extension build also produces the module the browser run loads).
    let web_dir = sizes_and_module(o, &mut report)?;

    // 5. In the browser.
    if !o.skip_browser {
        match web_dir {
            Some(dir) => {
                eprintln!("xtask: bench: headless Chromium (Readmark readPage vs Readability.js)");
                let json = out.join("browser.json");
                let node = Command::new("node")
                    .current_dir(&root)
                    .arg(root.join("bench/js/browser.mjs"))
                    .arg("--pages")
                    .arg(&pages_tsv)
                    .arg("--wasm-dir")
                    .arg(&dir)
                    .arg("--out")
                    .arg(&json)
                    .args(["--per-dataset", if o.quick { "17" } else { "30" }])
                    // 11 rounds: with 5, the per-page medians (and so the p95 of the
                    // ratio) moved by ±0.1 from run to run of the same build.
                    .args(["--rounds", if o.quick { "3" } else { "11" }])
                    .status();
                match node {
                    Ok(s) if s.success() => {
                        let text = fs::read_to_string(&json).map_err(|e| e.to_string())?;
                        report.browser =
                            Some(serde_json::from_str(&text).map_err(|e| e.to_string())?);
                    }
                    other => report
                        .notes
                        .push(format!("browser benchmark failed: {other:?}")),
                }
            }
            None => report
                .notes
                .push("no wasm-bindgen --target web module: browser benchmark skipped".into()),
        }
    }

    report.machine = machine();
    let mut md = report.markdown(o.quick);
    // Hand-written analysis below the marker survives a rerun.
    if let Some(kept) = fs::read_to_string(root.join("BENCHMARKS.md"))
        .ok()
        .and_then(|old| old.find(KEEP_MARKER).map(|i| old[i..].to_string()))
    {
        md.push('\n');
        md.push_str(&kept);
    }
    print!("{}", report.table());
    let dest = if o.quick {
        out.join("BENCHMARKS.quick.md")
    } else {
        root.join("BENCHMARKS.md")
    };
    fs::write(&dest, md).map_err(|e| format!("{}: {e}", dest.display()))?;
    println!("\nwrote {}", dest.display());
    Ok(())
}

/// A native extractor run over a page list: `cmd(pages_tsv, out_tsv, rounds)`.
struct Tool {
    name: String,
    file: &'static str,
    #[allow(clippy::type_complexity)]
    cmd: Box<dyn Fn(&Path, &Path, &str) -> Command>,
}

/// Split a pages TSV into `n` interleaved parts (page i goes to part i mod n), so every
/// part mixes the datasets.
fn split_pages(tsv: &Path, dir: &Path, n: usize) -> Result<Vec<PathBuf>, String> {
    let text = fs::read_to_string(tsv).map_err(|e| format!("{}: {e}", tsv.display()))?;
    let mut lines = text.lines();
    let head = lines.next().unwrap_or_default();
    let mut parts: Vec<String> = vec![format!("{head}\n"); n.max(1)];
    for (i, l) in lines.filter(|l| !l.is_empty()).enumerate() {
        parts[i % n.max(1)].push_str(l);
        parts[i % n.max(1)].push('\n');
    }
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut out = Vec::new();
    for (k, p) in parts.iter().enumerate() {
        let f = dir.join(format!("pages-{k}.tsv"));
        fs::write(&f, p).map_err(|e| format!("{}: {e}", f.display()))?;
        out.push(f);
    }
    Ok(out)
}

/// `cargo bench --bench native --no-run`, returning the executable.
fn build_bench_binary() -> Result<PathBuf, String> {
    eprintln!("xtask: bench: building benches/native.rs (bench profile = release)");
    let out = crate::cargo()
        .args([
            "bench",
            "--bench",
            "native",
            "--no-run",
            "--message-format=json-render-diagnostics",
        ])
        .output()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cargo bench --no-run failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(v) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        if v["reason"] == "compiler-artifact" && v["target"]["name"] == "native" {
            if let Some(exe) = v["executable"].as_str() {
                return Ok(PathBuf::from(exe));
            }
        }
    }
    Err("cargo bench --no-run reported no `native` executable".into())
}

/// Sizes of the WASM and of the packages; returns the `--target web` module directory.
fn sizes_and_module(o: &Opts, report: &mut Report) -> Result<Option<PathBuf>, String> {
    let root = crate::repo_root();
    let target = crate::target_dir();
    if !o.skip_build {
        eprintln!("xtask: bench: cargo xtask build (extension, for sizes and the module)");
        if let Err(e) = crate::ext::build(&crate::ext::Opts::default()) {
            report.notes.push(format!(
                "`cargo xtask build` failed ({e}); sizes are from what exists"
            ));
        }
    }
    let mut web_dir = None;
    let ext_web = target.join("ext/web");
    if ext_web.join("readmark_bg.wasm").is_file() {
        web_dir = Some(ext_web.clone());
    } else {
        // Fallback: the core's wasm-release build through wasm-bindgen ourselves.
        let wasm = target.join("wasm32-unknown-unknown/wasm-release/readmark.wasm");
        let dir = target.join("bench/web");
        let built = crate::run_checked(crate::cargo().args([
            "build",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
            "--no-default-features",
        ]))
        .and_then(|()| crate::ext::wasm_bindgen())
        .and_then(|wb| {
            crate::run_checked(
                Command::new(wb)
                    .arg(&wasm)
                    .arg("--out-dir")
                    .arg(&dir)
                    .args(["--target", "web", "--remove-name-section"]),
            )
        });
        match built {
            Ok(()) => web_dir = Some(dir),
            Err(e) => report.notes.push(format!("wasm build failed: {e}")),
        }
    }
    if let Some(dir) = &web_dir {
        let wasm = dir.join("readmark_bg.wasm");
        if let Ok(b) = fs::read(&wasm) {
            report.sizes.push(Size::of(
                "WASM (readmark_bg.wasm, --target web)",
                &b,
                &wasm,
                &root,
            ));
        }
        if let Ok(b) = fs::read(dir.join("readmark.js")) {
            report.sizes.push(Size::of(
                "wasm-bindgen glue (readmark.js)",
                &b,
                &dir.join("readmark.js"),
                &root,
            ));
        }
    }
    for (label, rel) in [
        (
            "engine-wasm.js (bundle, WASM inlined)",
            "ext/engines/engine-wasm.js",
        ),
        (
            "engine-js.js (wasm2js fallback)",
            "ext/engines/engine-js.js",
        ),
    ] {
        let p = target.join(rel);
        if let Ok(b) = fs::read(&p) {
            report.sizes.push(Size::of(label, &b, &p, &root));
        }
    }
    for browser in crate::ext::BROWSERS {
        let dir = root.join("dist").join(browser);
        if dir.is_dir() {
            let (raw, gz, n) = dir_sizes(&dir);
            report.sizes.push(Size {
                label: format!("extension dist/{browser}/ ({n} files, gzip = per file)"),
                raw,
                gzip: gz,
            });
        }
        let zip = root.join("dist").join(format!("readmark-{browser}.zip"));
        if let Ok(b) = fs::read(&zip) {
            report.sizes.push(Size::of(
                &format!("package dist/readmark-{browser}.zip"),
                &b,
                &zip,
                &root,
            ));
        }
    }
    Ok(web_dir)
}

fn dir_sizes(dir: &Path) -> (u64, u64, usize) {
    let (mut raw, mut gz, mut n) = (0, 0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(b) = fs::read(&p) {
                raw += b.len() as u64;
                gz += crate::ext::gzip_len(&b);
                n += 1;
            }
        }
    }
    (raw, gz, n)
}

fn capture(cmd: &mut Command) -> String {
    cmd.output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default()
}

fn package_version(dir: &Path) -> String {
    fs::read_to_string(dir.join("package.json"))
        .ok()
        .and_then(|s| serde_json::from_str::<Value>(&s).ok())
        .and_then(|v| v["version"].as_str().map(str::to_string))
        .unwrap_or_default()
}

fn machine() -> Vec<(String, String)> {
    let lscpu = capture(&mut Command::new("lscpu"));
    let field = |k: &str| {
        lscpu
            .lines()
            .find_map(|l| l.strip_prefix(k).map(|v| v.trim().to_string()))
            .unwrap_or_default()
    };
    let mem = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("MemTotal:").map(|v| v.trim().to_string()))
        })
        .unwrap_or_default();
    let os = fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("PRETTY_NAME=")
                    .map(|v| v.trim_matches('"').to_string())
            })
        })
        .unwrap_or_default();
    vec![
        (
            "date".into(),
            capture(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]))
                .trim()
                .into(),
        ),
        ("CPU".into(), field("Model name:")),
        (
            "cores".into(),
            format!(
                "{} CPUs ({} threads/core)",
                field("CPU(s):"),
                field("Thread(s) per core:")
            ),
        ),
        ("memory".into(), mem),
        ("OS".into(), os),
        (
            "load average (1/5/15 min) when written".into(),
            fs::read_to_string("/proc/loadavg")
                .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
                .unwrap_or_default(),
        ),
        (
            "rustc".into(),
            capture(Command::new("rustc").arg("-V")).trim().into(),
        ),
        (
            "node".into(),
            capture(Command::new("node").arg("-v")).trim().into(),
        ),
        (
            "python".into(),
            capture(Command::new("python3").arg("-V")).trim().into(),
        ),
    ]
}

fn read_tsv(p: &Path) -> Result<Vec<Vec<String>>, String> {
    let text = fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
    Ok(text
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}

/// Per-page times of one tool: (dataset, id, ms, ok).
type Times = Vec<(String, String, f64, bool)>;

fn read_times(p: &Path) -> Result<Times, String> {
    Ok(read_tsv(p)?
        .into_iter()
        .filter(|r| r.len() >= 5)
        .map(|r| {
            (
                r[0].clone(),
                r[1].clone(),
                r[3].parse().unwrap_or(f64::NAN),
                r[4] == "1",
            )
        })
        .collect())
}

fn sorted(v: &[f64]) -> Vec<f64> {
    let mut s: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    s.sort_by(f64::total_cmp);
    s
}

pub fn median(v: &[f64]) -> f64 {
    let s = sorted(v);
    match s.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => s[n / 2],
        n => (s[n / 2 - 1] + s[n / 2]) / 2.0,
    }
}

/// Nearest-rank percentile.
pub fn pct(v: &[f64], p: f64) -> f64 {
    let s = sorted(v);
    if s.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * s.len() as f64).ceil() as usize;
    s[rank.clamp(1, s.len()) - 1]
}

/// Least-squares slope of log(y) over log(x).
pub fn loglog_slope(xy: &[(f64, f64)]) -> f64 {
    let pts: Vec<(f64, f64)> = xy
        .iter()
        .filter(|(x, y)| *x > 0.0 && *y > 0.0)
        .map(|(x, y)| (x.ln(), y.ln()))
        .collect();
    let n = pts.len() as f64;
    if pts.len() < 2 {
        return f64::NAN;
    }
    let mx = pts.iter().map(|p| p.0).sum::<f64>() / n;
    let my = pts.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = pts.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    let sxx: f64 = pts.iter().map(|p| (p.0 - mx).powi(2)).sum();
    sxy / sxx
}

#[derive(Debug, Clone)]
struct Size {
    label: String,
    raw: u64,
    gzip: u64,
}

impl Size {
    fn of(label: &str, bytes: &[u8], _path: &Path, _root: &Path) -> Size {
        Size {
            label: label.to_string(),
            raw: bytes.len() as u64,
            gzip: crate::ext::gzip_len(bytes),
        }
    }
}

#[derive(Debug, Default)]
struct Report {
    machine: Vec<(String, String)>,
    commands: Vec<String>,
    native: Vec<(String, Times)>,
    scale_page: String,
    scale: Vec<Vec<String>>,
    sizes: Vec<Size>,
    browser: Option<Value>,
    notes: Vec<String>,
}

fn kb(n: u64) -> String {
    format!("{:.0} KB", n as f64 / 1024.0)
}

fn pass(ok: bool) -> &'static str {
    if ok {
        "✅"
    } else {
        "❌"
    }
}

struct NativeRow {
    name: String,
    pages: usize,
    failed: usize,
    median: f64,
    p95: f64,
    mean: f64,
    per_s: f64,
}

struct ScaleRow {
    kind: String,
    n: String,
    bytes: f64,
    ms: f64,
    before_kb: f64,
    peak_kb: f64,
    ok: bool,
}

impl Report {
    fn native_rows(&self) -> Vec<NativeRow> {
        self.native
            .iter()
            .map(|(name, t)| {
                let ms: Vec<f64> = t.iter().map(|r| r.2).collect();
                let mean = ms.iter().sum::<f64>() / ms.len().max(1) as f64;
                NativeRow {
                    name: name.clone(),
                    pages: t.len(),
                    failed: t.iter().filter(|r| !r.3).count(),
                    median: median(&ms),
                    p95: pct(&ms, 95.0),
                    mean,
                    per_s: 1000.0 / mean,
                }
            })
            .collect()
    }

    fn scale_rows(&self) -> Vec<ScaleRow> {
        self.scale
            .iter()
            .filter(|r| r.len() >= 7)
            .map(|r| ScaleRow {
                kind: r[0].clone(),
                n: r[1].clone(),
                bytes: r[2].parse().unwrap_or(f64::NAN),
                ms: r[3].parse().unwrap_or(f64::NAN),
                before_kb: r[4].parse().unwrap_or(f64::NAN),
                peak_kb: r[5].parse().unwrap_or(f64::NAN),
                ok: r[6] == "1",
            })
            .collect()
    }

    /// (time exponent, memory exponent, worst extra-peak/HTML factor) of the replicas.
    fn scale_fit(&self) -> (f64, f64, f64) {
        let rows: Vec<ScaleRow> = self
            .scale_rows()
            .into_iter()
            .filter(|r| r.kind == "replicate")
            .collect();
        let t: Vec<(f64, f64)> = rows.iter().map(|r| (r.bytes, r.ms)).collect();
        let m: Vec<(f64, f64)> = rows
            .iter()
            .map(|r| (r.bytes, (r.peak_kb - r.before_kb).max(1.0)))
            .collect();
        let worst = rows
            .iter()
            .map(|r| (r.peak_kb - r.before_kb) * 1024.0 / r.bytes)
            .fold(f64::NAN, f64::max);
        (loglog_slope(&t), loglog_slope(&m), worst)
    }

    /// Browser: (pages measured, median ratio, p95 ratio).
    fn browser_ratio(&self) -> Option<(usize, f64, f64)> {
        let b = self.browser.as_ref()?;
        let r: Vec<f64> = b["pages"]
            .as_array()?
            .iter()
            .filter_map(|p| p["ratio"].as_f64())
            .collect();
        Some((r.len(), median(&r), pct(&r, 95.0)))
    }

    fn wasm_gzip(&self) -> Option<u64> {
        self.sizes
            .iter()
            .find(|s| s.label.starts_with("WASM"))
            .map(|s| s.gzip)
    }

    fn throughput_x(&self) -> Option<(f64, String)> {
        let rows = self.native_rows();
        let rm = rows.first()?;
        let tr = rows.iter().find(|r| r.name.starts_with("Trafilatura"))?;
        Some((rm.per_s / tr.per_s, tr.name.clone()))
    }

    fn targets(&self) -> String {
        let mut s = String::from("| target | measured | |\n|---|---|---|\n");
        match self.browser_ratio() {
            Some((n, m, p)) => {
                let _ = writeln!(
                    s,
                    "| in-browser Readmark/Readability.js median ≤ {TARGET_RATIO_MEDIAN} | {m:.2} ({n} pages) | {} |",
                    pass(m <= TARGET_RATIO_MEDIAN)
                );
                let _ = writeln!(
                    s,
                    "| in-browser ratio p95 ≤ {TARGET_RATIO_P95} | {p:.2} | {} |",
                    pass(p <= TARGET_RATIO_P95)
                );
            }
            None => s.push_str("| in-browser ratio | not measured | |\n"),
        }
        match self.wasm_gzip() {
            Some(g) => {
                let _ = writeln!(
                    s,
                    "| WASM ≤ 300 KB gzip | {} | {} |",
                    kb(g),
                    pass(g <= TARGET_WASM_GZIP)
                );
            }
            None => s.push_str("| WASM ≤ 300 KB gzip | not measured | |\n"),
        }
        let (te, _, mem) = self.scale_fit();
        let _ = writeln!(
            s,
            "| scaling exponent (time) ≤ {TARGET_EXPONENT} | {te:.2} | {} |",
            pass(te <= TARGET_EXPONENT)
        );
        let _ = writeln!(
            s,
            "| peak memory ≤ {TARGET_MEM_FACTOR}× HTML size | {mem:.1}× (worst replica, peak RSS − RSS before) | {} |",
            pass(mem <= TARGET_MEM_FACTOR)
        );
        match self.throughput_x() {
            Some((x, name)) => {
                let _ = writeln!(
                    s,
                    "| native throughput ≥ {TARGET_THROUGHPUT_X}× Trafilatura | {x:.1}× ({name}) | {} |",
                    pass(x >= TARGET_THROUGHPUT_X)
                );
            }
            None => s.push_str("| native throughput ≥ 10× Trafilatura | not measured | |\n"),
        }
        s
    }

    fn native_table(&self) -> String {
        let mut s = String::from(
            "| extractor | pages | failed | median ms | p95 ms | mean ms | pages/s (1 core) | Readmark is × faster |\n|---|---|---|---|---|---|---|---|\n",
        );
        let rows = self.native_rows();
        let base = rows.first().map(|r| r.per_s).unwrap_or(f64::NAN);
        for r in &rows {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.0} | {:.1} |",
                r.name,
                r.pages,
                r.failed,
                r.median,
                r.p95,
                r.mean,
                r.per_s,
                base / r.per_s
            );
        }
        // Per dataset medians.
        let mut datasets: Vec<String> = Vec::new();
        if let Some((_, t)) = self.native.first() {
            for r in t {
                if !datasets.contains(&r.0) {
                    datasets.push(r.0.clone());
                }
            }
        }
        s.push_str("\nMedian (p95) ms per page by dataset:\n\n| extractor |");
        for d in &datasets {
            let _ = write!(s, " {d} |");
        }
        s.push_str("\n|---|");
        for _ in &datasets {
            s.push_str("---|");
        }
        s.push('\n');
        for (name, t) in &self.native {
            let _ = write!(s, "| {name} |");
            for d in &datasets {
                let ms: Vec<f64> = t.iter().filter(|r| &r.0 == d).map(|r| r.2).collect();
                let _ = write!(s, " {:.2} ({:.1}) |", median(&ms), pct(&ms, 95.0));
            }
            s.push('\n');
        }
        s
    }

    fn scale_table(&self) -> String {
        let mut s = String::from(
            "| page | HTML | ms | peak RSS | RSS before | peak − before | (peak − before) / HTML | ok |\n|---|---|---|---|---|---|---|---|\n",
        );
        for r in self.scale_rows() {
            let label = match r.kind.as_str() {
                "replicate" => format!("{} ×{}", self.scale_page, r.n),
                "deep" => format!("{}-deep `<div>`s", r.n),
                "wide" => format!("{}-wide `<p>`s", r.n),
                k => format!("{k} {}", r.n),
            };
            let extra = r.peak_kb - r.before_kb;
            let _ = writeln!(
                s,
                "| {label} | {:.2} MB | {:.1} | {:.1} MB | {:.1} MB | {:.1} MB | {:.1}× | {} |",
                r.bytes / 1e6,
                r.ms,
                r.peak_kb / 1024.0,
                r.before_kb / 1024.0,
                extra / 1024.0,
                extra * 1024.0 / r.bytes,
                if r.ok { "yes" } else { "no" }
            );
        }
        let (te, me, _) = self.scale_fit();
        let _ = writeln!(
            s,
            "\nFitted exponents (least squares on log–log over the replicas): time **{te:.2}**, peak memory **{me:.2}**. \
             Fixed cost of the process, not counted above (peak of a warm-up extraction of a small page: \
             code pages, allocator arenas, lazily built tables): {:.1} MB.",
            self.scale.first().and_then(|r| r.get(7)).and_then(|v| v.parse::<f64>().ok()).unwrap_or(f64::NAN) / 1024.0
        );
        s
    }

    fn size_table(&self) -> String {
        let mut s = String::from("| artifact | raw | gzip -9 |\n|---|---|---|\n");
        for z in &self.sizes {
            let _ = writeln!(s, "| {} | {} | {} |", z.label, kb(z.raw), kb(z.gzip));
        }
        s
    }

    fn browser_table(&self) -> String {
        let Some(b) = &self.browser else {
            return "not measured\n".into();
        };
        let pages: Vec<&Value> = b["pages"]
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let col = |k: &str| -> Vec<f64> { pages.iter().filter_map(|p| p[k].as_f64()).collect() };
        let ratio = col("ratio");
        let rm = col("rmMs");
        let rd = col("rdMs");
        let snap = col("snapshotMs");
        let ext = col("extractMs");
        let css = col("cssMs");
        let init = col("initMs");
        let cold: Vec<f64> = pages
            .iter()
            .filter_map(|p| Some(p["rmFirstMs"].as_f64()? / p["rdFirstMs"].as_f64()?))
            .collect();
        let ms = |p: &Value, k: &str| p[k].as_f64().unwrap_or(0.0);
        let snap_gt = pages
            .iter()
            .filter(|p| ms(p, "snapshotMs") > ms(p, "extractMs"))
            .count();
        // The CSS asks after the extraction read the page too: counted with the snapshot.
        let read_gt = pages
            .iter()
            .filter(|p| ms(p, "snapshotMs") + ms(p, "cssMs") > ms(p, "extractMs"))
            .count();
        let rm_ok = pages.iter().filter(|p| p["rmOk"] == true).count();
        let rd_ok = pages.iter().filter(|p| p["rdOk"] == true).count();
        let errors = pages.iter().filter(|p| p.get("error").is_some()).count();
        let mut s = String::new();
        let _ = writeln!(
            s,
            "Chromium {} ({} pages measured, {} errors; Readmark ok on {rm_ok}, Readability.js on {rd_ok}; {} rounds, per-page median)\n",
            b["browser"].as_str().unwrap_or("chromium"),
            ratio.len(),
            errors,
            b["rounds"]
        );
        s.push_str("| | median | p95 |\n|---|---|---|\n");
        let _ = writeln!(
            s,
            "| **ratio Readmark / Readability.js** (per page) | **{:.2}** | **{:.2}** |",
            median(&ratio),
            pct(&ratio, 95.0)
        );
        let _ = writeln!(
            s,
            "| Readmark `readPage()` ms (snapshot + extraction + model as JSON) | {:.1} | {:.1} |",
            median(&rm),
            pct(&rm, 95.0)
        );
        let _ = writeln!(
            s,
            "| Readability.js ms (`cloneNode(true)` + `parse()`) | {:.1} | {:.1} |",
            median(&rd),
            pct(&rd, 95.0)
        );
        let _ = writeln!(
            s,
            "| Readmark snapshot ms (its own timer, `performance.now()`) | {:.1} | {:.1} |",
            median(&snap),
            pct(&snap, 95.0)
        );
        let _ = writeln!(
            s,
            "| Readmark extraction + rendering ms (same timer) | {:.1} | {:.1} |",
            median(&ext),
            pct(&ext, 95.0)
        );
        if !css.is_empty() {
            let _ = writeln!(
                s,
                "| Readmark CSS asked about the article's elements after extracting ms (same timer) | {:.2} | {:.2} |",
                median(&css),
                pct(&css, 95.0)
            );
        }
        let _ = writeln!(
            s,
            "| module instantiation per tab ms (not in the ratio) | {:.1} | {:.1} |",
            median(&init),
            pct(&init, 95.0)
        );
        if !cold.is_empty() {
            let _ = writeln!(
                s,
                "| first call in the tab: ratio Readmark / Readability.js | {:.2} | {:.2} |",
                median(&cold),
                pct(&cold, 95.0)
            );
        }
        let _ = writeln!(
            s,
            "\nThe snapshot cost more than the extraction on {snap_gt} of {} pages; with the \
             CSS asks counted as snapshot (they read the page), on {read_gt}.",
            pages.len()
        );
        s
    }

    fn table(&self) -> String {
        let mut s = String::from("\n== Targets (issue 7)\n");
        s.push_str(&self.targets());
        s.push_str("\n== Native, one core, same pages, same run\n");
        s.push_str(&self.native_table());
        s.push_str("\n== Scaling\n");
        s.push_str(&self.scale_table());
        s.push_str("\n== Size\n");
        s.push_str(&self.size_table());
        s.push_str("\n== In the browser\n");
        s.push_str(&self.browser_table());
        for n in &self.notes {
            let _ = writeln!(s, "note: {n}");
        }
        s
    }

    fn markdown(&self, quick: bool) -> String {
        let mut s = String::from("# Benchmarks\n\n");
        s.push_str(
            "Written by `cargo xtask bench` (see [DEVELOPING.md](DEVELOPING.md#cargo-xtask-bench)); do not edit by hand, \
             rerun it. The raw per-page data is in `target/bench/`.\n\n",
        );
        if quick {
            s.push_str("**Quick run** (`--quick`: 20 pages per dataset, 1 round, smaller scaling): indicative only.\n\n");
        }
        s.push_str("## Machine\n\n| | |\n|---|---|\n");
        for (k, v) in &self.machine {
            let _ = writeln!(s, "| {k} | {v} |");
        }
        if let Some(b) = &self.browser {
            let _ = writeln!(
                s,
                "| browser | {} (headless) |",
                b["browser"].as_str().unwrap_or("")
            );
        }
        s.push_str("\nCommands:\n\n```sh\n");
        for c in &self.commands {
            let _ = writeln!(s, "{c}");
        }
        s.push_str("```\n\n## Targets (issue 7)\n\n");
        s.push_str(&self.targets());
        s.push_str(
            "\n## In the browser\n\nHeadless Chromium, corpus pages served on 127.0.0.1 (every other request aborted) \
             cross-origin isolated (COOP/COEP headers: `performance.now()` in 5 µs steps instead of 100 µs), \
             evenly spaced over the three datasets. Per page, in the same tab and the same run: Readmark's full path \
             (`readPage({})` of the `--target web` module the extension ships: snapshot of the live DOM, extraction, \
             the model as JSON — what the extension needs before it opens the reader; the Markdown exports are \
             rendered afterwards, on demand — plus `JSON.parse` of the result) and Readability.js 0.6.0 \
             (`new Readability(document.cloneNode(true)).parse()`, injected into the benchmark page only), in \
             alternating order; each tool's per-page time is the median of its rounds (the first, cold call \
             among them, and also reported on its own below); the ratio is per page.\n\n",
        );
        s.push_str(&self.browser_table());
        s.push_str(
            "\n## Native\n\nEvery tool reads the same decoded UTF-8 HTML (decoded once by `readmark::decode`), \
             all pages in memory, one process per tool pinned to CPU 0 (`taskset -c 0`), run one after the other; \
             per page the median of the rounds. Readmark: `readmark::extract` + `render::to_text`; Trafilatura: \
             `trafilatura.extract(html, url=…)`; Readability.js: linkedom `parseHTML` + `new Readability(doc).parse()`. \
             pages/s = 1000 / mean ms.\n\n",
        );
        s.push_str(&self.native_table());
        s.push_str(
            "\n## Scaling\n\nOne child process per page, pinned to CPU 0: the article page's `<body>` content \
             replicated N times into one page, plus synthetic deep and wide pages. ms = median of the runs \
             (`extract` + `to_text`); peak RSS = `VmHWM` after the first extraction (reset by `/proc/self/clear_refs` \
             just before it, after a warm-up extraction of a small page so that the process's fixed cost is not \
             charged to the page); RSS before = with the HTML already in memory.\n\n",
        );
        s.push_str(&self.scale_table());
        s.push_str("\n## Size\n\n");
        s.push_str(&self.size_table());
        if !self.notes.is_empty() {
            s.push_str("\n## Notes\n\n");
            for n in &self.notes {
                let _ = writeln!(s, "- {n}");
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
        let v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(pct(&v, 95.0), 95.0);
        assert_eq!(pct(&[7.0], 95.0), 7.0);
        let lin: Vec<(f64, f64)> = [1.0, 4.0, 16.0].iter().map(|&x| (x, 3.0 * x)).collect();
        assert!((loglog_slope(&lin) - 1.0).abs() < 1e-9);
        let sq: Vec<(f64, f64)> = [1.0, 4.0, 16.0].iter().map(|&x| (x, x * x)).collect();
        assert!((loglog_slope(&sq) - 2.0).abs() < 1e-9);
    }

    #[test]
    fn options() {
        let o = Opts::parse(&["--quick".to_string(), "--no-browser".to_string()]).unwrap();
        assert!(o.quick && o.skip_browser && !o.skip_others);
        assert!(Opts::parse(&["--nope".to_string()]).is_err());
    }
}
