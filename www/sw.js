// The site's service worker: the site keeps working offline once it has been loaded
// (the playground, and the bookmarklet's reader for pages you already have open).
// Network first — a rebuilt site is picked up at once when online — with the last copy of
// every file of the site (listed by `cargo xtask www`) as the fallback. Only this
// origin's GET requests are handled; the article's images go to the network untouched.
const CACHE = 'readmark-site';
const FILES = '__READMARK_FILES__';

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (e) => {
  const req = e.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  e.respondWith(
    fetch(req)
      .then((res) => {
        if (res.ok && res.type === 'basic') {
          const copy = res.clone();
          caches.open(CACHE).then((c) => c.put(req, copy));
        }
        return res;
      })
      .catch(() => caches.match(req, { ignoreSearch: true }).then((hit) => hit ?? Response.error())),
  );
});
