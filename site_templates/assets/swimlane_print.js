/*
 * sopgen print pages: a printed procedure table is split into pages joined by off-page connectors.
 *
 * On paper a long table breaks across pages and its header rows repeat; an arrow running from a
 * row on one page to a row on another would cross the page edge and the repeated header. The SOP
 * AP form's answer is the off-page connector (a pentagon), lettered A, B, C ... in pairs. So when
 * the page switches to print media, the layout is the printed one, and this script:
 * - measures the header and every row, and chooses page breaks so that each page's rows, with
 *   the header and room for a connector row at the top and bottom, fit on one page;
 * - adds a connector row at the bottom of a page for every arrow leaving it and at the top of a
 *   page for every arrow entering it (one connector per target step and page, in the lane of the
 *   first arrow's source or of the target), forces the breaks with `break-before: page`;
 * - turns each crossing arrow into two: source -> "out" connector, "in" connector -> target;
 * - lets swimlane.js draw the arrows of the new layout.
 * Back on screen everything is put back as it was. `window.sopgenPrint` exposes paginate and
 * restore (the browser tests call them with a page height of their choice).
 */
(function () {
  "use strict";

  var MM = 96 / 25.4;
  // Height of the printable area when it cannot be measured: A4 landscape (210 mm) less the
  // 10 mm margins that sopgen.css sets with @page, at 96 CSS px per inch.
  var PAGE_HEIGHT = 190 * MM;
  var SLACK = 2; // px: rounding in the printed layout

  // The printed page's height in CSS px. Chromium shrinks a page wider than the paper to fit,
  // which makes the paper taller in CSS px; two forced page breaks measure it exactly. On screen
  // (no pages) the probes touch, and the A4 figure is used.
  function printedPageHeight() {
    var first = document.createElement("div");
    var second = document.createElement("div");
    first.style.cssText = second.style.cssText = "break-before: page; height: 1px; margin: 0;";
    document.body.appendChild(first);
    document.body.appendChild(second);
    var height = second.getBoundingClientRect().top - first.getBoundingClientRect().top;
    first.remove();
    second.remove();
    return height > 100 ? height : PAGE_HEIGHT;
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

  function emptyRowLike(model, kind, chunk) {
    var tr = document.createElement("tr");
    tr.className = "sopgen-connector-row sopgen-connector-" + kind;
    tr.setAttribute("data-step", "sambungan:" + kind + ":" + chunk);
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

  function connector(key, letter, title) {
    var ns = "http://www.w3.org/2000/svg";
    var span = document.createElement("span");
    span.className = "sopgen-symbol sopgen-connector";
    span.setAttribute("data-step", key);
    span.setAttribute("title", title);
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

  // Page breaks: chunks of row indexes, each fitting one page with the header and connector rows.
  function chunkRows(heights, header, connectorRow, firstRoom, pageHeight) {
    var chunks = [];
    var current = [];
    // Two connector rows on the first page too: a loop back from a later page adds an incoming
    // connector row above the first page's rows as well as the outgoing one below them.
    var room = firstRoom - header - 2 * connectorRow;
    heights.forEach(function (height, index) {
      if (current.length && height > room + SLACK) {
        chunks.push(current);
        current = [];
        room = pageHeight - header - 2 * connectorRow;
      }
      current.push(index);
      room -= height;
    });
    if (current.length) {
      chunks.push(current);
    }
    return chunks;
  }

  function paginate(flow, pageHeight) {
    restore(flow);
    var table = flow.querySelector("table.sopgen-procedure");
    var svg = flow.querySelector("svg.sopgen-arrows");
    if (!table || !svg || !table.tHead || !table.tBodies.length) {
      return null;
    }
    pageHeight = pageHeight || printedPageHeight();
    var rows = rowsOf(table);
    if (!rows.length) {
      return null;
    }
    // First the printed form of the flow (a breakable block), then every measurement.
    flow.classList.add("sopgen-paginated");
    var model = rows.find(function (tr) { return !tr.classList.contains("sopgen-end-row"); }) ||
      rows[0];
    // The height of a connector row, measured on a probe (fonts and zoom decide it).
    var probe = emptyRowLike(model, "probe", 0);
    probe.querySelector("td.sopgen-lane").appendChild(connector("sambungan:probe", "A", ""));
    table.tBodies[0].appendChild(probe);
    var connectorRow = heightOf(probe);
    probe.remove();

    var header = heightOf(table.tHead);
    var top = table.getBoundingClientRect().top + window.scrollY;
    var used = ((top % pageHeight) + pageHeight) % pageHeight;
    var heights = rows.map(heightOf);
    var firstRoom = pageHeight - used;
    var breakBefore = false;
    if (heights[0] + header + connectorRow > firstRoom + SLACK && used > 0) {
      breakBefore = true; // not even the first row fits under the header here: start a page
      firstRoom = pageHeight;
    }
    var chunks = chunkRows(heights, header, connectorRow, firstRoom, pageHeight);
    var chunkOf = new Array(rows.length);
    chunks.forEach(function (chunk, c) {
      chunk.forEach(function (index) { chunkOf[index] = c; });
    });

    var places = symbolPlaces(rows);
    var outs = chunks.map(function () { return new Map(); }); // target key -> {lane, key}
    var ins = chunks.map(function () { return new Map(); });
    var letterOf = new Map();
    var crossings = [];
    svg.querySelectorAll("polyline.sopgen-arrow").forEach(function (arrow) {
      var from = places.get(arrow.getAttribute("data-from"));
      var targetKey = arrow.getAttribute("data-to");
      var to = places.get(targetKey);
      if (!from || !to || chunkOf[from.row] === chunkOf[to.row]) {
        return;
      }
      if (!letterOf.has(targetKey)) {
        letterOf.set(targetKey, letters(letterOf.size));
      }
      var out = outs[chunkOf[from.row]];
      if (!out.has(targetKey)) {
        out.set(targetKey, { lane: from.lane, key: "sambungan:keluar:" + chunkOf[from.row] + ":" +
          targetKey });
      }
      var entry = ins[chunkOf[to.row]];
      if (!entry.has(targetKey)) {
        entry.set(targetKey, { lane: to.lane, key: "sambungan:masuk:" + chunkOf[to.row] + ":" +
          targetKey });
      }
      crossings.push({ arrow: arrow, out: out.get(targetKey), entry: entry.get(targetKey) });
    });

    var tbody = table.tBodies[0];
    var pages = chunks.map(function (chunk, c) {
      var first = rows[chunk[0]];
      var last = rows[chunk[chunk.length - 1]];
      var opening = first;
      if (ins[c].size) {
        opening = connectorRowFor(model, "masuk", c, ins[c], letterOf, "Sambungan dari halaman lain");
        tbody.insertBefore(opening, first);
      }
      if (outs[c].size) {
        var closing = connectorRowFor(model, "keluar", c, outs[c], letterOf,
          "Bersambung ke halaman lain");
        tbody.insertBefore(closing, last.nextSibling);
      }
      if (c > 0) {
        opening.classList.add("sopgen-page-start");
      }
      return { rows: chunk.map(function (index) { return rows[index].getAttribute("data-step"); }),
               masuk: Array.from(ins[c].keys()), keluar: Array.from(outs[c].keys()) };
    });
    if (breakBefore) {
      flow.classList.add("sopgen-page-start");
    }
    crossings.forEach(function (crossing) {
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
    var report = { pageHeight: pageHeight, header: header, connectorRow: connectorRow,
                   breakBefore: breakBefore, pages: pages, placed: placement(flow, svg) };
    flow.sopgenPrintReport = report;
    return report;
  }

  // Where rows, connectors and arrows ended up, in document px: with printed pages laid out
  // one below the other, page k spans [k * pageHeight, (k + 1) * pageHeight).
  function placement(flow, svg) {
    var origin = svg.getBoundingClientRect();
    var dy = window.scrollY;
    return {
      rows: Array.from(flow.querySelectorAll("tbody > tr[data-step]")).map(function (tr) {
        var r = tr.getBoundingClientRect();
        return { step: tr.getAttribute("data-step"), top: r.top + dy, bottom: r.bottom + dy };
      }),
      connectors: Array.from(flow.querySelectorAll(".sopgen-connector")).map(function (c) {
        var r = c.getBoundingClientRect();
        return { step: c.getAttribute("data-step"), letter: c.textContent,
                 top: r.top + dy, bottom: r.bottom + dy };
      }),
      arrows: Array.from(svg.querySelectorAll("polyline.sopgen-arrow")).map(function (arrow) {
        var ys = (arrow.getAttribute("points") || "").trim().split(/\s+/).filter(Boolean)
          .map(function (pair) { return Number(pair.split(",")[1]) + origin.top + dy; });
        return { from: arrow.getAttribute("data-from"), to: arrow.getAttribute("data-to"),
                 top: Math.min.apply(null, ys), bottom: Math.max.apply(null, ys),
                 points: ys.length };
      })
    };
  }

  function connectorRowFor(model, kind, chunk, wanted, letterOf, title) {
    var tr = emptyRowLike(model, kind, chunk);
    var lanes = tr.querySelectorAll("td.sopgen-lane");
    wanted.forEach(function (place, targetKey) {
      var letter = letterOf.get(targetKey);
      lanes[place.lane].appendChild(connector(place.key, letter, title + " (" + letter + ")"));
    });
    return tr;
  }

  function restore(flow) {
    if (!flow.classList.contains("sopgen-paginated")) {
      return;
    }
    flow.querySelectorAll("tr.sopgen-connector-row").forEach(function (tr) { tr.remove(); });
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

  window.sopgenPrint = {
    paginate: paginate,
    restore: restore,
    paginateAll: function (pageHeight) { return flows().map(function (f) { return paginate(f, pageHeight); }); },
    restoreAll: function () { flows().forEach(restore); },
    PAGE_HEIGHT: PAGE_HEIGHT,
    last: null
  };

  // The change to print media comes with the printed layout already in place (beforeprint
  // still sees the screen's), so the rows are measured at the width they will have on paper.
  if (window.matchMedia) {
    var media = window.matchMedia("print");
    var listener = function (event) {
      if (event.matches) {
        // Kept after printing: what the last printout did (the browser tests read it).
        window.sopgenPrint.last = window.sopgenPrint.paginateAll();
      } else {
        window.sopgenPrint.restoreAll();
      }
    };
    if (media.addEventListener) {
      media.addEventListener("change", listener);
    } else if (media.addListener) {
      media.addListener(listener);
    }
  }
})();
