#!/usr/bin/env node
// `cargo xtask demo`: the extension in headless Chromium on one page — opens the reader
// the way the toolbar does, saves a screenshot and the reader's own .md/.json downloads.
//
//   node extension/e2e/demo.mjs --ext DIR --out DIR [--file PAGE.html | --url URL]
import fs from 'node:fs';
import path from 'node:path';
import { ChromiumDriver } from './drivers.mjs';
import { startServer } from './run.mjs';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = path.resolve(opt('--out') ?? 'target/demo');
const ext = path.resolve(opt('--ext'));
fs.mkdirSync(out, { recursive: true });

const file = opt('--file');
const server = await startServer(file ? ['--file', file] : []);
const url = opt('--url') ?? (file ? `${server.origin}/plain/demo/page.html` : `${server.origin}/plain/fixtures/seed-dedecms.html`);
const d = new ChromiumDriver();
let code = 0;
try {
  await d.start(ext, out);
  const page = await d.openTab(url);
  const r = await d.control('openReader', url);
  if (!r?.ok) throw new Error(`the reader did not open: ${r?.code} ${r?.detail ?? ''}`);
  const reader = await d.waitForTab(`reader.html?id=${r.key}`);
  await reader.waitForFunction(() => document.documentElement.dataset.readmarkState === 'ready');
  await reader.screenshot({ path: path.join(out, 'reader.png') });
  const md = await d.download(reader, '[data-action="download-md"]');
  const json = await d.download(reader, '[data-action="download-json"]');
  fs.writeFileSync(path.join(out, 'article.md'), md.text);
  fs.writeFileSync(path.join(out, 'article.json'), json.text);
  console.log(`Readmark demo (Chromium ${d.version}, ${r.engine} engine): ${url}`);
  console.log(`  "${r.title}" — ${r.blocks} blocks; snapshot ${r.snapshot.stats.elements} elements, ${r.timings.snapshotMs.toFixed(0)} ms; extraction ${r.timings.extractMs.toFixed(0)} ms`);
  console.log(`  reader downloads named: ${md.name}, ${json.name}`);
  for (const f of ['reader.png', 'article.md', 'article.json']) console.log(`  wrote ${path.join(out, f)}`);
  await d.closeTab(page);
} catch (err) {
  console.error(`demo failed: ${err?.stack ?? err}`);
  code = 1;
} finally {
  await d.stop();
  server.proc.kill();
}
process.exit(code);
