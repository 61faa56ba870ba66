/* Handbook answers: keeps the answers given in the page on this device, and nowhere else.
 *
 * Progressive enhancement of complete HTML: every question and control is already in the page.
 * Components bind to [data-module="hb-…"] roots; each root is marked data-hb-…-init once bound. A component's
 * state lives in its closure; the components of the page shown are kept in one list, from which those of a page
 * replaced by Material's instant navigation are dropped.
 * Only the storage section (storage, load, save, stored) touches localStorage, always inside try/catch:
 * blocked, full or corrupt storage never stops the page; answers are then kept in memory for the visit.
 * Storage format "hb1": one key per answer, "hb1|<publication>|<assessment>|<item id>", whose value is
 * JSON {v: value or null, n: the item's note (absent when empty), h: hash of the wording answered, t: page id,
 * at: time}. An entry holding only a note is kept but does not count as answered. One key per answer means two
 * tabs never overwrite each other's answers; the storage event keeps other tabs current. An item the publication
 * prints twice is rendered twice with the same data-item, so both places show and keep one answer and note.
 * Progress counts the answered questions among those the build lists in the display's data-items, and the ticked
 * ones among its data-selections.
 */
(function () {
  "use strict";

  var FORMAT = "hb1";
  var ASSESSMENT = "default"; /* one assessment for now; the key keeps a place for named ones */
  var ASIDE = FORMAT + "-unreadable|";
  var problem = "";     /* "", "unavailable", "full" or "unreadable" */
  var ctx = null;       /* {pub, page} of the page shown, or null where nothing is answered */
  var components = [];  /* the bound components of the page shown: {root, key?, restore?, update?} */

  /* ---- storage: the only code that touches localStorage --------------------------------------- */

  var memory = {}; /* key → JSON text (null once removed) that storage, blocked or full, could not keep */
  var probed;      /* the storage found usable (or null) for this page; probed again on every page */

  function storage() {
    if (probed !== undefined) return probed;
    try {
      probed = window.localStorage;
      probed.getItem(FORMAT); /* blocked storage throws here */
    } catch (e) {
      probed = null;
      report("unavailable");
    }
    return probed;
  }

  /* The entry stored under key, or null. An unreadable value is moved aside under another key, never deleted. */
  function load(key) {
    var s = storage(), raw = null;
    if (key in memory) raw = memory[key];
    else if (s) try { raw = s.getItem(key); } catch (e) { /* storage vanished */ }
    if (raw === null) return null;
    try {
      var entry = JSON.parse(raw);
      if (entry && typeof entry === "object" && "v" in entry) return entry;
    } catch (e) { /* unreadable: below */ }
    try {
      s.setItem(ASIDE + key + "|" + Date.now(), raw);
      s.removeItem(key);
    } catch (e) { /* could not move it: leave it where it is */ }
    report("unreadable");
    return null;
  }

  /* Store an entry under key (null removes it); kept in memory when storage cannot take it. */
  function save(key, entry) {
    var raw = entry === null ? null : JSON.stringify(entry), s = storage();
    if (s) {
      try {
        if (raw === null) s.removeItem(key); else s.setItem(key, raw);
        delete memory[key];
        return;
      } catch (e) {
        report("full");
      }
    }
    memory[key] = raw;
  }

  /* Every text stored under keys starting with prefix, as {key: text}, memory included. */
  function stored(prefix) {
    var out = {}, s = storage(), k;
    try {
      for (var i = 0; s && i < s.length; i++) {
        k = s.key(i);
        if (k.indexOf(prefix) === 0) out[k] = s.getItem(k);
      }
    } catch (e) { /* storage vanished: memory only */ }
    for (k in memory) {
      if (k.indexOf(prefix) !== 0) continue;
      if (memory[k] === null) delete out[k]; else out[k] = memory[k];
    }
    return out;
  }

  /* ---- answers ------------------------------------------------------------------------------ */

  function keyFor(item) { return FORMAT + "|" + ctx.pub + "|" + ASSESSMENT + "|" + item; }

  function isAnswered(v) {
    return !(v === null || v === undefined || v === "" || v === false || (Array.isArray(v) && !v.length));
  }

  function answered(key) { var e = load(key); return e && isAnswered(e.v) ? e : null; }

  /* The entry to store for an answer and a note, or null when both are empty. */
  function entryFor(v, note, hash, page) {
    if (!isAnswered(v) && !note) return null;
    var entry = { v: isAnswered(v) ? v : null, h: hash, t: page, at: Date.now() };
    if (note) entry.n = note;
    return entry;
  }

  /* ---- hb-answer: one answerable item --------------------------------------------------- */

  function initAnswer(root) {
    var key = keyFor(root.getAttribute("data-item")), kind = root.getAttribute("data-kind");
    var hash = root.getAttribute("data-hash"), page = ctx.page, stale = false;
    /* Looked up once: restoring 1,000 answers stays cheap. A text item's textarea is its answer; the others
       carry a note in a disclosure of their own. */
    var els = kind === "text" ? root.querySelectorAll("textarea") : root.querySelectorAll("input");
    var details = kind === "text" ? null : root.querySelector("details.hb-note");
    var note = details && details.querySelector("textarea"), action = details && details.querySelector(".hb-note__action");
    var noted = null; /* whether a note is shown; null until the first restore */

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
    /* Mark an answer given to an earlier wording; the class is written only when it changes. */
    function flag(entry) {
      var now = !!entry && isAnswered(entry.v) && !!entry.h && entry.h !== hash;
      if (now !== stale) root.classList.toggle("hb-item--stale", now);
      stale = now;
    }
    /* Show a stored note: its disclosure opens (so it is seen and printed) and reads "Note". It is never
       closed here: a reader who opened it to write keeps it open. */
    function writeNote(n) {
      var text = typeof n === "string" ? n : "";
      if (note.value !== text) note.value = text;
      if (text || note.nextElementSibling) syncCopy(note);
      if (!!text === noted) return;
      noted = !!text;
      if (noted) details.open = true;
      action.textContent = noted ? "Note" : "Add a note";
    }
    function restore() {
      var entry = load(key);
      write(entry ? entry.v : null);
      if (note) writeNote(entry ? entry.n : "");
      flag(entry);
    }
    function store() {
      var v = read(), before = load(key);
      /* A changed note alone does not confirm an answer given to an earlier wording: that answer keeps its hash. */
      var same = before && JSON.stringify(before.v) === JSON.stringify(isAnswered(v) ? v : null);
      var entry = entryFor(v, note ? note.value : "", same && before.h ? before.h : hash, page);
      save(key, entry);
      restoreAll(key); /* the same question printed twice on this page shows the answer at once; updates progress */
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
    restore();
    return { key: key, restore: restore };
  }

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

  /* ---- hb-progress and hb-tool-progress: "N of M answered · K indicators selected" over the ids the build
     lists: questions in data-items, tick boxes in data-selections -------------------------------------- */

  function initProgress(root) {
    function keys(name) {
      return (root.getAttribute(name) || "").split(" ").filter(Boolean).map(keyFor);
    }
    var questions = keys("data-items"), selections = keys("data-selections");
    var one = root.getAttribute("data-noun-one"), other = root.getAttribute("data-noun-other");
    var text = root.querySelector(".hb-progress__text") || root, bar = root.querySelector("progress");
    function count(list) {
      var n = 0;
      for (var i = 0; i < list.length; i++) if (answered(list[i])) n++;
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

  /* "1 note", "2 notes"; "" for none. */
  function plural(n, word) { return n ? n + " " + word + (n === 1 ? "" : "s") : ""; }

  /* ---- hb-reset: remove the answers of a page or of everything, with confirmation and undo --- */

  function initReset(root) {
    var scope = root.getAttribute("data-scope");
    var start = root.querySelector(".hb-reset__start");
    var confirmBox = root.querySelector(".hb-reset__confirm");
    var done = root.querySelector(".hb-reset__done");
    var snapshot = {};

    /* The answers and notes this control removes, as {key: entry}: of the whole publication, or of this page's
       items. */
    function mine() {
      var keys = [], out = {}, i;
      if (scope === "*") keys = Object.keys(stored(keyFor("")));
      else for (i = 0; i < components.length; i++) if (components[i].key) keys.push(components[i].key);
      for (i = 0; i < keys.length; i++) { var e = load(keys[i]); if (e) out[keys[i]] = e; }
      return out;
    }
    function show(which) {
      start.hidden = which !== "start";
      confirmBox.hidden = which !== "confirm";
      done.hidden = which !== "done";
    }
    root.addEventListener("click", function (e) {
      var action = e.target.getAttribute && e.target.getAttribute("data-action"), k;
      if (action === "ask") {
        var found = mine(), count = 0, answers = 0, notes = 0;
        for (k in found) {
          count++;
          if (isAnswered(found[k].v)) answers++;
          if (found[k].n) notes++;
        }
        root.querySelector(".hb-reset__question").textContent = count
          ? "Remove " + [plural(answers, "answer"), plural(notes, "note")].filter(Boolean).join(" and ") +
            (scope === "*" ? " in the whole toolkit?" : " on this page?")
          : "There are no answers to remove.";
        root.querySelector('[data-action="reset"]').hidden = !count;
        show("confirm");
        root.querySelector(count ? '[data-action="reset"]' : '[data-action="cancel"]').focus();
      } else if (action === "cancel") {
        show("start");
        start.focus();
      } else if (action === "reset") {
        snapshot = mine();
        for (k in snapshot) save(k, null);
        restoreAll();
        show("done");
        root.querySelector('[data-action="undo"]').focus();
      } else if (action === "undo") {
        for (k in snapshot) save(k, snapshot[k]);
        snapshot = {};
        restoreAll();
        show("start");
        start.focus();
      }
    });
    root.hidden = false;
    show("start");
    return {};
  }

  /* ---- hb-status: a plain message when answers cannot be kept on the device -------------- */

  var MESSAGES = {
    unavailable: "This browser does not let the handbook store data, so your answers are kept only while this " +
      "tab is open. Download them before you close it.",
    full: "This browser's storage for the handbook is full, so your latest answers are kept only while this " +
      "tab is open. Download them before you close it.",
    unreadable: "Some saved answers could not be read. They have been kept aside in this browser's storage, " +
      "not deleted, and are included when you download your answers."
  };

  function report(kind) {
    if (problem === "unavailable" || problem === "full") { if (kind === "unreadable") return; }
    problem = kind;
    renderStatus();
  }

  function renderStatus() {
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
      box.querySelector("button").addEventListener("click", download);
      article.insertBefore(box, article.firstChild);
    }
    box.querySelector(".hb-status__text").textContent = MESSAGES[problem];
  }

  function download() {
    var out = { format: FORMAT, exported: new Date().toISOString(), answers: stored(FORMAT + "|"),
                unreadable: stored(ASIDE) };
    if (ctx) out.publication = ctx.pub;
    var url = URL.createObjectURL(new Blob([JSON.stringify(out, null, 2)], { type: "application/json" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = "handbook-answers.json";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  /* ---- hb-print and hb-print-all: the date in the print header, and whether print shows unticked items ---- */

  var printAll = false; /* remembered for the visit only: kept across instant navigation, not stored */

  /* Print is prepared (beforePrint) when a page has been set up, so that a PDF made by a headless browser is right,
     and again before printing: answers may have changed since, and the page may have been open since another day. */
  function preparePrint() {
    for (var i = 0; i < components.length; i++) {
      try {
        if (components[i].beforePrint) components[i].beforePrint();
      } catch (e) { if (window.console) console.error("hb-print", e); }
    }
  }

  /* The print header's date. */
  function initPrint(root) {
    var date = root.querySelector(".hb-print-header__date");
    return { beforePrint: function () {
      date.textContent = "Printed " + new Date().toLocaleDateString("en-GB",
        { day: "numeric", month: "long", year: "numeric" });
    } };
  }

  /* Print shows only the ticked items once one is ticked, unless the reader asks for all: handbook.css hides the
     others, also without this script. This marks them for print too, with the sections left with nothing to print
     and the footnotes cited only there. */
  function initPrintAll(root) {
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
  }

  /* ---- wiring ------------------------------------------------------------------------- */

  var MODULES = { "hb-answer": initAnswer, "hb-progress": initProgress, "hb-tool-progress": initProgress,
                  "hb-reset": initReset, "hb-print": initPrint, "hb-print-all": initPrintAll };

  function initAll() {
    probed = undefined;
    var el = document.querySelector("[data-hb-publication]");
    ctx = el ? { pub: el.getAttribute("data-hb-publication"), page: el.getAttribute("data-hb-page") } : null;
    /* Instant navigation replaced the content: the components of the page left go with it. */
    components = components.filter(function (c) { return c.root.isConnected; });
    if (!ctx) return;
    document.documentElement.classList.add("hb-js");
    var roots = document.querySelectorAll("[data-module^='hb-']");
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i], name = root.getAttribute("data-module");
      if (!MODULES[name] || root.hasAttribute("data-" + name + "-init")) continue;
      root.setAttribute("data-" + name + "-init", "");
      try {
        var component = MODULES[name](root);
        component.root = root;
        components.push(component);
      } catch (e) { if (window.console) console.error(name, e); }
    }
    updateAll(); /* counts include the answers just restored */
    preparePrint();
    renderStatus();
  }

  function updateAll() {
    for (var i = 0; i < components.length; i++) if (components[i].update) components[i].update();
  }

  /* Read the answers of the page again (or only key's): after a reset, a change in another tab, the back-forward
     cache. */
  function restoreAll(key) {
    for (var i = 0; i < components.length; i++) {
      var c = components[i];
      if (c.restore && (!key || c.key === key)) c.restore();
    }
    updateAll();
  }

  /* Document and window listeners are bound once; component listeners sit on their roots. */
  window.addEventListener("storage", function (e) {
    if (ctx && (e.key === null || e.key.indexOf(keyFor("")) === 0)) restoreAll(e.key);
  });

  window.addEventListener("beforeprint", preparePrint);

  /* Going back to a page, the browser shows its controls as they were when it was left: from the back-forward
     cache, or by refilling the form after the script restored it. Answers may have changed since (on another page
     or tab, or by a reset), so read them again once the page is shown. */
  window.addEventListener("pageshow", function () {
    if (ctx) restoreAll();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(initAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }

  window.__hbRestore = function () { if (ctx) restoreAll(); }; /* the benchmark times this */
})();
