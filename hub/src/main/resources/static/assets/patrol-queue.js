// GridGuard patrol phone: the action queue. Every action (receipt, accept, arrive, note, photo,
// resolve, return) is queued first with a new client action id and then sent, in order, one at a
// time — at once when online, else when the network is back. The id goes as Idempotency-Key, so a
// resend of an action whose answer was lost is recognised by the hub and done only once. A
// refusal (the task was withdrawn or reassigned meanwhile, 404/409/...) is shown and dropped,
// never retried; a hub error (5xx) is retried a bounded number of times.
(function () {
  'use strict';
  var GG = window.GG = window.GG || {};
  var root = document.getElementById('phone');
  if (!root) { return; }
  var MAX_ACTIONS = 100;   // actions waiting on the phone
  var MAX_PHOTOS = 5;      // photos waiting (each up to ~1 MB after downscaling)
  var MAX_TRIES = 8;       // sends of one action answered by a hub error
  var PATHS = { delivered: 'delivered', accept: 'accept', arrive: 'arrive', note: 'notes',
    photo: 'photos', resolve: 'resolve', 'return': 'return' };

  var on = null;          // callbacks: sent(item, task, replayed), refused(item, status, detail), changed()
  var sending = false;
  var timer = null;
  var csrf = null;
  var signedOut = false;

  function items() { return GG.store.get('queue', []); }
  function save(list) { GG.store.set('queue', list); on.changed(); }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) { return window.crypto.randomUUID(); }
    return 'k' + Date.now().toString(36) + Math.random().toString(36).slice(2, 12);
  }

  function token() {
    if (csrf) { return csrf; }
    try { // the layout's htmx headers carry the session's token
      var h = JSON.parse(document.body.getAttribute('hx-headers') || '{}');
      var name = Object.keys(h)[0];
      if (name) { csrf = { name: name, value: h[name] }; }
    } catch (e) { /* none */ }
    return csrf;
  }

  /** Queues an action; a promise of the item, or of {error: text key} when it cannot be kept. */
  function add(taskId, action, body, photo) {
    var list = items();
    if (list.length >= MAX_ACTIONS) { return Promise.resolve({ error: 'queue.full' }); }
    if (photo && list.filter(function (i) { return i.photo; }).length >= MAX_PHOTOS) {
      return Promise.resolve({ error: 'photo.tooMany' });
    }
    var item = { key: action === 'delivered' ? 'delivered-' + taskId : newKey(), taskId: taskId,
      action: action, body: body || null, photo: !!photo, at: Date.now(), tries: 0 };
    if (action === 'delivered' && list.some(function (i) { return i.key === item.key; })) {
      return Promise.resolve(item); // one receipt per task is enough
    }
    function push() { list = items(); list.push(item); save(list); flush(); return item; }
    if (photo) {
      return GG.store.photoPut(item.key, photo).then(push, function () { return { error: 'photo.bad' }; });
    }
    return Promise.resolve(push());
  }

  function remove(key) {
    save(items().filter(function (i) { return i.key !== key; }));
  }

  function later(wait) {
    clearTimeout(timer);
    timer = setTimeout(flush, wait);
  }

  function request(item) {
    var t = token();
    var headers = { 'Idempotency-Key': item.key, Accept: 'application/json' };
    if (t) { headers[t.name] = t.value; }
    var url = root.dataset.api + '/' + item.taskId + '/' + PATHS[item.action];
    var body = Promise.resolve(null);
    if (item.photo) {
      body = GG.store.photoGet(item.key).then(function (blob) {
        if (!blob) { throw new Error('photo gone'); }
        var form = new FormData();
        form.append('photo', blob, 'photo.jpg');
        return form;
      });
    } else if (item.body) {
      headers['Content-Type'] = 'application/json';
      body = Promise.resolve(JSON.stringify(item.body));
    }
    return body.then(function (b) {
      return fetch(url, { method: 'POST', headers: headers, body: b, credentials: 'same-origin',
        cache: 'no-store' });
    });
  }

  function detail(r) {
    return r.text().then(function (text) {
      try { return JSON.parse(text).detail || ''; } catch (e) { return ''; }
    }, function () { return ''; });
  }

  function done(item) {
    remove(item.key);
    if (item.photo) { GG.store.photoDelete(item.key).catch(function () {}); }
  }

  /** Sends what waits, in order; stops at the first that cannot be sent now. */
  function flush() {
    if (sending || !on) { return; }
    var list = items();
    if (!list.length) { return; }
    var item = list[0];
    sending = true;
    var retriedToken = false;
    function attempt() {
      return request(item).then(function (r) {
        if (/\/login(\?|$)/.test(r.url) || r.status === 401) {
          signedOut = true; on.changed(); return 'stop';
        }
        signedOut = false;
        if (r.status === 403 && !retriedToken) { // perhaps an old session's CSRF token: renew, once
          retriedToken = true;
          return on.renewToken().then(attempt);
        }
        if (r.ok) {
          return r.json().then(function (task) {
            done(item);
            on.sent(item, task, r.headers.get('Idempotent-Replayed') === 'true');
            return 'next';
          });
        }
        if (r.status >= 500 || r.status === 429) {
          item.tries += 1;
          var now = items();
          if (now.length && now[0].key === item.key) { now[0].tries = item.tries; save(now); }
          if (item.tries < MAX_TRIES) { return 'later'; }
        }
        return detail(r).then(function (d) {
          done(item);
          if (item.action !== 'delivered') { on.refused(item, r.status, d); }
          return 'next';
        });
      }, function (e) {
        if (e && e.message === 'photo gone') { done(item); on.refused(item, 0, ''); return 'next'; }
        return 'offline';
      });
    }
    attempt().then(function (outcome) {
      sending = false;
      on.changed();
      if (outcome === 'next') { flush(); }
      else if (outcome === 'later') { later(5000 * Math.min(6, item.tries)); }
      else if (outcome === 'offline') { later(10000); }
    });
  }

  window.addEventListener('online', function () { later(300); });

  GG.queue = {
    start: function (callbacks) { on = callbacks; flush(); },
    add: add,
    items: items,
    flush: flush,
    signedOut: function () { return signedOut; },
    setToken: function (name, value) { if (name && value) { csrf = { name: name, value: value }; } },
    MAX_PHOTOS: MAX_PHOTOS
  };
})();
