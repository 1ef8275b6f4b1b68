#!/usr/bin/env node
// What the extension exports vs the native CLI, on corpus pages served locally: reads each
// page with the extension (live DOM, Chromium, through the background like the toolbar)
// and writes the article's `text` (what the benchmarks score) as PRED/<id>.txt.
//
//   node extension/e2e/f1.mjs --ext DIR --corpus DIR --dataset D --ids-from CLI_PRED_DIR --out DIR
// Then score OUT with ../shared/bench/score.py exactly like `cargo xtask eval` does.
import fs from 'node:fs';
import path from 'node:path';
import { ChromiumDriver } from './drivers.mjs';
import { startServer } from './run.mjs';

const args = process.argv.slice(2);
const opt = (n) => args[args.indexOf(n) + 1];
const out = path.resolve(opt('--out'));
const dataset = opt('--dataset');
const ids = fs.readdirSync(opt('--ids-from')).filter((f) => f.endsWith('.txt') && !f.startsWith('_')).map((f) => f.slice(0, -4)).sort();
fs.mkdirSync(out, { recursive: true });
const server = await startServer(['--corpus', path.resolve(opt('--corpus'))]);
const d = new ChromiumDriver();
await d.start(path.resolve(opt('--ext')), out);
const log = [];
for (const id of ids) {
  const url = `${server.origin}/plain/corpus/${dataset}/${id}.html`;
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
