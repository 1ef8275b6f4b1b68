//! The walk over the live DOM, done in JavaScript in one call, and the decoder of what it
//! hands over.
//!
//! Why: reading the page node by node through `web-sys` costs at least one JS↔WASM
//! crossing per node (plus `firstChild`/`nextSibling` per node and the transcoding of every
//! string on its own); in the browser profile that made the snapshot cost more than the
//! extraction. Here one JavaScript function walks the composed tree (open shadow roots,
//! slots, CSS visibility, the selection, `currentSrc`) and returns one compact encoding;
//! the module receives it in one crossing and [`super::snapshot`] writes the HTML from it.
//! What is written (names, attributes, escaping, raw text) and every limit stay in Rust.
//! Unless the HTML is wanted, only the attributes the core's arena reads are handed over
//! (most of a page's attribute bytes are styles, handlers, ARIA and framework state).
//!
//! The walk is iterative (an explicit stack: a script-built DOM 20,000 levels deep must not
//! exhaust the JS stack either). It stops after `maxElements + 1` elements (the decoder
//! then reports [`super::snapshot::SnapshotError::TooManyElements`] at the same element as
//! a node-by-node walk would) and once the strings it has collected exceed `maxUnits`
//! UTF-16 code units (op [`OP_TRUNCATED`]: the HTML is then too large). An interned string
//! counts every time it is used, as it is every time in the text the core builds; empty
//! text is not handed over, so every op that adds to the page adds to the count.
//!
//! # Encoding
//! `[strings, ops]`: `strings` is every string of the walk, each followed by U+0000 (so a
//! surrogate pair can never be formed across two strings); `ops` is a `Uint32Array`. Each
//! string is announced in `ops` by its length in UTF-16 code units (lengths, not a
//! separator, because text may contain U+0000). Element and attribute names, and text
//! nodes of at most 32 units of white space, are interned: the first time such a string
//! is announced as [`STR_NEW_INTERNED`]` | len`, which also gives it the next index of the
//! table, and every later time as [`STR_INTERNED`]` | index`, with nothing in `strings`
//! (a page repeats a few dozen names thousands of times). Bare lengths stay below
//! `2^30`: no JavaScript engine makes a longer string. Ops:
//!
//! - [`OP_ELEMENT`] `flags n len(localName) (len(name) len(value)){n} [len(currentSrc)]` —
//!   an element; `flags` are the `F_*` bits. Unless `F_VOID`, an [`OP_END`] closes it later.
//! - [`OP_TEXT`] `len(data)` — a text or CDATA node (in selection mode: its selected part).
//! - [`OP_END`] — the last open element is done.
//! - [`OP_TRUNCATED`] — the walk stopped at `maxUnits`.
//!
//! # CSS visibility
//! A whole-page read does not ask CSS during the walk: it asks afterwards about the
//! article's elements only ([`readmarkHiddenOf`](hidden_of), [`super::verify`]), so the
//! walk keeps every element it hands over by its number. A selection, and the tests'
//! snapshots, ask as they walk, as follows.
//! An element is hidden when its own computed `display` is `none` or its `visibility` is
//! `hidden`/`collapse` (its ancestors were visible: the walk does not enter hidden subtrees).
//! `getComputedStyle` decides, but it costs ~2 µs per element (a new style declaration per
//! call), so `checkVisibility({visibilityProperty, checkVisibilityCSS})` (~0.5 µs) answers
//! first: when it says visible, the computed style would say so too. It walks every
//! ancestor on each call, though (a 3,000-deep DOM: 42 ms for its elements, vs 2.5 ms of
//! computed styles, in Chromium 156), so deeper than 128 levels the computed style is asked
//! directly, and in engines without `checkVisibility` for every element.
//! Elements the core drops with their subtree ([`crate::dom::DROPPED_TAGS`]: icons in
//! `<svg>`, buttons, `<select>` lists, media …) are not checked, nor is anything inside
//! them: whatever CSS says, nothing there reaches the article. Unless everything is asked
//! for (to write the HTML), their children are not even walked (a `<script>`'s or
//! `<title>`'s text excepted: JSON-LD, TeX and the title), so they do not count towards
//! `maxElements` either.
//! `checkVisibility()` is false for `display: none`, for content skipped by
//! `content-visibility` (closed `<details>`, `hidden=until-found`), for `display: contents`
//! in some engines, and for `visibility: hidden`. Only the first and the last make text
//! unreadable to a user, so a `false` is confirmed with the element's own computed
//! `display` / `visibility`: a closed `<details>` keeps its text (as the native CLI does),
//! a `display: contents` wrapper keeps its children.
//!
//! `<noscript>` (in the HTML namespace, in an HTML document: in XHTML its text is text):
//! with scripting on, the page's parser kept its content as one text node; the walk
//! parses that text with `DOMParser` (a document without a browsing context: nothing in
//! it runs or loads, the page is not touched), so the core sees elements where its own
//! parser (scripting off) sees them — lazy-image fallbacks, server-rendered content. A
//! `DOMParser` document costs ~0.1 ms to make and pages carry dozens of tracking-pixel
//! noscripts, so all of them under the root are parsed in one document, each inside a
//! `<template>` of its own: its end tag closes whatever the content left open, and its
//! content is parsed in place, as the CLI's parser parses a noscript's content in place
//! (leading white space kept). A last, empty template
//! catches a noscript that swallowed its own end tag (an open `<textarea>`, a cut-off
//! tag). A noscript whose text names `template` or a table part (which a template would
//! parse in table modes, where the page's parser ignores them), one in a shadow tree, or
//! a batch that does not come back as one template each, is parsed alone as a document of
//! its own (the children of its `<head>` and `<body>`).
//!
//! Every DOM call counts (a page has thousands of elements, each call crosses into the
//! engine). Attributes: `el.attributes` makes an `Attr` object per attribute, which was
//! half of the walk; `getAttributeNames()` and `getAttribute` of the wanted ones only cost
//! a third of that. `shadowRoot` is asked only of the elements that can host one (custom
//! elements and the DOM standard's list of valid shadow hosts).
//!
//! Structural decisions (which tags are void, raw text, never rendered) come from the lists
//! in [`super::html_out`], passed to the walk as arguments, so JavaScript and Rust cannot
//! disagree about them; the walk maps a local name to a tag as
//! [`super::html_out::tag_name`] does.

