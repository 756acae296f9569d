/* Infinite scroll over the feed's "加载更多" link. Without JavaScript the link simply opens the
 * next page (?cursor=…); with it, the same URL plus fragment=1 returns only the next cards and
 * a new "more" block, which are appended in place. New cards are handed to guideEvents so
 * their impressions count too. */
(function () {
  "use strict";
  var list = document.querySelector("[data-feed-list]");
  if (!list || !window.fetch || !("content" in document.createElement("template"))) return;
  var loading = false;
  var watcher = null;

  function moreBlock() {
    return list.parentNode.querySelector("[data-feed-more]");
  }

  function fragmentUrl(href) {
    var url = new URL(href, location.href);
    url.searchParams.set("fragment", "1");
    return url.toString();
  }

  function load(link) {
    if (loading) return;
    loading = true;
    var block = moreBlock();
    block.classList.add("loading");
    fetch(fragmentUrl(link.href), { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (response.status >= 500) throw new Error("server error " + response.status);
        return response.text();  // a 400 (stale cursor) carries a readable message block
      })
      .then(function (html) {
        var template = document.createElement("template");
        template.innerHTML = html;
        var shown = {};
        Array.prototype.forEach.call(list.querySelectorAll("[data-item-id]"), function (card) {
          shown[card.getAttribute("data-item-id")] = true;
        });
        Array.prototype.forEach.call(template.content.querySelectorAll("li[data-item-id]"), function (card) {
          if (!shown[card.getAttribute("data-item-id")]) list.appendChild(card);
        });
        var next = template.content.querySelector("[data-feed-more]");
        if (next) block.replaceWith(next); else block.remove();
        if (window.guideEvents) window.guideEvents.observe(list);
        loading = false;
        watch();
      })
      .catch(function () {
        // Offline or the server failed: leave the plain link, which still works.
        block.classList.remove("loading");
        loading = false;
      });
  }

  function watch() {
    var block = moreBlock();
    var link = block && block.querySelector("a[data-next]");
    if (!link) return;
    link.addEventListener("click", function (event) {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      load(link);
    });
    if (!("IntersectionObserver" in window)) return;
    if (watcher) watcher.disconnect();
    watcher = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        watcher.disconnect();
        load(link);
      }
    }, { rootMargin: "600px 0px" });
    watcher.observe(link);
  }

  watch();
})();
