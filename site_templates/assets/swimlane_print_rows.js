/*
 * sopgen print pages, the parts of the layout that the printer would cut: rows taller than a
 * sheet, and the identity block where it runs onto a second sheet. Used by swimlane_print.js
 * (window.sopgenPrintRows) while it chooses the sheet breaks.
 *
 * A row taller than a sheet is split into the row and continuation rows: in every text cell
 * the words that end below the sheet's room move, whole, to the same cell of a new row (lists
 * keep their numbering); the actor cells of a continuation row stay empty, so the symbol and
 * its arrows stay with the first part. The original cell contents are kept on the cell
 * (`sopgenOriginal`) for swimlane_print.js to put back after printing.
 */
(function () {
  "use strict";

  var SLACK = 3; // px, as in swimlane_print_plan.js

  function heightOf(element) {
    return element.getBoundingClientRect().height;
  }

  function bottomOf(range) {
    var rects = range.getClientRects();
    return rects.length ? rects[rects.length - 1].bottom : 0;
  }

  // The offset of the first character of node.data[start, end) that ends below `limit`
  // (start when the first does): characters before it stay on this sheet.
  function lastCharAbove(node, start, end, limit, range) {
    var low = start;
    var high = end; // chars before `low` fit; the char at `high` (if any) does not
    while (low < high) {
      var middle = Math.floor((low + high) / 2);
      range.setStart(node, middle);
      range.setEnd(node, middle + 1);
      if (bottomOf(range) > limit) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return low;
  }

  // The first word of a cell whose line ends below `limit` (viewport px): [text node, offset].
  function cutPoint(cell, limit) {
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    var range = document.createRange();
    var words = /\S+/g;
    var kept = 0;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      words.lastIndex = 0;
      var match;
      while ((match = words.exec(node.data))) {
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (bottomOf(range) > limit) {
          // A word longer than a sheet (a URL, a long number) is cut between characters.
          var inside = lastCharAbove(node, match.index, match.index + match[0].length, limit,
            range);
          if (inside > match.index) {
            return [node, inside];
          }
          return kept ? [node, match.index] : null; // nothing fits: leave the cell whole
        }
        kept += 1;
      }
    }
    return null;
  }

  // Moves everything of `cell` after the cut into `into` (an empty cell of the next part).
  function splitCell(cell, cut, into) {
    var tail = document.createRange();
    tail.setStart(cut[0], cut[1]);
    tail.setEnd(cell, cell.childNodes.length);
    var moved = tail.extractContents();
    // A list cut inside item k goes on with the same letter on the next sheet.
    var list = moved.querySelector && moved.querySelector("ol");
    var original = cell.querySelector("ol");
    if (list && original) {
      list.setAttribute("start", String(original.children.length));
    }
    into.appendChild(moved);
  }

  // Splits `tr` so that every part is at most `maxHeight` high; returns the added rows.
  function splitTallRow(tr, maxHeight, emptyRowLike) {
    var added = [];
    var part = tr;
    for (var guard = 0; guard < 50 && heightOf(part) > maxHeight + SLACK; guard++) {
      var top = part.getBoundingClientRect().top;
      var next = emptyRowLike(part, part.className + " sopgen-continued",
        tr.getAttribute("data-step") + ":lanjutan:" + (added.length + 1));
      next.classList.remove("sopgen-end-row");
      var moved = false;
      Array.from(part.children).forEach(function (cell, index) {
        if (cell.classList.contains("sopgen-lane")) {
          return;
        }
        var style = getComputedStyle(cell);
        var limit = top + maxHeight - parseFloat(style.paddingBottom) - parseFloat(
          style.borderBottomWidth) - SLACK;
        var cut = cutPoint(cell, limit);
        if (cut) {
          if (!cell.sopgenOriginal) {
            cell.sopgenOriginal = Array.from(cell.childNodes).map(function (n) {
              return n.cloneNode(true);
            });
          }
          splitCell(cell, cut, next.children[index]);
          moved = true;
        }
      });
      if (!moved) {
        break; // nothing left to cut (a single huge word): the browser slices the row
      }
      part.parentNode.insertBefore(next, part.nextSibling);
      added.push(next);
      part = next;
    }
    return added;
  }

  // How far the printer pushes what follows the identity block down: each of its unbreakable
  // parts (the head table, each row of the grid) that would cross a sheet's edge starts the
  // next sheet instead.
  function identityShift(identity, origin, pageHeight) {
    if (!identity.classList.contains("sopgen-identity")) {
      return 0;
    }
    var shift = 0;
    var parts = [identity.querySelector(".sopgen-identity-head")].concat(
      Array.from(identity.querySelectorAll(".sopgen-identity-grid tr")));
    parts.forEach(function (part) {
      if (!part) {
        return;
      }
      var r = part.getBoundingClientRect();
      var top = r.top + window.scrollY - origin + shift;
      var bottom = top + r.height;
      var sheet = Math.floor(top / pageHeight);
      if (r.height < pageHeight && bottom > (sheet + 1) * pageHeight + 0.5) {
        shift += (sheet + 1) * pageHeight - top;
      }
    });
    return shift;
  }

  window.sopgenPrintRows = { splitTallRow: splitTallRow, identityShift: identityShift };
})();
