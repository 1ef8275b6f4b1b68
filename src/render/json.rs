//! STUB
pub fn to_json_value(_a: &crate::Article) -> serde_json::Value {
    serde_json::Value::Null
}
pub fn to_json(a: &crate::Article) -> String {
    to_json_value(a).to_string()
}
