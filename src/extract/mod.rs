//! STUB
#[derive(Debug)]
pub struct Selection;
pub fn select(
    _d: &crate::dom::Doc,
    _m: &crate::meta::Meta,
    _l: &crate::Limits,
) -> Result<Selection, crate::Error> {
    Ok(Selection)
}
