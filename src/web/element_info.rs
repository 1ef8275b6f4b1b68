//! One JS↔WASM crossing per node: what the snapshot needs to know about a node (its
//! type; an element's facts; a text's data), read in JavaScript and handed over as one
//! string.
//!
//! Why: reading an element through `web-sys` cost 8–15 crossings (`localName`,
//! `namespaceURI`, `checkVisibility`, `getAttributeNames`, one `getAttribute` per
//! attribute, `shadowRoot`, …), each string transcoded UTF-16 → UTF-8 on its own; in the
//! browser profile those crossings were about half of `readPage`. The helper below
//! returns the same facts in one string; the walk itself (order, shadow roots, slots,
//! limits, what is written) stays in Rust (`super::snapshot`), so the WebAssembly and
//! wasm2js engines still share one code path.
//!
//! Format: `<` and the element's facts, `#` and a text's data, or nothing (other nodes).
//! An element's facts are fields separated by U+0000 (which no element or attribute name contains):
//! local name, `1`/`0` (HTML namespace), visibility (`-` not asked, `v` visible, `h`
//! reported invisible, `?` no `checkVisibility`), `s`/`-` (open shadow root), then name,
//! value for each attribute. A U+0000 inside a value becomes U+FFFD, which is what the
//! core's HTML parser makes of it anyway.

use wasm_bindgen::prelude::*;
use web_sys::Node;

#[wasm_bindgen(inline_js = r#"
export function readmarkElementInfo(el, check, opts) {
  let v = '-';
  if (check) v = typeof el.checkVisibility !== 'function' ? '?' : el.checkVisibility(opts) ? 'v' : 'h';
  let s = el.localName + '\0' + (el.namespaceURI === 'http://www.w3.org/1999/xhtml' ? '1' : '0') +
    '\0' + v + '\0' + (el.shadowRoot ? 's' : '-');
  const a = el.attributes;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    s += '\0' + x.name + '\0' + x.value.replaceAll('\0', '\uFFFD');
  }
  return s;
}
export function readmarkNodeInfo(node, check, opts) {
  const t = node.nodeType;
  if (t === 1) return '<' + readmarkElementInfo(node, check, opts);
  if (t === 3 || t === 4) return '#' + node.nodeValue;
  return '';
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = readmarkNodeInfo)]
    fn node_info(node: &Node, check: bool, opts: &JsValue) -> String;
}

/// What one node of the walk is, read in one crossing (its `nodeType` folded in).
#[derive(Debug)]
pub enum NodeInfo {
    Element(ElementInfo),
    /// A text or CDATA node and its data.
    Text(String),
    /// Comments, processing instructions: nothing the core reads.
    Other,
}

impl NodeInfo {
    /// Read `node`; `check`: for an element, also ask `checkVisibility(opts)`.
    pub fn read(node: &Node, check: bool, opts: &JsValue) -> NodeInfo {
        let mut raw = node_info(node, check, opts);
        match raw.as_bytes().first() {
            Some(b'<') => {
                raw.remove(0);
                NodeInfo::Element(ElementInfo::parse(raw))
            }
            Some(b'#') => {
                raw.remove(0);
                NodeInfo::Text(raw)
            }
            _ => NodeInfo::Other,
        }
    }
}

/// Visibility as `checkVisibility()` reported it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Not asked (inside `<head>`, a hidden subtree, or checks off).
    NotAsked,
    Visible,
    /// `checkVisibility()` said invisible: confirm with the computed style.
    Invisible,
    /// No `checkVisibility()` in this engine: the computed style decides.
    Unknown,
}

/// The facts of one element (views into the one string they came in).
#[derive(Debug)]
pub struct ElementInfo {
    raw: String,
    local_end: usize,
    pub html_ns: bool,
    pub visibility: Visibility,
    pub shadow_root: bool,
}

impl ElementInfo {
    fn parse(raw: String) -> ElementInfo {
        let mut it = raw.split('\0');
        let local_end = it.next().map_or(0, str::len);
        let html_ns = it.next() == Some("1");
        let visibility = match it.next() {
            Some("v") => Visibility::Visible,
            Some("h") => Visibility::Invisible,
            Some("?") => Visibility::Unknown,
            _ => Visibility::NotAsked,
        };
        let shadow_root = it.next() == Some("s");
        ElementInfo {
            raw,
            local_end,
            html_ns,
            visibility,
            shadow_root,
        }
    }

    pub fn local_name(&self) -> &str {
        &self.raw[..self.local_end]
    }

    /// (name, value) of every attribute, in DOM order.
    pub fn attrs(&self) -> impl Iterator<Item = (&str, &str)> {
        // `local \0 n \0 v \0 s` is 6 bytes longer than the name; attributes follow a \0.
        let has_attrs = self.raw.len() > self.local_end + 6;
        let mut it = has_attrs
            .then(|| self.raw[self.local_end + 7..].split('\0'))
            .into_iter()
            .flatten();
        std::iter::from_fn(move || {
            let name = it.next()?;
            let value = it.next()?;
            Some((name, value))
        })
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs().find(|&(n, _)| n == name).map(|(_, v)| v)
    }
}
