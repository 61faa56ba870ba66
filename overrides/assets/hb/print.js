/* Handbook client, print (hb-print, hb-print-all): the print header's date, and whether unticked items print.
 * Prepared (beforePrint) once the page is set up, for a headless PDF, and again before printing. */
(function (HB) {
  "use strict";

  var printAll = false; /* remembered for the visit only: kept across instant navigation, not stored */

  /* The print header's date. */
  HB.module("hb-print", function (root) {
    var date = root.querySelector(".hb-print-header__date");
    return { beforePrint: function () {
      date.textContent = "Printed " + HB.day();
    } };
  });

  /* Print shows only the ticked items once one is ticked, unless the reader asks for all: handbook.css hides the
     others, also without this script. This marks them for print too, with the sections left with nothing to print
     and the footnotes cited only there. */
  HB.module("hb-print-all", function (root) {
    var box = root.querySelector("input"), article = root.closest("article");
    box.checked = printAll;

    function shown(item) { return !!item.querySelector("input:checked, .hb-note .hb-print-copy:not(:empty)"); }
    /* A section runs to the next heading of its level or above. It is left out when it holds ticks and nothing
       else to print: any other question keeps it. One pass, with the sections open at each point on a stack. */
    function mark() {
      var kids = article.children, n = kids.length, skip = [], open = [], i, j;
      var on = !printAll && !!article.querySelector(".hb-item--tick input:checked");
      function close(level, end) {
        while (open.length && open[open.length - 1].level >= level) {
          var s = open.pop();
          if (s.ticks && !s.keep) for (j = s.start; j < end; j++) skip[j] = true;
        }
      }
      for (i = 0; on && i < n; i++) {
        var el = kids[i], heading = /^H([2-6])$/.exec(el.tagName);
        if (heading) {
          close(+heading[1], i);
          open.push({ level: +heading[1], start: i, ticks: 0, keep: 0 });
        } else if (el.classList.contains("hb-item")) {
          var unticked = el.classList.contains("hb-item--tick") && !shown(el);
          if (unticked) skip[i] = true;
          for (j = 0; j < open.length; j++) { if (unticked) open[j].ticks += 1; else open[j].keep += 1; }
        }
      }
      close(0, n);
      for (i = 0; i < n; i++) if (kids[i].classList.contains("hb-print-skip") !== !!skip[i]) {
        kids[i].classList.toggle("hb-print-skip", !!skip[i]);
      }
      markFootnotes(on);
    }
    /* A footnote is left out when every place citing it is. */
    function markFootnotes(on) {
      var notes = article.querySelectorAll(".footnote li"), kept = 0;
      for (var i = 0; i < notes.length; i++) {
        var refs = notes[i].querySelectorAll(".footnote-backref"), cited = !on;
        for (var j = 0; j < refs.length && !cited; j++) {
          var ref = document.getElementById(decodeURIComponent(refs[j].hash.slice(1)));
          cited = !ref || !ref.closest(".hb-print-skip");
        }
        notes[i].classList.toggle("hb-print-skip", !cited);
        if (cited) kept += 1;
      }
      var list = article.querySelector(".footnote");
      if (list) list.classList.toggle("hb-print-skip", !kept);
    }
    root.addEventListener("change", function () { printAll = box.checked; mark(); });
    /* Marked again as soon as a tick changes: a PDF made by a headless browser sees no beforeprint. */
    article.addEventListener("change", function (e) { if (e.target.closest(".hb-item--tick")) mark(); });
    return { beforePrint: mark };
  });

})(window.HB = window.HB || {});
