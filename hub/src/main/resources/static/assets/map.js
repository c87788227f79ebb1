// GridGuard map island: grid outlines (GeoJSON from the hierarchy) and open incidents by priority.
// No tiles unless configured: the schematic view needs nothing from outside the hub.
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || !window.L) { return; }
  var COLOURS = { 1: '#a40000', 2: '#c05600', 3: '#8a6d00', 4: '#4a5568' };
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
    el.dataset.ready = 'true';
  }).catch(fail);
})();
