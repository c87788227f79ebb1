// GridGuard patrol phone: my tasks — list (open first, newest first), detail with a schematic map
// and a geo: link, the actions of the task's state, photos downscaled on the phone, all through
// the offline queue (patrol-queue.js) and kept current by the task feed (patrol-feed.js). Shown
// from the phone's copy when the hub cannot be reached; the service worker keeps the page itself.
(function () {
  'use strict';
  var GG = window.GG = window.GG || {};
  var root = document.getElementById('phone');
  if (!root) { return; }
  var T = JSON.parse(root.dataset.texts || '{}');
  var CATS = JSON.parse(root.dataset.categories || '{}');
  var API = root.dataset.api;
  var LIVE = ['NEW', 'DELIVERED', 'ACCEPTED', 'ARRIVED'];
  var ACTIONS = { NEW: ['accept', 'note', 'return'], DELIVERED: ['accept', 'note', 'return'],
    ACCEPTED: ['arrive', 'note', 'photo', 'resolve', 'return'], ARRIVED: ['note', 'photo', 'resolve'],
    RESOLVED: ['photo'], RETURNED: [], WITHDRAWN: [] };
  var TARGET = { accept: 'ACCEPTED', arrive: 'ARRIVED', resolve: 'RESOLVED', 'return': 'RETURNED' };
  var COLOURS = { 1: '#a40000', 2: '#c05600', 3: '#8a6d00', 4: '#4a5568' };
  var MAX_PX = 1600;
  var MAX_DETAILS = 30;

  function $(id) { return document.getElementById(id); }
  function t(key, args) {
    var s = T[key] || key;
    (args || []).forEach(function (a, i) { s = s.split('{' + i + '}').join(a); });
    return s;
  }
  function node(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] != null) { e.setAttribute(k, attrs[k]); }
    });
    if (text != null) { e.textContent = text; }
    return e;
  }
  function live(state) { return LIVE.indexOf(state) >= 0; }
  function when(iso) {
    if (!iso) { return ''; }
    try {
      return new Date(iso).toLocaleString(document.documentElement.lang || undefined,
        { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
    } catch (e) { return iso; }
  }

  var tasks = GG.store.get('tasks', []);
  var details = GG.store.get('details', {});
  var failed = [];
  var shown = null;      // the id of the task open in the detail
  var map = null;
  var grids = null;

  GG.hasTaskFor = function (incidentId) {
    return tasks.some(function (x) { return x.incidentId === incidentId && live(x.state); });
  };

  // --- the task as the phone sees it: the hub's view plus what waits in the queue --------------
  function view(id) {
    var base = tasks.filter(function (x) { return x.id === id; })[0];
    var d = details[id];
    if (!base && !d) { return null; }
    var v = Object.assign({}, d || {}, base || {});
    v.notes = (d && d.notes) || [];
    v.photos = (d && d.photos) || [];
    v.pending = GG.queue.items().filter(function (i) { return i.taskId === id && i.action !== 'delivered'; });
    v.pending.forEach(function (i) { if (TARGET[i.action]) { v.state = TARGET[i.action]; } });
    return v;
  }

  function remember(task) {
    var i = tasks.map(function (x) { return x.id; }).indexOf(task.id);
    var row = Object.assign({}, task);
    delete row.notes; delete row.photos;
    if (i >= 0) { tasks[i] = row; } else { tasks.unshift(row); }
    GG.store.set('tasks', tasks);
    if (task.notes) {
      details[task.id] = task;
      var ids = Object.keys(details);
      if (ids.length > MAX_DETAILS) { delete details[ids[0]]; }
      GG.store.set('details', details);
    }
  }

  // --- list ------------------------------------------------------------------------------------
  function renderList() {
    var ul = $('task-list');
    ul.textContent = '';
    var views = tasks.map(function (x) { return view(x.id); });
    views.sort(function (a, b) {
      var la = live(a.state) ? 0 : 1, lb = live(b.state) ? 0 : 1;
      return la !== lb ? la - lb : b.id - a.id;
    });
    views.forEach(function (v) {
      var li = node('li', { id: 'ptask-' + v.id, 'data-state': v.state,
        'class': live(v.state) ? 'open' : 'done' });
      var a = node('a', { href: '#task/' + v.id });
      a.appendChild(node('span', { 'class': 'prio p' + v.priority }, 'P' + v.priority));
      a.appendChild(node('span', { 'class': 'state' }, t('state.' + v.state)));
      if (v.pending.length) { a.appendChild(node('span', { 'class': 'pending' }, t('pending'))); }
      a.appendChild(node('strong', null, v.title || CATS[v.category] || v.category));
      a.appendChild(node('span', null, (CATS[v.category] || v.category) + ' · ' + v.gridCode + ' · '));
      a.appendChild(node('time', { datetime: v.createdAt }, when(v.createdAt)));
      li.appendChild(a);
      ul.appendChild(li);
    });
    $('no-my-tasks').hidden = views.some(function (v) { return live(v.state); });
    hideGridDuplicates();
  }

  /** The grid's incident list below need not repeat incidents I hold as a task. */
  function hideGridDuplicates() {
    document.querySelectorAll('#tasks li[data-incident]').forEach(function (li) {
      li.hidden = GG.hasTaskFor(parseInt(li.dataset.incident, 10));
    });
  }
  document.body.addEventListener('htmx:afterSwap', hideGridDuplicates);

  // --- detail ----------------------------------------------------------------------------------
  function openDetail(id) {
    shown = id;
    var box = $('phone-detail');
    box.textContent = '';
    if (map) { map.remove(); map = null; }
    var v = view(id);
    $('phone-list').hidden = true;
    $('live').hidden = true;
    box.hidden = false;
    var back = node('a', { href: '#', id: 'phone-back' }, t('back'));
    var p = node('p'); p.appendChild(back); box.appendChild(p);
    if (!v) {
      box.appendChild(node('p', { 'class': 'banner error', id: 'task-missing', role: 'alert' }, t('why.404')));
      box.focus();
      return;
    }
    var h = node('h2', { id: 'task-title', tabindex: '-1' });
    h.appendChild(node('span', { 'class': 'prio p' + v.priority }, 'P' + v.priority));
    h.appendChild(document.createTextNode(' ' + (v.title || CATS[v.category] || v.category)));
    box.appendChild(h);
    var dl = node('dl', { 'class': 'facts' });
    [['field.state', node('span', { id: 'task-state' })],
     ['field.category', CATS[v.category] || v.category], ['field.grid', v.gridCode],
     ['field.created', when(v.createdAt)]].forEach(function (f) {
      dl.appendChild(node('dt', null, t(f[0])));
      var dd = node('dd');
      if (typeof f[1] === 'string') { dd.textContent = f[1]; } else { dd.appendChild(f[1]); }
      dl.appendChild(dd);
    });
    box.appendChild(dl);
    box.appendChild(node('p', { id: 'task-reason', 'class': 'hint', hidden: '' }));
    if (v.lat != null && v.lon != null) {
      box.appendChild(node('div', { id: 'task-map', role: 'img', 'aria-label': t('map.label', [v.lat, v.lon]) }));
      var nav = node('a', { id: 'task-navigate', 'class': 'banner ok navigate',
        href: 'geo:' + v.lat + ',' + v.lon + '?q=' + v.lat + ',' + v.lon },
        t('navigate') + ' (' + v.lat.toFixed(5) + ', ' + v.lon.toFixed(5) + ')');
      var np = node('p'); np.appendChild(nav); box.appendChild(np);
    } else {
      box.appendChild(node('p', { 'class': 'hint', id: 'task-no-location' }, t('noLocation')));
    }
    var form = node('form', { id: 'task-actions', 'class': 'actions', novalidate: '' });
    form.appendChild(node('label', { 'for': 'task-text' }, t('text.label')));
    form.appendChild(node('textarea', { id: 'task-text', rows: '3', maxlength: '2000',
      'aria-describedby': 'task-text-hint task-need' }));
    form.appendChild(node('p', { 'class': 'hint', id: 'task-text-hint' }, t('text.hint')));
    form.appendChild(node('p', { 'class': 'banner error', id: 'task-need', role: 'alert', hidden: '' }));
    form.appendChild(node('div', { 'class': 'buttons', id: 'task-buttons' }));
    var file = node('input', { type: 'file', id: 'do-photo-file', accept: 'image/*',
      capture: 'environment', 'class': 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true' });
    form.appendChild(file);
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    file.addEventListener('change', function () {
      if (file.files && file.files[0]) { photo(id, file.files[0]); }
      file.value = '';
    });
    box.appendChild(form);
    box.appendChild(node('p', { id: 'task-photos', 'class': 'hint' }));
    box.appendChild(node('h3', null, t('notes')));
    box.appendChild(node('ul', { id: 'task-notes', 'class': 'timeline' }));
    fillDetail();
    drawMap(v);
    h.focus();
    loadDetail(id);
  }

  function fillDetail() {
    if (shown == null || $('phone-detail').hidden) { return; }
    var v = view(shown);
    if (!v || !$('task-state')) { return; }
    $('task-state').textContent = t('state.' + v.state) + (v.pending.length ? ' · ' + t('pending') : '');
    $('task-state').parentNode.dataset.state = v.state;
    $('phone-detail').dataset.state = v.state;
    var reason = $('task-reason');
    reason.hidden = !v.reason;
    reason.textContent = v.reason ? t('field.reason') + ': ' + v.reason : '';
    // rebuilt only when the state's actions change: a re-render (the feed, the queue, a reply)
    // must not pull a button from under a finger or take the keyboard focus away
    var buttons = $('task-buttons');
    var actions = (ACTIONS[v.state] || []).join(' ');
    if (buttons.dataset.actions !== actions) {
      buttons.dataset.actions = actions;
      buttons.textContent = '';
      addButtons(buttons, v.state);
    }
    $('task-actions').hidden = !(ACTIONS[v.state] || []).length;
    var done = v.photos.length;
    var waiting = v.pending.filter(function (i) { return i.action === 'photo'; }).length;
    $('task-photos').textContent = t('photos', [done]) + (waiting ? ' + ' + waiting + ' ' + t('pending') : '');
    var notes = $('task-notes');
    notes.textContent = '';
    v.notes.forEach(function (n) {
      var li = node('li');
      li.appendChild(node('time', { datetime: n.at }, when(n.at)));
      li.appendChild(document.createTextNode(' ' + n.username + ': '));
      li.appendChild(node('q', null, n.text));
      notes.appendChild(li);
    });
    v.pending.forEach(function (i) {
      var li = node('li', { 'class': 'pending-item', 'data-action': i.action });
      li.appendChild(node('span', { 'class': 'pending' }, t('pending')));
      var text = i.body && (i.body.text || i.body.note || i.body.reason);
      li.appendChild(document.createTextNode(' ' + t('act.' + i.action) + (text ? ': ' + text : '')));
      notes.appendChild(li);
    });
  }

  function addButtons(buttons, state) {
    (ACTIONS[state] || []).forEach(function (a) {
      var b = node('button', { type: 'button', id: 'do-' + a,
        'class': a === 'return' ? 'danger' : a === 'note' || a === 'photo' ? 'secondary' : 'primary' },
        t('act.' + a));
      b.addEventListener('click', function () { act(shown, a); });
      buttons.appendChild(b);
    });
  }

  function drawMap(v) {
    var div = $('task-map');
    if (!div || !window.L) { return; }
    map = L.map(div, { attributionControl: false, zoomSnap: 0.5 });
    map.setView([v.lat, v.lon], 16);
    L.circleMarker([v.lat, v.lon], { radius: 11, color: '#fff', weight: 3, fillOpacity: 0.95,
      fillColor: COLOURS[v.priority] || '#4a5568' }).addTo(map);
    var here = map;
    (grids || (grids = fetch(root.dataset.grids, { credentials: 'same-origin',
      headers: { Accept: 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error(r.status); } return r.json();
    }))).then(function (fc) {
      if (here !== map) { return; }
      L.geoJSON(fc, { style: { color: '#2b6cb0', weight: 1, fillOpacity: 0.04 } }).addTo(map);
      div.dataset.ready = 'true';
    }).catch(function () { grids = null; div.dataset.ready = 'true'; }); // offline: the dot alone
  }

  // --- actions ---------------------------------------------------------------------------------
  function need(key) {
    var p = $('task-need');
    if (p) { p.textContent = t(key); p.hidden = false; }
  }

  function act(id, action) {
    var text = $('task-text') ? $('task-text').value.trim() : '';
    $('task-need').hidden = true;
    var body = null;
    if (action === 'photo') { $('do-photo-file').click(); return; }
    if (action === 'note') { if (!text) { need('need.note'); return; } body = { text: text }; }
    if (action === 'resolve') { if (!text) { need('need.resolve'); return; } body = { note: text }; }
    if (action === 'return') { if (!text) { need('need.return'); return; } body = { reason: text }; }
    if (action === 'arrive') {
      if (!navigator.geolocation) { need('location.failed'); return; }
      navigator.geolocation.getCurrentPosition(function (pos) {
        queue(id, 'arrive', { lat: pos.coords.latitude, lon: pos.coords.longitude });
      }, function () { need('location.failed'); }, { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 });
      return;
    }
    queue(id, action, body).then(function (ok) { if (ok && body) { $('task-text').value = ''; } });
  }

  function queue(id, action, body, blob) {
    return GG.queue.add(id, action, body, blob).then(function (item) {
      if (item.error) { need(item.error); return false; }
      renderAll();
      return true;
    });
  }

  /** Downscales to at most 1600 px on the long side as JPEG; a photo the browser cannot decode
   *  (HEIC on most) goes as it is — the hub checks its type and size. */
  function downscale(file) {
    return new Promise(function (resolve) {
      var url = URL.createObjectURL(file);
      var img = new Image();
      img.onload = function () {
        var scale = Math.min(1, MAX_PX / Math.max(img.naturalWidth, img.naturalHeight));
        var canvas = document.createElement('canvas');
        canvas.width = Math.round(img.naturalWidth * scale);
        canvas.height = Math.round(img.naturalHeight * scale);
        canvas.getContext('2d').drawImage(img, 0, 0, canvas.width, canvas.height);
        URL.revokeObjectURL(url);
        canvas.toBlob(function (b) { resolve(b || file); }, 'image/jpeg', 0.85);
      };
      img.onerror = function () { URL.revokeObjectURL(url); resolve(file); };
      img.src = url;
    });
  }

  function photo(id, file) {
    downscale(file).then(function (blob) {
      return queue(id, 'photo', null, blob);
    }).then(function (ok) {
      if (ok && !navigator.onLine) { need('photo.queued'); }
    });
  }

  // --- status lines ----------------------------------------------------------------------------
  function renderQueue() {
    // receipts go by themselves; what the member did is what they wait to see sent
    var n = GG.queue.items().filter(function (i) { return i.action !== 'delivered'; }).length;
    var q = $('queue-status');
    if (GG.queue.signedOut()) {
      q.textContent = t('queue.signin', [GG.queue.items().length]);
      q.hidden = false;
    } else {
      q.textContent = t('queue', [n]);
      q.hidden = n === 0;
    }
    q.dataset.count = String(n);
    var box = $('queue-failed');
    var ul = $('queue-failed-list');
    ul.textContent = '';
    failed.forEach(function (f) {
      var why = t('why.' + f.status);
      if (why === 'why.' + f.status) { why = t('why.other', [f.status]); }
      ul.appendChild(node('li', { 'data-task': f.item.taskId, 'data-action': f.item.action },
        t('failed', [t('act.' + f.item.action), f.item.taskId, why + (f.detail ? ' — ' + f.detail : '')])));
    });
    box.hidden = failed.length === 0;
  }

  function renderAll() {
    renderList();
    fillDetail();
    renderQueue();
  }

  function setOnline(on) {
    $('offline-banner').hidden = on;
    root.dataset.online = on ? 'true' : 'false';
  }

  function feedStatus(s) {
    var el = $('phone-live');
    el.dataset.state = s === 'on' ? 'on' : s === 'connecting' ? 'connecting' : 'off';
    el.textContent = t('live.' + s);
    if (s === 'on') { setOnline(true); }
  }

  // --- data from the hub -----------------------------------------------------------------------
  function get(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) {
        if (/\/login(\?|$)/.test(r.url)) { window.location.assign(r.url); throw new Error('signed out'); }
        if (!r.ok) { var e = new Error(r.status); e.status = r.status; throw e; }
        var token = r.headers.get('X-CSRF-TOKEN');
        if (token) { GG.queue.setToken('X-CSRF-TOKEN', token); }
        return r.json();
      });
  }

  function loadBoard() {
    return get(API).then(function (board) {
      tasks = board.tasks;
      GG.store.set('tasks', tasks);
      if (GG.feed.last() == null) { GG.store.set('seq', board.head); }
      $('phone-error').hidden = true;
      setOnline(true);
      tasks.forEach(function (x) { if (x.state === 'NEW') { GG.queue.add(x.id, 'delivered'); } });
      renderAll();
      return board;
    }, function (e) {
      if (e.status) {
        $('phone-error').textContent = t('loadFailed', [e.status]);
        $('phone-error').hidden = false;
      } else {
        setOnline(false);
      }
      renderAll();
    });
  }

  function loadDetail(id) {
    get(API + '/' + id).then(function (task) { remember(task); renderAll(); }, function (e) {
      if (e.status === 404) {
        tasks = tasks.filter(function (x) { return x.id !== id; });
        delete details[id];
        GG.store.set('tasks', tasks);
        if (shown === id) { openDetail(id); }
      }
    });
  }

  var reloadTimer = null;
  function reloadSoon(id) {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(function () {
      loadBoard();
      if (shown != null && (id == null || id === shown)) { loadDetail(shown); }
    }, 250);
  }

  function banner(id) {
    var b = $('task-banner');
    b.href = '#task/' + id;
    b.hidden = false;
    if (GG.ring) { GG.ring(); }
  }
  $('task-banner').addEventListener('click', function () { $('task-banner').hidden = true; });
  $('queue-failed-dismiss').addEventListener('click', function () { failed = []; renderQueue(); });

  function onEvent(name, p) {
    if (name !== 'task' || p.taskId == null) { return; }
    var known = tasks.filter(function (x) { return x.id === p.taskId; })[0];
    if (p.change === 'new') {
      if (!known) {
        tasks.unshift({ id: p.taskId, incidentId: p.incidentId, category: p.category,
          priority: p.priority, title: p.title, gridCode: p.grid, lat: p.lat, lon: p.lon,
          state: p.state || 'NEW', createdAt: p.at });
        GG.store.set('tasks', tasks);
      }
      banner(p.taskId);
      GG.queue.add(p.taskId, 'delivered');
    } else if (known && p.state) {
      known.state = p.state;
      if (p.reason) { known.reason = p.reason; }
    }
    renderAll();
    reloadSoon(p.taskId);
  }

  // --- routing ---------------------------------------------------------------------------------
  function route() {
    var m = /^#task\/(\d+)$/.exec(window.location.hash);
    if (m) { openDetail(parseInt(m[1], 10)); return; }
    shown = null;
    if (map) { map.remove(); map = null; }
    $('phone-detail').hidden = true;
    $('phone-list').hidden = false;
    $('live').hidden = false;
    renderAll();
  }
  window.addEventListener('hashchange', route);
  // the console's "hub down" banner says an action was lost; here actions wait in the queue and
  // the offline banner says so, so that one stays hidden on this page
  var hubDown = $('hub-down');
  if (hubDown && window.MutationObserver) {
    new MutationObserver(function () {
      if (!hubDown.hidden) { hubDown.hidden = true; setOnline(false); }
    }).observe(hubDown, { attributes: true, attributeFilter: ['hidden'] });
  }
  window.addEventListener('online', function () { setOnline(true); loadBoard(); });
  window.addEventListener('offline', function () { setOnline(false); });

  GG.queue.start({
    changed: renderAll,
    sent: function (item, task) { remember(task); renderAll(); },
    refused: function (item, status, detail) {
      failed.push({ item: item, status: status, detail: detail });
      renderQueue();
      reloadSoon(item.taskId);
    },
    renewToken: function () { return loadBoard(); }
  });

  setOnline(navigator.onLine);
  renderAll();
  route();
  loadBoard().then(function (board) {
    GG.feed.start({ status: feedStatus, event: onEvent, reset: function () { reloadSoon(null); },
      unreachable: function () { setOnline(false); } },
      board ? board.head : null);
  });

  // signing out forgets the kept page (it shows this member's grids); actions still waiting stay,
  // under this member's name, and are sent when they sign in again on this phone
  document.querySelectorAll('form[action$="/logout"], form[action$="/sign-out-everywhere"]')
    .forEach(function (f) {
      f.addEventListener('submit', function () {
        if (window.caches) { window.caches.delete('gg-patrol-v1').catch(function () {}); }
      });
    });

  // the page shell and its assets are kept by a service worker, so the page opens with no network
  if ('serviceWorker' in navigator && root.dataset.sw) {
    navigator.serviceWorker.register(root.dataset.sw, { scope: root.dataset.scope })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(function (reg) {
        var keep = [];
        document.querySelectorAll('script[src], link[rel=stylesheet][href], link[rel=manifest], link[rel=icon]')
          .forEach(function (e) { keep.push(e.src || e.href); });
        var channel = new MessageChannel();
        channel.port1.onmessage = function (m) {
          root.dataset.offlineReady = m.data && m.data.kept ? 'true' : 'false';
        };
        reg.active.postMessage({ keep: keep }, [channel.port2]);
      })
      .catch(function () { /* no offline start; everything else works */ });
  }
})();
