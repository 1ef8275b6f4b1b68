//! `cargo xtask build`: the browser extension for Chromium and Firefox from `extension/`.
//!
//! ```text
//! cargo build --lib --target wasm32-unknown-unknown --profile wasm-release
//!   → readmark.wasm ─ wasm-bindgen --target web → wasm-opt ────▶ engine-wasm.js (esbuild IIFE,
//!                   │                                             the .wasm inlined as bytes)
//!                   └ wasm-bindgen --target bundler → wasm2js ─▶ engine-js.js  (same code as JS,
//!                                                                 for CSP-strict pages)
//! extension/ + engines + per-browser manifest → dist/{chromium,firefox}/ + dist/*.zip
//! ```
//!
//! Both engines are classic scripts injected with `scripting.executeScript({files})`, so
//! nothing is web-accessible and no page can probe for the extension's files. With
//! `--test`, test builds with host permission for `http://127.0.0.1/*` and the test
//! control page are written to `target/ext-test/{chromium,firefox}/` as well (the shipped
//! build never has host permissions).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

pub const BROWSERS: [&str; 2] = ["chromium", "firefox"];

#[derive(Debug, Clone, Default)]
pub struct Opts {
    /// Also write the test builds (`target/ext-test/<browser>/`).
    pub test: bool,
}

impl Opts {
    pub fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts::default();
        for a in args {
            match a.as_str() {
                "--test" => o.test = true,
                _ => return Err(format!("build: unexpected argument `{a}`")),
            }
        }
        Ok(o)
    }
}

/// What a build produced.
#[derive(Debug, Clone)]
pub struct Built {
    pub dist: PathBuf,
    pub test_dir: PathBuf,
    pub wasm_raw: u64,
    pub wasm_gzip: u64,
    pub js_raw: u64,
    pub js_gzip: u64,
}

pub fn run(o: &Opts) -> Result<(), String> {
    let b = build(o)?;
    println!("Readmark extension:");
    for browser in BROWSERS {
        println!("  {}", b.dist.join(browser).display());
        println!(
            "  {}",
            b.dist.join(format!("readmark-{browser}.zip")).display()
        );
    }
    if o.test {
        for browser in BROWSERS {
            println!("  {} (test build)", b.test_dir.join(browser).display());
        }
    }
    print_sizes(&b);
    Ok(())
}

pub fn print_sizes(b: &Built) {
    println!(
        "  WASM: {} raw, {} gzip (engine-wasm.js inlines it)",
        kb(b.wasm_raw),
        kb(b.wasm_gzip)
    );
    println!(
        "  JS fallback (wasm2js, CSP-strict pages in Chromium): {} raw, {} gzip",
        kb(b.js_raw),
        kb(b.js_gzip)
    );
}

fn kb(n: u64) -> String {
    format!("{:.0} KB", n as f64 / 1024.0)
}

/// Path of a tool installed by `npm ci` in the repository.
pub fn npm_bin(name: &str) -> Result<PathBuf, String> {
    let p = crate::repo_root().join("node_modules/.bin").join(name);
    if p.exists() {
        Ok(p)
    } else {
        Err(format!(
            "{} is missing: run scripts/setup.sh (or `npm ci` in the repository)",
            p.display()
        ))
    }
}

/// `wasm-bindgen` at exactly the version the crate pins.
pub fn wasm_bindgen() -> Result<PathBuf, String> {
    let want = pinned_wasm_bindgen()?;
    let mut candidates = vec![PathBuf::from("wasm-bindgen")];
    if let Some(home) = std::env::var_os("CARGO_HOME").or_else(|| std::env::var_os("HOME")) {
        let home = PathBuf::from(home);
        candidates.push(home.join("bin/wasm-bindgen"));
        candidates.push(home.join(".cargo/bin/wasm-bindgen"));
    }
    for c in candidates {
        if let Ok(out) = Command::new(&c).arg("--version").output() {
            let v = String::from_utf8_lossy(&out.stdout);
            if v.split_whitespace().nth(1) == Some(want.as_str()) {
                return Ok(c);
            }
        }
    }
    Err(format!(
        "wasm-bindgen {want} not found: run scripts/setup.sh \
         (cargo install wasm-bindgen-cli --version {want})"
    ))
}

