//! A stable-toolchain fuzz driver: deterministic mutation fuzzing of the same two targets
//! as the cargo-fuzz ones (`fuzz_targets/extract.rs`, `fuzz_targets/markdown.rs`), for
//! CI machines without nightly. It has no coverage feedback (libFuzzer does), so it leans
//! on structure: seeds are the golden fixtures, the XSS payload corpus and the cargo-fuzz
//! corpus when present, mutated with an HTML-aware dictionary.
//!
//! Every input runs on a worker thread with a 1 MiB stack (the wasm32 stack); the main
//! thread is a watchdog. A panic, an oracle finding, or an input running longer than
//! `--hang-secs` is a failure: the input is written to `--artifacts` (default
//! `fuzz/artifacts/smoke/`) with the finding, and the exit status is 1.
//!
//! ```text
//! cargo run --release --no-default-features --manifest-path fuzz/Cargo.toml --bin smoke -- \
//!     [--seconds 60] [--seed N] [--target extract|markdown|both] [--hang-secs 20]
//! ... --bin smoke -- --show ARTIFACT --target extract|markdown   # print the article, Markdown, findings
//! ```

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Opts {
    seconds: u64,
    seed: u64,
    target: String,
    hang_secs: u64,
    artifacts: PathBuf,
    show: Option<PathBuf>,
}

fn parse_args() -> Result<Opts, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut o = Opts {
        seconds: 60,
        seed: 0x5eed_2026,
        target: "both".into(),
        hang_secs: 20,
        artifacts: root.join("artifacts").join("smoke"),
        show: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut val = || it.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--seconds" => o.seconds = val()?.parse().map_err(|e| format!("--seconds: {e}"))?,
            "--seed" => o.seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--hang-secs" => {
                o.hang_secs = val()?.parse().map_err(|e| format!("--hang-secs: {e}"))?
            }
            "--target" => o.target = val()?,
            "--artifacts" => o.artifacts = PathBuf::from(val()?),
            "--show" => o.show = Some(PathBuf::from(val()?)),
            _ => return Err(format!("unknown argument {a}")),
        }
    }
    if !matches!(o.target.as_str(), "extract" | "markdown" | "both") {
        return Err(format!("--target {}: extract, markdown or both", o.target));
    }
    Ok(o)
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Tokens the HTML mutator inserts: structure, foreign content, broken entities,
/// hostile attributes, encodings.
const DICT: &[&str] = &[
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    "<span>",
    "</span>",
    "<table>",
    "<tr>",
    "<td>",
    "</td>",
    "</table>",
    "<ul>",
    "<li>",
    "</ul>",
    "<ol start=99999999999>",
    "<pre>",
    "</pre>",
    "<code>",
    "<h1>",
    "<h2>",
    "</h2>",
    "<blockquote>",
    "<figure>",
    "<figcaption>",
    "<sup>",
    "<sub>",
    "<a href=\"javascript:alert(1)\">",
    "<a href=\"https://e.com/x\">",
    "</a>",
    "<img src=x onerror=alert(1)>",
    "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<img data-src=\"javascript:1\" src=blank.gif>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mi><mglyph><style><img src=x onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<template><script>1</script></template>",
    "<select><style></select><img src=x onerror=1>",
    "<plaintext>",
    "<xmp>",
    "<textarea>",
    "<title>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?xml ?>",
    "<!DOCTYPE html>",
    "&rdqu",
    "&amp",
    "&#x0;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&nbsp",
    "&lt;script&gt;",
    "\u{0}",
    "\u{feff}",
    "\u{202e}",
    "中文，标点。",
    "العربية",
    "e\u{301}\u{302}",
    "👩‍👩‍👧",
    "\r\n",
    "\t",
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=refresh content=\"0;url=javascript:1\">",
    "<meta charset=\"shift_jis\">",
    "<meta charset=gbk>",
    "<form action=javascript:1><button formaction=javascript:2>",
    "<iframe srcdoc=\"<script>1</script>\">",
    "<object data=javascript:1>",
    "<embed src=javascript:1>",
    "<link rel=import href=x>",
    "<p style=\"x:expression(alert(1))\">",
    "<article>",
    "<main>",
    "<nav>",
    "<footer>",
    "<aside>",
    "<br>",
    "<hr>",
    "<wbr>",
    "<ruby>",
    "<rt>",
    "<dl><dt><dd>",
    "<details><summary>",
    "<script type=\"math/tex\">a<b</script>",
    "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"headline\":\"<x>\"}</script>",
    "``` <script>",
    "| a | b |",
    "[x](javascript:alert(1))",
    "<http://x>",
    "\\",
    "*",
    "_",
    "#",
];

