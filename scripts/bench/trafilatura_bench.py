#!/usr/bin/env python3
"""Time Trafilatura in-process over the decoded pages of `cargo xtask bench`.

usage: trafilatura_bench.py PAGES_TSV OUT_TSV [ROUNDS]

Reads `dataset id file url bytes` lines (written by `benches/native.rs prepare`), loads
every page into memory, then times `trafilatura.extract(html, url=url)` per page (default
settings, text output), ROUNDS rounds after a warm-up over the first 20 pages, and writes
`dataset id bytes ms ok` with the per-page median. Run it pinned: `taskset -c 0 python3 …`.
"""
import statistics
import sys
import time

import trafilatura


def main():
    pages_tsv, out_tsv = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    pages = []
    with open(pages_tsv, encoding="utf-8") as f:
        next(f)
        for line in f:
            ds, pid, path, url, _ = line.rstrip("\n").split("\t")
            with open(path, encoding="utf-8") as h:
                pages.append((ds, pid, url, h.read()))
    for ds, pid, url, html in pages[:20]:
        trafilatura.extract(html, url=url or None)
    times = [[] for _ in pages]
    ok = [False] * len(pages)
    t0 = time.perf_counter()
    for _ in range(rounds):
        for i, (ds, pid, url, html) in enumerate(pages):
            t = time.perf_counter()
            try:
                r = trafilatura.extract(html, url=url or None)
            except Exception:  # a failing page is a failed page, not a failed run
                r = None
            times[i].append((time.perf_counter() - t) * 1000.0)
            ok[i] = bool(r)
    wall = time.perf_counter() - t0
    with open(out_tsv, "w", encoding="utf-8") as f:
        f.write("dataset\tid\tbytes\tms\tok\n")
        for i, (ds, pid, url, html) in enumerate(pages):
            f.write(f"{ds}\t{pid}\t{len(html.encode())}\t{statistics.median(times[i]):.4f}\t{int(ok[i])}\n")
    print(f"bench: trafilatura {trafilatura.__version__}: {len(pages)} pages x {rounds} rounds in {wall:.1f} s",
          file=sys.stderr)


if __name__ == "__main__":
    main()
