/* Handbook client, start: binds the page once every script has registered its components, and listens to the
 * window (bound once; component listeners sit on their roots). */
(function (HB) {
  "use strict";

  /* Another tab changed an answer (restore that one), switched or changed assessments, or cleared storage. */
  window.addEventListener("storage", function (e) {
    if (e.key !== null && e.key.indexOf(HB.FORMAT + "|") === 0) { HB.restoreAll(e.key); return; }
    if (e.key === null || e.key === HB.assessments.ACTIVE || e.key.indexOf(HB.assessments.RECORD) === 0) {
      HB.assessments.forget();
      HB.restoreAll();
    }
  });

  window.addEventListener("beforeprint", function () { HB.each("beforePrint"); });

  /* Going back to a page, the browser shows its controls as they were when it was left: from the back-forward
     cache, or by refilling the form after the script restored it. Answers may have changed since (on another page
     or tab, or by a reset), so read them again once the page is shown. */
  window.addEventListener("pageshow", function () {
    HB.assessments.forget();
    HB.restoreAll();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(HB.initAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", HB.initAll);
  } else {
    HB.initAll();
  }

  window.__hbRestore = function () { HB.restoreAll(); }; /* the benchmark times this */
})(window.HB = window.HB || {});
