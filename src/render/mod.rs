//! Renderers of the [`crate::model::Article`]: each output format is a pure function of
//! the model, and each escapes text for its own syntax.

pub mod html;
pub mod json;
pub mod markdown;
mod punct;
pub mod text;

pub use html::{to_reader_document, to_reader_html};
pub use json::{to_json, to_json_compact, to_json_value};
pub use markdown::{to_markdown, MarkdownOptions};
pub use text::to_text;
