//! `cargo xtask serve [--port P] [--origin URL] [--no-build]`: `dist/www/` over HTTP on
//! 127.0.0.1, for development and for the site's end-to-end tests.
//!
//! A deliberately small static server (std `TcpListener`, a thread per connection, GET and
//! HEAD, `Connection: close`): the site is static, and what matters to test is what any
//! static host must get right — the MIME types (`application/wasm` lets the browser
//! compile the module while it downloads; `text/javascript` is required for module
//! scripts) — plus `nosniff`. It listens on 127.0.0.1 only and never serves a path outside
//! the site directory.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Opts {
    pub port: u16,
    pub origin: Option<String>,
    pub build: bool,
}

impl Opts {
    pub fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts {
            port: crate::www::DEFAULT_PORT,
            origin: None,
            build: true,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            match a.as_str() {
                "--port" => {
                    o.port = it
                        .next()
                        .and_then(|p| p.parse().ok())
                        .ok_or("serve: --port needs a number")?
                }
                "--origin" => {
                    o.origin = Some(crate::www::normalize_origin(
                        it.next().ok_or("serve: --origin needs a URL")?,
                    )?)
                }
                "--no-build" => o.build = false,
                _ => return Err(format!("serve: unexpected argument `{a}`")),
            }
        }
        Ok(o)
    }
}

pub fn run(o: &Opts) -> Result<(), String> {
    let listener = TcpListener::bind(("127.0.0.1", o.port))
        .map_err(|e| format!("serve: cannot listen on 127.0.0.1:{}: {e}", o.port))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    let origin = o
        .origin
        .clone()
        .unwrap_or_else(|| format!("http://127.0.0.1:{port}"));
    let dir = crate::repo_root().join("dist/www");
    let note = if o.build || !dir.join("index.html").is_file() {
        let built = crate::www::build(&crate::www::Opts {
            origin: origin.clone(),
        })?;
        crate::www::print_sizes(&built);
        format!("bookmarklet origin {origin}")
    } else {
        "not rebuilt: the bookmarklet keeps the origin it was built with".to_string()
    };
    println!(
        "Serving {} at http://127.0.0.1:{port}/ ({note}); Ctrl-C stops",
        dir.display()
    );
    serve(listener, dir);
    Ok(())
}

/// Serve `dir` on `listener` until the process ends.
pub fn serve(listener: TcpListener, dir: PathBuf) {
    for stream in listener.incoming().flatten() {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &dir);
        });
    }
}

/// A free port of 127.0.0.1 (for a build whose origin must be known before serving).
pub fn free_port() -> Result<u16, String> {
    let l = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

/// Serve `dir` on `port` in a background thread.
pub fn spawn_on(dir: PathBuf, port: u16) -> Result<(), String> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("serve: 127.0.0.1:{port}: {e}"))?;
    std::thread::spawn(move || serve(listener, dir));
    Ok(())
}

pub fn mime(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("webmanifest") => "application/manifest+json",
        Some("zip") => "application/zip",
        _ => "application/octet-stream",
    }
}

/// `/a/b%20c.html?x` → `dir/a/b c.html`; `None` for anything that could leave `dir`.
fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let decoded = percent_decode(path)?;
    if !decoded.starts_with('/') || decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let rel = Path::new(decoded.trim_start_matches('/'));
    if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut p = dir.join(rel);
    if p.is_dir() {
        p = p.join("index.html");
    }
    Some(p)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn handle(stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Drain the headers (bounded).
    let mut h = String::new();
    for _ in 0..100 {
        h.clear();
        if reader.read_line(&mut h)? == 0 || h == "\r\n" || h == "\n" {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut out,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed\n",
            method,
        );
    }
    let file = resolve(dir, target).filter(|p| p.is_file());
    match file.and_then(|p| std::fs::read(&p).ok().map(|d| (p, d))) {
        Some((p, data)) => respond(&mut out, 200, mime(&p), &data, method),
        None => respond(
            &mut out,
            404,
            "text/plain; charset=utf-8",
            b"not found\n",
            method,
        ),
    }
}

fn respond(
    out: &mut TcpStream,
    status: u16,
    ctype: &str,
    body: &[u8],
    method: &str,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
         X-Content-Type-Options: nosniff\r\nReferrer-Policy: no-referrer\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    out.write_all(head.as_bytes())?;
    if method != "HEAD" {
        out.write_all(body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside() {
        let d = Path::new("/site");
        assert_eq!(
            resolve(d, "/a/b.js?x=1"),
            Some(PathBuf::from("/site/a/b.js"))
        );
        assert_eq!(
            resolve(d, "/a%20b.css"),
            Some(PathBuf::from("/site/a b.css"))
        );
        for bad in [
            "/../etc/passwd",
            "/a/%2e%2e/%2e%2e/x",
            "/a\\b",
            "x",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(resolve(d, bad), None, "{bad}");
        }
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime(Path::new("a/readmark_bg.wasm")), "application/wasm");
        assert!(mime(Path::new("x.JS")).starts_with("text/javascript"));
        assert_eq!(mime(Path::new("i.svg")), "image/svg+xml");
    }
}
