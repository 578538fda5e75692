/*
 * sopgen print pages, the columns' widths on the sheet: used by swimlane_print.js
 * (window.sopgenPrintColumns) when it paginates the procedure table for printing, before it
 * measures any row.
 */
(function () {
  "use strict";

  var MM = 96 / 25.4;

  // Printed column widths, mm. The browser's own table layout gave a lane the width of its
  // longest actor name or label and Kegiatan what was left: with ten actors on A4, 16-22 mm
  // (two words a line, up to 29 sheets for 40 steps). Now a lane is as wide as the longest
  // word of its actor's name (names wrap between words), at least LANE_MIN_MM (a symbol and
  // its arrows), and the text columns get the rest, Kegiatan twice each other one. When the
  // names would leave the text less than TEXT_SHARE of the sheet they go in smaller type.
  // Past that (more than about twelve actors on A4) the text keeps TEXT_FLOOR_MM and the
  // lanes share the rest evenly, with smaller symbols below LANE_SQUEEZED_MM (past fourteen),
  // never below LANE_TIGHTEST_MM; names may then break inside words.
  var NO_MM = 8, WAKTU_MM = 15;
  var LANE_MIN_MM = 14, LANE_WORD_MAX_MM = 30;
  var LANE_SQUEEZED_MM = 12, LANE_TIGHTEST_MM = 9; // a decision: 11 mm, squeezed 8.5 mm
  var TEXT_SHARE = 0.45, TEXT_MIN_MM = 110, TEXT_FLOOR_MM = 85;
  var SIDE_TEXT = ["sopgen-col-kelengkapan", "sopgen-col-output", "sopgen-col-keterangan"];
  var SIDE_SHARE = 0.2, SIDE_MIN_MM = 17; // "Keleng-" and "Output" in bold 10 pt, unbroken

  // The width (mm) an actor's header needs so that no word of the name is broken.
  function longestWordMm(th) {
    var probe = document.createElement("div");
    probe.style.cssText = "position: absolute; visibility: hidden; width: min-content; " +
      "overflow-wrap: normal; word-break: normal; white-space: normal;";
    probe.textContent = th.textContent;
    th.appendChild(probe);
    var style = getComputedStyle(th);
    var padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    var width = probe.getBoundingClientRect().width + padding + 2; // 2 px: borders, rounding
    probe.remove();
    return width / MM;
  }

  function laneWidths(heads) {
    return heads.map(function (th) {
      return Math.max(LANE_MIN_MM, Math.min(LANE_WORD_MAX_MM, longestWordMm(th)));
    });
  }

  function sum(values) {
    return values.reduce(function (a, b) { return a + b; }, 0);
  }

  // Fixed column widths for the sheet the flow is laid out at (its printed width).
  function sizeColumns(flow, table) {
    var cols = Array.from(table.querySelectorAll(":scope > colgroup > col"));
    var heads = Array.from(table.querySelectorAll("thead th.sopgen-actor"));
    var laneCols = cols.filter(function (col) { return col.classList.contains("sopgen-col-lane"); });
    var sheet = flow.getBoundingClientRect().width / MM;
    if (!heads.length || heads.length !== laneCols.length || !(sheet > 0)) {
      return;
    }
    var fixed = NO_MM + WAKTU_MM;
    var room = sheet - fixed - Math.max(TEXT_MIN_MM, TEXT_SHARE * sheet);
    var lanes = laneWidths(heads);
    if (sum(lanes) > room) {
      table.classList.add("sopgen-small-actors");
      lanes = laneWidths(heads);
    }
    var most = sheet - fixed - TEXT_FLOOR_MM;
    if (sum(lanes) > most) { // too many actors for the sheet: names may break inside words
      var even = most / lanes.length;
      if (even < LANE_SQUEEZED_MM) {
        table.classList.add("sopgen-squeezed");
      }
      even = Math.max(LANE_TIGHTEST_MM, even);
      lanes = lanes.map(function () { return even; });
    }
    var text = Math.max(0, sheet - fixed - sum(lanes));
    var side = Math.max(SIDE_MIN_MM, SIDE_SHARE * text);
    var widths = { "sopgen-col-no": NO_MM, "sopgen-col-waktu": WAKTU_MM,
                   "sopgen-col-kegiatan": Math.max(0, text - SIDE_TEXT.length * side) };
    SIDE_TEXT.forEach(function (name) { widths[name] = side; });
    var lane = 0;
    cols.forEach(function (col) {
      var mm = col.classList.contains("sopgen-col-lane") ? lanes[lane++] : widths[col.className];
      if (mm !== undefined) {
        col.style.width = mm.toFixed(2) + "mm";
      }
    });
    table.classList.add("sopgen-sized");
  }

  function clear(flow) {
    flow.querySelectorAll("table.sopgen-sized").forEach(function (table) {
      table.classList.remove("sopgen-sized", "sopgen-small-actors", "sopgen-squeezed");
      table.querySelectorAll(":scope > colgroup > col").forEach(function (col) {
        col.style.width = "";
      });
    });
  }

  window.sopgenPrintColumns = { size: sizeColumns, clear: clear };
})();
