/* Choropleth maps of analyses: SCB boundaries drawn with Leaflet (no tile layer), shaded by class.
   Each map's figures come from the page (a json_script element named by data-map); the legend lists the
   classes with their ranges, every area's tooltip gives its name and value, and the data table under the
   map holds every figure, so the map is hidden from assistive technology and the page works without it. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  document.querySelectorAll(".choropleth[data-map]").forEach(function (wrapper) {
    var dataElement = document.getElementById(wrapper.getAttribute("data-map"));
    var element = wrapper.querySelector(".choropleth-map");
    if (!dataElement || !element) { return; }
    var data = JSON.parse(dataElement.textContent);
    wrapper.hidden = false;
    var note = wrapper.parentNode.querySelector(".no-map-note");
    if (note) { note.hidden = true; }
    var map = L.map(element, {
      attributionControl: false, zoomControl: false, keyboard: false, zoomSnap: 0.25, scrollWheelZoom: false
    });
    map.setView([62.5, 16.5], 4);
    function style(feature) {
      var area = data.areas[feature.properties.code];
      var shade = area && area[2] >= 0 ? data.shades[area[2]] : "#ffffff";
      return { color: "#1b1f24", weight: 1, fillColor: shade, fillOpacity: 0.9 };
    }
    function label(feature) {
      var area = data.areas[feature.properties.code];
      return area ? area[0] + ": " + area[1] : feature.properties.code + ": " + data.noData;
    }
    fetch(data.geojson, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        var layer = L.geoJSON(geojson, {
          style: style,
          onEachFeature: function (feature, shape) {
            shape.bindTooltip(label(feature), { sticky: true });
            shape.bindPopup(label(feature));
          }
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [8, 8] }); }
        wrapper.setAttribute("data-loaded", "true");
      })
      .catch(function () { wrapper.hidden = true; if (note) { note.hidden = false; } });
  });
})();
