//! `cargo xtask ci`: every check of `.ci/run`, in order, stopping at the first failure.

use std::time::Instant;

/// The cargo invocations, in the order they run (cheap and likely-to-fail first);
/// `cargo xtask eval --smoke` follows them.
const STEPS: &[&str] = &[
    "fmt --all -- --check",
    "clippy --workspace --all-targets -- -D warnings",
    "clippy --lib --target wasm32-unknown-unknown -- -D warnings",
    "build --lib --target wasm32-unknown-unknown --profile wasm-release",
    "test --workspace",
];

pub fn run() -> Result<(), String> {
    let started = Instant::now();
    let total = STEPS.len() + 1;
    for (i, args) in STEPS.iter().enumerate() {
        eprintln!("\n==> [{}/{total}] cargo {args}", i + 1);
        let t = Instant::now();
        crate::run_checked(crate::cargo().args(args.split_whitespace()))
            .map_err(|e| format!("ci FAILED at step {}/{total}: {e}", i + 1))?;
        eprintln!("==> ok ({:.0} s)", t.elapsed().as_secs_f64());
    }
    eprintln!("\n==> [{total}/{total}] cargo xtask eval --smoke");
    let t = Instant::now();
    crate::eval::run(&crate::eval::Opts::smoke()).map_err(|e| {
        format!("ci FAILED at step {total}/{total} (cargo xtask eval --smoke): {e}")
    })?;
    eprintln!("==> ok ({:.0} s)", t.elapsed().as_secs_f64());
    eprintln!(
        "\nci: all {total} steps passed in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
