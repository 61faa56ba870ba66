/* Handbook client, reset (hb-reset): remove the answers of a page or of the whole publication in the active
 * assessment, with confirmation and undo. */
(function (HB) {
  "use strict";

  HB.module("hb-reset", function (root) {
    var scope = root.getAttribute("data-scope");
    var start = root.querySelector(".hb-reset__start");
    var confirmBox = root.querySelector(".hb-reset__confirm");
    var done = root.querySelector(".hb-reset__done");
    var snapshot = {};

    /* The answers and notes this control removes, as {key: entry}: of the whole publication, or of this page's
       items. */
    function mine() {
      var keys = [], out = {}, i;
      if (scope === "*") keys = Object.keys(HB.storage.stored(HB.keyFor("")));
      else for (i = 0; i < HB.components.length; i++) if (HB.components[i].key) keys.push(HB.components[i].key);
      for (i = 0; i < keys.length; i++) { var e = HB.storage.load(keys[i]); if (e) out[keys[i]] = e; }
      return out;
    }
    function activeName() { var r = HB.assessments.record(HB.assessments.active()); return r ? r.name : ""; }
    function show(which) {
      start.hidden = which !== "start";
      confirmBox.hidden = which !== "confirm";
      done.hidden = which !== "done";
    }
    root.addEventListener("click", function (e) {
      var action = e.target.getAttribute && e.target.getAttribute("data-action"), k;
      if (action === "ask") {
        var found = mine(), count = 0, answers = 0, notes = 0, flags = 0;
        for (k in found) {
          count++;
          if (HB.answers.isAnswered(found[k].v)) answers++;
          if (found[k].n) notes++;
          if (found[k].f === true) flags++;
        }
        root.querySelector(".hb-reset__question").textContent = count
          ? "Remove " + [HB.plural(answers, "answer"), HB.plural(notes, "note"), HB.plural(flags, "flag")]
            .filter(Boolean).join(" and ") +
            (scope === "*" ? " in the whole toolkit" : " on this page") + " (assessment '" + activeName() + "')?"
          : "There are no answers to remove.";
        root.querySelector('[data-action="reset"]').hidden = !count;
        show("confirm");
        root.querySelector(count ? '[data-action="reset"]' : '[data-action="cancel"]').focus();
      } else if (action === "cancel") {
        show("start");
        start.focus();
      } else if (action === "reset") {
        snapshot = mine();
        for (k in snapshot) HB.storage.save(k, null);
        HB.restoreAll();
        show("done");
        root.querySelector('[data-action="undo"]').focus();
      } else if (action === "undo") {
        for (k in snapshot) HB.storage.save(k, snapshot[k]);
        snapshot = {};
        HB.restoreAll();
        show("start");
        start.focus();
      }
    });
    root.hidden = false;
    show("start");
    return {};
  });
})(window.HB = window.HB || {});
