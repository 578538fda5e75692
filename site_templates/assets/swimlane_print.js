/*
 * sopgen print pages: a printed procedure table is split into sheets joined by off-page connectors.
 *
 * On paper a long table breaks across sheets and its header rows repeat; an arrow running from a
 * row on one sheet to a row on another would cross the sheet edge and the repeated header. The
 * SOP AP form's answer is the off-page connector (a pentagon), lettered A, B, C ... in pairs. So
 * when the page switches to print media (the layout is then the printed one, at the width and
 * sheet height of the chosen paper), this script:
 * - fixes the columns' widths for the sheet before measuring anything: the lanes as wide as
 *   their actors' words need, the rest to the text (swimlane_print_columns.js);
 * - splits a row taller than a sheet into a row and continuation rows (swimlane_print_rows.js:
 *   the text cells' words are cut where the sheet ends; the symbol stays in the first part);
 * - chooses the breaks so that each sheet's rows, with the repeated header and its connector
 *   rows, fit one sheet (the first sheet: below the identity block);
 * - gives every arrow that crosses a break its own letter: an "out" connector at the bottom of
 *   the source's sheet and an "in" connector at the top of the target's sheet (loops back to an
 *   earlier sheet too), each in a cell of its own (its own lane when free, else the nearest free
 *   lane, else one more connector row), so connectors are never stacked (the breaks and the
 *   connectors' places and rows: swimlane_print_plan.js);
 * - forces the breaks with `break-before: page` and lets swimlane.js draw the new arrows.
 * Back on screen everything is put back. `window.sopgenPrint` exposes paginate and restore
 * (the browser tests call them with a sheet height of their choice) and the last report;
 * sopgen_print.js calls them when printing starts and ends.
 */
