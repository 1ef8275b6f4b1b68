// Test builds only (never shipped): lets the end-to-end harness drive the background the
// way the popup, the shortcut and the context menu do, through the same messages.
import { READ, OPEN_READER } from '../shared/messages.js';

const api = globalThis.browser ?? globalThis.chrome;

async function findTab(url) {
  const tabs = await api.tabs.query({});
  const found = tabs.find((t) => t.url === url);
  if (found) return found.id;
  // Pages without host permission (chrome://, about:) hide their URL: the newest such tab.
  const hidden = tabs.filter((t) => !t.url || t.url === 'about:blank').sort((a, b) => b.id - a.id);
  return hidden[0]?.id ?? null;
}

/** Summaries only: WebDriver/CDP results stay small. */
function summary(r) {
  if (!r?.ok) return r;
  const a = r.result.article;
  return { ok: true, key: r.key, engine: r.engine, title: a.title, blocks: a.blocks.length, snapshot: r.result.snapshot, timings: r.result.timings };
}

window.readmarkTest = {
  findTab,
  async read(url, selectionOnly = false) {
    const tabId = await findTab(url);
    if (tabId === null) return { ok: false, code: 'test_no_tab', detail: url };
    return api.runtime.sendMessage({ type: READ, tabId, selectionOnly });
  },
  async readSummary(url, selectionOnly = false) {
    return summary(await this.read(url, selectionOnly));
  },
  async openReader(url, selectionOnly = false) {
    const tabId = await findTab(url);
    if (tabId === null) return { ok: false, code: 'test_no_tab', detail: url };
    return summary(await api.runtime.sendMessage({ type: OPEN_READER, tabId, selectionOnly }));
  },
  async openPopup(url) {
    const tabId = await findTab(url);
    await api.tabs.create({ url: api.runtime.getURL(`popup/popup.html?tab=${tabId}`) });
    return tabId;
  },
  async readClipboard() {
    return navigator.clipboard.readText();
  },
};
document.documentElement.dataset.ready = '1';