use wasm_bindgen::prelude::*;
use web_sys::{Element, Range};

pub const OP_ELEMENT: u32 = 1;
pub const OP_TEXT: u32 = 2;
pub const OP_END: u32 = 3;
pub const OP_TRUNCATED: u32 = 4;

/// A string's announcement: a new string, also entered into the intern table.
pub const STR_NEW_INTERNED: u32 = 0x4000_0000;
/// A string's announcement: the interned string of this index (no bytes follow).
pub const STR_INTERNED: u32 = 0x8000_0000;

/// Hidden by CSS (written with `data-readmark-hidden`; its subtree is not checked further).
pub const F_HIDDEN: u32 = 1;
/// In the HTML namespace.
pub const F_HTML_NS: u32 = 2;
/// An `<img>` with a non-empty `currentSrc` (one more string follows its attributes).
pub const F_CURRENT_SRC: u32 = 4;
/// No children walked and no `OP_END` (a void element).
pub const F_VOID: u32 = 8;
/// A `<slot>`: not written; its assigned nodes (or fallback content) take its place.
pub const F_SLOT: u32 = 16;
/// Its children came from an open shadow root.
pub const F_SHADOW: u32 = 32;

#[wasm_bindgen(inline_js = r#"
const KIND_VOID = 1, KIND_RAW = 2, KIND_UNRENDERED = 4, KIND_DROPPED = 8, KIND_SHADOW_HOST = 16, KIND_HEAD_FACT = 32, CV_MAX_DEPTH = 128;
// Dropped elements whose attributes the core still reads (`dom::parse::collect_head`,
// the type of a script).
const HEAD_FACTS = 'meta link base script';
const SHADOW_HOSTS = 'article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section span';
function tagOf(cache, kinds, local) {
  let t = cache.get(local);
  if (t !== undefined) return t;
  let tag = /^[A-Za-z][A-Za-z0-9_:.\-]*$/.test(local) ? local.toLowerCase() : 'span';
  if (tag === 'plaintext') tag = 'pre';
  t = { tag, kind: kinds.get(tag) || 0 };
  cache.set(local, t);
  return t;
}
// Hidden by CSS, as the walk decides (see the module docs): `depth` is the element's depth in
// the walk; `checkVisibility()` walks every ancestor, so deep down the computed style
// alone decides.
function isHidden(win, el, depth) {
  return depth <= CV_MAX_DEPTH && typeof el.checkVisibility === 'function' && el.checkVisibility(CV_OPTS)
    ? false : computedHidden(win, el);
}
// The elements of the last walk by their number in it (`null` where the walk would not
// have asked CSS: `<head>`, dropped and unrendered elements, slots), for
// `readmarkHiddenOf`; dropped by `readmarkForgetWalk`.
let lastWalk = null;
const CV_OPTS = { visibilityProperty: true, checkVisibilityCSS: true };
export function readmarkHiddenOf(ordinals) {
  const w = lastWalk, out = [];
  if (w !== null) {
    for (let k = 0; k < ordinals.length; k++) {
      const i = ordinals[k], el = i < w.els.length ? w.els[i] : null;
      if (el && isHidden(w.win, el, w.depths[i])) out.push(i);
    }
  }
  return Uint32Array.from(out);
}
export function readmarkForgetWalk() { lastWalk = null; }
function computedHidden(win, el) {
  let st = null;
  try { st = win ? win.getComputedStyle(el) : null; } catch (e) { st = null; }
  if (!st) return false;
  if (st.getPropertyValue('display') === 'none') return true;
  const v = st.getPropertyValue('visibility');
  return v === 'hidden' || v === 'collapse';
}
function selectedText(node, r) {
  if (!r.intersectsNode(node)) return null;
  const len = node.length;
  const start = r.startContainer === node ? r.startOffset : 0;
  const end = r.endContainer === node ? r.endOffset : len;
  if (start === 0 && end >= len) return node.nodeValue;
  try { return node.substringData(start, Math.max(0, end - start)); } catch (e) { return null; }
}
export function readmarkClock() {
  return typeof performance === 'object' && performance !== null && typeof performance.now === 'function'
    ? performance.now() : Date.now();
}
// A `<noscript>`'s text parsed as a document of its own: the nodes of its head and body.
function parseOne(html) {
  if (typeof DOMParser !== 'function') return null;
  const p = new DOMParser().parseFromString(html, 'text/html');
  const nodes = [];
  for (const part of [p.head, p.body]) if (part) for (const n of part.childNodes) nodes.push(n);
  return nodes;
}
// Every `<noscript>` under `root` (light DOM) whose text holds markup, parsed in one
// `DOMParser` document, each inside a `<template>` of its own (the end tag of a template
// closes whatever its content left open, so one noscript cannot swallow the next). A text
// that names `template` itself, or a parse that does not give one template per noscript,
// is left to `parseOne`. Returns noscript → its nodes.
const XHTML_NS = 'http://www.w3.org/1999/xhtml';
// Left to `parseOne`: a template tag would end the wrapper; table parts become elements in
// a template (table modes) where the page's parser, in body, ignores them.
const TEMPLATE_UNSAFE = /<\/?(?:template|caption|colgroup|col|tbody|thead|tfoot|tr|td|th)[\s/>]/i;
function parseNoscripts(root) {
  const map = new Map();
  if (typeof DOMParser !== 'function' || typeof root.getElementsByTagName !== 'function') return map;
  const els = [], parts = [];
  for (const el of root.getElementsByTagName('noscript')) {
    if (el.childElementCount !== 0 || el.namespaceURI !== XHTML_NS) continue;
    const html = el.textContent;
    if (html === null || html.indexOf('<') < 0 || TEMPLATE_UNSAFE.test(html)) continue;
    els.push(el); parts.push('<template>', html, '</template>');
  }
  if (els.length === 0) return map;
  // A last, empty template: a noscript that swallowed its own end tag (an open
  // `<textarea>`, a cut-off tag) swallows this one too, and the count shows it.
  parts.push('<template></template>');
  const p = new DOMParser().parseFromString(parts.join(''), 'text/html');
  const ts = [];
  for (const part of [p.head, p.body]) if (part) for (const n of part.children) if (n.localName === 'template') ts.push(n);
  if (ts.length !== els.length + 1 || ts[els.length].content.childNodes.length !== 0) return map;
  for (let i = 0; i < els.length; i++) map.set(els[i], Array.from(ts[i].content.childNodes));
  return map;
}
// `readmarkWalk`'s tables of tags and attributes, and its cache of local names → tags.
let tables = null;
export function readmarkWalk(root, check, range, maxElements, maxUnits, voidTags, rawTags, unrenderedTags, droppedTags, attrNames) {
  if (range === undefined) range = null; // wasm-bindgen passes `None` as undefined
  // The tables of the lists (the same for every walk of a module: kept between walks).
  const key = [voidTags, rawTags, unrenderedTags, droppedTags, attrNames].join('|');
  if (tables === null || tables.key !== key) {
    const kinds = new Map();
    for (const [list, bit] of [[voidTags, KIND_VOID], [rawTags, KIND_RAW], [unrenderedTags, KIND_UNRENDERED]])
      for (const t of list.split(' ')) kinds.set(t, (kinds.get(t) || 0) | bit);
    for (const t of droppedTags.split(' ')) kinds.set(t, (kinds.get(t) || 0) | KIND_DROPPED);
    for (const t of SHADOW_HOSTS.split(' ')) kinds.set(t, (kinds.get(t) || 0) | KIND_SHADOW_HOST);
    for (const t of HEAD_FACTS.split(' ')) kinds.set(t, (kinds.get(t) || 0) | KIND_HEAD_FACT);
    // Only these attributes are handed over, unless all are asked for.
    const only = attrNames === '' ? null : new Set(attrNames.split(' '));
    tables = { key, kinds, only, cache: new Map() };
  }
  // Local names are the page's to make up: the cache stays bounded.
  if (tables.cache.size > 4096) tables.cache.clear();
  const { kinds, only, cache } = tables;
  const doc = root.ownerDocument;
  const win = doc ? doc.defaultView : null;
  // Only the HTML parser keeps a `<noscript>`'s content as text; in an XHTML document
  // its text is text (`&lt;p&gt;` written in the source), as the CLI reads it too.
  const noscriptAsText = !!doc && doc.contentType === 'text/html';
  // Every element handed over, by its number in the walk, and its depth (`lastWalk`).
  const els = [], depths = [];
  // `ops` in a typed array: the interned announcements (≥ 2^30) are past V8's small
  // integers, which would turn a plain array into one of boxed doubles.
  const S = [];
  // Room is made for 8 more words before each node and each attribute; every write
  // below stays within it (an op closure per word was a call per word in the
  // interpreter, where most of a page's walk runs before it is optimised).
  let ops = new Uint32Array(16384), nops = 0;
  const room = () => { const g = new Uint32Array(ops.length * 2); g.set(ops); ops = g; };
  let parsedNoscripts = null;
  let units = 0, elements = 0;
  // Every string counts towards `maxUnits`, interned or not. A length must stay below
  // 2^30 (the announcement bits); no engine the extension runs in makes such a string,
  // and a page that hands over something else (a replaced DOM method) gets an error.
  const str = (s) => {
    if (typeof s !== 'string' || s.length >= 0x40000000) throw new TypeError('readmark walk: not a string');
    S.push(s); ops[nops++] = s.length; units += s.length;
  };
  // Names and short whitespace repeat all over a page: each is handed over once, then
  // by its index in the order of first use (see the encoding in the module docs).
  const table = new Map();
  const istr = (s) => {
    const k = table.get(s);
    if (k !== undefined) { ops[nops++] = 0x80000000 + k; units += s.length; return; }
    if (typeof s !== 'string' || s.length > 256) { str(s); return; }
    table.set(s, table.size); S.push(s); ops[nops++] = 0x40000000 + s.length; units += s.length;
  };
  // A frame: the next node (light DOM, shadow root) or a list (a slot's assigned nodes).
  // `whole`: inside the open shadow root of an element the selection touches. Its nodes
  // are in another tree than the selection's range, which never intersects them: they go
  // in whole, with their host. (A `<noscript>`'s content is left out of a selection: the
  // reader never saw it.)
  const stack = [{ node: root, list: null, i: 0, unchecked: !check, off: false, inHead: false, raw: 0, whole: false }];
  while (stack.length > 0) {
    if (nops + 8 > ops.length) room();
    const top = stack[stack.length - 1];
    let node;
    if (top.list !== null) {
      node = top.i < top.list.length ? top.list[top.i++] : null;
      if (node === undefined) node = null;
    } else {
      node = top.node;
      if (node !== null) top.node = node.nextSibling;
    }
    if (node === null) {
      stack.pop();
      if (stack.length > 0) ops[nops++] = 3;
      continue;
    }
    if (units > maxUnits) { ops[nops++] = 4; break; }
    const type = node.nodeType;
    if (type === 3 || type === 4) {
      if (top.raw === 2) continue; // <style>, or a <script> that is neither JSON-LD nor TeX: never written
      let text = node.nodeValue;
      if (range !== null && !top.inHead && !top.whole) {
        text = selectedText(node, range);
        if (text === null) continue;
      }
      // Empty text makes no node; skipping it keeps every text op at least one unit long.
      if (typeof text !== 'string' || text.length === 0) continue;
      ops[nops++] = 2;
      // Short white space is interned (an optimisation only: most texts start with a
      // letter, and need no `trim`).
      const c0 = text.charCodeAt(0);
      if (text.length <= 32 && (c0 <= 32 || c0 === 160 || c0 === 0x1680 || c0 > 0x1fff) && text.trim() === '') istr(text); else str(text);
      continue;
    }
    if (type !== 1) continue;
    const el = node;
    const local = el.localName;
    const t = tagOf(cache, kinds, local), tag = t.tag, kind = t.kind;
    const inHead = top.inHead || tag === 'head';
    if (range !== null && !inHead && !top.whole && tag !== 'html' && tag !== 'body' && !range.intersectsNode(el)) continue;
    if (++elements > maxElements + 1) break;
    const htmlNs = el.namespaceURI === 'http://www.w3.org/1999/xhtml';
    let flags = htmlNs ? 2 : 0;
    const isSlot = tag === 'slot';
    // Nothing inside an element the core drops reaches the article: no CSS asked there.
    const dropped = !isSlot && (kind & KIND_DROPPED) !== 0;
    let hidden = false;
    // An element CSS may be asked about, now (unless an ancestor was hidden, or the walk
    // does not ask) or after the walk (`lastWalk`).
    const askable = !isSlot && !dropped && !top.off && !inHead && (kind & KIND_UNRENDERED) === 0;
    if (askable && !top.unchecked) {
      // checkVisibility() walks every ancestor (O(depth) per call): deep in the tree the
      // computed style alone, which decides anyway, is cheaper.
      hidden = isHidden(win, el, stack.length);
    }
    if (hidden) flags |= 1;
    const isVoid = !isSlot && (kind & KIND_VOID) !== 0;
    if (isVoid) flags |= 8;
    if (isSlot) flags |= 16;
    let src = '';
    if (!isSlot && tag === 'img' && htmlNs) { src = el.currentSrc || ''; if (src !== '') flags |= 4; }
    // Children: none for <template> (inert), nor (unless everything is asked for) for an
    // element the core drops other than a <script> or <title> (whose text it reads); else
    // an open shadow root's, a slot's assigned nodes, or the element's own.
    let first = null, list = null;
    const skipChildren = dropped && only !== null && tag !== 'script' && tag !== 'title';
    if (!isVoid && tag !== 'template' && !skipChildren) {
      // Only custom elements and these can host a shadow root (`attachShadow`).
      const shadow = (kind & KIND_SHADOW_HOST) !== 0 || local.indexOf('-') > 0 ? el.shadowRoot : null;
      if (shadow) { flags |= 32; first = shadow.firstChild; }
      else {
        if (isSlot && htmlNs) { const a = el.assignedNodes(); if (a.length > 0) list = a; }
        if (list === null) first = el.firstChild;
      }
      if (tag === 'noscript' && htmlNs && noscriptAsText && first !== null && el.childElementCount === 0) {
        if (range !== null) {
          // A selection holds what the reader saw: never a noscript's content (tracking
          // pixels, fallbacks), neither as markup nor as its text. (Its parsed nodes are
          // in another document, which a range cannot be compared with consistently.)
          first = null;
        } else {
          // With scripting on, the page's parser kept this content as text. Parse it as
          // the core's parser (scripting off) does, into a document of its own: it has no
          // browsing context, so nothing in it runs or loads, and the page is not touched.
          // All of them at once, in one document: a `DOMParser` call costs ~0.1 ms each.
          if (parsedNoscripts === null) parsedNoscripts = parseNoscripts(root);
          let nodes = parsedNoscripts.get(el);
          if (nodes === undefined) {
            const html = el.textContent;
            nodes = html !== null && html.indexOf('<') >= 0 ? parseOne(html) : null;
          }
          if (nodes !== null) { first = null; list = nodes; }
        }
      }
    }
    ops[nops++] = 1; ops[nops++] = flags;
    els.push(askable ? el : null); depths.push(stack.length);
    if (isSlot || (dropped && only !== null && (kind & KIND_HEAD_FACT) === 0)) {
      // A slot is unwrapped; an element the core drops is read for nothing but the head
      // facts of `<meta>`, `<link>`, `<base>` and a `<script>`'s type: no attributes.
      ops[nops++] = 0; istr(local);
    } else {
      // `attributes` makes an `Attr` object per attribute; most elements have none, and
      // most attributes are not wanted, so: names first, values of the wanted ones only.
      if (only === null) {
        const a = el.hasAttributes() ? el.attributes : null, n = a === null ? 0 : a.length;
        ops[nops++] = n; istr(local);
        for (let i = 0; i < n; i++) { if (nops + 8 > ops.length) room(); const x = a[i]; istr(x.name); str(x.value); }
      } else {
        const at = nops;
        ops[nops++] = 0; istr(local);
        let k = 0;
        const names = el.getAttributeNames();
        for (let i = 0; i < names.length; i++) {
          const raw = names[i];
          const name = htmlNs ? raw : raw.toLowerCase();
          if (only.has(name)) {
            let v = el.getAttribute(raw);
            if (v === null) { const x = el.attributes.getNamedItemNS(null, raw); v = x === null ? null : x.value; }
            if (v !== null) { if (nops + 8 > ops.length) room(); istr(raw); str(v); k++; }
          }
        }
        ops[at] = k;
      }
      if (src !== '') { if (nops + 8 > ops.length) room(); str(src); }
    }
    if (isVoid) continue;
    let raw = 0;
    if ((kind & KIND_RAW) !== 0) {
      const ty = tag === 'script' ? el.getAttribute('type') : null;
      // As `crate::dom::script_text_is_read`: JSON-LD and TeX scripts are read.
      raw = tag === 'style' || (tag === 'script' && !(ty !== null && (/ld\+json/i.test(ty) || /^math\/tex/i.test(ty)))) ? 2 : 1;
    }
    stack.push({ node: first, list, i: 0, unchecked: top.unchecked || hidden || dropped, off: top.off || dropped, inHead, raw: isSlot ? 0 : raw, whole: top.whole || (flags & 32) !== 0 });
  }
  lastWalk = { els, depths, win };
  // The strings stay here until `readmarkTakeStrings` writes them into the module's
  // memory: one `encodeInto` of the whole text (wasm-bindgen's own string passing copies
  // the ASCII prefix one unit at a time in JavaScript first).
  pending = S.join('\0') + (S.length > 0 ? '\0' : '');
  return [pending.length, ops.subarray(0, nops)];
}
// The last walk's strings (one string), until taken.
let pending = null;
// Writes the last walk's strings as UTF-8 into `memory` at `ptr` (room for `cap` bytes:
// three per UTF-16 unit always suffice) and forgets them. Returns the bytes written, or
// -1 when they did not fit (or a page replaced `TextEncoder`: the caller checks what
// arrived).
export function readmarkTakeStrings(memory, ptr, cap) {
  const s = pending;
  pending = null;
  if (typeof s !== 'string' || memory === null) return -1;
  const r = new TextEncoder().encodeInto(s, new Uint8Array(memory.buffer, ptr, cap));
  return r.read === s.length ? r.written : -1;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = readmarkClock)]
    fn clock_js() -> f64;

    #[wasm_bindgen(js_name = readmarkHiddenOf, catch)]
    fn hidden_of_js(ordinals: &[u32]) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_name = readmarkForgetWalk)]
    fn forget_walk_js();

    #[wasm_bindgen(js_name = readmarkTakeStrings, catch)]
    fn take_strings_js(memory: &JsValue, ptr: u32, cap: u32) -> Result<f64, JsValue>;

    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen(js_name = readmarkWalk, catch)]
    fn walk_js(
        root: &Element,
        check: bool,
        range: Option<&Range>,
        max_elements: u32,
        max_units: u32,
        void_tags: &str,
        raw_tags: &str,
        unrendered_tags: &str,
        dropped_tags: &str,
        attr_names: &str,
    ) -> Result<js_sys::Array, JsValue>;
}

