//! STUB
pub fn article(
    _d: &crate::dom::Doc,
    _m: crate::meta::Meta,
    _s: &crate::extract::Selection,
    _o: &crate::Options,
) -> Result<crate::Article, crate::Error> {
    Err(crate::Error::NoContent)
}
