// GridGuard patrol phone: the member's task feed (/patrol/feed, Server-Sent Events) read with
// fetch rather than EventSource, because EventSource hides the server's ":hb" heartbeats (a
// silent stream must be noticed) and cannot resend the sequence the page kept across a reload.
// The last sequence is kept in localStorage; it is sent as Last-Event-ID and after=, so a
// reconnect or reload replays what was missed; events at or below it are dropped (dedupe).
(function () {
  'use strict';
  var GG = window.GG = window.GG || {};
  var root = document.getElementById('phone');
  if (!root) { return; }
  var beat = Math.max(1000, parseInt(root.dataset.heartbeat, 10) || 15000);
  var SILENCE = beat * 2.5; // no byte for this long: the stream is dead, reconnect
  var MAX_BACKOFF = 30000;

  var handlers = null;
  var controller = null;
  var lastByte = 0;
  var backoff = 1000;
  var timer = null;
  var state = '';

  function last() { return GG.store.get('seq', null); }

  function status(s) {
    if (s !== state) { state = s; handlers.status(s); }
  }

  function retry(wait) {
    clearTimeout(timer);
    status(state === 'signedOut' ? 'signedOut' : 'reconnecting');
    timer = setTimeout(connect, wait == null ? backoff : wait);
    backoff = Math.min(MAX_BACKOFF, backoff * 2);
  }

  function dispatch(block) {
    var id = null, name = 'message', data = [];
    block.split('\n').forEach(function (line) {
      if (line === '' || line.charAt(0) === ':') { return; } // a comment: the heartbeat
      var colon = line.indexOf(':');
      var field = colon < 0 ? line : line.slice(0, colon);
      var value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'id') { id = value; } else if (field === 'event') { name = value; }
      else if (field === 'data') { data.push(value); }
    });
    if (id == null || !data.length) { return; }
    var seq = parseInt(id, 10);
    var have = last();
    if (isNaN(seq) || (have != null && seq <= have)) { return; } // already applied
    GG.store.set('seq', seq);
    var payload;
    try { payload = JSON.parse(data.join('\n')); } catch (e) { return; }
    handlers.event(name, payload, seq);
  }

  function connect() {
    clearTimeout(timer);
    if (controller) { controller.abort(); }
    var mine = controller = new AbortController();
    var seq = last();
    var url = root.dataset.feed + (seq != null ? '?after=' + seq : '');
    var headers = { Accept: 'text/event-stream' };
    if (seq != null) { headers['Last-Event-ID'] = String(seq); }
    if (state !== 'on') { status(state === '' ? 'connecting' : 'reconnecting'); }
    fetch(url, { headers: headers, credentials: 'same-origin', cache: 'no-store', signal: mine.signal })
      .then(function (r) {
        if (/\/login(\?|$)/.test(r.url) || r.status === 401) { status('signedOut'); retry(MAX_BACKOFF); return null; }
        if (r.status === 400) {
          // our sequence is not of this feed (the hub's data was reset): start from now, reload
          GG.store.set('seq', null);
          handlers.reset();
          retry(1000);
          return null;
        }
        if (!r.ok || !r.body) { retry(); return null; }
        lastByte = Date.now();
        backoff = 1000;
        status('on');
        var reader = r.body.getReader();
        var decoder = new TextDecoder();
        var buffer = '';
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) { if (mine === controller) { retry(200); } return; } // stream-timeout
            lastByte = Date.now();
            if (state !== 'on') { status('on'); }
            buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, '\n');
            var end;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              dispatch(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
            return pump();
          });
        }
        return pump();
      })
      .catch(function () {
        if (mine === controller) {
          if (!mine.signal.aborted) { handlers.unreachable(); } // the hub cannot be reached
          retry();
        }
      });
  }

  // the watchdog: heartbeats come every `beat`; silence means a dead link (a proxy or radio)
  setInterval(function () {
    if (state === 'on' && Date.now() - lastByte > SILENCE) { retry(0); }
  }, 1000);
  window.addEventListener('online', function () { backoff = 1000; if (state !== 'on') { connect(); } });
  window.addEventListener('offline', function () { if (controller) { controller.abort(); } retry(); });

  /** Starts the feed; `on` has status(state), event(name, payload, seq), reset(), unreachable(). */
  GG.feed = {
    start: function (on, head) {
      handlers = on;
      if (last() == null && head != null) { GG.store.set('seq', head); }
      connect();
    },
    last: last
  };
})();