/// Milliseconds for timing a read (`performance.now()`, finer than `Date.now()`'s 1 ms,
/// which could not split a 10 ms read into snapshot and extraction); only differences
/// of two readings mean anything.
pub fn clock_ms() -> f64 {
    clock_js()
}

/// Which of these elements of the last walk (by their number in it: the walk's n-th
/// [`OP_ELEMENT`]) CSS hides, each asked as the walk asks (an element whose ancestor is
/// hidden is not itself hidden: ask the ancestors too). Elements the walk would not have
/// asked (in `<head>`, dropped, unrendered, slots) are never hidden. For a read that walked
/// without asking CSS and then asks only about what the article holds
/// ([`super::verify`]). A JavaScript exception (a page that replaced DOM methods) is
/// [`Malformed`].
pub fn hidden_of(ordinals: &[u32]) -> Result<Vec<u32>, Malformed> {
    let out = hidden_of_js(ordinals).map_err(|_| Malformed)?;
    if !out.is_instance_of::<js_sys::Uint32Array>() {
        return Err(Malformed);
    }
    Ok(js_sys::Uint32Array::from(out).to_vec())
}

/// Let go of the last walk's elements (the page may drop them; the module should not keep
/// them alive).
pub fn forget_walk() {
    forget_walk_js();
}

