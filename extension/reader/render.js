// The Article model (JSON export, schema readmark/1) → DOM, with DOM APIs only: page text
// only ever becomes `textContent` or an attribute value, never markup, so nothing from
// the page can add elements, attributes or scripts. URLs are allowlisted again here
// (defence in depth; the core already filters): links http(s)/mailto/#fragment, images
// http(s) or data: raster images. No chrome.* APIs: the bookmarklet reuses this file.

const SAFE_HREF = /^(https?:|mailto:|#)/i;
const SAFE_IMG = /^(https?:|data:image\/(png|jpeg|gif|webp)[;,])/i;

export function safeHref(url) {
  const u = String(url ?? '').trim();
  return SAFE_HREF.test(u) && !/[\u0000-\u001f]/.test(u) ? u : null;
}

export function safeImageSrc(url) {
  const u = String(url ?? '').trim();
  return SAFE_IMG.test(u) && !/[\u0000-\u001f]/.test(u) ? u : null;
}

/** A footnote id usable in `id`/`href="#…"`: prefixed, only safe characters. */
function footnoteId(id) {
  return `fn-${String(id).replace(/[^\p{L}\p{N}_-]/gu, '_')}`;
}

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/** Renders blocks and inlines; `labels` gives accessible names ({table, code}). */
export class Renderer {
  constructor(labels = {}) {
    this.labels = labels;
  }

  inlines(list, parent) {
    for (const n of list ?? []) {
      const node = this.inline(n);
      if (node) parent.append(node);
    }
    return parent;
  }

  inline(n) {
    switch (n?.type) {
      case 'text':
        return document.createTextNode(n.text ?? '');
      case 'emphasis':
        return this.inlines(n.content, el('em'));
      case 'strong':
        return this.inlines(n.content, el('strong'));
      case 'strike':
        return this.inlines(n.content, el('s'));
      case 'superscript':
        return this.inlines(n.content, el('sup'));
      case 'subscript':
        return this.inlines(n.content, el('sub'));
      case 'code': {
        const c = el('code');
        c.textContent = n.text ?? '';
        return c;
      }
      case 'link': {
        const href = safeHref(n.href);
        const inner = this.inlines(n.content, href ? el('a', { href }) : el('span'));
        if (href) {
          if (!href.startsWith('#')) inner.setAttribute('rel', 'noopener noreferrer nofollow');
          if (!inner.textContent.trim()) {
            const named = inner.querySelector('img[alt]:not([alt=""])');
            if (!named) inner.setAttribute('aria-label', href);
          }
        }
        return inner;
      }
      case 'image':
        return this.image(n);
      case 'math': {
        const m = el('code', { class: 'math' });
        m.textContent = n.tex ?? '';
        return m;
      }
      case 'footnote_ref': {
        const a = el('a', { href: `#${footnoteId(n.id)}`, class: 'fnref' });
        a.textContent = String(n.id);
        return el('sup', null, a);
      }
      case 'line_break':
        return el('br');
      default:
        return null;
    }
  }

  image(img) {
    const src = safeImageSrc(img?.src);
    if (!src) return img?.alt ? document.createTextNode(img.alt) : null;
    return el('img', {
      src,
      alt: img.alt ?? '',
      title: img.title ?? null,
      loading: 'lazy',
      decoding: 'async',
      referrerpolicy: 'no-referrer',
    });
  }

  blocks(list, parent, depth = 0) {
    for (const b of list ?? []) {
      const node = this.block(b, depth);
      if (node) parent.append(node);
    }
    return parent;
  }

  block(b, depth) {
    switch (b?.type) {
      case 'heading': {
        // The title is the only h1: body headings start at h2.
        const level = Math.min(6, Math.max(2, Number(b.level) || 2));
        return this.inlines(b.content, el(`h${level}`));
      }
      case 'paragraph':
        return this.inlines(b.content, el('p'));
      case 'list': {
        const list = el(b.ordered ? 'ol' : 'ul', b.ordered && b.start ? { start: b.start } : null);
        for (const item of b.items ?? []) list.append(this.blocks(item.blocks, el('li'), depth + 1));
        return list;
      }
      case 'table':
        return this.table(b);
      case 'code': {
        const code = el('code', b.lang ? { class: `language-${String(b.lang).replace(/[^\w+#.-]/g, '')}` } : null);
        code.textContent = b.text ?? '';
        // Focusable so keyboard users can scroll long lines.
        return el('pre', { tabindex: 0, 'aria-label': this.labels.code ?? 'Code' }, code);
      }
      case 'figure': {
        const fig = el('figure');
        for (const img of b.images ?? []) {
          const node = this.image(img);
          if (node) fig.append(node);
        }
        if (b.caption?.length) fig.append(this.inlines(b.caption, el('figcaption')));
        return fig.childNodes.length ? fig : null;
      }
      case 'quote':
        return this.blocks(b.blocks, el('blockquote'), depth + 1);
      case 'math': {
        const m = el('pre', { class: 'math', tabindex: 0, 'aria-label': 'TeX' });
        m.textContent = b.tex ?? '';
        return m;
      }
      case 'footnote': {
        const aside = el('aside', { class: 'footnote', id: footnoteId(b.id), role: 'note' });
        const label = el('span', { class: 'fnlabel' });
        label.textContent = `${b.id}.`;
        aside.append(label);
        return this.blocks(b.blocks, aside, depth + 1);
      }
      case 'rule':
        return el('hr');
      default:
        return null;
    }
  }

  table(t) {
    const table = el('table');
    if (t.caption?.length) table.append(this.inlines(t.caption, el('caption')));
    if (t.head?.length) {
      const tr = el('tr');
      for (const c of t.head) tr.append(this.inlines(c.content, el('th', { scope: 'col' })));
      table.append(el('thead', null, tr));
    }
    const body = el('tbody');
    for (const row of t.rows ?? []) {
      const tr = el('tr');
      for (const c of row) tr.append(this.inlines(c.content, el('td')));
      body.append(tr);
    }
    table.append(body);
    // Wide tables scroll inside a focusable, labelled region instead of the page.
    return el('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': this.labels.table ?? 'Table' }, table);
  }
}
