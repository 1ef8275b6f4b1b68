#!/usr/bin/env node
// What the extension exports vs the native CLI, on corpus pages served locally: reads each
// page with the extension (live DOM, Chromium, through the background like the toolbar)
// and writes the article's `text` (what the benchmarks score) as PRED/<id>.txt.
//
//   node extension/e2e/f1.mjs --ext DIR --corpus DIR --dataset D --pages URLS.tsv --out DIR
// URLS.tsv: `id<TAB>url` per page (the `urls.tsv` that `cargo xtask eval` writes). Run by
// `cargo xtask ext-f1`, which scores OUT with ../shared/bench/score.py exactly like the CLI.
import fs from 'node:fs';
import path from 'node:path';
import { ChromiumDriver } from './drivers.mjs';
import { startServer } from './run.mjs';

const args = process.argv.slice(2);
const opt = (n) => args[args.indexOf(n) + 1];
const out = path.resolve(opt('--out'));
const dataset = opt('--dataset');
// `--page-scripts`: let the saved page's own scripts run (see server.py's `noscript` mode).
const mode = args.includes('--page-scripts') ? 'plain' : 'noscript';
const ids = fs.readFileSync(opt('--pages'), 'utf8').split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
fs.mkdirSync(out, { recursive: true });
const server = await startServer(['--corpus', path.resolve(opt('--corpus'))]);
const d = new ChromiumDriver();
await d.start(path.resolve(opt('--ext')), out);
// The corpus pages are saved copies: their other requests (ads, fonts, APIs) would only
// hang until a timeout on a machine without internet, so only the local server answers.
await d.ctx.route('**/*', (route) => {
  const u = route.request().url();
  if (u.startsWith(server.origin) || /^(data|blob|chrome-extension):/.test(u)) return route.continue();
  return route.abort();
});
const log = [];
for (const id of ids) {
  const url = `${server.origin}/${mode}/corpus/${dataset}/${id}.html`;
  const t0 = Date.now();
  let page;
  try {
    page = await d.ctx.newPage();
    await page.goto(url, { waitUntil: 'load', timeout: 20000 }).catch(() => {});
    const r = await d.control('read', url);
    const text = r?.ok ? r.result.article.text : '';
    fs.writeFileSync(path.join(out, `${id}.txt`), text);
    log.push(`${id}\t${r?.ok ? 'ok' : r?.code}\t${r?.engine ?? '-'}\t${Date.now() - t0}`);
  } catch (err) {
    fs.writeFileSync(path.join(out, `${id}.txt`), '');
    log.push(`${id}\terror ${String(err).slice(0, 80)}\t-\t${Date.now() - t0}`);
  }
  await page?.close().catch(() => {});
}
fs.writeFileSync(path.join(out, '_log.tsv'), `${log.join('\n')}\n`);
await d.stop();
server.proc.kill();
console.log(`${dataset}: ${ids.length} pages → ${out}`);
