/*
 * sopgen swimlane labels and line hops, for swimlane.js (loaded before it; it calls these parts).
 *
 * - Line hops: where a horizontal line (an arrow's or a shared step's join line) crosses a
 *   vertical arrow, the horizontal one jumps over it with a small arc, so a reader sees that the
 *   lines cross and do not meet.
 * - Decision labels ("Ya", "Tidak", custom labels) are shown in full, wrapped to the width of a
 *   lane when long, on a background halo, and placed beside their own arrow, close to where it
 *   leaves the decision, at the first spot (searched along the arrow, on both sides) where the
 *   label overlaps no symbol, line, hop, arrowhead or other label and stays inside the lanes
 *   (so never over the text of the other columns). A label with no free spot is reported back:
 *   swimlane.js then gives its row more room and draws again.
 */
(function () {
  "use strict";

  var NS = "http://www.w3.org/2000/svg";
  var LINE = 14; // px between the lines of a wrapped label (the font is 12 px, sopgen.css)
  var HALO = 2; // px of background around a label
  var BESIDE = 4; // px between a label and its own line
  var REACH = 160; // px along its arrow within which a label must sit
  var STEP = 3; // px between the positions tried
  var HOP = 3.5; // radius of a line hop
  var HEAD = 6; // px around an arrow's end kept free (the arrowhead)
  var NEAR = 60; // px around an arrow's start searched when no spot beside it is free

  function hits(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function around(x1, y1, x2, y2, d) {
    return { left: Math.min(x1, x2) - d, right: Math.max(x1, x2) + d,
             top: Math.min(y1, y2) - d, bottom: Math.max(y1, y2) + d };
  }

  function segments(lines) {
    var all = [];
    lines.forEach(function (line) {
      for (var i = 0; i + 1 < line.points.length; i++) {
        var a = line.points[i];
        var b = line.points[i + 1];
        all.push({ owner: line.owner, a: a, b: b, vertical: Math.abs(a[0] - b[0]) < 0.5,
                   horizontal: Math.abs(a[1] - b[1]) < 0.5 });
      }
    });
    return all;
  }

  function allLines(routes, joins) {
    return routes.map(function (r, i) { return { owner: "a" + i, points: r.points }; })
      .concat(joins.map(function (points, i) { return { owner: "j" + i, points: points }; }));
  }

  function path(parent, d, className) {
    var element = document.createElementNS(NS, "path");
    element.setAttribute("d", d);
    element.setAttribute("class", className);
    parent.appendChild(element);
  }

  function r2(value) {
    return Math.round(value * 100) / 100;
  }

  // Every crossing of a horizontal and a vertical line of two different owners gets a hop.
  function drawHops(svg, routes, joins) {
    var layer = svg.querySelector("g.sopgen-hops");
    if (!layer) {
      layer = document.createElementNS(NS, "g");
      layer.setAttribute("class", "sopgen-hops");
      svg.appendChild(layer);
    }
    while (layer.firstChild) {
      layer.removeChild(layer.firstChild);
    }
    var all = segments(allLines(routes, joins));
    var across = all.filter(function (s) { return s.horizontal && !s.vertical; });
    var down = all.filter(function (s) { return s.vertical && !s.horizontal; });
    var boxes = [];
    across.forEach(function (h) {
      var y = h.a[1];
      var left = Math.min(h.a[0], h.b[0]);
      var right = Math.max(h.a[0], h.b[0]);
      down.forEach(function (v) {
        var x = v.a[0];
        var top = Math.min(v.a[1], v.b[1]);
        var bottom = Math.max(v.a[1], v.b[1]);
        if (v.owner === h.owner || !(x > left + 1 && x < right - 1 && y > top + 1 &&
                                     y < bottom - 1)) {
          return;
        }
        var hop = document.createElementNS(NS, "g");
        hop.setAttribute("class", "sopgen-hop");
        hop.setAttribute("data-x", r2(x));
        hop.setAttribute("data-y", r2(y));
        // Blank the horizontal line under the arc, leave the vertical one whole, draw the arc.
        path(hop, "M" + r2(x - HOP - 1) + "," + r2(y) + "H" + r2(x + HOP + 1), "sopgen-hop-gap");
        path(hop, "M" + r2(x) + "," + r2(y - HOP - 1.5) + "V" + r2(y + HOP + 1.5),
             "sopgen-hop-line");
        path(hop, "M" + r2(x - HOP) + "," + r2(y) + "A" + HOP + "," + HOP + " 0 0 1 " +
             r2(x + HOP) + "," + r2(y), "sopgen-hop-line");
        layer.appendChild(hop);
        boxes.push({ left: x - HOP - 1.5, right: x + HOP + 1.5, top: y - HOP - 2,
                     bottom: y + HOP + 2 });
      });
    });
    return boxes;
  }

  // Text widths from a canvas in the label's font: measuring SVG text instead would lay out the
  // whole page again after every change, which costs seconds on a long table.
  function measurer(text) {
    var context = document.createElement("canvas").getContext("2d");
    var style = window.getComputedStyle(text);
    context.font = [style.fontStyle, style.fontWeight, style.fontSize, style.fontFamily].join(" ");
    var metrics = context.measureText("Mg");
    var size = parseFloat(style.fontSize) || 12;
    return {
      width: function (line) { return context.measureText(line).width; },
      ascent: metrics.fontBoundingBoxAscent || 0.95 * size,
      descent: metrics.fontBoundingBoxDescent || 0.25 * size
    };
  }

  // The label's full text in lines no wider than `width` (a longer single word keeps its line).
  function wrap(label, width, measure) {
    var lines = [];
    var current = "";
    label.split(/\s+/).filter(Boolean).forEach(function (word) {
      var trial = current ? current + " " + word : word;
      if (current && measure.width(trial) > width) {
        lines.push(current);
        current = word;
      } else {
        current = trial;
      }
    });
    lines.push(current);
    var widest = Math.max.apply(null, lines.map(measure.width));
    return { lines: lines, width: widest + 1,
             height: (lines.length - 1) * LINE + measure.ascent + measure.descent + 1 };
  }

  function writeLines(text, size, left, top, ascent) {
    Array.from(text.childNodes).forEach(function (node) {
      if (node.nodeName !== "title") {
        text.removeChild(node);
      }
    });
    text.setAttribute("x", r2(left));
    text.setAttribute("y", r2(top + ascent));
    size.lines.forEach(function (line, index) {
      var tspan = document.createElementNS(NS, "tspan");
      tspan.textContent = line;
      tspan.setAttribute("x", r2(left));
      if (index) {
        tspan.setAttribute("dy", LINE);
      }
      text.appendChild(tspan);
    });
  }

  // Spots beside the arrow, nearest to where it leaves the decision first.
  function spots(points, size) {
    var list = [];
    var walked = 0;
    for (var i = 0; i + 1 < points.length && walked <= REACH; i++) {
      var a = points[i];
      var b = points[i + 1];
      var vertical = Math.abs(a[0] - b[0]) < 0.5;
      var length = vertical ? Math.abs(b[1] - a[1]) : Math.abs(b[0] - a[0]);
      var sign = (vertical ? b[1] - a[1] : b[0] - a[0]) < 0 ? -1 : 1;
      for (var d = 0; d <= length && walked + d <= REACH; d += STEP) {
        var cost = walked + d;
        if (vertical) {
          var y = a[1] + sign * d;
          var top = sign > 0 ? y : y - size.height;
          list.push({ left: a[0] + BESIDE, top: top, cost: cost });
          list.push({ left: a[0] - BESIDE - size.width, top: top, cost: cost + 1 });
        } else {
          var x = a[0] + sign * d;
          var left = sign > 0 ? x : x - size.width;
          list.push({ left: left, top: a[1] - BESIDE - size.height, cost: cost });
          list.push({ left: left, top: a[1] + BESIDE, cost: cost + 1 });
        }
      }
      walked += length;
    }
    return list.sort(function (p, q) { return p.cost - q.cost; });
  }

  function halo(text) {
    var rect = text.previousElementSibling;
    if (!rect || rect.getAttribute("class") !== "sopgen-label-halo") {
      rect = document.createElementNS(NS, "rect");
      rect.setAttribute("class", "sopgen-label-halo");
      text.parentNode.insertBefore(rect, text);
    }
    return rect;
  }

  // Spots near the arrow's first stretch, for when none beside it is free: a grid around it.
  function nearby(points, size) {
    var list = [];
    var a = points[0];
    var b = points[Math.min(1, points.length - 1)];
    var near = around(a[0], a[1], b[0], b[1], 0);
    for (var dy = -NEAR; dy <= NEAR; dy += STEP) {
      for (var dx = -2 * NEAR; dx <= 2 * NEAR; dx += STEP) {
        var box = { left: a[0] + dx, top: a[1] + dy };
        box.right = box.left + size.width;
        box.bottom = box.top + size.height;
        var gapX = Math.max(0, near.left - box.right, box.left - near.right);
        var gapY = Math.max(0, near.top - box.bottom, box.top - near.bottom);
        list.push({ left: box.left, top: box.top, cost: REACH + 4 * (gapX + gapY) });
      }
    }
    return list.sort(function (p, q) { return p.cost - q.cost; });
  }

  function choose(list, size, obstacles, bounds, best) {
    list.some(function (spot) {
      if (spot.cost >= best.score) {
        return true;
      }
      var box = { left: spot.left - HALO, top: spot.top - HALO,
                  right: spot.left + size.width + HALO, bottom: spot.top + size.height + HALO };
      var outside = box.left < bounds.left || box.right > bounds.right ||
        box.top < bounds.top || box.bottom > bounds.bottom;
      var overlaps = outside ? 1 : 0;
      for (var i = 0; i < obstacles.length && overlaps < 1; i++) {
        if (hits(box, obstacles[i])) {
          overlaps += 1;
        }
      }
      if (overlaps && best.fallback && spot.cost + 1000 < best.fallback.score) {
        best.fallback = { spot: spot, box: box, size: size, score: spot.cost + 1000 };
      }
      if (!overlaps) {
        best.found = { spot: spot, box: box, size: size };
        best.score = spot.cost;
        return true;
      }
      return false;
    });
  }

  // Places every label; returns the decisions whose label found no free spot beside its arrow.
  function placeLabels(svg, layout, routes, joins, hops) {
    var lanes = layout.lanes;
    var rows = layout.rows;
    var bounds = { left: lanes[0].box.left + 1, right: lanes[lanes.length - 1].box.right - 1,
                   top: rows[0].top + 1, bottom: rows[rows.length - 1].bottom - 1 };
    var lane = Math.min.apply(null, lanes.map(function (l) { return l.box.right - l.box.left; }));
    // Wrapped to a lane's width first; narrower or wider when that finds a free spot nearer.
    var widths = [Math.max(40, lane - 12), Math.max(40, 2 * lane - 12), Math.max(30, lane / 2)];
    var obstacles = hops.slice();
    layout.symbols.forEach(function (symbol) {
      symbol.boxes.forEach(function (box) { obstacles.push(around(box.left, box.top, box.right,
                                                                  box.bottom, 1)); });
    });
    segments(allLines(routes, joins)).forEach(function (s) {
      obstacles.push(around(s.a[0], s.a[1], s.b[0], s.b[1], 1));
    });
    routes.forEach(function (r) {
      var end = r.points[r.points.length - 1];
      obstacles.push(around(end[0], end[1], end[0], end[1], HEAD));
    });
    var failed = [];
    var measure = null;
    routes.forEach(function (r) {
      if (!r.label) {
        return;
      }
      measure = measure || measurer(r.label);
      var text = r.arrow.getAttribute("data-label") || "";
      var best = { found: null, score: Infinity, fallback: { score: Infinity } };
      var sizes = widths.map(function (width) { return wrap(text, width, measure); });
      sizes.forEach(function (size, index) {
        choose(spots(r.points, size).map(function (spot) {
          spot.cost += index * 12; // the lane's width is the usual look
          return spot;
        }), size, obstacles, bounds, best);
      });
      if (!best.found) {
        sizes.forEach(function (size) {
          choose(nearby(r.points, size), size, obstacles, bounds, best);
        });
      }
      var chosen = best.found || best.fallback;
      if (!best.found || best.score >= REACH) {
        failed.push(r.source); // nowhere free beside its arrow: its cell needs more room
      }
      if (!chosen.spot) {
        return;
      }
      writeLines(r.label, chosen.size, chosen.spot.left, chosen.spot.top, measure.ascent);
      var rect = halo(r.label);
      rect.setAttribute("x", r2(chosen.box.left));
      rect.setAttribute("y", r2(chosen.box.top));
      rect.setAttribute("width", r2(chosen.box.right - chosen.box.left));
      rect.setAttribute("height", r2(chosen.box.bottom - chosen.box.top));
      rect.setAttribute("rx", "2");
      obstacles.push(chosen.box);
    });
    return failed;
  }

  window.sopgenSwimlaneParts = { drawHops: drawHops, placeLabels: placeLabels };
  if (window.sopgenSwimlane) {
    window.sopgenSwimlane.redraw();
  }
})();
