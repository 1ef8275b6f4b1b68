#!/usr/bin/env python3
"""Per-page before/after comparison of `cargo xtask eval` runs (stdlib only).

A change to extraction should improve pages without silently breaking others; the
dataset means hide that. Usage:

    scripts/evaldiff.py save NAME      # copy target/eval/<dataset>/per-page.tsv → target/evaldiff/NAME/
    # ... change the code, run `cargo xtask eval --dataset all` again ...
    scripts/evaldiff.py compare NAME   # pages whose F1 changed, worst first, per dataset

The F1 column is each dataset's own metric (shingle for scrapinghub/readability,
wordbag for wcxb), as in `cargo xtask eval`.
"""
import csv
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "target" / "eval"
STORE = ROOT / "target" / "evaldiff"
METRIC = {"scrapinghub": "shingle_f1", "readability": "shingle_f1", "wcxb": "wordbag_f1"}


def read(path, column):
    with open(path, newline="", encoding="utf8") as f:
        return {r["id"]: float(r[column]) for r in csv.DictReader(f, delimiter="\t")}


def save(name):
    out = STORE / name
    out.mkdir(parents=True, exist_ok=True)
    n = 0
    for ds in METRIC:
        src = EVAL / ds / "per-page.tsv"
        if src.is_file():
            shutil.copy(src, out / f"{ds}.tsv")
            n += 1
    if n == 0:
        sys.exit("evaldiff: no target/eval/*/per-page.tsv: run `cargo xtask eval` first")
    print(f"evaldiff: saved {n} datasets as {out}")


def compare(name, show=8):
    base = STORE / name
    if not base.is_dir():
        sys.exit(f"evaldiff: nothing saved as {name!r} (scripts/evaldiff.py save {name})")
    for ds, col in METRIC.items():
        old_p, new_p = base / f"{ds}.tsv", EVAL / ds / "per-page.tsv"
        if not (old_p.is_file() and new_p.is_file()):
            continue
        old, new = read(old_p, col), read(new_p, col)
        common = old.keys() & new.keys()
        changed = sorted(
            ((new[i] - old[i], i) for i in common if abs(new[i] - old[i]) > 1e-4)
        )
        worse = [c for c in changed if c[0] < 0]
        mean = lambda d: sum(d[i] for i in common) / len(common) if common else 0.0
        print(
            f"{ds}: {len(common)} pages, mean per-page F1 {mean(old):.4f} → {mean(new):.4f}; "
            f"{len(changed) - len(worse)} better, {len(worse)} worse"
        )
        for delta, i in worse[:show]:
            print(f"  worse  {delta:+.4f}  {i}  ({old[i]:.3f} → {new[i]:.3f})")
        for delta, i in list(reversed(changed))[:show]:
            if delta > 0:
                print(f"  better {delta:+.4f}  {i}  ({old[i]:.3f} → {new[i]:.3f})")


def main(argv):
    if len(argv) != 3 or argv[1] not in ("save", "compare"):
        sys.exit(__doc__)
    (save if argv[1] == "save" else compare)(argv[2])


if __name__ == "__main__":
    main(sys.argv)
