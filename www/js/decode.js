// Bytes of a saved page → text, with the browser's TextDecoder: BOM, then a
// `<meta charset>` / `http-equiv` declaration in the first 4 KB, then UTF-8 when the bytes
// are valid UTF-8, else windows-1252 (what a browser assumes without a declaration).
// The CLI also sniffs undeclared legacy encodings (chardetng); the site does not, to keep
// that code out of the WebAssembly module the extension shares (see src/web/hosted.rs).

const BOMS = [
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** The encoding label a page declares in its first 4 KB, if any. */
export function declaredCharset(bytes) {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 4096));
  const m = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head.replace(/<!--[\s\S]*?-->/g, ''));
  return m ? m[1].toLowerCase() : null;
}

/** @param {Uint8Array} bytes @returns {{text: string, encoding: string}} */
export function decodeHtml(bytes) {
  for (const [bom, label] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) return { text: new TextDecoder(label).decode(bytes), encoding: label };
  }
  let label = declaredCharset(bytes);
  // A declared UTF-16 in an ASCII-compatible prescan means UTF-8 (HTML spec); and as the
  // CLI does, a legacy declaration over valid non-ASCII UTF-8 is a re-saved page.
  if (label && /^utf-?16/.test(label)) label = 'utf-8';
  try {
    const utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (!label || label === 'utf-8' || label === 'utf8' || /[^\x00-\x7f]/.test(utf8)) return { text: utf8, encoding: 'utf-8' };
  } catch {
    /* not UTF-8 */
  }
  try {
    if (label) return { text: new TextDecoder(label).decode(bytes), encoding: label };
  } catch {
    /* a label the browser does not know */
  }
  return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
}
