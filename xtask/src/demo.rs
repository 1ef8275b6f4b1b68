//! `cargo xtask demo [PAGE.html|URL] [--out DIR]`: the product as a user gets it, on one
//! page. On a fresh machine it first runs `scripts/setup.sh --demo` (installs only what is
//! missing: Chromium, wasm-bindgen-cli, the npm tools), builds the extension, serves the
//! page on 127.0.0.1 (default: the bundled seed page, a DedeCMS-style Chinese news page),
//! loads the extension in headless Chromium, opens the reader the way the toolbar does and
//! writes `reader.png`, `article.md` and `article.json` (the reader's own downloads) into
//! DIR (default `target/demo/`).

use std::path::PathBuf;
use std::process::Command;

#[derive(Debug, Clone, Default)]
pub struct Opts {
    page: Option<String>,
    out: Option<PathBuf>,
}

impl Opts {
    pub fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--out" => {
                    o.out = Some(PathBuf::from(it.next().ok_or("demo: --out needs a value")?))
                }
                s if !s.starts_with('-') && o.page.is_none() => o.page = Some(s.to_string()),
                _ => return Err(format!("demo: unexpected argument `{a}`")),
            }
        }
        Ok(o)
    }
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

pub fn run(o: &Opts) -> Result<(), String> {
    let root = crate::repo_root();
    if std::env::var_os("READMARK_NO_SETUP").is_none() {
        eprintln!("xtask: scripts/setup.sh --demo (installs only what is missing)");
        crate::run_checked(
            Command::new("bash")
                .arg(root.join("scripts/setup.sh"))
                .arg("--demo")
                .current_dir(&root),
        )?;
    }
    let out = o
        .out
        .clone()
        .unwrap_or_else(|| crate::target_dir().join("demo"));
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let built = crate::ext::build(&crate::ext::Opts { test: true })?;
    let mut ext = built.test_dir.join("chromium");

    let mut cmd = crate::browser::node();
    cmd.arg(root.join("extension/e2e/demo.mjs"));
    match o.page.as_deref() {
        Some(url) if is_url(url) => {
            let local = url.starts_with("http://127.0.0.1") || url.starts_with("http://localhost");
            if !local {
                // The test build may read 127.0.0.1 only; a demo of another site needs a
                // build that may read it (activeTab needs a real click).
                ext = demo_build_for_any_host(&ext)?;
            }
            cmd.args(["--url", url]);
        }
        Some(file) => {
            let p = PathBuf::from(file);
            if !p.is_file() {
                return Err(format!("demo: {file} is not a file (or an http(s) URL)"));
            }
            cmd.arg("--file").arg(p);
        }
        None => {}
    }
    cmd.arg("--ext").arg(&ext).arg("--out").arg(&out);
    crate::run_checked(&mut cmd)?;
    crate::ext::print_sizes(&built);
    let md = std::fs::read_to_string(out.join("article.md")).unwrap_or_default();
    println!("\n--- article.md (first lines) ---");
    for line in md.lines().take(16) {
        println!("{line}");
    }
    Ok(())
}

fn demo_build_for_any_host(test_build: &std::path::Path) -> Result<PathBuf, String> {
    let dir = crate::target_dir().join("ext-demo/chromium");
    let _ = std::fs::remove_dir_all(&dir);
    let status = Command::new("cp")
        .arg("-r")
        .arg(test_build)
        .arg(&dir)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("demo: cannot copy the test build".into());
    }
    let mf = dir.join("manifest.json");
    let text = std::fs::read_to_string(&mf).map_err(|e| e.to_string())?;
    let mut m: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    m["host_permissions"] = serde_json::json!(["<all_urls>"]);
    std::fs::write(
        &mf,
        serde_json::to_string_pretty(&m).map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    Ok(dir)
}
