//! `cargo xtask ci`: every check of `.ci/run`, in order, stopping at the first failure.

use std::time::Instant;

/// The cargo invocations, in the order they run (cheap and likely-to-fail first);
/// `cargo xtask fuzz` (60 s) and `cargo xtask eval --smoke` follow them.
const STEPS: &[&str] = &[
    "fmt --all -- --check",
    "clippy --workspace --all-targets -- -D warnings",
    // The shipped module has no HTML parser (feature `html` off); the wasm-tests use it.
    "clippy --lib --no-default-features -- -D warnings",
    "clippy --lib --target wasm32-unknown-unknown --no-default-features -- -D warnings",
    "clippy --lib --target wasm32-unknown-unknown -- -D warnings",
    "build --lib --target wasm32-unknown-unknown --profile wasm-release --no-default-features",
    "test --workspace",
    // Optimised: the heavy limit cases (a million elements, 50 MB; tests/limits.rs) and
    // the no-loss check over all 1,808 corpus pages (tests/no_loss.rs).
    "test --release --test limits --test no_loss",
];

/// The browser extension's checks (after the core's): build + `web-ext lint` + JS unit
/// tests, wasm-bindgen-test in both browsers, the extension end to end in both browsers,
/// the XSS corpus through the real reader page and its exports in both browsers, the web
/// site (bookmarklet, playground) end to end in both browsers, and the extension's F1
/// against the CLI's on a corpus sample.
type Step = fn() -> Result<(), String>;
const BROWSER_STEPS: &[(&str, Step)] = &[
    ("cargo xtask lint-ext", crate::browser::lint_ext),
    ("cargo xtask wasm-test --browser chromium", || {
        crate::browser::wasm_test(&["--browser".into(), "chromium".into()])
    }),
    ("cargo xtask wasm-test --browser firefox", || {
        crate::browser::wasm_test(&["--browser".into(), "firefox".into()])
    }),
    ("cargo xtask e2e --browser chromium", || {
        crate::browser::e2e(&["--browser".into(), "chromium".into()])
    }),
    ("cargo xtask e2e --browser firefox", || {
        crate::browser::e2e(&["--browser".into(), "firefox".into()])
    }),
    ("cargo xtask xss-e2e --browser chromium", || {
        crate::browser::xss_e2e(&["--browser".into(), "chromium".into()])
    }),
    ("cargo xtask xss-e2e --browser firefox", || {
        crate::browser::xss_e2e(&["--browser".into(), "firefox".into()])
    }),
    ("cargo xtask www-e2e --browser chromium", || {
        crate::browser::www_e2e(&["--browser".into(), "chromium".into()])
    }),
    ("cargo xtask www-e2e --browser firefox", || {
        crate::browser::www_e2e(&["--browser".into(), "firefox".into()])
    }),
    // What the extension exports vs the CLI on 50 corpus pages (within 0.005 F1).
    ("cargo xtask ext-f1", || {
        crate::ext_f1::run(&crate::ext_f1::Opts::parse(&[])?)
    }),
];

pub fn run() -> Result<(), String> {
    let started = Instant::now();
    let total = STEPS.len() + 2 + BROWSER_STEPS.len();
    for (i, args) in STEPS.iter().enumerate() {
        eprintln!("\n==> [{}/{total}] cargo {args}", i + 1);
        let t = Instant::now();
        crate::run_checked(crate::cargo().args(args.split_whitespace()))
            .map_err(|e| format!("ci FAILED at step {}/{total}: {e}", i + 1))?;
        eprintln!("==> ok ({:.0} s)", t.elapsed().as_secs_f64());
    }
    // The fuzz smoke comes right after the cargo steps.
    let fuzz = STEPS.len() + 1;
    eprintln!("\n==> [{fuzz}/{total}] cargo xtask fuzz --seconds 60");
    let t = Instant::now();
    crate::fuzz::run(&crate::fuzz::Opts::smoke())
        .map_err(|e| format!("ci FAILED at step {fuzz}/{total} (cargo xtask fuzz): {e}"))?;
    eprintln!("==> ok ({:.0} s)", t.elapsed().as_secs_f64());
    let smoke = STEPS.len() + 2;
    eprintln!("\n==> [{smoke}/{total}] cargo xtask eval --smoke");
    let t = Instant::now();
    crate::eval::run(&crate::eval::Opts::smoke()).map_err(|e| {
        format!("ci FAILED at step {smoke}/{total} (cargo xtask eval --smoke): {e}")
    })?;
    eprintln!("==> ok ({:.0} s)", t.elapsed().as_secs_f64());
    for (i, (name, step)) in BROWSER_STEPS.iter().enumerate() {
        let n = smoke + 1 + i;
        eprintln!("\n==> [{n}/{total}] {name}");
        let t = Instant::now();
        step().map_err(|e| format!("ci FAILED at step {n}/{total} ({name}): {e}"))?;
        eprintln!("==> ok ({:.0} s)", t.elapsed().as_secs_f64());
    }
    eprintln!(
        "\nci: all {total} steps passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
