//! JSON export (`"schema": "readmark/1"`), documented in `docs/json-schema.md`.
//!
//! The top-level object has a fixed key order (`schema`, `url`, `title`, `author`,
//! `published`, `modified`, `site_name`, `lang`, `dir`, `excerpt`, `image`, `word_count`,
//! `reading_minutes`, `text`, `blocks`, then `removed` only when non-empty). Absent values
//! are `null`. The order comes from the declaration order of a `Serialize` struct, so
//! [`to_json`] keeps it; [`to_json_value`] returns a `serde_json::Value`, whose object map
//! is sorted by key unless serde_json's `preserve_order` feature is on.

use serde::Serialize;

use crate::model::{Block, Dir, Removed, JSON_SCHEMA};
use crate::render::text::to_text;
use crate::Article;

#[derive(Serialize)]
struct JsonArticle<'a> {
    schema: &'static str,
    url: Option<&'a str>,
    title: Option<&'a str>,
    author: Option<&'a str>,
    published: Option<&'a str>,
    modified: Option<&'a str>,
    site_name: Option<&'a str>,
    lang: Option<&'a str>,
    dir: Option<Dir>,
    excerpt: Option<&'a str>,
    image: Option<&'a str>,
    word_count: usize,
    reading_minutes: u32,
    text: String,
    blocks: &'a [Block],
    #[serde(skip_serializing_if = "<[Removed]>::is_empty")]
    removed: &'a [Removed],
}

impl<'a> JsonArticle<'a> {
    fn new(a: &'a Article) -> Self {
        JsonArticle {
            schema: JSON_SCHEMA,
            url: a.url.as_deref(),
            title: a.title.as_deref(),
            author: a.author.as_deref(),
            published: a.published.as_deref(),
            modified: a.modified.as_deref(),
            site_name: a.site_name.as_deref(),
            lang: a.lang.as_deref(),
            dir: a.dir,
            excerpt: a.excerpt.as_deref(),
            image: a.image.as_deref(),
            word_count: a.word_count,
            reading_minutes: a.reading_minutes,
            text: to_text(a),
            blocks: &a.blocks,
            removed: &a.removed,
        }
    }
}

/// The export as a JSON value (object keys sorted unless `preserve_order` is enabled; use
/// [`to_json`] for the documented key order).
pub fn to_json_value(a: &Article) -> serde_json::Value {
    // Serialising plain structs, strings and numbers cannot fail.
    serde_json::to_value(JsonArticle::new(a)).unwrap_or(serde_json::Value::Null)
}

/// The export as pretty-printed JSON with the documented key order and a trailing newline.
pub fn to_json(a: &Article) -> String {
    let mut s =
        serde_json::to_string_pretty(&JsonArticle::new(a)).unwrap_or_else(|_| String::from("null"));
    s.push('\n');
    s
}

/// The export on one line (the same members in the same order, no indentation): what the
/// browser read hands to JavaScript, which parses it (a third fewer bytes to transcode and
/// parse on a typical article); the extension writes the export with
/// `JSON.stringify(article, null, 2)`, which gives [`to_json`]'s text back.
pub fn to_json_compact(a: &Article) -> String {
    serde_json::to_string(&JsonArticle::new(a)).unwrap_or_else(|_| String::from("null"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Image, Inline, ListItem};
    use serde_json::json;

    const KEYS: [&str; 15] = [
        "schema",
        "url",
        "title",
        "author",
        "published",
        "modified",
        "site_name",
        "lang",
        "dir",
        "excerpt",
        "image",
        "word_count",
        "reading_minutes",
        "text",
        "blocks",
    ];

    /// Top-level keys in document order (pretty printing puts them at two spaces).
    fn top_keys(s: &str) -> Vec<String> {
        s.lines()
            .filter_map(|l| l.strip_prefix("  \""))
            .filter_map(|l| l.split_once('"').map(|(k, _)| k.to_string()))
            .collect()
    }

    #[test]
    fn empty_article_key_order_and_nulls() {
        let s = to_json(&Article::default());
        assert!(s.ends_with("}\n") && !s.ends_with("\n\n"));
        assert_eq!(top_keys(&s), KEYS);
        let v: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
        assert_eq!(v["schema"], "readmark/1");
        for k in [
            "url",
            "title",
            "author",
            "published",
            "modified",
            "site_name",
        ] {
            assert!(v[k].is_null(), "{k}");
        }
        for k in ["lang", "dir", "excerpt", "image"] {
            assert!(v[k].is_null(), "{k}");
        }
        assert_eq!(v["word_count"], 0);
        assert_eq!(v["reading_minutes"], 0);
        assert_eq!(v["text"], "");
        assert_eq!(v["blocks"], json!([]));
        assert!(v.get("removed").is_none());
        assert_eq!(to_json_value(&Article::default()), v);
    }

    #[test]
    fn full_article_values_and_removed() {
        let a = Article {
            url: Some("https://e.com/a".into()),
            title: Some("T \"q\"".into()),
            author: Some("A".into()),
            published: Some("2024-06-17".into()),
            modified: None,
            site_name: Some("S".into()),
            lang: Some("he".into()),
            dir: Some(Dir::Rtl),
            excerpt: Some("E".into()),
            image: Some("https://e.com/i.png".into()),
            word_count: 3,
            reading_minutes: 1,
            blocks: vec![
                Block::Paragraph {
                    content: vec![
                        Inline::text("Hello "),
                        Inline::Strong {
                            content: vec![Inline::text("world")],
                        },
                    ],
                },
                Block::List {
                    ordered: false,
                    start: None,
                    items: vec![ListItem {
                        blocks: vec![Block::Figure {
                            images: vec![Image {
                                src: "https://e.com/i.png".into(),
                                alt: "alt".into(),
                                title: None,
                            }],
                            caption: vec![],
                        }],
                    }],
                },
            ],
            removed: vec![Removed {
                reason: "share-bar".into(),
                text: "Share".into(),
            }],
        };
        let s = to_json(&a);
        let mut keys = KEYS.map(String::from).to_vec();
        keys.push("removed".into());
        assert_eq!(top_keys(&s), keys);
        let v = to_json_value(&a);
        assert_eq!(v["title"], "T \"q\"");
        assert_eq!(v["dir"], "rtl");
        assert!(v["modified"].is_null());
        assert_eq!(v["text"], "Hello world");
        assert_eq!(
            v["blocks"][0],
            json!({"type": "paragraph", "content": [
                {"type": "text", "text": "Hello "},
                {"type": "strong", "content": [{"type": "text", "text": "world"}]}
            ]})
        );
        assert_eq!(
            v["blocks"][1],
            json!({"type": "list", "ordered": false, "items": [{"blocks": [
                {"type": "figure", "images": [{"src": "https://e.com/i.png", "alt": "alt"}], "caption": []}
            ]}]})
        );
        assert_eq!(
            v["removed"],
            json!([{"reason": "share-bar", "text": "Share"}])
        );
        // Blocks round-trip through the model's Deserialize.
        let back: Vec<Block> = serde_json::from_value(v["blocks"].clone()).expect("blocks");
        assert_eq!(back, a.blocks);
    }

    #[test]
    fn hostile_text_is_json_escaped() {
        let a = Article {
            title: Some("</script><script>\"\\\u{2028}\u{0}".into()),
            ..Article::default()
        };
        let s = to_json(&a);
        let v: serde_json::Value = serde_json::from_str(&s).expect("valid JSON");
        assert_eq!(v["title"], "</script><script>\"\\\u{2028}\u{0}");
        assert!(s.contains("\\u0000"));
    }
}
