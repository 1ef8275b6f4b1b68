#!/usr/bin/env python3
"""Static server for the end-to-end tests, on 127.0.0.1 only.

    /<mode>/<path>   mode = plain | csp-self | csp-none | noscript  (the page's CSP header)
      pages/<name>.html           extension/e2e/pages/
      fixtures/<case>.html        tests/fixtures/<case>/source.html (raw bytes)
      corpus/<dataset>/<id>.html  a corpus page (gunzipped), for the F1 comparison
      demo/page.html              the file given with --file (cargo xtask demo PAGE.html)
      gen/long.html               a generated long article
      xss/<name>.html             a page of the XSS run (--xss-dir; extension/e2e/xss.mjs)
    /static/<path>   no mode: reader/*.js (extension/reader/), e2e/*.js (extension/e2e/),
                     markdown-it.mjs and markdown-it-footnote.mjs (node_modules) for the
                     export viewer of the XSS run
    /beacon/<id>/<origin>   an instrumented payload ran: recorded, 204
    /evil/<path>            stands for https://evil.example/ in the payloads: recorded; a
                            `.js` path answers a script that beacons, anything else 204
                            (a navigation to a 204 does not leave the page)
    /beacons?since=N        the recorded hits from the N-th on, as JSON

Mode `xss` serves with a CSP under which nothing in the page (or its frames) can run, so
that a beacon can only come from Readmark's own pages or from the export viewer.

Prints `PORT <n>` on stdout when ready. Usage: server.py [--port N] [--corpus DIR] [--xss-dir DIR]
"""
import argparse
import gzip
import http.server
import json
import os
import threading
import time
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
CSP = {
    "plain": None,
    "csp-self": "script-src 'self'",
    "csp-none": "default-src 'none'",
    # The page's own scripts are blocked, WebAssembly (the extension's engine) is not: a
    # saved corpus page replayed offline on 127.0.0.1 would otherwise run scripts that
    # fail without their servers and rewrite the page (error screens, redirects).
    "noscript": "script-src 'wasm-unsafe-eval'",
    "xss": "script-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'",
}
STATIC = {
    "reader": os.path.join(REPO, "extension", "reader"),
    "e2e": HERE,
}
NODE_MODULES = os.path.join(REPO, "node_modules")
VENDOR = {
    "markdown-it.mjs": os.path.join(NODE_MODULES, "markdown-it", "dist", "browser", "markdown-it.esm.min.mjs"),
    "markdown-it-footnote.mjs": os.path.join(NODE_MODULES, "markdown-it-footnote", "index.mjs"),
}
HITS = []
HITS_LOCK = threading.Lock()


