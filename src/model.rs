//! The typed Article model: the single source of truth for every output.
//!
//! Page HTML never reaches a renderer. Extraction turns the chosen DOM subtree into these
//! blocks and inlines; the reader HTML, Markdown, JSON and plain text are all rendered from
//! here. Whatever the model cannot express is not shown, which makes sanitising an
//! allowlist by construction (see `DESIGN.md`, security model).
//!
//! Nesting (lists in quotes in list items …) is capped while the model is built
//! (`Limits::max_model_depth`), so renderers may walk it recursively without risk to the
//! 1 MiB wasm32 stack.

use serde::{Deserialize, Serialize};

/// Version tag written into every JSON export (`"schema": "readmark/1"`).
pub const JSON_SCHEMA: &str = "readmark/1";

/// Text direction of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dir {
    Ltr,
    Rtl,
}

impl Dir {
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Ltr => "ltr",
            Dir::Rtl => "rtl",
        }
    }
}

/// An extracted article: metadata plus typed content blocks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Canonical URL (absolute), else the URL the page was read from.
    pub url: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    /// ISO 8601 (`2024-06-17T07:24:00+08:00`, or a bare date when only the date is known).
    pub published: Option<String>,
    pub modified: Option<String>,
    pub site_name: Option<String>,
    /// BCP 47 language tag as declared by the page (or inferred from the script).
    pub lang: Option<String>,
    pub dir: Option<Dir>,
    pub excerpt: Option<String>,
    /// Lead image, absolute URL.
    pub image: Option<String>,
    /// Words, where each CJK character counts as one word (script-aware).
    pub word_count: usize,
    /// Estimated reading time in whole minutes (at least 1 for non-empty articles).
    pub reading_minutes: u32,
    pub blocks: Vec<Block>,
    /// Blocks dropped during cleaning, with the reason (filled when `Options::explain`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<Removed>,
}

/// A dropped piece of content and why it was dropped (`--explain`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Removed {
    pub reason: String,
    pub text: String,
}

/// A block-level piece of content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// `level` is 1..=6.
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph {
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        /// Start number of an ordered list when it is not 1.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        start: Option<u32>,
        items: Vec<ListItem>,
    },
    Table(Table),
    /// Preformatted code; `lang` from `language-x`/`lang-x` classes or `data-lang`.
    Code {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lang: Option<String>,
        text: String,
    },
    Figure {
        images: Vec<Image>,
        caption: Vec<Inline>,
    },
    Quote {
        blocks: Vec<Block>,
    },
    /// TeX source; display math.
    Math {
        tex: String,
    },
    /// A footnote definition (`id` as used by `Inline::FootnoteRef`).
    Footnote {
        id: String,
        blocks: Vec<Block>,
    },
    Rule,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub caption: Vec<Inline>,
    /// Header row (from `<thead>` or a first row of `<th>`); may be empty.
    pub head: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub content: Vec<Inline>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    /// Absolute http(s) URL, or a `data:image/...` raster URL.
    pub src: String,
    #[serde(default)]
    pub alt: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// Inline content. Text is stored unescaped; every renderer escapes for its own syntax.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Inline {
    Text {
        text: String,
    },
    Emphasis {
        content: Vec<Inline>,
    },
    Strong {
        content: Vec<Inline>,
    },
    Strike {
        content: Vec<Inline>,
    },
    Superscript {
        content: Vec<Inline>,
    },
    Subscript {
        content: Vec<Inline>,
    },
    Code {
        text: String,
    },
    /// `href` is absolute and allowlisted (http, https, mailto) or a `#fragment`.
    Link {
        href: String,
        content: Vec<Inline>,
    },
    Image(Image),
    /// Inline TeX.
    Math {
        tex: String,
    },
    FootnoteRef {
        id: String,
    },
    LineBreak,
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }
}
