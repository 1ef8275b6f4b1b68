// Registers the service worker (sw.js) that keeps the site usable offline once loaded.
// Not essential: without it (private windows, file://) everything works online.
export function registerOffline() {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker.register(new URL('../sw.js', import.meta.url)).catch(() => {});
}
registerOffline();
