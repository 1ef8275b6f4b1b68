//! `cargo xtask <command>`: the project's chores, one command each (see `DEVELOPING.md`).
//!
//! - `ci`: everything `.ci/run` checks (format, lints, wasm build, tests, corpus smoke);
//! - `eval`: run the CLI over the benchmark corpora and score it with `bench/score.py`;
//! - `demo`: the extension in headless Chromium on the seed page (or any page);
//! - `build`, `wasm-test`, `e2e`, `xss-e2e`, `ext-f1`, `lint-ext`: the browser extension
//!   and its tests;
//! - `fuzz`: fuzz extraction and Markdown rendering (stable driver or cargo-fuzz);
//! - `www`, `serve`, `www-e2e`: the web site (bookmarklet, playground) and its tests.

mod bench;
mod browser;
mod ci;
mod demo;
mod eval;
mod ext;
mod ext_f1;
mod fuzz;
mod serve;
mod www;
mod zip;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

const USAGE: &str = "\
Usage: cargo xtask <command> [options]

Commands:
  ci                        fmt check, clippy (host + wasm32), wasm build, tests, eval smoke
  eval [options]            score the CLI on the benchmark corpora
      --dataset NAME        scrapinghub | readability | wcxb | all (default: all)
      --limit N             only the first N pages of each dataset
      --sample N            N pages of each dataset, evenly spaced over its ids
      --smoke               first 20 pages of each dataset; fails on a crash or absurd F1
  build [--test]            the browser extension: dist/{chromium,firefox}/ and their zips
                            (--test: also test builds in target/ext-test/)
  demo [PAGE.html|URL] [--out DIR]
                            set up what is missing, build the extension, open the reader on
                            the page (default: the seed page) in headless Chromium, write
                            reader.png, article.md, article.json to DIR (default target/demo/)
  wasm-test [--browser B]   wasm-tests/ in headless Chromium and/or Firefox (B: all)
  e2e [--browser B]         the built extension end to end in real browsers (+ axe, screenshots)
  ext-f1 [--pages N] [--max-gap G]
                            F1 of the extension (live DOM, Chromium) vs the CLI on N corpus
                            pages (default 50) spread over the corpora; fails if they differ
                            by more than G (default 0.005)
  xss-e2e [--browser B]     the XSS corpus, instrumented, through the real reader page and its
                            exports: nothing may execute (positive controls prove it would show)
  fuzz [--seconds N] [--engine stable|libfuzzer] [--seed N]
                            fuzz extraction and Markdown rendering against the oracles
  lint-ext                  web-ext lint (0 errors) and the extension's JS unit tests
  www [--origin URL]        the web site (landing page, bookmarklet, playground) → dist/www/;
                            URL: the site's public origin, baked into the bookmarklet
                            (default http://127.0.0.1:8787)
  serve [--port P] [--origin URL] [--no-build]
                            build and serve dist/www/ on 127.0.0.1:P (default 8787)
  www-e2e [--browser B]     the bookmarklet and the playground in real browsers (B: all)
  bench [--quick] [--no-browser] [--no-others] [--no-build] [--scale-page FILE]
                            speed (native + headless Chromium), size and scaling against
                            Trafilatura and Readability.js; writes BENCHMARKS.md

Environment: CORPUS_DIR (default ../shared/corpus), BENCH_DIR (default ../shared/bench).
";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let command = args.next();
    let rest: Vec<String> = args.collect();
    let result = match command.as_deref() {
        Some("ci") if rest.is_empty() => ci::run(),
        Some("eval") => eval::Opts::parse(&rest).and_then(|o| eval::run(&o)),
        Some("demo") => demo::Opts::parse(&rest).and_then(|o| demo::run(&o)),
        Some("fuzz") => fuzz::Opts::parse(&rest).and_then(|o| fuzz::run(&o)),
        Some("bench") => bench::Opts::parse(&rest).and_then(|o| bench::run(&o)),
        Some("build") => ext::Opts::parse(&rest).and_then(|o| ext::run(&o)),
        Some("wasm-test") => browser::wasm_test(&rest),
        Some("e2e") => browser::e2e(&rest),
        Some("ext-f1") => ext_f1::Opts::parse(&rest).and_then(|o| ext_f1::run(&o)),
        Some("xss-e2e") => browser::xss_e2e(&rest),
        Some("lint-ext") if rest.is_empty() => browser::lint_ext(),
        Some("www") => www::Opts::parse(&rest).and_then(|o| www::run(&o)),
        Some("serve") => serve::Opts::parse(&rest).and_then(|o| serve::run(&o)),
        Some("www-e2e") => browser::www_e2e(&rest),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        Some(other) => Err(format!(
            "unknown command or options: {other} {}\n\n{USAGE}",
            rest.join(" ")
        )),
        None => Err(format!("no command given\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(msg) => {
            eprintln!("xtask: {msg}");
            ExitCode::FAILURE
        }
    }
}

/// The workspace root (the parent of `xtask/`).
pub fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// Cargo's target directory (`CARGO_TARGET_DIR` or `<root>/target`).
pub fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => repo_root().join(d),
        None => repo_root().join("target"),
    }
}

/// The cargo that runs us (so `cargo +toolchain xtask` stays on that toolchain).
pub fn cargo() -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut c = Command::new(cargo);
    c.current_dir(repo_root());
    c
}

/// A folder of the shared project data: `$ENV_VAR` if set, else `../shared/<sub>` or
/// `../../shared/<sub>` next to the repository. `Err` lists the places looked at.
pub fn shared_dir(env_var: &str, sub: &str) -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os(env_var) {
        let dir = repo_root().join(dir);
        return if dir.is_dir() {
            Ok(dir)
        } else {
            Err(format!("{env_var}={} is not a directory", dir.display()))
        };
    }
    let root = repo_root();
    let candidates = [
        root.join("..").join("shared").join(sub),
        root.join("../..").join("shared").join(sub),
    ];
    for c in &candidates {
        if c.is_dir() {
            return Ok(c.canonicalize().unwrap_or_else(|_| c.clone()));
        }
    }
    Err(format!(
        "{sub} not found: set {env_var}, or put it at {} or {}",
        candidates[0].display(),
        candidates[1].display()
    ))
}

/// Run a command with inherited stdio; `Err` describes the failure.
pub fn run_checked(cmd: &mut Command) -> Result<(), String> {
    let shown = show(cmd);
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run `{shown}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// A command as a shell-like string for messages.
pub fn show(cmd: &Command) -> String {
    let mut s = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or(cmd.get_program())
        .to_string_lossy()
        .into_owned();
    for a in cmd.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}

/// Build the `readmark` CLI in release mode and return the binary's path.
pub fn build_cli() -> Result<PathBuf, String> {
    eprintln!("xtask: building the readmark CLI (release)");
    run_checked(cargo().args(["build", "--release", "--bin", "readmark"]))?;
    let exe = target_dir()
        .join("release")
        .join(format!("readmark{}", std::env::consts::EXE_SUFFIX));
    if exe.is_file() {
        Ok(exe)
    } else {
        Err(format!("built the CLI but {} is missing", exe.display()))
    }
}
