/* Behaviour events from pages, batched to POST /api/v1/events/ (DESIGN.md §6):
 *   {"events": [{"type", "item", "dwell_ms"?, "context"?}]}
 *
 * - impression: a card ([data-item-id]) at least half visible for a second, once per card per
 *   page view;
 * - click: on a card's links marked data-track="click";
 * - anything else through the global API: window.guideEvents.track(kind, itemId, extra), where
 *   extra may hold dwell_ms, query and context (e.g. the item page reports dwell this way).
 *
 * Events are flushed every few seconds, at once on a click (the page is about to go), and when
 * the page is hidden (fetch keepalive, or sendBeacon where keepalive is missing).
 * Visitors: the server issues the anonymous id, signed, in the HttpOnly `guide_aid` cookie with
 * the page itself (interests.accounts); it goes with every request on its own, so this script
 * neither reads nor makes one.
 * Signed-in shoppers post with their session, so the CSRF token goes in X-CSRFToken.
 * A batch the server refuses for now (503 or 429, with Retry-After; another 5xx; no answer) is
 * sent again after the longer of Retry-After and a doubling backoff (2, 4, 8 … 60 s, jittered),
 * at most RETRY_ATTEMPTS times, then given up with a console warning; any other 4xx is the
 * batch's own fault and is not resent. Batches still owed when the page goes wait in the tab's
 * sessionStorage for the next page, as does a leaving page's batch while some are owed (a
 * beacon's refusal would go unseen).
 * No `ts`: the server stamps events on arrival (a batch waits seconds at most), and phone
 * clocks that run minutes ahead would otherwise get events rejected. */
