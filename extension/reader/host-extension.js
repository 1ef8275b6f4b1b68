// The reader's host in the extension: translations from _locales, settings in extension
// storage (never the page's), the article from storage.session, clipboard and downloads.
import { mountReader } from './reader.js';
import { copyText, download } from '../shared/io.js';

const api = globalThis.browser ?? globalThis.chrome;

export const extensionHost = {
  t: (key, subs) => api.i18n.getMessage(key, subs),
  uiLang: api.i18n.getUILanguage(),
  loadSettings: async () => (await api.storage.local.get('readerSettings')).readerSettings ?? {},
  saveSettings: (s) => api.storage.local.set({ readerSettings: s }),
  copyText,
  download,
  loadExports,
};

/** The stored result once the background has added the Markdown exports (it renders
 *  them after opening this tab; they are normally there well before a click). */
async function loadExports() {
  const key = `article:${new URLSearchParams(location.search).get('id')}`;
  for (let waited = 0; ; waited += 50) {
    const result = (await api.storage.session.get(key))[key]?.result;
    if (!result) throw new Error('missing');
    if (result.exportsError) throw new Error(result.exportsError);
    if (result.markdown !== undefined) return result;
    if (waited >= 10_000) throw new Error('exports not ready');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function load() {
  const params = new URLSearchParams(location.search);
  if (params.has('error')) {
    return { error: { code: params.get('error'), detail: params.get('detail') ?? '' } };
  }
  const id = params.get('id');
  if (!id) return { error: { code: 'missing' } };
  const key = `article:${id}`;
  const stored = (await api.storage.session.get(key))[key];
  return stored ? { result: stored.result, engine: stored.engine } : { error: { code: 'missing' } };
}

load()
  .then((data) => mountReader(document.getElementById('readmark-root'), data, extensionHost))
  .catch((err) => {
    console.error('Readmark reader:', err);
    mountReader(document.getElementById('readmark-root'), { error: { code: 'internal', detail: String(err) } }, extensionHost);
  });
