/* Handbook answers: keeps the answers given in the page on this device, and nowhere else.
 *
 * Progressive enhancement of complete HTML: every question and control is already in the page.
 * Components bind to [data-module="hb-…"] roots; each root is marked data-hb-…-init once bound.
 * Only the storage functions (storage, parse, load, save, entries, restoreRaw, download) touch localStorage,
 * always inside try/catch: blocked, full or corrupt storage never stops the page.
 * Storage format "hb1": one key per answer, "hb1|<publication>|<assessment>|<item id>", whose value is
 * JSON {v: value, h: hash of the wording answered, t: page id, at: time}. One key per answer means two
 * tabs never overwrite each other's answers; the storage event keeps other tabs current.
 */
(function () {
  "use strict";

  var FORMAT = "hb1";
  var ASSESSMENT = "default"; /* one assessment for now; the key keeps a place for named ones */
  var ASIDE = FORMAT + "-unreadable|";
  var memory = {};   /* answers not (yet) in localStorage: storage blocked or full */
  var problem = "";  /* "", "unavailable", "full" or "unreadable" */

  /* ---- storage ---------------------------------------------------------------------------- */

  var probed; /* the storage found usable (or null) for this page; probed again on every page */

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

  function keyFor(pub, item) { return FORMAT + "|" + pub + "|" + ASSESSMENT + "|" + item; }

  function parse(key, raw) {
    if (raw === null || raw === undefined) return null;
    try {
      var entry = JSON.parse(raw);
      if (entry && typeof entry === "object" && "v" in entry) return entry;
    } catch (e) { /* handled below */ }
    /* Unreadable: keep it aside under another key, never delete it. */
    var s = storage();
    try {
      s.setItem(ASIDE + key + "|" + Date.now(), raw);
      s.removeItem(key);
    } catch (e) { /* could not move it: leave it where it is */ }
    report("unreadable");
    return null;
  }

  function load(key) {
    if (key in memory) return memory[key];
    var s = storage();
    if (!s) return null;
    try { return parse(key, s.getItem(key)); } catch (e) { return null; }
  }

  function save(key, entry) {
    var s = storage();
    if (s) {
      try {
        if (entry === null) s.removeItem(key); else s.setItem(key, JSON.stringify(entry));
        delete memory[key];
        return;
      } catch (e) {
        report("full");
      }
    }
    memory[key] = entry;
  }

  /* Every stored answer of a publication as {key: raw JSON text} (memory ones included). */
  function entries(pub) {
    var prefix = keyFor(pub, ""), out = {}, s = storage(), k;
    if (s) {
      try {
        for (var i = 0; i < s.length; i++) {
          k = s.key(i);
          if (k && k.indexOf(prefix) === 0) out[k] = s.getItem(k);
        }
      } catch (e) { /* storage vanished: memory only */ }
    }
    for (k in memory) {
      if (k.indexOf(prefix) === 0) {
        if (memory[k] === null) delete out[k]; else out[k] = JSON.stringify(memory[k]);
      }
    }
    return out;
  }

  /* The stored answers of one page of a publication, or of all its pages ("*"), as {key: raw JSON text}. */
  function answersOf(pub, page) {
    var all = entries(pub), out = {};
    for (var k in all) {
      var e = null;
      try { e = JSON.parse(all[k]); } catch (err) { continue; } /* unreadable: load() keeps it aside */
      if (e && (page === "*" || e.t === page) && isAnswered(e.v)) out[k] = all[k];
    }
    return out;
  }

  function restoreRaw(key, raw) {
    var s = storage();
    if (s) {
      try { s.setItem(key, raw); delete memory[key]; return; } catch (e) { report("full"); }
    }
    memory[key] = JSON.parse(raw);
  }

  /* ---- page context ---------------------------------------------------------------------- */

  function context() {
    var el = document.querySelector("[data-hb-publication]");
    return el ? { pub: el.getAttribute("data-hb-publication"), page: el.getAttribute("data-hb-page") } : null;
  }

  function changed() { document.dispatchEvent(new CustomEvent("hb:change")); }

  /* ---- hb-answer: one answerable item --------------------------------------------------- */

  function isAnswered(v) {
    return !(v === null || v === undefined || v === "" || v === false || (Array.isArray(v) && !v.length));
  }

  function inputs(root) { /* looked up once per root: restoring 1,000 answers must stay cheap */
    return root._hbInputs || (root._hbInputs = root.querySelectorAll("input, textarea"));
  }

  function kindOf(root) { return root._hbKind || (root._hbKind = root.getAttribute("data-kind")); }

  function readValue(root) {
    var kind = kindOf(root), els = inputs(root);
    if (kind === "text") return els[0].value;
    if (kind === "tick") return els[0].checked;
    var out = [];
    for (var i = 0; i < els.length; i++) if (els[i].checked) out.push(els[i].value);
    return kind === "roles" ? out : (out[0] || null);
  }

  function writeValue(root, v) {
    var kind = kindOf(root), els = inputs(root);
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

  /* Remember whether the item is answered (progress counts these flags, not the controls) and mark an
     answer given to an earlier wording. Classes are written only when they change. */
  function mark(root, entry) {
    root._hbAnswered = !!entry && isAnswered(entry.v);
    var stale = root._hbAnswered && !!entry.h && entry.h !== root.getAttribute("data-hash");
    if (!!root._hbStale !== stale) root.classList.toggle("hb-item--stale", stale);
    root._hbStale = stale;
  }

  function restoreItem(root, ctx) {
    var entry = load(root._hbKey || (root._hbKey = keyFor(ctx.pub, root.getAttribute("data-item"))));
    writeValue(root, entry ? entry.v : null);
    mark(root, entry);
  }

  function initAnswer(root, ctx) {
    var item = root.getAttribute("data-item"), kind = root.getAttribute("data-kind");
    root._hbRetired = root.classList.contains("hb-item--retired"); /* kept, but not counted in progress */
    function store() {
      var v = readValue(root);
      var entry = isAnswered(v) ? { v: v, h: root.getAttribute("data-hash"), t: ctx.page, at: Date.now() } : null;
      save(keyFor(ctx.pub, item), entry);
      mark(root, entry);
      changed();
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
      clear.addEventListener("click", function () { writeValue(root, null); store(); });
      root.querySelector(".hb-choices").appendChild(clear);
    }
    restoreItem(root, ctx);
  }

  /* ---- hb-progress: "N of M answered" on a tool page ------------------------------------- */

  function initProgress(root) {
    var text = root.querySelector(".hb-progress__text"), bar = root.querySelector("progress");
    function update() {
      var items = document.querySelectorAll('[data-module="hb-answer"]'), n = 0;
      var total = +root.getAttribute("data-total");
      for (var i = 0; i < items.length; i++) if (items[i]._hbAnswered && !items[i]._hbRetired) n++;
      text.textContent = n + " of " + total + " answered";
      bar.max = total;
      bar.value = n;
      bar.textContent = text.textContent;
    }
    root.hidden = false;
    root._hbUpdate = update;
    update();
  }

  /* ---- hb-tool-progress: answers per tool (and overall) on the publication overview ------- */

  function initToolProgress(root, ctx) {
    root._hbUpdate = function () {
      var total = +root.getAttribute("data-total");
      var n = Object.keys(answersOf(ctx.pub, root.getAttribute("data-page"))).length;
      root.textContent = Math.min(n, total) + " of " + total + " answered";
    };
    root.hidden = false;
    root._hbUpdate();
  }

  /* ---- hb-reset: remove the answers of a page or of everything, with confirmation and undo --- */

  function initReset(root, ctx) {
    var scope = root.getAttribute("data-scope");
    var start = root.querySelector(".hb-reset__start");
    var confirmBox = root.querySelector(".hb-reset__confirm");
    var done = root.querySelector(".hb-reset__done");
    var snapshot = {};

    function mine() { return answersOf(ctx.pub, scope); }
    function show(which) {
      start.hidden = which !== "start";
      confirmBox.hidden = which !== "confirm";
      done.hidden = which !== "done";
    }
    function refresh() {
      var roots = document.querySelectorAll('[data-module="hb-answer"]');
      for (var i = 0; i < roots.length; i++) restoreItem(roots[i], ctx);
      changed();
    }
    root.addEventListener("click", function (e) {
      var action = e.target.getAttribute && e.target.getAttribute("data-action");
      if (action === "ask") {
        var count = Object.keys(mine()).length;
        root.querySelector(".hb-reset__question").textContent = count
          ? "Remove " + count + (count === 1 ? " answer" : " answers") + (scope === "*" ? " in the whole toolkit?" : " on this page?")
          : "There are no answers to remove.";
        root.querySelector('[data-action="reset"]').hidden = !count;
        show("confirm");
        root.querySelector(count ? '[data-action="reset"]' : '[data-action="cancel"]').focus();
      } else if (action === "cancel") {
        show("start");
        start.focus();
      } else if (action === "reset") {
        snapshot = mine();
        for (var k in snapshot) save(k, null);
        refresh();
        show("done");
        root.querySelector('[data-action="undo"]').focus();
      } else if (action === "undo") {
        for (var key in snapshot) restoreRaw(key, snapshot[key]);
        snapshot = {};
        refresh();
        show("start");
        start.focus();
      }
    });
    root.hidden = false;
    show("start");
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
    var ctx = context(), out = { format: FORMAT, exported: new Date().toISOString(), answers: {}, unreadable: {} };
    var s = storage(), k;
    if (s) {
      try {
        for (var i = 0; i < s.length; i++) {
          k = s.key(i);
          if (k && k.indexOf(FORMAT + "|") === 0) out.answers[k] = s.getItem(k);
          if (k && k.indexOf(ASIDE) === 0) out.unreadable[k] = s.getItem(k);
        }
      } catch (e) { /* memory below */ }
    }
    for (k in memory) out.answers[k] = memory[k] === null ? null : JSON.stringify(memory[k]);
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

  /* ---- wiring ------------------------------------------------------------------------- */

  var MODULES = { "hb-answer": initAnswer, "hb-progress": initProgress, "hb-tool-progress": initToolProgress,
                  "hb-reset": initReset };

  function initAll() {
    probed = undefined;
    var ctx = context();
    if (!ctx) return;
    document.documentElement.classList.add("hb-js");
    var roots = document.querySelectorAll("[data-module^='hb-']");
    for (var i = 0; i < roots.length; i++) {
      var root = roots[i], name = root.getAttribute("data-module");
      if (!MODULES[name] || root.hasAttribute("data-" + name + "-init")) continue;
      root.setAttribute("data-" + name + "-init", "");
      try { MODULES[name](root, ctx); } catch (e) { if (window.console) console.error(name, e); }
    }
    updateAll(); /* counts include the answers just restored */
    renderStatus();
  }

  function updateAll() {
    var roots = document.querySelectorAll("[data-module^='hb-']");
    for (var i = 0; i < roots.length; i++) if (roots[i]._hbUpdate) roots[i]._hbUpdate();
  }

  /* Document and window listeners are bound once; component listeners sit on their roots. */
  document.addEventListener("hb:change", updateAll);
  window.addEventListener("storage", function (e) {
    var ctx = context();
    if (!ctx || (e.key !== null && e.key.indexOf(keyFor(ctx.pub, "")) !== 0)) return;
    var roots = document.querySelectorAll("[data-hb-answer-init]");
    for (var i = 0; i < roots.length; i++) {
      if (e.key === null || keyFor(ctx.pub, roots[i].getAttribute("data-item")) === e.key) restoreItem(roots[i], ctx);
    }
    updateAll();
  });

  /* A page restored from the back-forward cache shows the controls as they were when it was left; answers
     may have changed since (on another page or tab), so read them again. */
  window.addEventListener("pageshow", function (e) {
    if (e.persisted) window.__hbRestore();
  });

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(initAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }

  /* Restore every answer of the page again (after the back-forward cache; the benchmark times it). */
  window.__hbRestore = function () {
    var ctx = context(), roots = document.querySelectorAll('[data-module="hb-answer"]');
    if (!ctx) return;
    for (var i = 0; i < roots.length; i++) restoreItem(roots[i], ctx);
    updateAll();
  };
})();
