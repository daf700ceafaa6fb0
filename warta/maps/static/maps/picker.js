/* The place picker in Wagtail's edit forms: click, drag or search to set a point.
   It writes to the form's own inputs (ids from the panel), so saving works as
   without it. Base layer: the offline province outline, tiles over it if set. */
(function () {
  "use strict";

  function $(id) { return id ? document.getElementById(id) : null; }

  function addBaseLayers(map, config) {
    fetch(config.outline_url).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON(data, {
        interactive: false,
        style: { color: "#6b7280", weight: 1, fillColor: "#e5e7eb", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    });
    if (config.tile_url) {
      L.tileLayer(config.tile_url, { attribution: config.tile_attribution, maxZoom: 18 }).addTo(map);
    }
  }

  function setup(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var mapNode = root.querySelector("[data-place-map]");
    var config = JSON.parse(document.getElementById(mapNode.dataset.config).textContent);
    var f = config.fields;
    var lat = $(f.place_latitude), lon = $(f.place_longitude);
    var name = $(f.place_name), regency = $(f.place_regency), province = $(f.place_province);
    if (!lat || !lon) return;
    var map = L.map(mapNode, { attributionControl: !!config.tile_url, minZoom: 3, maxZoom: 18 });
    var icon = L.icon({ iconUrl: config.marker_icon, iconSize: [25, 41], iconAnchor: [12, 41] });
    var marker = null;
    addBaseLayers(map, config);

    function current() {
      var a = parseFloat(lat.value), b = parseFloat(lon.value);
      return isFinite(a) && isFinite(b) ? [a, b] : null;
    }

    function fillArea(point) {
      var url = config.reverse_url + "?lat=" + point[0] + "&lon=" + point[1];
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
        var place = data.place;
        if (!place) return;
        if (regency) regency.value = place.regency;
        if (province) province.value = place.province;
        if (name && !name.value) name.value = place.name;
      });
    }

    // True while place() announces its own change: the inputs' change listener
    // below must not call place() again (that recursed until the stack overflowed).
    var placing = false;

    function place(point, lookUp) {
      lat.value = point[0].toFixed(6);
      lon.value = point[1].toFixed(6);
      placing = true;
      try {
        [lat, lon].forEach(function (input) { input.dispatchEvent(new Event("change", { bubbles: true })); });
      } finally {
        placing = false;
      }
      if (marker) {
        marker.setLatLng(point);
      } else {
        marker = L.marker(point, { draggable: true, icon: icon }).addTo(map);
        marker.on("dragend", function () {
          var p = marker.getLatLng();
          place([p.lat, p.lng], true);
        });
      }
      if (lookUp) fillArea(point);
    }

    var start = current();
    if (start) {
      place(start, false);
      map.setView(start, 10);
    } else {
      map.setView(config.center, config.zoom);
    }
    map.on("click", function (event) { place([event.latlng.lat, event.latlng.lng], true); });
    var suggestion = root.querySelector("[data-place-suggestion]");
    if (suggestion && config.suggestion) {
      suggestion.addEventListener("click", function () {
        var point = [config.suggestion.latitude, config.suggestion.longitude];
        place(point, true);
        map.setView(point, 11);
      });
    }
    [lat, lon].forEach(function (input) {
      input.addEventListener("change", function () {
        if (placing) return;
        var p = current();
        if (p && marker) marker.setLatLng(p);
        else if (p) place(p, false);
      });
    });

    var search = root.querySelector("[data-place-search]");
    var results = root.querySelector("[data-place-results]");
    var notFound = root.querySelector("[data-place-not-found]");
    var timer = null;
    search.addEventListener("input", function () {
      clearTimeout(timer);
      var text = search.value.trim();
      if (text.length < 2) { results.hidden = true; notFound.hidden = true; return; }
      timer = setTimeout(function () {
        fetch(config.search_url + "?q=" + encodeURIComponent(text), { credentials: "same-origin" })
          .then(function (r) { return r.json(); })
          .then(function (data) {
            results.innerHTML = "";
            data.results.forEach(function (item) {
              var li = document.createElement("li");
              li.setAttribute("role", "option");
              li.tabIndex = 0;
              li.textContent = [item.name, item.regency !== item.name ? item.regency : "", item.province]
                .filter(Boolean).join(", ") + " (" + item.kind + ")";
              function choose() {
                place([item.latitude, item.longitude], false);
                if (name) name.value = item.name;
                if (regency) regency.value = item.regency;
                if (province) province.value = item.province;
                map.setView([item.latitude, item.longitude], 11);
                results.hidden = true;
                notFound.hidden = true;
              }
              li.addEventListener("click", choose);
              li.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); choose(); } });
              results.appendChild(li);
            });
            results.hidden = data.results.length === 0;
            notFound.hidden = data.results.length > 0;
          });
      }, 200);
    });
    search.addEventListener("keydown", function (e) { if (e.key === "Enter") e.preventDefault(); });
    // Wagtail shows panels inside collapsible sections and tabs: redraw when shown.
    new ResizeObserver(function () { map.invalidateSize(); }).observe(mapNode);
  }

  function scan() {
    // Wagtail may load this before Leaflet: set up once both are there.
    if (window.L) document.querySelectorAll("[data-place-picker]").forEach(setup);
  }
  function start() {
    scan();
    // Forms added later (inline panels, modals) get their picker too.
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
