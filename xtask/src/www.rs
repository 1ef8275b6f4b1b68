//! `cargo xtask www [--origin URL]`: the static site (landing page, bookmarklet reader,
//! playground) from `www/`, into `dist/www/`.
//!
//! ```text
//! www/                        pages, site scripts, styles, images (copied as they are)
//! www/bookmarklet/*.js        the bookmarklet's source → minified (esbuild), the origin
//!                             baked in, → `javascript:` URL in index.html
//! extension/reader/*.js,.css  the reader UI, copied (one code base with the extension)
//! extension/shared/{filename,io}.js, extension/_locales/      the reader's imports
//! readmark.wasm ─ wasm-bindgen --target web → wasm-opt → pkg/ the same module as the extension
//! ```
//!
//! The public origin is a build setting because the bookmarklet runs on other sites: it
//! must name the site it opens, and it sends the page only to that origin. Default
//! `http://127.0.0.1:8787` (what `cargo xtask serve` serves); a path is allowed for sites
//! published under one (`https://user.github.io/readmark`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub const DEFAULT_PORT: u16 = 8787;
const ORIGIN_PLACEHOLDER: &str = "__READMARK_ORIGIN__";
const SITE_PLACEHOLDER: &str = "__READMARK_SITE__";
const HREF_PLACEHOLDER: &str = "{{BOOKMARKLET_HREF}}";
const SIZE_PLACEHOLDER: &str = "{{BOOKMARKLET_SIZE}}";

#[derive(Debug, Clone)]
pub struct Opts {
    pub origin: String,
}

impl Default for Opts {
    fn default() -> Self {
        Opts {
            origin: format!("http://127.0.0.1:{DEFAULT_PORT}"),
        }
    }
}

impl Opts {
    pub fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--origin" => {
                    o.origin = normalize_origin(it.next().ok_or("www: --origin needs a URL")?)?
                }
                _ => return Err(format!("www: unexpected argument `{a}`")),
            }
        }
        Ok(o)
    }
}

/// `https://Example.org/` → `https://example.org`; `https://u.github.io/readmark/` →
/// `https://u.github.io/readmark` (a site served under a path). Scheme, host, optional port
/// and path; no query, fragment, user or quotes: it is baked into a `javascript:` URL.
pub fn normalize_origin(s: &str) -> Result<String, String> {
    let t = s.trim().trim_end_matches('/');
    let (scheme, rest) = t
        .split_once("://")
        .filter(|(sc, _)| sc.eq_ignore_ascii_case("http") || sc.eq_ignore_ascii_case("https"))
        .ok_or_else(|| format!("origin `{s}`: must start with http:// or https://"))?;
    let (host, path) = rest.split_once('/').map_or((rest, ""), |(h, p)| (h, p));
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    let path_ok = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '~' | '/'))
        && !path.split('/').any(|seg| seg == ".." || seg == ".");
    if !host_ok || !path_ok {
        return Err(format!(
            "origin `{s}`: only scheme://host[:port][/path], no query, fragment or user \
             (e.g. https://readmark.example)"
        ));
    }
    let mut out = format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        host.to_ascii_lowercase()
    );
    if !path.is_empty() {
        out.push('/');
        out.push_str(path);
    }
    Ok(out)
}

/// The origin part of a site address (`https://u.github.io/readmark` → `https://u.github.io`):
/// what `MessageEvent.origin` says for the site's pages.
pub fn origin_of(site: &str) -> &str {
    let after = site.find("://").map_or(0, |i| i + 3);
    site[after..].find('/').map_or(site, |i| &site[..after + i])
}

/// What a build produced (sizes in bytes).
#[derive(Debug, Clone)]
pub struct Built {
    pub dir: PathBuf,
    pub origin: String,
    /// The `javascript:` URL as stored in the bookmark.
    pub bookmarklet: u64,
    pub wasm_raw: u64,
    pub wasm_gzip: u64,
    /// What `reader.html` loads: (path, raw, gzip).
    pub reader_files: Vec<(String, u64, u64)>,
}

pub fn run(o: &Opts) -> Result<(), String> {
    let b = build(o)?;
    println!("Readmark site: {} (origin {})", b.dir.display(), b.origin);
    print_sizes(&b);
    Ok(())
}

