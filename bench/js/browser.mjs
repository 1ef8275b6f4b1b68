// In-browser benchmark: Readmark's full path vs Readability.js on the same live page, in
// the same headless Chromium, in the same run.
//
// usage: node bench/js/browser.mjs --pages PAGES_TSV --wasm-dir DIR --out OUT_JSON
//          [--per-dataset N] [--rounds R] [--profile CPUPROFILE_DIR]
//
// - Serves every selected page (decoded UTF-8, from `benches/native.rs prepare`) on
//   127.0.0.1, plus the `--target web` wasm-bindgen output of the core (DIR/readmark.js,
//   DIR/readmark_bg.wasm) and Readability.js. Requests to any other host are aborted
//   (the machine is offline; a page's own inline scripts still run, as on the web).
// - Per page: load it, instantiate the module (timed separately: once per tab), inject
//   Readability.js (benchmark page only — never the extension), then R rounds in
//   alternating order of
//     Readmark:       t0 → JSON.parse(readPage({}))  → t1   (snapshot of the live DOM +
//                     extraction + the model as JSON: what the extension calls before
//                     it opens the reader; the Markdown exports come after, on demand)
//     Readability.js: t0 → new Readability(document.cloneNode(true)).parse() → t1
//   The per-page time is the median of the rounds; the ratio is Readmark / Readability.
// - `--profile DIR`: additionally record a V8 CPU profile (CDP Profiler) of Readmark's
//   rounds over all pages into DIR/readmark.cpuprofile and print the top self-time
//   functions (build the module without --remove-name-section to see Rust names).
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const pagesTsv = arg('--pages');
const wasmDir = arg('--wasm-dir');
const outJson = arg('--out');
const perDataset = Number(arg('--per-dataset', 30));
const rounds = Number(arg('--rounds', 11));
const profileDir = arg('--profile');
if (!pagesTsv || !wasmDir || !outJson) {
  console.error('usage: browser.mjs --pages TSV --wasm-dir DIR --out JSON [--per-dataset N] [--rounds R]');
  process.exit(2);
}

// Evenly spaced pages of each dataset (deterministic).
const all = readFileSync(pagesTsv, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => {
  const [ds, id, file, url, bytes] = l.split('\t');
  return { ds, id, file, url, bytes: Number(bytes) };
});
const byDs = new Map();
for (const p of all) byDs.set(p.ds, [...(byDs.get(p.ds) ?? []), p]);
const pages = [];
for (const list of byDs.values()) {
  const n = Math.min(perDataset, list.length);
  for (let k = 0; k < n; k++) pages.push(list[Math.floor((k * list.length) / n)]);
}

const readabilitySrc = readFileSync(path.join(root, 'node_modules/@mozilla/readability/Readability.js'), 'utf8');
const files = {
  '/readmark/readmark.js': ['text/javascript', readFileSync(path.join(wasmDir, 'readmark.js'))],
  '/readmark/readmark_bg.wasm': ['application/wasm', readFileSync(path.join(wasmDir, 'readmark_bg.wasm'))],
};
// wasm-bindgen's `inline_js` snippets (src/web/dom_walk.rs), imported by readmark.js.
const snippets = path.join(wasmDir, 'snippets');
for (const f of existsSync(snippets) ? readdirSync(snippets, { recursive: true }) : []) {
  const p = path.join(wasmDir, 'snippets', f);
  if (f.endsWith('.js') && statSync(p).isFile()) {
    files[`/readmark/snippets/${f.split(path.sep).join('/')}`] = ['text/javascript', readFileSync(p)];
  }
}
// Cross-origin isolated pages get `performance.now()` at 5 µs instead of 100 µs (Chromium
// coarsens the clock of other pages against timing attacks): many pages read in under a
// millisecond, where 0.1 ms steps would decide their ratio. Everything the page may load
// is served from this origin, so `require-corp` blocks nothing it could load anyway.
const ISOLATED = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
const server = createServer((req, res) => {
  const u = new URL(req.url, 'http://127.0.0.1');
  const f = files[u.pathname];
  if (f) {
    res.writeHead(200, { 'content-type': f[0], 'cache-control': 'max-age=3600', ...ISOLATED });
    res.end(f[1]);
    return;
  }
  const m = u.pathname.match(/^\/page\/(\d+)$/);
  if (m && pages[Number(m[1])]) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...ISOLATED });
    res.end(readFileSync(pages[Number(m[1])].file));
    return;
  }
  res.writeHead(404);
  res.end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const { chromium } = await import('playwright-core');
