// The reader UI: toolbar (export, print, appearance), appearance settings, the article.
// Host-agnostic — everything browser-specific comes in through `host` (see
// host-extension.js), so the bookmarklet can mount the same UI with its own host:
//
//   host = {
//     t(key, substitutions?) → string,          // translated UI text (_locales keys)
//     uiLang: string,                           // BCP 47, for dates and <html lang>
//     loadSettings() → Promise<object>, saveSettings(object) → Promise,
//     copyText(text) → Promise, download(fileName, mimeType, text) → Promise,
//     loadExports?() → Promise<result>,         // optional: see below
//   }
//
// `data` is `{result}` (the engine's read result: `article` = JSON export, `markdown`,
// `markdownFrontMatter`, `articleJson`, `selection`) or `{error: {code, detail}}`. When
// `result.markdown` is missing (the extension renders the Markdown exports after the
// reader opens), the export buttons get them from `host.loadExports()`.

import { Renderer, safeHref } from './render.js';
import { safeFileName } from '../shared/filename.js';

export const DEFAULT_SETTINGS = Object.freeze({
  theme: 'system', // system | light | sepia | dark
  font: 'serif', // serif | sans | mono
  size: 20, // px
  width: 'medium', // narrow | medium | wide
  line: 'normal', // compact | normal | loose
});
const SIZES = [14, 16, 18, 20, 22, 24, 28, 32];
const CHOICES = {
  theme: ['system', 'light', 'sepia', 'dark'],
  font: ['serif', 'sans', 'mono'],
  width: ['narrow', 'medium', 'wide'],
  line: ['compact', 'normal', 'loose'],
};
const CHOICE_LABELS = {
  theme: { system: 'themeSystem', light: 'themeLight', sepia: 'themeSepia', dark: 'themeDark' },
  font: { serif: 'fontSerif', sans: 'fontSans', mono: 'fontMono' },
  width: { narrow: 'widthNarrow', medium: 'widthMedium', wide: 'widthWide' },
  line: { compact: 'lineCompact', normal: 'lineNormal', loose: 'lineLoose' },
};
const GROUP_LABELS = { theme: 'readerTheme', font: 'readerFont', width: 'readerLineWidth', line: 'readerLineHeight' };

/** Settings from storage, with unknown or missing values replaced by defaults. */
export function normalizeSettings(s) {
  const out = { ...DEFAULT_SETTINGS };
  for (const [k, values] of Object.entries(CHOICES)) if (values.includes(s?.[k])) out[k] = s[k];
  if (SIZES.includes(s?.size)) out.size = s.size;
  return out;
}

export function applySettings(root, s) {
  root.dataset.theme = s.theme;
  root.dataset.font = s.font;
  root.dataset.width = s.width;
  root.dataset.line = s.line;
  root.style.setProperty('--rm-font-size', `${s.size}px`);
}

function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c) e.append(c);
  return e;
}

