/* The boundaries on the regions pages, drawn with Leaflet from SCB's GeoJSON (no tile layer).
   Each area links to its page and the chosen one is shaded. The tables on the page list every area,
   so the map is hidden from assistive technology and the page works without it. */
(function () {
  "use strict";
  if (typeof L === "undefined") { return; }
  document.querySelectorAll(".regions-map[data-geojson]").forEach(function (element) {
    var names = JSON.parse(document.getElementById(element.getAttribute("data-names")).textContent);
    var link = element.getAttribute("data-link");
    var chosen = element.getAttribute("data-chosen") || "";
    element.hidden = false;
    var map = L.map(element, {
      attributionControl: false, zoomControl: false, keyboard: false, zoomSnap: 0.25, scrollWheelZoom: false
    });
    map.setView([62.5, 16.5], 4);
    fetch(element.getAttribute("data-geojson"), { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (geojson) {
        var layer = L.geoJSON(geojson, {
          style: function (feature) {
            var on = feature.properties.code === chosen;
            return { color: "#1b1f24", weight: on ? 3 : 1, fillColor: on ? "#1d5f8a" : "#e8eef3", fillOpacity: 0.9 };
          },
          onEachFeature: function (feature, shape) {
            var code = feature.properties.code;
            shape.bindTooltip(code + " " + (names[code] || ""), { sticky: true });
            shape.on("click", function () { window.location.href = link.replace("CODE", code); });
          }
        }).addTo(map);
        var bounds = layer.getBounds();
        if (bounds.isValid()) { map.fitBounds(bounds, { padding: [8, 8] }); }
        element.setAttribute("data-loaded", "true");
      })
      .catch(function () { element.hidden = true; });
  });
})();
