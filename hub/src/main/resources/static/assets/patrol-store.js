// GridGuard patrol phone: what the page keeps on the phone, per user — the last task list, the
// feed's last sequence and the offline action queue in localStorage (small JSON), queued photos
// as Blobs in IndexedDB (too large for localStorage). Everything here is bounded by its callers
// (the queue by MAX_ACTIONS and MAX_PHOTOS in patrol-queue.js).
(function () {
  'use strict';
  var GG = window.GG = window.GG || {};
  var root = document.getElementById('phone');
  if (!root) { return; }
  var prefix = 'gg.patrol.' + root.dataset.user + '.';

  function get(key, fallback) {
    try {
      var raw = window.localStorage.getItem(prefix + key);
      return raw == null ? fallback : JSON.parse(raw);
    } catch (e) { return fallback; }
  }

  function set(key, value) {
    try {
      window.localStorage.setItem(prefix + key, JSON.stringify(value));
      return true;
    } catch (e) { return false; } // full or disabled: the page still works online
  }

  var db = null;
  function open() {
    if (db) { return db; }
    db = new Promise(function (resolve, reject) {
      if (!window.indexedDB) { reject(new Error('no IndexedDB')); return; }
      var req = window.indexedDB.open('gg-patrol-' + root.dataset.user, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore('photos'); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
    return db;
  }

  function photos(mode, run) {
    return open().then(function (d) {
      return new Promise(function (resolve, reject) {
        var tx = d.transaction('photos', mode);
        var req = run(tx.objectStore('photos'));
        tx.oncomplete = function () { resolve(req.result); };
        tx.onerror = function () { reject(tx.error); };
        tx.onabort = function () { reject(tx.error); };
      });
    });
  }

  GG.store = {
    get: get,
    set: set,
    photoPut: function (id, blob) { return photos('readwrite', function (s) { return s.put(blob, id); }); },
    photoGet: function (id) { return photos('readonly', function (s) { return s.get(id); }); },
    photoDelete: function (id) { return photos('readwrite', function (s) { return s.delete(id); }); }
  };
})();
