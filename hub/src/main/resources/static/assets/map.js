// GridGuard map island: grid outlines (GeoJSON from the hierarchy), open incidents by priority and
// registered devices by health (also listed below the map, for the keyboard and screen readers).
// No tiles unless configured: the schematic view needs nothing from outside the hub.
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || !window.L) { return; }
  var COLOURS = { 1: '#a40000', 2: '#c05600', 3: '#8a6d00', 4: '#4a5568' };
  var HEALTH = { ONLINE: '#2f855a', DEGRADED: '#d69e2e', OFFLINE: '#718096', UNKNOWN: '#ffffff' };
  var LEVEL_STYLE = {
    COUNTY: { color: '#0b3d91', weight: 3, fillOpacity: 0.02 },
    TOWN: { color: '#2b6cb0', weight: 2, fillOpacity: 0.03 },
    VILLAGE: { color: '#3182ce', weight: 2, fillOpacity: 0.05 },
    GRID: { color: '#63b3ed', weight: 1, dashArray: '4', fillOpacity: 0.08 }
  };
  var tiles = el.dataset.tiles;
  var map = L.map(el, { attributionControl: !!tiles, zoomSnap: 0.25 });
  if (tiles) {
    L.tileLayer(tiles, { attribution: el.dataset.attribution || '', maxZoom: 19 }).addTo(map);
  }
  map.setView([30.27, 120.16], 13);

  function fail() { document.getElementById('map-error').hidden = false; }
  function get(url) {
    return fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); });
  }

  var centres = {};
  get(el.dataset.grids).then(function (fc) {
    if (!fc.features.length) { document.getElementById('map-empty').hidden = false; return null; }
    var layer = L.geoJSON(fc, {
      style: function (f) { return LEVEL_STYLE[f.properties.level] || LEVEL_STYLE.GRID; },
      onEachFeature: function (f, l) {
        l.bindTooltip(f.properties.name + ' (' + f.properties.code + ')', { sticky: true });
        centres[f.properties.code] = l.getBounds().getCenter();
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [10, 10] });
    return el.dataset.incidents ? get(el.dataset.incidents) : null;
  }).then(function (markers) {
    (markers || []).forEach(function (m) {
      var at = m.lat != null ? [m.lat, m.lon] : centres[m.gridCode];
      if (!at) { return; }
      var dot = L.circleMarker(at, { radius: 9, color: '#fff', weight: 2, fillOpacity: 0.95,
        fillColor: COLOURS[m.priority] || '#4a5568' }).addTo(map);
      var a = document.createElement('a');
      a.href = el.dataset.link + m.id;
      a.textContent = 'P' + m.priority + ' #' + m.id + (m.title ? ' ' + m.title : '');
      dot.bindPopup(a);
      dot.bindTooltip(a.textContent);
    });
    return el.dataset.devices ? get(el.dataset.devices) : null;
  }).then(function (devices) {
    if (devices) { drawDevices(devices); }
    el.dataset.ready = 'true';
  }).catch(fail);

  function label(name) { return el.dataset['label' + name.charAt(0) + name.slice(1).toLowerCase()] || name; }
  function drawDevices(devices) {
    var list = document.getElementById('map-devices');
    document.getElementById('map-devices-none').hidden = devices.items.length > 0;
    document.getElementById('map-devices-cut').hidden = !devices.cut;
    devices.items.forEach(function (d) {
      var text = (d.name || d.deviceId) + ' (' + d.deviceId + ') · ' + label(d.kind) + ' · '
        + label('Gateway') + ' ' + d.gatewayId + ' · ' + label(d.health);
      var dot = L.circleMarker([d.lat, d.lon], { radius: 6, color: '#2d3748', weight: 2,
        fillOpacity: 0.95, fillColor: HEALTH[d.health] || HEALTH.UNKNOWN }).addTo(map);
      dot.bindTooltip(text);
      var a = document.createElement('a');
      a.href = el.dataset.deviceLink + d.id;
      a.textContent = text;
      a.className = 'health-' + d.health.toLowerCase();
      dot.bindPopup(a.cloneNode(true));
      var item = document.createElement('li');
      var swatch = document.createElement('i');
      swatch.className = 'dot';
      swatch.style.background = HEALTH[d.health] || HEALTH.UNKNOWN;
      swatch.style.border = '1px solid #2d3748';
      swatch.setAttribute('aria-hidden', 'true');
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(' '));
      item.appendChild(a);
      list.appendChild(item);
    });
  }
})();
