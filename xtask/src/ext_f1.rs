//! `cargo xtask ext-f1 [--pages N] [--max-gap G]`: do browser users get what the benchmark
//! says? The accuracy figures come from the native CLI on saved HTML; the extension reads
//! the live DOM instead (after the page's scripts ran, CSS-hidden nodes dropped, the
//! browser's own charset decoding). This command scores both on the same pages.
//!
//! A fixed sample of N pages (default 50) is spread evenly over the three corpora
//! ([`crate::eval::Pick::Spread`]: no page is chosen for how it scores). The CLI reads each
//! page as `cargo xtask eval` does; the test build of the extension reads the same page
//! served on 127.0.0.1 in headless Chromium, through the background like the toolbar button
//! (`extension/e2e/f1.mjs`). The saved pages are served with `script-src
//! 'wasm-unsafe-eval'`: their own scripts would run offline, on the wrong origin, without
//! their servers, and many then replace the article with an error screen or redirect — a
//! state no reader online sees. The extension's engine still runs as WebAssembly, and
//! `--page-scripts` runs the page scripts anyway, to see that effect. Both outputs are scored by `../shared/bench/score.py` against
//! one truth view. The verdict is on the page-weighted mean of the datasets' F1: the
//! extension must be within `--max-gap` (default 0.005) of the CLI. Pages whose F1 differs
//! by more than 0.02 are listed with both values, which is where to look when it fails.
//!
//! Output: `target/ext-f1/<dataset>/` (`pred/` = CLI, `ext/` = extension, `score-*.txt`).

use crate::eval::{self, Dataset};

#[derive(Debug, Clone)]
pub struct Opts {
    pages: usize,
    max_gap: f64,
    page_scripts: bool,
}

impl Opts {
    pub fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts {
            pages: 50,
            max_gap: 0.005,
            page_scripts: false,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut value = || {
                it.next()
                    .cloned()
                    .ok_or_else(|| format!("ext-f1: {a} needs a value"))
            };
            match a.as_str() {
                "--pages" => {
                    let v = value()?;
                    o.pages =
                        v.parse().ok().filter(|&n| n >= 3).ok_or_else(|| {
                            format!("ext-f1: --pages needs a number ≥ 3, not `{v}`")
                        })?;
                }
                "--max-gap" => {
                    let v = value()?;
                    o.max_gap =
                        v.parse().ok().filter(|g: &f64| *g >= 0.0).ok_or_else(|| {
                            format!("ext-f1: --max-gap needs a number, not `{v}`")
                        })?;
                }
                "--page-scripts" => o.page_scripts = true,
                _ => return Err(format!("ext-f1: unknown option `{a}`")),
            }
        }
        Ok(o)
    }
}

/// One dataset's result.
struct Row {
    ds: Dataset,
    pages: usize,
    cli: f64,
    ext: f64,
    /// `(id, cli F1, ext F1)` of the pages that differ by more than 0.02.
    diverging: Vec<(String, f64, f64)>,
}

pub fn run(o: &Opts) -> Result<(), String> {
    let corpus = crate::shared_dir("CORPUS_DIR", "corpus")?;
    let built = crate::ext::build(&crate::ext::Opts { test: true })?;
    let ext_dir = built.test_dir.join("chromium");
    let n = Dataset::ALL.len();
    let mut rows = Vec::new();
    for (i, ds) in Dataset::ALL.into_iter().enumerate() {
        // 50 pages → 17 + 17 + 16.
        let k = o.pages / n + usize::from(i < o.pages % n);
        let dir = crate::target_dir().join("ext-f1").join(ds.name());
        let run = eval::cli_sample(ds, k, &dir)?;
        let ext_pred = dir.join("ext");
        let mut cmd = crate::browser::node();
        cmd.arg(crate::repo_root().join("extension/e2e/f1.mjs"))
            .arg("--ext")
            .arg(&ext_dir)
            .arg("--corpus")
            .arg(&corpus)
            .args(["--dataset", ds.name()])
            .arg("--pages")
            .arg(dir.join("urls.tsv"))
            .arg("--out")
            .arg(&ext_pred);
        if o.page_scripts {
            cmd.arg("--page-scripts");
        }
        crate::run_checked(&mut cmd)?;
        let (ext, ext_pages) = eval::score_sample(&run, &ext_pred, "ext")?;
        let diverging = run
            .per_page
            .iter()
            .filter_map(|(id, &c)| {
                let e = ext_pages.get(id).copied().unwrap_or(0.0);
                ((e - c).abs() > 0.02).then(|| (id.clone(), c, e))
            })
            .collect();
        rows.push(Row {
            ds,
            pages: run.pages.len(),
            cli: run.f1,
            ext,
            diverging,
        });
    }
    report(&rows, o.max_gap)
}

fn report(rows: &[Row], max_gap: f64) -> Result<(), String> {
    println!("\n| dataset | pages | CLI F1 | extension F1 | extension − CLI |");
    println!("|---|---|---|---|---|");
    let (mut total, mut cli, mut ext) = (0usize, 0.0, 0.0);
    for r in rows {
        println!(
            "| {} | {} | {:.4} | {:.4} | {:+.4} |",
            r.ds.name(),
            r.pages,
            r.cli,
            r.ext,
            r.ext - r.cli
        );
        total += r.pages;
        cli += r.cli * r.pages as f64;
        ext += r.ext * r.pages as f64;
    }
    let (cli, ext) = (cli / total as f64, ext / total as f64);
    let gap = ext - cli;
    println!("| **all (page-weighted)** | {total} | {cli:.4} | {ext:.4} | **{gap:+.4}** |");
    for r in rows {
        for (id, c, e) in &r.diverging {
            println!(
                "  differs: {} {id}: CLI {c:.3}, extension {e:.3}",
                r.ds.name()
            );
        }
    }
    if gap.abs() <= max_gap {
        println!("ext-f1: OK, the extension is within {max_gap} of the CLI ({gap:+.4})");
        Ok(())
    } else {
        Err(format!(
            "ext-f1: the extension's F1 differs from the CLI's by {gap:+.4} (allowed ±{max_gap})"
        ))
    }
}
