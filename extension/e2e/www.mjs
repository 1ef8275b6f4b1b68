#!/usr/bin/env node
// End-to-end tests of the web site (dist/www, served by `cargo xtask www-e2e`) in real
// browsers: the bookmarklet, the playground, and messages from wrong origins.
//
//   node extension/e2e/www.mjs --browser chromium|firefox --site ORIGIN --cli PATH --out DIR
//        [--screenshot FILE]   (the reader on the seed page, light theme: www/img/reader.png)
//
// Three origins: the site (ORIGIN), the pages being read (server.py, another port) and a
// third one playing the attacker (a second server.py).
//
// - Bookmarklet: for each page × CSP mode (no CSP, `script-src 'self'`, `default-src
//   'none'`), the bookmarklet's exact source (decoded from the landing page's link) runs
//   in the page through WebDriver/CDP — as a bookmark click does, outside the page's CSP
//   (see DEVELOPING.md: browsers exempt bookmarklets from CSP; automation cannot click a
//   bookmark). The reader must open in a new window on the site, and its Copy Markdown,
//   Download .md and Download .json must equal the CLI's output for the served bytes and
//   URL (byte for byte), or, for the live-DOM page, show what only a live DOM has.
// - A selection: only the selection is read, and "Read the whole page instead" works.
// - A blocked popup (window.open returning null, as a popup blocker does): the page shows
//   the notice, and its "Open reader" button (a real click) opens the reader.
// - The snapshot cannot be taken (a broken page API): the notice says what to do.
// - Playground: a pasted page and an opened file (GBK bytes) → Markdown and JSON equal to
//   the CLI's, and its .md download.
// - Offline (Chromium): once loaded, the playground reloads and works without network.
// - axe-core: no serious or critical violation on the landing page, the playground and the
//   reader, in the light and dark themes.
// - Wrong origins: snapshots with a wrong token, claiming another origin's URL, or from a
//   window that is not the reader's opener (a frame of it) are ignored, while the opener's
//   own page is accepted; a fake "ready" from a window on another origin gets no snapshot.
// Writes OUT/results.json; exit 1 on any failure.

import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ChromiumDriver, FirefoxDriver } from './drivers.mjs';
import { checkExports, checkLivePage, expected, firstDiff, startServer } from './run.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parseArgs(argv) {
  const o = { browser: 'chromium', out: path.join(REPO, 'target/www-e2e') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--browser') o.browser = v();
    else if (a === '--site') o.site = v();
    else if (a === '--cli') o.cli = v();
    else if (a === '--out') o.out = v();
    else if (a === '--screenshot') o.screenshot = v();
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.site) throw new Error('--site ORIGIN is required');
  o.out = path.resolve(o.out);
  o.cli ??= path.join(REPO, 'target/release/readmark');
  return o;
}

const MODES = ['plain', 'csp-self', 'csp-none'];
const CASES = [
  { name: 'seed', path: 'fixtures/seed-dedecms.html', exact: true },
  { name: 'rtl', path: 'fixtures/rtl-arabic.html', exact: true, rtl: true },
  { name: 'long', path: 'gen/long.html', exact: true },
  { name: 'live', path: 'pages/live.html', exact: false },
];

/** The bookmarklet as the landing page offers it: the link's href, decoded. */
async function bookmarkletSource(site) {
  const html = await (await fetch(`${site}/index.html`)).text();
  const m = /id="bookmarklet-link" href="([^"]+)"/.exec(html);
  if (!m) throw new Error('no bookmarklet link on the landing page');
  const href = m[1].replaceAll('&quot;', '"').replaceAll('&amp;', '&');
  if (!href.startsWith('javascript:')) throw new Error('the bookmarklet link is not a javascript: URL');
  return { href, source: decodeURIComponent(href.slice('javascript:'.length)) };
}

