// The JavaScript engine (wasm2js of the same module), bundled by `cargo xtask build` into
// engine/engine-js.js. Used only where the page's CSP forbids WebAssembly in content scripts
// (Chromium applies the page's CSP to them). Same interface as wasm-entry.js.
import { readPage, renderExports, version } from './readmark.js';

globalThis.__readmarkEngine = {
  kind: 'js',
  ready: Promise.resolve(true),
  readPage,
  renderExports,
  version,
};
