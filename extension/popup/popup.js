// Toolbar popup: reads the active tab as soon as it opens (the click granted activeTab),
// then offers the reader and the three one-click exports.
import { READ, OPEN_READER } from '../shared/messages.js';
import { safeFileName } from '../shared/filename.js';
import { copyText, download } from '../shared/io.js';

const api = globalThis.browser ?? globalThis.chrome;
const t = (k, subs) => api.i18n.getMessage(k, subs);
const $ = (id) => document.getElementById(id);

document.documentElement.lang = api.i18n.getUILanguage();
for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);

let tabId;
let current = null;

function showError(r) {
  const meta = $('meta');
  meta.classList.add('error');
  meta.dataset.errorCode = r.code;
  meta.textContent = t(`error_${r.code}`, [r.detail ?? '']) || t('error_internal', [r.code]);
  document.documentElement.dataset.readmarkState = 'error';
}

async function read() {
  const selectionOnly = $('selection-only').checked;
  for (const b of document.querySelectorAll('button')) b.disabled = true;
  $('meta').classList.remove('error');
  $('meta').textContent = t('popupReading');
  const r = await api.runtime.sendMessage({ type: READ, tabId, selectionOnly });
  if (!r?.ok) {
    showError(r ?? { code: 'internal', detail: 'no answer' });
    $('open-reader').disabled = false; // the reader page shows the error too
    return;
  }
  current = r.result;
  const a = current.article;
  $('title').textContent = a.title || a.site_name || 'Readmark';
  $('meta').textContent = [a.site_name, t('readingTime', [String(a.reading_minutes || 1)])].filter(Boolean).join(' · ');
  for (const b of document.querySelectorAll('button')) b.disabled = false;
  document.documentElement.dataset.readmarkState = 'ready';
}

function fileTitle() {
  const a = current.article;
  return a.title || a.site_name || 'article';
}

$('open-reader').addEventListener('click', async () => {
  await api.runtime.sendMessage({ type: OPEN_READER, tabId, selectionOnly: $('selection-only').checked });
  if (!new URLSearchParams(location.search).has('tab')) window.close();
});
$('copy-md').addEventListener('click', async () => {
  try {
    await copyText(current.markdown);
    $('meta').textContent = t('statusCopied');
  } catch (err) {
    $('meta').textContent = t('statusCopyFailed', [String(err?.message ?? err)]);
  }
});
$('download-md').addEventListener('click', async () => {
  const name = safeFileName(fileTitle(), 'md');
  await download(name, 'text/markdown;charset=utf-8', current.markdownFrontMatter);
  $('meta').textContent = t('statusDownloaded', [name]);
});
$('download-json').addEventListener('click', async () => {
  const name = safeFileName(fileTitle(), 'json');
  await download(name, 'application/json;charset=utf-8', current.articleJson);
  $('meta').textContent = t('statusDownloaded', [name]);
});
$('selection-only').addEventListener('change', read);

async function main() {
  // `?tab=ID` lets tests (and a pinned popup) target a tab other than the active one.
  const param = Number(new URLSearchParams(location.search).get('tab'));
  if (Number.isInteger(param) && param > 0) tabId = param;
  else tabId = (await api.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return showError({ code: 'no_tab' });
  await read();
}
main().catch((err) => showError({ code: 'internal', detail: String(err) }));
