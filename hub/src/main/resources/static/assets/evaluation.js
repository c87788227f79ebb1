// GridGuard evaluation island: the REST figures as an ECharts chart and an accessible table.
(function () {
  'use strict';
  var el = document.getElementById('eval-chart');
  if (!el || !window.echarts) { return; }
  var d = el.dataset;
  var loading = document.getElementById('eval-loading');
  var error = document.getElementById('eval-error');
  var table = document.getElementById('eval-table');
  var pct = new Intl.NumberFormat(d.lang, { style: 'percent', maximumFractionDigits: 1 });
  var num = new Intl.NumberFormat(d.lang, { maximumFractionDigits: 1 });

  function cell(row, text, head) {
    var c = document.createElement(head ? 'th' : 'td');
    if (head) { c.scope = 'col'; }
    c.textContent = text;
    row.appendChild(c);
  }
  function rate(v) { return v == null ? '–' : pct.format(v); }

  fetch(d.src, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
    .then(function (r) {
      return r.json().then(function (body) { if (!r.ok) { throw new Error(body.error || r.status); } return body; });
    })
    .then(function (body) {
      loading.hidden = true;
      var units = body.units || [];
      if (!units.length) { loading.hidden = false; loading.textContent = d.empty; }
      var chart = echarts.init(el);
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 50, right: 50, top: 40, bottom: 60 },
        xAxis: { type: 'category', data: units.map(function (u) { return u.code; }), axisLabel: { rotate: 30 } },
        yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', min: 0, max: 1,
          axisLabel: { formatter: function (v) { return pct.format(v); } } }],
        series: [
          { name: d.reported, type: 'bar', data: units.map(function (u) { return u.reported; }) },
          { name: d.closed, type: 'bar', data: units.map(function (u) { return u.closed; }) },
          { name: d.closure, type: 'line', yAxisIndex: 1, data: units.map(function (u) { return u.closureRate; }) },
          { name: d.ontime, type: 'line', yAxisIndex: 1, data: units.map(function (u) { return u.onTimeRate; }) }
        ]
      });
      window.addEventListener('resize', function () { chart.resize(); });
      var head = table.createTHead().insertRow();
      [d.unit, d.reported, d.closed, d.closure, d.ontime, d.rework, d.meanclose].forEach(function (t) { cell(head, t, true); });
      var tbody = table.createTBody();
      units.forEach(function (u) {
        var row = tbody.insertRow();
        cell(row, u.code); cell(row, num.format(u.reported)); cell(row, num.format(u.closed));
        cell(row, rate(u.closureRate)); cell(row, rate(u.onTimeRate)); cell(row, rate(u.reworkRate));
        cell(row, u.meanCloseSeconds == null ? '–' : num.format(u.meanCloseSeconds / 3600));
      });
      table.hidden = false;
      el.dataset.ready = 'true';
    })
    .catch(function (e) {
      loading.hidden = true;
      error.textContent = error.dataset.template.replace('{0}', e.message);
      error.hidden = false;
    });
})();
