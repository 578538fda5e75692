/*
 * sopgen swimlane routes, for swimlane.js (loaded before it): the shape of every arrow of a
 * procedure table from its measured layout (symbol boxes, rows, lanes).
 *
 * Routing keeps arrows off symbols: symbols sit centred in their cells with padding, so
 * - vertical runs happen only in gutters (strips at the left/right edge of each actor column,
 *   left of every symbol or right of every symbol of that column), or straight down inside one
 *   column when no symbol lies in between;
 * - horizontal runs happen only in the free strip between two rows (below every symbol of the
 *   upper row, above every symbol of the lower one), inside the source symbol's own cell (a side
 *   exit) or inside the target's own cell (a side entry).
 * Arrows that share a gutter or strip get tracks at least GAP px apart; two arrows share a track
 * only where their stretches are far apart. Where there is too little room for the tracks,
 * assignTracks says how many px are missing where (swimlane.js then pads the cells and measures
 * again). Distinct arrows into one symbol end at distinct entry points: the top centre first,
 * then the side the arrow comes from, then points left/right of the top centre (on a diamond's
 * slanted edge, on a terminator's rounded end).
 */
(function () {
  "use strict";

  var GAP = 7; // px between parallel lines; the browser tests require at least 6
  var CLEAR = 3; // px kept free around symbols and cell edges
  var OFFSET = 9; // px between the entry points on a symbol's top edge

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
    var missing = { strips: new Map(), gutters: new Map(), spare: new Map() };
    var counts = new Map();
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
      var count = colour(users.first, 0);
      counts.set(key, count);
      var step = tracksStep(g.right - g.left, count, missing.gutters, key);
      users.first.forEach(function (usage) {
        usage.x = parts[1] === "west" ? g.left + (usage.track + 1) * step
          : g.right - (usage.track + 1) * step;
      });
    });
    // What each gutter holds beyond its own tracks: swimlane.js moves a lane's symbols into
    // that room before it widens the lane (a wider lane can push the table past its box).
    layout.lanes.forEach(function (lane, index) {
      ["west", "east"].forEach(function (side) {
        var g = gutter(lane, side);
        var key = index + ":" + side;
        var need = ((counts.get(key) || 0) + 1) * GAP;
        missing.spare.set(key, Math.max(0, Math.floor(g.right - g.left - need)));
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

  window.sopgenSwimlaneRoutes = { plan: plan, assignEntries: assignEntries,
                                  assignTracks: assignTracks, points: points, GAP: GAP };
})();
