// Background (Chromium service worker / Firefox event page): reads a tab on the user's
// request — toolbar popup, keyboard shortcut, context menu — and opens the reader.
//
// Reading a tab: a probe tells whether the page lets the content script compile
// WebAssembly (Chromium applies the page's CSP to content scripts: `script-src 'self'`
// forbids it); the background injects the WebAssembly engine or, on such pages, the same
// Rust code compiled to JavaScript (wasm2js); then one call snapshots the live DOM and
// extracts the article in the page's isolated world and returns it. Nothing listens in
// the page, and the result goes to `storage.session` (never to the page's storage) under
// a random key that the reader page reads.
//
// The reader needs only the model (`result.article`); the Markdown exports are rendered
// by a second call into the engine (which keeps the last article) once the reader tab is
// open, and added to the stored result (`exportsReady`). The popup, whose buttons export
// at once, asks for them in the read itself.

import { READ, OPEN_READER, parseRequest, isOwnPage } from './shared/messages.js';

const api = globalThis.browser ?? globalThis.chrome;
const ENGINE_WASM = 'engine/engine-wasm.js';
const ENGINE_JS = 'engine/engine-js.js';
const KEEP_ARTICLES = 20;
const MENU_SELECTION = 'readmark-selection';
const MENU_PAGE = 'readmark-page';

/** Runs in the page's isolated world: can this context compile WebAssembly, and is an
 *  engine already there? (Self-contained: it is serialized into the page.) */
async function probeEngine() {
  let wasm = false;
  try {
    await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    wasm = true;
  } catch {
    wasm = false;
  }
  let loaded = null;
  const e = globalThis.__readmarkEngine;
  if (e) {
    try {
      await e.ready;
      loaded = e.kind;
    } catch {
      globalThis.__readmarkEngine = undefined;
    }
  }
  return { wasm, loaded };
}

/** Runs in the page's isolated world: snapshot + extract with the injected engine. */
async function runEngine(options) {
  const e = globalThis.__readmarkEngine;
  if (!e) return { error: 'engine_missing' };
  try {
    await e.ready;
  } catch (err) {
    globalThis.__readmarkEngine = undefined;
    return { error: 'engine_init', detail: String(err) };
  }
  try {
    return { engine: e.kind, json: e.readPage(options) };
  } catch (err) {
    // A trap leaves the instance unusable: load a fresh one next time.
    globalThis.__readmarkEngine = undefined;
    return { error: 'engine_crash', detail: String(err) };
  }
}

/** Runs in the page's isolated world: the Markdown exports of the engine's last read. */
function runExports() {
  const e = globalThis.__readmarkEngine;
  if (!e?.renderExports) return { error: 'engine_missing' };
  try {
    return { json: e.renderExports() };
  } catch (err) {
    globalThis.__readmarkEngine = undefined;
    return { error: 'engine_crash', detail: String(err) };
  }
}

async function inPage(tabId, details) {
  const results = await api.scripting.executeScript({ target: { tabId }, ...details });
  return results?.[0]?.result;
}

/** Map an exception of `tabs`/`scripting` to an error code. */
function injectionError(err) {
  const detail = String(err?.message ?? err);
  if (/no tab with id|invalid tab/i.test(detail)) return { ok: false, code: 'no_tab', detail };
  return { ok: false, code: 'restricted_page', detail };
}

const CORE_CODES = {
  no_content: 'no_content',
  no_selection: 'no_selection',
  unsupported_document: 'unsupported_document',
  input_too_large: 'too_large',
  too_many_elements: 'too_large',
  work_budget_exceeded: 'too_large',
};

/**
 * Read a tab: inject the engine if needed, snapshot + extract, store the result.
 * `exports`: render the Markdown exports in the same call (else see `addExports`).
 * @returns {Promise<import('./shared/messages.js').ReadResponse>}
 */
export async function readTab(tabId, selectionOnly, exports = true) {
  let outcome;
  try {
    const tab = await api.tabs.get(tabId);
    if (tab.url && !/^(https?|file):/i.test(tab.url)) {
      return { ok: false, code: 'restricted_page', detail: tab.url.split(':')[0] };
    }
    const probe = await inPage(tabId, { func: probeEngine });
    if (!probe) return { ok: false, code: 'restricted_page', detail: 'no result from the page' };
    let files = [];
    if (!probe.loaded || (probe.loaded === 'wasm' && !probe.wasm)) {
      files = [probe.wasm ? ENGINE_WASM : ENGINE_JS];
      await api.scripting.executeScript({ target: { tabId }, files });
    }
    outcome = await inPage(tabId, { func: runEngine, args: [{ selectionOnly, exports }] });
    if (outcome?.error === 'engine_init' && files[0] === ENGINE_WASM) {
      // The probe passed but instantiation failed (e.g. a stricter policy): fall back.
      await api.scripting.executeScript({ target: { tabId }, files: [ENGINE_JS] });
      outcome = await inPage(tabId, { func: runEngine, args: [{ selectionOnly, exports }] });
    }
  } catch (err) {
    return injectionError(err);
  }
  if (!outcome || outcome.error) {
    return { ok: false, code: 'internal', detail: outcome?.detail ?? outcome?.error ?? 'no result' };
  }
  let result;
  try {
    result = JSON.parse(outcome.json);
  } catch (err) {
    return { ok: false, code: 'internal', detail: String(err) };
  }
  if (!result.ok) {
    return { ok: false, code: CORE_CODES[result.code] ?? 'internal', detail: result.message };
  }
  // The export as text, now, while the parsed object still has the documented key order
  // (extension storage and messaging may reorder object keys).
  result.articleJson = `${JSON.stringify(result.article, null, 2)}\n`;
  result.exportsReady = exports;
  const key = crypto.randomUUID();
  const value = { result, engine: outcome.engine, tabId, at: Date.now() };
  await store(key, value);
  return { ok: true, key, engine: outcome.engine, result, value };
}