fn mutate(rng: &mut Rng, seeds: &[Vec<u8>], input: &mut Vec<u8>) {
    let n = 1 + rng.below(8);
    for _ in 0..n {
        let len = input.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                input[i] = rng.next() as u8;
            }
            1 | 2 => {
                let i = rng.below(len + 1);
                let tok = DICT[rng.below(DICT.len())].as_bytes();
                input.splice(i..i, tok.iter().copied());
            }
            3 if len > 0 => {
                let i = rng.below(len);
                let j = (i + 1 + rng.below(256)).min(len);
                input.drain(i..j);
            }
            4 if len > 0 => {
                // Repeat a range: nesting and size.
                let i = rng.below(len);
                let j = (i + 1 + rng.below(64)).min(len);
                let chunk = input[i..j].to_vec();
                let many = rng.below(16) == 0;
                let times = 1 + rng.below(if many { 2000 } else { 8 });
                for _ in 0..times {
                    input.splice(j..j, chunk.iter().copied());
                }
            }
            5 => {
                let other = &seeds[rng.below(seeds.len())];
                if !other.is_empty() {
                    let i = rng.below(other.len());
                    let j = (i + 1 + rng.below(4096)).min(other.len());
                    let at = rng.below(len + 1);
                    input.splice(at..at, other[i..j].iter().copied());
                }
            }
            6 if len > 0 => {
                let i = rng.below(len);
                input.truncate(i.max(1));
            }
            7 => {
                let i = rng.below(len + 1);
                let c = char::from_u32(rng.below(0x3_0000) as u32).unwrap_or('\u{fffd}');
                let mut buf = [0u8; 4];
                input.splice(i..i, c.encode_utf8(&mut buf).bytes());
            }
            _ => {
                let i = rng.below(len + 1);
                let b = [0x80u8, 0xff, 0xc3, 0xe4, 0xa1, 0x00, 0x1b, 0x8e];
                input.insert(i, b[rng.below(b.len())]);
            }
        }
    }
    input.truncate(256 * 1024);
}

fn load_seeds(root: &Path) -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    let mut dirs = vec![root.join("../tests/fixtures")];
    while let Some(d) = dirs.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                dirs.push(p);
            } else if p.file_name().is_some_and(|n| n == "source.html") {
                if let Ok(b) = std::fs::read(&p) {
                    seeds.push(b);
                }
            }
        }
    }
    // XSS payloads, each inside a small article.
    let prose = "<p>Readmark keeps the article and drops everything that could run, and this paragraph is long enough to count as prose, with commas, clauses, and a full stop.</p>";
    if let Ok(rd) = std::fs::read_dir(root.join("../tests/security/payloads")) {
        let mut files: Vec<_> = rd.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files {
            let Ok(s) = std::fs::read_to_string(&f) else {
                continue;
            };
            for line in s
                .lines()
                .filter(|l| !l.starts_with('#') && l.contains(" :: "))
            {
                let payload = line.split_once(" :: ").map_or("", |(_, p)| p);
                let payload = payload
                    .replace("{NL}", "\n")
                    .replace("{TAB}", "\t")
                    .replace("{NUL}", "\0");
                seeds.push(format!("<html><body><article>{prose}{prose}<p>{payload}</p>{prose}</article></body></html>").into_bytes());
            }
        }
    }
    for sub in ["corpus/extract"] {
        if let Ok(rd) = std::fs::read_dir(root.join(sub)) {
            let mut files: Vec<_> = rd.flatten().map(|e| e.path()).collect();
            files.sort();
            seeds.extend(
                files
                    .iter()
                    .take(2000)
                    .filter_map(|p| std::fs::read(p).ok()),
            );
        }
    }
    if seeds.is_empty() {
        seeds.push(format!("<article>{prose}{prose}</article>").into_bytes());
    }
    seeds
}

enum Outcome {
    Ok,
    Finding(String),
    Panic(String),
}

