#!/usr/bin/env node
// The XSS corpus in real browsers: does anything execute in Readmark's reader page, or in
// what its exports become? (issue 6: "in the real reader page in Chromium and Firefox, an
// instrumented run shows that nothing executes").
//
//   node extension/e2e/xss.mjs --browser chromium|firefox --ext DIR --out DIR [--batch N]
//
// Every payload of tests/security/payloads/*.txt is *instrumented*: each `alert(…)` (also
// entity-encoded, and inside base64 `data:` URLs) becomes a beacon,
// fetch(`http://127.0.0.1:PORT/beacon/p<i>/`+self.origin), and https://evil.example
// becomes the local server's /evil/ (whose `.js` answers a beaconing script, so a loaded
// script is seen too). Payloads are batched, N per served article page, each between two
// prose paragraphs; a payload whose start marker did not parse as an element (swallowed
// by the one before it: an unclosed <script>, <select>, comment …) moves to a later page.
//
// Per page: the source page is served with a CSP under which nothing in it can run
// (`script-src 'none'; object-src 'none'; frame-src 'none'`), so every beacon comes from
// elsewhere; the extension's reader opens on it (as the toolbar would); then
//   1. in the reader page (extension origin): the DOM oracle (xss-oracle.mjs: no element,
//      attribute or URL outside the reader's allowlist, head unchanged), beacons whose
//      origin is the extension, dialogs, navigation away, new tabs;
//   2. the exports the reader produces — Copy Markdown (clipboard), Download .md, Download
//      .json — rendered in a page *without* CSP (pages/exportview.html): the Markdown by
//      markdown-it with raw HTML allowed (a permissive Markdown tool), the JSON by the
//      reader's own render.js; DOM oracle, beacons, dialogs.
// Positive controls, so that the instrumentation can fail: (a) every page opened raw
// (no CSP, no extension): its payloads must beacon; (b) JavaScript run in the reader page
// reaches the beacon and is attributed to the extension origin; (c) a handler injected
// into the reader page is blocked by its CSP and flagged by the DOM oracle; (d) raw HTML
// in Markdown executes in the export viewer; (e) the exported JSON's text through
// innerHTML (a deliberately unsafe sink) executes payloads.
// Writes OUT/xss-results.json; exit 1 on any execution or finding, or a failed control.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChromiumDriver, FirefoxDriver } from './drivers.mjs';
import { startServer } from './run.mjs';
import { domFindings, readerHeadFindings } from './xss-oracle.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function parseArgs(argv) {
  const o = { browser: 'chromium', batch: 24, settle: 400 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => argv[++i];
    if (a === '--browser') o.browser = v();
    else if (a === '--ext') o.ext = v();
    else if (a === '--out') o.out = v();
    else if (a === '--batch') o.batch = Number(v());
    else if (a === '--only') o.only = v();
    else throw new Error(`unknown argument ${a}`);
  }
  o.out = path.resolve(o.out ?? path.join(REPO, 'target/xss-e2e', o.browser));
  o.ext = path.resolve(o.ext ?? path.join(REPO, 'target/ext-test', o.browser));
  return o;
}

/** tests/security/payloads/*.txt, as tests/security.rs reads them. */
export function loadPayloads() {
  const dir = path.join(REPO, 'tests/security/payloads');
  const out = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.txt')).sort()) {
    const cls = f.slice(0, -4);
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (line.startsWith('#') || !line.trim()) continue;
      const at = line.indexOf(' :: ');
      if (at < 0) throw new Error(`${f}: expected "label :: payload": ${line}`);
      const html = line.slice(at + 4).replaceAll('{NL}', '\n').replaceAll('{TAB}', '\t').replaceAll('{CR}', '\r').replaceAll('{NUL}', '\0');
      out.push({ cls, label: line.slice(0, at).trim(), html });
    }
  }
  return out;
}

const ENTITY = (c) => `(?:${c}|&#0*${c.charCodeAt(0)};|&#x0*${c.charCodeAt(0).toString(16)};)`;
const CALL = new RegExp(
  `(?:alert|confirm|prompt|${[...'alert'].map(ENTITY).join('')})\\s*(?:\\(|&#0*40;|&#x0*28;|&lpar;)[^()&;]*?(?:\\)|&#0*41;|&#x0*29;|&rpar;)`,
  'gi',
);

