/* Handbook client, status: a plain message when answers cannot be kept on the device, with a download of
 * everything stored (unreadable records included) so that nothing typed is lost. Loaded only when storage fails
 * (HB.problem in core.js). */
(function (HB) {
  "use strict";

  var problem = ""; /* "", "unavailable", "full" or "unreadable" */

  var MESSAGES = {
    unavailable: "This browser does not let the handbook store data, so your answers are kept only while this " +
      "tab is open. Download them before you close it.",
    full: "This browser's storage for the handbook is full, so your latest answers are kept only while this " +
      "tab is open. Download them before you close it.",
    unreadable: "Some saved answers could not be read. They have been kept aside in this browser's storage, " +
      "not deleted, and are included when you download your answers."
  };

  function report(kind) {
    if ((problem === "unavailable" || problem === "full") && kind === "unreadable") return;
    problem = kind;
    render();
  }

  function render() {
    if (!problem) return;
    var article = document.querySelector("article") || document.body;
    var box = document.getElementById("hb-status");
    if (!box) {
      box = document.createElement("div");
      box.id = "hb-status";
      box.className = "admonition warning hb-status";
      box.setAttribute("role", "status");
      box.innerHTML = '<p class="admonition-title">Your answers</p><p class="hb-status__text"></p>' +
        '<p><button type="button" class="md-button hb-status__download">Download my answers (JSON)</button></p>';
      box.querySelector("button").addEventListener("click", rescue);
      article.insertBefore(box, article.firstChild);
    }
    box.querySelector(".hb-status__text").textContent = MESSAGES[problem];
  }

  /* Everything stored, as stored: the rescue when storage fails. */
  function rescue() {
    var out = { format: HB.FORMAT, exported: new Date().toISOString(), answers: HB.storage.stored(HB.FORMAT + "|"),
                unreadable: HB.storage.stored(HB.storage.ASIDE) };
    if (HB.ctx && HB.ctx.pub) out.publication = HB.ctx.pub;
    HB.offer(JSON.stringify(out, null, 2), "handbook-answers.json", "application/json");
  }

  HB.status = { report: report, render: render };
  /* Loaded because storage failed (core.js, HB.problem): report what did. */
  var pending = HB.pending || [];
  HB.pending = [];
  for (var i = 0; i < pending.length; i++) report(pending[i]);
})(window.HB = window.HB || {});
