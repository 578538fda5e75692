/*
 * sopgen print pages: a printed procedure table is split into sheets joined by off-page connectors.
 *
 * On paper a long table breaks across sheets and its header rows repeat; an arrow running from a
 * row on one sheet to a row on another would cross the sheet edge and the repeated header. The
 * SOP AP form's answer is the off-page connector (a pentagon), lettered A, B, C ... in pairs. So
 * when the page switches to print media (the layout is then the printed one, at the width and
 * sheet height of the chosen paper), this script:
 * - splits a row taller than a sheet into a row and continuation rows (swimlane_print_rows.js:
 *   the text cells' words are cut where the sheet ends; the symbol stays in the first part);
 * - chooses the breaks so that each sheet's rows, with the repeated header and its connector
 *   rows, fit one sheet (the first sheet: below the identity block);
 * - gives every arrow that crosses a break its own letter: an "out" connector at the bottom of
 *   the source's sheet and an "in" connector at the top of the target's sheet (loops back to an
 *   earlier sheet too), each in a cell of its own (its own lane when free, else the nearest free
 *   lane, else one more connector row), so connectors are never stacked;
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
  var SLACK = 3; // px: rounding in the printed layout, kept free on every sheet

  // The printed sheet's height in CSS px, measured with forced page breaks (Chromium shrinks a
  // page wider than the paper, which makes the sheet taller in CSS px, and its sheet is not
  // exactly the paper's printable height: 704 px for A4's 702.99, 722 px for F4's 721.89). The first probe does not always start a sheet, so the
  // distance between the second and third is taken. On screen (no pages) the probes touch:
  // null.
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

  function letters(index) {
    var text = "";
    index += 1;
    while (index > 0) {
      var digit = (index - 1) % 26;
      text = String.fromCharCode(65 + digit) + text;
      index = Math.floor((index - 1) / 26);
    }
    return text;
  }

  function rowsOf(table) {
    return Array.from(table.querySelectorAll("tbody > tr[data-step]"));
  }

  function heightOf(element) {
    return element.getBoundingClientRect().height;
  }

  // Where each step's arrows attach: the first symbol with that key, its row and its lane.
  function symbolPlaces(rows) {
    var places = new Map();
    rows.forEach(function (tr, rowIndex) {
      tr.querySelectorAll("td.sopgen-lane").forEach(function (cell, laneIndex) {
        cell.querySelectorAll(".sopgen-symbol").forEach(function (symbol) {
          var key = symbol.getAttribute("data-step");
          if (!places.has(key)) {
            places.set(key, { row: rowIndex, lane: laneIndex });
          }
        });
      });
    });
    return places;
  }

  function emptyRowLike(model, className, step) {
    var tr = document.createElement("tr");
    tr.className = className;
    tr.setAttribute("data-step", step);
    Array.from(model.children).forEach(function (cell) {
      var td = document.createElement("td");
      td.className = cell.className;
      if (cell.hasAttribute("data-actor")) {
        td.setAttribute("data-actor", cell.getAttribute("data-actor"));
      }
      tr.appendChild(td);
    });
    return tr;
  }

  function connector(key, letter, target, title) {
    var ns = "http://www.w3.org/2000/svg";
    var span = document.createElement("span");
    span.className = "sopgen-symbol sopgen-connector";
    span.setAttribute("data-step", key);
    span.setAttribute("data-letter", letter);
    span.setAttribute("data-target", target);
    span.setAttribute("title", title + " (" + letter + ")");
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "sopgen-pentagon");
    svg.setAttribute("viewBox", "0 0 40 40");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    var polygon = document.createElementNS(ns, "polygon");
    polygon.setAttribute("points", "1,1 39,1 39,26 20,39 1,26");
    svg.appendChild(polygon);
    span.appendChild(svg);
    var label = document.createElement("span");
    label.className = "sopgen-symbol-label";
    label.textContent = letter;
    span.appendChild(label);
    return span;
  }

  /* ---- Breaks and connectors ---- */

  // Chunks of row indexes; `reserve(c)` = connector rows kept free at the top and bottom of
  // sheet c.
  function chunkRows(heights, header, connectorRow, firstRoom, pageHeight, reserve) {
    var chunks = [];
    var current = [];
    var spare = function (c) { return (reserve(c).top + reserve(c).bottom) * connectorRow; };
    var room = firstRoom - header - spare(0);
    heights.forEach(function (height, index) {
      if (current.length && height > room - SLACK) {
        chunks.push(current);
        current = [];
        room = pageHeight - header - spare(chunks.length);
      }
      current.push(index);
      room -= height;
    });
    if (current.length) {
      chunks.push(current);
    }
    return chunks;
  }

  // Cells for the connectors of one side of a sheet: [[{lane, ...}], ...] one list per row,
  // each lane at most once per row.
  function placeConnectors(wanted, laneCount) {
    var rows = [];
    wanted.forEach(function (item) {
      for (var r = 0; r <= rows.length; r++) {
        if (r === rows.length) {
          rows.push(new Map());
        }
        var taken = rows[r];
        // Own lane, else the nearest free one of this row.
        for (var d = 0; d < laneCount; d++) {
          var candidates = d === 0 ? [item.lane] : [item.lane - d, item.lane + d];
          for (var k = 0; k < candidates.length; k++) {
            var lane = candidates[k];
            if (lane >= 0 && lane < laneCount && !taken.has(lane)) {
              taken.set(lane, item);
              item.place = lane;
              return;
            }
          }
        }
      }
    });
    return rows;
  }

  function crossingsOf(svg, places, chunkOf) {
    var crossings = [];
    svg.querySelectorAll("polyline.sopgen-arrow").forEach(function (arrow) {
      var from = places.get(arrow.getAttribute("data-from"));
      var to = places.get(arrow.getAttribute("data-to"));
      if (from && to && chunkOf[from.row] !== chunkOf[to.row]) {
        crossings.push({ arrow: arrow, from: from, to: to, fromChunk: chunkOf[from.row],
                         toChunk: chunkOf[to.row] });
      }
    });
    return crossings;
  }

  function plan(rows, svg, heights, sizes, firstRoom) {
    var reserves = [];
    var reserve = function (c) { return reserves[c] || { top: c > 0 ? 1 : 0, bottom: 1 }; };
    var places = symbolPlaces(rows);
    var laneCount = rows[0].querySelectorAll("td.sopgen-lane").length;
    var best = null;
    for (var round = 0; ; round++) {
      var chunks = chunkRows(heights, sizes.header, sizes.connectorRow, firstRoom,
        sizes.pageHeight, reserve);
      var chunkOf = new Array(rows.length);
      chunks.forEach(function (chunk, c) {
        chunk.forEach(function (index) { chunkOf[index] = c; });
      });
      var crossings = crossingsOf(svg, places, chunkOf);
      var outs = chunks.map(function () { return []; });
      var ins = chunks.map(function () { return []; });
      crossings.forEach(function (crossing, n) {
        crossing.letter = letters(n);
        crossing.out = { lane: crossing.from.lane, letter: crossing.letter };
        crossing.entry = { lane: crossing.to.lane, letter: crossing.letter };
        outs[crossing.fromChunk].push(crossing.out);
        ins[crossing.toChunk].push(crossing.entry);
      });
      var layout = chunks.map(function (chunk, c) {
        return { top: placeConnectors(ins[c], laneCount),
                 bottom: placeConnectors(outs[c], laneCount) };
      });
      // Reserves follow the needs of the last layout (so a sheet keeps no connector row it
      // does not use) until a layout fits them exactly; after four rounds they only grow, which
      // settles. The last layout that fits its reserves is kept.
      var fits = true;
      var exact = true;
      var next = [];
      layout.forEach(function (sides, c) {
        var had = reserve(c);
        var need = { top: sides.top.length, bottom: sides.bottom.length };
        fits = fits && need.top <= had.top && need.bottom <= had.bottom;
        exact = exact && need.top === had.top && need.bottom === had.bottom;
        next[c] = round < 4 ? need : { top: Math.max(had.top, need.top),
                                       bottom: Math.max(had.bottom, need.bottom) };
      });
      var current = { chunks: chunks, crossings: crossings, layout: layout };
      if (fits) {
        best = current;
      }
      if ((fits && exact) || round >= 8) {
        return best || current;
      }
      reserves = next;
    }
  }

  function connectorRows(model, kind, c, placed, title) {
    return placed.map(function (cells, r) {
      var tr = emptyRowLike(model, "sopgen-connector-row sopgen-connector-" + kind,
        "sambungan:" + kind + ":" + c + ":" + r);
      var lanes = tr.querySelectorAll("td.sopgen-lane");
      cells.forEach(function (item, lane) {
        item.key = "sambungan:" + kind + ":" + c + ":" + item.letter;
        lanes[lane].appendChild(connector(item.key, item.letter, item.target, title));
      });
      return tr;
    });
  }

  function paginate(flow, pageHeight) {
    restore(flow);
    var table = flow.querySelector("table.sopgen-procedure");
    var svg = flow.querySelector("svg.sopgen-arrows");
    if (!table || !svg || !table.tHead || !table.tBodies.length || !rowsOf(table).length) {
      return null;
    }
    pageHeight = pageHeight || printedPageHeight();
    // First the printed form of the flow (a breakable block), then every measurement.
    flow.classList.add("sopgen-paginated");
    var tbody = table.tBodies[0];
    var model = rowsOf(table).find(function (tr) {
      return !tr.classList.contains("sopgen-end-row");
    }) || rowsOf(table)[0];
    var probe = emptyRowLike(model, "sopgen-connector-row", "sambungan:probe");
    probe.querySelector("td.sopgen-lane").appendChild(connector("sambungan:probe", "A", "", ""));
    tbody.appendChild(probe);
    var sizes = { pageHeight: pageHeight, header: heightOf(table.tHead),
                  connectorRow: heightOf(probe) };
    probe.remove();

    var tallest = pageHeight - sizes.header - 4 * sizes.connectorRow;
    var parts = window.sopgenPrintRows;
    if (parts) {
      rowsOf(table).forEach(function (tr) { parts.splitTallRow(tr, tallest, emptyRowLike); });
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
    if (used > 0 && heights[0] + sizes.header + 2 * sizes.connectorRow > firstRoom + SLACK) {
      breakBefore = true; // not even the first row fits under the header here: a new sheet
      firstRoom = pageHeight;
    }
    var chosen = plan(rows, svg, heights, sizes, firstRoom);
    chosen.crossings.forEach(function (crossing) {
      crossing.out.target = crossing.entry.target = crossing.arrow.getAttribute("data-to");
    });
    var pages = chosen.chunks.map(function (chunk, c) {
      var first = rows[chunk[0]];
      var last = rows[chunk[chunk.length - 1]];
      var opening = first;
      connectorRows(model, "masuk", c, chosen.layout[c].top, "Sambungan dari halaman lain")
        .forEach(function (tr) {
          tbody.insertBefore(tr, first);
          if (opening === first) {
            opening = tr;
          }
        });
      var after = last.nextSibling;
      connectorRows(model, "keluar", c, chosen.layout[c].bottom, "Bersambung ke halaman lain")
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
                   placed: placement(flow, table, svg) };
    flow.sopgenPrintReport = report;
    return report;
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

  // The form's own words and numbers that a narrow column broke inside a word (a cell whose
  // text takes more lines than it has words and soft-hyphenated parts): the headings but the
  // actors' names, the column numbers, the step numbers. The browser tests check that there
  // are none.
  function brokenWords(table) {
    var cells = table.querySelectorAll(
      "thead th:not(.sopgen-actor), tr.sopgen-numbering td, td.sopgen-no");
    return Array.from(cells).filter(function (cell) {
      var words = cell.textContent.trim().split(/[\s\u00ad]+/).filter(Boolean).length;
      var range = document.createRange();
      range.selectNodeContents(cell);
      var tops = new Set(Array.from(range.getClientRects()).map(function (r) {
        return Math.round(r.top);
      }));
      return words > 0 && tops.size > words;
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
