/* sopgen interactive simulator: the JavaScript twin of sopgen's Python simulator.
 *
 * Dependency-free and offline. Every instant is held as "local seconds": the office's wall-clock
 * time read as if it were UTC. The office time zone has a fixed offset (WIB/WITA/WIT, no DST), so
 * this arithmetic never touches the browser's own time zone; the offset is only added back when
 * an instant is printed as ISO text.
 */
(function () {
  "use strict";

  var DAY = 86400;
  var END = "selesai";
  var DEFAULT_MAX_VISITS = 50;
  var NEVER_OPEN = "Kalender kantor tidak pernah buka: periksa jam kerja dan hari libur.";
  var SEARCH_DAYS = 3660; // a calendar with no opening in ten years is treated as never open
  var HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"];
  var HARI_SINGKAT = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"];
  var BULAN_SINGKAT = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov",
    "Des"];
  var BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
    "September", "Oktober", "November", "Desember"];

  function SimulationError(message) {
    this.message = message;
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < (width || 2)) s = "0" + s;
    return s;
  }

  function dateKey(day) {
    var d = new Date(day * DAY * 1000);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }

  /* Monday = 0 ... Sunday = 6, as Python's date.weekday(). */
  function weekday(day) {
    return (new Date(day * DAY * 1000).getUTCDay() + 6) % 7;
  }

  function parseLocal(text) {
    var pattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;
    var m = pattern.exec(String(text || "").trim());
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3], h = +m[4], mi = +m[5], s = m[6] ? +m[6] : 0;
    // Date.UTC reads years below 100 as 19xx; such arrivals are typing mistakes anyway.
    if (y < 1000 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
    var ms = Date.UTC(y, mo - 1, d, h, mi, s);
    var check = new Date(ms);
    if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
    return ms / 1000;
  }

  function parseDay(text) {
    var t = parseLocal(text + "T00:00");
    return t === null ? null : Math.round(t / DAY);
  }

  var WEEKDAYS = ["senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu"];
  var TOLERANCE = 1e-9;

  /* Weekday hours of the export ({senin: [[open, close] in minutes], ...}) as seconds. */
  function weekHours(byName) {
    return WEEKDAYS.map(function (name) {
      if (!byName || !byName[name]) return null;
      return byName[name].map(function (iv) { return [iv[0] * 60, iv[1] * 60]; });
    });
  }

  /* The office calendar of `OfficeCalendar.export`: intervals per date and the arithmetic. */
  function Calendar(spec) {
    var closed = {};
    (spec.libur || []).forEach(function (h) { closed[h.tanggal] = h.nama; });
    this.offset = spec.utc_offset_menit * 60;
    this.zone = spec.label;
    this.closed = closed;
    this.plainDays = spec.hari || "kerja";
    this.averageDay = spec.detik_per_hari_kerja;
    this.weekly = weekHours(spec.jam_kerja).map(function (h) { return h || []; });
    this.special = (spec.jam_khusus || []).map(function (s) {
      return { from: parseDay(s.mulai), to: parseDay(s.sampai), hours: weekHours(s.jam_kerja) };
    });
    this.years = spec.tahun || [];
  }

  /* Open intervals of a day number: none when closed; special hours replace the weekdays they
   * list (the first matching range wins), other weekdays keep their regular hours. */
  Calendar.prototype.intervals = function (day) {
    if (Object.prototype.hasOwnProperty.call(this.closed, dateKey(day))) return [];
    var wd = weekday(day);
    for (var i = 0; i < this.special.length; i++) {
      var s = this.special[i];
      if (day >= s.from && day <= s.to && s.hours[wd]) return s.hours[wd];
    }
    return this.weekly[wd];
  };

  Calendar.prototype.isWorkingDay = function (day) {
    return this.intervals(day).length > 0;
  };

  /* The first instant >= t inside an open interval (an interval's end is not open). */
  Calendar.prototype.nextOpen = function (t) {
    var day = Math.floor(t / DAY);
    for (var n = 0; n < SEARCH_DAYS; n++, day++) {
      var base = day * DAY, ivs = this.intervals(day);
      for (var i = 0; i < ivs.length; i++) {
        if (base + ivs[i][1] > t) return Math.max(t, base + ivs[i][0]);
      }
    }
    throw new SimulationError(NEVER_OPEN);
  };

  Calendar.prototype.addOfficeSeconds = function (start, seconds) {
    var t = start, remaining = seconds, day = Math.floor(t / DAY);
    if (remaining <= 0) return t;
    for (var n = 0; n < SEARCH_DAYS; n++, day++) {
      var base = day * DAY, ivs = this.intervals(day);
      for (var i = 0; i < ivs.length; i++) {
        var from = Math.max(t, base + ivs[i][0]), to = base + ivs[i][1];
        if (to <= from) continue;
        // A step that exactly fills the time to a closing ends at the closing instant.
        if (remaining <= to - from) return from + remaining;
        remaining -= to - from;
      }
    }
    throw new SimulationError(NEVER_OPEN);
  };

  /* The same clock time on the n-th next working day, then the next opening; a fractional part
   * then consumes that share of an average open day. */
  Calendar.prototype.addWorkingDays = function (start, days) {
    var whole = Math.floor(days + TOLERANCE), fraction = days - whole, t = start;
    if (whole > 0) {
      var day = Math.floor(t / DAY), clock = t - day * DAY, counted = 0;
      for (var searched = 0; counted < whole; searched++) {
        if (searched > SEARCH_DAYS * 4) throw new SimulationError(NEVER_OPEN);
        day += 1;
        if (this.isWorkingDay(day)) counted += 1;
      }
      t = this.nextOpen(day * DAY + clock);
    }
    if (fraction > TOLERANCE) t = this.addOfficeSeconds(t, fraction * this.averageDay);
    return t;
  };

  /* The end of a duration (its maximum) started at t; every addition starts at the next opening. */
  Calendar.prototype.add = function (t, duration) {
    var start = this.nextOpen(t);
    if (!duration || !(duration.maks > 0)) return start;
    var kind = duration.jenis;
    if (kind === "days") kind = this.plainDays === "kalender" ? "calendar_days" : "working_days";
    if (kind === "office_seconds") return this.addOfficeSeconds(start, duration.maks);
    if (kind === "working_days") return this.addWorkingDays(start, duration.maks);
    if (kind === "calendar_days") return this.nextOpen(start + duration.maks * DAY);
    throw new SimulationError("Jenis waktu tidak dikenal: " + kind + ".");
  };

  /* Open office seconds in [a, b); negative when b is before a. */
  Calendar.prototype.openSecondsBetween = function (a, b) {
    if (b < a) return -this.openSecondsBetween(b, a);
    var total = 0;
    for (var day = Math.floor(a / DAY); day * DAY < b; day++) {
      var base = day * DAY, ivs = this.intervals(day);
      for (var i = 0; i < ivs.length; i++) {
        var from = Math.max(a, base + ivs[i][0]), to = Math.min(b, base + ivs[i][1]);
        if (to > from) total += to - from;
      }
    }
    return total;
  };

  /* ISO 8601 with the office's offset, rounded to the second like `simulation.iso_time`. */
  Calendar.prototype.iso = function (t) {
    var d = new Date(Math.floor(t + 0.5) * 1000);
    var off = Math.abs(this.offset), sign = this.offset < 0 ? "-" : "+";
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) +
      "T" + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds()) +
      sign + pad(Math.floor(off / 3600)) + ":" + pad(Math.floor(off % 3600 / 60));
  };

  /* "Senin, 23 November 2026 pukul 09.15 WIB" */
  Calendar.prototype.label = function (t) {
    var d = new Date(Math.floor(t) * 1000), day = Math.floor(t / DAY);
    return HARI[weekday(day)] + ", " + d.getUTCDate() + " " + BULAN[d.getUTCMonth()] + " " +
      d.getUTCFullYear() + " pukul " + pad(d.getUTCHours()) + "." + pad(d.getUTCMinutes()) +
      " " + this.zone;
  };

  /* "Jum 20 Nov 2026 15.30", the compact form of the timeline table. */
  Calendar.prototype.shortLabel = function (t) {
    var d = new Date(Math.floor(t) * 1000), day = Math.floor(t / DAY);
    return HARI_SINGKAT[weekday(day)] + " " + d.getUTCDate() + " " + BULAN_SINGKAT[d.getUTCMonth()] +
      " " + d.getUTCFullYear() + " " + pad(d.getUTCHours()) + "." + pad(d.getUTCMinutes());
  };

  /* The instant to show for a completion: exactly at the opening of a working day it is shown
   * as the closing time of the previous working day ("Jumat 16.00", not "Senin 07.30"), as
   * `simulation_words.shown_end`; an end not later than `start` stays. */
  Calendar.prototype.shownEnd = function (t, start) {
    var day = Math.floor(t / DAY), ivs = this.intervals(day);
    if (!ivs.length || t !== day * DAY + ivs[0][0] || t <= start) return t;
    for (var n = 0; n < SEARCH_DAYS; n++) {
      day -= 1;
      var before = this.intervals(day);
      if (before.length) {
        var closing = day * DAY + before[before.length - 1][1];
        return closing <= start ? t : closing;
      }
    }
    return t;
  };

  /* The closed days from a's date to b's: named holidays (consecutive dates of one name as a
   * range), then the weekly days off as a count, as `simulation_words.closed_days`. */
  Calendar.prototype.closedDays = function (a, b) {
    var first = Math.floor(a / DAY), last = Math.floor(b / DAY), out = [], off = {}, offCount = 0;
    var run = null, self = this;
    function flush() {
      if (!run) return;
      out.push(run.name + " (" + (run.from === run.to ? tanggal(run.from) :
        dateRange(run.from, run.to)) + ")");
      run = null;
    }
    for (var day = first; day <= last; day++) {
      var key = dateKey(day);
      if (Object.prototype.hasOwnProperty.call(self.closed, key)) {
        var name = self.closed[key];
        if (run && run.name === name) { run.to = day; continue; }
        flush();
        run = { name: name, from: day, to: day };
      } else if (!self.openHours(day).length) {
        off[weekday(day)] = true;
        offCount += 1;
      }
    }
    flush();
    // Equal names that follow each other among the closed dates form one range, as Python's
    // groupby: "Cuti Bersama (20–23 Maret)" across a weekend.
    if (offCount) {
      var names = Object.keys(off).map(Number).sort().map(function (n) { return HARI[n]; });
      out.push(offCount + " hari " + names.join("/"));
    }
    return out;
  };

  /* Weekday (or special) hours of a day, whether or not it is a holiday. */
  Calendar.prototype.openHours = function (day) {
    var wd = weekday(day);
    for (var i = 0; i < this.special.length; i++) {
      var s = this.special[i];
      if (day >= s.from && day <= s.to && s.hours[wd]) return s.hours[wd];
    }
    return this.weekly[wd];
  };

  function tanggal(day) {
    var d = new Date(day * DAY * 1000);
    return d.getUTCDate() + " " + BULAN[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  function dateRange(a, b) {
    var x = new Date(a * DAY * 1000), y = new Date(b * DAY * 1000);
    if (x.getUTCFullYear() === y.getUTCFullYear() && x.getUTCMonth() === y.getUTCMonth()) {
      return x.getUTCDate() + "–" + tanggal(b);
    }
    return tanggal(a) + " – " + tanggal(b);
  }

  /* Whether the closed dates of t's year are in the export. */
  Calendar.prototype.knows = function (t) {
    return this.years.indexOf(new Date(Math.floor(t) * 1000).getUTCFullYear()) >= 0;
  };

  /* Python's round(): halves go to the even neighbour. */
  function roundHalfEven(x) {
    var r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  }

  /* "1 hari kerja 2 jam 30 menit", as `working_time.format_working_time`. */
  Calendar.prototype.workingTime = function (seconds) {
    var total = roundHalfEven(Math.abs(seconds) / 60);
    var dayMinutes = Math.max(1, roundHalfEven(this.averageDay / 60));
    var days = Math.floor(total / dayMinutes), rest = total - days * dayMinutes;
    var parts = [];
    if (days) parts.push(days + " hari kerja");
    if (Math.floor(rest / 60)) parts.push(Math.floor(rest / 60) + " jam");
    if (rest % 60) parts.push(rest % 60 + " menit");
    return parts.length ? parts.join(" ") : "0 menit";
  };

  /* "lebih cepat 1 jam" / "terlambat 2 hari kerja", as `working_time.format_margin`. */
  Calendar.prototype.margin = function (seconds) {
    if (roundHalfEven(Math.abs(seconds) / 60) === 0) return "tepat pada tenggat";
    return (seconds > 0 ? "lebih cepat " : "terlambat ") + this.workingTime(seconds);
  };

  /* The branch of a decision visit, as the Python walk: one value per visit, the last one
   * repeating once the list runs out; a decision without a choice takes "ya". */
  function choiceFor(choices, key, visit) {
    var list = choices && choices[key];
    if (list === undefined || list === null) return "ya";
    if (!Array.isArray(list)) list = [list];
    if (!list.length) return "ya";
    var value = list[Math.min(visit, list.length) - 1];
    return value === "tidak" || value === false ? "tidak" : "ya";
  }

  /* The deterministic walk. options: {masuk: "YYYY-MM-DDTHH:MM", choices: {key: ["ya", ...]},
   * waktu: {key: duration} (a case's actual durations), target: duration (a case's own standard)}.
   * Returns {selesai, tenggat, memenuhi, margin_detik, langkah: [{key, nomor, mulai, selesai,
   * kunjungan, pilihan}]} with ISO strings, or {galat: message} for input it cannot walk. */
  function run(data, options) {
    options = options || {};
    var calendar = new Calendar(data.kalender);
    var masuk = parseLocal(options.masuk);
    if (masuk === null) {
      throw new SimulationError("Tanggal dan jam " + (data.sebutan || "permohonan") +
        " masuk tidak valid: isi seperti 2026-11-20 09:30.");
    }
    var byKey = {};
    data.langkah.forEach(function (s) { byKey[s.key] = s; });
    var overrides = options.waktu || {};
    var maxVisits = data.maks_kunjungan || DEFAULT_MAX_VISITS;
    var visits = {}, steps = [], t = masuk;
    var key = data.langkah.length ? data.langkah[0].key : END;
    var truncated = false;
    while (key !== END) {
      if (steps.length >= maxVisits) { truncated = true; break; }
      var step = byKey[key];
      visits[key] = (visits[key] || 0) + 1;
      var mulai = calendar.nextOpen(t);
      var duration = overrides[key] || step.waktu;
      var selesai = calendar.add(mulai, duration);
      var entry = { key: key, nomor: step.nomor, mulai: mulai, selesai: selesai,
        kunjungan: visits[key], pilihan: null };
      steps.push(entry);
      t = selesai;
      if (step.keputusan) {
        entry.pilihan = choiceFor(options.choices, key, visits[key]);
        key = step.keputusan[entry.pilihan];
      } else {
        key = step.lanjut;
      }
    }
    var start = calendar.nextOpen(masuk);
    var end = steps.length ? steps[steps.length - 1].selesai : start;
    var target = options.target || data.target;
    var deadline = target ? calendar.add(start, target) : null;
    return { calendar: calendar, masuk: masuk, selesai: end, tenggat: deadline, langkah: steps,
      terpotong: truncated, maxVisits: maxVisits };
  }

  function simulate(data, options) {
    var r;
    try {
      r = run(data, options);
    } catch (e) {
      if (e instanceof SimulationError) return { galat: e.message };
      throw e;
    }
    var c = r.calendar;
    return {
      selesai: c.iso(r.selesai),
      tenggat: r.tenggat === null ? null : c.iso(r.tenggat),
      selesai_tampil: c.iso(c.shownEnd(r.selesai, r.masuk)),
      tenggat_tampil: r.tenggat === null ? null : c.iso(c.shownEnd(r.tenggat, r.masuk)),
      tutup: c.closedDays(r.masuk, r.selesai),
      memenuhi: r.tenggat === null || r.terpotong ? null : r.selesai <= r.tenggat,
      margin_detik: r.tenggat === null || r.terpotong ? null :
        c.openSecondsBetween(r.selesai, r.tenggat),
      terpotong: r.terpotong,
      langkah: r.langkah.map(function (s) {
        return { key: s.key, nomor: s.nomor, mulai: c.iso(s.mulai), selesai: c.iso(s.selesai),
          kunjungan: s.kunjungan, pilihan: s.pilihan };
      })
    };
  }

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

  window.sopgenSimulator = { simulate: simulate, mountAll: mountAll };
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