/** Render the Markdown exports of a read (`readTab(…, false)`) in its tab and add them
 *  to the stored result; on failure the stored `exportsError` tells the reader why. */
async function addExports(tabId, key, value) {
  let ex;
  try {
    const out = await inPage(tabId, { func: runExports });
    ex = out?.json ? JSON.parse(out.json) : { ok: false, code: out?.error ?? 'internal', message: out?.detail };
  } catch (err) {
    ex = { ok: false, code: 'internal', message: String(err?.message ?? err) };
  }
  const { result } = value;
  if (ex.ok) {
    result.markdown = ex.markdown;
    result.markdownFrontMatter = ex.markdownFrontMatter;
  } else {
    result.exportsError = `${ex.code}: ${ex.message ?? ''}`;
  }
  result.exportsReady = true;
  await api.storage.session.set({ [`article:${key}`]: value });
}

async function store(key, value) {
  const all = await api.storage.session.get(null);
  const old = Object.entries(all)
    .filter(([k]) => k.startsWith('article:'))
    .sort((a, b) => (a[1]?.at ?? 0) - (b[1]?.at ?? 0))
    .map(([k]) => k);
  const drop = old.slice(0, Math.max(0, old.length - (KEEP_ARTICLES - 1)));
  if (drop.length) await api.storage.session.remove(drop);
  try {
    await api.storage.session.set({ [`article:${key}`]: value });
  } catch {
    // Over quota: keep only this one.
    await api.storage.session.remove(old);
    await api.storage.session.set({ [`article:${key}`]: value });
  }
}

/** Read the tab and open the reader next to it; on failure the reader page shows the
 *  translated error, so a shortcut or menu click never fails silently. */
export async function openReader(tabId, selectionOnly) {
  const r = await readTab(tabId, selectionOnly, false);
  const page = api.runtime.getURL('reader/reader.html');
  const url = r.ok
    ? `${page}?id=${encodeURIComponent(r.key)}`
    : `${page}?error=${encodeURIComponent(r.code)}&detail=${encodeURIComponent(r.detail ?? '')}`;
  let index;
  try {
    index = (await api.tabs.get(tabId)).index + 1;
  } catch {
    index = undefined;
  }
  await api.tabs.create({ url, index, openerTabId: index === undefined ? undefined : tabId });
  if (r.ok) await addExports(tabId, r.key, r.value);
  return r;
}

/** The response without the stored value (it is `result` again). */
function response(r) {
  const { value, ...rest } = r;
  return rest;
}

async function handle(req) {
  if (req.type === READ) return response(await readTab(req.tabId, req.selectionOnly));
  if (req.type === OPEN_READER) return response(await openReader(req.tabId, req.selectionOnly));
  return { ok: false, code: 'internal', detail: 'unknown request' };
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (!isOwnPage(sender, api.runtime)) return false;
  const req = parseRequest(msg);
  if (!req) return false;
  handle(req).then(sendResponse, (err) =>
    sendResponse({ ok: false, code: 'internal', detail: String(err?.message ?? err) }),
  );
  return true;
});

api.runtime.onInstalled.addListener(async () => {
  await api.contextMenus.removeAll();
  api.contextMenus.create({
    id: MENU_SELECTION,
    title: api.i18n.getMessage('menuReadSelection'),
    contexts: ['selection'],
  });
  api.contextMenus.create({
    id: MENU_PAGE,
    title: api.i18n.getMessage('menuOpenReader'),
    contexts: ['page'],
  });
});

api.contextMenus.onClicked.addListener((info, tab) => {
  if (!tab?.id || tab.id < 0) return;
  if (info.menuItemId === MENU_SELECTION) openReader(tab.id, true);
  else if (info.menuItemId === MENU_PAGE) openReader(tab.id, false);
});

api.commands.onCommand.addListener(async (command, tab) => {
  if (command !== 'open-reader') return;
  const id = tab?.id ?? (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (id !== undefined) openReader(id, false);
});