/// What the walk handed over (see the module docs for the encoding).
#[derive(Debug, Clone, Default)]
pub struct Encoded {
    pub strings: String,
    pub ops: Vec<u32>,
}

/// Walk the composed tree under `root` in one crossing. `check`: ask CSS visibility;
/// `range`: only the nodes it touches (outside `<head>`; the open shadow root of a touched
/// element goes in whole, since a range never intersects another tree); `all_attrs`: hand
/// over every attribute and the inside of dropped elements (to write the HTML), else only the
/// attributes the core's arena reads ([`crate::dom::KEPT_ATTRS`],
/// [`crate::dom::READ_ATTRS`], the `data-*` attributes it reads: [`data_attrs_read`]) and
/// no children of the elements it drops. A JavaScript
/// exception (a page that replaced DOM or built-in methods, where the bookmarklet runs in
/// the page's own world) is [`Malformed`], never a trap.
pub fn walk(
    root: &Element,
    check: bool,
    range: Option<&Range>,
    max_elements: usize,
    max_units: usize,
    all_attrs: bool,
) -> Result<Encoded, WalkError> {
    use super::html_out::{RAW_TEXT, UNRENDERED, VOID};
    use crate::dom::{DROPPED_TAGS, KEPT_ATTRS, READ_ATTRS};
    let attr_names = if all_attrs {
        String::new()
    } else {
        [KEPT_ATTRS, READ_ATTRS, &data_attrs_read()]
            .concat()
            .join(" ")
    };
    let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    let out = walk_js(
        root,
        check,
        range,
        clamp(max_elements),
        clamp(max_units),
        &VOID.join(" "),
        &RAW_TEXT.join(" "),
        &UNRENDERED.join(" "),
        &DROPPED_TAGS.join(" "),
        &attr_names,
    )
    .map_err(|_| Malformed)?;
    // The strings are written straight into a buffer of ours with one
    // `TextEncoder.prototype.encodeInto` (`readmarkTakeStrings`). (Passing the string
    // through wasm-bindgen copied its ASCII prefix unit by unit in JavaScript first; bytes
    // from `TextEncoder.encode` in the walk were no faster, and in a Firefox content
    // script they come from the page's compartment, where `instanceof Uint8Array` fails.)
    // A page can replace `encodeInto` where the bookmarklet runs in its world: check what
    // arrived.
    let units = out.get(0).as_f64().ok_or(Malformed)?;
    // Every UTF-16 unit is at least one byte of UTF-8: past half of `max_units` (the byte
    // limit) the strings are too large, known before a buffer is made for them.
    if units > (max_units / 2) as f64 {
        let _ = take_strings_js(&JsValue::NULL, 0, 0); // lets go of them
        return Err(WalkError::TooLarge(units as usize));
    }
    let strings = take_strings(units)?;
    let ops = out.get(1);
    if !ops.is_instance_of::<js_sys::Uint32Array>() {
        return Err(WalkError::Malformed);
    }
    Ok(Encoded {
        strings,
        ops: js_sys::Uint32Array::from(ops).to_vec(),
    })
}