fn pinned_wasm_bindgen() -> Result<String, String> {
    let toml =
        fs::read_to_string(crate::repo_root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    toml.lines()
        .find_map(|l| {
            let l = l.trim();
            let rest = l.strip_prefix("wasm-bindgen = \"=")?;
            Some(rest.trim_end_matches('"').to_string())
        })
        .ok_or_else(|| "Cargo.toml pins no `wasm-bindgen = \"=x.y.z\"`".to_string())
}

fn write(path: &Path, data: impl AsRef<[u8]>) -> Result<(), String> {
    if let Some(d) = path.parent() {
        fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    fs::write(path, data).map_err(|e| format!("{}: {e}", path.display()))
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn gzip_len(data: &[u8]) -> u64 {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(data);
    enc.finish().map(|v| v.len() as u64).unwrap_or(0)
}

/// The `wasm-opt` passes for the WebAssembly engine (and the site's module, the same
/// one): binaryen's `-O3`. The Rust side is built at `opt-level = 3` for speed; `-Os`
/// (without `reorder-functions` and `inlining-optimizing`, which made it larger once
/// gzipped) undid much of that: `readPage` took 1.19–1.21× as long as with `-O3` per page
/// (45 corpus pages, both modules in one tab, alternating; written up in
/// BENCHMARKS.md), for 1.7 KB less gzip (277 vs 279 KB). The features are the ones the
/// wasm32 build enables (`.cargo/config.toml`). The wasm2js engine is not passed through
/// here: wasm2js optimises on its own (`-O1`).
pub const WASM_OPT_ARGS: [&str; 6] = [
    "-O3",
    "--enable-bulk-memory",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--strip-producers",
];

/// Optimise a wasm-bindgen `_bg.wasm` in place ([`WASM_OPT_ARGS`]).
pub fn wasm_opt(module: &Path) -> Result<(), String> {
    eprintln!("xtask: wasm-opt {}", module.display());
    let tmp = module.with_extension("opt.wasm");
    crate::run_checked(
        Command::new(npm_bin("wasm-opt")?)
            .arg(module)
            .args(WASM_OPT_ARGS)
            .arg("-o")
            .arg(&tmp),
    )?;
    fs::rename(&tmp, module).map_err(|e| format!("{}: {e}", module.display()))
}

/// FNV-1a: a cheap fingerprint to skip the slow wasm2js step when nothing changed.
fn fingerprint(parts: &[&[u8]]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h ^= 0xff;
    }
    format!("{h:016x}")
}

pub fn build(o: &Opts) -> Result<Built, String> {
    let root = crate::repo_root();
    let target = crate::target_dir();
    let ext_src = root.join("extension");
    let work = target.join("ext");
    let wasm_bindgen = wasm_bindgen()?;
    let esbuild = npm_bin("esbuild")?;
    let wasm2js = npm_bin("wasm2js")?;

    eprintln!("xtask: building the core for wasm32 (wasm-release)");
    crate::run_checked(crate::cargo().args([
        "build",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
        "--no-default-features",
    ]))?;
    let wasm = target.join("wasm32-unknown-unknown/wasm-release/readmark.wasm");
    let wasm_bytes = fs::read(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let entry_wasm = read(&ext_src.join("engine-src/wasm-entry.js"))?;
    let entry_js = read(&ext_src.join("engine-src/js-entry.js"))?;
    let stamp = fingerprint(&[
        &wasm_bytes,
        entry_wasm.as_bytes(),
        entry_js.as_bytes(),
        WASM_OPT_ARGS.join(" ").as_bytes(),
    ]);
    let engines = work.join("engines");
    let stamp_file = work.join("stamp");
    let fresh = fs::read_to_string(&stamp_file).ok().as_deref() == Some(stamp.as_str())
        && engines.join("engine-wasm.js").is_file()
        && engines.join("engine-js.js").is_file();
    if fresh {
        eprintln!("xtask: engines are up to date ({})", engines.display());
    } else {
        let _ = fs::remove_dir_all(&work);
        for (target_kind, dir) in [("web", "web"), ("bundler", "bundler")] {
            eprintln!("xtask: wasm-bindgen --target {target_kind}");
            crate::run_checked(
                Command::new(&wasm_bindgen)
                    .arg(&wasm)
                    .args(["--out-dir"])
                    .arg(work.join(dir))
                    .args(["--target", target_kind, "--remove-name-section"]),
            )?;
        }
        wasm_opt(&work.join("web/readmark_bg.wasm"))?;
        // wasm2js: -O1 (higher levels trip an alignment assertion in binaryen 132 on
        // this module); esbuild minifies afterwards.
        eprintln!("xtask: wasm2js (the JavaScript engine for CSP-strict pages)");
        let bundler = work.join("bundler");
        crate::run_checked(
            Command::new(&wasm2js)
                .arg(bundler.join("readmark_bg.wasm"))
                .args(["-O1", "-o"])
                .arg(bundler.join("readmark_bg.wasm.js")),
        )?;
        patch_bundler_glue(&bundler)?;
        write(&work.join("web/wasm-entry.js"), &entry_wasm)?;
        write(&bundler.join("js-entry.js"), &entry_js)?;
        for (entry, out, extra) in [
            (
                work.join("web/wasm-entry.js"),
                "engine-wasm.js",
                Some("--loader:.wasm=binary"),
            ),
            (bundler.join("js-entry.js"), "engine-js.js", None),
        ] {
            eprintln!("xtask: esbuild → {out}");
            let mut cmd = Command::new(&esbuild);
            cmd.arg(&entry)
                .args(["--bundle", "--format=iife", "--minify", "--target=es2020"])
                .args([
                    "--log-level=warning",
                    "--log-override:empty-import-meta=silent",
                ])
                .arg(format!("--outfile={}", engines.join(out).display()))
                .args(extra);
            crate::run_checked(&mut cmd)?;
        }
        write(&stamp_file, &stamp)?;
    }
    let js = fs::read(engines.join("engine-js.js")).map_err(|e| e.to_string())?;
    let web_wasm = fs::read(work.join("web/readmark_bg.wasm")).map_err(|e| e.to_string())?;

    let dist = root.join("dist");
    let test_dir = target.join("ext-test");
    let base: Value = serde_json::from_str(&read(&ext_src.join("manifest.json"))?)
        .map_err(|e| format!("extension/manifest.json: {e}"))?;
    for browser in BROWSERS {
        let out = dist.join(browser);
        assemble(
            &ext_src,
            &engines,
            &out,
            &manifest_for(&base, browser, false),
            false,
        )?;
        let zip = dist.join(format!("readmark-{browser}.zip"));
        crate::zip::zip_dir(&out, &zip)?;
        if o.test {
            let t = test_dir.join(browser);
            assemble(
                &ext_src,
                &engines,
                &t,
                &manifest_for(&base, browser, true),
                true,
            )?;
        }
    }
    Ok(Built {
        dist,
        test_dir,
        wasm_raw: web_wasm.len() as u64,
        wasm_gzip: gzip_len(&web_wasm),
        js_raw: js.len() as u64,
        js_gzip: gzip_len(&js),
    })
}

/// The bundler glue, adapted to the wasm2js module: import the `.wasm.js` module instead
/// of the `.wasm` file, and renew the memory views whenever the memory's buffer changes
/// (wasm2js grows memory by swapping the buffer without detaching the old one, so the
/// `byteLength === 0` test never fires and results would be read from stale memory).
fn patch_bundler_glue(dir: &Path) -> Result<(), String> {
    let glue = dir.join("readmark.js");
    let s = read(&glue)?;
    let patched = s.replace("\"./readmark_bg.wasm\"", "\"./readmark_bg.wasm.js\"");
    if patched == s {
        return Err("wasm2js patch: no `./readmark_bg.wasm` import in readmark.js".into());
    }
    write(&glue, patched)?;
    let bg = dir.join("readmark_bg.js");
    let s = read(&bg)?;
    let mut out = String::with_capacity(s.len());
    let mut patched = 0;
    for line in s.split_inclusive('\n') {
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix("if (cached") {
            if let Some(name_end) = rest.find(" === null") {
                let name = format!("cached{}", &rest[..name_end]);
                let indent = &line[..line.len() - t.len()];
                out.push_str(&format!(
                    "{indent}if ({name} === null || {name}.buffer !== wasm.memory.buffer) {{\n"
                ));
                patched += 1;
                continue;
            }
        }
        out.push_str(line);
    }
    if patched == 0 {
        return Err("wasm2js patch: no memory-view cache found in readmark_bg.js".into());
    }
    write(&bg, out)
}

/// The manifest of one browser (and of its test build).
pub fn manifest_for(base: &Value, browser: &str, test: bool) -> Value {
    let mut m = base.clone();
    let Some(obj) = m.as_object_mut() else {
        return m;
    };
    if let Some(bg) = obj.get_mut("background").and_then(Value::as_object_mut) {
        if browser == "chromium" {
            bg.remove("scripts");
        } else {
            bg.remove("service_worker");
        }
    }
    if browser == "chromium" {
        obj.remove("browser_specific_settings");
    }
    if test {
        obj.insert("host_permissions".into(), json!(["http://127.0.0.1/*"]));
        if let Some(p) = obj.get_mut("permissions").and_then(Value::as_array_mut) {
            p.push(json!("clipboardRead"));
        }
        obj.insert(
            "web_accessible_resources".into(),
            json!([{"resources": ["test/*"], "matches": ["http://127.0.0.1/*"]}]),
        );
        if let Some(name) = obj.get_mut("short_name") {
            *name = json!("Readmark (test)");
        }
    }
    m
}

/// Copy the extension sources (without the engine sources, and without `test/` unless
/// this is a test build), the engines and the manifest into `out`.
fn assemble(
    src: &Path,
    engines: &Path,
    out: &Path,
    manifest: &Value,
    test: bool,
) -> Result<(), String> {
    let _ = fs::remove_dir_all(out);
    copy_tree(src, out, &|rel: &Path| {
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        match first.as_deref() {
            Some("engine-src" | "tools" | "e2e") => false,
            Some("test") => test,
            Some("manifest.json") => false,
            Some(n) if n.ends_with(".md") => false,
            _ => true,
        }
    })?;
    for f in ["engine-wasm.js", "engine-js.js"] {
        let data = fs::read(engines.join(f)).map_err(|e| e.to_string())?;
        write(&out.join("engine").join(f), data)?;
    }
    let text = serde_json::to_string_pretty(manifest).map_err(|e| e.to_string())?;
    write(&out.join("manifest.json"), text + "\n")
}

/// Copy the files under `src` whose relative path `keep` accepts (directories it rejects
/// are not entered) to the same relative paths under `dst`. No recursion.
pub fn copy_tree(src: &Path, dst: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<(), String> {
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let rd = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for ent in rd {
            let p = ent.map_err(|e| e.to_string())?.path();
            let rel = p.strip_prefix(src).map_err(|e| e.to_string())?;
            if !keep(rel) {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                let data = fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?;
                write(&dst.join(rel), data)?;
            }
        }
    }
    Ok(())
}
