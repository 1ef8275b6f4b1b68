//! STUB
#[derive(Debug, Default)]
pub struct Meta;
pub fn collect(_d: &crate::dom::Doc) -> Meta {
    Meta
}
