// The playground: HTML from the textarea, a file (picked or dropped) or the bundled
// example → the engine → the reader view (the extension's reader UI), the Markdown and
// the JSON side by side. The pasted HTML is only ever given to the Rust core as a string;
// what appears on this page is the core's model rendered with DOM APIs (reader) or plain
// text (`textContent`: Markdown, JSON). Nothing leaves the tab.
import { mountReader } from '../reader/reader.js';
import { safeFileName } from '../shared/filename.js';
import { createWwwHost } from './host-www.js';
import { read, startEngine, errorCode } from './engine.js';
import { decodeHtml } from './decode.js';
import './offline.js';

const $ = (id) => document.getElementById(id);
const form = $('pg-form');
const htmlBox = $('pg-html');
const urlBox = $('pg-url');
const fileBox = $('pg-file');
const status = $('pg-status');
const output = $('pg-output');
const docEl = document.documentElement;
const siteTitle = document.title;

startEngine().catch((err) => say(`The engine could not start in this browser: ${err?.message ?? err}`));
const hostReady = createWwwHost();
let current = null;

function say(msg) {
  status.textContent = msg;
}

async function run() {
  const html = htmlBox.value;
  if (!html.trim()) {
    say('Paste some HTML, or open a file, first.');
    htmlBox.focus();
    return;
  }
  const url = urlBox.value.trim();
  if (url && !/^https?:\/\//i.test(url)) {
    say('The page address must start with http:// or https://.');
    urlBox.focus();
    return;
  }
  say('Reading…');
  docEl.dataset.playgroundState = 'reading';
  const host = await hostReady;
  const t0 = performance.now();
  const result = await read(html, { url });
  const ms = Math.round(performance.now() - t0);
  output.hidden = false;
  const root = $('readmark-root');
  if (!result.ok) {
    current = null;
    $('pg-markdown').textContent = '';
    $('pg-json').textContent = '';
    await mountReader(root, { error: { code: errorCode(result.code), detail: result.message } }, host);
    say(`No article: ${result.message}`);
  } else {
    current = result;
    $('pg-markdown').textContent = result.markdown;
    $('pg-json').textContent = result.articleJson;
    await mountReader(root, { result }, host);
    say(`Done in ${ms} ms: ${result.article.word_count ?? 0} words.`);
  }
  // The reader sets the page's title and language for its own page; this page keeps its own.
  document.title = siteTitle;
  docEl.lang = 'en';
  docEl.dataset.playgroundState = result.ok ? 'ready' : 'error';
}

async function loadFile(file) {
  if (!file) return;
  const { text, encoding } = decodeHtml(new Uint8Array(await file.arrayBuffer()));
  htmlBox.value = text;
  say(`Opened ${file.name} (${encoding}).`);
  await run();
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  run().catch((err) => say(`Error: ${err?.message ?? err}`));
});
fileBox.addEventListener('change', () => loadFile(fileBox.files?.[0]));
$('pg-example').addEventListener('click', async () => {
  const res = await fetch('examples/article.html');
  htmlBox.value = await res.text();
  urlBox.value = 'https://example.org/2024/06/reading-on-the-web';
  await run();
});
$('pg-clear').addEventListener('click', () => {
  htmlBox.value = '';
  urlBox.value = '';
  output.hidden = true;
  current = null;
  say('');
  htmlBox.focus();
});

// Copy and download for the Markdown and JSON panes (the reader pane has its own toolbar).
const exports = {
  'pg-copy-md': async (host) => {
    await host.copyText(current.markdown);
    say('Markdown copied.');
  },
  'pg-copy-json': async (host) => {
    await host.copyText(current.articleJson);
    say('JSON copied.');
  },
  'pg-download-md': async (host) => {
    const name = safeFileName(current.article.title || 'article', 'md');
    await host.download(name, 'text/markdown;charset=utf-8', current.markdownFrontMatter);
    say(`Saved ${name}.`);
  },
  'pg-download-json': async (host) => {
    const name = safeFileName(current.article.title || 'article', 'json');
    await host.download(name, 'application/json;charset=utf-8', current.articleJson);
    say(`Saved ${name}.`);
  },
};
output.addEventListener('click', async (e) => {
  const action = e.target.closest?.('button')?.dataset.action;
  if (!exports[action]) return;
  if (!current) return say('Nothing to export yet.');
  try {
    await exports[action](await hostReady);
  } catch (err) {
    say(`Could not export: ${err?.message ?? err}`);
  }
});

// Drop a file anywhere on the page.
let depth = 0;
document.addEventListener('dragenter', (e) => {
  if (![...(e.dataTransfer?.types ?? [])].includes('Files')) return;
  depth += 1;
  docEl.dataset.dragging = '1';
});
document.addEventListener('dragleave', () => {
  depth = Math.max(0, depth - 1);
  if (!depth) delete docEl.dataset.dragging;
});
document.addEventListener('dragover', (e) => e.preventDefault());
document.addEventListener('drop', (e) => {
  e.preventDefault();
  depth = 0;
  delete docEl.dataset.dragging;
  loadFile(e.dataTransfer?.files?.[0]).catch((err) => say(`Could not open the file: ${err?.message ?? err}`));
});
