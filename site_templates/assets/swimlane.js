/*
 * sopgen swimlane arrows: draws the flowchart arrows of each procedure table from its real layout.
 *
 * The HTML already holds every arrow (polyline.sopgen-arrow[data-from][data-to][data-exit]), label
 * and join line; this script only computes their geometry, in the overlay's CSS px, whenever the
 * layout changes (resize, fonts loaded, print, Material's instant navigation). For print,
 * swimlane_print.js first splits the table into pages joined by off-page connectors;
 * swimlane-labels.js places the decision labels and draws the line hops.
 *
 * Routing keeps arrows off symbols: symbols sit centred in their cells with padding, so
 * - vertical runs happen only in gutters (strips at the left/right edge of each actor column,
 *   left of every symbol or right of every symbol of that column), or straight down inside one
 *   column when no symbol lies in between;
 * - horizontal runs happen only in the free strip between two rows (below every symbol of the
 *   upper row, above every symbol of the lower one), inside the source symbol's own cell (a side
 *   exit) or inside the target's own cell (a side entry).
 * Arrows that share a gutter or strip get tracks at least GAP px apart; two arrows share a track
 * only where their stretches are far apart. Where the table has too little room for the tracks
 * (or a label), the lane cells get more padding and everything is measured again.
 * Distinct arrows into one symbol end at distinct entry points: the top centre first, then the
 * side the arrow comes from, then points left/right of the top centre (not on a diamond).
 */
