#!/usr/bin/env node
// End-to-end tests of the built extension in real browsers, on locally served pages.
//
//   node extension/e2e/run.mjs --browser chromium|firefox --ext DIR --cli PATH --out DIR
//        [--axe] [--screenshots] [--demo PAGE_URL]
//
// For each page × CSP mode (no CSP, `script-src 'self'`, `default-src 'none'`): the
// reader opens through the background (same messages as the toolbar), the reader's
// "Copy Markdown" / "Download .md" / "Download .json" are clicked, and the clipboard and
// the downloaded files are compared with the native CLI's output for the same served
// bytes and URL (byte for byte), or, for the live-DOM page, checked for what only a live
// DOM has (CSS-hidden text gone, shadow DOM and script-added text present, srcset image).
// Also: the popup's export, selection export, a protected page's translated error, axe in
// light and dark themes, screenshots. Writes OUT/results.json; exit 1 on any failure.

import fs from 'node:fs';
import path from 'node:path';
import { spawn, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ChromiumDriver, FirefoxDriver } from './drivers.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');

function parseArgs(argv) {
  const o = { browser: 'chromium', out: path.join(REPO, 'target/e2e'), axe: false, screenshots: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--browser') o.browser = v();
    else if (a === '--ext') o.ext = v();
    else if (a === '--cli') o.cli = v();
    else if (a === '--out') o.out = v();
    else if (a === '--axe') o.axe = true;
    else if (a === '--screenshots') o.screenshots = true;
    else if (a === '--demo') o.demo = v();
    else if (a === '--only') o.only = v();
    else throw new Error(`unknown argument ${a}`);
  }
  o.out = path.resolve(o.out);
  o.ext = path.resolve(o.ext ?? path.join(REPO, 'target/ext-test', o.browser));
  o.cli ??= path.join(REPO, 'target/release/readmark');
  return o;
}

