/*
 * sopgen print controls: the paper (A4 or F4 landscape) and the running head and foot.
 *
 * The paper is an @page rule this script writes; swimlane_print.js then measures the sheet the
 * browser really prints and picks its breaks for it. `?kertas=f4` in the URL chooses F4 (that
 * is how `sopgen pdf --kertas f4` asks), and so does the page's select. The running head (SOP
 * number and name) and foot ("Halaman x dari y") are @page margin boxes: Chromium prints them
 * on every sheet, from the print dialog and in headless PDFs alike; the total is set once the
 * sheets are known. This file also starts and ends the pagination around printing (below).
 */
(function () {
  "use strict";

  var PAPERS = {
    a4: { size: "297mm 210mm", width: 297, height: 210 },
    f4: { size: "330mm 215mm", width: 330, height: 215 }
  };
  var MARGIN = { top: 12, right: 10, bottom: 12, left: 10 }; // mm, as in sopgen_print.css
  var MM = 96 / 25.4;

  // Any text as a CSS string: every character but letters, digits and spaces as an escape, so
  // SOP text can never end the string or the rule.
  function cssString(text) {
    return "\"" + String(text).replace(/[^A-Za-z0-9 ]/gu, function (ch) {
      return "\\" + ch.codePointAt(0).toString(16) + " ";
    }) + "\"";
  }

  var state = { paper: "a4", total: null };

  function pageRule(paper, tools) {
    var head = "";
    if (tools) {
      var nomor = tools.getAttribute("data-nomor") || "";
      var nama = tools.getAttribute("data-nama") || "";
      if (nama.length > 120) {
        nama = nama.slice(0, 119) + "…"; // the head is one line in the margin, not a page
      }
      head = "@top-left { content: " + cssString("SOP " + nomor) + "; font-size: 8pt; " +
        "font-family: sans-serif; vertical-align: bottom; } " +
        "@top-right { content: " + cssString(nama) + "; font-size: 8pt; " +
        "font-family: sans-serif; vertical-align: bottom; } " +
        "@bottom-right { content: \"Halaman \" counter(page) \" dari \" " +
        (state.total ? cssString(String(state.total)) : "counter(pages)") + "; " +
        "font-size: 8pt; font-family: sans-serif; vertical-align: top; }";
    }
    return "@page { size: " + PAPERS[paper].size + "; margin: " + MARGIN.top + "mm " +
      MARGIN.right + "mm " + MARGIN.bottom + "mm " + MARGIN.left + "mm; " + head + " }";
  }

  function setPaper(paper) {
    if (!PAPERS[paper]) {
      paper = "a4";
    }
    var tools = document.querySelector(".sopgen-print-tools");
    var style = document.getElementById("sopgen-kertas");
    if (!style) {
      style = document.createElement("style");
      style.id = "sopgen-kertas";
      document.head.appendChild(style);
    }
    state.paper = paper;
    style.textContent = pageRule(paper, tools);
    document.documentElement.setAttribute("data-sopgen-kertas", paper);
    var select = document.querySelector(".sopgen-print-tools select.sopgen-paper");
    if (select && select.value !== paper) {
      select.value = paper;
    }
    return paper;
  }

  function fromUrl() {
    var match = /[?&]kertas=([a-z0-9]+)/i.exec(window.location.search);
    return match ? match[1].toLowerCase() : null;
  }

  function init() {
    var tools = document.querySelector(".sopgen-print-tools");
    var select = tools && tools.querySelector("select.sopgen-paper");
    var chosen = fromUrl() || (select && select.value) ||
      document.documentElement.getAttribute("data-sopgen-kertas") || "a4";
    setPaper(chosen);
    if (!tools || tools.sopgenWired) {
      return;
    }
    tools.sopgenWired = true;
    if (select) {
      select.addEventListener("change", function () { setPaper(select.value); });
    }
    var button = tools.querySelector(".sopgen-print-button");
    if (button) {
      button.addEventListener("click", function () { window.print(); });
    }
  }

  // Chromium counts the sheets for counter(pages) before swimlane_print.js has paginated the
  // table, so the "dari y" of the foot would be the unpaginated count: once the sheets are
  // known, the foot gets the number itself (null: back to the counter).
  function setTotal(total) {
    state.total = total;
    setPaper(state.paper);
  }

  // The printable area of one sheet of the chosen paper, in CSS px.
  function sheet() {
    var paper = PAPERS[state.paper];
    return { paper: state.paper,
             width: (paper.width - MARGIN.left - MARGIN.right) * MM,
             height: (paper.height - MARGIN.top - MARGIN.bottom) * MM };
  }

  window.sopgenPaper = { set: setPaper, total: setTotal, sheet: sheet, PAPERS: PAPERS };

  // swimlane_print.js (loaded after this file) does the pagination.
  function pagination() {
    return window.sopgenPrint;
  }

  // Printing: on `beforeprint` (still on screen) the page takes the printed layout
  // (html.sopgen-printing at the sheet's width) and the breaks are chosen for the sheet height
  // of the chosen paper: Chromium counts the sheets before print media listeners run, so
  // changes made later would be cut off. When print media arrives, the geometry is measured
  // again in the real printed layout and the arrows redrawn there; after printing,
  // everything is put back.
  function beforePrint() {
    if (!pagination()) {
      return;
    }
    var area = sheet();
    var root = document.documentElement;
    root.style.setProperty("--sopgen-sheet-width", area.width + "px");
    root.classList.add("sopgen-printing");
    pagination().last = pagination().paginateAll(area.height);
    pagination().setTotal(pagination().last);
  }

  function inPrint() {
    if (!pagination()) {
      return;
    }
    if (!document.documentElement.classList.contains("sopgen-printing")) {
      // No beforeprint came: paginate in the printed layout as measured now.
      pagination().last = pagination().paginateAll();
      pagination().setTotal(pagination().last);
      return;
    }
    (pagination().last || []).forEach(function (report, index) {
      var flow = pagination().flows()[index];
      if (report && flow) {
        // The arrow overlay is one box that the sheets slice: its arrows are redrawn in the
        // printed layout, where each sheet's rows sit below that sheet's repeated header.
        if (window.sopgenSwimlane) {
          window.sopgenSwimlane.draw(flow);
        }
        // The breaks were chosen for the paper's printable height; Chromium's printed sheet is
        // up to a px taller (A4: 704 px, not 702.99), so in the printed layout sheet k starts
        // at k times the measured sheet: with the planned height the offset grows a px a sheet.
        report.sheetHeight = pagination().measuredSheet() || report.pageHeight;
        report.screenPlaced = report.placed;
        report.placed = pagination().placement(flow, flow.querySelector("table.sopgen-procedure"),
          flow.querySelector("svg.sopgen-arrows"));
        report.printed = true;
        // The sheets as printed: more than planned only when the printer had to cut what no
        // break could hold (an identity block taller than a sheet, a word wider than a page).
        var bottom = Math.max.apply(null, report.placed.rows.map(function (r) {
          return r.bottom;
        }));
        var sheets = Math.floor((bottom - 1) / report.sheetHeight) + 1;
        if (sheets > report.sheets) {
          report.sheets = sheets;
          setTotal(sheets);
        }
      }
    });
  }

  function afterPrint() {
    var root = document.documentElement;
    if (!pagination()) {
      return;
    }
    if (!root.classList.contains("sopgen-printing") && !pagination().flows().some(function (f) {
      return f.classList.contains("sopgen-paginated");
    })) {
      return;
    }
    root.classList.remove("sopgen-printing");
    root.style.removeProperty("--sopgen-sheet-width");
    pagination().restoreAll();
    setTotal(null);
  }

  window.addEventListener("beforeprint", beforePrint);
  window.addEventListener("afterprint", afterPrint);
  if (window.matchMedia) {
    var media = window.matchMedia("print");
    // Only a change back from print media ends printing: Chromium 156 also reports a change
    // to "not print" right after `beforeprint` (the page's styles changed, the media did not),
    // which would undo the pagination before the printed layout arrives.
    var printMedia = false;
    var listener = function (event) {
      if (event.matches) {
        printMedia = true;
        inPrint();
      } else if (printMedia) {
        printMedia = false;
        afterPrint();
      }
    };
    if (media.addEventListener) {
      media.addEventListener("change", listener);
    } else if (media.addListener) {
      media.addListener(listener);
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
