/* Handbook client, monitoring rounds (loaded by My assessments, the report and Compare rounds; core.js,
 * data-hb-script):
 *   - HB.rounds: a round is a read-only, dated copy of an assessment's answers. Its record is under
 *     hb1-round|<round id> = {of: <assessment id>, name, created}; its answers under the normal keys
 *     hb1|<publication>|<round id>|<item>. Round ids start with "r" (assessments' with "a", or are "default"), so
 *     HB.assessments never lists a round, and nothing makes one active or writes its answers after saving.
 *   - hb-rounds: no component of its own; it brings HB.rounds to the page (manage.js and report.js list and save).
 *   - hb-compare: the comparison of two rounds, or of a round with the current answers, item by item, tool by
 *     tool: what moved, what was answered for the first time or removed, which notes changed (a word diff). It
 *     prints as a deliverable and exports as CSV.
 * Built with createElement and textContent only: answers and names are the user's text. */
(function (HB) {
  "use strict";

  var PREFIX = HB.FORMAT + "-round|", MAX = 120, CURRENT = "current", MAX_ROUNDS = 100; /* exchange.py's */
  var A = HB.assessments;

  function isRound(r) {
    return !!r && typeof r === "object" && typeof r.of === "string" && typeof r.name === "string" &&
      typeof r.created === "string";
  }

  /* Every round, or the rounds of assessment of, as [{id, of, name, created}], oldest first. */
  function list(of) {
    var out = [], found = HB.storage.stored(PREFIX);
    for (var key in found) {
      var r = HB.storage.read(key, isRound);
      if (r && (of === undefined || r.of === of)) out.push({ id: key.slice(PREFIX.length), of: r.of, name: r.name, created: r.created });
    }
    out.sort(function (a, b) { return a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1; });
    return out;
  }

  function record(id) { return HB.storage.read(PREFIX + id, isRound); }

  /* "Round 2, March 2027": the next number among the assessment's rounds, this month; never a name it has. */
  function suggest(of, when) {
    var taken = list(of).map(function (r) { return r.name; }), n = taken.length, name;
    var month = new Date(when === undefined ? Date.now() : when).toLocaleDateString("en-GB", { month: "long", year: "numeric" });
    do name = "Round " + (++n) + ", " + month; while (taken.indexOf(name) >= 0);
    return name;
  }

  /* Why name cannot be a new round of of ("" when it can). */
  function problem(of, name) {
    return list(of).length >= MAX_ROUNDS ? "This assessment has " + MAX_ROUNDS + " rounds, the most an export " +
      "carries; delete one before saving another."
      : !name ? "Give the round a name."
      : name.length > MAX ? "A name can be at most " + MAX + " characters long; this one has " + name.length + "."
      : list(of).some(function (r) { return r.name === name; })
        ? "This assessment already has a round named '" + name + "'; choose another name." : "";
  }

  function keyIn(key, id) {
    var parts = key.split("|");
    parts[2] = id;
    return parts.join("|");
  }

  /* Every answer key of a round (or an assessment): HB.assessments.keys reads the third part of the key. */
  function keys(id) { return A.keys(id); }

  var FULL = "The round could not be saved: this browser's storage is full. Delete assessments, rounds or notes " +
    "you no longer need (or export them first), then try again.";

  /* Save every answer entry of assessment of (all publications) as a new round named name; return its id, or null
     when storage cannot take it all (then nothing of it stays: the record and every answer written are removed). The
     record comes first and goes first: another tab, told of each answer (the storage event), finds it there. */
  function save(of, name) {
    var id = "r" + Date.now().toString(36) + Math.floor(Math.random() * 1679616).toString(36), found = keys(of);
    var written = [PREFIX + id], ok = HB.storage.write(PREFIX + id, { of: of, name: name, created: new Date().toISOString() });
    for (var i = 0; ok && i < found.length; i++) {
      var e = HB.storage.load(found[i]);
      if (!e) continue;
      written.push(keyIn(found[i], id));
      ok = HB.storage.save(keyIn(found[i], id), e);
    }
    if (!ok) for (i = written.length - 1; i >= 0; i--) HB.storage.write(written[i], null);
    HB.restoreAll();
    return ok ? id : null;
  }

  /* Delete round id and its answers; return what undo() needs to bring them back. */
  function remove(id, quiet) {
    var snapshot = { id: id, record: record(id), entries: {} }, found = keys(id);
    HB.storage.write(PREFIX + id, null);
    for (var i = 0; i < found.length; i++) {
      var e = HB.storage.load(found[i]);
      if (e) snapshot.entries[found[i]] = e;
      HB.storage.save(found[i], null);
    }
    if (!quiet) HB.restoreAll();
    return snapshot;
  }

  function undo(snapshot, quiet) {
    if (snapshot.record) HB.storage.write(PREFIX + snapshot.id, snapshot.record);
    for (var key in snapshot.entries) HB.storage.save(key, snapshot.entries[key]);
    if (!quiet) HB.restoreAll();
  }

  /* The answers stored under id (a round or an assessment) as {publication: {item: entry}}, and how many answers. */
  function entries(id) {
    var out = Object.create(null), found = keys(id), answers = 0; /* ids are looked up: maps without a prototype */
    for (var i = 0; i < found.length; i++) {
      var parts = found[i].split("|"), e = HB.storage.load(found[i]);
      if (!e) continue;
      (out[parts[1]] = out[parts[1]] || Object.create(null))[parts.slice(3).join("|")] = e;
      if (HB.answers.isAnswered(e.v)) answers++;
    }
    return { byPub: out, answers: answers };
  }

  HB.rounds = {
    PREFIX: PREFIX, MAX: MAX, FULL: FULL, list: list, record: record, suggest: suggest, problem: problem, save: save,
    remove: remove, undo: undo, entries: entries
  };

  HB.module("hb-rounds", function () { return {}; });

  /* Another tab saved or deleted a round: core.js's listener knows answers and assessments, not round records. */
  window.addEventListener("storage", function (e) {
    if (e.key && e.key.indexOf(PREFIX) === 0) HB.restoreAll();
  });

  /* ---- words, diff and CSV, shared with the report's table over rounds ----------------------------------------- */

  var data = null; /* #hb-data, parsed once */

  /* #hb-data; after an instant navigation, Material has put its text in a new script element without type or id
     (which the page's policy keeps from running): found by its start. */
  function carrier() {
    var found = document.getElementById("hb-data"), all = document.querySelectorAll("script:not([src])");
    for (var i = 0; !found && i < all.length; i++) if (all[i].textContent.indexOf('{"publications":') === 0) found = all[i];
    return found;
  }

  function load() {
    if (data) return data;
    var raw = JSON.parse(carrier().textContent), pubs = Object.create(null);
    for (var i = 0; i < raw.publications.length; i++) {
      var pub = raw.publications[i], onPage = Object.create(null), items = Object.create(null), j;
      for (j = 0; j < pub.pages.length; j++) onPage[pub.pages[j].id] = [];
      for (j = 0; j < pub.items.length; j++) {
        items[pub.items[j].id] = pub.items[j];
        if (onPage[pub.items[j].page]) onPage[pub.items[j].page].push(pub.items[j]);
      }
      pubs[pub.id] = { pub: pub, onPage: onPage, items: items };
    }
    data = { list: raw.publications, pubs: pubs, kinds: raw.kinds || {} };
    return data;
  }

  function own(map, v) {
    return map && typeof v === "string" && Object.prototype.hasOwnProperty.call(map, v) ? map[v] : null;
  }

  /* An answer in words ("No", "High", "Consult, Beneficiary", a text as typed); "" when not answered. */
  function words(kind, v) {
    var labels = own(load().kinds, kind);
    if (!HB.answers.isAnswered(v)) return "";
    if (v === true) return own(own(data.kinds, "tick"), "yes") || "Selected";
    if (Array.isArray(v)) return v.map(function (x) { return own(labels, x) || String(x); }).join(", ");
    if (typeof v === "string") return kind === "text" ? v : own(labels, v) || v;
    return String(v);
  }
  HB.rounds.words = words;
  HB.rounds.data = load;

  /* The words of a and b as [[kind, words]…], kind "=" (both), "-" (only a) or "+" (only b): a longest common
     subsequence of the words, or, for texts too long to compare word by word, all of a removed and all of b added. */
  function diff(a, b) {
    var x = a ? a.split(/\s+/).filter(Boolean) : [], y = b ? b.split(/\s+/).filter(Boolean) : [];
    var n = x.length, m = y.length, out = [], i, j;
    if (n * m > 250000) return [["-", x.join(" ")], ["+", y.join(" ")]].filter(function (s) { return s[1]; });
    var L = [];
    for (i = 0; i <= n; i++) L.push(new Uint16Array(m + 1));
    for (i = n - 1; i >= 0; i--) for (j = m - 1; j >= 0; j--)
      L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    function push(kind, word) {
      var last = out[out.length - 1];
      if (last && last[0] === kind) last[1] += " " + word; else out.push([kind, word]);
    }
    for (i = 0, j = 0; i < n || j < m;) {
      if (i < n && j < m && x[i] === y[j]) { push("=", x[i]); i++; j++; }
      else if (j < m && (i === n || L[i][j + 1] > L[i + 1][j])) push("+", y[j++]);
      else push("-", x[i++]);
    }
    return out;
  }
  HB.rounds.diff = diff;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null && text !== "") e.textContent = text;
    return e;
  }

  /* A word diff as text with <del> and <ins>, each opened by hidden words a screen reader says. */
  function diffNode(a, b) {
    var p = el("span", "hb-compare__diff"), parts = diff(a, b);
    for (var i = 0; i < parts.length; i++) {
      if (i) p.appendChild(document.createTextNode(" "));
      if (parts[i][0] === "=") { p.appendChild(document.createTextNode(parts[i][1])); continue; }
      var d = el(parts[i][0] === "-" ? "del" : "ins");
      d.appendChild(el("span", "hb-visually-hidden", parts[i][0] === "-" ? "removed: " : "added: "));
      d.appendChild(document.createTextNode(parts[i][1]));
      p.appendChild(d);
    }
    return p;
  }

  /* A CSV cell: quoted (RFC 4180), and neutralised when a spreadsheet would take it for a formula (as transfer.js). */
  function cell(v) {
    v = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;
    return '"' + v.replace(/"/g, '""') + '"';
  }
  function csv(rows) {
    return "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  /* An item's section (numbers restart in each), without footnote marks. */
  function sectionOf(item) { return (item.section || "").replace(/\[\^[^\]]*\]/g, "").trim(); }
  HB.rounds.sectionOf = sectionOf;

  /* ---- the comparison -------------------------------------------------------------------------------------- */

  /* What changed from entry a to entry b of item: {answer: text or "", note: bool, kinds: [summary keys]}. */
  function squash(text) { return text.replace(/\s+/g, " ").trim(); }

  function change(item, a, b) {
    var va = a ? a.v : null, vb = b ? b.v : null, wa = words(item.kind, va), wb = words(item.kind, vb);
    var na = (a && typeof a.n === "string" && a.n) || "", nb = (b && typeof b.n === "string" && b.n) || "";
    var out = { wa: wa, wb: wb, na: na, nb: nb, said: [], kinds: [] };
    if (!wa && wb) { out.said.push("Answered for the first time"); out.kinds.push("first"); }
    else if (wa && !wb) { out.said.push("Answer removed"); out.kinds.push("removed"); }
    else if (wa !== wb) {
      out.said.push(item.kind === "text" ? "Answer changed" : wa + " \u2192 " + wb);
      out.kinds.push("changed");
      out.textDiff = item.kind === "text";
    }
    /* A note that came or went with the whole item is said by "first time" or "removed"; spaces and line breaks
       alone change nothing. */
    if (squash(na) !== squash(nb) && !(out.kinds.length && (!wa && !na || !wb && !nb))) {
      out.said.push("Note changed");
      out.kinds.push("note");
    }
    out.fa = !!(a && a.f === true);
    out.fb = !!(b && b.f === true);
    if (!out.fa && out.fb) { out.said.push("Marked: something must be done"); out.kinds.push("flagged"); }
    else if (out.fa && !out.fb) { out.said.push("Mark removed"); out.kinds.push("unflagged"); }
    if (!out.kinds.length) { out.said.push("No change"); out.kinds.push("same"); }
    return out;
  }

  var KINDS = [["changed", "answer changed", "answers changed"], ["first", "answered for the first time", "answered for the first time"],
               ["removed", "answer removed", "answers removed"], ["note", "note changed", "notes changed"],
               ["flagged", "marked: something must be done", "marked: something must be done"],
               ["unflagged", "mark removed", "marks removed"],
               ["same", "item without change", "items without change"]];

  /* A file name from the assessment's name (safe characters only) and today's date (as transfer.js). */
  function fileName(name, suffix) {
    var base = name.normalize ? name.normalize("NFKD") : name;
    base = base.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "").toLowerCase();
    return (base || "assessment") + "-" + new Date().toISOString().slice(0, 10) + suffix;
  }

  /* The address of a workspace page (assessments, report, compare), from the links the build wrote in the page. */
  function to(page) {
    var a = document.querySelector('a[data-hb-to="' + page + '"]');
    return a ? a.getAttribute("href") : "";
  }
  HB.rounds.to = to;

  function query(name) {
    var m = new RegExp("[?&]" + name + "=([^&#]*)").exec(location.search);
    try { return m ? decodeURIComponent(m[1]) : null; } catch (e) { return null; }
  }

  var STRAY = { id: "", heading: "Items this edition does not have" };

  HB.module("hb-compare", function (root) {
    var d = load(), links = {}, found = document.querySelectorAll("a[data-hb-page]"), i, shown = "", said = "";
    for (i = 0; i < found.length; i++) links[found[i].getAttribute("data-hb-page")] = found[i].getAttribute("href");
    root.hidden = true;
    HB.style("rounds", function () { root.hidden = false; });
    root.classList.add("hb-compare");

    /* The choice in the address. A Compare link of My assessments (switch=1, said once) makes the round's
       assessment active; any other address (Back, a bookmark, a shared link) never changes which assessment answers
       go into: a round of another assessment there is not followed, and the page says so. */
    var pickA = query("a"), pickB = query("b"), named = [];
    [pickA, pickB].forEach(function (v) { if (v && v !== CURRENT) named.push({ id: v, r: record(v) }); });
    if (query("switch") === "1" && named.length && named[0].r && named[0].r.of !== A.active() && A.record(named[0].r.of)) {
      A.activate(named[0].r.of);
      said = "'" + A.record(named[0].r.of).name + "', the assessment of round '" + named[0].r.name + "', is now the active assessment.";
    }
    var mine = A.active(), stranger = named.filter(function (n) { return !n.r || n.r.of !== mine; })[0];
    if (stranger) {
      var owner = stranger.r && A.record(stranger.r.of);
      said = (stranger.r ? "The address names round '" + stranger.r.name + "' of " + (owner ? "another assessment, '" +
        owner.name + "'" : "an assessment this browser no longer has") : "The address names a round this browser does not have") +
        ". Only the active assessment's rounds are compared here, so this shows its own." +
        (owner ? " To compare that round, make '" + owner.name + "' active on My assessments first." : "");
      pickA = pickB = null;
    }

    var controls = el("div", "hb-compare__controls hb-screen-only");
    var status = el("p", "hb-compare__status hb-screen-only", said);
    status.setAttribute("role", "status");
    function picker(id, label) {
      var p = el("p", "hb-compare__field"), l = el("label", "", label), s = el("select");
      s.id = l.htmlFor = id;
      p.appendChild(l);
      p.appendChild(s);
      controls.appendChild(p);
      return s;
    }
    var selA = picker("hb-compare-a", "Compare (earlier)"), selB = picker("hb-compare-b", "with (later)");
    var onlyLine = el("p", "hb-compare__field"), only = el("input"), onlyLabel = el("label", "", "Show only what changed");
    only.type = "checkbox";
    only.id = onlyLabel.htmlFor = "hb-compare-only";
    only.checked = true;
    onlyLine.appendChild(only);
    onlyLine.appendChild(onlyLabel);
    controls.appendChild(onlyLine);
    var actions = el("p", "hb-compare__actions");
    var print = el("button", "md-button", "Print or save as PDF"), exp = el("button", "md-button", "Export comparison (CSV)");
    print.type = exp.type = "button";
    actions.appendChild(print);
    actions.appendChild(exp);
    controls.appendChild(actions);
    /* On screen the choice follows what is compared; the date, edition and citations (for print) come after. */
    var head = el("div", "hb-compare__head"), meta = el("div", "hb-compare__meta"), body = el("div", "hb-compare__body");
    [status, head, controls, meta, body].forEach(function (e) { root.appendChild(e); });

    var rows = [], sides = null, summaryText = "", swapped = ""; /* the comparison drawn: for the CSV, the status */

    function side(value, rounds, record) {
      if (value === CURRENT) return { id: record.id, name: "Current answers", when: "as of " + HB.day(), current: true };
      for (var k = 0; k < rounds.length; k++)
        if (rounds[k].id === value) return { id: value, name: rounds[k].name, when: "saved " + HB.day(rounds[k].created) };
      return null;
    }

    function options(select, rounds, value) {
      select.textContent = "";
      for (var k = 0; k < rounds.length; k++) {
        var o = el("option", "", rounds[k].name + " (saved " + HB.day(rounds[k].created) + ")");
        o.value = rounds[k].id;
        select.appendChild(o);
      }
      var c = el("option", "", "Current answers");
      c.value = CURRENT;
      select.appendChild(c);
      select.value = value;
    }

    function answerCell(tr, label, words, note, entry, item, flag) {
      var td = el("td", "hb-compare__answer");
      td.setAttribute("data-label", label);
      if (words) td.appendChild(el("span", "hb-compare__words", words));
      else td.appendChild(el("span", "hb-compare__none", "Not answered"));
      if (entry && HB.answers.isAnswered(entry.v) && entry.h && item.hash && entry.h !== item.hash)
        td.appendChild(el("span", "hb-compare__mark", "Answered to an earlier wording"));
      if (flag) td.appendChild(el("span", "hb-compare__mark", "Marked: something must be done"));
      if (note) td.appendChild(el("span", "hb-compare__note", "Note: " + note));
      tr.appendChild(td);
    }

    /* The address says what is compared (a reload keeps it, it can be kept or given); nothing when nothing is. */
    function address(search) {
      if (location.search === search || !history.replaceState) return;
      try { history.replaceState(history.state, "", location.pathname + search + location.hash); }
      catch (e) { /* a browser may refuse it from file:// */ }
    }

    function draw() {
      var id = A.active(), rec = A.record(id) || { name: "" }, rounds = list(id);
      rec.id = id;
      var a = pickA, b = pickB;
      var ids = rounds.map(function (r) { return r.id; }).concat([CURRENT]);
      if (ids.indexOf(a) < 0) a = rounds.length ? rounds[rounds.length - 1].id : CURRENT;
      if (ids.indexOf(b) < 0) b = CURRENT;
      /* Time order: the earlier first (rounds by the date saved, the current answers always last), so a change
         reads as it happened ("No → Yes"), whichever way it was chosen. */
      swapped = "";
      if (ids.indexOf(a) > ids.indexOf(b)) { var t0 = a; a = b; b = t0; swapped = "The earlier is compared with the later: the two were swapped."; }
      /* Kept for the next drawing; none without rounds: the first round saved is then the default. */
      pickA = rounds.length ? a : null;
      pickB = rounds.length ? b : null;
      var sig = [id, rec.name, a, b, only.checked, JSON.stringify(rounds), JSON.stringify(entries(id).byPub)].join("\n");
      if (sig === shown) return;
      shown = sig;
      options(selA, rounds, a);
      options(selB, rounds, b);

      head.textContent = meta.textContent = body.textContent = "";
      rows = [];
      head.appendChild(el("h2", "hb-compare__name", rec.name || "Unnamed assessment"));
      document.title = (rec.name || "Unnamed assessment") + " – Compare rounds";
      if (!rounds.length) {
        controls.hidden = true;
        address("");
        var p = el("p", "hb-compare__empty", "This assessment has no rounds yet. Save its answers as a round with " +
          "\u201cSave as round\u201d on ");
        var m = el("a", "", "My assessments"), r = el("a", "", "the report");
        m.href = to("assessments");
        r.href = to("report");
        p.appendChild(m);
        p.appendChild(document.createTextNode(" or under \u201cRounds\u201d on "));
        p.appendChild(r);
        p.appendChild(document.createTextNode(", change the answers over time, then compare them here."));
        body.appendChild(p);
        summaryText = p.textContent;
        sides = null;
        return;
      }
      controls.hidden = false;
      address("?a=" + encodeURIComponent(a) + "&b=" + encodeURIComponent(b));
      var sa = side(a, rounds, rec), sb = side(b, rounds, rec);
      sides = [sa, sb];
      var ea = entries(a === CURRENT ? id : a).byPub, eb = entries(b === CURRENT ? id : b).byPub;
      head.appendChild(el("p", "hb-compare__sides", "Comparing " + sa.name + " (" + sa.when + ") with " + sb.name +
        " (" + sb.when + ")."));
      meta.appendChild(el("p", "hb-compare__date", "Printed " + HB.day()));
      var edition = document.querySelector('meta[name="hb-edition"]');
      if (edition) meta.appendChild(el("p", "hb-compare__edition", edition.getAttribute("data-label")));
      for (var k = 0; k < d.list.length; k++) {
        var pub = d.list[k], box = el("div", "hb-compare__pub"), line = el("p");
        line.appendChild(el("strong", "", pub.title));
        line.appendChild(document.createTextNode(". Edition " + pub.edition + "."));
        box.appendChild(line);
        box.appendChild(el("p", "", "Cite as: " + pub.citation));
        line = el("p", "", pub.licence.statement + " ");
        if (pub.licence.url) {
          var lic = el("a", "", "Licence: " + pub.licence.name);
          lic.href = pub.licence.url;
          line.appendChild(lic);
        }
        box.appendChild(line);
        meta.appendChild(box);
      }

      var counts = {}, out = document.createDocumentFragment(), any = false, tbody = null, was = null;

      /* A tool's table, begun at its first row shown. */
      function begin(pubId, page) {
        var section = el("section", "hb-compare__tool"), h3 = el("h3", "hb-compare__caption", page.heading);
        h3.id = "hb-compare-" + pubId + "-" + (page.id || "other");
        section.appendChild(h3);
        var wrap = el("div", "hb-table hb-compare__wrap"), t = el("table", "hb-compare__table"), hr = el("tr");
        t.setAttribute("aria-labelledby", h3.id);
        ["Number", page.id ? "Question" : "Item", sa.name, sb.name, "What changed"].forEach(function (words) {
          var th = el("th", "", words);
          th.scope = "col";
          hr.appendChild(th);
        });
        var thead = el("thead");
        thead.appendChild(hr);
        t.appendChild(thead);
        t.appendChild(tbody = el("tbody"));
        wrap.appendChild(t);
        section.appendChild(wrap);
        out.appendChild(section);
        any = true;
        was = null;
      }

      /* One item's row, counted, and shown unless only what changed is. */
      function add(pubId, page, item, x, y) {
        if (!x && !y) return;
        var c = change(item, x, y);
        if (!HB.answers.isAnswered(x && x.v) && !HB.answers.isAnswered(y && y.v) && !c.na && !c.nb && !c.fa && !c.fb) return;
        for (var q = 0; q < c.kinds.length; q++) counts[c.kinds[q]] = (counts[c.kinds[q]] || 0) + 1;
        rows.push([pubId, page, item, c]);
        if (only.checked && c.kinds[0] === "same") return;
        if (!tbody) begin(pubId, page);
        /* Numbers restart in each section (Tool 11's criteria): a row group headed by its name. */
        var sec = sectionOf(item);
        if (sec && sec !== was) {
          if (was !== null) tbody.parentNode.appendChild(tbody = el("tbody"));
          var sr = el("tr", "hb-compare__section"), sh = el("th", "", sec);
          sh.colSpan = 5;
          sh.scope = "rowgroup";
          sr.appendChild(sh);
          tbody.appendChild(sr);
        }
        was = sec;
        var tr = el("tr", c.kinds[0] === "same" ? "hb-compare__same" : "hb-compare__changed"), td;
        td = el("td", "hb-compare__number", item.number || "");
        td.setAttribute("data-label", "Number");
        tr.appendChild(td);
        td = el("td");
        td.setAttribute("data-label", page.id ? "Question" : "Item");
        var href = page.id && links[pubId + "/" + item.page], qa = el(href ? "a" : "span", "", item.text);
        if (href) qa.href = href + "#" + item.id;
        td.appendChild(qa);
        if (item.retired) td.appendChild(el("span", "hb-compare__mark", "Retired in this edition"));
        if (!page.id) td.appendChild(el("span", "hb-compare__mark", "Not in this edition" +
          (d.pubs[pubId] ? "" : " (publication " + pubId + ")")));
        tr.appendChild(td);
        answerCell(tr, sa.name, c.wa, c.na, x, item, c.fa);
        answerCell(tr, sb.name, c.wb, c.nb, y, item, c.fb);
        td = el("td", "hb-compare__change");
        td.setAttribute("data-label", "What changed");
        for (q = 0; q < c.said.length; q++) {
          td.appendChild(el("span", "hb-compare__said", c.said[q]));
          if (c.said[q] === "Answer changed" && c.textDiff) td.appendChild(diffNode(c.wa, c.wb));
          if (c.said[q] === "Note changed") td.appendChild(diffNode(c.na, c.nb));
        }
        tr.appendChild(td);
        tbody.appendChild(tr);
      }

      for (k = 0; k < d.list.length; k++) {
        var pubId = d.list[k].id, P = d.pubs[pubId], A1 = ea[pubId] || {}, B1 = eb[pubId] || {};
        for (var j = 0; j < d.list[k].pages.length; j++) {
          var page = d.list[k].pages[j], items = P.onPage[page.id];
          tbody = null;
          for (var n = 0; n < items.length; n++) add(pubId, page, items[n], A1[items[n].id], B1[items[n].id]);
        }
      }
      /* Answers kept for items this edition does not have (a later or earlier edition's): as stored, never
         matched to another item. */
      var strays = [], seen = Object.create(null), none = Object.create(null);
      [ea, eb].forEach(function (side) {
        for (var pid in side) for (var iid in side[pid]) {
          if (d.pubs[pid] && d.pubs[pid].items[iid]) continue;
          if (!seen[pid + "|" + iid]) strays.push([pid, iid]);
          seen[pid + "|" + iid] = 1;
        }
      });
      strays.sort(function (x, y) { return x[0] + "|" + x[1] < y[0] + "|" + y[1] ? -1 : 1; });
      tbody = null;
      for (k = 0; k < strays.length; k++) {
        var sp = strays[k][0], si = strays[k][1];
        add(sp, STRAY, { id: si, text: si, kind: "", number: "" }, (ea[sp] || none)[si], (eb[sp] || none)[si]);
      }

      var summary = [];
      for (k = 0; k < KINDS.length; k++) {
        var count = counts[KINDS[k][0]] || 0;
        if (count) summary.push(count + " " + KINDS[k][count === 1 ? 1 : 2]);
      }
      var sum = el("p", "hb-compare__summary", rows.length ? "Of " + HB.plural(rows.length, "item") +
        " answered or noted: " + summary.join(", ") + "." : "Neither has any answer or note.");
      body.appendChild(sum);
      summaryText = sum.textContent;
      if (only.checked && rows.length) body.appendChild(el("p", "hb-compare__filter", "Only the items that changed are shown."));
      if (!any && rows.length) body.appendChild(el("p", "hb-compare__nothing", only.checked
        ? "Nothing changed between " + sa.name + " and " + sb.name + "." : ""));
      body.appendChild(out);
    }

    function exportCsv() {
      if (!sides) return;
      var ed = document.querySelector('meta[name="hb-edition"]'), edition = ed ? ed.content : "development build";
      var out = [["Publication", "Tool", "Section", "Number", "Question", sides[0].name + ": answer", sides[0].name + ": note",
                  sides[1].name + ": answer", sides[1].name + ": note", "Changed", "Change", "Handbook edition"]];
      for (var k = 0; k < rows.length; k++) {
        var r = rows[k], c = r[3], same = c.kinds[0] === "same", P = d.pubs[r[0]];
        out.push([P ? P.pub.short_title || P.pub.title : r[0], r[1].heading, sectionOf(r[2]), r[2].number || "", r[2].text,
                  c.wa, c.na, c.wb, c.nb, same ? "no" : "yes", c.said.join("; "), edition]);
      }
      var name = fileName((A.record(A.active()) || { name: "" }).name, "-comparison.csv");
      HB.offer(csv(out), name, "text/csv");
      status.textContent = "Saved the comparison as " + name + ", with " + HB.plural(rows.length, "row") + " of items.";
    }

    /* A new choice: drawn, and what it shows said (the status line is read out). */
    function chosen() {
      pickA = selA.value;
      pickB = selB.value;
      draw();
      status.textContent = [swapped, sides ? "Comparing " + sides[0].name + " with " + sides[1].name + "." : "",
        summaryText, only.checked && rows.length ? "Only the items that changed are shown." : ""].filter(Boolean).join(" ");
    }
    selA.addEventListener("change", chosen);
    selB.addEventListener("change", chosen);
    only.addEventListener("change", chosen);
    print.addEventListener("click", function () { window.print(); });
    exp.addEventListener("click", exportCsv);
    draw();
    /* update: answers may have changed (another tab fires one storage event per answer: 10,000 for a large
       import), so the comparison is read again at most once a frame, and drawn again only if it changed. */
    var frame = 0;
    return {
      restore: function () { shown = ""; draw(); },
      update: function () { if (!frame) frame = requestAnimationFrame(function () { frame = 0; draw(); }); },
      beforePrint: draw
    };
  });

  /* Pages whose components list rounds draw them now that HB.rounds is here. */
  HB.restoreAll();
})(window.HB = window.HB || {});
