//! Browser chores: `wasm-test`, `e2e`, `lint-ext` and the extension `demo`.
//!
//! - `wasm-test`: `wasm-tests/` (wasm-bindgen-test) in headless Chromium and Firefox;
//! - `e2e`: the built extension in both browsers on locally served pages
//!   (`extension/e2e/run.mjs`), plus axe and screenshots in Chromium;
//! - `xss-e2e`: every payload of the XSS corpus, instrumented, through the real reader
//!   page and its exports in both browsers (`extension/e2e/xss.mjs`): nothing may run;
//! - `lint-ext`: `web-ext lint` (0 errors) and the JS unit tests (`node --test`).

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

pub fn chromedriver() -> Result<PathBuf, String> {
    find_tool("CHROMEDRIVER", "chromedriver", &["/usr/bin/chromedriver"])
}

pub fn geckodriver() -> Result<PathBuf, String> {
    let home = std::env::var("HOME").unwrap_or_default();
    find_tool(
        "GECKODRIVER",
        "geckodriver",
        &[&format!("{home}/.cargo/bin/geckodriver")],
    )
}

fn find_tool(env: &str, name: &str, extra: &[&str]) -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os(env) {
        return Ok(PathBuf::from(p));
    }
    for c in extra {
        if std::path::Path::new(c).is_file() {
            return Ok(PathBuf::from(c));
        }
    }
    if let Ok(path) = std::env::var("PATH") {
        for dir in path.split(':') {
            let p = std::path::Path::new(dir).join(name);
            if p.is_file() {
                return Ok(p);
            }
        }
    }
    Err(format!(
        "{name} not found (set {env}); run scripts/setup.sh"
    ))
}

/// `all`, `chromium` or `firefox` → the browsers to run.
pub fn browsers(arg: Option<&str>) -> Result<Vec<&'static str>, String> {
    match arg.unwrap_or("all") {
        "all" => Ok(vec!["chromium", "firefox"]),
        "chromium" => Ok(vec!["chromium"]),
        "firefox" => Ok(vec!["firefox"]),
        other => Err(format!(
            "unknown browser `{other}` (chromium, firefox, all)"
        )),
    }
}

fn parse_browser(args: &[String], cmd: &str) -> Result<Vec<&'static str>, String> {
    let mut browser = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--browser" => browser = it.next().cloned(),
            _ => return Err(format!("{cmd}: unexpected argument `{a}`")),
        }
    }
    browsers(browser.as_deref())
}

