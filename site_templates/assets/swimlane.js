/*
 * sopgen swimlane arrows: draws the flowchart arrows of each procedure table from its real layout.
 *
 * The HTML already holds every arrow (polyline.sopgen-arrow[data-from][data-to][data-exit]), label
 * and join line; this script only computes their geometry, in the overlay's CSS px, whenever the
 * layout changes (resize, fonts loaded, print, Material's instant navigation). For print,
 * swimlane_print.js first splits the table into pages joined by off-page connectors.
 *
 * Routing keeps arrows off symbols: symbols sit centred in their cells with padding, so
 * - vertical runs happen only in gutters (strips at the left/right edge of each actor column,
 *   left of every symbol or right of every symbol of that column), or straight down inside one
 *   column when no symbol lies in between;
 * - horizontal runs happen only in the free strip between two rows (below every symbol of the
 *   upper row, above every symbol of the lower one) or inside the source symbol's own cell.
 * Every arrow gets its own track (offset) in each gutter and strip it uses, so none overlap.
 */
(function () {
  "use strict";

  var TRACK = 5; // preferred px between parallel arrows
  var CLEAR = 3; // px kept free around symbols and cell edges

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
    var symbols = new Map(); // key -> {box, boxes, lane, row}
    var trs = table.querySelectorAll("tbody > tr[data-step]");
    trs.forEach(function (tr, rowIndex) {
      var rowBox = boxOf(tr, origin);
      var row = { top: rowBox.top, bottom: rowBox.bottom, symTop: rowBox.bottom,
                  symBottom: rowBox.top, lanes: new Set() };
      tr.querySelectorAll("td.sopgen-lane").forEach(function (cell, laneIndex) {
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
            symbols.set(key, { box: box, boxes: [box], lane: laneIndex, row: rowIndex });
          }
        });
      });
      rows.push(row);
    });
    return { rows: rows, lanes: lanes, symbols: symbols };
  }

  // The free horizontal strip above row `index` (index === rows.length: below the last row).
  function strip(rows, index) {
    var top = index > 0 ? rows[index - 1].symBottom + CLEAR : rows[0].top + 1;
    var bottom = index < rows.length ? rows[index].symTop - CLEAR : rows[index - 1].bottom - 1;
    return { top: top, bottom: Math.max(top, bottom) };
  }

  // The free vertical strip at one side of a lane.
  function gutter(lane, side) {
    if (lane.minLeft === Infinity) {
      return { left: lane.box.left + CLEAR, right: lane.box.right - CLEAR };
    }
    if (side === "west") {
      return { left: lane.box.left + 1, right: Math.max(lane.box.left + 1, lane.minLeft - CLEAR) };
    }
    return { left: Math.min(lane.box.right - 1, lane.maxRight + CLEAR), right: lane.box.right - 1 };
  }

  function clearBelow(layout, source, target) {
    if (target.lane !== source.lane || target.row <= source.row) {
      return false;
    }
    for (var row = source.row + 1; row < target.row; row++) {
      if (layout.rows[row].lanes.has(source.lane)) {
        return false;
      }
    }
    return true;
  }

  // The shape of a route; tracks (exact x/y of shared strips) are filled in afterwards.
  function plan(layout, arrow) {
    var source = layout.symbols.get(arrow.getAttribute("data-from"));
    var target = layout.symbols.get(arrow.getAttribute("data-to"));
    if (!source || !target) {
      return null;
    }
    var exit = arrow.getAttribute("data-exit") || "bottom";
    var route = { arrow: arrow, source: source, target: target, exit: exit,
                  depart: null, gutter: null, arrive: null };
    if (exit === "bottom") {
      if (clearBelow(layout, source, target) && Math.abs(source.box.cx - target.box.cx) < 1) {
        return route; // straight down
      }
      route.depart = { strip: source.row + 1 };
      if (target.row === source.row + 1) {
        return route; // along the strip between the two rows
      }
    }
    var side = exit === "bottom" ? (target.lane < source.lane ? "west" : "east") : exit;
    route.gutter = { lane: source.lane, side: side };
    route.arrive = { strip: target.row };
    return route;
  }

  function assignTracks(layout, routes) {
    var strips = new Map();
    var gutters = new Map();
    function use(map, key, kind, usage) {
      if (!map.has(key)) {
        map.set(key, { first: [], last: [] });
      }
      map.get(key)[kind].push(usage);
    }
    routes.forEach(function (route) {
      if (route.depart) {
        use(strips, route.depart.strip, "first", route.depart);
      }
      if (route.arrive) {
        use(strips, route.arrive.strip, "last", route.arrive);
      }
      if (route.gutter) {
        use(gutters, route.gutter.lane + ":" + route.gutter.side, "first", route.gutter);
      }
    });
    // Departing arrows take the upper tracks, arriving ones the lower: their short vertical
    // pieces in the same column then never lie on top of each other.
    strips.forEach(function (users, index) {
      var s = strip(layout.rows, index);
      var step = Math.min(TRACK, (s.bottom - s.top) / (users.first.length + users.last.length + 1));
      users.first.forEach(function (usage, k) { usage.y = s.top + (k + 1) * step; });
      users.last.forEach(function (usage, k) { usage.y = s.bottom - (k + 1) * step; });
    });
    gutters.forEach(function (users, key) {
      var parts = key.split(":");
      var g = gutter(layout.lanes[Number(parts[0])], parts[1]);
      var step = Math.min(TRACK, (g.right - g.left) / (users.first.length + 1));
      users.first.forEach(function (usage, k) {
        usage.x = parts[1] === "west" ? g.left + (k + 1) * step : g.right - (k + 1) * step;
      });
    });
  }

  function points(route) {
    var s = route.source.box;
    var t = route.target.box;
    var list = [];
    if (route.exit === "east") {
      list.push([s.right, s.cy]);
    } else if (route.exit === "west") {
      list.push([s.left, s.cy]);
    } else {
      list.push([s.cx, s.bottom]);
    }
    if (route.depart) {
      list.push([s.cx, route.depart.y]);
    }
    if (route.gutter) {
      var y = route.depart ? route.depart.y : s.cy;
      list.push([route.gutter.x, y]);
      list.push([route.gutter.x, route.arrive.y]);
      list.push([t.cx, route.arrive.y]);
    } else if (route.depart) {
      list.push([t.cx, route.depart.y]);
    } else {
      // Straight down: centres differ by subpixels at most; keep the line exactly vertical.
      list.push([s.cx, t.top]);
      return list;
    }
    list.push([t.cx, t.top]);
    return list;
  }

  function placeLabel(label, route, start) {
    var x = start[0];
    var y = start[1];
    if (route.exit === "bottom") {
      label.setAttribute("x", round(x + 4));
      label.setAttribute("y", round(y + 11));
      label.setAttribute("text-anchor", "start");
    } else {
      label.setAttribute("x", round(route.exit === "east" ? x + 3 : x - 3));
      label.setAttribute("y", round(y - 4));
      label.setAttribute("text-anchor", route.exit === "east" ? "start" : "end");
    }
  }

  function round(value) {
    return Math.round(value * 100) / 100;
  }

  function drawJoins(svg, layout) {
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
    });
  }

  function draw(flow) {
    var table = flow.querySelector("table.sopgen-procedure");
    var svg = flow.querySelector("svg.sopgen-arrows");
    if (!table || !svg || !table.tBodies.length) {
      return;
    }
    var origin = svg.getBoundingClientRect();
    var layout = measure(table, origin);
    if (!layout.rows.length) {
      return;
    }
    // Labels follow their labelled arrows in document order.
    var labels = Array.from(svg.querySelectorAll("text.sopgen-arrow-label"));
    var routes = [];
    svg.querySelectorAll("polyline.sopgen-arrow").forEach(function (arrow) {
      var label = arrow.hasAttribute("data-label") ? labels.shift() : null;
      var route = plan(layout, arrow);
      if (route) {
        route.label = label;
        routes.push(route);
      } else {
        arrow.setAttribute("points", "");
      }
    });
    assignTracks(layout, routes);
    routes.forEach(function (route) {
      var list = points(route);
      route.arrow.setAttribute("points", list.map(function (p) {
        return round(p[0]) + "," + round(p[1]);
      }).join(" "));
      if (route.label) {
        placeLabel(route.label, route, list[0]);
      }
    });
    drawJoins(svg, layout);
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