fn main() {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("smoke: {e}");
            std::process::exit(2);
        }
    };
    if let Some(file) = o.show.as_deref() {
        show(file, &o.target);
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = load_seeds(root);
    let last_panic: Arc<Mutex<String>> = Arc::default();
    {
        let last_panic = Arc::clone(&last_panic);
        std::panic::set_hook(Box::new(move |info| {
            if let Ok(mut m) = last_panic.lock() {
                *m = info.to_string();
            }
        }));
    }
    let (to_worker, worker_in) = mpsc::channel::<(bool, Vec<u8>)>();
    let (worker_out, from_worker) = mpsc::channel::<Outcome>();
    let lp = Arc::clone(&last_panic);
    let spawned = std::thread::Builder::new()
        .name("fuzz-worker".into())
        .stack_size(1 << 20)
        .spawn(move || {
            for (is_extract, data) in worker_in {
                let r = std::panic::catch_unwind(|| {
                    if is_extract {
                        readmark_fuzz::check_extract(&data)
                    } else {
                        readmark_fuzz::check_markdown(&data)
                    }
                });
                let out = match r {
                    Ok(Ok(())) => Outcome::Ok,
                    Ok(Err(f)) => Outcome::Finding(f),
                    Err(_) => Outcome::Panic(lp.lock().map(|m| m.clone()).unwrap_or_default()),
                };
                if worker_out.send(out).is_err() {
                    break;
                }
            }
        });
    if let Err(e) = spawned {
        eprintln!("smoke: cannot start the worker thread: {e}");
        std::process::exit(2);
    }
    eprintln!(
        "smoke: stable mutation fuzzing, target {}, {} s, seed {}, {} seeds, 1 MiB worker stack",
        o.target,
        o.seconds,
        o.seed,
        seeds.len()
    );
    let mut rng = Rng(o.seed | 1);
    let started = Instant::now();
    let budget = Duration::from_secs(o.seconds);
    let (mut n_extract, mut n_markdown, mut failures) = (0u64, 0u64, 0u32);
    let mut seen = std::collections::BTreeSet::new();
    let mut slowest = (Duration::ZERO, 0usize);
    while started.elapsed() < budget {
        let is_extract = match o.target.as_str() {
            "extract" => true,
            "markdown" => false,
            _ => rng.below(3) != 0,
        };
        let data = if is_extract {
            let mut d = seeds[rng.below(seeds.len())].clone();
            mutate(&mut rng, &seeds, &mut d);
            d
        } else {
            let n = 16 + rng.below(2048);
            (0..n).map(|_| rng.next() as u8).collect()
        };
        let t = Instant::now();
        if to_worker.send((is_extract, data.clone())).is_err() {
            eprintln!("smoke: the worker thread died");
            std::process::exit(1);
        }
        let outcome = match from_worker.recv_timeout(Duration::from_secs(o.hang_secs)) {
            Ok(out) => out,
            Err(_) => {
                let path = save(
                    &o.artifacts,
                    "hang",
                    &data,
                    "no result within the hang limit",
                );
                eprintln!(
                    "smoke: HANG (> {} s) on an input, saved to {}",
                    o.hang_secs,
                    path.display()
                );
                std::process::exit(1);
            }
        };
        let took = t.elapsed();
        if took > slowest.0 {
            slowest = (took, data.len());
        }
        if is_extract {
            n_extract += 1;
        } else {
            n_markdown += 1;
        }
        let (kind, msg) = match outcome {
            Outcome::Ok => continue,
            Outcome::Finding(f) => ("finding", f),
            Outcome::Panic(p) => ("panic", p),
        };
        let name = if is_extract { "extract" } else { "markdown" };
        let sig = format!("{name} {kind}: {}", msg.lines().next().unwrap_or(""));
        if seen.insert(sig.clone()) {
            failures += 1;
            let path = save(&o.artifacts, &format!("{name}-{kind}"), &data, &msg);
            eprintln!("smoke: {sig}\n       input saved to {}", path.display());
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "smoke: {} executions in {secs:.0} s ({} extract, {} markdown; {:.0}/s), {} distinct failures, slowest input {:.2} s ({} bytes)",
        n_extract + n_markdown,
        n_extract,
        n_markdown,
        (n_extract + n_markdown) as f64 / secs,
        failures,
        slowest.0.as_secs_f64(),
        slowest.1
    );
    if failures > 0 {
        std::process::exit(1);
    }
}

/// Write a failing input (and the finding next to it); returns the input's path.
fn save(dir: &Path, kind: &str, data: &[u8], msg: &str) -> PathBuf {
    let _ = std::fs::create_dir_all(dir);
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
    }
    let path = dir.join(format!("{kind}-{h:016x}"));
    let _ = std::fs::write(&path, data);
    let _ = std::fs::write(path.with_extension("txt"), msg);
    path
}

/// Print what an input becomes (the article, its Markdown) and the findings.
fn show(file: &Path, target: &str) {
    let Ok(data) = std::fs::read(file) else {
        eprintln!("smoke: cannot read {}", file.display());
        std::process::exit(2);
    };
    let article = if target == "markdown" {
        readmark_fuzz::arbitrary_article(&mut arbitrary::Unstructured::new(&data)).ok()
    } else {
        readmark::extract_bytes(&data, None, &readmark::Options::default()).ok()
    };
    if let Some(a) = &article {
        println!("{a:#?}");
        for front_matter in [false, true] {
            let md = readmark::render::to_markdown(
                a,
                &readmark::render::MarkdownOptions { front_matter },
            );
            println!("----- markdown (front_matter {front_matter}) -----\n{md}");
        }
    }
    let r = if target == "markdown" {
        readmark_fuzz::check_markdown(&data)
    } else {
        readmark_fuzz::check_extract(&data)
    };
    println!(
        "----- findings -----\n{}",
        r.err().unwrap_or_else(|| "none".into())
    );
}
