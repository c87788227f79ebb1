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
  body.addEventListener('htmx:sseOpen', function () { liveStatus('on'); hide(); });
  body.addEventListener('htmx:sseError', function () { liveStatus('off'); show(body.dataset.msgDown); });
  window.addEventListener('offline', function () { show(body.dataset.msgDown); });
  window.addEventListener('online', hide);
})();