/// The last walk's strings (`units` UTF-16 code units), written by `encodeInto` into a
/// buffer of three bytes per unit (UTF-8 never needs more), then checked as UTF-8 (a
/// `-1`, a count past the buffer or bytes that are not UTF-8: [`Malformed`]).
fn take_strings(units: f64) -> Result<String, Malformed> {
    if !(0.0..=f64::from(u32::MAX / 3 - 1)).contains(&units) {
        return Err(Malformed);
    }
    let cap = units as usize * 3;
    // Zeroed, not uninitialised: no `unsafe` for a memset of a few hundred kilobytes.
    let mut buf = vec![0u8; cap];
    let written = take_strings_js(
        &wasm_bindgen::memory(),
        buf.as_mut_ptr() as usize as u32,
        u32::try_from(cap).map_err(|_| Malformed)?,
    )
    .map_err(|_| Malformed)?;
    if !(0.0..=cap as f64).contains(&written) {
        return Err(Malformed);
    }
    buf.truncate(written as usize);
    String::from_utf8(buf).map_err(|_| Malformed)
}

/// The `data-*` attributes the core reads (lazy image sources, code languages). The arena
/// keeps every `data-*` of parsed HTML, but nothing else reads them, and a page carries
/// many (framework state, tracking: a fifth of the attribute text of the corpus pages), so
/// the walk hands over these only.
pub fn data_attrs_read() -> Vec<&'static str> {
    use crate::build::special::CODE_LANG_ATTRS;
    use crate::build::urls::{LAZY_SRCSET_ATTRS, LAZY_SRC_ATTRS};
    [&LAZY_SRC_ATTRS[..], &LAZY_SRCSET_ATTRS, &CODE_LANG_ATTRS].concat()
}

