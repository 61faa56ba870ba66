/* Handbook client, answers: each answerable item (hb-answer) shows and keeps its answer, note and "something must
 * be done" flag in the active assessment. An item printed twice has one data-item, so both places keep one answer. */
(function (HB) {
  "use strict";

  function isAnswered(v) {
    return !(v == null || v === "" || v === false || (Array.isArray(v) && !v.length));
  }

  /* The entry stored under key if it holds an answer, else null. */
  function answered(key) { var e = HB.storage.load(key); return e && isAnswered(e.v) ? e : null; }

  /* A textarea prints only its visible part, so print shows this full copy of the note instead. (On screen
     the textarea grows by CSS field-sizing; reading its height here would force a layout per note.) */
  function syncCopy(area) {
    var copy = area.nextElementSibling;
    if (!copy || !copy.classList.contains("hb-print-copy")) {
      copy = document.createElement("div");
      copy.className = "hb-print-copy";
      copy.setAttribute("aria-hidden", "true");
      area.parentNode.insertBefore(copy, area.nextSibling);
    }
    if (copy.textContent !== area.value) copy.textContent = area.value;
  }

  HB.module("hb-answer", function (root) {
    var item = root.getAttribute("data-item"), kind = root.getAttribute("data-kind");
    var hash = root.getAttribute("data-hash"), page = HB.ctx.page, stale = false;
    /* Looked up once: restoring 1,000 answers stays cheap. A text item's textarea is its answer; the others
       carry a note in a disclosure of their own. */
    var els = root.querySelectorAll(kind === "text" ? "textarea" : "input:not(.hb-flag__box)");
    var details = kind === "text" ? null : root.querySelector("details.hb-note");
    var note = details && details.querySelector("textarea"), action = details && details.querySelector(".hb-note__action");
    var box = details && details.querySelector(".hb-flag__box");
    var earlier = root.querySelectorAll(".hb-earlier__wording");
    var noted = null, flagged = false; /* whether a note is shown (null until the first restore), the flag ticked */
    var self = { key: HB.keyFor(item) };

    function read() {
      if (kind === "text") return els[0].value;
      if (kind === "tick") return els[0].checked;
      var out = [];
      for (var i = 0; i < els.length; i++) if (els[i].checked) out.push(els[i].value);
      return kind === "roles" ? out : (out[0] || null);
    }
    function write(v) {
      if (kind === "text") {
        var text = typeof v === "string" ? v : "";
        if (els[0].value !== text) els[0].value = text;
        syncCopy(els[0]);
        return;
      }
      for (var i = 0; i < els.length; i++) {
        var want = kind === "tick" ? v === true
          : Array.isArray(v) ? v.indexOf(els[i].value) >= 0 : els[i].value === v;
        if (els[i].checked !== want) els[i].checked = want; /* writing only changes keeps restore fast */
      }
    }
    /* Flag an answer given to an earlier wording (writing the class only when it changes); show that wording. */
    function flag(entry) {
      var now = isAnswered(entry.v) && !!entry.h && entry.h !== hash, found = false;
      if (now !== stale) root.classList.toggle("hb-item--stale", now);
      stale = now;
      for (var i = 0; i < earlier.length; i++) {
        if (!(earlier[i].hidden = !now || earlier[i].getAttribute("data-hash") !== entry.h)) found = true;
      }
      if (earlier.length) root.classList.toggle("hb-item--earlier", found);
    }
    /* Show a stored note: its disclosure opens (so it is seen and printed) and reads "Note". It is never
       closed here: a reader who opened it to write keeps it open. */
    function writeNote(n, f) {
      var text = typeof n === "string" ? n : "", copy = note.nextElementSibling;
      f = f === true;
      if (note.value !== text) note.value = text;
      if (text || (copy && copy.classList.contains("hb-print-copy"))) syncCopy(note);
      if (box && box.checked !== f) box.checked = f;
      if (f && !flagged) details.open = true;
      flagged = f;
      if (!!text === noted) return;
      noted = !!text;
      if (noted) details.open = true;
      action.textContent = noted ? "Note" : "Add a note";
    }
    /* The key is read again: the active assessment may have changed. */
    self.restore = function () {
      self.key = HB.keyFor(item);
      var entry = HB.storage.load(self.key) || {};
      write(entry.v);
      if (note) writeNote(entry.n, entry.f);
      flag(entry);
    };
    /* Store the answer, the note and the flag (nothing when all are empty). An unchanged answer keeps its hash
       (a note alone does not confirm an answer to an earlier wording) and a merge's `by` and `x`. */
    function store() {
      var v = read(), before = HB.storage.load(self.key), n = note ? note.value : "", f = !!box && box.checked;
      if (!isAnswered(v)) v = null;
      var same = before && JSON.stringify(before.v) === JSON.stringify(v), entry = null;
      if (v !== null || n || f) {
        entry = { v: v, h: same && before.h ? before.h : hash, t: page, at: Date.now() };
        if (n) entry.n = n;
        if (f) entry.f = true;
        if (same) entry.by = before.by, entry.x = before.x;
      }
      HB.storage.save(self.key, entry);
      HB.restoreAll(self.key); /* the same question printed twice on this page shows it at once; updates progress */
    }

    root.addEventListener("change", store);
    root.addEventListener("input", function (e) {
      if (e.target.tagName === "TEXTAREA") { syncCopy(e.target); store(); }
    });
    if (kind !== "text" && kind !== "tick" && kind !== "roles") {
      var clear = document.createElement("button");
      clear.type = "button";
      clear.className = "hb-clear";
      clear.textContent = "Clear answer";
      clear.addEventListener("click", function () { write(null); store(); });
      root.querySelector(".hb-choices").appendChild(clear);
    }
    self.restore();
    return self;
  });

  HB.answers = { isAnswered: isAnswered, answered: answered };
})(window.HB = window.HB || {});
