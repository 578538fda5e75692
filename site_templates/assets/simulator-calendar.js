/* sopgen simulator, part 1 of 3: the office calendar, the JavaScript twin of sopgen's
 * OfficeCalendar (its export embedded in each SOP page), and the date helpers of the walk.
 *
 * Dependency-free and offline. Every instant is held as "local seconds": the office's wall-clock
 * time read as if it were UTC. The office time zone has a fixed offset (WIB/WITA/WIT, no DST), so
 * this arithmetic never touches the browser's own time zone; the offset is only added back when
 * an instant is printed as ISO text.
 *
 * The parts share one namespace, window.sopgenSimulator, and load in this order (the site sorts
 * its scripts by name): simulator-calendar.js, simulator-walk.js, simulator.js.
 */
(function () {
  "use strict";

  var DAY = 86400;
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

  var shared = window.sopgenSimulator = window.sopgenSimulator || {};
  shared.DAY = DAY;
  shared.SimulationError = SimulationError;
  shared.parseLocal = parseLocal;
  shared.Calendar = Calendar;
})();
