//! STUB
pub fn to_text(_a: &crate::Article) -> String {
    String::new()
}
