/* Handbook client, transfer (hb-transfer, on My assessments and the report; loaded only there): export an
 * assessment as JSON (the format of docs/export-format.md, whose schema hooks/handbook/exchange.py publishes) or
 * as CSV for spreadsheets, and import a JSON export.
 *
 * An import is checked completely before anything is written (HB.transfer.check, a pure function of the file's
 * text): nothing of a file that fails is kept. User data never becomes a key of a plain object (lookups use
 * Object.create(null) maps), is never run, and is shown only as text.
 */
(function (HB) {
  "use strict";

  var FORMAT = "iom-handbook-assessment", VERSION = 1;
  var MAX_BYTES = 10 * 1024 * 1024, MAX_ANSWERS = 50000, MAX_TEXT = 100000, MAX_SITE = 200;
  var MAX_NAME = HB.assessments.MAX_NAME; /* characters in an assessment's name */
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/, HASH = /^[0-9a-f]{0,64}$/;
  var TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/; /* RFC 3339, as the schema */
  var ROLES = ["consult", "partner", "beneficiary"];
  var MAX_ROUNDS = 100, ROUND = HB.FORMAT + "-round|";
  var TOP = ["format", "version", "exported", "site", "handbook_edition", "author", "assessment", "publications", "rounds",
             "answers"];
  var FIELDS = ["publication", "item", "answer", "note", "action", "hash", "answered", "by"];
  var AUTHOR = HB.FORMAT + "-author"; /* the reader's own name, written into exports (optional) */
  var site = null; /* what #hb-data says of this site's publications, read once */
  var here = document.currentScript ? document.currentScript.src : ""; /* merge.js is loaded from beside it */

  /* #hb-data; after an instant navigation, Material has put its text in a new script element without type or id
     (which the page's policy keeps from running): found by its start, as report.js and rounds.js do. */
  function carrier() {
    var found = document.getElementById("hb-data"), all = document.querySelectorAll("script:not([src])");
    for (var i = 0; !found && i < all.length; i++) if (all[i].textContent.indexOf('{"publications":') === 0) found = all[i];
    return found;
  }

  /* This site's publications and items, as maps made without a prototype (ids are looked up in them). */
  function data() {
    if (site) return site;
    var raw = JSON.parse(carrier().textContent);
    site = { pubs: Object.create(null), items: Object.create(null), order: [], kinds: raw.kinds };
    raw.publications.forEach(function (pub) {
      var pages = Object.create(null);
      pub.pages.forEach(function (p) { pages[p.id] = p; });
      site.pubs[pub.id] = pub;
      site.order.push(pub.id);
      pub.items.forEach(function (item, i) {
        site.items[pub.id + "|" + item.id] = { item: item, pub: pub, page: pages[item.page], rank: i };
      });
    });
    return site;
  }

  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
  function short(s) { s = String(s); return s.length > 40 ? s.slice(0, 40) + "…" : s; }
  function isTime(s) { return typeof s === "string" && s.length < 40 && TIME.test(s) && isFinite(Date.parse(s)); }
  /* A person's name as the format holds it (author, by): a text of 1 to 120 characters, not only spaces. */
  /* Whether text s has at most max characters, counted as the schema counts them (code points: an emoji is one). */
  function within(s, max) { return s.length <= max || Array.from(s).length <= max; }
  function isName(s) { return typeof s === "string" && !!s.trim() && within(s, MAX_NAME); }
  /* The reader's own name, or "". */
  function author() { var a = HB.storage.read(AUTHOR); return isName(a) ? a.trim() : ""; }
  function iso(ms) { var d = new Date(ms); return isFinite(d.getTime()) ? d.toISOString() : null; }

  /* Whether v has one of the shapes an answer is stored in. */
  function isValue(v) {
    if (v === null || v === true) return true;
    if (typeof v === "string") return v.length > 0 && within(v, MAX_TEXT);
    if (!Array.isArray(v) || !v.length || v.length > ROLES.length) return false;
    for (var i = 0; i < v.length; i++) if (ROLES.indexOf(v[i]) < 0 || v.indexOf(v[i]) !== i) return false;
    return true;
  }

  /* Whether v answers an item of this kind. */
  function fits(kind, v) {
    if (v === null) return true;
    if (kind === "tick") return v === true;
    if (kind === "roles") return Array.isArray(v);
    if (kind === "text") return typeof v === "string";
    var words = data().kinds[kind];
    return typeof v === "string" && !!words && Object.prototype.hasOwnProperty.call(words, v);
  }

  function unexpected(obj, allowed) {
    var keys = Object.keys(obj);
    for (var i = 0; i < keys.length; i++) if (allowed.indexOf(keys[i]) < 0) return keys[i];
    return null;
  }

  /* ---- import: check ------------------------------------------------------------------------------------ */

  function fail(error) { return { ok: false, error: error }; }
  function refuse(error) { return { error: error }; }

  /* Check an export's text completely. Return {ok: false, error: a sentence} or {ok: true, name, created,
     exported, entries: [{pub, item, entry}], answers, notes, stale, unknown}; write nothing. */
  function check(text) {
    if (typeof text !== "string") return fail("This file could not be read as text.");
    if (text.length > MAX_BYTES) return fail("This file is larger than 10 MB, the most the handbook imports.");
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (!text.trim()) return fail("This file is empty.");
    var doc;
    try { doc = JSON.parse(text); } catch (e) {
      if (/^"?Publication"?,/.test(text)) return fail("This is a CSV export: only a JSON export can be imported.");
      return fail("This file is not a complete JSON export: it is damaged, cut short, or of another kind.");
    }
    if (!isObject(doc) || doc.format !== FORMAT) return fail("This file is not an export of the handbook's answers.");
    if (typeof doc.version !== "number" || doc.version !== Math.floor(doc.version) || doc.version < 1)
      return fail("This export's format version is not one the handbook knows.");
    if (doc.version > VERSION) return fail("This export was made by a newer version of the handbook (format " +
      "version " + doc.version + "); this one reads version " + VERSION + ". Import it there, or update this one.");
    var bad = unexpected(doc, TOP);
    if (bad !== null) return fail("This export has a field the format does not have: '" + short(bad) + "'.");
    if (!isTime(doc.exported)) return fail("This export's date ('exported') is missing or not a date.");
    if ("site" in doc && (typeof doc.site !== "string" || !within(doc.site, MAX_SITE)))
      return fail("This export's site name is not a short text.");
    var ed = doc.handbook_edition;
    if ("handbook_edition" in doc && (!isObject(ed) || unexpected(ed, ["version", "date"]) !== null ||
        typeof ed.version !== "string" || !ed.version || ed.version.length > 100 ||
        ("date" in ed && !(typeof ed.date === "string" && /^\d{4}-\d\d-\d\d$/.test(ed.date)))))
      return fail("This export's handbook edition is not described as the format says.");

    if ("author" in doc && !isName(doc.author))
      return fail("This export's author is not a name of 1 to " + MAX_NAME + " characters.");

    var a = doc.assessment;
    if (!isObject(a)) return fail("This export names no assessment.");
    if ((bad = unexpected(a, ["name", "created", "updated"])) !== null)
      return fail("This export's assessment has a field the format does not have: '" + short(bad) + "'.");
    if (typeof a.name !== "string" || !a.name.trim())
      return fail("This export's assessment has no name.");
    if (!within(a.name, MAX_NAME)) return fail("This export's assessment name has " + Array.from(a.name).length +
      " characters; a name can be at most " + MAX_NAME + ".");
    if (!isTime(a.created) || !isTime(a.updated))
      return fail("This export's assessment dates are missing or not dates.");

    var s = data(), known = Object.create(null), i;
    if (!Array.isArray(doc.publications) || doc.publications.length > 100)
      return fail("This export does not list its publications.");
    for (i = 0; i < doc.publications.length; i++) {
      var p = doc.publications[i];
      if (!isObject(p) || unexpected(p, ["id", "title", "edition"]) !== null || typeof p.id !== "string" ||
          typeof p.title !== "string" || typeof p.edition !== "string" || p.title.length > 1000 ||
          p.edition.length > 100)
        return fail("Publication " + (i + 1) + " of this export is not described as the format says.");
      if (!ID.test(p.id) || !s.pubs[p.id]) return fail("This export is of another publication ('" +
        short(p.title || p.id) + "'), which this site does not hold.");
      if (known[p.id]) return fail("This export lists the publication '" + short(p.id) + "' twice.");
      known[p.id] = true;
    }

    var got = answersOf(doc.answers, "", known, s, MAX_ANSWERS);
    if (got.error) return fail(got.error);
    var total = doc.answers.length, rounds = [];
    if ("rounds" in doc) {
      if (!Array.isArray(doc.rounds) || doc.rounds.length > MAX_ROUNDS)
        return fail("This export's rounds are not a list of at most " + MAX_ROUNDS + ".");
      for (i = 0; i < doc.rounds.length; i++) {
        var rd = doc.rounds[i], at = "Round " + (i + 1) + " of this export ";
        if (!isObject(rd) || unexpected(rd, ["name", "created", "answers"]) !== null || !isName(rd.name) ||
            !isTime(rd.created) || !Array.isArray(rd.answers))
          return fail(at + "is not described as the format says (a name, the time it was saved, its answers).");
        var g = answersOf(rd.answers, at + "('" + short(rd.name) + "'), ", known, s, MAX_ANSWERS - total);
        if (g.error) return fail(g.error);
        total += rd.answers.length;
        rounds.push({ name: rd.name.trim(), created: rd.created, entries: g.entries });
      }
    }
    return { ok: true, name: a.name.trim(), author: "author" in doc ? doc.author.trim() : "", created: a.created,
             exported: doc.exported, entries: got.entries, answers: got.answers, notes: got.notes, stale: got.stale,
             unknown: got.unknown, rounds: rounds };
  }

  /* Check a list of answers (the assessment's, or a round's: where names it in a message, "" for the assessment's)
     against the publications known and this site s, with room for at most max. Return {error} or {entries,
     answers, notes, stale, unknown}. */
  function answersOf(list, where0, known, s, max) {
    var i, bad;
    if (!Array.isArray(list)) return refuse("This export holds no list of answers.");
    if (list.length > max) return refuse(where0 ? "This export holds more than " + MAX_ANSWERS + " answers, its " +
      "rounds' included; the handbook imports at most " + MAX_ANSWERS + "." : "This export holds " + list.length +
      " answers; the handbook imports at most " + MAX_ANSWERS + ".");
    var seen = Object.create(null), entries = [], answers = 0, notes = 0, stale = 0, unknown = 0;
    for (i = 0; i < list.length; i++) {
      var r = list[i], where = where0 ? where0 + "answer " + (i + 1) + " " : "Answer " + (i + 1) + " of this export ";
      if (!isObject(r)) return refuse(where + "is not an answer.");
      if ((bad = unexpected(r, FIELDS)) !== null)
        return refuse(where + "has a field the format does not have: '" + short(bad) + "'.");
      if (typeof r.publication !== "string" || !known[r.publication])
        return refuse(where + "belongs to no publication the export lists.");
      if (typeof r.item !== "string" || r.item.length > 48 || !ID.test(r.item))
        return refuse(where + "has no valid item id.");
      where += "(" + r.item + ") ";
      if (!("answer" in r) || !isValue(r.answer)) return refuse(where + "is not an answer the handbook stores.");
      if ("note" in r && (typeof r.note !== "string" || !r.note || !within(r.note, MAX_TEXT)))
        return refuse(where + "has a note that is empty or not a text of at most " + MAX_TEXT + " characters.");
      if ("action" in r && r.action !== true) return refuse(where + "has an 'action' other than true.");
      if (typeof r.hash !== "string" || !HASH.test(r.hash)) return refuse(where + "has no valid wording hash.");
      if (!isTime(r.answered)) return refuse(where + "has no valid date.");
      if ("by" in r && !isName(r.by)) return refuse(where + "has a 'by' that is not a name of 1 to " + MAX_NAME +
        " characters.");
      var note = r.note || "", value = r.answer;
      if (value === null && !note && r.action !== true) return refuse(where + "holds neither an answer nor a note.");
      var key = r.publication + "|" + r.item;
      if (seen[key]) return refuse("This export holds item '" + r.item + "' twice.");
      seen[key] = true;
      var found = s.items[key], old = !!found && value !== null && !!r.hash && r.hash !== found.item.hash;
      /* Whatever wording it answered, a choice is one the item's kind offers; only a text is free. */
      if (found && !fits(found.item.kind, value))
        return refuse(where + "is not an answer that item takes.");
      var entry = { v: value, h: r.hash, t: found ? found.item.page : "", at: Date.parse(r.answered) };
      if (note) entry.n = note;
      if (r.action === true) entry.f = true;
      if ("by" in r) entry.by = r.by.trim();
      entries.push({ pub: r.publication, item: r.item, entry: entry });
      if (value !== null) answers++; else notes++;
      if (!found) unknown++;
      else if (old) stale++;
    }
    return { entries: entries, answers: answers, notes: notes, stale: stale, unknown: unknown };
  }

  /* "14 answers for 'Niger border management' (exported 3 March 2027): 2 to an earlier wording, 1 item unknown
     in this edition." */
  function describe(r) {
    var what = [HB.plural(r.answers, "answer"), HB.plural(r.notes, "note")].filter(Boolean).join(" and ") ||
      "No answers";
    var more = [r.stale ? r.stale + " to an earlier wording" : "",
                r.unknown ? HB.plural(r.unknown, "item") + " unknown in this edition" : ""].filter(Boolean);
    var rounds = r.rounds && r.rounds.length ? ", with " + HB.plural(r.rounds.length, "monitoring round") : "";
    return what + " for '" + r.name + "' (exported " + HB.day(Date.parse(r.exported)) + ")" + rounds +
      (more.length ? ": " + more.join(", ") : "") + ".";
  }

  /* ---- import: write ------------------------------------------------------------------------------------ */

  function keyOf(e, id) { return HB.FORMAT + "|" + e.pub + "|" + id + "|" + e.item; }

  /* Store a checked import: as a new assessment (mode "new"), or into assessment target ("replace": its answers
     go). A merge is reviewed and written by merge.js. The assessment becomes the active one. Return what undo() needs to put everything back
     as it was, or null if storage refused a write: then everything is already put back. */
  function apply(r, mode, target) {
    var A = HB.assessments, id = target, i, e, key, cur, ok = true;
    var snap = { mode: mode, before: A.active(), entries: Object.create(null) };
    if (mode === "new") {
      id = A.create(A.free(r.name, "imported"), r.created);
    } else {
      snap.record = A.record(id);
      var had = A.keys(id);
      for (i = 0; i < had.length; i++) {
        if ((cur = HB.storage.load(had[i]))) snap.entries[had[i]] = cur;
        if (mode === "replace") ok = HB.storage.save(had[i], null) && ok;
      }
      /* Replaced answers take with them what merges left out of this assessment (undo() puts it back). */
      var left = HB.FORMAT + "-declined|" + id, was = HB.storage.read(left);
      if (mode === "replace" && was !== null) { snap.declined = [left, was]; HB.storage.write(left, null); }
    }
    snap.id = id;
    for (i = 0; ok && i < r.entries.length; i++) {
      e = r.entries[i].entry;
      key = keyOf(r.entries[i], id);
      ok = HB.storage.save(key, e);
    }
    if (!ok || !addRounds(r, id, snap)) { undo(snap); return null; }
    A.activate(id);
    return snap;
  }

  /* Add the rounds of a checked import r to assessment id, except those it holds already (same name and date); a
     round whose name it holds with another date is added under a free name. The ids added go into snap.rounds,
     for undo(). Return false if storage refused a write. */
  function addRounds(r, id, snap) {
    var held = roundsOf(id), ok = true;
    snap.rounds = snap.rounds || [];
    for (var i = 0; ok && i < (r.rounds || []).length; i++) {
      var rd = r.rounds[i], name = rd.name, n = 1;
      if (held.some(function (h) { return h.name === rd.name && h.created === rd.created; })) continue;
      while (held.some(function (h) { return h.name === name; }))
        name = rd.name.slice(0, MAX_NAME - 16) + " (imported" + (++n > 2 ? " " + (n - 1) : "") + ")";
      var rid = "r" + Date.now().toString(36) + Math.floor(Math.random() * 1679616).toString(36) + i;
      snap.rounds.push(rid);
      ok = HB.storage.write(ROUND + rid, { of: id, name: name, created: rd.created });
      for (var j = 0; ok && j < rd.entries.length; j++) ok = HB.storage.save(keyOf(rd.entries[j], rid), rd.entries[j].entry);
      held.push({ id: rid, name: name, created: rd.created });
    }
    return ok;
  }

  /* Put back what apply() changed: the target's record and entries exactly (what the import added goes), or, for
     a new assessment, delete it; the rounds the import added go; the assessment active before is active again. */
  function undo(snap) {
    var A = HB.assessments, now = A.keys(snap.id), i;
    if (snap.mode === "new") snap.rounds = (snap.rounds || []).concat(roundsOf(snap.id).map(function (x) { return x.id; }));
    (snap.rounds || []).forEach(function (rid) {
      HB.storage.write(ROUND + rid, null);
      A.keys(rid).forEach(function (key) { HB.storage.save(key, null); });
    });
    for (i = 0; i < now.length; i++) HB.storage.save(now[i], null);
    for (var key in snap.entries) HB.storage.save(key, snap.entries[key]);
    HB.storage.write(A.RECORD + snap.id, snap.mode === "new" ? null : snap.record);
    if (snap.declined) HB.storage.write(snap.declined[0], snap.declined[1]); /* a merge's answers left out */
    if (A.record(snap.before)) A.activate(snap.before);
    else { A.forget(); HB.restoreAll(); }
  }

  /* ---- export ------------------------------------------------------------------------------------------- */

  /* The answers and notes of assessment id as [{pub, item, entry, info (the item on this site, or undefined)}],
     in the publications' order, items unknown to this edition last. */
  function collect(id) {
    var s = data(), found = HB.storage.stored(HB.FORMAT + "|"), out = [], e;
    for (var key in found) { /* stored texts read once: a thousand answers export in a few milliseconds */
      var parts = key.split("|");
      if (parts.length !== 4 || parts[2] !== id || !ID.test(parts[1]) || !ID.test(parts[3])) continue;
      try { e = JSON.parse(found[key]); } catch (x) { continue; } /* unreadable: the status's rescue offers it */
      if (!isObject(e)) continue;
      var v = isValue(e.v) ? e.v : null, n = typeof e.n === "string" ? e.n : "";
      if (v === null && !n && e.f !== true) continue;
      var info = s.items[parts[1] + "|" + parts[3]], p = s.order.indexOf(parts[1]);
      out.push({ pub: parts[1], item: parts[3], v: v, n: n, e: e, info: info,
                 rank: (info ? 0 : 1e9) + (p < 0 ? s.order.length : p) * 1e6 + (info ? info.rank : 0) });
    }
    out.sort(function (a, b) { return a.rank - b.rank || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0); });
    return out;
  }

  function siteName() {
    var el = document.querySelector(".md-header__topic .md-ellipsis");
    return el ? el.textContent.trim().slice(0, MAX_SITE) : "";
  }

  /* The export of assessment id, as an object of the format. */
  function exportData(id) {
    var rec = HB.assessments.record(id) || { name: "Assessment" }, now = new Date().toISOString(), pubs = [];
    var mine = answersFor(id, pubs, now), latest = mine.latest;
    /* The newest rounds that fit the format's limits (an import into an existing assessment may have added more):
       the file must be one the handbook imports again. */
    var rounds = [], total = mine.answers.length, all = roundsOf(id);
    for (var i = all.length - 1; i >= 0 && rounds.length < MAX_ROUNDS; i--) {
      var got = answersFor(all[i].id, pubs, now).answers;
      if (total + got.length > MAX_ANSWERS) break;
      total += got.length;
      rounds.unshift({ name: all[i].name, created: all[i].created, answers: got });
    }
    var created = isTime(rec.created) ? rec.created : iso(mine.earliest) || now;
    var edition = handbookEdition(), who = author();
    var doc = { format: FORMAT, version: VERSION, exported: now, site: siteName(), handbook_edition: edition,
                author: who,
                assessment: { name: String(rec.name).trim() ? String(rec.name).slice(0, MAX_NAME) : "Assessment",
                              created: created, updated: latest ? iso(latest) : created },
                publications: pubs.map(function (id) {
                  var p = data().pubs[id];
                  return { id: id, title: p ? p.title : "", edition: p ? String(p.edition) : "" };
                }),
                answers: mine.answers, rounds: rounds };
    if (!doc.site) delete doc.site;
    if (!edition) delete doc.handbook_edition;
    if (!who) delete doc.author;
    if (!rounds.length) delete doc.rounds;
    Object.defineProperty(doc, "left", { value: all.length - rounds.length }); /* rounds left out (not written) */
    return doc;
  }

  /* The rounds of assessment id (records hb1-round|<round id>, kept by rounds.js) as [{id, name, created}],
     oldest first. */
  function roundsOf(id) {
    var out = [], found = HB.storage.stored(ROUND);
    for (var key in found) {
      var r = HB.storage.read(key);
      if (isObject(r) && r.of === id && isName(r.name) && isTime(r.created))
        out.push({ id: key.slice(ROUND.length), name: r.name.trim().slice(0, MAX_NAME), created: r.created });
    }
    return out.sort(function (a, b) { return a.created < b.created ? -1 : a.created > b.created ? 1 : 0; });
  }

  /* The answers stored under id (an assessment or a round) as the format's answers; each publication met is added
     to pubs. Return {answers, latest, earliest} (times in ms; 0 and Infinity when none is dated). */
  function answersFor(id, pubs, now) {
    var rows = collect(id), answers = [], latest = 0, earliest = Infinity;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i], ms = typeof r.e.at === "number" ? r.e.at : NaN, when = iso(ms);
      if (pubs.indexOf(r.pub) < 0) pubs.push(r.pub);
      var out = { publication: r.pub, item: r.item, answer: r.v };
      if (r.n) out.note = r.n;
      if (r.e.f === true) out.action = true;
      out.hash = typeof r.e.h === "string" && HASH.test(r.e.h) ? r.e.h : "";
      out.answered = when || now;
      if (isName(r.e.by)) out.by = r.e.by.trim();
      answers.push(out);
      if (!when) continue;
      if (ms > latest) latest = ms;
      if (ms < earliest) earliest = ms;
    }
    return { answers: answers, latest: latest, earliest: earliest };
  }

  /* The export as text: one answer a line (the assessment's and each round's), readable and quick to write. */
  function jsonText(doc) {
    var lists = [], copy = {};
    function hold(answers) { lists.push(answers); return "\u0000" + (lists.length - 1); }
    for (var k in doc) copy[k] = doc[k];
    copy.answers = hold(doc.answers);
    if (doc.rounds) copy.rounds = doc.rounds.map(function (r) {
      return { name: r.name, created: r.created, answers: hold(r.answers) };
    });
    return JSON.stringify(copy, null, 2).replace(/^( *)("answers": )"\\u0000(\d+)"/gm, function (m, pad, key, i) {
      var list = lists[+i];
      return pad + key + (list.length ? "[\n" + pad + "  " + list.map(function (x) { return JSON.stringify(x); })
        .join(",\n" + pad + "  ") + "\n" + pad + "]" : "[]");
    });
  }
  function exportJson(id) { return jsonText(exportData(id)); }

  /* A CSV cell: quoted (RFC 4180), and neutralised when a spreadsheet would take it for a formula. */
  function cell(v) {
    v = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;
    return '"' + v.replace(/"/g, '""') + '"';
  }
  function csv(rows) {
    return "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  /* An answer in words: the labels of the page's controls. */
  function words(kind, v) {
    var labels = data().kinds[kind] || {};
    function label(x) { return Object.prototype.hasOwnProperty.call(labels, x) ? labels[x] : x; }
    if (v === null) return "";
    if (v === true) return data().kinds.tick.yes;
    if (Array.isArray(v)) return v.map(label).join("; ");
    return kind === "text" ? v : label(v);
  }

  /* The handbook's edition, from the page (overrides/main.html): {version, date?}, or null in a development build. */
  function handbookEdition() {
    var meta = document.querySelector('meta[name="hb-edition"]'), version = meta && meta.content;
    var edition = version ? { version: version, date: meta.getAttribute("data-date") } : null;
    if (edition && !edition.date) delete edition.date;
    return edition;
  }

  /* The edition as a CSV cell, on every row: a spreadsheet's rows keep it wherever they are copied. */
  function editionCell() {
    var e = handbookEdition();
    return e ? e.version + (e.date ? " (published " + e.date + ")" : "") : "development build";
  }

  /* An item's section (numbers restart in each), without footnote marks. */
  function section(it) { return (it.section || "").replace(/\[\^[^\]]*\]/g, "").trim(); }

  function title(id) { var p = data().pubs[id]; return p ? p.short_title || p.title : id; }

  function exportCsv(id) {
    var rows = [["Publication", "Tool", "Section", "Number", "Id", "Question", "Answer", "Note",
                 "Something must be done", "Answered to an earlier wording", "Handbook edition"]], ed = editionCell();
    collect(id).forEach(function (r) {
      var it = r.info && r.info.item, old = !!it && r.v !== null && !!r.e.h && r.e.h !== it.hash;
      rows.push([title(r.pub), it ? it.heading : "", it ? section(it) : "", it && it.number !== null ? it.number : "",
                 r.item, it ? it.text : "", words(it ? it.kind : "", r.v), r.n, r.e.f === true ? "yes" : "",
                 old ? "yes" : "", ed]);
    });
    return csv(rows);
  }

  function exportIndicatorsCsv(id) {
    var rows = [["Publication", "Tool", "Number", "Id", "Indicator", "Note", "Handbook edition"]], ed = editionCell();
    collect(id).forEach(function (r) {
      var info = r.info;
      if (!info || r.v !== true || !info.page || info.page.noun[0] !== "indicator") return;
      rows.push([title(r.pub), info.item.heading, info.item.number !== null ? info.item.number : "", r.item,
                 info.item.text, r.n, ed]);
    });
    return { text: csv(rows), count: rows.length - 1 };
  }

  /* A file name from the assessment's name (safe characters only) and today's date. */
  function fileName(id, suffix) {
    var rec = HB.assessments.record(id), base = rec ? rec.name : "";
    base = base.normalize ? base.normalize("NFKD") : base;
    base = base.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "").toLowerCase();
    return (base || "assessment") + "-" + new Date().toISOString().slice(0, 10) + suffix;
  }

  /* ---- the component ------------------------------------------------------------------------------------ */

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  function button(text, primary) {
    return el("button", { type: "button", "class": "md-button" + (primary ? " md-button--primary" : "") }, text);
  }
  function fill(select, keep) {
    var all = HB.assessments.list(), want = keep;
    if (!all.some(function (x) { return x.id === keep; })) want = HB.assessments.active();
    select.textContent = "";
    all.forEach(function (x) {
      var o = el("option", { value: x.id }, x.name);
      if (x.id === want) o.selected = true;
      select.appendChild(o);
    });
  }

  /* Load merge.js (beside this script) once, then call ok(). */
  function loadMerge(ok, no) {
    if (HB.merge) { ok(); return; }
    var script = document.createElement("script");
    script.src = here.slice(0, here.lastIndexOf("/") + 1) + "merge.js";
    script.onload = function () { if (HB.merge) ok(); else no(); };
    script.onerror = function () { script.remove(); no(); };
    document.body.appendChild(script);
  }

  HB.module("hb-transfer", function (root) {
    var n = document.querySelectorAll("[data-module='hb-transfer']").length;
    var onReport = !!document.querySelector("[data-module='hb-report']"), uid = "hb-transfer-" + n;
    root.classList.add("hb-transfer", "hb-screen-only");
    root.textContent = "";
    HB.style("workspace", function () {});
    /* Under the report, shown with it (once report.css applies): it does not jump down when the report appears. */
    if (onReport) { root.hidden = true; HB.style("report", function () { root.hidden = false; }); }

    /* Export */
    root.appendChild(el("h2", { id: uid + "-export" }, onReport ? "Export" : "Export an assessment"));
    var which = null;
    if (!onReport) {
      var pick = el("p");
      pick.appendChild(el("label", { "for": uid + "-which" }, "Assessment to export "));
      which = el("select", { id: uid + "-which" });
      pick.appendChild(which);
      root.appendChild(pick);
    }
    /* The reader's name, saved as it changes: exports carry it, so colleagues merging them see who answered. */
    var me = el("p");
    me.appendChild(el("label", { "for": uid + "-author" },
      "Your name (optional, written into your exports so colleagues see who answered)"));
    me.appendChild(el("br"));
    var meInput = el("input", { type: "text", id: uid + "-author", maxlength: String(MAX_NAME), autocomplete: "name",
                                "class": "hb-transfer__author" });
    meInput.value = author();
    meInput.addEventListener("change", function () {
      var v = meInput.value.trim().slice(0, MAX_NAME);
      HB.storage.write(AUTHOR, v || null);
    });
    me.appendChild(meInput);
    root.appendChild(me);
    var row = el("p", { "class": "hb-transfer__buttons" });
    var bJson = button("Export answers (JSON)", true), bCsv = button("Export answers (CSV)");
    var bInd = button("Export picked indicators (CSV)");
    row.appendChild(bJson); row.appendChild(document.createTextNode(" "));
    row.appendChild(bCsv); row.appendChild(document.createTextNode(" "));
    row.appendChild(bInd);
    root.appendChild(row);
    var exported = el("p", { role: "status", "class": "hb-transfer__exported" });
    root.appendChild(exported);

    function chosen() { return which && which.value ? which.value : HB.assessments.active(); }
    function named(id) { var r = HB.assessments.record(id); return r ? r.name : ""; }

    bJson.addEventListener("click", function () {
      var id = chosen(), doc = exportData(id), name = fileName(id, ".json"), count = doc.answers.length;
      HB.offer(jsonText(doc), name, "application/json");
      exported.textContent = "Saved " + (HB.plural(count, "answer") || "no answers") + " of '" +
        named(id) + "'" + (doc.rounds ? " and " + HB.plural(doc.rounds.length, "round") : "") + " as " + name + "." +
        (doc.left ? (doc.left === 1 ? " The oldest round" : " The " + doc.left + " oldest rounds") + " did not fit the file's limits (" +
          MAX_ROUNDS + " rounds, " + MAX_ANSWERS + " answers) and " + (doc.left === 1 ? "is" : "are") +
          " not in it." : "");
    });
    bCsv.addEventListener("click", function () {
      var id = chosen(), name = fileName(id, ".csv");
      HB.offer(exportCsv(id), name, "text/csv");
      exported.textContent = "Saved the answers of '" + named(id) + "' as " + name + ".";
    });
    bInd.addEventListener("click", function () {
      var id = chosen(), name = fileName(id, "-indicators.csv"), out = exportIndicatorsCsv(id);
      HB.offer(out.text, name, "text/csv");
      exported.textContent = "Saved " + (HB.plural(out.count, "picked indicator") || "no picked indicators") +
        " of '" + named(id) + "' as " + name + ".";
    });

    var self = { restore: function () { if (which) fill(which, which.value); } };
    self.restore();
    if (onReport) return self;
    root.hidden = false;
    /* The lists follow assessments made, renamed or deleted here or in another tab; a question about one that
       is gone closes, and nothing is written. */
    self.restore = function () {
      if (which) fill(which, which.value);
      fill(target, target.value);
      if (asked && (shown === "confirm" || shown === "review") && !HB.assessments.record(asked)) gone();
    };

    /* Import */
    root.appendChild(el("h2", { id: uid + "-import" }, "Import an assessment"));
    var field = el("p");
    field.appendChild(el("label", { "for": uid + "-file" }, "Import answers (JSON file)"));
    field.appendChild(el("br"));
    var input = el("input", { type: "file", id: uid + "-file", accept: ".json,application/json" });
    field.appendChild(input);
    root.appendChild(field);
    var alertBox = el("div", { role: "alert", "class": "hb-transfer__error" });
    root.appendChild(alertBox);
    var preview = el("div", { "class": "hb-transfer__preview" });
    var summary = el("p", { role: "status", "class": "hb-transfer__summary" });
    root.appendChild(summary);
    var choices = el("div", { "class": "hb-transfer__choices" });
    var bNew = button("Import as a new assessment", true);
    choices.appendChild(el("p")).appendChild(bNew);
    var into = el("p");
    into.appendChild(el("label", { "for": uid + "-target" }, "Existing assessment "));
    var target = el("select", { id: uid + "-target" });
    into.appendChild(target);
    choices.appendChild(into);
    var bReplace = button("Replace an existing assessment"), bMerge = button("Merge into an existing assessment");
    var two = el("p");
    two.appendChild(bReplace); two.appendChild(document.createTextNode(" ")); two.appendChild(bMerge);
    choices.appendChild(two);
    var confirmBox = el("div", { "class": "hb-transfer__confirm" });
    var question = el("p", { tabindex: "-1" });
    var bYes = button("", true), bNo = button("Cancel");
    confirmBox.appendChild(question);
    var yn = el("p");
    yn.appendChild(bYes); yn.appendChild(document.createTextNode(" ")); yn.appendChild(bNo);
    confirmBox.appendChild(yn);
    choices.appendChild(confirmBox);
    preview.appendChild(choices);
    /* The merge's review (merge.js, loaded when first asked for) replaces the choices while it is open. */
    var reviewBox = el("div", { "class": "hb-transfer__review" });
    preview.appendChild(reviewBox);
    root.appendChild(preview);
    var result = el("p", { role: "status", tabindex: "-1", "class": "hb-transfer__result" });
    root.appendChild(result);
    var bUndo = button("Undo the import", true);
    root.appendChild(el("p")).appendChild(bUndo);

    var pending = null, asked = null, askedName = "", snap = null, shown = "none";
    function show(state) {
      shown = state;
      preview.hidden = state !== "preview" && state !== "confirm" && state !== "review";
      confirmBox.hidden = state !== "confirm";
      reviewBox.hidden = state !== "review";
      choices.hidden = state === "review";
      if (state !== "review") reviewBox.textContent = "";
      bNew.disabled = bReplace.disabled = bMerge.disabled = target.disabled = state === "confirm";
      if (state !== "preview" && state !== "confirm") summary.textContent = "";
    }
    function problem(text, whole) {
      pending = null;
      input.value = ""; /* the same file, corrected, can be chosen again */
      show("none");
      alertBox.className = "hb-transfer__error admonition failure";
      alertBox.textContent = "";
      alertBox.appendChild(el("p", {}, whole ? text : text + " Nothing was imported."));
    }
    function clearProblem() { alertBox.className = "hb-transfer__error"; alertBox.textContent = ""; }
    function said(text, undoable) {
      result.textContent = text;
      snap = undoable || null;
      bUndo.hidden = !snap;
    }
    /* The assessment a question is about was deleted (in another tab): the question closes. */
    function gone() {
      show("preview");
      said("'" + askedName + "' no longer exists (it was deleted in another tab): nothing was written. " +
        "Choose another assessment.");
      asked = null;
      target.focus();
    }

    function read(file) {
      if (file.text) return file.text();
      return new Promise(function (ok, no) {
        var fr = new FileReader();
        fr.onload = function () { ok(fr.result); };
        fr.onerror = function () { no(fr.error); };
        fr.readAsText(file);
      });
    }

    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      clearProblem();
      said("");
      pending = null;
      show("none");
      if (!file) return;
      if (file.size > MAX_BYTES) { problem("This file is larger than 10 MB, the most the handbook imports."); return; }
      read(file).then(function (text) {
        var r;
        try { r = check(text); } catch (e) { HB.log("import", e); r = fail("This file could not be checked."); }
        if (!r.ok) { problem(r.error); return; }
        pending = r;
        fill(target);
        summary.textContent = describe(r);
        show("preview");
      }, function () { problem("This file could not be read."); });
    });

    /* After an import (done, with what Undo needs) or a refused write (nothing imported). */
    function done(text, undoable) {
      pending = null;
      asked = null;
      input.value = "";
      show("none");
      if (!undoable) {
        said("");
        problem("Storage is full: nothing was imported. Free some space (delete an assessment you exported) " +
          "and try again.", true);
        return;
      }
      said(text, undoable);
      if (which) fill(which); /* the export offers the assessment just imported */
      result.focus();
    }
    bNew.addEventListener("click", function () {
      if (!pending) return;
      var r = pending, back = apply(r, "new");
      done(back && "Imported " + (HB.plural(r.entries.length, "answer") || "no answers") + " as '" +
        named(back.id) + "', now the active assessment.", back);
    });
    bUndo.addEventListener("click", function () {
      if (!snap) return;
      var back = snap, name = named(back.id);
      undo(back);
      if (which) fill(which, which.value);
      fill(target, target.value);
      said(back.mode === "new" ? "Undone: '" + name + "' is deleted again."
        : "Undone: '" + name + "' is as it was before the import.");
      result.focus();
    });
    bReplace.addEventListener("click", function () {
      if (!pending || !target.value) return;
      asked = target.value;
      var name = askedName = named(target.value), count = HB.assessments.keys(target.value).length;
      question.textContent = "Replace every answer and note of '" + name + "' with the imported ones? " +
        (count ? "Its " + (count === 1 ? "1 answer or note" : count + " answers and notes") + " will be lost."
          : "It holds no answers now.");
      bYes.textContent = "Replace '" + name + "'";
      show("confirm");
      question.focus();
    });
    /* Merge: the review (merge.js) compares the import with the target item by item; nothing is written until
       its confirming button. */
    bMerge.addEventListener("click", function () {
      if (!pending || !target.value) return;
      var r = pending, id = target.value;
      loadMerge(function () {
        if (pending !== r || !HB.assessments.record(id)) return;
        asked = id;
        askedName = named(id);
        show("review");
        HB.merge.review(reviewBox, {
          r: r, target: id, name: askedName,
          cancel: function () { asked = null; show("preview"); bMerge.focus(); },
          gone: gone,
          done: function (text, back) { done(text, back); }
        });
      }, function () { problem("The merge could not be loaded: check the connection and try again.", true); });
    });
    bNo.addEventListener("click", function () {
      asked = null;
      show("preview");
      bReplace.focus();
    });
    /* Escape cancels the question, as on the list of assessments. */
    confirmBox.addEventListener("keydown", function (e) { if (e.key === "Escape") bNo.click(); });
    bYes.addEventListener("click", function () {
      if (!pending || !asked) return;
      if (!HB.assessments.record(asked)) { gone(); return; }
      var r = pending, id = asked;
      var count = HB.plural(r.entries.length, "imported answer") || "no imported answers";
      var back = apply(r, "replace", id);
      done(back && "Replaced the answers of '" + named(id) + "' with " + count + "; it is now the active assessment.",
        back);
    });
    show("none");
    said("");
    return self;
  });

  HB.transfer = { check: check, describe: describe, apply: apply, undo: undo, exportData: exportData, exportJson: exportJson,
                  exportCsv: exportCsv, exportIndicatorsCsv: exportIndicatorsCsv, fileName: fileName,
                  MAX_BYTES: MAX_BYTES, data: data, words: words, author: author, isName: isName, keyOf: keyOf,
                  AUTHOR: AUTHOR, MAX_NAME: MAX_NAME };
})(window.HB = window.HB || {});