class Handler(http.server.BaseHTTPRequestHandler):
    corpus = None
    demo_file = None
    xss_dir = None

    def log_message(self, *args):  # quiet
        pass

    def resolve(self, rest):
        parts = rest.split("/")
        if rest == "demo/page.html" and self.demo_file:
            return self.demo_file, self.demo_file.endswith(".gz")
        if rest == "gen/long.html":
            return "gen:long", False
        if parts[0] == "pages" and len(parts) == 2:
            return os.path.join(HERE, "pages", parts[1]), False
        if parts[0] == "fixtures" and len(parts) == 2 and parts[1].endswith(".html"):
            return os.path.join(REPO, "tests", "fixtures", parts[1][:-5], "source.html"), False
        if parts[0] == "xss" and len(parts) == 2 and self.xss_dir:
            return os.path.join(self.xss_dir, parts[1]), False
        if parts[0] == "corpus" and len(parts) == 3 and self.corpus:
            return corpus_file(self.corpus, parts[1], parts[2][:-5])
        return None, False

    def record(self, kind, path):
        with HITS_LOCK:
            HITS.append({
                "kind": kind,
                "path": path,
                "origin": self.headers.get("Origin"),
                "referer": self.headers.get("Referer"),
                "time": time.time(),
            })

    def send_small(self, status, ctype=None, body=b""):
        self.send_response(status)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Cache-Control", "no-store")
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        self.do_GET()

    def special(self, url):
        """The XSS run's endpoints; True when the request was one of them."""
        path = url.path
        if path.startswith("/beacon/"):
            self.record("beacon", path)
            self.send_small(204)
        elif path.startswith("/evil/"):
            self.record("evil", path)
            if path.endswith(".js"):
                port = self.server.server_address[1]
                js = f"fetch(`http://127.0.0.1:{port}/beacon/evil-js/`+self.origin);"
                self.send_small(200, "text/javascript", js.encode())
            else:
                self.send_small(204)
        elif path == "/beacons":
            since = int(urllib.parse.parse_qs(url.query).get("since", ["0"])[0])
            with HITS_LOCK:
                body = json.dumps({"total": len(HITS), "hits": HITS[since:]})
            self.send_small(200, "application/json", body.encode())
        elif path.startswith("/static/"):
            rest = path[len("/static/"):]
            parts = rest.split("/")
            if rest in VENDOR:
                file = VENDOR[rest]
            elif len(parts) == 2 and parts[0] in STATIC and parts[1].endswith((".js", ".mjs")):
                file = os.path.join(STATIC[parts[0]], parts[1])
            else:
                file = None
            if not file or ".." in rest or not os.path.isfile(file):
                self.send_error(404)
            else:
                self.send_small(200, "text/javascript; charset=utf-8", open(file, "rb").read())
        else:
            return False
        return True

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if self.special(url):
            return
        path = url.path
        segs = path.lstrip("/").split("/", 1)
        if len(segs) != 2 or segs[0] not in CSP or ".." in segs[1]:
            return self.send_error(404)
        file, gz = self.resolve(segs[1])
        if file == "gen:long":
            data = long_page().encode("utf-8")
            file = "long.html"
        elif not file or not os.path.isfile(file):
            return self.send_error(404)
        else:
            data = open(file, "rb").read()
        if gz:
            data = gzip.decompress(data)
        self.send_response(200)
        ctype = "text/html" if file.endswith((".html", ".gz")) else "application/octet-stream"
        if file.endswith((".js", ".mjs")):
            ctype = "text/javascript"
        if ctype == "text/html" and utf8_with_non_ascii(data):
            # What the page's own server declared, as far as the bytes tell: saved pages
            # often lack <meta charset>, and without a header a browser falls back to
            # windows-1252 (the CLI, like a server-declared charset, gets UTF-8 right).
            ctype += "; charset=utf-8"
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        if CSP[segs[0]]:
            self.send_header("Content-Security-Policy", CSP[segs[0]])
        self.end_headers()
        self.wfile.write(data)


def utf8_with_non_ascii(data):
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def long_page(paragraphs=3000):
    """A long article (about 1.5 MB): many sections, lists, a table, code."""
    out = ['<!doctype html><html lang="en"><head><meta charset="utf-8">',
           "<title>A very long article | Long reads</title></head><body>",
           "<nav><a href='/'>Home</a></nav><article><h1>A very long article</h1>"]
    for i in range(paragraphs):
        if i % 100 == 0:
            out.append(f"<h2>Part {i // 100 + 1}</h2>")
        out.append(f"<p>Paragraph {i}: a sentence about reading long pages, with enough words "
                   f"to count as content, and a <a href='/p/{i}'>link number {i}</a> inside it. "
                   "It goes on for a while so that the page is large and realistic.</p>")
        if i % 500 == 250:
            out.append("<table><tr><th>n</th><th>square</th></tr>"
                       + "".join(f"<tr><td>{n}</td><td>{n * n}</td></tr>" for n in range(20))
                       + "</table><pre><code class='language-rust'>fn main() {\n    println!(\"hi\");\n}</code></pre>")
    out.append("</article><footer>Long reads</footer></body></html>")
    return "".join(out)


def corpus_file(root, dataset, page_id):
    if dataset == "scrapinghub":
        return os.path.join(root, "scrapinghub", "html", page_id + ".html.gz"), True
    if dataset == "wcxb":
        return os.path.join(root, "wcxb", "dev", "html", page_id + ".html.gz"), True
    if dataset == "readability":
        return os.path.join(root, "readability-test-pages", "test-pages", page_id, "source.html"), False
    return None, False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--corpus")
    ap.add_argument("--file", help="served as /<mode>/demo/page.html")
    ap.add_argument("--xss-dir", help="served as /<mode>/xss/<name>.html")
    a = ap.parse_args()
    Handler.xss_dir = os.path.abspath(a.xss_dir) if a.xss_dir else None
    Handler.corpus = a.corpus
    Handler.demo_file = os.path.abspath(a.file) if a.file else None
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    print("PORT", srv.server_address[1], flush=True)
    try:
        srv.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
