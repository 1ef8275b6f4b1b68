// The messages between the extension's own pages (popup, reader, test page) and the
// background: one typed union, validated on receipt. Content scripts send nothing: the
// background injects the engine and reads its return value, so no page-reachable
// listener exists. The background also checks that a message comes from this extension's
// own pages (`isOwnPage`).

/**
 * @typedef {{type: 'read', tabId: number, selectionOnly: boolean}} ReadRequest
 *   Read the tab (toolbar popup export); answers a {@link ReadResponse}.
 * @typedef {{type: 'open-reader', tabId: number, selectionOnly: boolean}} OpenReaderRequest
 *   Read the tab and open the reader next to it; answers a {@link ReadResponse}.
 * @typedef {ReadRequest | OpenReaderRequest} Request
 *
 * @typedef {{ok: true, key: string, engine: 'wasm'|'js', result: object}
 *         | {ok: false, code: string, detail?: string}} ReadResponse
 */

export const READ = 'read';
export const OPEN_READER = 'open-reader';

/** The message as a {@link Request}, or null when it is not one. */
export function parseRequest(msg) {
  if (!msg || typeof msg !== 'object') return null;
  const { type, tabId, selectionOnly } = msg;
  if (type !== READ && type !== OPEN_READER) return null;
  if (!Number.isInteger(tabId) || tabId < 0) return null;
  return { type, tabId, selectionOnly: selectionOnly === true };
}

/** True when `sender` is a page of this extension (not a content script, not a web page). */
export function isOwnPage(sender, runtime) {
  if (!sender || sender.id !== runtime.id || typeof sender.url !== 'string') return false;
  const origin = new URL(runtime.getURL('/')).origin;
  try {
    return new URL(sender.url).origin === origin;
  } catch {
    return false;
  }
}