function cli(o, file, url, ...args) {
  const extra = url ? ['--url', url] : [];
  return execFileSync(o.cli, [...args, ...extra, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

/** Wait until <html data-readmark-state> leaves the transient states. */
const SETTLED = `() => new Promise((resolve) => {
  const t0 = Date.now();
  (function poll() {
    const s = document.documentElement.dataset.readmarkState;
    if ((s && s !== 'waiting' && s !== 'reading') || Date.now() - t0 > 20000) resolve(s || 'none'); else setTimeout(poll, 50);
  })();
})`;

const run = (src) => `() => { ${src}\n return true; }`;

async function readerExports(d, tab) {
  await d.click(tab, '[data-action="copy-md"]');
  await sleep(300);
  const copied = await d.clipboard(tab);
  const md = await d.download(tab, '[data-action="download-md"]');
  const json = await d.download(tab, '[data-action="download-json"]');
  return { copied, md, json };
}

/** Click an element inside the notice's shadow root (a real click: user activation). */
async function clickNoticeButton(d, tab, which) {
  if (d.name === 'chromium') {
    // Playwright's CSS selectors pierce open shadow roots.
    await tab.click(`#readmark-notice button[data-readmark="${which}"]`);
    return;
  }
  await d.switchTo(tab);
  const el = await d.exec(
    `return document.getElementById('readmark-notice').shadowRoot.querySelector('button[data-readmark="${which}"]')`,
  );
  const id = Object.values(el)[0];
  await d.cmd('POST', `/session/${d.sid}/element/${id}/click`, {});
}

async function bookmarkletCase(d, o, bm, c, mode, pages, check) {
  const url = `${pages}/${mode}/${c.path}`;
  const page = await d.openTab(url);
  let reader;
  try {
    await d.evaluate(page, run(bm.source));
    reader = await d.waitForTab(`${o.site}/reader.html`);
    const state = await d.evaluate(reader, SETTLED);
    check('reader opens with the article', state === 'ready', `state ${state}`);
    if (state !== 'ready') {
      const msg = await d.evaluate(reader, '() => document.querySelector(".rm-error-message")?.textContent ?? ""');
      check('reader message', false, msg);
      return;
    }
    const original = await d.evaluate(reader, '() => document.querySelector(".rm-original a")?.getAttribute("href") ?? ""');
    check('link to the original page', original === url, original);
    const flow = await readerExports(d, reader);
    if (c.exact) {
      const want = await expected(o, url, `${c.name}-${mode}`);
      checkExports(check, flow, want);
    } else {
      checkLivePage(check, flow.copied, mode);
      check('json title', JSON.parse(flow.json.text).title === 'Live DOM features', flow.json.text.slice(0, 100));
    }
    if (c.rtl) {
      const dir = await d.evaluate(reader, '() => document.querySelector("article.rm-article").getAttribute("dir")');
      check('reader article dir=rtl', dir === 'rtl', dir);
    }
  } finally {
    if (reader) await d.closeTab(reader);
    await d.closeTab(page);
  }
}

/** window.open returns null (a popup blocker): the notice, then its button opens the reader. */
async function popupBlocked(d, o, bm, pages, check) {
  const url = `${pages}/csp-none/fixtures/seed-dedecms.html`;
  const page = await d.openTab(url);
  let reader;
  try {
    await d.evaluate(page, `() => { window.__open = window.open; window.open = () => null; return true; }`);
    await d.evaluate(page, run(bm.source));
    const text = await d.evaluate(page, `() => document.getElementById('readmark-notice')?.shadowRoot?.textContent ?? ''`);
    check('notice says the popup was blocked', /blocked the Readmark window/.test(text) && /allow pop-ups/.test(text), text);
    await d.evaluate(page, `() => { window.open = window.__open; return true; }`);
    await clickNoticeButton(d, page, 'retry');
    reader = await d.waitForTab(`${o.site}/reader.html`);
    const state = await d.evaluate(reader, SETTLED);
    check('"Open reader" opens the reader', state === 'ready', state);
    const gone = await d.evaluate(page, `() => !document.getElementById('readmark-notice')`);
    check('notice removed', gone, 'still shown');
  } finally {
    if (reader) await d.closeTab(reader);
    await d.closeTab(page);
  }
}

/** With a selection: the selection is the article; the whole page is one click away. */
async function selection(d, o, bm, pages, check) {
  const page = await d.openTab(`${pages}/csp-self/pages/live.html`);
  let reader;
  try {
    await d.evaluate(page, `() => {
      const p = [...document.querySelectorAll('article p')].find((x) => x.textContent.includes('second paragraph'));
      const r = document.createRange(); r.selectNodeContents(p);
      getSelection().removeAllRanges(); getSelection().addRange(r); return true; }`);
    await d.evaluate(page, run(bm.source));
    reader = await d.waitForTab(`${o.site}/reader.html`);
    check('reader opens', (await d.evaluate(reader, SETTLED)) === 'ready', 'not ready');
    const body = () => d.evaluate(reader, `() => document.querySelector('.rm-body')?.textContent ?? ''`);
    let text = await body();
    const marked = await d.evaluate(reader, `() => !!document.querySelector('.rm-selection')`);
    check('only the selection', marked && text.includes('second paragraph') && !text.includes('first paragraph'), text.slice(0, 200));
    await d.click(reader, '[data-action="whole-page"]');
    await sleep(200);
    check('whole page on request', (await d.evaluate(reader, SETTLED)) === 'ready', 'not ready');
    text = await body();
    check('whole page read', text.includes('first paragraph') && text.includes('second paragraph'), text.slice(0, 200));
  } finally {
    if (reader) await d.closeTab(reader);
    await d.closeTab(page);
  }
}

/** The page cannot be serialized: a notice says so and what to do instead. */
async function snapshotFails(d, o, bm, pages, check) {
  const page = await d.openTab(`${pages}/csp-none/fixtures/seed-dedecms.html`);
  try {
    await d.evaluate(page, `() => { Element.prototype.checkVisibility = () => { throw new Error('broken page API'); }; return true; }`);
    await d.evaluate(page, run(bm.source));
    const text = await d.evaluate(page, `() => document.getElementById('readmark-notice')?.shadowRoot?.textContent ?? ''`);
    check('notice explains and suggests the playground', /could not read this page \(broken page API\)/.test(text) && /playground/.test(text), text);
  } finally {
    await d.closeTab(page);
  }
}

/** Chromium: once loaded, the playground works offline (the service worker's copy). */
async function offline(d, o, check) {
  const tab = await d.openTab(`${o.site}/playground.html`);
  try {
    const controlled = await d.evaluate(tab, `() => navigator.serviceWorker.ready.then(() => new Promise((resolve) => {
      if (navigator.serviceWorker.controller) resolve(true);
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
      setTimeout(() => resolve(false), 10000);
    }))`);
    check('service worker controls the page', controlled, 'no controller');
    await d.ctx.setOffline(true);
    await tab.reload({ waitUntil: 'load' });
    await d.click(tab, '#pg-example');
    const state = await d.evaluate(tab, `() => new Promise((r) => { const t0 = Date.now(); const t = setInterval(() => { const s = document.documentElement.dataset.playgroundState; if ((s && s !== 'reading') || Date.now() - t0 > 15000) { clearInterval(t); r(s ?? 'none'); } }, 50); })`);
    check('offline: playground reloads and reads the example', state === 'ready', state);
    const net = await d.evaluate(tab, `() => fetch('not-cached-' + Date.now() + '.txt').then(() => 'online', () => 'offline')`);
    check('really offline', net === 'offline', net);
  } finally {
    await d.ctx.setOffline(false);
    await d.closeTab(tab);
  }
}

/** axe-core on the landing page, the playground with a result, and the reader (light, dark). */
async function axe(d, o, bm, pages, check) {
  const axeSrc = fs.readFileSync(path.join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const audit = async (tab, what) => {
    for (const theme of ['light', 'dark']) {
      // axe's source is part of the evaluated function (the site's CSP forbids eval).
      const res = await d.evaluate(tab, `async (theme) => {
        document.documentElement.dataset.theme = theme;
        if (!window.axe) { ${axeSrc}
 }
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      }`, theme);
      const bad = Array.isArray(res) ? res.filter((v) => v.impact === 'serious' || v.impact === 'critical') : res;
      check(`axe ${what} ${theme}: no serious/critical`, Array.isArray(bad) && bad.length === 0, JSON.stringify(bad));
    }
  };
  const landing = await d.openTab(`${o.site}/`);
  await d.screenshot(landing, path.join(o.out, `landing-${d.name}.png`));
  await audit(landing, 'landing');
  await d.closeTab(landing);
  const pg = await d.openTab(`${o.site}/playground.html`);
  await d.click(pg, '#pg-example');
  await d.evaluate(pg, `() => new Promise((r) => { const t = setInterval(() => { if (document.documentElement.dataset.playgroundState === 'ready') { clearInterval(t); r(true); } }, 50); })`);
  await audit(pg, 'playground');
  await d.closeTab(pg);
  const page = await d.openTab(`${pages}/plain/fixtures/seed-dedecms.html`);
  await d.evaluate(page, run(bm.source));
  const reader = await d.waitForTab(`${o.site}/reader.html`);
  await d.evaluate(reader, SETTLED);
  if (o.screenshot) {
    await d.evaluate(reader, `() => { document.documentElement.dataset.theme = 'light'; return true; }`);
    await d.screenshot(reader, o.screenshot);
  }
  await audit(reader, 'reader');
  await d.closeTab(reader);
  await d.closeTab(page);
}

/** The reader ignores what does not come from its opener, with its token, about itself. */
async function wrongOrigins(d, o, bm, pages, evil, check) {
  // 1. A page on a third origin opens the reader itself and tries to pose as another site.
  const page = await d.openTab(`${evil}/plain/pages/live.html`);
  let reader;
  const fake = (title) => `<!doctype html><html><head><title>${title}</title></head><body><article><h1>${title}</h1>${'<p>Fake paragraph with enough words to be read as an article by the engine, again and again.</p>'.repeat(8)}</article></body></html>`;
  try {
    await d.evaluate(page, `(site) => {
      window.__tokens = [];
      addEventListener('message', (e) => { if (e.data?.type === 'readmark:ready') window.__tokens.push(e.data.token); });
      window.__reader = window.open(site + '/reader.html', 'readmark-under-test');
      return true; }`, o.site);
    reader = await d.waitForTab(`${o.site}/reader.html`);
    await d.evaluate(page, `() => new Promise((r) => { const t = setInterval(() => { if (window.__tokens.length) { clearInterval(t); r(true); } }, 50); })`);
    const post = (snapshot, token) => d.evaluate(page, `(s, tok) => { window.__reader.postMessage({ type: 'readmark:snapshot', token: tok ?? window.__tokens[0], snapshot: s }, '*'); return true; }`, snapshot, token ?? null);
    await post({ html: fake('WRONG-TOKEN'), url: `${evil}/plain/x.html` }, 'not-the-token');
    await post({ html: fake('OTHER-ORIGIN'), url: `${pages}/plain/fixtures/seed-dedecms.html` });
    await post({ html: fake('OTHER-ORIGIN-2'), url: 'https://bank.example/login' });
    await sleep(500);
    let st = await d.evaluate(reader, `() => ({ state: document.documentElement.dataset.readmarkState, ignored: document.documentElement.dataset.readmarkIgnored, text: document.body.textContent })`);
    check('wrong token ignored, another origin\'s URL ignored', st.state === 'waiting' && st.ignored === '3' && !/WRONG-TOKEN|OTHER-ORIGIN/.test(st.text), JSON.stringify({ ...st, text: st.text.slice(0, 120) }));

    // 2. A window that is not the reader's opener — a frame inside it, with the token and
    //    a URL on its own origin (only the source differs) — is ignored.
    await d.evaluate(page, `(html) => {
      const f = document.createElement('iframe');
      document.body.append(f);
      // A function of the frame's realm: the message's source is the frame's window.
      const send = new f.contentWindow.Function('r', 'm', 'r.postMessage(m, "*")');
      send(window.__reader, { type: 'readmark:snapshot', token: window.__tokens[0], snapshot: { html, url: location.origin + '/plain/frame.html' } });
      return true; }`, fake('NOT-OPENER'));
    await sleep(500);
    st = await d.evaluate(reader, `() => ({ state: document.documentElement.dataset.readmarkState, ignored: document.documentElement.dataset.readmarkIgnored, text: document.body.textContent })`);
    check('a window other than the opener is ignored', st.state === 'waiting' && st.ignored === '4' && !/NOT-OPENER/.test(st.text), JSON.stringify({ ...st, text: st.text.slice(0, 120) }));

    // 3. Control: the opener handing over its own page with the token is accepted.
    await post({ html: fake('OWN-PAGE'), url: `${evil}/plain/own.html` });
    const state = await d.evaluate(reader, SETTLED);
    const title = await d.evaluate(reader, `() => document.querySelector('.rm-title')?.textContent ?? ''`);
    check('control: the opener\'s own page is accepted', state === 'ready' && title === 'OWN-PAGE', `${state} ${title}`);
  } finally {
    if (reader) await d.closeTab(reader);
    await d.closeTab(page);
  }

  // 4. The bookmarklet's side: a window on another origin answering "ready" gets nothing.
  const victim = await d.openTab(`${pages}/plain/fixtures/seed-dedecms.html`);
  let impostor;
  try {
    await d.evaluate(victim, `(evilUrl) => { const open = window.open; window.open = (u, n) => open.call(window, evilUrl, n); return true; }`, `${evil}/plain/pages/live.html`);
    await d.evaluate(victim, run(bm.source));
    impostor = await d.waitForTab(`${evil}/plain/pages/live.html`);
    const got = await d.evaluate(impostor, `() => new Promise((resolve) => {
      let got = null;
      addEventListener('message', (e) => { got = e.data?.type ?? 'message'; });
      window.opener.postMessage({ type: 'readmark:ready', token: 'impostor' }, '*');
      setTimeout(() => resolve(got), 1500);
    })`);
    check('bookmarklet sends nothing to another origin', got === null, `got ${got}`);
  } finally {
    if (impostor) await d.closeTab(impostor);
    await d.closeTab(victim);
  }
}

async function playground(d, o, pages, check) {
  const url = `${pages}/plain/fixtures/seed-dedecms.html`;
  const want = await expected(o, url, 'playground-seed');
  const html = fs.readFileSync(want.file, 'utf8');
  const tab = await d.openTab(`${o.site}/playground.html`);
  try {
    await d.evaluate(tab, `(html, url) => {
      const box = document.getElementById('pg-html');
      box.value = html; box.dispatchEvent(new Event('input', { bubbles: true }));
      document.getElementById('pg-url').value = url;
      return true; }`, html, url);
    await d.click(tab, '#pg-read');
    const out = await d.evaluate(tab, `() => new Promise((resolve) => {
      const t0 = Date.now();
      (function poll() {
        const s = document.documentElement.dataset.playgroundState;
        if ((s && s !== 'reading') || Date.now() - t0 > 20000) resolve({ s, md: document.getElementById('pg-markdown').textContent, json: document.getElementById('pg-json').textContent, title: document.querySelector('#readmark-root .rm-title')?.textContent ?? '' });
        else setTimeout(poll, 50);
      })(); })`);
    check('pasted page read', out.s === 'ready', out.s);
    check('Markdown pane = CLI md', out.md === want.md, firstDiff(out.md, want.md));
    check('JSON pane = CLI json', out.json === want.json, firstDiff(out.json, want.json));
    check('reader pane shows the title', out.title === JSON.parse(want.json).title, out.title);
    const dl = await d.download(tab, '[data-action="pg-download-md"]');
    check('Download .md = CLI md --front-matter', dl.text === want.mdFm, firstDiff(dl.text, want.mdFm));

    // A saved page in a legacy encoding, opened as a file.
    const gbk = path.join(REPO, 'tests/fixtures/dedecms-gbk/source.html');
    const gbkMd = cli(o, gbk, null, '--format', 'md');
    await d.evaluate(tab, `() => { document.getElementById('pg-url').value = ''; delete document.documentElement.dataset.playgroundState; return true; }`);
    if (d.name === 'chromium') {
      await tab.setInputFiles('#pg-file', gbk);
    } else {
      await d.switchTo(tab);
      const el = await d.cmd('POST', `/session/${d.sid}/element`, { using: 'css selector', value: '#pg-file' });
      await d.cmd('POST', `/session/${d.sid}/element/${Object.values(el)[0]}/value`, { text: gbk });
    }
    const md2 = await d.evaluate(tab, `() => new Promise((resolve) => {
      const t0 = Date.now();
      (function poll() {
        const s = document.documentElement.dataset.playgroundState;
        if ((s && s !== 'reading') || Date.now() - t0 > 20000) resolve(document.getElementById('pg-markdown').textContent); else setTimeout(poll, 50);
      })(); })`);
    check('opened GBK file: Markdown = CLI md', md2 === gbkMd, firstDiff(md2, gbkMd));
    await d.evaluate(tab, `() => { document.querySelector('.pg-output')?.scrollIntoView(); return true; }`);
    await d.screenshot(tab, path.join(o.out, `playground-${d.name}.png`));
  } finally {
    await d.closeTab(tab);
  }
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  fs.mkdirSync(o.out, { recursive: true });
  const pagesSrv = await startServer();
  const evilSrv = await startServer();
  const bm = await bookmarkletSource(o.site);
  const d = o.browser === 'firefox' ? new FirefoxDriver() : new ChromiumDriver();
  const results = [];
  const t0 = Date.now();
  const test = async (name, mode, fn) => {
    const checks = [];
    const check = (n, ok, detail = '') => checks.push({ name: n, ok: !!ok, detail: ok ? '' : String(detail) });
    const t = Date.now();
    try {
      await fn(check);
    } catch (err) {
      check('no exception', false, err?.stack ?? err);
    }
    const ok = checks.length > 0 && checks.every((c) => c.ok);
    results.push({ case: name, mode, ok, ms: Date.now() - t, checks });
    const failed = checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
    console.log(`${ok ? 'PASS' : 'FAIL'} ${d.name} ${name.padEnd(22)} ${mode.padEnd(8)} ${Date.now() - t} ms${failed.length ? `\n    ${failed.join('\n    ')}` : ''}`);
  };
  try {
    await d.start(null, o.out, pagesSrv.origin);
    console.log(`${d.name} ${d.version}: site ${o.site}, pages ${pagesSrv.origin}, third origin ${evilSrv.origin}; bookmarklet ${bm.href.length} bytes`);
    for (const c of CASES) {
      for (const mode of MODES) await test(`bookmarklet ${c.name}`, mode, (check) => bookmarkletCase(d, o, bm, c, mode, pagesSrv.origin, check));
    }
    await test('selection', 'csp-self', (check) => selection(d, o, bm, pagesSrv.origin, check));
    await test('popup blocked', 'csp-none', (check) => popupBlocked(d, o, bm, pagesSrv.origin, check));
    await test('snapshot fails', 'csp-none', (check) => snapshotFails(d, o, bm, pagesSrv.origin, check));
    await test('wrong origins', '-', (check) => wrongOrigins(d, o, bm, pagesSrv.origin, evilSrv.origin, check));
    await test('playground', '-', (check) => playground(d, o, pagesSrv.origin, check));
    await test('axe', '-', (check) => axe(d, o, bm, pagesSrv.origin, check));
    // WebDriver classic has no way to take Firefox offline.
    if (d.name === 'chromium') await test('offline', '-', (check) => offline(d, o, check));
  } catch (err) {
    results.push({ case: 'harness', mode: '-', ok: false, checks: [{ name: 'harness', ok: false, detail: String(err?.stack ?? err) }] });
    console.log(`FAIL ${d.name} harness: ${err?.stack ?? err}`);
  } finally {
    await d.stop();
    pagesSrv.proc.kill();
    evilSrv.proc.kill();
  }
  const failed = results.filter((r) => !r.ok).length;
  const summary = { browser: d.name, version: d.version, bookmarkletBytes: bm.href.length, passed: results.length - failed, failed, seconds: (Date.now() - t0) / 1000, results };
  fs.writeFileSync(path.join(o.out, 'results.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`${d.name}: ${summary.passed} passed, ${failed} failed in ${summary.seconds.toFixed(0)} s → ${path.join(o.out, 'results.json')}`);
  process.exit(failed ? 1 : 0);
}

main();
