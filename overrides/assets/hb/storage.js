/* Handbook client, storage: the only code that touches localStorage, always inside try/catch; what storage cannot
 * keep stays in memory for the visit and the reader is told (HB.problem). Format: README.md, "The client". */
(function (HB) {
  "use strict";

  var ASIDE = HB.FORMAT + "-unreadable|";
  var memory = {}; /* key → JSON text (null once removed) that storage, blocked or full, could not keep */
  var probed;      /* the storage found usable (or null) for this page; probed again on every page */

  function problem(kind) { HB.problem(kind); }

  function storage() {
    if (probed !== undefined) return probed;
    try {
      probed = window.localStorage;
      probed.getItem(HB.FORMAT); /* blocked storage throws here */
    } catch (e) {
      probed = null;
      problem("unavailable");
    }
    return probed;
  }

  function raw(key) {
    var s = storage();
    if (key in memory) return memory[key];
    if (s) try { return s.getItem(key); } catch (e) { /* storage vanished */ }
    return null;
  }

  /* The JSON value stored under key, or null; an unreadable one, or one valid() refuses, is moved aside under
     another key, never deleted. */
  function read(key, valid) {
    var text = raw(key), s = storage();
    if (text === null) return null;
    try {
      var value = JSON.parse(text);
      if (!valid || valid(value)) return value;
    } catch (e) { /* unreadable: below */ }
    try {
      s.setItem(ASIDE + key + "|" + Date.now(), text);
      s.removeItem(key);
    } catch (e) { /* could not move it: leave it where it is */ }
    problem("unreadable");
    return null;
  }

  /* Store a JSON value under key (null removes it); kept in memory when storage cannot take it. */
  function write(key, value) {
    var text = value === null ? null : JSON.stringify(value), s = storage();
    if (s) {
      try {
        if (text === null) s.removeItem(key); else s.setItem(key, text);
        delete memory[key];
        return true;
      } catch (e) {
        problem("full");
      }
    }
    memory[key] = text;
    return false;
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

  function isEntry(e) { return !!e && typeof e === "object" && "v" in e; }

  HB.storage = {
    ASIDE: ASIDE,
    read: read,
    write: write,
    stored: stored,
    /* The answer entry stored under key, or null. */
    load: function (key) { return read(key, isEntry); },
    /* Store an answer entry under key (null removes it). */
    save: write,
    /* This tab's text under key (sessionStorage); with a value, store it. */
    session: function (key, value) {
      try {
        if (value === undefined) return window.sessionStorage.getItem(key);
        window.sessionStorage.setItem(key, value);
      } catch (e) { /* blocked: the page keeps it in memory */ }
      return null;
    },
    /* Probe storage again: each page may find it changed. */
    reprobe: function () { probed = undefined; }
  };
})(window.HB = window.HB || {});
