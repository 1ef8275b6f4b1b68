//! STUB
pub fn to_reader_html(_a: &crate::Article) -> String {
    String::new()
}
