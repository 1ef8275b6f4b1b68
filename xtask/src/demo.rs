//! `cargo xtask demo`: run the CLI on the bundled seed page (a DedeCMS-style Chinese news
//! page) and write `article.md` (with front matter), `article.json` and `article.html`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The seed page and its case description (`url = "..."`).
const SEED_PAGE: &str = "tests/fixtures/seed-dedecms/source.html";
/// URL of the seed page when its `case.toml` does not give one.
const SEED_URL: &str = "http://www.example-news.cn/hulianwang/2024/0617/1234.html";

#[derive(Debug, Clone, Default)]
pub struct Opts {
    page: Option<PathBuf>,
    out: Option<PathBuf>,
    url: Option<String>,
}

impl Opts {
    pub fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut value = || it.next().cloned().ok_or(format!("demo: {a} needs a value"));
            match a.as_str() {
                "--out" => o.out = Some(PathBuf::from(value()?)),
                "--url" => o.url = Some(value()?),
                s if !s.starts_with('-') && o.page.is_none() => o.page = Some(PathBuf::from(s)),
                _ => return Err(format!("demo: unexpected argument `{a}`")),
            }
        }
        Ok(o)
    }
}

pub fn run(o: &Opts) -> Result<(), String> {
    let root = crate::repo_root();
    let page = o.page.clone().unwrap_or_else(|| root.join(SEED_PAGE));
    if !page.is_file() {
        return Err(format!(
            "demo: page {} not found{}",
            page.display(),
            if o.page.is_none() {
                " (the seed fixture comes with the golden tests; or pass PAGE.html)"
            } else {
                ""
            }
        ));
    }
    // URL: --url, else the case.toml next to the page, else the seed's known URL.
    let url = o
        .url
        .clone()
        .or_else(|| case_url(&page.with_file_name("case.toml")))
        .or_else(|| o.page.is_none().then(|| SEED_URL.to_string()));
    let out = o
        .out
        .clone()
        .unwrap_or_else(|| crate::target_dir().join("demo"));
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;

    let cli = crate::build_cli()?;
    let mut written = Vec::new();
    for (file, format, extra) in [
        ("article.md", "md", Some("--front-matter")),
        ("article.json", "json", None),
        ("article.html", "html", None),
    ] {
        let path = out.join(file);
        let sink = File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut cmd = Command::new(&cli);
        cmd.args(["--format", format]).args(extra);
        if let Some(u) = &url {
            cmd.args(["--url", u]);
        }
        cmd.arg(&page).stdout(Stdio::from(sink));
        let status = cmd
            .status()
            .map_err(|e| format!("cannot run {}: {e}", cli.display()))?;
        if !status.success() {
            return Err(format!(
                "demo: `{}` failed ({status}); see the error above",
                crate::show(&cmd)
            ));
        }
        written.push(path);
    }

    println!("Readmark demo: {}", page.display());
    if let Some(u) = &url {
        println!("  url: {u}");
    }
    for p in &written {
        println!(
            "  wrote {}",
            p.canonicalize().unwrap_or_else(|_| p.clone()).display()
        );
    }
    let md = std::fs::read_to_string(&written[0]).unwrap_or_default();
    println!("\n--- article.md (first lines) ---");
    for line in md.lines().take(20) {
        println!("{line}");
    }
    Ok(())
}

/// The `url = "..."` value of a small TOML case file, if present.
fn case_url(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        if key.trim() != "url" {
            return None;
        }
        let v = value.trim();
        let v = v.split_once(" #").map_or(v, |(v, _)| v).trim();
        let unquoted = v
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| v.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))?;
        Some(unquoted.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_url_from_case_toml() {
        let dir = std::env::temp_dir().join(format!("xtask-demo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let f = dir.join("case.toml");
        std::fs::write(
            &f,
            "title = \"x\"\nurl = \"http://a.example/b.html\"  # source\n",
        )
        .expect("write");
        assert_eq!(case_url(&f).as_deref(), Some("http://a.example/b.html"));
        std::fs::write(&f, "urls = \"no\"\n").expect("write");
        assert_eq!(case_url(&f), None);
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(case_url(Path::new("/nonexistent/case.toml")), None);
    }
}
