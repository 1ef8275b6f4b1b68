#!/usr/bin/env python3
"""Where the bytes of a WebAssembly module go: sections, and code size per crate/function.

usage: wasm_sizes.py MODULE.wasm [TOP_N]

Needs the `name` section (wasm-bindgen without --remove-name-section, or rustc's output).
Prints section sizes, code bytes per crate (the first path segment of the demangled
Rust name, `<impl X for Y>` counted under the crate of Y's trait) and the TOP_N biggest
functions. Python standard library only.
"""
import collections
import re
import sys


def leb(b, i):
    r = s = 0
    while True:
        x = b[i]
        i += 1
        r |= (x & 0x7F) << s
        s += 7
        if x < 0x80:
            return r, i


def main():
    data = open(sys.argv[1], "rb").read()
    top_n = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    assert data[:4] == b"\0asm"
    i = 8
    sections = []
    code_sizes = []
    names = {}
    n_imported_funcs = 0
    while i < len(data):
        sid = data[i]
        size, j = leb(data, i + 1)
        body = data[j : j + size]
        name = None
        if sid == 0:
            nl, k = leb(body, 0)
            name = body[k : k + nl].decode()
            if name == "name":
                p = k + nl
                while p < len(body):
                    sub = body[p]
                    sl, p = leb(body, p + 1)
                    if sub == 1:
                        q = p
                        cnt, q = leb(body, q)
                        for _ in range(cnt):
                            idx, q = leb(body, q)
                            ln, q = leb(body, q)
                            names[idx] = body[q : q + ln].decode(errors="replace")
                            q += ln
                    p += sl
        elif sid == 2:
            cnt, k = leb(body, 0)
            for _ in range(cnt):
                for _ in range(2):
                    ln, k = leb(body, k)
                    k += ln
                kind = body[k]
                k += 1
                if kind == 0:
                    _, k = leb(body, k)
                    n_imported_funcs += 1
                elif kind == 1:
                    k += 1
                    flags = body[k]
                    k += 1
                    _, k = leb(body, k)
                    if flags & 1:
                        _, k = leb(body, k)
                elif kind == 2:
                    flags = body[k]
                    k += 1
                    _, k = leb(body, k)
                    if flags & 1:
                        _, k = leb(body, k)
                elif kind == 3:
                    k += 2
        elif sid == 10:
            cnt, k = leb(body, 0)
            for _ in range(cnt):
                fs, k2 = leb(body, k)
                code_sizes.append(fs + (k2 - k))
                k = k2 + fs
        label = {0: f"custom:{name}", 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory",
                 6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data",
                 12: "datacount"}.get(sid, str(sid))
        sections.append((label, size))
        i = j + size
    total = len(data)
    print(f"{sys.argv[1]}: {total} bytes")
    for label, size in sections:
        print(f"  {label:24} {size:>9}  {100 * size / total:5.1f}%")
    per_crate = collections.Counter()
    funcs = []
    for k, sz in enumerate(code_sizes):
        nm = names.get(k + n_imported_funcs, f"func{k + n_imported_funcs}")
        funcs.append((sz, nm))
        s = nm.lstrip("<&")
        m = re.search(r" as ([A-Za-z_][A-Za-z0-9_]*)", nm) if nm.startswith("<") else None
        crate = re.split(r"::|\[|<| ", s)[0] or "?"
        if crate in ("core", "alloc", "std") and m:
            crate = m.group(1)
        per_crate[crate] += sz
    code_total = sum(code_sizes)
    print(f"\ncode bytes per crate (of {code_total}):")
    for c, sz in per_crate.most_common(25):
        print(f"  {c:32} {sz:>9}  {100 * sz / code_total:5.1f}%")
    print(f"\nbiggest functions:")
    for sz, nm in sorted(funcs, reverse=True)[:top_n]:
        print(f"  {sz:>8}  {nm[:150]}")


if __name__ == "__main__":
    main()