/// The walk threw, or its encoding did not parse: reported, never a trap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

/// Why [`walk`] handed nothing over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WalkError {
    Malformed,
    /// The strings are longer (in UTF-16 units, so at least as many bytes) than the byte
    /// limit, half of `max_units`.
    TooLarge(usize),
}

impl From<Malformed> for WalkError {
    fn from(_: Malformed) -> Self {
        WalkError::Malformed
    }
}

/// Reads ops and strings in order.
#[derive(Debug)]
pub struct Reader<'a> {
    ops: &'a [u32],
    op: usize,
    strings: &'a str,
    pos: usize,
    /// The interned strings, by index.
    table: Vec<&'a str>,
}

impl<'a> Reader<'a> {
    pub fn new(e: &'a Encoded) -> Reader<'a> {
        Reader {
            ops: &e.ops,
            op: 0,
            strings: &e.strings,
            pos: 0,
            table: Vec::new(),
        }
    }

    /// The next op (or number), `None` at the end.
    pub fn next_op(&mut self) -> Option<u32> {
        let v = self.ops.get(self.op).copied();
        self.op += 1;
        v
    }

    pub fn num(&mut self) -> Result<u32, Malformed> {
        self.next_op().ok_or(Malformed)
    }

    /// The next string: its length in UTF-16 code units (or its index in the intern
    /// table) comes from the ops.
    pub fn string(&mut self) -> Result<&'a str, Malformed> {
        self.string_id().map(|(s, _)| s)
    }