export async function startServer(extraArgs = []) {
  const proc = spawn('python3', [path.join(HERE, 'server.py'), ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise((resolve, reject) => {
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      const m = /PORT (\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    proc.on('exit', (c) => reject(new Error(`server exited (${c})`)));
  });
  return { proc, origin: `http://127.0.0.1:${port}` };
}

const MODES = ['plain', 'csp-self', 'csp-none'];

/** Pages compared byte for byte with the CLI, and the live-DOM page checked by content. */
const CASES = [
  { name: 'seed', path: 'fixtures/seed-dedecms.html', exact: true },
  { name: 'rtl', path: 'fixtures/rtl-arabic.html', exact: true, rtl: true },
  { name: 'long', path: 'gen/long.html', exact: true },
  { name: 'live', path: 'pages/live.html', exact: false },
];

/** The CLI's outputs for the served bytes of `url` (what the extension must match). */
/** The page at `url` saved as `<out>/expected/<tag>.html`, and the CLI's exports of it. */
export async function expected(o, url, tag) {
  const dir = path.join(o.out, 'expected');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${tag}.html`);
  const res = await fetch(url);
  fs.writeFileSync(file, Buffer.from(await res.arrayBuffer()));
  const run = (...args) => execFileSync(o.cli, [...args, '--url', url, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  return { file, md: run('--format', 'md'), mdFm: run('--format', 'md', '--front-matter'), json: run('--format', 'json') };
}

const READY = `() => new Promise((resolve) => {
  const t0 = Date.now();
  (function poll() {
    const s = document.documentElement.dataset.readmarkState;
    if (s || Date.now() - t0 > 15000) resolve(s || 'timeout'); else setTimeout(poll, 50);
  })();
})`;

/** Where `a` first differs from `b`, with 80 characters of each from there. */
export function firstDiff(a, b) {
  a = String(a);
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}: got ${JSON.stringify(a.slice(i, i + 80))} want ${JSON.stringify(b.slice(i, i + 80))}`;
}

/** Copy, `.md` and `.json` equal the CLI's exports of the same page, byte for byte. */
export function checkExports(check, flow, want) {
  check('copy = CLI md', flow.copied === want.md, firstDiff(flow.copied, want.md));
  check('.md = CLI md --front-matter', flow.md.text === want.mdFm, firstDiff(flow.md.text, want.mdFm));
  check('.json = CLI json', flow.json.text === want.json, firstDiff(flow.json.text, want.json));
}

/** The live-DOM page (`pages/live.html`) read as the user sees it, in the copied Markdown `md`. */
export function checkLivePage(check, md, mode) {
  const has = (s) => md.includes(s);
  check('hidden by stylesheet dropped', !has('HIDDEN-BY-STYLESHEET'), 'present');
  check('open shadow root inlined', has('SHADOW-TEXT'), 'missing');
  check('slotted light DOM once', md.split('SLOTTED-TEXT').length === 2, 'count');
  check('srcset image as src', has('/img/real-photo.jpg'), 'missing');
  if (mode !== 'csp-none') {
    // With `default-src 'none'` the page's own <style> and script are blocked, so the
    // user does see the visibility:hidden paragraph and no script-added one.
    check('visibility:hidden dropped', !has('HIDDEN-BY-VISIBILITY'), 'present');
    check('script-added text kept', has('SCRIPT-ADDED'), 'missing');
  }
}

async function readerFlow(d, o, url, openedBy = 'openReader') {
  const r = await d.control(openedBy, url);
  if (!r?.ok) return { r, error: `open reader: ${r?.code} ${r?.detail ?? ''}` };
  const tab = await d.waitForTab(`reader.html?id=${r.key}`);
  const state = await d.evaluate(tab, READY);
  if (state !== 'ready') return { r, tab, error: `reader state ${state}` };
  await d.click(tab, '[data-action="copy-md"]');
  // The copy is asynchronous (the exports may first come from the host): wait for the
  // reader's status line, which only the export actions write, instead of a fixed delay
  // that a loaded machine can outrun.
  const STATUS = `() => document.querySelector('.rm-status')?.textContent ?? ''`;
  for (let i = 0; i < 100 && !(await d.evaluate(tab, STATUS)); i++) {
    await new Promise((res) => setTimeout(res, 100));
  }
  const copied = await d.clipboard(tab);
  const md = await d.download(tab, '[data-action="download-md"]');
  const json = await d.download(tab, '[data-action="download-json"]');
  return { r, tab, copied, md, json };
}

async function runCase(d, o, c, mode, origin, results) {
  const url = `${origin}/${mode}/${c.path}`;
  const tag = `${c.name}-${mode}`;
  const t0 = Date.now();
  const checks = [];
  const check = (name, ok, detail = '') => checks.push({ name, ok: !!ok, detail: ok ? '' : detail });
  const page = await d.openTab(url);
  let flow;
  try {
    flow = await readerFlow(d, o, url);
    check('reader opens', !flow.error, flow.error);
    if (!flow.error) {
      const wantEngine = d.name === 'chromium' && mode !== 'plain' ? 'js' : 'wasm';
      check(`engine ${wantEngine}`, flow.r.engine === wantEngine, `engine ${flow.r.engine}`);
      if (c.exact) {
        const want = await expected(o, url, tag);
        checkExports(check, flow, want);
        const title = JSON.parse(want.json).title;
        const base = (title || 'article').replace(/[<>:"/\\|?*]/g, ' ').replace(/\s+/g, ' ').trim();
        check('file name from title', flow.md.name.startsWith(base.slice(0, 20)) && flow.md.name.endsWith('.md'), flow.md.name);
      } else {
        checkLivePage(check, flow.copied, mode);
        const json = JSON.parse(flow.json.text);
        check('json schema', json.schema === 'readmark/1' && json.title === 'Live DOM features', json.title);
        check('json = md source', flow.md.text.startsWith('---\n'), 'no front matter');
      }
      if (c.rtl) {
        const dir = await d.evaluate(flow.tab, '() => document.querySelector("article.rm-article").getAttribute("dir")');
        check('reader article dir=rtl', dir === 'rtl', dir);
      }
    }
  } catch (err) {
    check('no exception', false, String(err?.stack ?? err));
  }
  if (flow?.tab) await d.closeTab(flow.tab);
  await d.closeTab(page);
  const ok = checks.every((x) => x.ok);
  results.push({ case: c.name, mode, ok, engine: flow?.r?.engine, ms: Date.now() - t0, timings: flow?.r?.timings, checks });
  const failed = checks.filter((x) => !x.ok).map((x) => `${x.name}: ${x.detail}`);
  console.log(`${ok ? 'PASS' : 'FAIL'} ${d.name} ${c.name.padEnd(5)} ${mode.padEnd(8)} engine=${flow?.r?.engine ?? '-'} ${Date.now() - t0} ms${failed.length ? `\n    ${failed.join('\n    ')}` : ''}`);
}

async function extraTests(d, o, origin, results) {
  const record = (name, ok, detail = '') => {
    results.push({ case: name, mode: '-', ok: !!ok, checks: [{ name, ok: !!ok, detail }] });
    console.log(`${ok ? 'PASS' : 'FAIL'} ${d.name} ${name}${ok ? '' : `: ${detail}`}`);
  };
  // Selection export (what the context menu does).
  const url = `${origin}/plain/pages/live.html`;
  const page = await d.openTab(url);
  await d.evaluate(page, `() => {
    const p = [...document.querySelectorAll('article p')].find((x) => x.textContent.includes('second paragraph'));
    const r = document.createRange(); r.selectNodeContents(p);
    getSelection().removeAllRanges(); getSelection().addRange(r); return true; }`);
  const sel = await d.control('read', url, true);
  const smd = sel?.result?.markdown ?? '';
  record('selection export', sel?.ok && sel.result.selection && smd.includes('second paragraph') && !smd.includes('first paragraph'),
    JSON.stringify(sel?.code ?? smd.slice(0, 200)));
  // The popup's one-click export.
  await d.control('openPopup', url);
  const popup = await d.waitForTab('popup/popup.html');
  const pstate = await d.evaluate(popup, READY);
  let pj = null;
  if (pstate === 'ready') pj = await d.download(popup, '#download-json');
  record('popup download .json', pj && JSON.parse(pj.text).title === 'Live DOM features', `${pstate} ${pj?.name}`);
  await d.closeTab(popup);
  await d.closeTab(page);
  // A page the extension may not read: a translated message, never a silent failure.
  const restricted = d.name === 'chromium' ? 'chrome://version/' : 'about:blank';
  const rp = await d.openTab(restricted);
  const rr = await d.control('openReader', restricted);
  let msg = '';
  if (rr && !rr.ok && rr.code !== 'test_no_tab') {
    const tab = await d.waitForTab('reader.html?error=');
    await d.evaluate(tab, READY);
    msg = await d.evaluate(tab, '() => document.querySelector(".rm-error-message")?.textContent ?? ""');
    await d.closeTab(tab);
  }
  record('protected page: translated error', rr && !rr.ok && /cannot read/i.test(msg), `${JSON.stringify(rr)} ${msg}`);
  await d.closeTab(rp);
}

async function axeAndScreens(d, o, origin, results) {
  const url = `${origin}/plain/fixtures/seed-dedecms.html`;
  const page = await d.openTab(url);
  const r = await d.control('openReader', url);
  const tab = await d.waitForTab(`reader.html?id=${r.key}`);
  await d.evaluate(tab, READY);
  const out = {};
  const axeSrc = fs.readFileSync(path.join(REPO, 'node_modules/axe-core/axe.min.js'), 'utf8');
  for (const theme of ['light', 'dark', 'sepia']) {
    await d.evaluate(tab, `(theme) => { document.documentElement.dataset.theme = theme; return true; }`, theme);
    if (o.screenshots && theme !== 'sepia') {
      const file = path.join(o.out, `reader-${d.name}-${theme}.png`);
      await d.screenshot(tab, file);
      out[`screenshot_${theme}`] = file;
    }
    if (o.axe) {
      // axe's source is part of the evaluated function (extension pages forbid eval).
      const res = await d.evaluate(tab, `async () => {
        if (!window.axe) { ${axeSrc}
 }
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      }`).catch((e) => ({ __error: String(e) }));
      const bad = Array.isArray(res) ? res.filter((v) => v.impact === 'serious' || v.impact === 'critical') : res;
      out[`axe_${theme}`] = res;
      const ok = Array.isArray(bad) && bad.length === 0;
      results.push({ case: `axe ${theme}`, mode: '-', ok, checks: [{ name: 'no serious/critical', ok, detail: JSON.stringify(bad) }], violations: res });
      console.log(`${ok ? 'PASS' : 'FAIL'} ${d.name} axe ${theme}: ${JSON.stringify(res)}`);
    }
  }
  await d.closeTab(tab);
  await d.closeTab(page);
  return out;
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  fs.mkdirSync(o.out, { recursive: true });
  const server = await startServer();
  const d = o.browser === 'firefox' ? new FirefoxDriver() : new ChromiumDriver();
  const results = [];
  const t0 = Date.now();
  let extra = {};
  try {
    await d.start(o.ext, o.out, server.origin);
    console.log(`${d.name} ${d.version}: extension ${o.ext}`);
    for (const c of CASES) {
      if (o.only && !c.name.includes(o.only)) continue;
      for (const mode of MODES) await runCase(d, o, c, mode, server.origin, results);
    }
    if (!o.only) await extraTests(d, o, server.origin, results);
    if (o.axe || o.screenshots) extra = await axeAndScreens(d, o, server.origin, results);
  } catch (err) {
    results.push({ case: 'harness', mode: '-', ok: false, checks: [{ name: 'harness', ok: false, detail: String(err?.stack ?? err) }] });
    console.log(`FAIL ${d.name} harness: ${err?.stack ?? err}`);
  } finally {
    await d.stop();
    server.proc.kill();
  }
  const failed = results.filter((r) => !r.ok).length;
  const summary = { browser: d.name, version: d.version, passed: results.length - failed, failed, seconds: (Date.now() - t0) / 1000, ...extra, results };
  fs.writeFileSync(path.join(o.out, 'results.json'), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`${d.name}: ${summary.passed} passed, ${failed} failed in ${summary.seconds.toFixed(0)} s → ${path.join(o.out, 'results.json')}`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