(function () {
  "use strict";

  var MM = 96 / 25.4;
  // Printable height when it cannot be measured: A4 landscape (210 mm) less the 24 mm of
  // margins set by sopgen_print.css, at 96 CSS px per inch.
  var PAGE_HEIGHT = 186 * MM;

  // The printed sheet's height in CSS px, measured with forced page breaks (Chromium shrinks a
  // page wider than the paper, which makes the sheet taller in CSS px, and its sheet is not
  // exactly the paper's printable height: 704 px for A4's 702.99, 722 px for F4's 721.89).
  // The first probe does not always start a sheet, so the distance between the second and
  // third is taken. On screen (no pages) the probes touch: null.
  function measuredSheet() {
    var probes = [0, 1, 2].map(function () {
      var probe = document.createElement("div");
      probe.style.cssText = "break-before: page; height: 1px; margin: 0;";
      document.body.appendChild(probe);
      return probe;
    });
    var tops = probes.map(function (probe) { return probe.getBoundingClientRect().top; });
    probes.forEach(function (probe) { probe.remove(); });
    var height = tops[2] - tops[1];
    return height > 100 ? height : null;
  }

  function printedPageHeight() {
    return measuredSheet() || PAGE_HEIGHT;
  }

  function rowsOf(table) {
    return Array.from(table.querySelectorAll("tbody > tr[data-step]"));
  }

  function heightOf(element) {
    return element.getBoundingClientRect().height;
  }

  function paginate(flow, pageHeight) {
    restore(flow);
    var table = flow.querySelector("table.sopgen-procedure");
    var svg = flow.querySelector("svg.sopgen-arrows");
    // Read when printing starts, not at load: swimlane_print_columns.js and _plan.js load
    // after this file.
    var planner = window.sopgenPrintPlan;
    if (!planner || !table || !svg || !table.tHead || !table.tBodies.length ||
        !rowsOf(table).length) {
      return null;
    }
    pageHeight = pageHeight || printedPageHeight();
    // First the printed form of the flow (a breakable block), then every measurement.
    flow.classList.add("sopgen-paginated");
    if (window.sopgenPrintColumns) {
      window.sopgenPrintColumns.size(flow, table);
    }
    var tbody = table.tBodies[0];
    var model = rowsOf(table).find(function (tr) {
      return !tr.classList.contains("sopgen-end-row");
    }) || rowsOf(table)[0];
    var probe = planner.emptyRowLike(model, "sopgen-connector-row", "sambungan:probe");
    probe.querySelector("td.sopgen-lane").appendChild(
      planner.connector("sambungan:probe", "A", "", ""));
    tbody.appendChild(probe);
    var sizes = { pageHeight: pageHeight, header: heightOf(table.tHead),
                  connectorRow: heightOf(probe) };
    probe.remove();

    var tallest = pageHeight - sizes.header - 4 * sizes.connectorRow;
    var parts = window.sopgenPrintRows;
    if (parts) {
      rowsOf(table).forEach(function (tr) {
        parts.splitTallRow(tr, tallest, planner.emptyRowLike);
      });
    }
    var rows = rowsOf(table);
    var heights = rows.map(heightOf);
    var top = table.getBoundingClientRect().top + window.scrollY;
    // The first printed element (the identity block) starts the first sheet; where its
    // unbreakable parts move to the next sheet, the table moves down with them.
    var first = document.querySelector(".sopgen-identity") || table;
    var origin = first.getBoundingClientRect().top + window.scrollY;
    var printedTop = top - origin +
      (parts ? parts.identityShift(first, origin, pageHeight) : 0);
    var used = ((printedTop % pageHeight) + pageHeight) % pageHeight;
    var firstSheet = Math.floor(printedTop / pageHeight);
    var firstRoom = pageHeight - used;
    var breakBefore = false;
    if (used > 0 &&
        heights[0] + sizes.header + 2 * sizes.connectorRow > firstRoom + planner.SLACK) {
      breakBefore = true; // not even the first row fits under the header here: a new sheet
      firstRoom = pageHeight;
    }
    var chosen = planner.plan(rows, svg, heights, sizes, firstRoom);
    chosen.crossings.forEach(function (crossing) {
      crossing.out.target = crossing.entry.target = crossing.arrow.getAttribute("data-to");
    });
    var pages = chosen.chunks.map(function (chunk, c) {
      var first = rows[chunk[0]];
      var last = rows[chunk[chunk.length - 1]];
      var opening = first;
      planner.connectorRows(model, "masuk", c, chosen.layout[c].top,
        "Sambungan dari halaman lain")
        .forEach(function (tr) {
          tbody.insertBefore(tr, first);
          if (opening === first) {
            opening = tr;
          }
        });
      var after = last.nextSibling;
      planner.connectorRows(model, "keluar", c, chosen.layout[c].bottom,
        "Bersambung ke halaman lain")
        .forEach(function (tr) { tbody.insertBefore(tr, after); });
      if (c > 0) {
        opening.classList.add("sopgen-page-start");
      }
      return { rows: chunk.map(function (index) { return rows[index].getAttribute("data-step"); }),
               masuk: chosen.layout[c].top.length, keluar: chosen.layout[c].bottom.length };
    });
    if (breakBefore) {
      flow.classList.add("sopgen-page-start");
    }
    chosen.crossings.forEach(function (crossing) {
      var arrow = crossing.arrow;
      var second = arrow.cloneNode(false);
      arrow.setAttribute("data-print-to", arrow.getAttribute("data-to"));
      arrow.setAttribute("data-to", crossing.out.key);
      second.removeAttribute("data-label");
      second.setAttribute("data-from", crossing.entry.key);
      second.setAttribute("data-exit", "bottom");
      second.setAttribute("points", "");
      second.classList.add("sopgen-print-arrow");
      svg.insertBefore(second, svg.querySelector("line.sopgen-join, text") || null);
    });
    if (window.sopgenSwimlane) {
      window.sopgenSwimlane.draw(flow);
    }
    // sheetHeight: the sheets `placed` is given in; sopgen_print.js sets the printed one.
    var report = { pageHeight: pageHeight, sheetHeight: pageHeight, header: sizes.header,
                   connectorRow: sizes.connectorRow, breakBefore: breakBefore,
                   sheets: firstSheet + (breakBefore ? 1 : 0) + chosen.chunks.length,
                   tableTop: top, pages: pages, textPx: textSizes(table),
                   columnsMm: columnsAsLaidOut(table),
                   placed: placement(flow, table, svg) };
    flow.sopgenPrintReport = report;
    return report;
  }

  // Each column's laid-out width in mm, by its <col> class (the numbering row has one cell per
  // column): the browser tests compare them with the sheet.
  function columnsAsLaidOut(table) {
    var cols = Array.from(table.querySelectorAll(":scope > colgroup > col"));
    var cells = Array.from(table.querySelectorAll("tr.sopgen-numbering > td"));
    return cells.map(function (cell, index) {
      return { column: cols[index] ? cols[index].className : "?",
               mm: Math.round(cell.getBoundingClientRect().width / MM * 10) / 10 };
    });
  }

  // The smallest font size (CSS px) of each text column's cells: the browser tests check it.
  function textSizes(table) {
    var sizes = {};
    table.querySelectorAll("tbody > tr[data-step] > td:not(.sopgen-lane)").forEach(function (td) {
      var column = td.className.split(/\s+/)[0] || "?";
      var px = parseFloat(getComputedStyle(td).fontSize);
      if (td.textContent.trim() && !(sizes[column] <= px)) {
        sizes[column] = px;
      }
    });
    return sizes;
  }

  // The cells (by default the form's own headings but the actors' names, the column numbers
  // and the step numbers) that a narrow column broke inside a word: a word (between spaces,
  // soft hyphens and after hyphens) whose first and last letters lie on different lines. The browser tests check
  // that there are none.
  function brokenWords(table, selector) {
    var cells = table.querySelectorAll(selector ||
      "thead th:not(.sopgen-actor), tr.sopgen-numbering td, td.sopgen-no");
    var range = document.createRange();
    // A letter's line: the top of its last box (after a soft hyphen's break the letter that
    // follows also owns the hyphen drawn at the end of the line before).
    function lineOf(node, offset) {
      range.setStart(node, offset);
      range.setEnd(node, offset + 1);
      var boxes = range.getClientRects();
      return boxes.length ? Math.round(boxes[boxes.length - 1].top) : null;
    }
    return Array.from(cells).filter(function (cell) {
      var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (var node = walker.nextNode(); node; node = walker.nextNode()) {
        var word = /[^\s\u00ad\u2010-]+[\u2010-]?/g; // a hyphen may end a line: "Seksi-|seksi"
        for (var m = word.exec(node.data); m; m = word.exec(node.data)) {
          if (lineOf(node, m.index) !== lineOf(node, m.index + m[0].length - 1)) {
            return true;
          }
        }
      }
      return false;
    }).map(function (cell) { return cell.textContent.trim(); });
  }

  // Where rows, connectors and arrows ended up, in document px: with printed sheets laid out
  // one below the other, sheet k spans [k * h, (k + 1) * h), h the report's sheetHeight.
  function placement(flow, table, svg) {
    var origin = svg.getBoundingClientRect();
    var dx = window.scrollX;
    var dy = window.scrollY;
    var box = function (element) {
      var r = element.getBoundingClientRect();
      return { left: r.left + dx, right: r.right + dx, top: r.top + dy, bottom: r.bottom + dy };
    };
    var head = box(table.tHead);
    return {
      head: head,
      brokenWords: brokenWords(table),
      brokenNames: brokenWords(table, "thead th.sopgen-actor"),
      rows: rowsOf(table).map(function (tr) {
        var r = box(tr);
        r.step = tr.getAttribute("data-step");
        return r;
      }),
      connectors: Array.from(flow.querySelectorAll(".sopgen-connector")).map(function (c) {
        var r = box(c);
        r.step = c.getAttribute("data-step");
        r.letter = c.getAttribute("data-letter");
        r.target = c.getAttribute("data-target");
        return r;
      }),
      arrows: Array.from(svg.querySelectorAll("polyline.sopgen-arrow")).map(function (arrow) {
        var points = (arrow.getAttribute("points") || "").trim().split(/\s+/).filter(Boolean)
          .map(function (pair) {
            var xy = pair.split(",").map(Number);
            return [xy[0] + origin.left + dx, xy[1] + origin.top + dy];
          });
        var ys = points.map(function (p) { return p[1]; });
        return { from: arrow.getAttribute("data-from"), to: arrow.getAttribute("data-to"),
                 top: Math.min.apply(null, ys), bottom: Math.max.apply(null, ys),
                 points: points };
      })
    };
  }

  function restore(flow) {
    if (!flow.classList.contains("sopgen-paginated")) {
      return;
    }
    flow.querySelectorAll("tr.sopgen-connector-row, tr.sopgen-continued").forEach(function (tr) {
      tr.remove();
    });
    flow.querySelectorAll("td").forEach(function (cell) {
      if (cell.sopgenOriginal) {
        cell.replaceChildren.apply(cell, cell.sopgenOriginal);
        cell.sopgenOriginal = null;
      }
    });
    flow.querySelectorAll(".sopgen-page-start").forEach(function (element) {
      element.classList.remove("sopgen-page-start");
    });
    flow.querySelectorAll("polyline.sopgen-print-arrow").forEach(function (arrow) {
      arrow.remove();
    });
    flow.querySelectorAll("polyline[data-print-to]").forEach(function (arrow) {
      arrow.setAttribute("data-to", arrow.getAttribute("data-print-to"));
      arrow.removeAttribute("data-print-to");
    });
    if (window.sopgenPrintColumns) {
      window.sopgenPrintColumns.clear(flow);
    }
    flow.classList.remove("sopgen-paginated", "sopgen-page-start");
    flow.sopgenPrintReport = null;
    if (window.sopgenSwimlane) {
      window.sopgenSwimlane.draw(flow);
    }
  }

  function flows() {
    return Array.from(document.querySelectorAll("div.sopgen-flow"));
  }

  // The printed sheets: the last table's report decides (nothing printed follows the table).
  function setTotal(reports) {
    var last = (reports || []).filter(Boolean).pop();
    if (last && window.sopgenPaper) {
      window.sopgenPaper.total(last.sheets);
    }
  }

  window.sopgenPrint = {
    paginate: paginate,
    restore: restore,
    paginateAll: function (pageHeight) {
      return flows().map(function (f) { return paginate(f, pageHeight); });
    },
    restoreAll: function () { flows().forEach(restore); },
    flows: flows,
    placement: placement,
    setTotal: setTotal,
    measuredSheet: measuredSheet,
    PAGE_HEIGHT: PAGE_HEIGHT,
    last: null
  };
})();
