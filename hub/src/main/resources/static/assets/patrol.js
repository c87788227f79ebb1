// GridGuard patrol page: banner and sound when a new incident is dispatched to my grids.
// Browsers only allow sound after a user gesture, so the first tap anywhere unlocks it.
// window.GG.ring is shared with the task part (patrol-tasks.js), which also says through
// GG.hasTaskFor(incidentId) whether a dispatch reached me as a task (then its own banner rings).
(function () {
  'use strict';
  var audio = null;
  var hint = document.getElementById('sound-hint');
  var banner = document.getElementById('new-banner');

  function unlock() {
    if (audio) { return; }
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return; }
    audio = new Ctx();
    if (hint) { hint.textContent = hint.dataset.on; }
  }
  document.addEventListener('pointerdown', unlock, { once: true });
  document.addEventListener('keydown', unlock, { once: true });

  function ring() {
    if (!audio) { return; }
    // two short beeps, made here: no sound file to load
    [0, 0.35].forEach(function (at) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.3;
      osc.connect(gain);
      gain.connect(audio.destination);
      osc.start(audio.currentTime + at);
      osc.stop(audio.currentTime + at + 0.2);
    });
    if (navigator.vibrate) { navigator.vibrate([200, 100, 200]); }
  }

  window.GG = window.GG || {};
  window.GG.ring = ring;

  function incidentBanner(id) {
    if (window.GG.hasTaskFor && window.GG.hasTaskFor(id)) { return; } // rung as my task already
    if (banner) { banner.hidden = false; banner.href = '/patrol/incidents/' + id; }
    ring();
  }

  document.body.addEventListener('htmx:sseMessage', function (e) {
    if (e.detail.type !== 'incident') { return; }
    var data;
    try { data = JSON.parse(e.detail.data); } catch (err) { return; }
    if (data.to === 'DISPATCHED') {
      // on a phone with tasks, the task feed may bring this dispatch as my task a moment later
      if (window.GG.hasTaskFor) { setTimeout(function () { incidentBanner(data.id); }, 1200); }
      else { incidentBanner(data.id); }
    }
  });
  if (banner) {
    banner.addEventListener('click', function () { banner.hidden = true; });
  }
})();
