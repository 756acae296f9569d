// The editors' desk: move through the queue and decide with the keyboard. Every key only
// selects, focuses or submits one of the page's own forms, so the desk works without this file.
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll(".queue-row"));
  if (!rows.length) return;
  var panels = {};
  document.querySelectorAll(".decision-panel").forEach(function (panel) { panels[panel.dataset.item] = panel; });
  document.body.classList.add("desk-js");
  var index = Math.max(0, rows.findIndex(function (row) { return row.classList.contains("selected"); }));

  function current() { return panels[rows[index].dataset.item]; }

  function select(n) {
    index = Math.max(0, Math.min(rows.length - 1, n));
    rows.forEach(function (row, i) { row.classList.toggle("selected", i === index); });
    Object.keys(panels).forEach(function (id) { panels[id].classList.toggle("selected", id === rows[index].dataset.item); });
    rows[index].scrollIntoView({ block: "nearest" });
  }

  function button(key) { return current().querySelector('button[data-key="' + key + '"]'); }

  function send(key) { var b = button(key); b.form.requestSubmit(b); }

  function focusIn(key, selector) {
    var field = current().querySelector('[data-section="' + key + '"] ' + selector);
    field.focus();
    if (field.select) field.select();
  }

  rows.forEach(function (row, i) {
    row.querySelector(".row-link").addEventListener("click", function (event) { event.preventDefault(); select(i); });
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && event.target.closest("input, textarea, select")) { event.target.blur(); return; }
    if (event.target.closest("input, textarea, select") || event.metaKey || event.ctrlKey || event.altKey) return;
    var actions = {
      j: function () { select(index + 1); },
      k: function () { select(index - 1); },
      a: function () { send("a"); },
      f: function () { send("f"); },
      r: function () { focusIn("r", "select"); },
      m: function () { focusIn("m", "input[name=duplicate_of]"); },
      t: function () { focusIn("t", "input[name=interests]"); },
      x: function () { var box = rows[index].querySelector("input[type=checkbox]"); box.checked = !box.checked; }
    };
    if (actions[event.key]) { event.preventDefault(); actions[event.key](); }
  });

  // Enter in a section's field sends that section's decision (a reason chosen with the
  // keyboard sends the rejection; a target id, the merge; tags, the retag).
  document.querySelectorAll("[data-section]").forEach(function (section) {
    section.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || !event.target.matches("input, select")) return;
      event.preventDefault();
      var b = section.querySelector("button[data-key]");
      b.form.requestSubmit(b);
    });
  });
  select(index);
})();