/** The payload with its script calls turned into beacons tagged `tag`, hosts made local. */
export function instrument(html, tag, port) {
  const beacon = `fetch(\`http://127.0.0.1:${port}/beacon/${tag}/\`+self.origin)`;
  const calls = (s) => s.replace(CALL, beacon);
  return calls(html)
    .replace(/(data:[^,;"'\s>]*;base64,)([A-Za-z0-9+/=]+)/gi, (m, head, b64) => {
      const text = Buffer.from(b64, 'base64').toString('latin1');
      return new RegExp(CALL.source, 'i').test(text) ? head + Buffer.from(calls(text), 'latin1').toString('base64') : m;
    })
    .replace(/https?:\/\/evil\.example/gi, `http://127.0.0.1:${port}/evil`)
    .replace(/\/\/evil\.example/gi, `//127.0.0.1:${port}/evil`)
    .replace(/https:\/\/example\.org/gi, `http://127.0.0.1:${port}/evil/example.org`);
}

const startMarker = (i) => `Payload ${i} begins here: this paragraph is prose, with commas, clauses, and a full stop, so that the extractor keeps it in the article.`;

/** End tags that close what a payload may leave open (raw text, `<select>`, a comment);
 * stray ones are ignored by the parser, and `</section>` closes ordinary open elements. */
const CLOSER = '</script></style></textarea></title></xmp></noscript></noembed></noframes></iframe></select></template><!-- -->';

function batchPage(n, items) {
  const body = items
    .map(({ i, html }) => `<section><p id="s-${i}">${startMarker(i)}</p>\n${html}\n${CLOSER}<p>After payload ${i} the article goes on with one more sentence of prose, long enough, with commas, to stay in the article.</p></section>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile page ${n}</title></head><body>
<nav><a href="/">Home</a></nav><main><article><h1>Hostile page ${n}</h1>
<p>Readmark keeps the article and drops everything that could run. This first paragraph is long enough to count as prose, with commas, clauses, and a full stop.</p>
${body}
</article></main><footer>Footer</footer></body></html>`;
}

const READY = `() => new Promise((resolve) => {
  const t0 = Date.now();
  (function poll() {
    const s = document.documentElement.dataset.readmarkState ?? (document.documentElement.dataset.ready === '1' ? 'ready' : '');
    if (s || Date.now() - t0 > 15000) resolve(s || 'timeout'); else setTimeout(poll, 50);
  })();
})`;

/** The reader page's own check, run inside it: DOM oracle, head, and which markers arrived. */
const READER_CHECK = `(ids) => {
  const domFindings = ${domFindings.toString()};
  const readerHeadFindings = ${readerHeadFindings.toString()};
  const root = document.getElementById('readmark-root');
  const text = root.textContent;
  const reached = ids.filter((i) => text.includes('Payload ' + i + ' begins'));
  return { findings: [...readerHeadFindings(document), ...domFindings(root, 'reader')], reached, url: location.href };
}`;

class Beacons {
  constructor(origin) {
    this.origin = origin;
    this.seen = 0;
  }

  /** Hits since the last call: {kind, tag, ctx, origin, referer}. */
  async take() {
    const r = await (await fetch(`${this.origin}/beacons?since=${this.seen}`)).json();
    this.seen = r.total;
    return r.hits.map((h) => {
      const m = /^\/beacon\/([^/]+)\/?(.*)$/.exec(h.path);
      return { ...h, tag: m?.[1] ?? null, ctx: m ? decodeURIComponent(m[2]) : null };
    });
  }
}

/** Where a beacon ran: 'reader' (extension origin), 'export', 'sink', 'raw', 'source', 'unknown'. */
function attribute(hit, extOrigin) {
  if ((hit.ctx ?? '').startsWith(extOrigin) || (hit.origin ?? '').startsWith(extOrigin)) return 'reader';
  const ref = hit.referer ?? '';
  if (ref.includes('exportview.html?sink')) return 'sink';
  if (ref.includes('exportview.html')) return 'export';
  if (ref.includes('/plain/xss/')) return 'raw';
  if (ref.includes('/xss/xss/')) return 'source';
  return 'unknown';
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  const pagesDir = path.join(o.out, 'pages');
  fs.rmSync(o.out, { recursive: true, force: true });
  fs.mkdirSync(pagesDir, { recursive: true });
  const server = await startServer(['--xss-dir', pagesDir]);
  const port = new URL(server.origin).port;
  const payloads = loadPayloads().filter((p) => !o.only || p.cls === o.only);
  const items = payloads.map((p, i) => ({ i, ...p, html: instrument(p.html, `p${i}`, port) }));
  const beacons = new Beacons(server.origin);
  const d = o.browser === 'firefox' ? new FirefoxDriver() : new ChromiumDriver();
  const t0 = Date.now();
  const report = {
    browser: d.name,
    payloads: items.length,
    pages: [],
    tried: new Set(),
    reached: new Set(),
    executions: [],
    findings: [],
    dialogs: [],
    navigations: [],
    resourceLoads: 0,
    sourceRuns: 0,
    controls: {},
    engines: {},
  };
  const fail = (list, what) => {
    list.push(what);
    console.log(`FAIL ${d.name} ${typeof what === 'string' ? what : JSON.stringify(what)}`);
  };
  const exportsSeen = [];
  try {
    await d.start(o.ext, o.out, server.origin, { prompts: 'ignore' });
    console.log(`${d.name} ${d.version}: extension ${o.ext}, ${items.length} payloads`);
    const viewerUrl = `${server.origin}/plain/pages/exportview.html`;
    const viewer = await d.openTab(viewerUrl);
    if ((await d.evaluate(viewer, READY)) !== 'ready') throw new Error('export viewer did not load');

    // (d) Markdown raw HTML executes in the viewer: the export check can see execution.
    const rawMd = `Text <img src="x:" onerror="${instrument('alert(1)', 'control-md', port)}"> text`;
    const mdFindings = await d.evaluate(viewer, '(t) => window.renderRawMarkdown(t)', rawMd);
    await sleep(o.settle);
    const mdHits = (await beacons.take()).filter((h) => h.tag === 'control-md' && attribute(h, d.origin) === 'export');
    report.controls.markdownSink = { executed: mdHits.length > 0, flagged: mdFindings.length > 0 };

    let queue = items.map((x) => x.i);
    const solo = [];
    let n = 0;
    let firstReader = true;
    let carried = []; // payload hits taken while checking the controls
    const misses = {};
    const timing = {};
    const lap = (k, t) => (timing[k] = (timing[k] ?? 0) + Date.now() - t);
    // A payload's beacon that arrives after its page was checked still counts (in the
    // control passes, where raw pages' opaque frames beacon too, only a beacon that is
    // surely from the reader or the export viewer does).
    const lateExecutions = (hits) => {
      for (const h of hits) {
        const where = attribute(h, d.origin);
        if (h.kind === 'beacon' && /^p\d+$/.test(h.tag ?? '') && (where === 'reader' || where === 'export')) {
          fail(report.executions, { page: 'late', where, ...h });
        }
      }
    };
    /** One batch page: source tab, reader, checks, exports, export viewer. */
    const runPage = async (page, url, alone, ids, file) => {
      let t = Date.now();
      const src = await d.openTab(url);
      lap('source page', t);
      page.placed = await d.evaluate(src, `(ids) => ids.filter((i) => {
        const e = document.getElementById('s-' + i);
        const sec = e?.parentElement;
        return e?.localName === 'p' && sec?.localName === 'section' && sec.parentElement?.localName === 'article';
      })`, ids);
      // Swallowed by an earlier payload (its marker is not the first paragraph of its own
      // section of the article: inside an unclosed element, or text): try again later.
      const later = ids.filter((i) => !page.placed.includes(i));
      queue.unshift(...later);
      page.placed.forEach((i) => report.tried.add(i));
      const tabsBefore = await d.tabCount();
      t = Date.now();
      const r = await d.control('openReader', url);
      lap('extraction', t);
      if (!r?.ok) {
        if (!alone && page.placed.length > 1) solo.push(...page.placed);
        else fail(report.findings, `${file}: reader did not open: ${JSON.stringify(r)}`);
        await d.closeTab(src);
        return;
      }
      page.engine = r.engine;
      report.engines[r.engine] = (report.engines[r.engine] ?? 0) + 1;
      const tab = await d.waitForTab(`reader.html?id=${r.key}`);
      // (Firefox may still be loading the page when the first script arrives: ask again.)
      let state = await d.evaluate(tab, READY);
      if (typeof state !== 'string') state = await d.evaluate(tab, READY);
      if (state !== 'ready') fail(report.findings, `${file}: reader state ${JSON.stringify(state)}`);
      t = Date.now();
      await sleep(o.settle);
      for (const dl of await d.takeDialogs(tab)) fail(report.dialogs, { page: file, ...dl });
      const check = await d.evaluate(tab, READER_CHECK, page.placed);
      check.findings.forEach((f) => fail(report.findings, `${file} reader: ${f}`));
      if (!check.url.includes(`reader.html?id=${r.key}`)) fail(report.navigations, `${file}: reader navigated to ${check.url}`);
      lap('reader check', t);
      page.reached = check.reached;
      check.reached.forEach((i) => report.reached.add(i));
      // Placed but not in the reader (the extraction left its section out): once more in a
      // batch, then alone.
      for (const i of page.placed.filter((x) => !check.reached.includes(x))) {
        misses[i] = (misses[i] ?? 0) + 1;
        if (misses[i] === 1) queue.push(i);
        else if (misses[i] === 2 && !alone) solo.push(i);
      }

      if (firstReader) {
        firstReader = false;
        // (b) JavaScript in the reader page reaches the beacon, attributed to the extension.
        await d.evaluate(tab, `() => fetch('http://127.0.0.1:${port}/beacon/control-reader/' + self.origin).then(() => true, () => true)`);
        // (c) An injected handler: the extension CSP blocks it, the DOM oracle flags it.
        const injected = await d.evaluate(tab, `() => {
          const img = document.createElement('img');
          img.setAttribute('onerror', ${JSON.stringify(instrument('alert(1)', 'control-csp', port))});
          img.src = 'x:';
          document.getElementById('readmark-root').append(img);
          return true;
        }`);
        await sleep(o.settle);
        const flagged = await d.evaluate(tab, READER_CHECK, []);
        await d.evaluate(tab, `() => { document.querySelector('#readmark-root > img[onerror]')?.remove(); return true; }`);
        const hits = await beacons.take();
        report.controls.readerBeacon = hits.some((h) => h.tag === 'control-reader' && attribute(h, d.origin) === 'reader');
        report.controls.readerCsp = {
          injected: injected === true,
          blocked: !hits.some((h) => h.tag === 'control-csp'),
          flagged: flagged.findings.some((f) => f.includes('handler onerror')),
        };
        carried = hits.filter((x) => !String(x.tag).startsWith('control-'));
      }

      // The exports, as the reader produces them (the same buttons a user clicks).
      t = Date.now();
      await d.click(tab, '[data-action="copy-md"]');
      await sleep(200);
      const markdown = await d.clipboard(tab);
      const mdFile = await d.download(tab, '[data-action="download-md"]');
      const jsonFile = await d.download(tab, '[data-action="download-json"]');
      exportsSeen.push(jsonFile.text);
      lap('exports', t);
      t = Date.now();
      const viewFindings = await d.evaluate(viewer, '(x) => window.renderExports(x)', {
        markdown,
        markdownFrontMatter: mdFile.text,
        json: jsonFile.text,
      });
      (Array.isArray(viewFindings) ? viewFindings : [JSON.stringify(viewFindings)]).forEach((f) => fail(report.findings, `${file} export: ${f}`));
      await sleep(o.settle);
      for (const dl of [...(await d.takeDialogs(viewer)), ...(await d.takeDialogs(tab))]) fail(report.dialogs, { page: file, ...dl });
      if ((await d.tabCount()) > tabsBefore + 1) fail(report.navigations, `${file}: a new tab or window opened`);
      for (const h of [...carried.splice(0), ...(await beacons.take())]) {
        const where = attribute(h, d.origin);
        if (h.kind === 'evil' && where === 'reader') report.resourceLoads += 1;
        else if (h.kind === 'beacon' && (where === 'reader' || where === 'export' || where === 'unknown')) fail(report.executions, { page: file, where, ...h });
        else if (h.kind === 'beacon' && where === 'source') report.sourceRuns += 1;
      }
      lap('export viewer', t);
      console.log(`${d.name} ${file}: ${ids.length} queued, ${page.placed.length} placed, ${page.reached.length} in the reader, engine ${r.engine}`);
      await d.closeTab(tab);
      await d.closeTab(src);
    };

    while (queue.length || solo.length) {
      const alone = queue.length === 0;
      const ids = alone ? [solo.shift()] : queue.splice(0, o.batch);
      n += 1;
      const file = `batch-${String(n).padStart(3, '0')}.html`;
      fs.writeFileSync(path.join(pagesDir, file), batchPage(n, ids.map((i) => items[i])));
      const url = `${server.origin}/xss/xss/${file}`;
      const page = { file, ids, placed: [], reached: [], engine: null };
      report.pages.push(page);
      try {
        await runPage(page, url, alone, ids, file);
      } catch (err) {
        fail(report.findings, `${file}: harness error: ${err?.message ?? err}`);
      }
    }

    // (e) The exported JSON through a deliberately unsafe sink executes payloads.
    const sink = await d.openTab(`${viewerUrl}?sink=1`);
    await d.evaluate(sink, READY);
    for (const json of exportsSeen) {
      await d.evaluate(sink, '(j) => window.unsafeSink(j)', json);
      await sleep(50);
      await d.takeDialogs(sink);
    }
    await sleep(o.settle);
    const sinkHits = await beacons.take();
    lateExecutions(sinkHits);
    const sinkTags = new Set(sinkHits.filter((h) => attribute(h, d.origin) === 'sink').map((h) => h.tag));
    report.controls.unsafeJsonSink = sinkTags.size;
    await d.closeTab(sink);

    // (a) Each page opened raw (no CSP, no extension): its payloads run and beacon.
    const rawTags = new Set();
    for (const p of report.pages) {
      const raw = await d.openTab(`${server.origin}/plain/xss/${p.file}`);
      await sleep(o.settle);
      await d.takeDialogs(raw);
      await d.closeTab(raw).catch(() => {});
    }
    await sleep(o.settle);
    const rawHits = await beacons.take();
    lateExecutions(rawHits);
    for (const h of rawHits) if (h.kind === 'beacon' && /^p\d+$/.test(h.tag ?? '')) rawTags.add(h.tag);
    report.controls.rawExecuted = rawTags.size;
    report.timing = timing;
    await d.closeTab(viewer);
  } catch (err) {
    fail(report.findings, `harness: ${err?.stack ?? err}`);
  } finally {
    await d.stop();
    server.proc.kill();
  }
  const c = report.controls;
  const controlsOk =
    c.markdownSink?.executed && c.markdownSink?.flagged && c.readerBeacon && c.readerCsp?.blocked && c.readerCsp?.flagged &&
    c.unsafeJsonSink > 0 && c.rawExecuted > 0;
  const untried = items.filter((x) => !report.tried.has(x.i)).map((x) => `${x.cls}/${x.label}`);
  const notReached = items.filter((x) => report.tried.has(x.i) && !report.reached.has(x.i)).map((x) => `${x.cls}/${x.label}`);
  const summary = {
    browser: d.name,
    version: d.version,
    payloads: items.length,
    tried: report.tried.size,
    reachedReader: report.reached.size,
    pages: report.pages.length,
    engines: report.engines,
    executions: report.executions.length,
    findings: report.findings.length,
    dialogs: report.dialogs.length,
    navigations: report.navigations.length,
    readerResourceLoads: report.resourceLoads,
    timingMs: report.timing,
    sourcePageRuns: report.sourceRuns,
    controls: c,
    controlsOk: !!controlsOk,
    untried,
    notReached,
    seconds: (Date.now() - t0) / 1000,
    details: { executions: report.executions, findings: report.findings, dialogs: report.dialogs, navigations: report.navigations, pages: report.pages },
  };
  fs.writeFileSync(path.join(o.out, 'xss-results.json'), `${JSON.stringify(summary, null, 2)}\n`);
  const ok = controlsOk && !untried.length && !summary.executions && !summary.findings && !summary.dialogs && !summary.navigations;
  console.log(
    `xss-e2e ${d.name}: ${summary.tried}/${summary.payloads} payloads tried in ${summary.pages} pages ` +
      `(${summary.reachedReader} reached the reader; engines ${JSON.stringify(summary.engines)}), ` +
      `executions ${summary.executions}, DOM findings ${summary.findings}, dialogs ${summary.dialogs}, navigations ${summary.navigations}; ` +
      `controls: raw pages ran ${c.rawExecuted} payloads, reader beacon ${c.readerBeacon ? 'seen' : 'MISSING'}, ` +
      `injected handler ${c.readerCsp?.blocked ? 'blocked by the CSP' : 'RAN'} and ${c.readerCsp?.flagged ? 'flagged' : 'NOT flagged'}, ` +
      `Markdown raw HTML ${c.markdownSink?.executed ? 'executed' : 'NOT executed'}, unsafe JSON sink ran ${c.unsafeJsonSink} payloads; ` +
      `${summary.seconds.toFixed(0)} s → ${path.join(o.out, 'xss-results.json')}`,
  );
  process.exit(ok ? 0 : 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
