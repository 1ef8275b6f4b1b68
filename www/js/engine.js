// The Rust core on the site: the wasm-bindgen `--target web` module the extension also
// ships (built into pkg/ by `cargo xtask www`). Started once, as soon as a page imports
// this file, so the playground keeps working offline after it has loaded.
import init, { readHtml, version } from '../pkg/readmark.js';

let started = null;

export function startEngine() {
  started ??= init({ module_or_path: new URL('../pkg/readmark_bg.wasm', import.meta.url) });
  return started;
}

/**
 * Extract the article from HTML. Resolves to the engine's answer (the same object as
 * the extension's `readPage()`): `{ok: true, article, markdown, markdownFrontMatter, …}`
 * plus `articleJson` (the .json export text), or `{ok: false, code, message}`.
 * @param {string} html
 * @param {{url?: string, selectionOnly?: boolean}} options
 */
export async function read(html, options = {}) {
  await startEngine();
  const result = JSON.parse(readHtml(html, { url: options.url || undefined, selectionOnly: !!options.selectionOnly }));
  // As the extension's background does: the .json download is the article export,
  // stringified before anything can reorder its keys.
  if (result.ok) result.articleJson = `${JSON.stringify(result.article, null, 2)}\n`;
  return result;
}

/** Engine error codes → the reader's message keys (as the extension maps them). */
export function errorCode(code) {
  return { input_too_large: 'too_large', too_many_elements: 'too_large', work_budget_exceeded: 'too_large' }[code] ?? code;
}

export { version };
