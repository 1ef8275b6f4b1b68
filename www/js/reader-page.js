// reader.html: the bookmarklet's reader. The bookmarklet (running in the page being read)
// opens this page and waits for our "ready"; we answer only to the window that opened us,
// and accept exactly one snapshot, and only when:
//   - it comes from that window (`event.source === window.opener`),
//   - it carries the one-time token sent in "ready" (so it answers *this* handshake),
//   - the page URL it claims is on the origin that sent it (`event.origin`): a page can
//     only hand over itself, never pose as another site.
// Anything else is ignored (and counted in <html data-readmark-ignored> for the tests).
// The snapshot is only ever parsed by the Rust core; the reader renders the core's model
// with DOM APIs (extension/reader/render.js), so no page markup reaches this origin's DOM.
import { mountReader } from '../reader/reader.js';
import { createWwwHost } from './host-www.js';
import { read, startEngine, errorCode } from './engine.js';
import './offline.js';

const root = document.getElementById('readmark-root');
const docEl = document.documentElement;
const MAX_HTML = 64 * 1024 * 1024 + 1024;
const WAIT_MS = 60_000;

startEngine().catch(() => {}); // download and compile while the snapshot travels

const token = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
let accepted = false;
let ignored = 0;

function ignore(reason) {
  ignored += 1;
  docEl.dataset.readmarkIgnored = String(ignored);
  console.info(`Readmark: ignored a message (${reason})`);
}

/** The page URL may only be on the sender's origin (`file:` pages send origin "null"). */
function urlMatchesOrigin(url, origin) {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') return u.origin === origin;
    return origin === 'null' && u.protocol === 'file:';
  } catch {
    return false;
  }
}

function validSnapshot(s) {
  return s && typeof s === 'object' && typeof s.html === 'string' && s.html.length <= MAX_HTML
    && typeof s.url === 'string' && (s.selectionHtml == null || typeof s.selectionHtml === 'string');
}

function notice(host, key, state, subs) {
  const p = document.createElement('p');
  p.className = 'rm-error-message';
  p.dataset.notice = key;
  p.textContent = host.t(key, subs);
  const home = document.createElement('a');
  home.href = './';
  home.textContent = host.t('readerHome');
  const article = document.createElement('article');
  article.className = 'rm-article rm-notice';
  const h1 = document.createElement('h1');
  h1.textContent = host.t('readerTitle');
  article.append(h1, p, home);
  const main = document.createElement('main');
  main.id = 'main';
  main.className = 'rm-main';
  main.append(article);
  root.replaceChildren(main);
  docEl.dataset.readmarkState = state;
}

async function show(host, snapshot, useSelection) {
  notice(host, 'readerReading', 'reading');
  const selection = useSelection && !!snapshot.selectionHtml;
  let result;
  try {
    result = await read(selection ? snapshot.selectionHtml : snapshot.html, { url: snapshot.url, selectionOnly: selection });
  } catch (err) {
    notice(host, 'engineFailed', 'error', [String(err?.message ?? err)]);
    return;
  }
  const data = result.ok ? { result } : { error: { code: errorCode(result.code), detail: result.message } };
  await mountReader(root, data, host);
  if (selection) {
    // The user had text selected: that is the article; the whole page is one click away.
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'rm-button';
    again.dataset.action = 'whole-page';
    again.textContent = host.t('readerWholePage');
    again.addEventListener('click', () => show(host, snapshot, false));
    root.querySelector('.rm-actions')?.append(again);
  }
}

async function main() {
  const host = await createWwwHost();
  const opener = window.opener;
  if (!opener) {
    notice(host, 'readerNoOpener', 'idle');
    return;
  }
  notice(host, 'readerWaiting', 'waiting');
  const timer = setTimeout(() => {
    if (!accepted) notice(host, 'readerTimeout', 'timeout');
  }, WAIT_MS);
  window.addEventListener('message', (e) => {
    if (accepted) return ignore('already have a page');
    if (e.source !== opener) return ignore('not from the window that opened the reader');
    const d = e.data;
    if (!d || d.type !== 'readmark:snapshot') return ignore('not a snapshot');
    if (d.token !== token) return ignore('wrong token');
    if (!validSnapshot(d.snapshot)) return ignore('malformed snapshot');
    if (!urlMatchesOrigin(d.snapshot.url, e.origin)) return ignore(`URL not on the sender's origin ${e.origin}`);
    accepted = true;
    clearTimeout(timer);
    show(host, d.snapshot, true);
  });
  // Only a token goes out, to whoever opened us; the page answers with its snapshot.
  opener.postMessage({ type: 'readmark:ready', token }, '*');
}

main().catch((err) => {
  console.error('Readmark reader:', err);
  root.textContent = String(err);
  docEl.dataset.readmarkState = 'error';
});
