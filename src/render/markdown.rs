//! STUB
use crate::Article;
#[derive(Debug, Clone, Default)]
pub struct MarkdownOptions {
    pub front_matter: bool,
}
pub fn to_markdown(_a: &Article, _o: &MarkdownOptions) -> String {
    String::new()
}
