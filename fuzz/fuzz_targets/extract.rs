//! Fuzz target: arbitrary bytes → `extract_bytes` → every renderer → the oracles.
//! Crash = panic, hang (libFuzzer `-timeout`), or an unsafe construct in any output.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(finding) = readmark_fuzz::check_extract(data) {
        panic!("{finding}");
    }
});
