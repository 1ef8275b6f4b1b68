#!/usr/bin/env python3
"""Error analysis for one benchmark page: which predicted lines leaked (absent from the
ground truth) and which ground-truth lines were missed.

    scripts/diffpage.py scrapinghub|wcxb|readability ID
Reads target/eval/<dataset>/pred/<ID>.txt (run `cargo xtask eval` first)."""
import json, re, sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "shared" / "bench"))
from common import load_dataset  # noqa: E402

ds, pid = sys.argv[1], sys.argv[2]
kw = {"split": "dev"} if ds == "wcxb" else {}
truth = next(it["truth"] for it in load_dataset(ds, **kw) if it["id"] == pid)
pred = (Path("target/eval") / ds / "pred" / f"{pid}.txt").read_text()
norm = lambda s: " ".join(re.findall(r"\w+", s.lower()))
nt, np_ = norm(truth), norm(pred)
print("== LEAKED (in prediction, not in truth)")
for line in pred.splitlines():
    n = norm(line)
    if n and n not in nt:
        print("  +", line[:160])
print("== MISSED (in truth, not in prediction)")
for line in truth.splitlines():
    n = norm(line)
    if n and n not in np_:
        print("  -", line[:160])