    /// [`Self::string`], with its index in the intern table when it is interned (so a
    /// reader can keep what it derives from a name once per name, not per element).
    pub fn string_id(&mut self) -> Result<(&'a str, Option<usize>), Malformed> {
        let n = self.num()?;
        if n & STR_INTERNED != 0 {
            let i = (n & !STR_INTERNED) as usize;
            return Ok((*self.table.get(i).ok_or(Malformed)?, Some(i)));
        }
        let s = self.fresh((n & !STR_NEW_INTERNED) as usize)?;
        if n & STR_NEW_INTERNED != 0 {
            self.table.push(s);
            return Ok((s, Some(self.table.len() - 1)));
        }
        Ok((s, None))
    }

    /// The next `units` UTF-16 code units of `strings`, and its U+0000.
    fn fresh(&mut self, units: usize) -> Result<&'a str, Malformed> {
        let bytes = self.strings.as_bytes();
        let start = self.pos;
        // Most strings are ASCII: one UTF-16 unit per byte, checked a word at a time.
        let end = start.saturating_add(units);
        if bytes.get(start..end).is_some_and(<[u8]>::is_ascii) && bytes.get(end) == Some(&0) {
            self.pos = end + 1;
            return self.strings.get(start..end).ok_or(Malformed);
        }
        let (mut i, mut n) = (start, 0usize);
        while n < units {
            let b = *bytes.get(i).ok_or(Malformed)?;
            // UTF-8 lead byte → (bytes, UTF-16 units) of its character.
            let (len, u) = match b {
                0x00..=0x7f => (1, 1),
                0xc0..=0xdf => (2, 1),
                0xe0..=0xef => (3, 1),
                0xf0..=0xff => (4, 2),
                _ => return Err(Malformed), // a continuation byte: out of step
            };
            i += len;
            n += u;
        }
        if n != units || bytes.get(i) != Some(&0) {
            return Err(Malformed);
        }
        self.pos = i + 1;
        self.strings.get(start..i).ok_or(Malformed)
    }
}
