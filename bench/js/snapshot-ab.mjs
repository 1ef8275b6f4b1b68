// A/B check of two `--target web` builds of the module on the same live pages: the
// snapshot (HTML and stats) and the article must be identical; prints the time of each
// (median of the rounds, same tab, alternating order).
//
// usage: node bench/js/snapshot-ab.mjs --pages PAGES_TSV --a DIR --b DIR [--per-dataset N] [--rounds R]
//          [--plain] [--ignore FIELD,...]   (members of `snapshot` left out of the comparison, e.g. `bytes`
//                                  when its meaning changed between the builds)
// --plain: time and compare `readPage({})` (what the extension calls) instead of
// `readPage({includeSnapshot: true})`.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}
const pagesTsv = arg('--pages');
const dirs = { a: arg('--a'), b: arg('--b') };
const perDataset = Number(arg('--per-dataset', 20));
const rounds = Number(arg('--rounds', 3));
const ignore = (arg('--ignore', '') || '').split(',').filter(Boolean);
const plain = process.argv.includes('--plain');
const all = readFileSync(pagesTsv, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => {
  const [ds, id, file] = l.split('\t');
  return { ds, id, file };
});
const byDs = new Map();
for (const p of all) byDs.set(p.ds, [...(byDs.get(p.ds) ?? []), p]);
const pages = [];
for (const list of byDs.values()) {
  const n = Math.min(perDataset, list.length);
  for (let k = 0; k < n; k++) pages.push(list[Math.floor((k * list.length) / n)]);
}
const files = {};
for (const [k, dir] of Object.entries(dirs)) {
  files[`/${k}/readmark.js`] = ['text/javascript', readFileSync(path.join(dir, 'readmark.js'))];
  files[`/${k}/readmark_bg.wasm`] = ['application/wasm', readFileSync(path.join(dir, 'readmark_bg.wasm'))];
  const sn = path.join(dir, 'snippets');
  for (const f of existsSync(sn) ? readdirSync(sn, { recursive: true }) : []) {
    const p = path.join(sn, f);
    if (f.endsWith('.js') && statSync(p).isFile()) files[`/${k}/snippets/${f.split(path.sep).join('/')}`] = ['text/javascript', readFileSync(p)];
  }
}
const server = createServer((req, res) => {
  const u = new URL(req.url, 'http://127.0.0.1');
  const f = files[u.pathname];
  if (f) { res.writeHead(200, { 'content-type': f[0] }); res.end(f[1]); return; }
  const m = u.pathname.match(/^\/page\/(\d+)$/);
  if (m && pages[Number(m[1])]) { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(readFileSync(pages[Number(m[1])].file)); return; }
  res.writeHead(404); res.end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const { chromium } = await import('playwright-core');
const ctx = await chromium.launchPersistentContext(mkdtempSync(path.join(tmpdir(), 'rm-ab-')), {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', headless: true, bypassCSP: true,
  viewport: { width: 1280, height: 900 }, args: ['--no-sandbox', '--disable-gpu'],
});
await ctx.route('**/*', (route) => (route.request().url().startsWith(origin) || route.request().url().startsWith('data:')) ? route.continue() : route.abort());
const tab = await ctx.newPage();
const med = (v) => { const s = [...v].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
let same = 0, diff = 0;
const sums = { a: [0, 0, 0], b: [0, 0, 0] };
for (const [i, p] of pages.entries()) {
  try {
    await tab.goto(`${origin}/page/${i}`, { waitUntil: 'load', timeout: 20000 }).catch(() => tab.waitForLoadState('domcontentloaded'));
    const r = await tab.evaluate(async ({ rounds, ignore, plain }) => {
      const drop = (res) => { for (const f of ignore) if (res.snapshot) delete res.snapshot[f]; return res; };
      const mods = {};
      for (const k of ['a', 'b']) {
        // Absolute: a page's <base href> must not redirect the import.
        const m = await import(new URL(`/${k}/readmark.js`, location.href).href);
        await m.default({ module_or_path: new URL(`/${k}/readmark_bg.wasm`, location.href).href });
        mods[k] = m;
      }
      const out = { a: { t: [], s: [], e: [] }, b: { t: [], s: [], e: [] } };
      for (let k = 0; k < rounds; k++) {
        for (const key of k % 2 ? ['b', 'a'] : ['a', 'b']) {
          const t0 = performance.now();
          const res = JSON.parse(mods[key].readPage(plain ? {} : { includeSnapshot: true }));
          out[key].t.push(performance.now() - t0);
          if (res.ok) { out[key].s.push(res.timings.snapshotMs); out[key].e.push(res.timings.extractMs); }
          delete res.timings;
          out[key].json = JSON.stringify(drop(res));
        }
      }
      for (const sel of [false, true]) {
        // Selection mode on the middle third of <body>'s text.
        if (!sel) continue;
        const r = document.createRange();
        const b = document.body;
        if (!b || b.childNodes.length < 3) break;
        const n = b.childNodes.length;
        r.setStartBefore(b.childNodes[Math.floor(n / 3)]);
        r.setEndAfter(b.childNodes[Math.floor((2 * n) / 3)]);
        getSelection().removeAllRanges();
        getSelection().addRange(r);
        for (const key of ['a', 'b']) {
          const res = JSON.parse(mods[key].readPage(plain ? { selectionOnly: true } : { includeSnapshot: true, selectionOnly: true }));
          delete res.timings;
          out[key].sel = JSON.stringify(drop(res));
        }
      }
      return out;
    }, { rounds, ignore, plain });
    const ok = r.a.json === r.b.json && r.a.sel === r.b.sel;
    if (ok) same++; else {
      diff++;
      const x = r.a.json === r.b.json ? [r.a.sel, r.b.sel] : [r.a.json, r.b.json];
      let j = 0; while (j < x[0].length && x[0][j] === x[1][j]) j++;
      console.log(`DIFF ${p.ds}/${p.id} at ${j}:\n  a: ${x[0]?.slice(j - 80, j + 120)}\n  b: ${x[1]?.slice(j - 80, j + 120)}`);
    }
    for (const k of ['a', 'b']) { sums[k][0] += med(r[k].t); sums[k][1] += med(r[k].s); sums[k][2] += med(r[k].e); }
    console.error(`${i + 1}/${pages.length} ${p.ds}/${p.id} ${ok ? 'same' : 'DIFF'} a ${med(r.a.t).toFixed(1)} (snap ${med(r.a.s)}) b ${med(r.b.t).toFixed(1)} (snap ${med(r.b.s)})`);
  } catch (e) {
    console.log(`ERROR ${p.ds}/${p.id}: ${String(e).split('\n')[0]}`);
  }
}
console.log(`same ${same}, different ${diff}; sums of per-page medians (ms) readPage / snapshot / extract: a ${sums.a.map((x) => x.toFixed(0)).join(' / ')}, b ${sums.b.map((x) => x.toFixed(0)).join(' / ')}`);
await ctx.close();
server.close();
