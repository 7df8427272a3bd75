/* The landscape map: SCB boundaries drawn with Leaflet (no tile layer), shaded by number of actors.
   The figures come from the page (#landscape-map-data); the table beside the map holds the same figures,
   so the map is hidden from assistive technology and the page works without this script. */
(function () {
  "use strict";
  var dataElement = document.getElementById("landscape-map-data");
  var figure = document.getElementById("landscape-map-figure");
  if (!dataElement || !figure || typeof L === "undefined") { return; }
  var data = JSON.parse(dataElement.textContent);
  var shades = ["#ffffff", "#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];
  figure.hidden = false;
  var map = L.map("landscape-map", {
    attributionControl: false,
    zoomControl: false,
    keyboard: false,
    zoomSnap: 0.25,
    scrollWheelZoom: false
  });
  map.setView([62.5, 16.5], 4);
  function style(feature) {
    var area = data.areas[feature.properties.code];
    var shade = area ? area[2] : 0;
    return { color: "#1b1f24", weight: 1, fillColor: shades[shade] || shades[0], fillOpacity: 0.9 };
  }
  function label(feature) {
    var area = data.areas[feature.properties.code];
    return area ? area[0] + ": " + area[1] + " " + data.actorsLabel : feature.properties.code;
  }
  fetch(data.geojson, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (geojson) {
      var layer = L.geoJSON(geojson, {
        style: style,
        onEachFeature: function (feature, shape) { shape.bindTooltip(label(feature), { sticky: true }); }
      }).addTo(map);
      var bounds = layer.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [8, 8] }); }
      figure.setAttribute("data-loaded", "true");
    })
    .catch(function () { figure.hidden = true; });
})();
