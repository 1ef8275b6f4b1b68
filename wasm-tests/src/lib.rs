//! Browser tests of `readmark::web` (the live-DOM snapshot and the wasm glue): see
//! `tests/`. Run with `cargo xtask wasm-test` (headless Chromium and Firefox).
