/*
 * sopgen print pages, the plan of a paginated procedure table: where its sheets break, which
 * arrows cross a break, where their off-page connectors go, and the connector rows that carry
 * them. Used by swimlane_print.js (window.sopgenPrintPlan), which measures the rows and puts
 * the planned rows into the table.
 *
 * Breaks and connectors depend on each other: every sheet keeps rows free for the connectors of
 * the arrows crossing its edges, and which arrows cross depends on the breaks; `plan` goes
 * round until the two agree.
 */
(function () {
  "use strict";

  var SLACK = 3; // px: rounding in the printed layout, kept free on every sheet

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

  /* ---- The connector rows ---- */

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

  window.sopgenPrintPlan = {
    plan: plan,
    connectorRows: connectorRows,
    connector: connector,
    emptyRowLike: emptyRowLike,
    SLACK: SLACK
  };
})();
