/* Live coverage: new, edited and deleted updates without a reload.
 *
 * The page arrives server-rendered with the newest updates and the id of the
 * newest event it shows (data-cursor). This script follows the Server-Sent
 * Events stream from that cursor; where EventSource is missing or refused it
 * polls the shared JSON endpoint. Readers may turn live updates off and check
 * by hand instead (remembered in this browser only: the page stays cacheable).
 */
(function () {
  "use strict";
  var root = document.querySelector(".live-coverage[data-coverage]");
  if (!root) return;
  var list = root.querySelector(".live-updates");
  var newButton = root.querySelector(".live-new");
  var toggle = root.querySelector(".live-toggle");
  var check = root.querySelector(".live-check");
  var result = root.querySelector(".live-check-result");
  var keyNav = root.querySelector(".live-key-events");
  var cursor = parseInt(root.dataset.cursor, 10) || 0;
  var onFirstPage = !/[?&]live_page=([2-9]|\d\d)/.test(location.search);
  var pending = [];
  var source = null;
  var pollTimer = null;
  var POLL_MS = 15000;
  var PREF = "warta-live-off";

  function element(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function readerAtTop() {
    return list.getBoundingClientRect().top > -80;
  }

  function place(el) {
    var before = list.firstElementChild;
    var pinned;
    if (el.dataset.pinned !== "1") {
      pinned = list.querySelectorAll('.live-update[data-pinned="1"]');
      if (pinned.length) before = pinned[pinned.length - 1].nextElementSibling;
    }
    list.insertBefore(el, before);
    var empty = list.querySelector(".live-empty");
    if (empty) empty.remove();
    inserted(el);
  }

  // "Last updated" follows the newest update's own time.
  function freshen(el) {
    var shown = root.querySelector(".live-modified time");
    var time = el.querySelector("time[datetime]");
    if (!shown || !time) return;
    if (new Date(time.getAttribute("datetime")) > new Date(shown.getAttribute("datetime"))) {
      shown.setAttribute("datetime", time.getAttribute("datetime"));
      shown.textContent = time.textContent;
    }
  }

  // Scripts do not run in inserted HTML: tell the page's own scripts (the
  // video player) that new content arrived.
  function inserted(el) {
    document.dispatchEvent(new CustomEvent("warta:inserted", { detail: el }));
  }

  function showPending() {
    newButton.hidden = pending.length === 0;
    newButton.textContent = pending.length + " " + root.dataset.textNew;
  }

  function flushPending() {
    pending.forEach(place);
    pending = [];
    showPending();
  }

  function updateKeyEvents(message) {
    var ol = keyNav.querySelector("ol");
    var item = ol.querySelector('li[data-update="' + message.update + '"]');
    if (message.kind === "deleted" || !message.key_event) {
      if (item) item.remove();
    } else if (message.key_event) {
      if (!item) {
        item = document.createElement("li");
        item.dataset.update = message.update;
        item.appendChild(document.createElement("a"));
        ol.insertBefore(item, ol.firstElementChild);
      }
      item.firstElementChild.href = "#update-" + message.update;
      item.firstElementChild.textContent = message.headline || root.dataset.textUpdate;
    }
    keyNav.hidden = ol.children.length === 0;
  }

  function apply(message) {
    if (message.id <= cursor) return;
    cursor = message.id;
    var label, el;
    if (message.kind === "status") {
      root.dataset.status = message.status;
      label = root.querySelector(".live-status");
      label.className = "live-status live-status-" + message.status;
      label.textContent = message.status_label;
      return;
    }
    var id = "update-" + message.update;
    var shown = document.getElementById(id);
    var waiting = pending.some(function (el) { return el.id === id; });
    pending = pending.filter(function (el) { return el.id !== id; });
    if (message.kind === "deleted") {
      if (shown) shown.remove();
    } else {
      el = element(message.html);
      freshen(el);
      if (shown && shown.dataset.pinned === el.dataset.pinned) {
        shown.replaceWith(el);
        inserted(el);
      } else if (shown) {
        shown.remove();
        place(el);
      } else if (onFirstPage && (message.kind === "created" || waiting)) {
        // An edit of an update on an older page stays there.
        el.classList.add("is-new");
        if (readerAtTop()) place(el);
        else pending.push(el);
      }
    }
    showPending();
    updateKeyEvents(message);
  }

  function reload() {
    location.reload();
  }

  function poll() {
    return fetch(root.dataset.jsonUrl, { cache: "no-cache", credentials: "omit" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        if (cursor < data.since) return reload();
        var before = cursor;
        data.events.forEach(apply);
        return cursor > before;
      });
  }

  function startPolling() {
    if (pollTimer === null) pollTimer = setInterval(function () { poll().catch(function () {}); }, POLL_MS);
  }

  function connect() {
    if (!window.EventSource) return startPolling();
    source = new EventSource(root.dataset.streamUrl + "?after=" + cursor);
    ["created", "edited", "deleted", "status"].forEach(function (kind) {
      source.addEventListener(kind, function (event) { apply(JSON.parse(event.data)); });
    });
    source.addEventListener("reset", reload);
    source.addEventListener("open", function () { root.dataset.connected = "1"; });
    source.addEventListener("error", function () {
      root.dataset.connected = "0";
      // CLOSED means the server refused the stream: poll instead. Otherwise
      // the browser reconnects by itself with Last-Event-ID.
      if (source.readyState === EventSource.CLOSED) {
        source = null;
        startPolling();
      }
    });
  }

  function disconnect() {
    if (source) source.close();
    source = null;
    if (pollTimer !== null) clearInterval(pollTimer);
    pollTimer = null;
    root.dataset.connected = "0";
  }

  function setLive(on) {
    toggle.setAttribute("aria-pressed", on ? "true" : "false");
    toggle.textContent = on ? root.dataset.textLiveOn : root.dataset.textLiveOff;
    check.hidden = on;
    result.textContent = "";
    try {
      if (on) localStorage.removeItem(PREF);
      else localStorage.setItem(PREF, "1");
    } catch (_e) { /* storage may be disabled; the choice then lasts this visit */ }
    if (on) connect();
    else disconnect();
  }

  toggle.addEventListener("click", function () { setLive(toggle.getAttribute("aria-pressed") !== "true"); });
  check.addEventListener("click", function () {
    result.textContent = "";
    poll().then(function (changed) {
      flushPending();
      if (!changed) result.textContent = root.dataset.textNone;
    }).catch(function () { result.textContent = root.dataset.textError; });
  });
  newButton.addEventListener("click", function () {
    flushPending();
    list.scrollIntoView({ behavior: "smooth", block: "start" });
  });
  window.addEventListener("scroll", function () {
    if (pending.length && readerAtTop()) flushPending();
  }, { passive: true });

  root.querySelector(".live-controls").hidden = false;
  var rendered = root.querySelector(".live-rendered");
  if (rendered) rendered.hidden = true;
  var off = false;
  try { off = localStorage.getItem(PREF) === "1"; } catch (_e) { off = false; }
  if (root.dataset.status === "ended") {
    toggle.hidden = true;
    check.hidden = false;
  } else {
    setLive(!off);
  }
})();
