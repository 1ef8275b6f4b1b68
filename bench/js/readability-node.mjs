// Time Readability.js (@mozilla/readability) + linkedom in Node, in-process, over the
// decoded pages of `cargo xtask bench`.
//
// usage: node bench/js/readability-node.mjs PAGES_TSV OUT_TSV [ROUNDS]
//
// Per page: parseHTML (linkedom) + new Readability(document).parse() + textContent, the
// same work Readmark's native number covers (parse + extract + text). ROUNDS rounds after a
// warm-up over the first 20 pages; writes `dataset id bytes ms ok` with the per-page median.
// Run it pinned: `taskset -c 0 node …`.
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';

const [pagesTsv, outTsv, roundsArg] = process.argv.slice(2);
const rounds = Math.max(1, Number(roundsArg ?? 3));
const pages = readFileSync(pagesTsv, 'utf8')
  .split('\n')
  .slice(1)
  .filter(Boolean)
  .map((l) => {
    const [ds, id, file, url] = l.split('\t');
    return { ds, id, url, html: readFileSync(file, 'utf8') };
  });

function once(p) {
  const t = performance.now();
  let ok = false;
  try {
    const { document } = parseHTML(p.html);
    const a = new Readability(document).parse();
    ok = !!(a && a.textContent && a.textContent.trim());
  } catch {
    ok = false;
  }
  return [performance.now() - t, ok];
}

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

for (const p of pages.slice(0, 20)) once(p);
const times = pages.map(() => []);
const ok = pages.map(() => false);
const t0 = performance.now();
for (let r = 0; r < rounds; r++) {
  pages.forEach((p, i) => {
    const [ms, good] = once(p);
    times[i].push(ms);
    ok[i] = good;
  });
}
const wall = (performance.now() - t0) / 1000;
let out = 'dataset\tid\tbytes\tms\tok\n';
pages.forEach((p, i) => {
  out += `${p.ds}\t${p.id}\t${Buffer.byteLength(p.html)}\t${median(times[i]).toFixed(4)}\t${ok[i] ? 1 : 0}\n`;
});
writeFileSync(outTsv, out);
console.error(`bench: readability.js + linkedom: ${pages.length} pages x ${rounds} rounds in ${wall.toFixed(1)} s`);
