/* Handbook client, merge (loaded by transfer.js the first time the reader asks to merge an import into an
 * assessment): the review that compares a checked import (HB.transfer.check) with the target item by item, the
 * reader's decisions, and the write. Nothing is written until the review's confirming button, and nothing then if
 * the target changed meanwhile (another tab): the review is shown again.
 *
 * Per item (publication + item id, never by position): agreed (the answers agree, and their note is already one of
 * the paragraphs of mine), only theirs (they answered, I did not: added unless declined, per item or per tool),
 * only mine (a count), decided before (their answer's signature is in my entry's `x`, or in the assessment's
 * `hb1-declined|<id>` record of only-theirs answers left out, honoured while the assessment holds an entry of
 * their publication), a note to add (the answers agree, or theirs is none, and only they wrote a note: added, never a conflict), or in
 * conflict. An entry with only a note or the flag is not an answer: against an answer, the answer is taken, and
 * only the notes can conflict. The "Something must be done" flag is the union of both sides. Answers to items this
 * edition does not hold follow the same rules without a choice: theirs is added where I hold no answer (my note
 * stays), their note where I wrote none, else mine is kept; answers to a retired item or to another wording are
 * decided like the others, and labelled so. "Keep both notes" adds only their paragraphs not already among mine.
 * The merged entry records whose answer was kept (`by`). A merge takes answers only, never the file's rounds.
 */
