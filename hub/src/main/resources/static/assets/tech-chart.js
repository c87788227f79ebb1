// GridGuard telemetry chart island: one device's metric over the last hour/day/week (downsampled
// means from the hub's telemetry read service) drawn with ECharts. No build step.
(function () {
  'use strict';
  var el = document.getElementById('device-chart');
  if (!el || !window.echarts) { return; }
  var d = el.dataset;
  var status = document.getElementById('chart-status');
  var metric = document.getElementById('chart-metric');
  var form = document.getElementById('chart-form');
  var buttons = Array.prototype.slice.call(document.querySelectorAll('#chart-form .range'));
  var chart = echarts.init(el);
  var range = 'day';
  var num = new Intl.NumberFormat(d.lang, { maximumFractionDigits: 3 });
  var time = new Intl.DateTimeFormat(d.lang, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });

  function say(text) { status.textContent = text; status.hidden = !text; }

  function load() {
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.range === range)); });
    say(d.loading);
    el.dataset.ready = 'false';
    var url = d.src + '?metric=' + encodeURIComponent(metric.value || 'value') + '&range=' + range;
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.json().then(function (body) { if (!r.ok) { throw new Error(body.error || r.status); } return body; });
      })
      .then(function (body) {
        var points = body.points || [];
        say(points.length ? '' : d.empty);
        chart.setOption({
          animation: false,
          tooltip: { trigger: 'axis', valueFormatter: function (v) { return num.format(v) + (body.unit ? ' ' + body.unit : ''); } },
          grid: { left: 56, right: 16, top: 24, bottom: 40 },
          xAxis: { type: 'time', min: body.from, max: body.to,
            axisLabel: { formatter: function (v) { return time.format(new Date(v)); }, hideOverlap: true } },
          yAxis: { type: 'value', scale: true, name: body.unit || '' },
          series: [{ name: body.metric, type: 'line', showSymbol: false, data: points }]
        }, true);
        el.dataset.ready = 'true';
      })
      .catch(function (e) {
        chart.clear();
        say(d.error.replace('{0}', e.message));
      });
  }

  buttons.forEach(function (b) {
    b.addEventListener('click', function () { range = b.dataset.range; load(); });
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); load(); });
  metric.addEventListener('change', load);
  window.addEventListener('resize', function () { chart.resize(); });
  load();
})();
