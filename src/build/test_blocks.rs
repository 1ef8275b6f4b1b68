//! Block and inline constructors shared by the unit tests of the post-processing passes
//! (`inserts`, `tail`), so that each test module states only what it checks.

use crate::model::{Block, Inline};

/// A text run.
pub fn t(s: &str) -> Inline {
    Inline::Text { text: s.into() }
}

/// A link to another story, with `s` as its text.
pub fn link(s: &str) -> Inline {
    Inline::Link {
        href: "https://x.test/other".into(),
        content: vec![t(s)],
    }
}

/// A paragraph of `content`.
pub fn p(content: Vec<Inline>) -> Block {
    Block::Paragraph { content }
}