pub fn print_sizes(b: &Built) {
    println!("  bookmarklet: {} bytes (javascript: URL)", b.bookmarklet);
    println!("  WASM: {} bytes raw, {} gzip", b.wasm_raw, b.wasm_gzip);
    let (mut raw, mut gz) = (0, 0);
    for (name, r, g) in &b.reader_files {
        println!("    {name:<28} {r:>9} {g:>8} gzip");
        raw += r;
        gz += g;
    }
    println!("  reader.html loads {raw} bytes ({gz} gzip) in total");
}

pub fn build(o: &Opts) -> Result<Built, String> {
    let root = crate::repo_root();
    let src = root.join("www");
    let out = root.join("dist/www");
    let pkg = wasm_module()?;

    let _ = fs::remove_dir_all(&out);
    crate::ext::copy_tree(&src, &out, &|rel| {
        !matches!(first_component(rel).as_deref(), Some("bookmarklet" | "e2e"))
            && !rel.to_string_lossy().ends_with(".md")
    })?;
    for f in ["readmark.js", "readmark_bg.wasm"] {
        copy_file(&pkg.join(f), &out.join("pkg").join(f))?;
    }
    // JS snippets the glue imports (`#[wasm_bindgen(inline_js)]`: the snapshot's
    // one-call-per-node helper).
    if pkg.join("snippets").is_dir() {
        crate::ext::copy_tree(&pkg.join("snippets"), &out.join("pkg/snippets"), &|_| true)?;
    }
    let ext = root.join("extension");
    for f in ["reader.js", "render.js", "reader.css"] {
        copy_file(&ext.join("reader").join(f), &out.join("reader").join(f))?;
    }
    for f in ["filename.js", "io.js"] {
        copy_file(&ext.join("shared").join(f), &out.join("shared").join(f))?;
    }
    crate::ext::copy_tree(&ext.join("_locales"), &out.join("_locales"), &|_| true)?;

    let code = bookmarklet_code(&src.join("bookmarklet/bookmarklet.js"), &o.origin)?;
    let href = format!("javascript:{}", url_escape(&code));
    write(&out.join("bookmarklet.js"), &code)?;
    for page in ["index.html", "playground.html", "reader.html"] {
        let p = out.join(page);
        let html = read(&p)?
            .replace(HREF_PLACEHOLDER, &html_attr_escape(&href))
            .replace(
                SIZE_PLACEHOLDER,
                &format!("{:.1}", href.len() as f64 / 1024.0),
            );
        write(&p, html)?;
    }

    // The service worker's list of the site's files (every file but itself).
    let mut files = vec!["./".to_string()];
    list_files(&out, &out, &mut files)?;
    files.retain(|f| f != "sw.js");
    files.sort();
    let sw = out.join("sw.js");
    let list = serde_json::to_string(&files).map_err(|e| e.to_string())?;
    write(&sw, read(&sw)?.replace("'__READMARK_FILES__'", &list))?;

    let wasm = fs::read(out.join("pkg/readmark_bg.wasm")).map_err(|e| e.to_string())?;
    let mut reader_files = Vec::new();
    for f in [
        "reader.html",
        "site.css",
        "reader/reader.css",
        "js/reader-page.js",
        "js/host-www.js",
        "js/engine.js",
        "js/messages.js",
        "js/offline.js",
        "sw.js",
        "reader/reader.js",
        "reader/render.js",
        "shared/filename.js",
        "shared/io.js",
        "pkg/readmark.js",
        "_locales/en/messages.json",
        "pkg/readmark_bg.wasm",
    ] {
        let data = fs::read(out.join(f)).map_err(|e| format!("dist/www/{f}: {e}"))?;
        reader_files.push((
            f.to_string(),
            data.len() as u64,
            crate::ext::gzip_len(&data),
        ));
    }
    Ok(Built {
        dir: out,
        origin: o.origin.clone(),
        bookmarklet: href.len() as u64,
        wasm_raw: wasm.len() as u64,
        wasm_gzip: crate::ext::gzip_len(&wasm),
        reader_files,
    })
}

/// The core for wasm32 and its `--target web` glue in `target/www/pkg/`, through the same
/// `wasm-opt` passes (the command `cargo xtask build` runs for the extension's WebAssembly
/// engine).
fn wasm_module() -> Result<PathBuf, String> {
    let target = crate::target_dir();
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
    let pkg = target.join("www/pkg");
    let stamp = target.join("www/pkg.stamp");
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    let fresh = pkg.join("readmark_bg.wasm").is_file()
        && fs::read_to_string(&stamp).ok() == modified(&wasm).map(|t| format!("{t:?}"));
    if !fresh {
        eprintln!("xtask: wasm-bindgen --target web → {}", pkg.display());
        let _ = fs::remove_dir_all(&pkg);
        crate::run_checked(
            Command::new(crate::ext::wasm_bindgen()?)
                .arg(&wasm)
                .arg("--out-dir")
                .arg(&pkg)
                .args(["--target", "web", "--remove-name-section"]),
        )?;
        crate::ext::wasm_opt(&pkg.join("readmark_bg.wasm"))?;
        if let Some(t) = modified(&wasm) {
            write(&stamp, format!("{t:?}"))?;
        }
    }
    Ok(pkg)
}

