/* Handbook client, merge (loaded by transfer.js the first time the reader asks to merge an import into an
 * assessment): the review that compares a checked import (HB.transfer.check) with the target item by item, the
 * reader's decisions, and the write. Nothing is written until the review's confirming button.
 *
 * Per item (publication + item id, never by position): agreed (same answer, and their note is already in mine),
 * only theirs, only mine (a count), decided before (their answer's signature is in my entry's `x`: I kept mine
 * against it in an earlier merge), or in conflict. Answers to items this edition does not hold are kept as an
 * import keeps them (added where the target holds nothing); answers to a retired item or to another wording are
 * decided like the others, and labelled so. The merged entry records whose answer was kept (`by`).
 */
(function (HB) {
  "use strict";

  var T = HB.transfer, MAX_DECLINED = 20, count = 0;

  /* A short signature of an answer and its note (FNV-1a, base 36): what `x` remembers of a declined answer. */
  function sig(e) {
    var s = JSON.stringify([e.v === undefined ? null : e.v, e.n || ""]), h = 0x811c9dc5;
    for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
    return h.toString(36);
  }
  function same(a, b) { return JSON.stringify(a === undefined ? null : a) === JSON.stringify(b); }
  function blank(e) { return !e || (e.v === null || e.v === undefined) && !e.n && e.f !== true; }
  function agreed(cur, inc) { return same(cur.v, inc.v) && (!inc.n || (!!cur.n && cur.n.indexOf(inc.n) >= 0)); }
  function copy(e) { var out = {}; for (var k in e) if (Object.prototype.hasOwnProperty.call(e, k)) out[k] = e[k]; return out; }

  /* "Tool 3" of "Tool 3: Policy Checklist". */
  function toolOf(heading) { return String(heading || "").split(":")[0].trim(); }

  /* Compare checked import r with assessment target. Return {groups: [{tool, heading, conflicts: [row],
     theirs: [row], agreed, before}], unknown: [row], agreed, before, mine (answers only the target holds),
     total}; a row is {key (the storage key in the target), item (this site's, or null), cur, inc, by (their name),
     label ("" or why it is of another edition)}. Reads storage once; writes nothing. */
  function compare(r, target) {
    var s = T.data(), found = HB.storage.stored(HB.FORMAT + "|"), mine = Object.create(null), seen = Object.create(null);
    var groups = Object.create(null), list = [], out = { groups: list, unknown: [], agreed: 0, before: 0, mine: 0,
                                                          total: r.entries.length };
    for (var key in found) {
      var parts = key.split("|"), e;
      if (parts.length !== 4 || parts[2] !== target) continue;
      try { e = JSON.parse(found[key]); } catch (x) { continue; }
      if (e && typeof e === "object" && !blank(e)) mine[parts[1] + "|" + parts[3]] = e;
    }
    for (var i = 0; i < r.entries.length; i++) {
      var x = r.entries[i], k = x.pub + "|" + x.item, info = s.items[k], cur = mine[k], inc = x.entry;
      seen[k] = true;
      var row = { key: T.keyOf(x, target), pub: x.pub, id: x.item, item: info ? info.item : null, info: info,
                  cur: cur || null, inc: inc, by: inc.by || r.author || r.name, label: "", take: false, both: false };
      if (!info) {
        if (!cur) out.unknown.push(row);
        else if (agreed(cur, inc)) out.agreed++;
        else out.before++; /* kept as it is here: an item this edition cannot show is not decided */
        continue;
      }
      var gk = x.pub + "|" + info.item.page, g = groups[gk];
      if (!g) {
        g = groups[gk] = { tool: toolOf(info.page ? info.page.heading : info.item.heading),
                           heading: info.page ? info.page.heading : info.item.heading, page: info.item.page,
                           pub: x.pub, conflicts: [], theirs: [], agreed: 0, before: 0, add: true,
                           rank: s.order.indexOf(x.pub) * 1e6 + info.rank };
        list.push(g);
      } else if (info.rank < g.rank % 1e6) g.rank = s.order.indexOf(x.pub) * 1e6 + info.rank;
      if (info.item.retired) row.label = "retired in this edition";
      else if (inc.v !== null && inc.h && inc.h !== info.item.hash) row.label = "answered to a different wording";
      if (!cur) g.theirs.push(row);
      else if (agreed(cur, inc)) { g.agreed++; out.agreed++; }
      else if (Array.isArray(cur.x) && cur.x.indexOf(sig(inc)) >= 0) { g.before++; out.before++; }
      else g.conflicts.push(row);
    }
    for (k in mine) if (!seen[k] && s.items[k] && HB.answers.isAnswered(mine[k].v)) out.mine++;
    list.sort(function (a, b) { return a.rank - b.rank; });
    function byRank(a, b) { return a.info.rank - b.info.rank; }
    list.forEach(function (g) { g.conflicts.sort(byRank); g.theirs.sort(byRank); });
    return out;
  }

  /* The entries to write for the decisions taken (row.take, row.both, group.add), as [[key, entry]], and how many
     of them change an answer or a note (the rest only record a declined answer in `x`). */
  function plan(cmp, me) {
    var writes = [], changes = 0;
    function theirs(row, note) {
      var e = copy(row.inc);
      e.by = row.by;
      if (note) e.n = note; else delete e.n;
      return e;
    }
    cmp.groups.forEach(function (g) {
      g.conflicts.forEach(function (row) {
        var cur = row.cur, inc = row.inc, e;
        var both = row.both && !!cur.n && !!inc.n && cur.n !== inc.n;
        var joined = both ? cur.n + "\n\n" + row.by + ": " + inc.n : "";
        if (row.take) {
          e = theirs(row, joined || inc.n || cur.n); /* their answer; my note stays when they wrote none */
          if (cur.f) e.f = true;
          /* Mine, given up, counts as declined: an export holding it again does not ask again. */
          e.x = (Array.isArray(cur.x) ? cur.x : []).concat(sig(cur)).slice(-MAX_DECLINED);
          if (!e.t) e.t = cur.t;
          changes++;
        } else {
          e = copy(cur);
          e.x = (Array.isArray(cur.x) ? cur.x : []).concat(sig(inc)).slice(-MAX_DECLINED);
          if (!e.by && me) e.by = me; /* an answer taken from a colleague before keeps their name */
          if (joined) { e.n = joined; changes++; }
        }
        writes.push([row.key, e]);
      });
      if (g.add) g.theirs.forEach(function (row) { writes.push([row.key, theirs(row, row.inc.n)]); changes++; });
    });
    cmp.unknown.forEach(function (row) { writes.push([row.key, theirs(row, row.inc.n)]); changes++; });
    return { writes: writes, changes: changes };
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
    for (i = 0; i < p.writes.length; i++) {
      if (!HB.storage.save(p.writes[i][0], p.writes[i][1])) { T.undo(snap); return null; }
    }
    A.activate(target);
    return snap;
  }

  /* The characters plan p adds to storage (keys and texts, less the texts they replace). */
  function size(p) {
    var found = HB.storage.stored(HB.FORMAT + "|"), n = 0;
    for (var i = 0; i < p.writes.length; i++) {
      var key = p.writes[i][0], old = found[key];
      n += JSON.stringify(p.writes[i][1]).length + (old ? -old.length : key.length);
    }
    return n;
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

  /* One side of a conflict: who, the answer in words, the note. */
  function side(who, kind, e, cls) {
    var box = el("div", { "class": "hb-merge__side " + cls });
    box.appendChild(el("p", { "class": "hb-merge__who" }, who));
    var v = e ? T.words(kind, e.v) : "";
    box.appendChild(el("p", { "class": "hb-merge__answer" + (v ? "" : " hb-merge__none") }, v || "No answer"));
    if (e && e.n) box.appendChild(el("p", { "class": "hb-merge__note" }, "Note: " + e.n));
    return box;
  }

  /* Show the review of checked import o.r against assessment o.target (named o.name) in box; o.cancel(),
     o.gone() (the target was deleted meanwhile), o.refuse(text) (it does not fit: nothing written),
     o.done(text, snapshot or null). */
  function review(outer, o) {
    var r = o.r, me = T.author(), from = r.author || r.name, uid = "hb-merge-" + (++count);
    var cmp = compare(r, o.target), rows = [], links = Object.create(null), i;
    var anchors = document.querySelectorAll("a[data-hb-page]");
    for (i = 0; i < anchors.length; i++) links[anchors[i].getAttribute("data-hb-page")] = anchors[i].getAttribute("href");
    /* A review of its own each time (its listeners go with it); shown once merge.css applies. */
    var box = el("div", { "class": "hb-merge" }), f = document.createDocumentFragment();
    outer.textContent = "";
    box.hidden = true;
    var heading = el("h3", { id: uid, tabindex: "-1" }, "Merge '" + r.name + "' into '" + o.name + "'");
    f.appendChild(heading);
    var conflicts = 0, theirs = 0;
    cmp.groups.forEach(function (g) { conflicts += g.conflicts.length; theirs += g.theirs.length; });
    var open = conflicts + theirs + cmp.unknown.length;
    var counts = [say(conflicts, "conflict", "conflicts") + " to decide", theirs + " only theirs",
                  cmp.agreed + " agreed"];
    if (cmp.before) counts.push(cmp.before + " decided before");
    f.appendChild(el("p", {}, open ? "Answers from " + from + ": " + counts.join(", ") + "; " +
      say(cmp.mine, "answer", "answers") + " only in '" + o.name + "' (nothing to decide). Nothing changes until " +
      "you confirm at the end." : (cmp.total === 1 ? "Nothing to merge: its one answer agrees or was decided " +
      "before." : "Nothing to merge: all " + cmp.total + " answers agree or were decided before.")));

    var mineLabel = me ? "Mine (" + me + ")" : "Mine";
    cmp.groups.forEach(function (g, gi) {
      if (!g.conflicts.length && !g.theirs.length) return;
      var sec = el("section", { "class": "hb-merge__tool", "aria-labelledby": uid + "-g" + gi });
      sec.appendChild(el("h4", { id: uid + "-g" + gi }, g.heading));
      var parts = [];
      if (g.conflicts.length) parts.push(say(g.conflicts.length, "conflict", "conflicts"));
      if (g.theirs.length) parts.push(g.theirs.length + " only theirs");
      if (g.agreed) parts.push(g.agreed + " agreed");
      if (g.before) parts.push(g.before + " decided before");
      sec.appendChild(el("p", { "class": "hb-merge__counts" }, g.tool + ": " + parts.join(", ")));
      var href = links[g.pub + "/" + g.page];
      if (g.conflicts.length > 1) {
        var all = el("p", { "class": "hb-merge__all" });
        var bMine = button("Keep mine for all in " + g.tool), bTheirs = button("Take theirs for all in " + g.tool);
        bMine.setAttribute("data-g", gi); bMine.setAttribute("data-all", "mine");
        bTheirs.setAttribute("data-g", gi); bTheirs.setAttribute("data-all", "theirs");
        all.appendChild(bMine); all.appendChild(document.createTextNode(" ")); all.appendChild(bTheirs);
        sec.appendChild(all);
      }
      g.conflicts.forEach(function (row) {
        var n = rows.length, it = row.item, id = uid + "-" + n;
        rows.push(row);
        var c = el("div", { "class": "hb-merge__conflict" });
        var q = el("p", { "class": "hb-merge__q" });
        if (href) q.appendChild(el("a", { href: href + "#" + it.id }, num(it) + it.text));
        else q.textContent = num(it) + it.text;
        if (row.label) q.appendChild(el("strong", { "class": "hb-merge__label" }, " (" + row.label + ")"));
        c.appendChild(q);
        var sides = el("div", { "class": "hb-merge__sides" });
        sides.appendChild(side(mineLabel, it.kind, row.cur, "hb-merge__mine"));
        sides.appendChild(side("Theirs (" + row.by + ")", it.kind, row.inc, "hb-merge__theirs"));
        c.appendChild(sides);
        var group = el("div", { role: "radiogroup", "aria-label": opening(it), "class": "hb-merge__choice" });
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
          both.appendChild(cb);
          both.appendChild(document.createTextNode(" Keep both notes"));
          c.appendChild(el("p")).appendChild(both);
        }
        sec.appendChild(c);
      });
      if (g.theirs.length) {
        var add = el("label"), box2 = el("input", { type: "checkbox", "data-add": gi });
        box2.checked = true;
        add.appendChild(box2);
        add.appendChild(document.createTextNode(" Add their " + (g.theirs.length === 1 ? "answer" :
          g.theirs.length + " answers") + " to items I have not answered"));
        sec.appendChild(el("p")).appendChild(add);
        var det = el("details", { "class": "hb-merge__theirs-list" });
        det.appendChild(el("summary", {}, "Only theirs in " + g.tool + " (" + g.theirs.length + ")"));
        var ul = el("ul");
        g.theirs.forEach(function (row) {
          var it = row.item, v = T.words(it.kind, row.inc.v);
          ul.appendChild(el("li", {}, opening(it) + ": " + (v || "no answer") + (row.inc.n ? "; note: " + row.inc.n : "") +
            (row.label ? " (" + row.label + ")" : "")));
        });
        det.appendChild(ul);
        sec.appendChild(det);
      }
      f.appendChild(sec);
    });
    if (cmp.unknown.length) {
      var sec = el("section", { "class": "hb-merge__tool", "aria-labelledby": uid + "-unknown" });
      sec.appendChild(el("h4", { id: uid + "-unknown" }, "Not in this edition"));
      sec.appendChild(el("p", {}, say(cmp.unknown.length, "answer is", "answers are") + " to items this edition " +
        "does not hold (a later edition may): kept as they are, as an import keeps them."));
      var ul = el("ul");
      cmp.unknown.forEach(function (row) { ul.appendChild(el("li", {}, row.id + " (not in this edition)")); });
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
    label();
    box.appendChild(f);
    outer.appendChild(box);
    box.addEventListener("change", function (e) {
      var t = e.target;
      if (t.hasAttribute("data-add")) cmp.groups[+t.getAttribute("data-add")].add = t.checked;
      else if (t.hasAttribute("data-both")) rows[+t.getAttribute("data-i")].both = t.checked;
      else if (t.type === "radio") rows[+t.getAttribute("data-i")].take = t.value === "theirs";
      label();
    });
    box.addEventListener("click", function (e) {
      var t = e.target, which = t.getAttribute && t.getAttribute("data-all");
      if (!which) return;
      cmp.groups[+t.getAttribute("data-g")].conflicts.forEach(function (row) {
        row.take = which === "theirs";
        (row.take ? row.rTheirs : row.rMine).checked = true;
      });
      label();
    });
    box.addEventListener("keydown", function (e) { if (e.key === "Escape") bNo.click(); });
    bNo.addEventListener("click", function () { o.cancel(); });
    bYes.addEventListener("click", function () {
      if (!HB.assessments.record(o.target)) { o.gone(); return; }
      var p = label(), need = size(p);
      if (!fits(need)) {
        o.refuse("This merge needs about " + Math.max(1, Math.ceil(need * 2 / 1024)) + " KB of storage, more than " +
          "this browser has free: nothing was written. Free some space (delete an assessment you exported) and " +
          "try again.");
        return;
      }
      var snap = commit(o.target, p);
      o.done(snap && "Merged " + (p.changes ? say(p.changes, "change", "changes") : "no changes") + " from '" +
        from + "' into '" + o.name + "', now the active assessment.", snap);
    });
    HB.style("merge", function () { box.hidden = false; heading.focus(); });
    return { compare: cmp };
  }

  HB.merge = { review: review, compare: compare, plan: plan, sig: sig, fits: fits };
})(window.HB = window.HB || {});
