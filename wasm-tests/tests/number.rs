//! `readmark::text::number::parse_f64` in the browser: the engine's `parseFloat` behind
//! the grammar check must give bit for bit what `str::parse::<f64>` gives (Chromium and
//! Firefox), including hard rounding cases, so `srcset` picks the same candidate as the CLI.
#![cfg(target_arch = "wasm32")]

use readmark::text::number::parse_f64;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn parse_f64_equals_from_str() {
    let mut cases: Vec<String> = [
        "1",
        "1.5",
        "2.",
        ".25",
        "+3",
        "-0",
        "0",
        "800",
        "1920",
        "1e3",
        "1E+3",
        "2.5e-2",
        "0.1",
        "0.3",
        "123456789012345678901234567890",
        "9007199254740993",
        "9007199254740992.5",
        "2.2250738585072011e-308",
        "2.2250738585072014e-308",
        "4.9e-324",
        "2.4703282292062327e-324",
        "2.4703282292062328e-324",
        "1.7976931348623157e308",
        "1.7976931348623158e308",
        "1.7976931348623159e308",
        "1e400",
        "-1e-400",
        "0.000000000000000000000000000001",
        "7.0420557077594588669468784357561207962098443483187940792729600000e-45",
        "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124",
        "1.00000000000000011102230246251565404236316680908203126",
        "inf",
        "-Infinity",
        "NaN",
        "",
        ".",
        "e5",
        "1e",
        "1.5x",
        " 1",
        "0x10",
        "1_0",
        "Infinity5",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // A few mantissas with exponents across the range (fast and slow paths).
    for m in ["1", "3", "5.5", "12345.6789", "9999999999999999"] {
        for e in (-330..=310).step_by(7) {
            cases.push(format!("{m}e{e}"));
        }
    }
    for s in &cases {
        let a = parse_f64(s);
        let b = s.parse::<f64>().ok();
        match (a, b) {
            (Some(x), Some(y)) if x.is_nan() => assert!(y.is_nan(), "{s:?}"),
            _ => assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits), "{s:?}"),
        }
    }
}
