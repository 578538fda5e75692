/*
 * sopgen swimlane arrows: draws the flowchart arrows of each procedure table from its real layout.
 *
 * The HTML already holds every arrow (polyline.sopgen-arrow[data-from][data-to][data-exit]), label
 * and join line; this script only computes their geometry, in the overlay's CSS px, whenever the
 * layout changes (resize, fonts loaded, print, Material's instant navigation). For print,
 * swimlane_print.js first splits the table into pages joined by off-page connectors.
 * The parts, loaded before this file: swimlane-routes.js shapes the routes (gutters, strips,
 * tracks, entry points), swimlane-labels.js draws the line hops and places the decision labels.
 * This file measures the table, asks for the routes, and where the table has too little room
 * for the tracks or a label, pads the lane cells and measures again (at most PASSES times).
 */
(function () {
  "use strict";

  var LABEL_ROOM = 18; // px added around a decision's cell when its label finds no free spot
  var MAX_ROOM = 240; // px: never add more padding than this to one side of a cell
  var PASSES = 5; // measure, route, make room where missing, measure again ...
  var ROOM = "data-sopgen-room";

  function boxOf(element, origin) {
    var r = element.getBoundingClientRect();
    var left = r.left - origin.left;
    var top = r.top - origin.top;
    return {
      left: left,
      top: top,
      right: left + r.width,
      bottom: top + r.height,
      cx: left + r.width / 2,
      cy: top + r.height / 2
    };
  }

  function measure(table, origin) {
    var rows = [];
    var lanes = [];
    var cells = [];
    var symbols = new Map(); // key -> {key, box, boxes, lane, row, decision}
    var trs = table.querySelectorAll("tbody > tr[data-step]");
    trs.forEach(function (tr, rowIndex) {
      var rowBox = boxOf(tr, origin);
      var row = { top: rowBox.top, bottom: rowBox.bottom, symTop: rowBox.bottom,
                  symBottom: rowBox.top, lanes: new Set() };
      var rowCells = Array.from(tr.querySelectorAll("td.sopgen-lane"));
      cells.push(rowCells);
      rowCells.forEach(function (cell, laneIndex) {
        if (rowIndex === 0) {
          lanes.push({ box: boxOf(cell, origin), minLeft: Infinity, maxRight: -Infinity });
        }
        var lane = lanes[laneIndex];
        if (!lane) {
          return;
        }
        // Usually one symbol per cell; a printed page's connector row may hold several.
        cell.querySelectorAll(".sopgen-symbol").forEach(function (element) {
          var box = boxOf(element, origin);
          lane.minLeft = Math.min(lane.minLeft, box.left);
          lane.maxRight = Math.max(lane.maxRight, box.right);
          row.symTop = Math.min(row.symTop, box.top);
          row.symBottom = Math.max(row.symBottom, box.bottom);
          row.lanes.add(laneIndex);
          var key = element.getAttribute("data-step");
          var known = symbols.get(key);
          if (known) {
            known.boxes.push(box);
          } else {
            symbols.set(key, { key: key, box: box, boxes: [box], lane: laneIndex, row: rowIndex,
                               decision: element.classList.contains("sopgen-decision"),
                               rounded: element.classList.contains("sopgen-terminator") });
          }
        });
      });
      rows.push(row);
    });
    return { rows: rows, lanes: lanes, cells: cells, symbols: symbols };
  }

  function round(value) {
    return Math.round(value * 100) / 100;
  }

  function drawJoins(svg, layout) {
    var lines = [];
    svg.querySelectorAll("line.sopgen-join").forEach(function (line) {
      var symbol = layout.symbols.get(line.getAttribute("data-step"));
      var index = Number(line.getAttribute("data-index") || 0);
      if (!symbol || !symbol.boxes[index + 1]) {
        return;
      }
      var a = symbol.boxes[index];
      var b = symbol.boxes[index + 1];
      line.setAttribute("x1", round(a.right));
      line.setAttribute("y1", round(a.cy));
      line.setAttribute("x2", round(b.left));
      line.setAttribute("y2", round(b.cy));
      lines.push([[round(a.right), round(a.cy)], [round(b.left), round(b.cy)]]);
    });
    return lines;
  }

  // Extra padding of the lane cells, so that tracks and labels have room.
  function clearRoom(table) {
    table.querySelectorAll("td[" + ROOM + "]").forEach(function (cell) {
      cell.style.paddingTop = cell.style.paddingBottom = "";
      cell.style.paddingLeft = cell.style.paddingRight = "";
      cell.removeAttribute(ROOM);
    });
  }

  function newRoom(layout) {
    return { rows: layout.rows.map(function () { return { top: 0, bottom: 0 }; }),
             lanes: layout.lanes.map(function () { return { west: 0, east: 0 }; }),
             base: null };
  }

  // Room for what is missing. A lane's gutters are shifted before the lane is widened: a gutter
  // short of room first takes what the other side of its lane holds spare (the symbols move
  // over and the lane keeps its width): the compact form fits a 1280 px laptop by a few px only,
  // and a wider decision lane pushed the table past its box. A label with no free spot gets a
  // taller row and a wider lane.
  function addRoom(room, missing, failed) {
    var grown = false;
    function grow(holder, side, px) {
      var before = holder[side];
      holder[side] = Math.min(MAX_ROOM, before + Math.ceil(px) + 1);
      grown = grown || holder[side] > before;
    }
    missing.strips.forEach(function (px, index) {
      // The strip lies between two rows: both give half.
      if (index > 0) {
        grow(room.rows[index - 1], "bottom", index < room.rows.length ? px / 2 : px);
      }
      if (index < room.rows.length) {
        grow(room.rows[index], "top", index > 0 ? px / 2 : px);
      }
    });
    missing.gutters.forEach(function (px, key) {
      var parts = key.split(":");
      var lane = room.lanes[Number(parts[0])];
      var other = parts[1] === "west" ? "east" : "west";
      var want = Math.ceil(px) + 1;
      var shift = Math.min(want, (missing.spare && missing.spare.get(parts[0] + ":" + other)) || 0);
      if (shift > 0) {
        lane[parts[1]] += shift;
        lane[other] -= shift;
        grown = true;
      }
      if (want > shift) {
        grow(lane, parts[1], want - shift - 1);
      }
    });
    failed.forEach(function (symbol) {
      grow(room.rows[symbol.row], "bottom", LABEL_ROOM);
      grow(room.rows[symbol.row], "top", LABEL_ROOM / 2);
      grow(room.lanes[symbol.lane], "west", LABEL_ROOM);
      grow(room.lanes[symbol.lane], "east", LABEL_ROOM);
    });
    return grown;
  }

  function applyRoom(layout, room) {
    if (!room.base) {
      // Read every cell's own padding before writing any (one style computation).
      room.base = layout.cells.map(function (rowCells) {
        return rowCells.map(function (cell) {
          var style = window.getComputedStyle(cell);
          return [style.paddingTop, style.paddingBottom, style.paddingLeft, style.paddingRight]
            .map(parseFloat);
        });
      });
    }
    layout.cells.forEach(function (rowCells, r) {
      rowCells.forEach(function (cell, l) {
        var base = room.base[r][l];
        var lane = room.lanes[l] || { west: 0, east: 0 };
        cell.style.paddingTop = base[0] + room.rows[r].top + "px";
        cell.style.paddingBottom = base[1] + room.rows[r].bottom + "px";
        // A shifted lane gives up padding on one side; CSS ignores a negative one.
        cell.style.paddingLeft = Math.max(0, base[2] + lane.west) + "px";
        cell.style.paddingRight = Math.max(0, base[3] + lane.east) + "px";
        cell.setAttribute(ROOM, "");
      });
    });
  }

  function draw(flow) {
    var table = flow.querySelector("table.sopgen-procedure");
    var svg = flow.querySelector("svg.sopgen-arrows");
    if (!table || !svg || !table.tBodies.length) {
      return;
    }
    // A paginated (printed) table keeps the room it was measured with: its page breaks depend on
    // it. A hidden table (a closed tab) has no layout to make room in; it is drawn when shown.
    var frozen = flow.classList.contains("sopgen-paginated") || !table.offsetWidth;
    if (!frozen) {
      clearRoom(table);
    }
    var room = null;
    var parts = window.sopgenSwimlaneParts;
    var routing = window.sopgenSwimlaneRoutes;
    if (!routing) {
      return;
    }
    for (var pass = 0; pass < PASSES; pass++) {
      var last = frozen || pass === PASSES - 1;
      var origin = svg.getBoundingClientRect();
      var layout = measure(table, origin);
      if (!layout.rows.length) {
        return;
      }
      room = room || newRoom(layout);
      var routes = route(svg, layout, routing);
      var missing = routing.assignTracks(layout, routes);
      if (!last && addRoom(room, missing, [])) {
        applyRoom(layout, room);
        continue;
      }
      routes.forEach(function (r) {
        r.points = routing.points(r);
        r.arrow.setAttribute("points", r.points.map(function (p) {
          return round(p[0]) + "," + round(p[1]);
        }).join(" "));
      });
      var joins = drawJoins(svg, layout);
      if (!parts) {
        return;
      }
      var hops = parts.drawHops(svg, routes, joins);
      var failed = parts.placeLabels(svg, layout, routes, joins, hops);
      if (!last && failed.length && addRoom(room, { strips: new Map(), gutters: new Map() },
                                              failed)) {
        applyRoom(layout, room);
        continue;
      }
      return;
    }
  }

  function route(svg, layout, routing) {
    // Labels follow their labelled arrows in document order.
    var labels = Array.from(svg.querySelectorAll("text.sopgen-arrow-label"));
    var routes = [];
    svg.querySelectorAll("polyline.sopgen-arrow").forEach(function (arrow) {
      var label = arrow.hasAttribute("data-label") ? labels.shift() : null;
      var planned = routing.plan(layout, arrow);
      if (planned) {
        planned.label = label;
        routes.push(planned);
      } else {
        arrow.setAttribute("points", "");
      }
    });
    routing.assignEntries(routes);
    return routes;
  }

  var observed = new WeakSet();
  var pending = new Set();
  var frame = 0;

  function schedule(flow) {
    pending.add(flow);
    if (!frame) {
      frame = window.requestAnimationFrame(function () {
        frame = 0;
        var flows = Array.from(pending);
        pending.clear();
        flows.forEach(function (f) {
          if (f.isConnected) {
            draw(f);
          }
        });
      });
    }
  }

  var resizeObserver = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var flow = entry.target.closest(".sopgen-flow");
      if (flow) {
        schedule(flow);
      }
    });
  }) : null;

  function allFlows() {
    return Array.from(document.querySelectorAll("div.sopgen-flow"));
  }

  function init() {
    allFlows().forEach(function (flow) {
      draw(flow);
      if (resizeObserver && !observed.has(flow)) {
        observed.add(flow);
        resizeObserver.observe(flow);
        var table = flow.querySelector("table.sopgen-procedure");
        if (table) {
          resizeObserver.observe(table);
        }
      }
    });
  }

  function redrawAll() {
    allFlows().forEach(draw);
  }

  window.sopgenSwimlane = { draw: draw, redraw: redrawAll };
  if (!resizeObserver) {
    window.addEventListener("resize", function () { allFlows().forEach(schedule); });
  }
  window.addEventListener("beforeprint", redrawAll);
  window.addEventListener("afterprint", redrawAll);
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(redrawAll);
  }
  if (document.fonts && document.fonts.addEventListener) {
    document.fonts.addEventListener("loadingdone", redrawAll);
  }
  // Material's instant navigation swaps the page content without reloading scripts.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
