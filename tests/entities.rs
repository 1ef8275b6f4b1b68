//! The patched entity table (vendor/web_atoms, see vendor/README.md) answers exactly as
//! the published crate's `phf::Map` did, which held every entity name and every proper
//! prefix of one (prefixes mapping to `(0, 0)`), plus `""`.
//!
//! The reference map is rebuilt here from the same source list the crate's build script
//! reads (`vendor/web_atoms/entities.rs`, the WHATWG table) by the published build
//! script's rule, and every key of it, and a set of strings that are no key, is looked
//! up. Then a few character references go through the real parser.

use std::collections::BTreeMap;

use html5ever::data::NAMED_ENTITIES;

#[allow(dead_code)]
mod source {
    include!("../vendor/web_atoms/entities.rs");
}

/// The published crate's map: names without `&`, then every missing prefix → `(0, 0)`.
fn reference() -> BTreeMap<String, (u32, u32)> {
    let mut map: BTreeMap<String, (u32, u32)> = source::NAMED_ENTITIES
        .iter()
        .map(|&(name, a, b)| (name[1..].to_string(), (a, b)))
        .collect();
    for key in map.keys().cloned().collect::<Vec<_>>() {
        for n in 1..key.len() {
            map.entry(key[..n].to_string()).or_insert((0, 0));
        }
    }
    map.insert(String::new(), (0, 0));
    map
}

#[test]
fn every_key_of_the_published_map_answers_the_same() {
    let map = reference();
    assert_eq!(map.len(), 9854, "the published map's size");
    assert_eq!(NAMED_ENTITIES.len(), 2231);
    for (key, value) in &map {
        assert_eq!(NAMED_ENTITIES.get(key), Some(value), "key {key:?}");
    }
}

#[test]
fn strings_that_are_no_key_are_not_found() {
    let map = reference();
    // Every key with one more character (ASCII letters, digits, ';' and a few others)
    // that the map does not hold, around the start and the end of the table too.
    let extra: Vec<char> = ('0'..='9')
        .chain('A'..='Z')
        .chain('a'..='z')
        .chain([';', '&', '#', ' ', '~', '\u{0}', 'é'])
        .collect();
    let mut checked = 0;
    for key in map.keys() {
        for &c in &extra {
            let probe = format!("{key}{c}");
            if !map.contains_key(&probe) {
                assert_eq!(NAMED_ENTITIES.get(&probe), None, "probe {probe:?}");
                checked += 1;
            }
        }
    }
    assert!(checked > 500_000, "{checked}");
    for probe in ["0", "~", "zzzz", "\u{10ffff}", "AElig;;", "amp;amp"] {
        assert_eq!(NAMED_ENTITIES.get(probe), map.get(probe), "probe {probe:?}");
    }
}

#[test]
fn character_references_parse_as_before() {
    // Longest match, prefixes that stop matching, legacy names without ';', two code
    // points, attribute values (`&notit` stays as it is there), unknown names.
    let html = "<p id=x>&notit; &notin; &amp &ampx; &AMP; &nbsp;|&NotEqualTilde; \
                &lt&gt &rdqu &fjlig; &zwnj;. <a href='?a=1&notit=2&copy=3'>l</a></p>";
    let doc = scraper::Html::parse_document(html);
    let p = doc
        .select(&scraper::Selector::parse("p").expect("selector"))
        .next()
        .expect("p");
    let text: String = p.text().collect();
    assert_eq!(
        text,
        "¬it; ∉ & &x; & \u{a0}|≂\u{338} <> &rdqu fj \u{200c}. l"
    );
    let a = doc
        .select(&scraper::Selector::parse("a").expect("selector"))
        .next()
        .expect("a");
    assert_eq!(a.value().attr("href"), Some("?a=1&notit=2&copy=3"));
}
