//! Explicit resource limits. Every page is untrusted: these bound memory and time, and
//! crossing one returns a typed [`crate::Error`] instead of trapping or hanging.

/// Limits applied to one extraction. The defaults suit any real page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest accepted input, in bytes of (decoded) HTML.
    pub max_input_bytes: usize,
    /// Largest accepted number of elements after parsing.
    pub max_elements: usize,
    /// Elements deeper than this are flattened into their ancestor at this depth, as
    /// browsers do for very deep trees (Blink and Gecko cap around 512).
    pub max_depth: usize,
    /// Nesting cap of the Article model (lists/quotes inside each other); deeper
    /// content is flattened into paragraphs.
    pub max_model_depth: usize,
    /// Upper bound on units of work (roughly node visits) for the whole pipeline.
    pub work_budget: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 64 * 1024 * 1024,
            max_elements: 2_000_000,
            max_depth: 512,
            max_model_depth: 12,
            work_budget: 200_000_000,
        }
    }
}
