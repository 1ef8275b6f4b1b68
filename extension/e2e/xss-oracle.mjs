// The DOM oracle of the XSS run (extension/e2e/xss.mjs): what, in a rendered page, could
// run or leak. It is the browser-side twin of fuzz/src/oracle.rs's reader-HTML check, run
// on the real DOM — the reader page in the extension's origin, and the export viewer's
// renderings — so it also sees what a CSP would have blocked (an injected handler that
// never fired is still a finding).
//
// `domFindings` must stay self-contained (no imports, no outer names): xss.mjs sends its
// source into extension pages with `evaluate`, and the export viewer imports it.

/**
 * Findings (strings) under `root`; `kind` is 'reader' (the reader page: its own toolbar
 * and settings controls are allowed) or 'export' (a Markdown or JSON rendering).
 */
export function domFindings(root, kind) {
  const out = [];
  const XHTML = 'http://www.w3.org/1999/xhtml';
  const CONTENT = new Set([
    'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'span', 'div', 'a', 'em', 'strong', 's', 'del', 'sup', 'sub',
    'code', 'pre', 'img', 'br', 'hr', 'ol', 'ul', 'li', 'blockquote', 'figure', 'figcaption', 'aside',
    'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td', 'article', 'header', 'main', 'time', 'section',
  ]);
  // The reader's own UI (reader.js): toolbar, settings panel, status.
  const READER_UI = new Set(['nav', 'button', 'fieldset', 'legend', 'input', 'label', 'output']);
  const ATTRS = new Set([
    'class', 'id', 'href', 'src', 'alt', 'title', 'loading', 'decoding', 'referrerpolicy', 'rel', 'role',
    'tabindex', 'lang', 'dir', 'datetime', 'start', 'scope', 'colspan', 'rowspan',
    // the reader's own UI
    'type', 'name', 'value', 'for', 'hidden', 'checked', 'data-action', 'data-error-code',
  ]);
  const SAFE_HREF = /^(https?:|mailto:|#)/i;
  const SAFE_IMG = /^(https?:|data:image\/(png|jpeg|gif|webp)[;,])/i;
  // Browsers strip leading/trailing C0 controls and spaces, and tab/CR/LF anywhere.
  const asBrowser = (v) => v.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    if (el.namespaceURI !== XHTML) out.push(`foreign element <${tag}> (${el.namespaceURI})`);
    else if (!CONTENT.has(tag) && !(kind === 'reader' && READER_UI.has(tag))) out.push(`element <${tag}>`);
    if (tag === 'input' && el.type !== 'radio') out.push(`input type=${el.type}`);
    for (const { name, value } of el.attributes) {
      if (name.startsWith('on')) out.push(`handler ${name}=${JSON.stringify(value)} on <${tag}>`);
      else if (name === 'style') {
        // markdown-it writes table column alignment as a style; nothing else may have one.
        if (!(kind === 'export' && /^text-align:(left|right|center)$/.test(value))) out.push(`style on <${tag}>`);
      } else if (!ATTRS.has(name) && !name.startsWith('aria-')) out.push(`attribute ${name} on <${tag}>`);
      if (name === 'href' || name === 'src') {
        const v = asBrowser(value);
        const ok = tag === 'img' && name === 'src' ? SAFE_IMG.test(v) : SAFE_HREF.test(v);
        if (!ok || /[\u0000-\u001f]/.test(v)) out.push(`URL ${name}=${JSON.stringify(value.slice(0, 80))} on <${tag}>`);
      }
    }
  }
  return out;
}

/** Findings in the reader document outside its root: the head must be reader.html's own. */
export function readerHeadFindings(doc) {
  const out = [];
  for (const el of doc.head.children) {
    const tag = el.localName;
    const ok =
      (tag === 'meta' && (el.getAttribute('charset') || ['viewport', 'color-scheme'].includes(el.getAttribute('name')))) ||
      tag === 'title' ||
      (tag === 'link' && el.getAttribute('rel') === 'stylesheet' && el.getAttribute('href') === 'reader.css') ||
      (tag === 'script' && el.getAttribute('type') === 'module' && el.getAttribute('src') === 'host-extension.js');
    if (!ok) out.push(`reader head: <${tag}> ${el.outerHTML.slice(0, 80)}`);
  }
  for (const el of doc.querySelectorAll('script, iframe, frame, object, embed, base, style, link, meta')) {
    if (el.parentElement !== doc.head) out.push(`reader body: <${el.localName}>`);
  }
  for (const el of doc.body.children) {
    if (el.id !== 'readmark-root') out.push(`reader body: extra <${el.localName}>`);
  }
  return out;
}
