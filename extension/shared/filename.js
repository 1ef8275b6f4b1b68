// File names for exports: from the article's title, safe on Windows, macOS and Linux,
// non-Latin text kept. Plain JS without browser APIs (tested with `node --test`).

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// Windows-forbidden characters, C0/C1 controls, bidi overrides and other format
// characters that would make a name display differently from what it is.
const BAD = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const MAX_BYTES = 150; // well below the 255-byte limit of common file systems, leaves room for " (1)"

/**
 * `title` → `"<safe title>.<ext>"` (`"article.<ext>"` when nothing usable is left).
 * @param {string | null | undefined} title
 * @param {string} ext without the dot
 */
export function safeFileName(title, ext) {
  let name = String(title ?? '').normalize('NFC').replace(BAD, ' ');
  name = name.replace(/\s+/g, ' ').trim();
  // Leading dots hide files on Unix; trailing dots and spaces are dropped by Windows.
  name = name.replace(/^[.\s]+/, '').replace(/[.\s]+$/, '');
  name = truncateUtf8(name, MAX_BYTES).replace(/[.\s]+$/, '');
  if (!name || RESERVED.test(name.split('.')[0])) name = name ? `_${name}` : 'article';
  return `${name}.${ext}`;
}

/** Cut `s` to at most `max` UTF-8 bytes, never inside a character. */
function truncateUtf8(s, max) {
  const enc = new TextEncoder();
  if (enc.encode(s).length <= max) return s;
  let out = '';
  let bytes = 0;
  for (const ch of s) {
    const n = enc.encode(ch).length;
    if (bytes + n > max) break;
    out += ch;
    bytes += n;
  }
  return out;
}