const profile = mkdtempSync(path.join(tmpdir(), 'readmark-bench-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  // A page whose CSP forbids WebAssembly would make the extension fall back to its wasm2js
  // engine (Chromium content scripts); the benchmark measures the WebAssembly path.
  bypassCSP: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
await ctx.route('**/*', (route) => {
  const u = route.request().url();
  if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
  return route.abort();
});
const browserVersion = ctx.browser()?.version() ?? 'chromium';
const tab = await ctx.newPage();
let cdp = null;
if (profileDir) {
  cdp = await ctx.newCDPSession(tab);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

// Runs inside the page. Returns per-round times and Readmark's own split.
async function inPage({ rounds, phase }) {
  if (phase === 'init') {
    const t0 = performance.now();
    // Absolute: a page's <base href> must not redirect the import.
    const m = await import(new URL('/readmark/readmark.js', location.href).href);
    await m.default({ module_or_path: new URL('/readmark/readmark_bg.wasm', location.href).href });
    window.__rm = m;
    return { initMs: performance.now() - t0 };
  }
  const rm = () => {
    const t0 = performance.now();
    const r = JSON.parse(window.__rm.readPage({}));
    return [performance.now() - t0, r];
  };
  const rd = () => {
    const t0 = performance.now();
    let a = null;
    try {
      a = new window.Readability(document.cloneNode(true)).parse();
    } catch (e) {
      a = null;
    }
    return [performance.now() - t0, a];
  };
  const out = { rm: [], rd: [], snapshotMs: [], extractMs: [], cssMs: [], rmOk: false, rdOk: false, code: null, words: 0, snapshotBytes: 0 };
  for (let k = 0; k < rounds; k++) {
    const order = k % 2 ? [rd, rm] : [rm, rd];
    for (const f of order) {
      const [ms, r] = f();
      if (f === rm) {
        out.rm.push(ms);
        out.rmOk = !!r.ok;
        out.code = r.ok ? null : r.code;
        if (r.ok) {
          out.snapshotMs.push(r.timings.snapshotMs);
          out.extractMs.push(r.timings.extractMs);
          out.cssMs.push(r.timings.cssMs ?? 0);
          out.words = r.article?.word_count ?? r.article?.wordCount ?? 0;
          out.snapshotBytes = r.snapshot.bytes;
        }
      } else {
        out.rd.push(ms);
        out.rdOk = !!(r && r.textContent);
      }
    }
  }
  return out;
}

// Only Readmark's rounds, for the CPU profile.
function profileRounds(rounds) {
  for (let k = 0; k < rounds; k++) window.__rm.readPage({});
  return true;
}

const results = [];
const selfTime = new Map();
let selfTotal = 0;
// Self time per function of one CPU profile, added to `selfTime`.
function addProfile(prof) {
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  for (let k = 0; k < prof.samples.length; k++) {
    const n = byId.get(prof.samples[k]);
    const f = n.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url ? path.basename(f.url) : ''}`.trim();
    const us = prof.timeDeltas[k] ?? 0;
    selfTime.set(name, (selfTime.get(name) ?? 0) + us);
    selfTotal += us;
  }
}
for (const [i, p] of pages.entries()) {
  const rec = { ds: p.ds, id: p.id, bytes: p.bytes };
  try {
    await tab.goto(`${origin}/page/${i}`, { waitUntil: 'load', timeout: 20000 }).catch(async () => {
      await tab.waitForLoadState('domcontentloaded', { timeout: 5000 });
    });
    rec.elements = await tab.evaluate(() => document.getElementsByTagName('*').length);
    rec.isolated = await tab.evaluate(() => self.crossOriginIsolated === true);
    Object.assign(rec, await tab.evaluate(inPage, { phase: 'init' }));
    await tab.addScriptTag({ content: readabilitySrc });
    if (cdp) {
      await cdp.send('Profiler.start');
      await tab.evaluate(profileRounds, rounds);
      addProfile((await cdp.send('Profiler.stop')).profile);
    }
    const r = await tab.evaluate(inPage, { rounds });
    Object.assign(rec, {
      rmMs: median(r.rm), rdMs: median(r.rd), snapshotMs: median(r.snapshotMs), extractMs: median(r.extractMs), cssMs: median(r.cssMs),
      rmOk: r.rmOk, rdOk: r.rdOk, code: r.code, snapshotBytes: r.snapshotBytes,
      // The first call in this tab (cold: lazy statics such as regexes, JIT), as the
      // extension sees it (one call per tab); without --profile only.
      rmFirstMs: cdp ? null : r.rm[0], rdFirstMs: cdp ? null : r.rd[0],
    });
    rec.ratio = rec.rmMs / rec.rdMs;
    console.error(`bench: browser ${i + 1}/${pages.length} ${p.ds}/${p.id}: readmark ${rec.rmMs.toFixed(1)} ms ` +
      `(snapshot ${rec.snapshotMs} + extract ${rec.extractMs} + CSS asks ${rec.cssMs}), readability ${rec.rdMs.toFixed(1)} ms, ratio ${rec.ratio.toFixed(2)}`);
  } catch (e) {
    rec.error = String(e).split('\n')[0];
    console.error(`bench: browser ${p.ds}/${p.id}: ${rec.error}`);
  }
  results.push(rec);
}
let top = null;
if (cdp) {
  top = [...selfTime.entries()].sort((a, b) => b[1] - a[1]).slice(0, 60)
    .map(([name, us]) => ({ name, ms: us / 1000, share: us / selfTotal }));
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(path.join(profileDir, 'readmark-selftime.json'), JSON.stringify(top, null, 1));
  console.error(`bench: CPU profile of Readmark's rounds (self time, ${(selfTotal / 1000).toFixed(0)} ms over all pages):`);
  for (const t of top.slice(0, 40)) console.error(`  ${(100 * t.share).toFixed(1).padStart(5)}%  ${t.ms.toFixed(0).padStart(6)} ms  ${t.name}`);
}
await ctx.close();
server.close();
writeFileSync(outJson, JSON.stringify({ browser: browserVersion, rounds, pages: results, profileTop: top }, null, 1));