(function () {
  "use strict";
  var ENDPOINT = "/api/v1/events/";
  var FLUSH_MS = 4000;
  var MAX_BATCH = 100;
  var VISIBLE_RATIO = 0.5;
  var VISIBLE_MS = 1000;
  var RETRY_ATTEMPTS = 6;
  var RETRY_BASE_MS = 2000;
  var RETRY_CAP_MS = 60000;
  var OWED_KEY = "guide_events_owed";
  var OWED_MAX = 20;  // batches; past that the oldest is given up (and said so)
  var owed = [];  // batches to send again: {json, attempts, timer}
  var queue = [];
  var impressed = {};
  var timers = new Map();
  var observer = null;

  function readCookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) return decodeURIComponent(parts[i].slice(eq + 1));
    }
    return "";
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) return meta.content;
    var field = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return field ? field.value : readCookie("csrftoken");
  }

  function pageContext(card) {
    var context = { page: location.pathname.slice(0, 100) };
    var section = card && card.closest ? card.closest("[data-event-source]") : null;
    var scenario = (section && section.getAttribute("data-scenario")) ||
      new URLSearchParams(location.search).get("scenario") || "";
    if (scenario) context.scenario = scenario.slice(0, 40);
    if (section) context.source = section.getAttribute("data-event-source").slice(0, 40);
    var position = card ? parseInt(card.getAttribute("data-position"), 10) : NaN;
    if (position >= 0 && position <= 10000) context.position = position;
    return context;
  }

  function track(kind, itemId, extra) {
    var item = parseInt(itemId, 10);
    var event = { type: String(kind) };
    if (item > 0) event.item = item;
    extra = extra || {};
    var context = pageContext(null);
    if (extra.context) for (var key in extra.context) context[key] = extra.context[key];
    event.context = context;
    if (typeof extra.dwell_ms === "number") event.dwell_ms = Math.max(0, Math.round(extra.dwell_ms));
    if (extra.query) event.query = String(extra.query);
    queue.push(event);
    if (queue.length >= MAX_BATCH) flush(false);
  }

  function flush(leaving) {
    if (!queue.length) return;
    var token = csrfToken();
    while (queue.length) {
      var body = { events: queue.splice(0, MAX_BATCH) };
      send(JSON.stringify(body), token, leaving);
    }
  }

  function send(json, token, leaving) {
    if (leaving && owed.length) { owe(json, 0, 0); return; }  // the server refuses lately: keep it
    // A leaving visitor's batch goes by beacon, which outlives the page everywhere; a beacon
    // cannot carry the CSRF header a session needs, so shoppers use fetch keepalive instead.
    if (leaving && !token && navigator.sendBeacon &&
        navigator.sendBeacon(ENDPOINT, new Blob([json], { type: "application/json" }))) return;
    post(json, 0);
  }

  function post(json, attempts) {
    if (!window.fetch) return;
    var headers = { "Content-Type": "application/json" };
    var token = csrfToken();
    if (token) headers["X-CSRFToken"] = token;
    // The page must never break for events: every outcome is handled here.
    fetch(ENDPOINT, { method: "POST", body: json, headers: headers, credentials: "same-origin", keepalive: true })
      .then(function (response) {
        if (response.status === 429 || response.status >= 500) {
          owe(json, attempts + 1, parseInt(response.headers.get("Retry-After"), 10) * 1000 || 0);
        }
      }, function () { owe(json, attempts + 1, 0); });
  }

  function owe(json, attempts, serverWaitMs) {
    if (attempts > RETRY_ATTEMPTS) { giveUp(json, attempts - 1); return; }
    var backoff = RETRY_BASE_MS * Math.pow(2, Math.max(0, attempts - 1));
    var wait = Math.min(RETRY_CAP_MS, Math.max(serverWaitMs, backoff)) * (0.9 + Math.random() * 0.2);
    var entry = { json: json, attempts: attempts };
    entry.timer = setTimeout(function () { settle(entry); post(entry.json, entry.attempts); }, wait);
    owed.push(entry);
    while (owed.length > OWED_MAX) {
      var oldest = owed.shift();
      clearTimeout(oldest.timer);
      giveUp(oldest.json, oldest.attempts);
    }
  }

  function settle(entry) {
    var at = owed.indexOf(entry);
    if (at >= 0) owed.splice(at, 1);
  }

  function giveUp(json, attempts) {
    var count = 0;
    try { count = JSON.parse(json).events.length; } catch (error) { /* counted as 0 */ }
    console.warn("Guide: " + count + " behaviour events not delivered after " + attempts + " attempts");
  }

  /* The page goes: what is owed waits in the tab for the next page (which sends it at once). */
  function keepOwed() {
    if (!owed.length) return;
    try {
      var kept = JSON.parse(sessionStorage.getItem(OWED_KEY) || "[]");
      owed.forEach(function (entry) { clearTimeout(entry.timer); kept.push([entry.json, entry.attempts]); });
      sessionStorage.setItem(OWED_KEY, JSON.stringify(kept.slice(-OWED_MAX)));
      owed = [];
    } catch (error) { /* no storage (private mode, quota): the timers may still run if the page lives */ }
  }

  function resumeOwed() {
    var kept = [];
    try {
      kept = JSON.parse(sessionStorage.getItem(OWED_KEY) || "[]");
      sessionStorage.removeItem(OWED_KEY);
    } catch (error) { return; }
    kept.forEach(function (entry) { post(entry[0], entry[1]); });
  }

  function cardOf(node) {
    return node && node.closest ? node.closest("[data-item-id]") : null;
  }

  function onVisibility(entries) {
    entries.forEach(function (entry) {
      var card = entry.target;
      var id = card.getAttribute("data-item-id");
      if (impressed[id]) { observer.unobserve(card); return; }
      if (entry.isIntersecting && entry.intersectionRatio >= VISIBLE_RATIO) {
        if (!timers.has(card)) {
          timers.set(card, setTimeout(function () {
            timers.delete(card);
            if (impressed[id]) return;
            impressed[id] = true;
            observer.unobserve(card);
            queueCardEvent("impression", card);
          }, VISIBLE_MS));
        }
      } else if (timers.has(card)) {
        clearTimeout(timers.get(card));
        timers.delete(card);
      }
    });
  }

  function queueCardEvent(kind, card) {
    track(kind, card.getAttribute("data-item-id"), { context: pageContext(card) });
  }

  /* Watch the cards under root (the whole page at start; feed.js passes each new page). */
  function observe(root) {
    if (!observer) return;
    var cards = (root || document).querySelectorAll("[data-item-id]");
    Array.prototype.forEach.call(cards, function (card) {
      if (!impressed[card.getAttribute("data-item-id")]) observer.observe(card);
    });
  }

  function onClick(event) {
    var link = event.target.closest && event.target.closest('a[data-track="click"]');
    var card = cardOf(link);
    if (!card) return;
    if (event.type === "auxclick" && event.button !== 1) return;
    queueCardEvent("click", card);
    flush(true);
  }

  if ("IntersectionObserver" in window) {
    observer = new IntersectionObserver(onVisibility, { threshold: [0, VISIBLE_RATIO] });
  }
  document.addEventListener("click", onClick, true);
  document.addEventListener("auxclick", onClick, true);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush(true);
  });
  window.addEventListener("pagehide", function () { flush(true); keepOwed(); });
  window.addEventListener("pageshow", function (event) { if (event.persisted) resumeOwed(); });
  setInterval(function () { if (queue.length) flush(false); }, FLUSH_MS);

  window.guideEvents = { track: track, flush: function () { flush(true); }, observe: observe };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { observe(document); });
  else observe(document);
  resumeOwed();
})();
