// GridGuard patrol phone: the service worker that lets /patrol open with no network. It keeps the
// page shell (the last /patrol the hub served this phone) and the page's assets; the task data
// lives in the page's own storage (localStorage, IndexedDB) and its actions in the page's queue.
// Navigations to /patrol: network first, the kept copy when the hub cannot be reached. Assets
// (/assets/**, /webjars/** — the hub's own files, a bounded set): the kept copy at once, refreshed
// from the hub in the background. The page posts the exact URLs of its scripts and styles (the
// hub versions webjar paths) so they are kept before the first time the network goes. Everything
// else (the feed, the task API, POSTs) is not touched.
'use strict';
var CACHE = 'gg-patrol-v1';
var PAGE = '/patrol';
var SHELL = [
  '/assets/console.css', '/assets/patrol-phone.css', '/assets/console.js', '/assets/patrol.js',
  '/assets/patrol-store.js', '/assets/patrol-feed.js', '/assets/patrol-queue.js',
  '/assets/patrol-tasks.js', '/webjars/htmx.org/dist/htmx.min.js', '/webjars/htmx-ext-sse/sse.js',
  '/webjars/leaflet/dist/leaflet.js', '/webjars/leaflet/dist/leaflet.css',
  '/assets/icons/icon.svg', '/assets/icons/icon-192.png', '/manifest.webmanifest'
];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    // one by one: a missing asset must not keep the others out
    return Promise.all(SHELL.concat([PAGE]).map(function (url) {
      return fetch(url, { credentials: 'same-origin' }).then(function (r) {
        if (r.ok && !r.redirected) { return cache.put(url, r); }
        return null;
      }).catch(function () { return null; });
    }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k.indexOf('gg-patrol-') === 0 && k !== CACHE; })
      .map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function asset(url) {
  return url.origin === self.location.origin && (url.pathname.indexOf('/assets/') === 0
    || url.pathname.indexOf('/webjars/') === 0 || url.pathname === '/manifest.webmanifest');
}

// the page: "keep these" (its script and style URLs); answers once they are kept
self.addEventListener('message', function (event) {
  var urls = (event.data && event.data.keep) || [];
  var port = event.ports && event.ports[0];
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(urls.slice(0, 50).map(function (u) {
      var url = new URL(u, self.location.origin);
      if (!asset(url)) { return null; }
      return cache.match(url.pathname).then(function (kept) {
        if (kept) { return null; }
        return fetch(url.pathname, { credentials: 'same-origin' }).then(function (r) {
          return r.ok ? cache.put(url.pathname, r) : null;
        });
      });
    }));
  }).then(function () { if (port) { port.postMessage({ kept: true }); } },
    function () { if (port) { port.postMessage({ kept: false }); } }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.mode === 'navigate' && url.pathname === PAGE) {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && response.type === 'basic' && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { return cache.put(PAGE, copy); });
      }
      return response;
    }).catch(function () {
      return caches.open(CACHE).then(function (cache) { return cache.match(PAGE); })
        .then(function (kept) { return kept || Response.error(); });
    }));
    return;
  }
  if (asset(url)) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(url.pathname).then(function (kept) {
        var fresh = fetch(request).then(function (response) {
          if (response.ok && !response.redirected) { cache.put(url.pathname, response.clone()); }
          return response;
        });
        if (kept) {
          fresh.catch(function () { return null; });
          return kept;
        }
        return fresh;
      });
    }));
  }
});
