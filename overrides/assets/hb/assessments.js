/* Handbook client, assessments: the named assessments answers go into, and which one is active (records and keys:
 * README.md, "The client"). */
(function (HB) {
  "use strict";

  var RECORD = HB.FORMAT + "-assessment|", ACTIVE = HB.FORMAT + "-active", MAX_NAME = 120;
  var current = null; /* the active id, read once per page and change */

  function isRecord(r) { return !!r && typeof r === "object" && typeof r.name === "string"; }

  /* "3 March 2027": the day of when, or today. */
  HB.day = function (when) {
    var d = new Date(when === undefined ? Date.now() : when);
    return isNaN(d) ? "" : d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
  };

  /* Every assessment as [{id, name, created}], oldest first. */
  function list() {
    var out = [], found = HB.storage.stored(RECORD);
    for (var key in found) {
      var id = key.slice(RECORD.length), r = HB.storage.read(key, isRecord);
      if (r) out.push({ id: id, name: r.name, created: r.created || "" });
    }
    out.sort(function (a, b) { return a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1; });
    return out;
  }

  function record(id) { return HB.storage.read(RECORD + id, isRecord); }

  function newId() {
    return "a" + Date.now().toString(36) + Math.floor(Math.random() * 1679616).toString(36);
  }

  function make(name, id, when) {
    HB.storage.write(RECORD + (id = id || newId()), { name: name, created: when || new Date().toISOString() });
    return id;
  }
  /* Create an assessment named name (created when, or now); return its id. */
  function create(name, when) {
    var id = make(name, 0, when);
    HB.restoreAll();
    return id;
  }

  /* name if free, else "name (suffix)", "name (suffix 2)"…, within MAX_NAME. */
  function free(name, suffix) {
    var taken = list().map(function (a) { return a.name; }), out = name.slice(0, MAX_NAME), n = 1, end;
    while (taken.indexOf(out) >= 0) {
      end = " (" + suffix + (++n > 2 ? " " + (n - 1) : "") + ")";
      out = name.slice(0, MAX_NAME - end.length) + end;
    }
    return out;
  }

  /* This tab's active id (session storage) if it exists, else the last chosen in any tab, the oldest, a new one. */
  function active() {
    if (current !== null) return current;
    var id = HB.storage.session(ACTIVE);
    if (!id || !record(id)) id = HB.storage.read(ACTIVE, function (v) { return typeof v === "string"; });
    if (!id || !record(id)) {
      var all = list();
      id = all.length ? all[0].id : make("Assessment started " + HB.day(), "default");
      HB.storage.write(ACTIVE, id);
    }
    HB.storage.session(ACTIVE, id);
    current = id;
    return id;
  }

  /* Make id this tab's active assessment, and the last chosen (a new tab's); show its answers. */
  function activate(id) {
    HB.storage.write(ACTIVE, id);
    HB.storage.session(ACTIVE, current = id);
    HB.restoreAll();
  }

  function rename(id, name) {
    var r = record(id);
    if (r) { r.name = name; HB.storage.write(RECORD + id, r); }
    HB.restoreAll();
  }

  /* Every answer key of assessment id, in every publication. */
  function keys(id) {
    var out = [], found = HB.storage.stored(HB.FORMAT + "|");
    for (var key in found) if (key.split("|")[2] === id) out.push(key);
    return out;
  }

  function keyIn(key, id) {
    var parts = key.split("|");
    parts[2] = id;
    return parts.join("|");
  }

  /* Copy assessment id with its answers under a new name; return the new id. */
  function duplicate(id, name) {
    var copy = make(name), found = keys(id);
    for (var i = 0; i < found.length; i++) {
      var e = HB.storage.load(found[i]);
      if (e) HB.storage.save(keyIn(found[i], copy), e);
    }
    HB.restoreAll();
    return copy;
  }

  /* Delete assessment id and its answers; return what undo() needs to bring them back. The active one is
     replaced by the oldest left (or a new one). */
  function remove(id) {
    var snapshot = { id: id, record: record(id), entries: {} }, found = keys(id);
    for (var i = 0; i < found.length; i++) {
      var e = HB.storage.load(found[i]);
      if (e) snapshot.entries[found[i]] = e;
      HB.storage.save(found[i], null);
    }
    HB.storage.write(RECORD + id, null);
    if (active() === id) {
      current = null;
      HB.storage.write(ACTIVE, null);
      snapshot.wasActive = true;
      if (!list().length) snapshot.fresh = active(); /* the last one: a fresh one replaces it */
      active();
    }
    HB.restoreAll();
    return snapshot;
  }

  /* Bring back what remove() deleted; the fresh assessment that replaced the last one goes if still empty. */
  function undo(snapshot) {
    var fresh = snapshot.fresh;
    if (fresh && fresh !== snapshot.id && !keys(fresh).length) HB.storage.write(RECORD + fresh, null);
    HB.storage.write(RECORD + snapshot.id, snapshot.record);
    for (var key in snapshot.entries) HB.storage.save(key, snapshot.entries[key]);
    if (snapshot.wasActive) activate(snapshot.id); else HB.restoreAll();
  }

  HB.assessments = {
    RECORD: RECORD, ACTIVE: ACTIVE, MAX_NAME: MAX_NAME,
    list: list, record: record, create: create, free: free, active: active, activate: activate, rename: rename,
    keys: keys, duplicate: duplicate, remove: remove, undo: undo,
    /* Forget the active id read: another tab may have changed it. */
    forget: function () { current = null; }
  };

  /* The switcher above a page's progress (hb-assessment): "Assessment: [the list]  My assessments". Choosing
     another assessment shows its answers at once; the print header names the active one. Drawn again only when
     the list, a name or the active one changed (here, in another tab, or on My assessments). */
  HB.module("hb-assessment", function (root) {
    var field = root.querySelector(".hb-assessment__field"), shown = "";
    var label = document.createElement("label"), select = document.createElement("select");
    select.id = label.htmlFor = "hb-assessment-select";
    label.textContent = "Assessment:";
    field.appendChild(label);
    field.appendChild(document.createTextNode(" "));
    field.appendChild(select);
    select.addEventListener("change", function () { activate(select.value); });
    root.hidden = false;
    var self = { restore: function () {
      var id = active(), all = list(), said = JSON.stringify([id, all]), name = "";
      if (said === shown) return;
      shown = said;
      select.textContent = "";
      for (var i = 0; i < all.length; i++) {
        var option = document.createElement("option");
        option.value = all[i].id;
        option.textContent = all[i].name;
        if (all[i].id === id) name = all[i].name;
        select.appendChild(option);
      }
      select.value = id;
      var printed = document.querySelector(".hb-print-header__assessment");
      if (printed) printed.textContent = "Assessment: " + name;
    } };
    self.restore();
    return self;
  });

  /* The storage key of an item's answer in the active assessment (of the page's publication unless pub is given). */
  HB.keyFor = function (item, pub) {
    return HB.FORMAT + "|" + (pub || HB.ctx.pub) + "|" + active() + "|" + item;
  };
})(window.HB = window.HB || {});
