/* Handbook client, progress (hb-progress and hb-tool-progress): "N of M answered · K indicators selected" over the
 * ids the build lists: questions in data-items, tick boxes in data-selections, counted in the active assessment. */
(function (HB) {
  "use strict";

  function initProgress(root) {
    function ids(name) { return (root.getAttribute(name) || "").split(" ").filter(Boolean); }
    var questions = ids("data-items"), selections = ids("data-selections");
    var pub = root.getAttribute("data-publication") || undefined;
    var one = root.getAttribute("data-noun-one"), other = root.getAttribute("data-noun-other");
    var text = root.querySelector(".hb-progress__text") || root, bar = root.querySelector("progress");
    function count(list) {
      var n = 0;
      for (var i = 0; i < list.length; i++) if (HB.answers.answered(HB.keyFor(list[i], pub))) n++;
      return n;
    }
    root.hidden = false;
    return { update: function () {
      var n = count(questions), parts = [];
      if (questions.length) parts.push(n + " of " + questions.length + " answered");
      if (selections.length) {
        var k = count(selections);
        parts.push(k + (one ? " " + (k === 1 ? one : other) : "") + " selected");
      }
      var said = parts.join(" · ");
      if (text.textContent === said) return; /* a live region: rewritten, it would be read out again */
      text.textContent = said;
      if (bar) {
        bar.max = questions.length;
        bar.value = n;
        bar.textContent = said;
      }
    } };
  }

  HB.module("hb-progress", initProgress);
  HB.module("hb-tool-progress", initProgress);
})(window.HB = window.HB || {});