/// The bookmarklet's source with the site's address and origin filled in, minified by
/// esbuild.
fn bookmarklet_code(path: &Path, origin: &str) -> Result<String, String> {
    let src = read(path)?;
    if !src.contains(ORIGIN_PLACEHOLDER) {
        return Err(format!(
            "{}: no {ORIGIN_PLACEHOLDER} to replace",
            path.display()
        ));
    }
    let quote = |v: &str| serde_json::to_string(v).map_err(|e| e.to_string());
    let src = src
        .replace(
            &format!("'{ORIGIN_PLACEHOLDER}'"),
            &quote(origin_of(origin))?,
        )
        .replace(&format!("'{SITE_PLACEHOLDER}'"), &quote(origin)?);
    let esbuild = crate::ext::npm_bin("esbuild")?;
    let mut child = Command::new(esbuild)
        .args([
            "--minify",
            "--target=es2020",
            "--loader=js",
            "--charset=utf8",
            "--log-level=warning",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("esbuild: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin
            .write_all(src.as_bytes())
            .map_err(|e| format!("esbuild: {e}"))?;
    }
    let out = child
        .wait_with_output()
        .map_err(|e| format!("esbuild: {e}"))?;
    if !out.status.success() {
        return Err(format!("esbuild failed on {}", path.display()));
    }
    let code = String::from_utf8(out.stdout).map_err(|e| e.to_string())?;
    Ok(code.trim().to_string())
}

/// Percent-encode what a `javascript:` URL must not carry literally: `%` (the browser
/// decodes the URL before running it), controls, spaces, and non-ASCII (bookmark
/// managers differ in how they store it).
pub fn url_escape(code: &str) -> String {
    let mut s = String::with_capacity(code.len());
    for b in code.bytes() {
        if b.is_ascii_graphic() && b != b'%' {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

fn html_attr_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

/// Paths of the files under `dir`, relative to `root`, with `/` separators.
fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), String> {
    let rd = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for ent in rd {
        let p = ent.map_err(|e| e.to_string())?.path();
        if p.is_dir() {
            list_files(root, &p, out)?;
        } else if let Ok(rel) = p.strip_prefix(root) {
            let parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

fn first_component(rel: &Path) -> Option<String> {
    rel.components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
}

fn read(p: &Path) -> Result<String, String> {
    fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))
}

fn write(p: &Path, data: impl AsRef<[u8]>) -> Result<(), String> {
    if let Some(d) = p.parent() {
        fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    fs::write(p, data).map_err(|e| format!("{}: {e}", p.display()))
}

fn copy_file(from: &Path, to: &Path) -> Result<(), String> {
    let data = fs::read(from).map_err(|e| format!("{}: {e}", from.display()))?;
    write(to, data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        assert_eq!(
            normalize_origin("https://Read.Example/").unwrap(),
            "https://read.example"
        );
        assert_eq!(
            normalize_origin("http://127.0.0.1:8787").unwrap(),
            "http://127.0.0.1:8787"
        );
        assert_eq!(
            normalize_origin("https://u.github.io/readmark/").unwrap(),
            "https://u.github.io/readmark"
        );
        assert_eq!(
            origin_of("https://u.github.io/readmark"),
            "https://u.github.io"
        );
        assert_eq!(origin_of("http://127.0.0.1:8787"), "http://127.0.0.1:8787");
        assert!(normalize_origin("ftp://x").is_err());
        assert!(normalize_origin("https://x/a?b").is_err());
        assert!(normalize_origin("https://x/../y").is_err());
        assert!(normalize_origin("https://x\"y").is_err());
        assert!(normalize_origin("https://user@x").is_err());
    }

    #[test]
    fn javascript_url() {
        assert_eq!(url_escape("a%b c\"<>é"), "a%25b%20c\"<>%C3%A9");
        assert_eq!(url_escape("(()=>{x[1]&&y})()"), "(()=>{x[1]&&y})()");
    }
}
