//! Writing the snapshot as HTML that html5ever parses back into the same tree.
//!
//! The snapshot is parsed only by the core (never rendered), but the page controls every
//! name and text in it, so the writer follows the HTML serialization rules closely enough
//! that page content cannot change the structure the core sees: text is escaped, raw-text
//! elements cannot be closed early by their own content, odd element and attribute names
//! are replaced or dropped, and `<plaintext>` (which has no end tag) is written as `<pre>`.

use std::borrow::Cow;

/// Elements without an end tag.
pub const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "param", "keygen", "frame", "basefont", "bgsound",
];

pub fn is_void(tag: &str) -> bool {
    VOID.contains(&tag)
}

/// Elements whose text children are written unescaped (the HTML parser reads them as raw
/// text). Not `noscript`: the walk hands over its content parsed, as the core's parser
/// (scripting off) reads it (see [`super::dom_walk`]).
pub const RAW_TEXT: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes"];

pub fn is_raw_text(tag: &str) -> bool {
    RAW_TEXT.contains(&tag)
}

/// Elements the browser never renders: they are not checked for visibility (they would
/// all count as hidden) and are left for the core to handle.
pub const UNRENDERED: &[&str] = &[
    "head", "title", "meta", "link", "base", "script", "style", "noscript", "template", "source",
    "track", "param", "area", "map", "wbr", "br",
];

pub fn is_unrendered(tag: &str) -> bool {
    UNRENDERED.contains(&tag)
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.')
}

/// A tag name safe to write: the element's local name when it is a plain name, else `span`.
pub fn tag_name(local: &str) -> Cow<'_, str> {
    let ok =
        local.starts_with(|c: char| c.is_ascii_alphabetic()) && local.chars().all(is_name_char);
    if !ok {
        return Cow::Borrowed("span");
    }
    // Borrowed when already lower case (every HTML element): one per element, twice a read.
    let lower = if local.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(local.to_ascii_lowercase())
    } else {
        Cow::Borrowed(local)
    };
    if lower == "plaintext" {
        return Cow::Borrowed("pre");
    }
    lower
}

/// Attribute names worth writing: plain names only, and no event handlers.
pub fn keep_attr_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().all(is_name_char)
        && !name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("on"))
}

pub fn push_text_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

pub fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out.push('"');
}

/// Raw text of `tag`, made unable to end its element early: every `</tag`
/// (ASCII case-insensitive) becomes `<\/tag`. `<style>` text is dropped (the core does
/// not read it), as is the text of scripts other than JSON-LD (which feeds the metadata)
/// and TeX ([`crate::dom::script_text_is_read`]; other scripts and JSON — framework
/// state, often the largest text of a page — are never read, so the walk does not hand
/// them over either).
pub fn push_raw_text(out: &mut String, tag: &str, script_type: Option<&str>, s: &str) {
    match tag {
        "style" => return,
        "script" if !script_type.is_some_and(crate::dom::script_text_is_read) => return,
        _ => {}
    }
    let needle = format!("</{tag}");
    let bytes = s.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while i + needle.len() <= bytes.len() {
        if bytes[i] == b'<' && bytes[i..i + needle.len()].eq_ignore_ascii_case(needle.as_bytes()) {
            out.push_str(&s[last..i]);
            out.push_str("<\\/");
            last = i + 2;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out.push_str(&s[last..]);
}
