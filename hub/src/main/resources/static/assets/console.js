// GridGuard console: hub-down / error banner, live-feed status, loading states. No build step.
(function () {
  'use strict';
  var body = document.body;
  var banner = document.getElementById('hub-down');

  function show(text) { if (banner) { banner.textContent = text; banner.hidden = false; } }
  function hide() { if (banner) { banner.hidden = true; } }

  // the hub cannot be reached (network down, hub stopped): say so, clearly
  body.addEventListener('htmx:sendError', function () { show(body.dataset.msgDown); });
  body.addEventListener('htmx:timeout', function () { show(body.dataset.msgDown); });
  body.addEventListener('htmx:afterRequest', function (e) {
    if (e.detail.successful) { hide(); }
  });
  // an error page comes back as a fragment target: show 4xx (our pages explain them) but flag 5xx
  body.addEventListener('htmx:beforeSwap', function (e) {
    var status = e.detail.xhr.status;
    // the session expired: the request was redirected to the sign-in page; show it whole
    if (/\/login(\?|$)/.test(e.detail.xhr.responseURL || '')) {
      e.detail.shouldSwap = false;
      window.location.assign(e.detail.xhr.responseURL);
      return;
    }
    if (status === 400 || status === 403 || status === 409) {
      e.detail.shouldSwap = true;      // the fragment carries the explanation
      e.detail.isError = false;
    } else if (status === 401 || status === 302) {
      window.location.reload();         // session gone: to the sign-in page
    } else if (status >= 500) {
      show(body.dataset.msgError);
    }
  });
  htmx.config.timeout = 15000;

  // live feed status (htmx SSE extension)
  function liveStatus(state) {
    var el = document.getElementById('live-status');
    if (!el) { return; }
    el.dataset.state = state;
    el.textContent = state === 'on' ? el.dataset.on : el.dataset.off;
  }
  // after a lost stream, re-read what the live events would have refreshed: a change committed
  // while the page was disconnected sends no event of its own
  var liveLost = false;
  body.addEventListener('htmx:sseOpen', function () {
    liveStatus('on');
    hide();
    if (liveLost) {
      liveLost = false;
      document.querySelectorAll('[hx-trigger~="sse:incident"]').forEach(function (el) {
        htmx.trigger(el, 'sse:incident');
      });
    }
  });
  body.addEventListener('htmx:sseError', function () {
    liveLost = true;
    liveStatus('off');
    show(body.dataset.msgDown);
  });
  window.addEventListener('offline', function () { show(body.dataset.msgDown); });

  // optional sound for a new P1 incident on the queue page; off until switched on (the switch is
  // the user gesture browsers require before any sound), kept per browser
  var soundButton = document.getElementById('p1-sound');
  var audio = null;
  window.GG = window.GG || {};
  window.GG.p1Rings = 0;
  function soundOn(on) {
    soundButton.setAttribute('aria-pressed', on ? 'true' : 'false');
    soundButton.textContent = on ? soundButton.dataset.on : soundButton.dataset.off;
    try { localStorage.setItem('gg.p1sound', on ? '1' : '0'); } catch (e) { /* private mode */ }
  }
  function unlock() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) { audio = new Ctx(); }
    if (audio && audio.state === 'suspended') { audio.resume(); }
  }
  function ring() {
    window.GG.p1Rings++;
    if (!audio) { return; }
    [0, 0.3, 0.6].forEach(function (at) { // three short beeps, made here: no sound file
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 988;
      gain.gain.value = 0.3;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + 0.18);
    });
  }
  if (soundButton) {
    var stored = null;
    try { stored = localStorage.getItem('gg.p1sound'); } catch (e) { /* private mode */ }
    if (stored === '1') {
      soundOn(true);
      // the page was reloaded: sound needs a gesture again, the first key or tap gives it
      document.addEventListener('pointerdown', unlock, { once: true });
      document.addEventListener('keydown', unlock, { once: true });
    }
    soundButton.addEventListener('click', function () {
      var on = soundButton.getAttribute('aria-pressed') !== 'true';
      if (on) { unlock(); }
      soundOn(on);
    });
    body.addEventListener('htmx:sseMessage', function (e) {
      if (e.detail.type !== 'incident' || soundButton.getAttribute('aria-pressed') !== 'true') {
        return;
      }
      var data;
      try { data = JSON.parse(e.detail.data); } catch (err) { return; }
      if (data.priority === 1 && data.action === 'report') { ring(); }
    });
  }
  window.addEventListener('online', hide);
})();
