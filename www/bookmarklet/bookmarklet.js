// The Readmark bookmarklet. `cargo xtask www` fills in the site's origin, minifies this
// file (esbuild) and turns it into the `javascript:` URL on the landing page.
//
// Why it works on every page, whatever its CSP: it loads nothing. It serializes the live
// page itself (one read-only walk, no change to the page), opens the site's reader page
// with `window.open` (a bookmarklet click is a user action, and neither `window.open` nor
// `postMessage` is governed by the page's CSP) and hands it the snapshot with
// `postMessage` — only after a "ready" message that really comes from that window on the
// site's origin, and only to that origin. The WebAssembly runs on the site, never here.
//
// The snapshot follows the extension's (src/web/snapshot.rs) so both read the same page
// the same way: CSS-hidden elements marked `data-readmark-hidden` (the core drops them but
// still reads their metadata), open shadow roots inlined with slots unwrapped,
// `img.currentSrc` as `src`, `<style>` and non-JSON script text dropped, names and text
// escaped so page text cannot change the structure; plus the URL, base URL, language,
// direction, title and the selection (when there is one, only the selected nodes, as the
// extension's "Export the selection").
(() => {
  const SITE = '__READMARK_SITE__'; // where the site is published (origin [+ path])
  const ORIGIN = '__READMARK_ORIGIN__'; // its origin, as MessageEvent.origin gives it
  const MAX_BYTES = 64 << 20;
  const MAX_ELEMENTS = 2e6;
  const words = (s) => new Set(s.split(' '));
  const VOID = words('area base br col embed hr img input link meta source track wbr param keygen frame basefont bgsound');
  const RAW = words('script style xmp iframe noembed noframes noscript');
  const UNRENDERED = words('head title meta link base script style noscript template source track param area map wbr br');
  const NAME = /^[a-z][a-z0-9_:.-]*$/;
  const ATTR = /^[a-zA-Z0-9_:.-]+$/;
  const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
  const text = (s) => s.replace(/[&<>]/g, (c) => ESC[c]);
  const attr = (n, v) => ` ${n}="${v.replace(/[&"]/g, (c) => ESC[c])}"`;
  const win = window;
  const doc = document;
  const VIS = { visibilityProperty: true, checkVisibilityCSS: true };

  const isHidden = (el) => {
    if (el.checkVisibility && el.checkVisibility(VIS)) return false;
    const s = win.getComputedStyle(el);
    return s.display === 'none' || s.visibility === 'hidden' || s.visibility === 'collapse';
  };

  // One walk of the composed tree with an explicit stack (no recursion: deep DOMs).
  const serialize = (checkCss, range) => {
    const out = ['<!DOCTYPE html>'];
    let size = 0;
    const stats = { elements: 0, hiddenText: 0, visibleText: 0 };
    const push = (s) => {
      out.push(s);
      size += s.length;
    };
    const stack = [{ next: [doc.documentElement], i: 0, unchecked: !checkCss }];
    while (stack.length) {
      const f = stack[stack.length - 1];
      const node = Array.isArray(f.next) ? f.next[f.i++] : f.next;
      if (!Array.isArray(f.next)) f.next = node && node.nextSibling;
      if (!node) {
        stack.pop();
        if (f.close) push(`</${f.close}>`);
        continue;
      }
      if (node.nodeType === 1) {
        let tag = String(node.localName).toLowerCase();
        tag = NAME.test(tag) ? (tag === 'plaintext' ? 'pre' : tag) : 'span';
        const inHead = f.inHead || tag === 'head';
        if (range && !inHead && tag !== 'html' && tag !== 'body' && !range.intersectsNode(node)) continue;
        if (++stats.elements > MAX_ELEMENTS || size > MAX_BYTES) throw new Error('too_large');
        const kids = children(node, tag);
        if (tag === 'slot') {
          stack.push({ ...f, next: kids, i: 0, close: null, raw: null });
          continue;
        }
        const hidden = !f.unchecked && !inHead && !UNRENDERED.has(tag) && isHidden(node);
        let s = `<${tag}`;
        const src = tag === 'img' && node.currentSrc;
        for (const a of node.attributes) {
          const n = a.name;
          if (!ATTR.test(n) || /^on/i.test(n) || n === 'data-readmark-hidden' || (src && n === 'src')) continue;
          s += attr(n, a.value);
        }
        if (src) s += attr('src', src);
        if (hidden) s += attr('data-readmark-hidden', '');
        push(`${s}>`);
        if (VOID.has(tag)) continue;
        stack.push({
          next: kids,
          i: 0,
          close: tag,
          raw: RAW.has(tag) ? [tag, String(node.getAttribute('type') || '').toLowerCase()] : null,
          unchecked: f.unchecked || hidden,
          inHead,
          hidden: f.hidden || hidden,
        });
      } else if (node.nodeType === 3 || node.nodeType === 4) {
        let t = node.data;
        if (range && !f.inHead) {
          if (!range.intersectsNode(node)) continue;
          const end = node === range.endContainer ? range.endOffset : t.length;
          t = t.slice(0, end).slice(node === range.startContainer ? range.startOffset : 0);
        }
        if (f.raw) {
          const [tag, type] = f.raw;
          if (tag === 'style' || (tag === 'script' && !type.includes('json'))) continue;
          push(t.replace(new RegExp(`</(${tag})`, 'gi'), '<\\/$1'));
        } else {
          if (f.hidden) stats.hiddenText += t.length;
          else if (!f.inHead) stats.visibleText += t.length;
          push(text(t));
        }
      }
    }
    return { html: out.join(''), stats };
  };

  // An open shadow root's children, a slot's assigned nodes, or the element's own.
  const children = (el, tag) => {
    if (tag === 'template') return [];
    if (el.shadowRoot) return el.shadowRoot.firstChild;
    if (tag === 'slot' && el.assignedNodes) {
      const a = el.assignedNodes();
      if (a.length) return [...a];
    }
    return el.firstChild;
  };

  const snapshot = () => {
    const sel = win.getSelection && win.getSelection();
    const range = sel && sel.rangeCount && !sel.isCollapsed && String(sel).trim() ? sel.getRangeAt(0) : null;
    let page = serialize(true, null);
    // A page that hides most of its text until the reader scrolls or clicks: read it
    // whole, as the extension does (src/web/mod.rs).
    const s = page.stats;
    if (s.hiddenText > 2000 && s.hiddenText > s.visibleText) page = serialize(false, null);
    const root = doc.documentElement;
    return {
      v: 1,
      html: page.html,
      selectionHtml: range ? serialize(true, range).html : null,
      url: doc.URL,
      baseUrl: doc.baseURI,
      lang: root.getAttribute('lang') || '',
      dir: root.getAttribute('dir') || doc.dir || '',
      title: doc.title,
      contentType: doc.contentType,
    };
  };

  // A notice in a shadow root (the page's styles cannot reach it), styled through the
  // CSSOM, which `style-src` does not restrict. `action`: a button that retries inside a
  // fresh click — a user action, so the popup blocker lets that one through.
  const notice = (message, action) => {
    const old = doc.getElementById('readmark-notice');
    if (old) old.remove();
    const host = doc.createElement('div');
    host.id = 'readmark-notice';
    const root = host.attachShadow({ mode: 'open' });
    const box = doc.createElement('div');
    box.setAttribute('role', 'alertdialog');
    box.setAttribute('aria-label', 'Readmark');
    Object.assign(box.style, {
      position: 'fixed', top: '16px', right: '16px', zIndex: '2147483647', maxWidth: '380px',
      padding: '16px 18px', background: '#ffffff', color: '#1f1f1f', border: '1px solid #535353',
      borderRadius: '10px', boxShadow: '0 6px 24px rgba(0,0,0,.25)',
      font: '15px/1.45 system-ui, sans-serif', textAlign: 'left',
    });
    const p = doc.createElement('p');
    p.textContent = message;
    Object.assign(p.style, { margin: '0 0 12px' });
    box.append(p);
    const button = (label, onclick, primary) => {
      const b = doc.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.addEventListener('click', onclick);
      Object.assign(b.style, {
        font: 'inherit', padding: '6px 14px', marginRight: '8px', borderRadius: '6px', cursor: 'pointer',
        border: '1px solid #0b57d0', background: primary ? '#0b57d0' : '#ffffff', color: primary ? '#ffffff' : '#0b57d0',
      });
      box.append(b);
      return b;
    };
    if (action) button(action[0], () => { host.remove(); action[1](); }, true).dataset.readmark = 'retry';
    button('Close', () => host.remove(), !action).dataset.readmark = 'close';
    root.append(box);
    (doc.body || doc.documentElement).append(host);
    const first = root.querySelector('button');
    if (first) first.focus();
  };

  let snap;
  try {
    snap = snapshot();
  } catch (err) {
    notice(
      `Readmark could not read this page (${err && err.message === 'too_large' ? 'it is too large' : String(err && err.message)}). ` +
        'Save the page (Ctrl+S or Cmd+S) and open the file in the Readmark playground instead.',
    );
    return;
  }

  const open = () => {
    const reader = win.open(`${SITE}/reader.html`, '_blank');
    if (!reader) {
      notice(
        'Your browser blocked the Readmark window. Click "Open reader" (or allow pop-ups for this site and click the bookmarklet again).',
        ['Open reader', open],
      );
      return;
    }
    const onMessage = (e) => {
      if (e.source !== reader || e.origin !== ORIGIN) return;
      const d = e.data;
      if (!d || d.type !== 'readmark:ready' || typeof d.token !== 'string') return;
      win.removeEventListener('message', onMessage);
      reader.postMessage({ type: 'readmark:snapshot', token: d.token, snapshot: snap }, ORIGIN);
    };
    win.addEventListener('message', onMessage);
    setTimeout(() => win.removeEventListener('message', onMessage), 120000);
  };
  open();
})();