/** A date for people: `2024-06-17` / ISO date-time → localized long date. */
export function formatDate(iso, lang) {
  if (!iso) return null;
  // The calendar date as the page wrote it (in its own time zone): 07:24+08:00 on the
  // 17th is the 17th, wherever the reader is.
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(iso);
  if (!m) return iso;
  const d = new Date(`${m[1]}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(lang || undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  } catch {
    return iso;
  }
}

export async function mountReader(root, data, host) {
  const t = (k, subs) => host.t(k, subs);
  const docEl = root.ownerDocument.documentElement;
  docEl.lang = host.uiLang || 'en';
  let settings = normalizeSettings(await host.loadSettings().catch(() => ({})));
  applySettings(docEl, settings);
  const save = () => {
    applySettings(docEl, settings);
    host.saveSettings(settings).catch(() => {});
  };

  const status = h('div', { class: 'rm-status', role: 'status', 'aria-live': 'polite' });
  const say = (msg) => {
    status.textContent = '';
    // A fresh node so screen readers announce a repeated message again.
    setTimeout(() => (status.textContent = msg), 30);
  };

  if (data?.error || !data?.result?.article) {
    const code = data?.error?.code ?? 'missing';
    const message = code === 'missing' ? t('readerMissing') : t(`error_${code}`, [data?.error?.detail ?? '']) || t('error_internal', [code]);
    root.ownerDocument.title = t('readerTitle');
    root.replaceChildren(
      h('main', { id: 'main', class: 'rm-main' },
        h('article', { class: 'rm-article rm-error' },
          h('h1', { text: t('readerTitle') }),
          h('p', { class: 'rm-error-message', 'data-error-code': code, text: message }))),
    );
    docEl.dataset.readmarkState = 'error';
    return;
  }

  const { result } = data;
  const a = result.article;
  root.ownerDocument.title = a.title || t('readerTitle');
  const fileTitle = a.title || a.site_name || 'article';

  // The exports: in `result`, or (rendered after the reader opened) from the host.
  const exportsOf = async () =>
    result.markdown === undefined && host.loadExports ? host.loadExports() : result;
  const exportActions = {
    copy: async () => {
      try {
        await host.copyText((await exportsOf()).markdown);
        say(t('statusCopied'));
      } catch (err) {
        say(t('statusCopyFailed', [String(err?.message ?? err)]));
      }
    },
    md: async () => {
      const name = safeFileName(fileTitle, 'md');
      await host.download(name, 'text/markdown;charset=utf-8', (await exportsOf()).markdownFrontMatter);
      say(t('statusDownloaded', [name]));
    },
    json: async () => {
      const name = safeFileName(fileTitle, 'json');
      await host.download(name, 'application/json;charset=utf-8', result.articleJson);
      say(t('statusDownloaded', [name]));
    },
  };

  // Toolbar.
  const settingsPanel = buildSettings(t, settings, (next) => {
    settings = next;
    save();
  });
  const settingsButton = h('button', {
    type: 'button',
    class: 'rm-button',
    'aria-expanded': 'false',
    'aria-controls': settingsPanel.id,
    'data-action': 'settings',
    text: t('readerSettings'),
    onclick: () => {
      const open = settingsPanel.hidden;
      settingsPanel.hidden = !open;
      settingsButton.setAttribute('aria-expanded', String(open));
      if (open) settingsPanel.querySelector('input, button')?.focus();
    },
  });
  settingsPanel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      settingsPanel.hidden = true;
      settingsButton.setAttribute('aria-expanded', 'false');
      settingsButton.focus();
    }
  });
  const button = (action, label, onclick) =>
    h('button', { type: 'button', class: 'rm-button', 'data-action': action, text: t(label), onclick });
  const toolbar = h('header', { class: 'rm-toolbar' },
    h('nav', { class: 'rm-actions', 'aria-label': t('readerToolbar') },
      button('copy-md', 'copyMarkdown', exportActions.copy),
      button('download-md', 'downloadMd', exportActions.md),
      button('download-json', 'downloadJson', exportActions.json),
      button('print', 'readerPrint', () => root.ownerDocument.defaultView.print()),
      settingsButton),
    settingsPanel,
    status);

  // Article header: site, title, byline, reading time, link to the original.
  const renderer = new Renderer({ table: t('tableLabel'), code: t('codeLabel') });
  const article = h('article', {
    class: 'rm-article',
    lang: a.lang || null,
    dir: a.dir || 'auto',
  });
  const head = h('header', { class: 'rm-head' });
  if (result.selection) head.append(h('p', { class: 'rm-selection', text: t('readerSelection') }));
  if (a.site_name) head.append(h('p', { class: 'rm-site', text: a.site_name }));
  head.append(h('h1', { class: 'rm-title', text: a.title || fileTitle }));
  const byline = h('p', { class: 'rm-byline' });
  const parts = [];
  if (a.author) parts.push(h('span', { class: 'rm-author', text: a.author }));
  const date = formatDate(a.published, host.uiLang);
  if (date) parts.push(h('time', { datetime: a.published, text: date }));
  if (a.reading_minutes) parts.push(h('span', { class: 'rm-time', text: t('readingTime', [String(a.reading_minutes)]) }));
  parts.forEach((p, i) => {
    if (i) byline.append(h('span', { class: 'rm-sep', 'aria-hidden': 'true', text: ' · ' }));
    byline.append(p);
  });
  if (parts.length) head.append(byline);
  const original = safeHref(a.url);
  if (original && !original.startsWith('#')) {
    head.append(h('p', { class: 'rm-original' },
      h('a', { href: original, rel: 'noopener noreferrer', text: t('readerOriginal') })));
  }
  article.append(head);
  article.append(renderer.blocks(a.blocks, h('div', { class: 'rm-body' })));

  root.replaceChildren(toolbar, h('main', { id: 'main', class: 'rm-main' }, article));
  docEl.dataset.readmarkState = 'ready';
  return { exportActions, settings: () => settings };
}

function buildSettings(t, initial, onChange) {
  let s = { ...initial };
  const panel = h('section', { id: 'rm-settings', class: 'rm-settings', hidden: true, 'aria-label': t('readerSettings') });
  for (const [key, values] of Object.entries(CHOICES)) {
    const fs = h('fieldset', { class: `rm-group rm-group-${key}` }, h('legend', { text: t(GROUP_LABELS[key]) }));
    for (const v of values) {
      const id = `rm-${key}-${v}`;
      const input = h('input', {
        type: 'radio',
        name: `rm-${key}`,
        id,
        value: v,
        checked: s[key] === v,
        onchange: () => {
          s = { ...s, [key]: v };
          onChange(s);
        },
      });
      fs.append(h('span', { class: 'rm-choice' }, input, h('label', { for: id, text: t(CHOICE_LABELS[key][v]) })));
    }
    panel.append(fs);
    if (key === 'font') panel.append(sizeControl(t, () => s, (next) => {
      s = next;
      onChange(s);
    }));
  }
  return panel;
}

function sizeControl(t, get, set) {
  const out = h('output', { class: 'rm-size-value', 'aria-live': 'polite', text: `${get().size}px` });
  const step = (dir) => () => {
    const i = SIZES.indexOf(get().size);
    const next = SIZES[Math.min(SIZES.length - 1, Math.max(0, i + dir))];
    set({ ...get(), size: next });
    out.textContent = `${next}px`;
  };
  return h('fieldset', { class: 'rm-group rm-group-size' },
    h('legend', { text: t('readerFontSize') }),
    h('button', { type: 'button', class: 'rm-button', 'data-action': 'smaller', 'aria-label': t('readerSmaller'), text: 'A−', onclick: step(-1) }),
    out,
    h('button', { type: 'button', class: 'rm-button', 'data-action': 'larger', 'aria-label': t('readerLarger'), text: 'A+', onclick: step(1) }));
}
