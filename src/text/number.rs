//! Decimal numbers in page attributes (`srcset` descriptors), parsed as `str::parse::<f64>`
//! parses them, without linking Rust's float parser into the WebAssembly module.
//!
//! `core`'s correctly rounded decimal → `f64` conversion brings a 10 KB table of powers of
//! five plus its code (≈ 12 KB gzip) into the module for one caller. In the browser the
//! engine's own `parseFloat` is just as correctly rounded, so on wasm32 the string is
//! checked against exactly the grammar that `f64::from_str` accepts (below), the special
//! values are handled here, and the digits go to `parseFloat`; natively it is
//! `str::parse`. The grammar check is tested against `str::parse` on every target.

/// `s` as `s.parse::<f64>().ok()` reads it.
pub fn parse_f64(s: &str) -> Option<f64> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        s.parse::<f64>().ok()
    }
    #[cfg(target_arch = "wasm32")]
    {
        match syntax(s)? {
            Syntax::Number => Some(js_sys::Number::parse_float(s)),
            Syntax::Infinity { negative: false } => Some(f64::INFINITY),
            Syntax::Infinity { negative: true } => Some(f64::NEG_INFINITY),
            Syntax::NaN => Some(f64::NAN),
        }
    }
}

/// What a string that `f64::from_str` accepts stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Digits: `Number` below, with its sign.
    Number,
    Infinity {
        negative: bool,
    },
    NaN,
}

/// Which kind of value `s` is, if `f64::from_str` accepts it. Its grammar (case-insensitive):
///
/// ```text
/// Float  ::= Sign? ( 'inf' | 'infinity' | 'nan' | Number )
/// Number ::= ( Digit+ | Digit+ '.' Digit* | Digit* '.' Digit+ ) Exp?
/// Exp    ::= 'e' Sign? Digit+
/// Sign   ::= [+-]
/// ```
pub fn syntax(s: &str) -> Option<Syntax> {
    let b = s.as_bytes();
    let (negative, rest) = match b.first() {
        Some(b'-') => (true, &b[1..]),
        Some(b'+') => (false, &b[1..]),
        _ => (false, b),
    };
    if rest.eq_ignore_ascii_case(b"inf") || rest.eq_ignore_ascii_case(b"infinity") {
        return Some(Syntax::Infinity { negative });
    }
    if rest.eq_ignore_ascii_case(b"nan") {
        return Some(Syntax::NaN);
    }
    let digits = |from: usize| {
        rest[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let int = digits(0);
    let mut i = int;
    let mut frac = 0;
    if rest.get(i) == Some(&b'.') {
        frac = digits(i + 1);
        i += 1 + frac;
    }
    if int + frac == 0 {
        return None;
    }
    if matches!(rest.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(rest.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let exp = digits(i);
        if exp == 0 {
            return None;
        }
        i += exp;
    }
    (i == rest.len()).then_some(Syntax::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string over a small alphabet up to a length, plus hand-picked ones: the
    /// grammar check accepts exactly what `str::parse::<f64>` accepts, and the special
    /// values are read alike.
    #[test]
    fn syntax_is_exactly_what_from_str_accepts() {
        let alphabet = [
            "", "1", "0", "9", ".", "e", "E", "+", "-", "x", " ", "i", "n",
        ];
        let mut cases: Vec<String> = vec![String::new()];
        let mut frontier = cases.clone();
        for _ in 0..5 {
            let mut next = Vec::new();
            for s in &frontier {
                for a in &alphabet[1..] {
                    next.push(format!("{s}{a}"));
                }
            }
            cases.extend(next.iter().cloned());
            frontier = next;
        }
        for s in [
            "inf",
            "INF",
            "-Infinity",
            "+infinity",
            "infinit",
            "infinityy",
            "NaN",
            "-nan",
            "+NAN",
            "nana",
            "1.5x",
            "1.5",
            "800",
            "2.",
            ".25",
            "1e400",
            "-1e-400",
            "00012.5000e+0003",
            "１",
            "1_000",
            "0x10",
            "٣",
        ] {
            cases.push(s.to_string());
        }
        assert!(cases.len() > 250_000);
        for s in &cases {
            let parsed = s.parse::<f64>();
            assert_eq!(syntax(s).is_some(), parsed.is_ok(), "{s:?}");
            match (syntax(s), parsed) {
                (Some(Syntax::Infinity { negative }), Ok(v)) => {
                    assert!(v.is_infinite() && v.is_sign_negative() == negative, "{s:?}")
                }
                (Some(Syntax::NaN), Ok(v)) => assert!(v.is_nan(), "{s:?}"),
                (Some(Syntax::Number), Ok(v)) => assert!(!v.is_nan(), "{s:?}"),
                _ => {}
            }
        }
    }

    #[test]
    fn parses_like_from_str() {
        for s in ["1.5", "800", "2x", "", "inf", "-0", "1e3"] {
            let a = parse_f64(s);
            let b = s.parse::<f64>().ok();
            assert_eq!(a.map(f64::to_bits), b.map(f64::to_bits), "{s:?}");
        }
    }
}
