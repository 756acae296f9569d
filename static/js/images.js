// A picture that does not load (a remote host down, a dead link) becomes the tidy placeholder
// its box was drawn for — the item's interest colour and name — never a broken-image icon.
(function () {
  "use strict";
  function fallback(img) {
    var box = img.closest(".thumb");
    if (!box) {  // a picture inside the author's text: a small tinted note instead
      var note = document.createElement("span");
      note.className = "image-missing";
      note.textContent = "图片无法显示";
      img.replaceWith(note);
      return;
    }
    var label = document.createElement("span");
    label.textContent = box.dataset.label || "";
    box.classList.add("thumb-placeholder");
    img.replaceWith(label);
  }
  document.addEventListener("error", function (event) {
    if (event.target instanceof HTMLImageElement) fallback(event.target);
  }, true);
  function sweep() {  // pictures that failed before this script ran
    document.querySelectorAll("img").forEach(function (img) {
      if (img.complete && img.naturalWidth === 0 && img.getAttribute("src")) fallback(img);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", sweep); else sweep();
})();
