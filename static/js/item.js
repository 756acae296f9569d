/* The item page: 值 / 不值 votes and 收藏 without a reload (through /api/v1/items/<id>/vote|favorite/,
 * session + CSRF), and the time the page was actually visible, sent as a dwell event when the
 * page goes away. Every action is a plain form first: without this script the forms post to
 * the page endpoints and come back. No libraries. */
(function () {
  "use strict";

  var page = document.getElementById("item");
  if (!page) return;

  var itemId = parseInt(page.getAttribute("data-item"), 10);
  var signedIn = page.getAttribute("data-signed-in") === "1";
  var loginUrl = page.getAttribute("data-login-url");
  var eventsUrl = page.getAttribute("data-events-url");
  var statusLine = page.querySelector(".js-status");
  var MIN_DWELL_MS = 1000; // shorter than this is a bounce, not reading
  var MAX_DWELL_MS = 24 * 3600 * 1000; // the events API's own limit

  function csrfToken() {
    var input = page.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var meta = document.querySelector("meta[name=csrf-token]");
    if (meta) return meta.getAttribute("content");
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function say(text) {
    if (statusLine) statusLine.textContent = text;
  }

  function LoginNeeded() {}

  function callApi(url, method, body) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json", "X-CSRFToken": csrfToken() },
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (response) {
      if (response.status === 401) {
        window.location.assign(loginUrl); // signed out in another tab: sign in and come back
        throw new LoginNeeded();
      }
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) {
          var message = data && data.error && data.error.message;
          throw new Error(response.status === 403 ? "操作未完成：请刷新页面后再试。" : (message || "操作未完成，请稍后再试。"));
        }
        return data;
      });
    });
  }

  function failed(error) {
    if (!(error instanceof LoginNeeded)) say(error && error.message ? error.message : "网络异常，请稍后再试。");
  }

  function busy(form, on) {
    Array.prototype.forEach.call(form.querySelectorAll("button"), function (button) {
      button.disabled = on;
      button.setAttribute("aria-busy", on ? "true" : "false");
    });
  }

  // Which button submitted the form (SubmitEvent.submitter is missing in older Safari).
  function trackSubmitter(form) {
    var last = null;
    form.addEventListener("click", function (event) {
      var button = event.target.closest ? event.target.closest("button[type=submit]") : null;
      if (button) last = button;
    });
    return function (event) { return event.submitter || last; };
  }

  function setCount(name, value) {
    var node = page.querySelector("[data-count=" + name + "]");
    if (node) node.textContent = String(value);
  }

  // 值 / 不值 ------------------------------------------------------------------------------
  var voteForm = page.querySelector(".vote-form");
  if (voteForm && signedIn && window.fetch) { // signed out: the form posts and the server asks to sign in
    var voteSubmitter = trackSubmitter(voteForm);
    voteForm.addEventListener("submit", function (event) {
      var button = voteSubmitter(event);
      if (!button) return; // let the form post
      event.preventDefault();
      var value = button.value;
      var api = voteForm.getAttribute("data-api");
      var request = value === "retract" ? callApi(api, "DELETE") : callApi(api, "POST", { value: value });
      busy(voteForm, true);
      request.then(function (data) {
        setCount("worth", data.worth);
        setCount("not_worth", data.not_worth);
        Array.prototype.forEach.call(voteForm.querySelectorAll(".vote"), function (node) {
          node.setAttribute("aria-pressed", node.value === data.value ? "true" : "false");
        });
        var retract = voteForm.querySelector(".retract");
        if (retract) retract.hidden = !data.value;
        say(data.value === "worth" ? "已投「值」。" : data.value === "not_worth" ? "已投「不值」。" : "已撤销你的投票。");
      }).catch(failed).then(function () { busy(voteForm, false); });
    });
  }

  // 收藏 ------------------------------------------------------------------------------------
  var favoriteForm = page.querySelector(".favorite-form");
  if (favoriteForm && signedIn && window.fetch) {
    favoriteForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = favoriteForm.querySelector(".favorite");
      var wasOn = button.getAttribute("aria-pressed") === "true";
      busy(favoriteForm, true);
      callApi(favoriteForm.getAttribute("data-api"), "POST", { favorite: !wasOn }).then(function (data) {
        var on = data.favorite === true;
        var count = page.querySelector("[data-count=favorites]");
        if (count && on !== wasOn) setCount("favorites", Math.max(0, parseInt(count.textContent, 10) + (on ? 1 : -1)));
        button.setAttribute("aria-pressed", on ? "true" : "false");
        button.querySelector(".fav-label").textContent = on ? "已收藏" : "收藏";
        favoriteForm.querySelector("input[name=favorite]").value = on ? "0" : "1";
        say(on ? "已收藏，可在收藏夹里找到。" : "已取消收藏。");
      }).catch(failed).then(function () { busy(favoriteForm, false); });
    });
  }

  // Dwell: only the time the page was visible counts ---------------------------------------
  var visibleMs = 0;
  var visibleSince = document.visibilityState === "visible" ? Date.now() : null;
  var dwellSent = false;

  function pause() {
    if (visibleSince !== null) {
      visibleMs += Date.now() - visibleSince;
      visibleSince = null;
    }
  }

  function resume() {
    if (visibleSince === null) visibleSince = Date.now();
  }

  function sendDwell() {
    var ms = Math.min(Math.round(visibleMs), MAX_DWELL_MS);
    if (dwellSent || !itemId || ms < MIN_DWELL_MS) return;
    dwellSent = true;
    if (window.guideEvents && typeof window.guideEvents.track === "function") {
      try {
        window.guideEvents.track("dwell", itemId, { dwell_ms: ms }); // it adds the page context
        if (typeof window.guideEvents.flush === "function") window.guideEvents.flush();
        return;
      } catch (error) { /* fall through and send it ourselves */ }
    }
    var context = { page: location.pathname.slice(0, 100) }; // as events.js would say it
    var body = JSON.stringify({ events: [{ type: "dwell", item: itemId, dwell_ms: ms, context: context }] });
    // Anonymous: a beacon (the API needs no CSRF token for anonymous ids; the guide_aid cookie
    // goes with it). Signed in, the session needs the CSRF header, which a beacon cannot carry:
    // a keepalive fetch, which also outlives the page.
    if (!signedIn && navigator.sendBeacon) {
      try {
        if (navigator.sendBeacon(eventsUrl, new Blob([body], { type: "application/json" }))) return;
      } catch (error) { /* some browsers refuse a JSON beacon: fetch below */ }
    }
    if (window.fetch) {
      fetch(eventsUrl, {
        method: "POST", keepalive: true, credentials: "same-origin", body: body,
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() }
      }).catch(function () { /* the page is going away; nothing to tell anyone */ });
    }
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") resume(); else pause();
  });
  // Capture, so this runs before a non-capture pagehide listener of events.js flushes its queue.
  window.addEventListener("pagehide", function () { pause(); sendDwell(); }, true);
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) { // back from the back-forward cache: a new visit
      visibleMs = 0;
      dwellSent = false;
      visibleSince = null;
      resume();
    }
  });
})();
