// The WebAssembly engine, bundled by `cargo xtask build` (esbuild, IIFE) into
// engine/engine-wasm.js: wasm-bindgen's `--target web` glue with the module's bytes inlined,
// so the content script needs no web-accessible file. Defines the same
// `globalThis.__readmarkEngine` as js-entry.js; the background injects one or the other.
import init, { readPage, renderExports, version } from './readmark.js';
import bytes from './readmark_bg.wasm';

if (!globalThis.__readmarkEngine) {
  globalThis.__readmarkEngine = {
    kind: 'wasm',
    // Rejects on pages whose CSP forbids WebAssembly (Chromium); the background then
    // injects the JavaScript engine.
    ready: init({ module_or_path: bytes }).then(() => true),
    readPage,
    renderExports,
    version,
  };
}
