//! STUB
pub fn decode_html(bytes: &[u8], _ct: Option<&str>) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}