(function (HB) {
  "use strict";

  var T = HB.transfer, MAX_DECLINED = 20, MAX_LEFT_OUT = 2000, count = 0;
  /* + assessment id: {of: the assessment's "created", left: ["pub|item|signature", …]}, their answers to items I
     had not answered that I chose not to add. "of" tells a record left by a deleted assessment of the same id. */
  var DECLINED = HB.FORMAT + "-declined|";

  /* A short signature of an answer and its note (FNV-1a, base 36): what `x` remembers of a declined answer. */
  function sig(e) {
    var s = JSON.stringify([e.v === undefined ? null : e.v, e.n || ""]), h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return h.toString(36);
  }
  function same(a, b) { return JSON.stringify(a === undefined ? null : a) === JSON.stringify(b); }
  function has(e) { return !!e && HB.answers.isAnswered(e.v); }
  function blank(e) { return !e || !has(e) && !e.n && e.f !== true; }
  /* Whether note part is already in note whole: each of part's paragraphs ("\n\n" apart) is a whole paragraph
     of whole, as it is or as "Keep both notes" wrote it ("<their name>: " + theirs). Never a mere substring. */
  function noteIn(whole, part, by) {
    return !part || !!whole && fresh(whole, part, by).length === 0;
  }
  /* The paragraphs of note part that are not (whole) paragraphs of note whole. */
  function fresh(whole, part, by) {
    var w = "\n\n" + (whole || "") + "\n\n";
    return String(part).split("\n\n").filter(function (p) {
      return w.indexOf("\n\n" + p + "\n\n") < 0 && !(by && w.indexOf("\n\n" + by + ": " + p + "\n\n") >= 0);
    });
  }
  function copy(e) { var out = {}; for (var k in e) if (Object.prototype.hasOwnProperty.call(e, k)) out[k] = e[k]; return out; }
  function declined(list, s) { return (Array.isArray(list) ? list : []).concat(s).slice(-MAX_DECLINED); }

  /* "Tool 3" of "Tool 3: Policy Checklist". */
  function toolOf(heading) { return String(heading || "").split(":")[0].trim(); }

  /* Compare checked import r with assessment target. Return {groups: [{tool, heading, conflicts: [row],
     theirs: [row], flags: [row], notes: [row] (their note to add), agreed, before}], unknown: [row] (not in this
     edition: from "theirs", their answer added; from "mine", their note or flag added), kept: [row] (not in this
     edition, mine kept; their flag joins it), agreed, before, mine (answers only the target holds), total, texts
     (the target's stored texts, read once, to tell at confirm whether another tab changed them), stale (answers
     left out no longer honoured, to forget)}; a row is {key (the storage key in the target), item (this site's,
     or null), cur, inc, by (their name), label ("" or why it is of another edition), from
     ("both": the answers differ; "theirs": only they answered, theirs is taken; "mine": only I answered or the
     answers are the same, mine stays: only the notes differ)}. Writes nothing. */
  function compare(r, target) {
    var s = T.data(), found = HB.storage.stored(HB.FORMAT + "|"), mine = Object.create(null), seen = Object.create(null);
    var groups = Object.create(null), list = [], texts = Object.create(null), left = Object.create(null);
    var out = { groups: list, unknown: [], kept: [], agreed: 0, before: 0, mine: 0, total: r.entries.length,
                texts: texts, flagged: false };
    for (var key in found) {
      var parts = key.split("|"), e;
      if (parts.length !== 4 || parts[2] !== target) continue;
      texts[key] = found[key];
      try { e = JSON.parse(found[key]); } catch (x) { continue; }
      if (e && typeof e === "object" && !blank(e)) mine[parts[1] + "|" + parts[3]] = e;
    }
    var was = HB.storage.read(DECLINED + target), rec = HB.assessments.record(target);
    texts[DECLINED] = JSON.stringify(was);
    out.of = rec ? rec.created : null;
    out.leftOut = was && was.of === out.of && Array.isArray(was.left) ? was.left : [];
    /* Answers left out are remembered against what the target held then: once it holds nothing in their
       publication (all its answers there removed), they are asked about again, and the next write forgets them. */
    var held = Object.create(null), all = out.leftOut.length;
    for (key in mine) held[key.split("|")[0]] = true;
    out.leftOut = out.leftOut.filter(function (x) { return held[String(x).split("|")[0]]; });
    out.stale = out.leftOut.length < all;
    out.leftOut.forEach(function (x) { left[x] = true; });
    for (var i = 0; i < r.entries.length; i++) {
      var x = r.entries[i], k = x.pub + "|" + x.item, info = s.items[k], cur = mine[k], inc = x.entry;
      seen[k] = true;
      if (inc.f) out.flagged = true;
      var row = { key: T.keyOf(x, target), pub: x.pub, id: x.item, item: info ? info.item : null, info: info,
                  cur: cur || null, inc: inc, by: inc.by || r.author || r.name, label: "", take: false, both: false,
                  add: true, from: "both", left: k + "|" + sig(inc) };
      var ca = has(cur), ia = has(inc), valueOk = !ia || ca && same(cur.v, inc.v);
      var noteOk = !!cur && noteIn(cur.n, inc.n, row.by), flagOk = !inc.f || !!cur && cur.f === true;
      if (!info) {
        /* An item this edition cannot show is not decided here. Their answer is taken where I hold none (a note
           or the flag alone is none; my note stays), their note added where I have none, the flag is the union;
           else mine stays. */
        var xed = Array.isArray(cur && cur.x) && cur.x.indexOf(sig(inc)) >= 0;
        if (!cur || ia && !ca && !xed) { row.from = "theirs"; out.unknown.push(row); }
        else if (valueOk && noteOk && flagOk) out.agreed++;
        else if (xed && flagOk) out.before++;
        else if (valueOk && (noteOk || !cur.n || xed)) { row.from = "mine"; out.unknown.push(row); }
        else out.kept.push(row);
        continue;
      }
      var gk = x.pub + "|" + info.item.page, g = groups[gk];
      if (!g) {
        g = groups[gk] = { tool: toolOf(info.page ? info.page.heading : info.item.heading),
                           heading: info.page ? info.page.heading : info.item.heading, page: info.item.page,
                           pub: x.pub, conflicts: [], theirs: [], flags: [], notes: [], agreed: 0, before: 0,
                           rank: s.order.indexOf(x.pub) * 1e6 + info.rank };
        list.push(g);
      } else if (info.rank < g.rank % 1e6) g.rank = s.order.indexOf(x.pub) * 1e6 + info.rank;
      if (info.item.retired) row.label = "retired in this edition";
      else if (ia && inc.h && inc.h !== info.item.hash) row.label = "answered to a different wording";
      if (!cur || ia && !ca && (!cur.n || noteIn(cur.n, inc.n, row.by) || !inc.n)) {
        /* Only they answered (my entry, if any, holds a note or the flag that goes with theirs). */
        if (left[row.left]) { g.before++; out.before++; } else g.theirs.push(row);
      } else if (valueOk && noteOk) {
        if (flagOk) { g.agreed++; out.agreed++; } else g.flags.push(row); /* only their flag to add */
      } else if (Array.isArray(cur.x) && cur.x.indexOf(sig(inc)) >= 0) { g.before++; out.before++; }
      else if (valueOk && !cur.n) g.notes.push(row); /* the answers agree (or theirs is none): only their note to add */
      else {
        row.from = ia && !ca ? "theirs" : valueOk ? "mine" : "both";
        g.conflicts.push(row);
      }
    }
    for (k in mine) if (!seen[k] && s.items[k] && has(mine[k])) out.mine++;
    list.sort(function (a, b) { return a.rank - b.rank; });
    function byRank(a, b) { return a.info.rank - b.info.rank; }
    list.forEach(function (g) { g.conflicts.sort(byRank); g.theirs.sort(byRank); });
    return out;
  }

  /* The entries to write for the decisions taken (row.take, row.both, row.add), as [[key, entry]], the record of
     only-theirs answers left out (`declined`, or null when unchanged), and how many writes change an answer, a
     note or the flag (the rest only record a declined answer). */
  function plan(cmp, me) {
    var writes = [], changes = 0, left = [];
    function flag(e, a, b) { if (a && a.f === true || b && b.f === true) e.f = true; return e; }
    function theirs(row) { /* their answer; my note (and flag) stay when theirs adds nothing to them */
      var e = flag(copy(row.inc), row.cur, row.inc), cur = row.cur;
      e.by = row.by;
      if (cur && cur.n && noteIn(cur.n, row.inc.n, row.by)) e.n = cur.n;
      if (!e.n) delete e.n;
      if (cur && Array.isArray(cur.x)) e.x = cur.x;
      if (!e.t && cur) e.t = cur.t;
      return e;
    }
    function note(row) { /* mine stays (and who gave it); their note where I have none; the flag of either */
      var e = flag(copy(row.cur), row.cur, row.inc);
      if (!e.n && row.inc.n) e.n = row.inc.n;
      return e;
    }
    cmp.groups.forEach(function (g) {
      g.conflicts.forEach(function (row) {
        var cur = row.cur, inc = row.inc, e;
        var both = row.both && !!cur.n && !!inc.n && cur.n !== inc.n;
        /* Their paragraphs not already among mine (a chain of merges repeats none). */
        var add = both ? fresh(cur.n, inc.n, row.by) : [];
        var joined = both ? cur.n + (add.length ? "\n\n" + row.by + ": " + add.join("\n\n") : "") : "";
        if (row.from === "theirs") {
          /* I hold no answer: theirs is taken whatever is chosen; the choice is whose note. Keeping my note
             records their answer-and-note as declined, so that the same file does not ask again (their answer,
             taken, is then mine: `x` never declines an answer against none). */
          e = theirs(row);
          e.n = joined || (row.take ? inc.n : cur.n);
          if (!row.take && !both) e.x = declined(cur.x, sig(inc));
          changes++;
        } else if (row.take && row.from === "both") {
          e = flag(copy(inc), cur, inc);
          e.by = row.by;
          e.n = joined || inc.n || cur.n; /* my note stays when they wrote none */
          if (!e.n) delete e.n;
          /* Mine, given up, counts as declined: an export holding it again does not ask again. */
          e.x = declined(cur.x, sig(cur));
          if (!e.t) e.t = cur.t;
          changes++;
        } else {
          /* Mine stays (my answer, or the same answer, or they gave none); with "Take theirs", their note. */
          e = flag(copy(cur), cur, inc);
          var changed = inc.f === true && cur.f !== true;
          if (row.take && !both) { e.n = inc.n; if (!e.n) delete e.n; changed = true; }
          else {
            if (joined) { e.n = joined; changed = changed || joined !== cur.n; }
            /* Their answer (or their note, when not joined to mine) declined: not asked again. */
            if (row.from === "both" || !joined) e.x = declined(cur.x, sig(inc));
          }
          if (changed) changes++;
          if (!e.by && me && has(cur)) e.by = me; /* an answer taken from a colleague before keeps their name */
        }
        writes.push([row.key, e]);
      });
      g.theirs.forEach(function (row) {
        if (row.add) { writes.push([row.key, theirs(row)]); changes++; } else left.push(row.left);
      });
      g.flags.forEach(function (row) { writes.push([row.key, flag(copy(row.cur), row.inc)]); changes++; });
      g.notes.forEach(function (row) { writes.push([row.key, note(row)]); changes++; });
    });
    cmp.unknown.forEach(function (row) {
      var cur = row.cur, inc = row.inc, e;
      if (row.from === "mine") e = note(row);
      else {
        e = theirs(row);
        if (cur && cur.n && !noteIn(cur.n, inc.n, row.by)) { e.n = cur.n; e.x = declined(cur.x, sig(inc)); }
      }
      writes.push([row.key, e]);
      changes++;
    });
    cmp.kept.forEach(function (row) { /* mine stays; their flag joins it */
      if (row.inc.f === true && row.cur.f !== true) { writes.push([row.key, flag(copy(row.cur), row.inc)]); changes++; }
    });
    return { writes: writes, changes: changes, declined: left.length || cmp.stale ?
             { of: cmp.of, left: cmp.leftOut.concat(left).slice(-MAX_LEFT_OUT) } : null };
  }

  /* Whether storage has room for chars more characters: probed by writing one temporary key of that size.
     The one place outside storage.js that touches localStorage: HB.storage has no such probe, and storage.js,
     loaded by every page, has no room left in the size budget for one (README.md, "The client"). */
  function fits(chars) {
    var ls, probe = HB.FORMAT + "-probe";
    if (chars <= 0) return true;
    try { ls = window.localStorage; ls.getItem(probe); } catch (e) { return true; } /* blocked: kept in memory */
    try {
      ls.setItem(probe, new Array(chars + 1).join("x"));
      ls.removeItem(probe);
      return true;
    } catch (e) {
      try { ls.removeItem(probe); } catch (x) { /* nothing was written */ }
      return false;
    }
  }

  /* Write plan p into target: return the snapshot HB.transfer.undo() takes, or null when storage refused a
     write (everything is then put back). The target becomes the active assessment. */
  function commit(target, p) {
    var A = HB.assessments, had = A.keys(target), cur, i;
    var snap = { mode: "merge", before: A.active(), entries: Object.create(null), id: target, record: A.record(target) };
    for (i = 0; i < had.length; i++) if ((cur = HB.storage.load(had[i]))) snap.entries[had[i]] = cur;
    if (p.declined) {
      snap.declined = [DECLINED + target, HB.storage.read(DECLINED + target)];
      if (!HB.storage.write(DECLINED + target, p.declined)) { T.undo(snap); return null; }
    }
    for (i = 0; i < p.writes.length; i++) {
      if (!HB.storage.save(p.writes[i][0], p.writes[i][1])) { T.undo(snap); return null; }
    }
    A.activate(target);
    return snap;
  }

  /* The characters plan p adds to storage (keys and texts, less the texts they replace). */
  function size(p, target) {
    var found = HB.storage.stored(HB.FORMAT + "|"), n = 0;
    for (var i = 0; i < p.writes.length; i++) {
      var key = p.writes[i][0], old = found[key];
      n += JSON.stringify(p.writes[i][1]).length + (old ? -old.length : key.length);
    }
    return n + (p.declined ? JSON.stringify(p.declined).length + DECLINED.length + target.length : 0);
  }

  /* Whether the target's stored answers are still the texts compare() read. */
  function unchanged(cmp, target) {
    var found = HB.storage.stored(HB.FORMAT + "|"), n = 0, key;
    for (key in found) {
      var parts = key.split("|");
      if (parts.length !== 4 || parts[2] !== target) continue;
      if (cmp.texts[key] !== found[key]) return false;
      n++;
    }
    for (key in cmp.texts) if (key !== DECLINED) n--;
    return n === 0 && cmp.texts[DECLINED] === JSON.stringify(HB.storage.read(DECLINED + target));
  }

  /* ---- the review ---------------------------------------------------------------------------------------- */

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }
  function button(text, primary) {
    return el("button", { type: "button", "class": "md-button" + (primary ? " md-button--primary" : "") }, text);
  }
  function say(n, one, many) { return n + " " + (n === 1 ? one : many); }

  /* The item's number as the page prints it ("3." ), followed by a space; "" for none. */
  function num(it) {
    var n = it.number === null || it.number === undefined ? "" : String(it.number);
    return n ? n + (/[.)]$/.test(n) ? " " : ". ") : "";
  }
  /* "3. Has an analysis been conducted on the…": the question's number and opening words. */
  function opening(it) {
    var words = String(it.text).split(/\s+/), head = words.slice(0, 8).join(" ");
    return num(it) + head + (words.length > 8 ? "…" : "");
  }

  /* One side of a conflict: who, the answer in words, the note, the flag. */
  function side(who, kind, e, cls) {
    var box = el("div", { "class": "hb-merge__side " + cls });
    box.appendChild(el("p", { "class": "hb-merge__who" }, who));
    var v = e ? T.words(kind, e.v) : "";
    box.appendChild(el("p", { "class": "hb-merge__answer" + (v ? "" : " hb-merge__none") }, v || "No answer"));
    if (e && e.n) box.appendChild(el("p", { "class": "hb-merge__note" }, "Note: " + e.n));
    if (e && e.f === true) box.appendChild(el("p", {}, "Something must be done"));
    return box;
  }

  /* Why only the notes are to choose between, when the answers are not. */
  function hint(row) {
    if (row.from === "theirs") return "You gave no answer here: theirs is taken. Choose whose note to keep.";
    if (row.from !== "mine") return "";
    return has(row.inc) ? "The answers are the same: choose whose note to keep." : has(row.cur) ?
      "They gave no answer here: yours stays. Choose whose note to keep." :
      "Neither of you gave an answer here: choose whose note to keep.";
  }

  /* Show the review of checked import o.r against assessment o.target (named o.name) in box; o.cancel(),
     o.gone() (the target was deleted meanwhile), o.done(text, snapshot or null). o.note: a message to show
     first (the review shown again because the target changed). */
  function review(outer, o) {
    var r = o.r, me = T.author(), from = r.author || r.name, uid = "hb-merge-" + (++count);
    var cmp = compare(r, o.target), rows = [], theirRows = [], links = Object.create(null), i;
    var anchors = document.querySelectorAll("a[data-hb-page]");
    for (i = 0; i < anchors.length; i++) links[anchors[i].getAttribute("data-hb-page")] = anchors[i].getAttribute("href");
    /* A review of its own each time (its listeners go with it); shown once merge.css applies. */
    var box = el("div", { "class": "hb-merge" }), f = document.createDocumentFragment();
    outer.textContent = "";
    box.hidden = true;
    var heading = el("h3", { id: uid, tabindex: "-1" }, "Merge '" + r.name + "' into '" + o.name + "'");
    f.appendChild(heading);
    /* Why nothing was written (no room; the target changed meanwhile), focused when it speaks. */
    var alert = el("div", { role: "alert", tabindex: "-1", "class": "hb-merge__alert" });
    f.appendChild(alert);
    function warn(text) {
      alert.textContent = "";
      alert.className = "hb-merge__alert admonition failure";
      alert.appendChild(el("p", {}, text));
    }
    var conflicts = 0, theirs = 0, flags = 0, notes = 0;
    cmp.groups.forEach(function (g) {
      conflicts += g.conflicts.length; theirs += g.theirs.length; flags += g.flags.length; notes += g.notes.length;
    });
    var open = conflicts + theirs + flags + notes + cmp.unknown.length +
      cmp.kept.filter(function (row) { return row.inc.f === true && row.cur.f !== true; }).length;
    var counts = [say(conflicts, "conflict", "conflicts") + " to decide", theirs + " only theirs",
                  cmp.agreed + " agreed"];
    if (flags) counts.push(say(flags, "mark", "marks") + " 'Something must be done' to add");
    if (notes) counts.push(say(notes, "note", "notes") + " to add (where you wrote none)");
    if (cmp.before) counts.push(cmp.before + " decided before");
    if (cmp.unknown.length) counts.push(cmp.unknown.length + " not in this edition (added)");
    if (cmp.kept.length) counts.push(cmp.kept.length + " kept yours (not in this edition)");
    var nothing = cmp.kept.length ? "Nothing to merge: of its " + say(cmp.total, "answer", "answers") + ", " +
      (cmp.total - cmp.kept.length) + " agree or were decided before, and " + cmp.kept.length + " to items not in " +
      "this edition keep yours." : cmp.total === 1 ? "Nothing to merge: its one answer agrees or was decided before."
      : "Nothing to merge: all " + cmp.total + " answers agree or were decided before.";
    f.appendChild(el("p", {}, (open ? "Answers from " + from + ": " + counts.join(", ") + "; " +
      say(cmp.mine, "answer", "answers") + " only in '" + o.name + "' (nothing to decide). Nothing changes until " +
      "you confirm at the end." : nothing) + (r.rounds && r.rounds.length ? " A merge takes answers only: to bring " +
      "this file's " + say(r.rounds.length, "monitoring round", "monitoring rounds") + " too, use 'Import as a " +
      "new assessment' (or 'Replace an existing assessment')." : "")));
    if (cmp.flagged && open) f.appendChild(el("p", {}, "An item marked 'Something must be done' on either side " +
      "stays marked."));
    /* What a button for a whole tool did, said. */
    var status = el("p", { role: "status", "class": "hb-merge__status" });
    f.appendChild(status);

    var mineLabel = me ? "Mine (" + me + ")" : "Mine";
    cmp.groups.forEach(function (g, gi) {
      if (!g.conflicts.length && !g.theirs.length && !g.flags.length && !g.notes.length) return;
      var sec = el("section", { "class": "hb-merge__tool", "aria-labelledby": uid + "-g" + gi });
      sec.appendChild(el("h4", { id: uid + "-g" + gi }, g.heading));
      var parts = [];
      if (g.conflicts.length) parts.push(say(g.conflicts.length, "conflict", "conflicts"));
      if (g.theirs.length) parts.push(g.theirs.length + " only theirs");
      if (g.agreed) parts.push(g.agreed + " agreed");
      if (g.flags.length) parts.push(say(g.flags.length, "mark", "marks") + " to add");
      if (g.notes.length) parts.push(say(g.notes.length, "note", "notes") + " to add");
      if (g.before) parts.push(g.before + " decided before");
      sec.appendChild(el("p", { "class": "hb-merge__counts" }, g.tool + ": " + parts.join(", ")));
      var href = links[g.pub + "/" + g.page];
      var two = g.conflicts.filter(function (row) { return row.cur.n && row.inc.n && row.cur.n !== row.inc.n; });
      if (g.conflicts.length > 1 || two.length > 1) {
        var all = el("p", { "class": "hb-merge__all" });
        [["mine", "Keep mine for all in "], ["theirs", "Take theirs for all in "], ["both", "Keep both notes for all in "]]
          .forEach(function (b) {
            if (b[0] === "both" ? two.length < 2 : g.conflicts.length < 2) return;
            var bt = button(b[1] + g.tool);
            bt.setAttribute("data-g", gi);
            bt.setAttribute("data-all", b[0]);
            all.appendChild(bt);
            all.appendChild(document.createTextNode(" "));
          });
        sec.appendChild(all);
      }
      g.conflicts.forEach(function (row) {
        var n = rows.length, it = row.item, id = uid + "-" + n, named = opening(it);
        rows.push(row);
        var c = el("div", { "class": "hb-merge__conflict" });
        var q = el("p", { "class": "hb-merge__q" });
        if (href) {
          /* In a new tab: the decisions taken here stay. */
          var a = el("a", { href: href + "#" + it.id, target: "_blank", rel: "noopener" }, num(it) + it.text);
          a.appendChild(el("span", { "class": "hb-merge__new" }, " (opens in a new tab)"));
          q.appendChild(a);
        } else q.textContent = num(it) + it.text;
        if (row.label) q.appendChild(el("strong", { "class": "hb-merge__label" }, " (" + row.label + ")"));
        c.appendChild(q);
        if (row.from !== "both") c.appendChild(el("p", { "class": "hb-merge__hint" }, hint(row)));
        var sides = el("div", { "class": "hb-merge__sides" });
        var by = row.cur.by && row.cur.by !== me ? "Mine (from " + row.cur.by + ")" : mineLabel;
        sides.appendChild(side(by, it.kind, row.cur, "hb-merge__mine"));
        sides.appendChild(side("Theirs (" + row.by + ")", it.kind, row.inc, "hb-merge__theirs"));
        c.appendChild(sides);
        var group = el("div", { role: "radiogroup", "aria-label": named, "class": "hb-merge__choice" });
        [["mine", "Keep mine"], ["theirs", "Take theirs"]].forEach(function (o2) {
          var label = el("label"), input = el("input", { type: "radio", name: id, value: o2[0], "data-i": n });
          if (o2[0] === "mine") { input.checked = true; row.rMine = input; } else row.rTheirs = input;
          label.appendChild(input);
          label.appendChild(document.createTextNode(" " + o2[1]));
          group.appendChild(label);
          group.appendChild(document.createTextNode(" "));
        });
        c.appendChild(group);
        if (row.cur.n && row.inc.n && row.cur.n !== row.inc.n) {
          var both = el("label", { "class": "hb-merge__both" });
          var cb = el("input", { type: "checkbox", "data-i": n, "data-both": "" });
          row.cBoth = cb;
          both.appendChild(cb);
          both.appendChild(document.createTextNode(" Keep both notes"));
          both.appendChild(el("span", { "class": "hb-visually-hidden" }, " on " + named));
          c.appendChild(el("p")).appendChild(both);
        }
        sec.appendChild(c);
      });
      if (g.theirs.length) {
        var add = el("label"), box2 = el("input", { type: "checkbox", "data-add": gi });
        box2.checked = true;
        g.box = box2;
        add.appendChild(box2);
        add.appendChild(document.createTextNode(" Add their " + (g.theirs.length === 1 ? "answer" :
          g.theirs.length + " answers") + " to items I have not answered"));
        sec.appendChild(el("p")).appendChild(add);
        var det = el("details", { "class": "hb-merge__theirs-list" });
        det.appendChild(el("summary", {}, "Only theirs in " + g.tool + " (" + g.theirs.length + "): choose one by one"));
        var ul = el("ul");
        g.theirs.forEach(function (row) {
          var it = row.item, v = T.words(it.kind, row.inc.v), lab = el("label"), one = el("input",
            { type: "checkbox", "data-t": theirRows.length });
          theirRows.push(row);
          row.g = g;
          one.checked = true;
          row.cAdd = one;
          lab.appendChild(one);
          lab.appendChild(document.createTextNode(" Add " + opening(it) + ": " + (v || "no answer") +
            (row.inc.n ? "; note: " + row.inc.n : "") + (row.label ? " (" + row.label + ")" : "")));
          ul.appendChild(el("li")).appendChild(lab);
        });
        det.appendChild(ul);
        sec.appendChild(det);
      }
      f.appendChild(sec);
    });
    if (cmp.unknown.length || cmp.kept.length) {
      var sec = el("section", { "class": "hb-merge__tool", "aria-labelledby": uid + "-unknown" });
      sec.appendChild(el("h4", { id: uid + "-unknown" }, "Not in this edition"));
      sec.appendChild(el("p", {}, say(cmp.unknown.length + cmp.kept.length, "answer is", "answers are") + " to " +
        "items this edition does not hold (a later edition may): their answer is added where you hold none (a " +
        "note of yours stays with it), their note where you wrote none, a 'Something must be done' mark from " +
        "either side stays; where you hold another answer, yours is kept."));
      var ul = el("ul");
      cmp.unknown.forEach(function (row) { ul.appendChild(el("li", {}, row.id + " (not in this edition)")); });
      cmp.kept.forEach(function (row) {
        ul.appendChild(el("li", {}, row.id + " (kept yours, not in this edition)"));
      });
      sec.appendChild(ul);
      f.appendChild(sec);
    }

    var foot = el("p", { "class": "hb-merge__confirm" }), bYes = button("", true), bNo = button("Cancel");
    if (open) { foot.appendChild(bYes); foot.appendChild(document.createTextNode(" ")); }
    foot.appendChild(bNo);
    f.appendChild(foot);

    function label() {
      var p = plan(cmp, me);
      bYes.textContent = p.changes ? "Merge " + say(p.changes, "change", "changes") + " into '" + o.name + "'"
        : "Keep all my answers in '" + o.name + "'";
      return p;
    }
    /* The tool's box: ticked when all their answers are added, mixed when some. */
    function tally(g) {
      var n = g.theirs.filter(function (row) { return row.add; }).length;
      g.box.checked = n === g.theirs.length;
      g.box.indeterminate = n > 0 && n < g.theirs.length;
    }
    label();
    box.appendChild(f);
    outer.appendChild(box);
    box.addEventListener("change", function (e) {
      var t = e.target;
      if (t.hasAttribute("data-add")) {
        var g = cmp.groups[+t.getAttribute("data-add")];
        g.theirs.forEach(function (row) { row.add = row.cAdd.checked = t.checked; });
        t.indeterminate = false;
      } else if (t.hasAttribute("data-t")) {
        var row = theirRows[+t.getAttribute("data-t")];
        row.add = t.checked;
        tally(row.g);
      } else if (t.hasAttribute("data-both")) rows[+t.getAttribute("data-i")].both = t.checked;
      else if (t.type === "radio") rows[+t.getAttribute("data-i")].take = t.value === "theirs";
      label();
    });
    box.addEventListener("click", function (e) {
      var t = e.target, which = t.getAttribute && t.getAttribute("data-all");
      if (!which) return;
      var g = cmp.groups[+t.getAttribute("data-g")], n = 0;
      g.conflicts.forEach(function (row) {
        if (which === "both") {
          if (row.cBoth) { row.both = row.cBoth.checked = true; n++; }
          return;
        }
        row.take = which === "theirs";
        (row.take ? row.rTheirs : row.rMine).checked = true;
        n++;
      });
      status.textContent = (which === "both" ? "Both notes kept for " : which === "theirs" ? "Theirs taken for "
        : "Yours kept for ") + say(n, "conflict", "conflicts") + " in " + g.tool + ".";
      label();
    });
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") bNo.click(); });
    bNo.addEventListener("click", function () { o.cancel(); });
    bYes.addEventListener("click", function () {
      if (!HB.assessments.record(o.target)) { o.gone(); return; }
      if (!unchanged(cmp, o.target)) {
        /* Another tab changed the target since the review read it: read it again, decide again. */
        var again = review(outer, { r: o.r, target: o.target, name: o.name, cancel: o.cancel, gone: o.gone,
                                    done: o.done, note: "Answers in '" + o.name + "' changed (in another tab) " +
                                    "while this review was open: nothing was written. The review below shows " +
                                    "them now; decide again." });
        return again;
      }
      var p = label(), need = size(p, o.target);
      if (!fits(need)) {
        warn("This merge needs about " + Math.max(1, Math.ceil(need * 2 / 1024)) + " KB of storage, more than " +
          "this browser has free: nothing was written. Free some space (delete an assessment you exported) and " +
          "try again; your choices below are kept.");
        alert.focus();
        return;
      }
      var snap = commit(o.target, p);
      o.done(snap && "Merged " + (p.changes ? say(p.changes, "change", "changes") : "no changes") + " from '" +
        from + "' into '" + o.name + "', now the active assessment.", snap);
    });
    if (o.note) warn(o.note);
    HB.style("merge", function () { box.hidden = false; (o.note ? alert : heading).focus(); });
    return { compare: cmp };
  }

  HB.merge = { review: review, compare: compare, plan: plan, sig: sig, fits: fits, noteIn: noteIn };
})(window.HB = window.HB || {});
