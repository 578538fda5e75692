/* sopgen SOP lists: sort by any column and filter by body, unit, status and free text, in the
 * browser (no server). The table carries everything: each row its filter values (data-instansi,
 * data-unit, data-status), each cell its sort value (data-nilai). Without this script the page
 * is a plain table sorted by Nomor.
 */
(function () {
  "use strict";

  function fold(text) {
    // Case- and accent-insensitive: "Kelurahan" matches "kelurahan", "é" matches "e".
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function mount(root) {
    if (root.getAttribute("data-sopgen-ready")) return;
    root.setAttribute("data-sopgen-ready", "1");
    var form = root.querySelector(".sopgen-list-filter");
    var table = root.querySelector("table");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var empty = root.querySelector(".sopgen-list-empty");
    var output = form.querySelector("output");
    var texts = rows.map(function (row) { return fold(row.textContent); });
    var fields = Array.prototype.slice.call(form.querySelectorAll("[data-saring]"));

    form.hidden = false;
    form.addEventListener("submit", function (e) { e.preventDefault(); });

    function filter() {
      var wanted = {};
      fields.forEach(function (f) { wanted[f.getAttribute("data-saring")] = f.value; });
      var words = fold(wanted.teks).split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = ["instansi", "unit", "status"].every(function (key) {
          return !wanted[key] || row.getAttribute("data-" + key) === wanted[key];
        }) && words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      output.textContent = shown === rows.length ? rows.length + " SOP" :
        shown + " dari " + rows.length + " SOP";
      empty.hidden = shown > 0;
    }

    function sortBy(th) {
      var key = th.getAttribute("data-kolom");
      var numeric = th.getAttribute("data-jenis") === "angka";
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      var heads = table.tHead.rows[0].cells;
      for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      function value(row) {
        var cell = row.querySelector('td[data-kolom="' + key + '"]');
        var v = cell ? cell.getAttribute("data-nilai") : "";
        return numeric ? parseFloat(v) || 0 : v;
      }
      // Nomor's value is its natural order computed in Python ("2" before "10").
      var sorted = rows.slice().sort(function (a, b) {
        var x = value(a), y = value(b);
        var order = numeric || key === "nomor" ? (+x) - (+y) : x.localeCompare(y, "id");
        return ascending ? order : -order;
      });
      sorted.forEach(function (row) { body.appendChild(row); });
    }

    fields.forEach(function (f) {
      f.addEventListener("input", filter);
      f.addEventListener("change", filter);
    });
    Array.prototype.forEach.call(table.querySelectorAll("th button.sopgen-sort"), function (b) {
      b.addEventListener("click", function () { sortBy(b.parentNode); });
    });
    filter();
  }

  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-sopgen-list]"), mount);
  }

  window.sopgenList = { mountAll: mountAll };
  // Material's instant navigation swaps pages without a load event; it announces them on
  // document$. The page is also mounted on its own load: under file:// with the offline plugin
  // document$ may never emit. Mounting is idempotent (data-sopgen-ready), so both may run.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
