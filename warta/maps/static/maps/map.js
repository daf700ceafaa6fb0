/* Public maps: recent placed stories over the offline province outline.
   Leaflet and markercluster (pinned from npm, served by us) load only when a
   map is about to be seen, so pages with a folded or distant map stay light. */
(function () {
  "use strict";
  if (window.wartaMaps) return; // one copy however many maps include this script
  window.wartaMaps = true;
  var loading = null;

  function load(libraries) {
    if (loading) return loading;
    libraries.css.forEach(function (href) {
      if (document.querySelector("link[href='" + href + "']")) return;
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      document.head.appendChild(link);
    });
    loading = libraries.js.reduce(function (previous, src) {
      return previous.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = src;
          script.onload = resolve;
          script.onerror = reject;
          document.head.appendChild(script);
        });
      });
    }, Promise.resolve());
    return loading;
  }

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) node.className = className;
    return node;
  }

  function popup(properties) {
    var box = document.createElement("div");
    box.className = "map-popup";
    if (properties.kind_label) box.appendChild(text("span", properties.kind_label, "map-popup__kind"));
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.title;
    var heading = document.createElement("strong");
    heading.appendChild(link);
    box.appendChild(heading);
    box.appendChild(text("time", properties.time_label));
    box.lastChild.setAttribute("datetime", properties.time);
    var where = [properties.place, properties.area].filter(Boolean).join(" · ");
    if (where) box.appendChild(text("span", where, "map-popup__place"));
    return box;
  }

  // The status line under the map: "loading" until it is drawn, then gone, or "no locations".
  function status(node, key) {
    var line = node.querySelector(".coverage-map__status");
    if (!line) return;
    if (key) { line.textContent = node.dataset[key]; line.hidden = false; } else { line.hidden = true; }
  }

  function draw(node, config) {
    var map = L.map(node.querySelector(".coverage-map__canvas"), {
      attributionControl: !!config.tile_url,
      scrollWheelZoom: false,
      minZoom: 3,
      maxZoom: 18 // markercluster needs it even when no tile layer sets one
    }).setView(config.center, config.zoom);
    var icon = L.icon({ iconUrl: config.marker_icon, iconSize: [25, 41], iconAnchor: [12, 41], popupAnchor: [0, -34] });
    var m, cluster;
    map.createPane("outline").style.zIndex = 150; // under tiles (200): tiles cover it when they load
    fetch(config.outline_url).then(function (r) { return r.json(); }).then(function (data) {
      L.geoJSON(data, {
        pane: "outline",
        interactive: false,
        style: { color: "#6b7280", weight: 1, fillColor: "#ece6d6", fillOpacity: 1 }
      }).addTo(map);
      node.dataset.outline = "ready";
    });
    if (config.tile_url) {
      L.tileLayer(config.tile_url, { attribution: config.tile_attribution, maxZoom: 18 }).addTo(map);
    }
    if (config.marker) {
      m = config.marker;
      L.marker([m.latitude, m.longitude], { icon: icon, title: m.title }).addTo(map);
      map.setView([m.latitude, m.longitude], m.zoom);
      node.dataset.points = "1";
      status(node, null);
    }
    if (config.points_url) {
      cluster = L.markerClusterGroup({ maxClusterRadius: 40 });
      fetch(config.points_url).then(function (r) { return r.json(); }).then(function (data) {
        var markers = data.features.map(function (f) {
          var c = f.geometry.coordinates;
          return L.marker([c[1], c[0]], { icon: icon, title: f.properties.title })
            .bindPopup(popup(f.properties));
        });
        // Zoom first, then cluster: no animation between two clusterings.
        if (markers.length) {
          map.fitBounds(L.featureGroup(markers).getBounds(), { maxZoom: 10, padding: [48, 48], animate: false });
        }
        cluster.addLayers(markers);
        map.addLayer(cluster);
        node.dataset.points = String(markers.length);
        status(node, markers.length ? null : "textEmpty");
      }).catch(function () { status(node, "textError"); });
    }
  }

  function start(node) {
    if (node.dataset.started) return;
    node.dataset.started = "1";
    var config = JSON.parse(node.querySelector("script[type='application/json']").textContent);
    var canvas = document.createElement("div");
    canvas.className = "coverage-map__canvas";
    canvas.style.height = node.dataset.height || "24rem";
    node.appendChild(canvas);
    load(config.libraries).then(function () { draw(node, config); })
      .catch(function () { status(node, "textError"); });
  }

  function init() {
    var nodes = document.querySelectorAll("[data-coverage-map]");
    if (!("IntersectionObserver" in window)) { nodes.forEach(start); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) { observer.unobserve(entry.target); start(entry.target); }
      });
    }, { rootMargin: "200px" });
    nodes.forEach(function (node) { observer.observe(node); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
