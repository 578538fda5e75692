/* sopgen simulator, part 2 of 3: the deterministic walk of one case through an SOP's steps, the
 * JavaScript twin of sopgen.simulate.walk. Needs simulator-calendar.js (loaded before it).
 */
(function () {
  "use strict";

  var shared = window.sopgenSimulator;
  var Calendar = shared.Calendar, SimulationError = shared.SimulationError;
  var parseLocal = shared.parseLocal;
  var END = "selesai";
  var DEFAULT_MAX_VISITS = 50;

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

  shared.run = run;
  shared.simulate = simulate;
})();