(function () {
  "use strict";

  var GAP = 7; // px between parallel lines; the browser tests require at least 6
  var CLEAR = 3; // px kept free around symbols and cell edges
  var OFFSET = 9; // px between the entry points on a symbol's top edge
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

  // The free horizontal strip above row `index` (index === rows.length: below the last row).
  function strip(rows, index) {
    var top = index > 0 ? rows[index - 1].symBottom + CLEAR : rows[0].top + 1;
    var bottom = index < rows.length ? rows[index].symTop - CLEAR : rows[index - 1].bottom - 1;
    return { top: top, bottom: Math.max(top, bottom) };
  }

  // The free vertical strip at one side of a lane.
  function gutter(lane, side) {
    if (lane.minLeft === Infinity) {
      var middle = (lane.box.left + lane.box.right) / 2;
      return side === "west" ? { left: lane.box.left + 1, right: middle - CLEAR }
        : { left: middle + CLEAR, right: lane.box.right - 1 };
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

  // The shape of a route; entry points and tracks are filled in afterwards.
  function plan(layout, arrow) {
    var source = layout.symbols.get(arrow.getAttribute("data-from"));
    var target = layout.symbols.get(arrow.getAttribute("data-to"));
    if (!source || !target) {
      return null;
    }
    var exit = arrow.getAttribute("data-exit") || "bottom";
    var route = { arrow: arrow, source: source, target: target, exit: exit, straight: false,
                  depart: null, gutter: null, arrive: null, entry: "top", entryGutter: null };
    if (exit === "bottom") {
      if (clearBelow(layout, source, target) && Math.abs(source.box.cx - target.box.cx) < 1) {
        route.straight = true;
        return route; // straight down
      }
      route.depart = { strip: source.row + 1 };
      if (target.row === source.row + 1) {
        return route; // along the strip between the two rows
      }
    }
    var side = exit === "bottom" ? (target.lane < source.lane ? "west" : "east") : exit;
    route.gutter = { lane: source.lane, side: side };
    return route;
  }

  // The side an arrow reaches its target from: "west", "east" or "top" (from the row above).
  function approach(route) {
    var from = route.gutter ? route.gutter.lane : route.source.lane;
    if (from !== route.target.lane) {
      return from < route.target.lane ? "west" : "east";
    }
    return route.gutter ? route.gutter.side : "top";
  }

  function assignEntries(routes) {
    var exits = new Map();
    var byTarget = new Map();
    routes.forEach(function (route) {
      if (!exits.has(route.source.key)) {
        exits.set(route.source.key, new Set());
      }
      exits.get(route.source.key).add(route.exit);
      if (!byTarget.has(route.target.key)) {
        byTarget.set(route.target.key, []);
      }
      byTarget.get(route.target.key).push(route);
    });
    byTarget.forEach(function (list) {
      var target = list[0].target;
      var used = exits.get(target.key) || new Set();
      var free = { top: true, west: !used.has("west"),
                   east: !used.has("east") && target.boxes.length < 2,
                   "top-west": true, "top-east": true, "top-west2": true, "top-east2": true };
      // Straight arrows first (they need the top centre), then the rest from above, then loops.
      var ordered = list.filter(function (r) { return r.straight; })
        .concat(list.filter(function (r) { return !r.straight && !r.gutter; }))
        .concat(list.filter(function (r) { return r.gutter; }));
      ordered.forEach(function (route) {
        var from = approach(route);
        var near = from === "east" ? "east" : "west";
        var far = near === "east" ? "west" : "east";
        var wishes = route.gutter ? ["top", near, "top-" + near, "top-" + far, far]
          : ["top", "top-" + near, "top-" + far];
        wishes.push("top-" + near + "2", "top-" + far + "2");
        var slot = wishes.find(function (wish) { return free[wish]; }) || "top";
        free[slot] = false;
        route.entry = slot;
        if (route.straight && slot !== "top") {
          route.straight = false;
          route.depart = { strip: route.source.row + 1 };
          route.gutter = { lane: route.source.lane, side: "east" };
        }
        var side = slot === "west" || slot === "east";
        if (side && !(route.gutter.lane === target.lane && route.gutter.side === slot)) {
          route.entryGutter = { lane: target.lane, side: slot };
        }
        if (route.gutter && !(side && !route.entryGutter)) {
          route.arrive = { strip: target.row };
        }
      });
    });
  }

  // Positions along the table, for telling which stretches of tracks overlap: rows and strips
  // vertically (strip i is i, row r is r + 0.5), lanes horizontally (lane l spans l .. l + 1).
  function gutterPos(lane, side) {
    return lane + (side === "west" ? 0.1 : 0.9);
  }

  function entryPos(route) {
    var t = route.target;
    if (route.entry === "west" || route.entry === "east") {
      return gutterPos(t.lane, route.entry);
    }
    return t.lane + 0.5 + offsetOf(route.entry) / OFFSET / 10;
  }

  function offsetOf(entry) {
    var steps = { "top-west": -1, "top-east": 1, "top-west2": -2, "top-east2": 2 };
    return (steps[entry] || 0) * OFFSET;
  }

  // Where a vertical line at `offset` px from the centre meets the top of the symbol's outline.
  function topAt(symbol, offset) {
    var b = symbol.box;
    var half = (b.right - b.left) / 2;
    var d = Math.min(Math.abs(offset), half);
    if (symbol.decision) {
      return b.top + d * ((b.bottom - b.top) / 2) / half;
    }
    var r = (b.bottom - b.top) / 2;
    var flat = half - r;
    if (!symbol.rounded || d <= flat) {
      return b.top;
    }
    return b.top + r - Math.sqrt(Math.max(0, r * r - (d - flat) * (d - flat)));
  }

  function span(a, b) {
    return { lo: Math.min(a, b), hi: Math.max(a, b) };
  }

  // Greedy interval colouring: each usage gets the lowest track where it overlaps nothing.
  function colour(usages, margin) {
    var tracks = [];
    usages.forEach(function (usage) {
      var k = tracks.findIndex(function (taken) {
        return taken.every(function (other) {
          return usage.hi + margin < other.lo || other.hi + margin < usage.lo;
        });
      });
      if (k < 0) {
        k = tracks.length;
        tracks.push([]);
      }
      tracks[k].push(usage);
      usage.track = k;
    });
    return tracks.length;
  }

  function group(map, key) {
    if (!map.has(key)) {
      map.set(key, { first: [], last: [] });
    }
    return map.get(key);
  }

  // Tracks for every strip and gutter; returns the px missing where the room is too small.
  function assignTracks(layout, routes) {
    var strips = new Map();
    var gutters = new Map();
    routes.forEach(function (route) {
      var s = route.source;
      var t = route.target;
      var start = route.gutter ? gutterPos(route.gutter.lane, route.gutter.side) : entryPos(route);
      if (route.depart) {
        route.depart.usage = span(s.lane + 0.5, start);
        group(strips, route.depart.strip).first.push(route.depart.usage);
      }
      if (route.arrive) {
        var end = route.entryGutter ? gutterPos(t.lane, route.entry) : entryPos(route);
        route.arrive.usage = span(start, end);
        route.arrive.usage.outer = route.entryGutter ? 100 : Math.abs(offsetOf(route.entry));
        group(strips, route.arrive.strip).last.push(route.arrive.usage);
      }
      if (route.gutter) {
        var from = route.depart ? route.depart.strip : s.row + 0.5;
        var to = route.arrive ? route.arrive.strip : t.row + 0.5;
        route.gutter.usage = span(from, to);
        group(gutters, route.gutter.lane + ":" + route.gutter.side).first.push(route.gutter.usage);
      }
      if (route.entryGutter) {
        route.entryGutter.usage = span(t.row, t.row + 0.5);
        group(gutters, t.lane + ":" + route.entry).first.push(route.entryGutter.usage);
      }
    });
    var missing = { strips: new Map(), gutters: new Map() };
    strips.forEach(function (users, index) {
      var s = strip(layout.rows, index);
      // Arrivals that end further out from the top centre run nearer the target: they then
      // cross none of the other arrivals into the same symbol.
      users.last.sort(function (a, b) { return b.outer - a.outer || a.lo - b.lo; });
      var count = colour(users.first, 0.3) + colour(users.last, 0.3);
      var step = tracksStep(s.bottom - s.top, count, missing.strips, index);
      users.first.forEach(function (usage) { usage.y = s.top + (usage.track + 1) * step; });
      users.last.forEach(function (usage) { usage.y = s.bottom - (usage.track + 1) * step; });
    });
    gutters.forEach(function (users, key) {
      var parts = key.split(":");
      var g = gutter(layout.lanes[Number(parts[0])], parts[1]);
      users.first.sort(function (a, b) { return a.lo - b.lo || b.hi - a.hi; });
      var step = tracksStep(g.right - g.left, colour(users.first, 0), missing.gutters, key);
      users.first.forEach(function (usage) {
        usage.x = parts[1] === "west" ? g.left + (usage.track + 1) * step
          : g.right - (usage.track + 1) * step;
      });
    });
    return missing;
  }

  function tracksStep(room, count, missing, key) {
    var need = (count + 1) * GAP;
    if (room + 0.5 < need) {
      missing.set(key, need - room);
      return room / (count + 1);
    }
    return GAP;
  }

  function points(route) {
    var s = route.source.box;
    var t = route.target.box;
    var entryX = t.cx + offsetOf(route.entry);
    var entryY = topAt(route.target, offsetOf(route.entry));
    var sideX = route.entry === "west" ? t.left : t.right;
    var list = [];
    if (route.exit === "east") {
      list.push([s.right, s.cy]);
    } else if (route.exit === "west") {
      list.push([s.left, s.cy]);
    } else {
      list.push([s.cx, s.bottom]);
    }
    if (route.straight) {
      // Centres differ by subpixels at most; keep the line exactly vertical.
      list.push([s.cx, t.top]);
      return list;
    }
    var y = s.cy;
    if (route.depart) {
      y = route.depart.usage.y;
      list.push([s.cx, y]);
    }
    if (!route.gutter) {
      list.push([entryX, y], [entryX, entryY]);
      return list;
    }
    var x = route.gutter.usage.x;
    list.push([x, y]);
    if (!route.arrive) {
      list.push([x, t.cy], [sideX, t.cy]); // down (or up) its own gutter into the side
      return list;
    }
    y = route.arrive.usage.y;
    list.push([x, y]);
    if (route.entryGutter) {
      x = route.entryGutter.usage.x;
      list.push([x, y], [x, t.cy], [sideX, t.cy]);
    } else {
      list.push([entryX, y], [entryX, entryY]);
    }
    return list;
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
      grow(room.lanes[Number(parts[0])], parts[1], px);
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
        cell.style.paddingLeft = base[2] + lane.west + "px";
        cell.style.paddingRight = base[3] + lane.east + "px";
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
    for (var pass = 0; pass < PASSES; pass++) {
      var last = frozen || pass === PASSES - 1;
      var origin = svg.getBoundingClientRect();
      var layout = measure(table, origin);
      if (!layout.rows.length) {
        return;
      }
      room = room || newRoom(layout);
      var routes = route(svg, layout);
      var missing = assignTracks(layout, routes);
      if (!last && addRoom(room, missing, [])) {
        applyRoom(layout, room);
        continue;
      }
      routes.forEach(function (r) {
        r.points = points(r);
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

  function route(svg, layout) {
    // Labels follow their labelled arrows in document order.
    var labels = Array.from(svg.querySelectorAll("text.sopgen-arrow-label"));
    var routes = [];
    svg.querySelectorAll("polyline.sopgen-arrow").forEach(function (arrow) {
      var label = arrow.hasAttribute("data-label") ? labels.shift() : null;
      var planned = plan(layout, arrow);
      if (planned) {
        planned.label = label;
        routes.push(planned);
      } else {
        arrow.setAttribute("points", "");
      }
    });
    assignEntries(routes);
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

  window.sopgenSwimlane = { draw: draw, redraw: redrawAll, GAP: GAP };
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