/// `cargo xtask wasm-test [--browser B]`.
pub fn wasm_test(args: &[String]) -> Result<(), String> {
    for b in parse_browser(args, "wasm-test")? {
        let t = Instant::now();
        eprintln!("xtask: wasm-tests in headless {b}");
        let mut cmd = crate::cargo();
        cmd.args([
            "test",
            "--profile",
            "wasm-release",
            "-p",
            "readmark-wasm-tests",
            "--target",
            "wasm32-unknown-unknown",
        ]);
        // Set exactly one driver: with both the runner picks Firefox.
        cmd.env_remove("CHROMEDRIVER").env_remove("GECKODRIVER");
        if b == "chromium" {
            cmd.env("CHROMEDRIVER", chromedriver()?);
        } else {
            cmd.env("GECKODRIVER", geckodriver()?);
        }
        crate::run_checked(&mut cmd)?;
        eprintln!(
            "xtask: wasm-tests passed in {b} ({:.0} s)",
            t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Run `command(browser)` for each browser (Firefox gets the geckodriver), every browser
/// even after a failure; one error naming the failed browsers.
fn per_browser(
    what: &str,
    browsers: &[&'static str],
    command: impl Fn(&'static str) -> Command,
) -> Result<(), String> {
    let mut failures = Vec::new();
    for &b in browsers {
        let mut cmd = command(b);
        if b == "firefox" {
            cmd.env("GECKODRIVER", geckodriver()?);
        }
        if let Err(e) = crate::run_checked(&mut cmd) {
            failures.push(format!("{b}: {e}"));
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(format!("{what} failed: {}", failures.join("; ")))
    }
}

/// `cargo xtask e2e [--browser B]`: build (with test builds), then run the harness.
pub fn e2e(args: &[String]) -> Result<(), String> {
    let browsers = parse_browser(args, "e2e")?;
    let built = crate::ext::build(&crate::ext::Opts { test: true })?;
    let cli = crate::build_cli()?;
    crate::ext::print_sizes(&built);
    per_browser("e2e", &browsers, |b| {
        let out = crate::target_dir().join("e2e").join(b);
        let mut cmd = node();
        cmd.arg(crate::repo_root().join("extension/e2e/run.mjs"))
            .args(["--browser", b, "--axe", "--screenshots"])
            .arg("--ext")
            .arg(built.test_dir.join(b))
            .arg("--cli")
            .arg(&cli)
            .arg("--out")
            .arg(&out);
        cmd
    })
}

/// `cargo xtask xss-e2e [--browser B]`: build (with test builds), then the XSS run per
/// browser (`target/xss-e2e/<browser>/xss-results.json`).
pub fn xss_e2e(args: &[String]) -> Result<(), String> {
    let browsers = parse_browser(args, "xss-e2e")?;
    let built = crate::ext::build(&crate::ext::Opts { test: true })?;
    per_browser("xss-e2e", &browsers, |b| {
        let mut cmd = node();
        cmd.arg(crate::repo_root().join("extension/e2e/xss.mjs"))
            .args(["--browser", b])
            .arg("--ext")
            .arg(built.test_dir.join(b))
            .arg("--out")
            .arg(crate::target_dir().join("xss-e2e").join(b));
        cmd
    })
}

/// `cargo xtask www-e2e [--browser B]`: build the site for a free port of 127.0.0.1, serve
/// it from this process, and run `extension/e2e/www.mjs` per browser (the bookmarklet on
/// pages with each CSP, the playground, messages from wrong origins).
pub fn www_e2e(args: &[String]) -> Result<(), String> {
    let browsers = parse_browser(args, "www-e2e")?;
    let port = crate::serve::free_port()?;
    let built = crate::www::build(&crate::www::Opts {
        origin: format!("http://127.0.0.1:{port}"),
    })?;
    crate::www::print_sizes(&built);
    let cli = crate::build_cli()?;
    crate::serve::spawn_on(built.dir.clone(), port)?;
    per_browser("www-e2e", &browsers, |b| {
        let out = crate::target_dir().join("www-e2e").join(b);
        let mut cmd = node();
        cmd.arg(crate::repo_root().join("extension/e2e/www.mjs"))
            .args(["--browser", b, "--site", &built.origin])
            .arg("--cli")
            .arg(&cli)
            .arg("--out")
            .arg(&out);
        cmd.arg("--screenshot")
            .arg(out.join(format!("reader-{b}.png")));
        cmd
    })
}

/// `web-ext lint` warning codes that are explained in README.md ("Review notes"), with
/// the reason. Empty: the build lints with 0 errors, 0 warnings, 0 notices.
const EXPLAINED_WARNINGS: &[(&str, &str)] = &[];

/// `cargo xtask lint-ext`: `web-ext lint` on the Firefox build (0 errors, and no warning
/// that is not explained) and the JS unit tests. Builds the extension first.
pub fn lint_ext() -> Result<(), String> {
    let built = crate::ext::build(&crate::ext::Opts::default())?;
    let web_ext = crate::ext::npm_bin("web-ext")?;
    let out = Command::new(web_ext)
        .args(["lint", "--output", "json", "--source-dir"])
        .arg(built.dist.join("firefox"))
        .output()
        .map_err(|e| format!("web-ext: {e}"))?;
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("web-ext lint: unreadable output ({e})"))?;
    let count = |k: &str| report[k].as_array().map_or(0, Vec::len);
    for kind in ["errors", "warnings"] {
        for m in report[kind].as_array().into_iter().flatten() {
            eprintln!("  {kind}: {} {}", m["code"], m["message"]);
        }
    }
    eprintln!(
        "xtask: web-ext lint: {} errors, {} warnings, {} notices",
        count("errors"),
        count("warnings"),
        count("notices")
    );
    if count("errors") > 0 {
        return Err("web-ext lint reported errors".into());
    }
    // Every warning must be removed or explained (README.md, "Review notes"): a new one
    // fails until it is listed in EXPLAINED_WARNINGS with its reason.
    let unexplained: Vec<String> = report["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|m| m["code"].as_str())
        .filter(|code| !EXPLAINED_WARNINGS.iter().any(|(c, _)| c == code))
        .map(str::to_string)
        .collect();
    if !unexplained.is_empty() {
        return Err(format!(
            "web-ext lint warnings not explained in README.md \"Review notes\" (and EXPLAINED_WARNINGS): {}",
            unexplained.join(", ")
        ));
    }
    crate::run_checked(
        node()
            .arg("--test")
            .arg(crate::repo_root().join("extension/e2e/unit")),
    )
}

pub fn node() -> Command {
    let mut c = Command::new("node");
    c.current_dir(crate::repo_root());
    c
}
