/* sopgen simulator, part 3 of 3: the interactive form of an SOP page (arrival, a choice per
 * decision visit, the result, the timeline table and its Gantt chart), mounted on every page.
 * Needs simulator-calendar.js and simulator-walk.js (loaded before it).
 */
(function () {
  "use strict";

  var shared = window.sopgenSimulator;
  var DAY = shared.DAY, SimulationError = shared.SimulationError, run = shared.run;

  /* A step's time with a word when office hours span several calendar days, as
   * `simulation_words.waktu_note`: "<24 jam (jam kerja: 3 hari kerja 1 jam 30 menit)". */
  function waktuNote(waktu, c) {
    if (!waktu) return "—";
    var kind = waktu.jenis;
    if (kind === "office_seconds" && waktu.maks > c.averageDay) {
      return waktu.teks + " (jam kerja: " + c.workingTime(waktu.maks) + ")";
    }
    return waktu.teks;
  }

  var SVG = "http://www.w3.org/2000/svg";

  function svgEl(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /* The interactive case's Gantt chart: one bar per visit on a time axis from the arrival to
   * the completion, closed days shaded, the deadline dashed (the Python chart's conventions). */
  function gantt(r, byKey, actors) {
    var c = r.calendar, start = c.nextOpen(r.masuk), end = Math.max(r.selesai, start + 3600);
    if (r.tenggat !== null) end = Math.max(end, r.tenggat);
    var left = 190, width = 760, row = 18, top = 24, n = r.langkah.length;
    var height = top + n * row + 28, plot = width - left - 10;
    var svg = svgEl("svg", { "class": "sopgen-gantt", viewBox: "0 0 " + width + " " + height,
      role: "img", "aria-label": "Diagram Gantt simulasi interaktif", "font-size": "11",
      fill: "currentColor" });
    function x(t) { return left + plot * (t - start) / (end - start); }
    for (var day = Math.floor(start / DAY); day * DAY < end; day++) {
      if (c.intervals(day).length) continue;
      var a = Math.max(start, day * DAY), b = Math.min(end, (day + 1) * DAY);
      svg.appendChild(svgEl("rect", { "class": "sopgen-gantt-libur", x: x(a), y: top - 4,
        width: Math.max(1, x(b) - x(a)), height: n * row + 4,
        style: "fill:var(--sopgen-gantt-libur)" }));
    }
    r.langkah.forEach(function (s, i) {
      var step = byKey[s.key], y = top + i * row;
      var label = step.nomor + ". " + step.kegiatan;
      svg.appendChild(svgEl("text", { x: 4, y: y + 12 }, label.length > 30 ?
        label.slice(0, 29) + "…" : label));
      var colour = "var(--sopgen-aktor-" + (actors.indexOf(step.pelaksana[0]) % 8) + ")";
      var bar = svgEl("rect", { "class": "sopgen-gantt-bar", x: x(s.mulai), y: y + 2,
        width: Math.max(2, x(s.selesai) - x(s.mulai)), height: row - 5, rx: 2,
        style: "fill:" + colour });
      bar.appendChild(svgEl("title", {}, label + ": " + c.label(s.mulai) + " – " +
        c.label(c.shownEnd(s.selesai, s.mulai))));
      svg.appendChild(bar);
    });
    if (r.tenggat !== null) {
      svg.appendChild(svgEl("line", { x1: x(r.tenggat), x2: x(r.tenggat), y1: top - 6,
        y2: top + n * row, stroke: "var(--sopgen-tenggat,#c62828)", "stroke-width": 2,
        "stroke-dasharray": "5 3" }));
    }
    svg.appendChild(svgEl("text", { x: left, y: height - 8 }, c.shortLabel(start)));
    svg.appendChild(svgEl("text", { x: width - 10, y: height - 8, "text-anchor": "end" },
      c.shortLabel(c.shownEnd(end, start))));
    return svg;
  }

  /* ---- the form on the page ---- */

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function mount(root) {
    if (root.getAttribute("data-sopgen-ready")) return;
    root.setAttribute("data-sopgen-ready", "1");
    var prefix = root.getAttribute("data-sopgen-simulator");
    var blob = document.getElementById(prefix + "-data");
    if (!blob) return;
    // A <template>'s text lives in its content fragment (an older page may still use <script>).
    var data = JSON.parse(blob.content ? blob.content.textContent : blob.textContent);
    var input = document.getElementById(prefix + "-masuk");
    var choiceBox = document.getElementById(prefix + "-pilihan");
    var result = document.getElementById(prefix + "-hasil");
    var body = document.getElementById(prefix + "-tabel").querySelector("tbody");
    var chart = document.getElementById(prefix + "-gantt");
    var actors = [];
    data.langkah.forEach(function (s) {
      s.pelaksana.forEach(function (a) { if (actors.indexOf(a) < 0) actors.push(a); });
    });
    var byKey = {};
    data.langkah.forEach(function (s) { byKey[s.key] = s; });
    var choices = {};
    root.querySelector("form").addEventListener("submit", function (e) { e.preventDefault(); });

    function setChoice(key, visit, value) {
      var list = choices[key] || (choices[key] = []);
      while (list.length < visit) list.push("ya");
      list[visit - 1] = value;
      update();
    }

    /* Visits the user has not decided take "ya" (the walk would repeat the last choice). */
    function explicitChoices() {
      var out = {};
      Object.keys(choices).forEach(function (k) { out[k] = choices[k].concat(["ya"]); });
      return out;
    }

    function renderChoices(r) {
      choiceBox.textContent = "";
      r.langkah.forEach(function (s) {
        var step = byKey[s.key];
        if (!step.keputusan) return;
        var name = prefix + "-k-" + step.nomor + "-" + s.kunjungan;
        var fieldset = el("fieldset", { "class": "sopgen-sim-keputusan", "data-key": s.key,
          "data-kunjungan": String(s.kunjungan) });
        var legend = "Langkah " + step.nomor + (s.kunjungan > 1 ? " (kunjungan ke-" +
          s.kunjungan + ")" : "") + ": " + (step.keputusan.pertanyaan || step.kegiatan);
        fieldset.appendChild(el("legend", {}, legend));
        ["ya", "tidak"].forEach(function (branch) {
          var id = name + "-" + branch;
          var radio = el("input", { type: "radio", name: name, id: id, value: branch });
          radio.checked = s.pilihan === branch;
          radio.addEventListener("change", function () { setChoice(s.key, s.kunjungan, branch); });
          var label = el("label", { "for": id });
          label.appendChild(radio);
          label.appendChild(document.createTextNode(" " + step.keputusan["label_" + branch]));
          fieldset.appendChild(label);
        });
        choiceBox.appendChild(fieldset);
      });
    }

    function renderTable(r) {
      body.textContent = "";
      var c = r.calendar;
      r.langkah.forEach(function (s) {
        var step = byKey[s.key], tr = el("tr");
        [String(step.nomor), step.kegiatan, step.pelaksana.join(", ")].forEach(function (v) {
          tr.appendChild(el("td", {}, v));
        });
        [s.mulai, c.shownEnd(s.selesai, s.mulai)].forEach(function (t) {
          var cell = el("td");
          cell.appendChild(el("time", { datetime: c.iso(t), title: c.label(t) }, c.shortLabel(t)));
          tr.appendChild(cell);
        });
        tr.appendChild(el("td", {}, waktuNote(step.waktu, c)));
        tr.appendChild(el("td", {}, String(s.kunjungan)));
        body.appendChild(tr);
      });
    }

    function renderResult(r) {
      var c = r.calendar;
      result.textContent = "";
      var done = el("p", { "class": "sopgen-sim-selesai" });
      done.appendChild(document.createTextNode("Selesai: "));
      var shown = c.shownEnd(r.selesai, r.masuk);
      done.appendChild(el("time", { datetime: c.iso(r.selesai), "data-iso": c.iso(r.selesai) },
        c.label(shown)));
      result.appendChild(done);
      if (r.tenggat !== null) {
        var deadline = el("p", { "class": "sopgen-sim-tenggat" });
        deadline.appendChild(document.createTextNode("Tenggat standar pelayanan: "));
        deadline.appendChild(el("time", { datetime: c.iso(r.tenggat) },
          c.label(c.shownEnd(r.tenggat, r.masuk))));
        result.appendChild(deadline);
      }
      var closedDays = c.closedDays(r.masuk, r.selesai);
      if (closedDays.length) {
        result.appendChild(el("p", { "class": "sopgen-tutup" }, "Hari tutup yang dilewati: " +
          closedDays.join("; ") + "."));
      }
      if (r.tenggat !== null && !r.terpotong) {
        var ok = r.selesai <= r.tenggat;
        var verdict = el("p", { "class": "sopgen-verdict " + (ok ? "sopgen-pass" : "sopgen-fail"),
          "data-memenuhi": ok ? "ya" : "tidak" });
        verdict.textContent = (ok ? "✓ Memenuhi" : "✗ Melampaui") + " standar pelayanan (" +
          c.margin(c.openSecondsBetween(r.selesai, r.tenggat)) + ")";
        result.appendChild(verdict);
      }
      if (!c.knows(r.masuk) || !c.knows(r.selesai) || (r.tenggat !== null && !c.knows(r.tenggat))) {
        result.appendChild(el("p", { "class": "sopgen-sim-catatan" }, "Catatan: hari libur hanya " +
          "diketahui untuk tahun " + c.years.join(", ") + "; di luar tahun itu hanya hari Sabtu " +
          "dan Minggu yang dihitung libur."));
      }
      if (r.terpotong) {
        result.appendChild(el("p", { "class": "sopgen-sim-galat", role: "alert" },
          "Simulasi dihentikan setelah " + r.maxVisits + " kunjungan langkah: alur berputar " +
          "terus. Pilih cabang lain pada keputusan di atas."));
      }
    }

    function showError(message) {
      if (chart) chart.hidden = true;
      result.textContent = "";
      body.textContent = "";
      choiceBox.textContent = "";
      result.appendChild(el("p", { "class": "sopgen-sim-galat", role: "alert" }, message));
    }

    function update() {
      var r;
      try {
        r = run(data, { masuk: input.value, choices: explicitChoices() });
      } catch (e) {
        if (e instanceof SimulationError) { showError(e.message); return; }
        throw e;
      }
      // Re-rendering the choices replaces the radios; keep the keyboard focus where it was.
      var focused = document.activeElement && document.activeElement.id;
      renderChoices(r);
      if (focused && focused !== input.id && document.getElementById(focused)) {
        document.getElementById(focused).focus();
      }
      renderTable(r);
      renderResult(r);
      if (chart) {
        chart.textContent = "";
        chart.appendChild(gantt(r, byKey, actors));
        chart.appendChild(el("figcaption", {}, "Diagram Gantt kasus di atas: satu batang per " +
          "kunjungan langkah; arsiran merah hari tutup; garis putus-putus merah adalah tenggat."));
        chart.hidden = false;
      }
    }

    input.addEventListener("input", update);
    input.addEventListener("change", update);
    update();
  }

  function mountAll() {
    var roots = document.querySelectorAll("[data-sopgen-simulator]");
    for (var i = 0; i < roots.length; i++) mount(roots[i]);
  }

  shared.mountAll = mountAll;
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
