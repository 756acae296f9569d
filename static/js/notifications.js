// The header's unread count when the page was rendered without it (the server never spends a
// query on it): ask the API once, which also fills the cache the next pages read.
(function () {
  var link = document.querySelector("a.notifications-link[data-unread-url]");
  if (!link || !window.fetch) return;
  fetch(link.getAttribute("data-unread-url"), {credentials: "same-origin", headers: {Accept: "application/json"}})
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (body) {
      if (!body || !body.unread) return;
      var badge = document.createElement("span");
      badge.className = "unread-count";
      badge.setAttribute("aria-label", body.unread + " 条未读");
      badge.textContent = body.unread > 99 ? "99+" : String(body.unread);
      link.appendChild(document.createTextNode(" "));
      link.appendChild(badge);
    })
    .catch(function () {});
})();
