//! Typed errors. Bad input (huge, deep, malformed or hostile pages) yields one of these,
//! never a panic: the caller (CLI, content script) shows one clear line and moves on.

use std::fmt;

/// Why a page could not be turned into an article.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than `Limits::max_input_bytes`.
    InputTooLarge { bytes: usize, limit: usize },
    /// The parsed document has more elements than `Limits::max_elements`.
    TooManyElements { count: usize, limit: usize },
    /// Extraction used more than `Limits::work_budget` units of work.
    WorkBudgetExceeded { limit: u64 },
    /// Nothing that looks like readable content was found.
    NoContent,
    /// The base URL given by the caller is not a valid absolute URL.
    InvalidUrl(String),
    /// The bytes could not be decoded as text.
    Decode(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InputTooLarge { bytes, limit } => {
                write!(f, "input is {bytes} bytes, over the limit of {limit} bytes")
            }
            Error::TooManyElements { count, limit } => {
                write!(f, "page has {count} elements, over the limit of {limit}")
            }
            Error::WorkBudgetExceeded { limit } => {
                write!(f, "extraction exceeded its work budget of {limit} units")
            }
            Error::NoContent => write!(f, "no readable content found"),
            Error::InvalidUrl(u) => write!(f, "invalid URL: {u}"),
            Error::Decode(m) => write!(f, "cannot decode input: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// A stable machine-readable code, used in JSON error output and by the wasm glue.
    pub fn code(&self) -> &'static str {
        match self {
            Error::InputTooLarge { .. } => "input_too_large",
            Error::TooManyElements { .. } => "too_many_elements",
            Error::WorkBudgetExceeded { .. } => "work_budget_exceeded",
            Error::NoContent => "no_content",
            Error::InvalidUrl(_) => "invalid_url",
            Error::Decode(_) => "decode",
        }
    }
}
