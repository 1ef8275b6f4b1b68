//! Fuzz target: an Article model built from the bytes (hostile text and URLs in every
//! field) → `to_markdown` / `to_reader_html` / `to_reader_document` → the safety oracles.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Err(finding) = readmark_fuzz::check_markdown(data) {
        panic!("{finding}");
    }
});
