/* sopgen form on small screens: says when the procedure table scrolls sideways, and opens the
 * Diagram Alir or a Gantt chart full size in a dialog (a phone shows a 700 px chart at 4 px
 * text otherwise). Re-runs after Material's instant navigation (document$).
 */
(function () {
  "use strict";

  var HINT = "Tabel lebih lebar dari layar: geser ke samping untuk melihat semua kolom " +
    "(kolom No dan Kegiatan tetap terlihat).";

  function updateScroll(box) {
    var wide = box.scrollWidth > box.clientWidth + 1;
    var hint = box.previousElementSibling;
    if (wide && !(hint && hint.classList.contains("sopgen-scroll-hint"))) {
      hint = document.createElement("p");
      hint.className = "sopgen-scroll-hint";
      hint.textContent = HINT;
      box.parentNode.insertBefore(hint, box);
    }
    if (hint && hint.classList.contains("sopgen-scroll-hint")) hint.hidden = !wide;
    if (!wide) {
      box.removeAttribute("data-sopgen-geser");
      box.removeAttribute("tabindex");
      return;
    }
    // A scrolling region must be reachable by keyboard to be scrolled without a mouse.
    box.setAttribute("tabindex", "0");
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Uraian prosedur (dapat digeser)");
    var atEnd = box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
    box.setAttribute("data-sopgen-geser", atEnd ? "akhir" : "ya");
  }

  var observer = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (e) { updateScroll(e.target); });
  }) : null;

  function closeDialog(dialog) {
    dialog.close();
    dialog.remove();
  }

  function openFull(figure, title) {
    var svg = figure.querySelector("svg");
    if (!svg) return;
    var dialog = document.createElement("dialog");
    dialog.className = "sopgen-zoom-dialog";
    dialog.setAttribute("aria-label", title);
    var bar = document.createElement("div");
    bar.className = "sopgen-zoom-bar";
    var name = document.createElement("strong");
    name.textContent = title;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "sopgen-zoom";
    close.textContent = "Tutup ✕";
    close.addEventListener("click", function () { closeDialog(dialog); });
    bar.appendChild(name);
    bar.appendChild(close);
    dialog.appendChild(bar);
    var copy = svg.cloneNode(true);
    // Ids must stay unique on the page: the copy's are prefixed (its own references follow).
    Array.prototype.forEach.call(copy.querySelectorAll("[id]"), function (el) {
      el.id = "zoom-" + el.id;
    });
    copy.removeAttribute("aria-labelledby");
    copy.setAttribute("aria-label", title);
    var box = svg.viewBox && svg.viewBox.baseVal;
    var natural = box && box.width ? box.width : svg.getBoundingClientRect().width;
    // Full size: the drawing's own units as CSS pixels, never narrower than the screen.
    copy.style.width = Math.max(natural * 1.25, window.innerWidth - 16) + "px";
    copy.style.maxWidth = "none";
    dialog.appendChild(copy);
    dialog.addEventListener("close", function () { dialog.remove(); });
    document.body.appendChild(dialog);
    dialog.showModal();
    close.focus();
  }

  function addZoom(figure, title) {
    if (figure.getAttribute("data-sopgen-zoom")) return;
    figure.setAttribute("data-sopgen-zoom", "1");
    if (!figure.querySelector("svg") || typeof HTMLDialogElement === "undefined") return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "sopgen-zoom";
    button.textContent = "⤢ Buka ukuran penuh";
    button.setAttribute("aria-label", "Buka " + title + " dalam ukuran penuh");
    button.addEventListener("click", function () { openFull(figure, title); });
    figure.insertBefore(button, figure.firstChild);
  }

  function mountAll() {
    Array.prototype.forEach.call(document.querySelectorAll(".sopgen-scroll"), function (box) {
      if (box.getAttribute("data-sopgen-diamati")) return;
      box.setAttribute("data-sopgen-diamati", "1");
      box.addEventListener("scroll", function () { updateScroll(box); }, { passive: true });
      if (observer) observer.observe(box);
      updateScroll(box);
    });
    Array.prototype.forEach.call(document.querySelectorAll(".sopgen-diagram"), function (f) {
      addZoom(f, "Diagram Alir");
    });
    // The interactive case's chart is redrawn on every input: it keeps no button of ours.
    var figures = document.querySelectorAll(".sopgen-gantt-figure:not(.sopgen-sim-gantt)");
    Array.prototype.forEach.call(figures, function (f) {
      addZoom(f, f.classList.contains("sopgen-mc-figure") ? "Sebaran kasus acak" :
        "Diagram Gantt");
    });
  }

  window.sopgenForm = { mountAll: mountAll };
  if (!observer) {
    window.addEventListener("resize", function () {
      Array.prototype.forEach.call(document.querySelectorAll(".sopgen-scroll"), updateScroll);
    });
  }
  // Material's instant navigation swaps pages without a load event; it announces them on
  // document$. The page is also mounted on its own load: under file:// with the offline plugin
  // document$ may never emit. Mounting is idempotent (data-sopgen-ready), so both may run.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
