//! `cargo xtask fuzz`: fuzz the extraction and Markdown rendering (see `fuzz/`).
//!
//! Two engines over the same oracles (`fuzz/src/lib.rs`):
//!
//! * `--engine stable` (the default, and what `ci` runs): `fuzz/src/bin/smoke.rs`, a
//!   deterministic mutation fuzzer that needs only the stable toolchain, built in release
//!   with `--no-default-features` (no libFuzzer);
//! * `--engine libfuzzer`: `cargo +nightly fuzz run <target>` (coverage-guided, ASan),
//!   which needs a nightly toolchain and `cargo install cargo-fuzz`; the time is split
//!   between the two targets.
//!
//! ```text
//! cargo xtask fuzz [--seconds N] [--engine stable|libfuzzer] [--seed N]
//! ```

use std::process::Command;

#[derive(Debug)]
pub struct Opts {
    pub seconds: u64,
    pub libfuzzer: bool,
    pub seed: Option<String>,
}

impl Opts {
    pub fn parse(args: &[String]) -> Result<Opts, String> {
        let mut o = Opts {
            seconds: 60,
            libfuzzer: false,
            seed: None,
        };
        let mut it = args.iter();
        while let Some(a) = it.next() {
            let mut val = || {
                it.next()
                    .cloned()
                    .ok_or_else(|| format!("{a} needs a value"))
            };
            match a.as_str() {
                "--seconds" => o.seconds = val()?.parse().map_err(|e| format!("--seconds: {e}"))?,
                "--engine" => match val()?.as_str() {
                    "stable" => o.libfuzzer = false,
                    "libfuzzer" => o.libfuzzer = true,
                    e => return Err(format!("--engine {e}: stable or libfuzzer")),
                },
                "--seed" => o.seed = Some(val()?),
                _ => return Err(format!("fuzz: unknown option {a}")),
            }
        }
        Ok(o)
    }

    /// The CI smoke: 60 seconds of the stable engine.
    pub fn smoke() -> Opts {
        Opts {
            seconds: 60,
            libfuzzer: false,
            seed: None,
        }
    }
}

pub fn run(o: &Opts) -> Result<(), String> {
    let fuzz_dir = crate::repo_root().join("fuzz");
    if o.libfuzzer {
        let per_target = (o.seconds / 2).max(1);
        for target in ["extract", "markdown"] {
            let corpus = fuzz_dir.join("corpus").join(target);
            std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
            let mut c = Command::new("cargo");
            c.current_dir(&fuzz_dir)
                .args(["+nightly", "fuzz", "run", "-O", target]);
            c.arg("--").arg(format!("-max_total_time={per_target}"));
            c.args([
                "-timeout=20",
                "-rss_limit_mb=4096",
                "-max_len=262144",
                "-print_final_stats=1",
            ]);
            if target == "extract" {
                // Seed with the golden fixtures.
                c.arg(fuzz_dir.join("corpus").join(target));
                c.arg(crate::repo_root().join("tests").join("fixtures"));
            }
            crate::run_checked(&mut c)?;
        }
        return Ok(());
    }
    let mut c = crate::cargo();
    c.env_remove("RUSTFLAGS");
    c.args([
        "run",
        "--quiet",
        "--release",
        "--no-default-features",
        "--manifest-path",
    ]);
    c.arg(fuzz_dir.join("Cargo.toml"));
    // The main target directory: the dependencies are shared with `cargo test --release`.
    c.arg("--target-dir").arg(crate::target_dir());
    c.args(["--bin", "smoke", "--", "--seconds", &o.seconds.to_string()]);
    if let Some(s) = &o.seed {
        c.args(["--seed", s]);
    }
    crate::run_checked(&mut c)
}
