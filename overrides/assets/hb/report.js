/* Handbook client, report (hb-report): the active assessment gathered on one page, ready to print or save as PDF.
 * Loaded by the report page only (core.js, data-hb-script). It reads the publications' data (#hb-data, written by
 * the build) once, and the assessment's answers from storage on every render:
 *   - a header: the assessment's name, the date, each publication's edition, citation and licence, the counts;
 *   - the gaps: every No, every High, every item flagged "Something must be done";
 *   - the selections: the items ticked, page by page (interventions, results, indicators…);
 *   - tool by tool: a table of the answers with their notes, and what is not yet answered;
 *   - the answers to items this edition does not have. Nothing stored is hidden: an answer given to an earlier
 *     wording and a retired item are labelled as such;
 *   - the assessment's monitoring rounds (HB.rounds, rounds.js, which the page loads beside this): listed with their
 *     dates and a link to compare each, a form to save the current answers as a round, and on request Tool 10's and
 *     Tool 11's answers over the rounds, a table per tool (drawn apart from the report, only when rounds change).
 * Built with createElement and textContent only (the answers are the user's text), into fragments, reading no
 * layout: rendering every item of the toolkit stays within a few tens of milliseconds. */
(function (HB) {
  "use strict";

  var data = null; /* #hb-data, parsed once: {pubs: {id: {pub, items: {id: item}, pages: {id: page}}}, kinds} */

  /* #hb-data; after an instant navigation, Material has put its text in a new script element without type or id
     (which the page's policy keeps from running): found by its start. */
  function carrier() {
    var found = document.getElementById("hb-data"), all = document.querySelectorAll("script:not([src])");
    for (var i = 0; !found && i < all.length; i++) if (all[i].textContent.indexOf('{"publications":') === 0) found = all[i];
    return found;
  }

  function load() {
    if (data) return data;
    var raw = JSON.parse(carrier().textContent), pubs = Object.create(null), map = Object.create;
    for (var i = 0; i < raw.publications.length; i++) { /* ids are looked up: maps without a prototype */
      var pub = raw.publications[i], items = map(null), pages = map(null), onPage = map(null), j;
      for (j = 0; j < pub.pages.length; j++) { pages[pub.pages[j].id] = pub.pages[j]; onPage[pub.pages[j].id] = []; }
      for (j = 0; j < pub.items.length; j++) {
        var item = pub.items[j];
        items[item.id] = item;
        if (onPage[item.page]) onPage[item.page].push(item);
      }
      pubs[pub.id] = { pub: pub, items: items, pages: pages, onPage: onPage };
    }
    data = { list: raw.publications, pubs: pubs, kinds: raw.kinds || {} };
    return data;
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  /* The words of value v in a map of labels, looked up as the map's own property only ("constructor" is a text). */
  function own(map, v) {
    return map && typeof v === "string" && Object.prototype.hasOwnProperty.call(map, v) ? map[v] : null;
  }

  /* An answer in words: "No", "High", "Consult, Beneficiary", "Selected", a text in full (as typed). */
  function words(kind, v) {
    var labels = own(data.kinds, kind);
    if (v === true) return own(own(data.kinds, "tick"), "yes") || "Selected";
    if (Array.isArray(v)) return v.map(function (x) { return own(labels, x) || String(x); }).join(", ");
    if (typeof v === "string") return kind === "text" ? v : own(labels, v) || v;
    if (v === null || v === undefined) return "";
    return String(v);
  }

  /* An answer whose kind is not known (its item is not in this edition): the words of any kind that has them. */
  function anyWords(v) {
    if (typeof v === "string") for (var k in data.kinds) if (own(data.kinds[k], v)) return own(data.kinds[k], v);
    if (Array.isArray(v)) return v.map(anyWords).join(", ");
    return typeof v === "object" && v !== null ? JSON.stringify(v) : words("", v);
  }

  /* The active assessment's entries: {pub: {item id: entry}} for the publications known, and the rest as a list. */
  function gather() {
    var id = HB.assessments.active(), keys = HB.assessments.keys(id).sort(), known = Object.create(null), unknown = [];
    for (var i = 0; i < keys.length; i++) {
      var parts = keys[i].split("|"), pub = parts[1], item = parts.slice(3).join("|");
      var entry = HB.storage.load(keys[i]);
      if (!entry) continue;
      if (data.pubs[pub] && data.pubs[pub].items[item]) (known[pub] = known[pub] || Object.create(null))[item] = entry;
      else unknown.push({ pub: pub, item: item, entry: entry });
    }
    return { id: id, record: HB.assessments.record(id) || { name: "" }, known: known, unknown: unknown, keys: keys };
  }

  /* A section's row heading the rows after it in a table span columns wide (a row group, as screen readers read it). */
  function sectionRow(group, sec, span) {
    var sr = el("tr", "hb-report__section"), sh = el("th", null, sec);
    sh.colSpan = span;
    sh.scope = "rowgroup";
    sr.appendChild(sh);
    group.appendChild(sr);
  }

  /* A link back to an item on its page, through the page's link the build wrote in this page. */
  function hrefs() {
    var out = {}, links = document.querySelectorAll("a[data-hb-page]");
    for (var i = 0; i < links.length; i++) out[links[i].getAttribute("data-hb-page")] = links[i].getAttribute("href");
    return out;
  }

  function shortText(text, n) {
    var w = text.split(" ");
    return w.length <= n ? text : w.slice(0, n).join(" ") + "…";
  }

  HB.module("hb-report", function (root) {
    load();
    /* Shown once its stylesheet applies: never a moment unstyled, and a PDF made right away is styled. */
    root.hidden = true;
    HB.style("report", function () { root.hidden = false; });
    var head = el("div", "hb-report__head"), body = el("div", "hb-report__body");
    var actions = el("p", "hb-report__actions hb-screen-only"), print = el("button", "md-button", "Print or save as PDF");
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    actions.appendChild(print);
    root.appendChild(head);
    root.appendChild(actions);
    root.appendChild(body);
    var roundsBox = el("section", "hb-report__rounds");
    roundsBox.hidden = true;
    root.appendChild(roundsBox);
    root.classList.add("hb-report");
    var links = hrefs(), last = null;

    function itemLink(pubId, item, text) {
      var href = links[pubId + "/" + item.page], a;
      if (!href) return el("span", null, text);
      a = el("a", null, text);
      a.href = href + "#" + item.id;
      return a;
    }

    /* The labels of an answer that needs a second look. */
    function marks(item, e, into) {
      if (e && HB.answers.isAnswered(e.v) && e.h && item.hash && e.h !== item.hash) {
        into.appendChild(el("span", "hb-report__mark", "Answered to an earlier wording"));
        /* The wording answered, when an earlier edition had it (workspace.py: earlier {hash: text}). */
        if (item.earlier && Object.prototype.hasOwnProperty.call(item.earlier, e.h)) {
          into.appendChild(el("span", "hb-report__mark hb-report__earlier", "Wording answered: " + item.earlier[e.h]));
        }
      }
      if (item.retired) into.appendChild(el("span", "hb-report__mark", "Retired in this edition"));
      if (e && e.f === true) into.appendChild(el("span", "hb-report__mark hb-report__flag", "Something must be done"));
    }

    function cell(row, label, text, className) {
      var td = el("td", className, text);
      td.setAttribute("data-label", label);
      row.appendChild(td);
      return td;
    }

    /* A table (in .hb-table: stacked as cards on phones) named by the heading of id labelledBy, with its columns. */
    function table(labelledBy, columns, className) {
      var wrap = el("div", "hb-table hb-report__wrap"), t = el("table", "hb-report__table " + (className || ""));
      var thead = el("thead"), tr = el("tr"), tbody = el("tbody");
      if (labelledBy) t.setAttribute("aria-labelledby", labelledBy);
      for (var i = 0; i < columns.length; i++) {
        var th = el("th", null, columns[i]);
        th.scope = "col";
        tr.appendChild(th);
      }
      thead.appendChild(tr);
      t.appendChild(thead);
      t.appendChild(tbody);
      wrap.appendChild(t);
      return { wrap: wrap, body: tbody, table: t, span: columns.length };
    }

    /* An item's section (numbers restart in each: Tool 3's sub-sectors), without footnote marks. */
    function sectionOf(item) { return (item.section || "").replace(/\[\^[^\]]*\]/g, "").trim(); }

    /* One row: [page heading,] number, question (a link back), answer in words with its labels, note. */
    function row(pubId, item, e, withPage) {
      var tr = el("tr");
      if (withPage) {
        cell(tr, "Tool", data.pubs[pubId].pages[item.page] ? data.pubs[pubId].pages[item.page].heading : item.page);
        cell(tr, "Section", sectionOf(item));
      }
      cell(tr, "Number", item.number);
      cell(tr, "Question", null).appendChild(itemLink(pubId, item, item.text));
      var answer = cell(tr, "Answer", HB.answers.isAnswered(e.v) ? words(item.kind, e.v) : "Not answered",
                        "hb-report__answer" + (item.kind === "text" ? " hb-report__text" : ""));
      marks(item, e, answer);
      cell(tr, "Note", e.n || "", "hb-report__text");
      return tr;
    }

    function header(g, counts) {
      var out = document.createDocumentFragment();
      out.appendChild(el("h2", "hb-report__name", g.record.name || "Unnamed assessment"));
      /* The window's title names the assessment: "Save as PDF" suggests it as the file's name. */
      document.title = (g.record.name || "Unnamed assessment") + " – Report";
      out.appendChild(el("p", "hb-report__date", "Report of " + HB.day()));
      var meta = document.querySelector('meta[name="hb-edition"]');  /* the handbook's edition (main.html) */
      if (meta) out.appendChild(el("p", "hb-report__edition", meta.getAttribute("data-label")));
      var shown = data.list.filter(function (p) { return g.known[p.id]; });
      if (!shown.length) shown = data.list;
      for (var i = 0; i < shown.length; i++) {
        var pub = shown[i], box = el("div", "hb-report__pub"), p = el("p");
        p.appendChild(el("strong", null, pub.title));
        p.appendChild(document.createTextNode(". Edition " + pub.edition + "."));
        box.appendChild(p);
        box.appendChild(el("p", null, "Cite as: " + pub.citation));
        p = el("p", null, pub.licence.statement + " ");
        if (pub.licence.url) {
          var a = el("a", null, "Licence: " + pub.licence.name);
          a.href = pub.licence.url;
          p.appendChild(a);
        }
        box.appendChild(p);
        out.appendChild(box);
      }
      var said = counts.answered + " of " + counts.questions + " questions answered, " +
        counts.notes + (counts.notes === 1 ? " note" : " notes");
      var chosen = [];
      for (var noun in counts.selected) chosen.push(counts.selected[noun] + " " + noun);
      if (chosen.length) said += ", " + chosen.join(" and ") + " selected";
      if (counts.flagged) said += ", " + counts.flagged + " marked \u201cSomething must be done\u201d";
      out.appendChild(el("p", "hb-report__counts", said + "."));
      return out;
    }

    function render() {
      var g = gather(), out = document.createDocumentFragment(), gaps = [], selections = [], tools = [], idle = [];
      var counts = { questions: 0, answered: 0, notes: 0, flagged: 0, selected: {} }, i, j;
      for (i = 0; i < data.list.length; i++) {
        var pubId = data.list[i].id, P = data.pubs[pubId], mine = g.known[pubId] || {};
        for (j = 0; j < data.list[i].pages.length; j++) {
          var page = data.list[i].pages[j], items = P.onPage[page.id], progress = data.list[i].progress[page.id] || {};
          var rows = [], ticked = [], open = [], any = false, noun = page.noun && page.noun.length ? page.noun[1] : "items";
          for (var k = 0; k < items.length; k++) {
            var item = items[k], e = mine[item.id];
            if (!e) continue;
            any = true;
            var answered = HB.answers.isAnswered(e.v);
            if (e.n) counts.notes++;
            if (e.f === true) counts.flagged++;
            if ((item.kind !== "text" && (e.v === "no" || e.v === "high")) || e.f === true) gaps.push([pubId, item, e]);
            if (item.kind === "tick" && answered) {
              ticked.push([item, e]);
              if (!item.retired) counts.selected[noun] = (counts.selected[noun] || 0) + 1;
            } else rows.push([item, e]);
          }
          var questions = progress.questions || [];
          counts.questions += questions.length;
          for (k = 0; k < questions.length; k++) {
            var q = mine[questions[k]];
            if (q && HB.answers.isAnswered(q.v)) counts.answered++;
            else if (P.items[questions[k]]) open.push(P.items[questions[k]]);
          }
          if (ticked.length) selections.push([pubId, page, ticked]);
          if (any) tools.push([pubId, page, rows, ticked.length, noun, open]);
          else idle.push([pubId, page]);
        }
      }

      if (!g.keys.length) {
        out.appendChild(el("p", "hb-report__empty", "This assessment has no answers yet. Answer the questions of " +
          "a tool and they are gathered here:"));
        var ul = el("ul");
        for (i = 0; i < idle.length; i++) {
          var li = el("li"), a = el("a", null, idle[i][1].heading);
          a.href = links[idle[i][0] + "/" + idle[i][1].id] || "#";
          li.appendChild(a);
          ul.appendChild(li);
        }
        out.appendChild(ul);
      } else {
        /* Gaps */
        out.appendChild(el("h2", null, "Gaps"));
        if (gaps.length) {
          out.appendChild(el("p", null, "Every \u201cNo\u201d, every \u201cHigh\u201d risk and every item marked " +
            "\u201cSomething must be done\u201d."));
          var t = table("", ["Tool", "Section", "Number", "Question", "Answer", "Note"], "hb-report__gaps");
          for (i = 0; i < gaps.length; i++) t.body.appendChild(row(gaps[i][0], gaps[i][1], gaps[i][2], true));
          out.appendChild(t.wrap);
        } else {
          out.appendChild(el("p", null, "No \u201cNo\u201d answer, no \u201cHigh\u201d risk and no item marked " +
            "\u201cSomething must be done\u201d."));
        }

        /* Selections */
        out.appendChild(el("h2", null, "Selections"));
        if (!selections.length) out.appendChild(el("p", null, "Nothing selected yet."));
        for (i = 0; i < selections.length; i++) {
          var sp = selections[i][1], list = el("ul", "hb-report__selected");
          out.appendChild(el("h3", null, "Selected " + (sp.noun && sp.noun.length ? sp.noun[1] : "items") +
            " (" + sp.heading + ")"));
          for (j = 0; j < selections[i][2].length; j++) {
            var it = selections[i][2][j][0], en = selections[i][2][j][1], sli = el("li");
            sli.appendChild(itemLink(selections[i][0], it, (it.number ? it.number + " " : "") + it.text));
            marks(it, en, sli);
            if (en.n) sli.appendChild(el("div", "hb-report__text hb-report__note", "Note: " + en.n));
            list.appendChild(sli);
          }
          out.appendChild(list);
        }

        /* Tool by tool */
        out.appendChild(el("h2", null, "Tool by tool"));
        for (i = 0; i < tools.length; i++) {
          var tp = tools[i][1], section = el("section", "hb-report__tool");
          var h3 = el("h3", "hb-report__caption", tp.heading);
          h3.id = "hb-report-" + tools[i][0] + "-" + tp.id;
          section.appendChild(h3);
          if (tools[i][2].length) {
            /* Named by the tool's heading; where the section changes, a row group headed by its name. */
            var tt = table(h3.id, ["Number", "Question", "Answer", "Note"]), group = tt.body, was = null;
            for (j = 0; j < tools[i][2].length; j++) {
              var sec = sectionOf(tools[i][2][j][0]);
              if (was !== null && sec !== was) tt.table.appendChild(group = el("tbody"));
              if (sec && sec !== was) sectionRow(group, sec, tt.span);
              was = sec;
              group.appendChild(row(tools[i][0], tools[i][2][j][0], tools[i][2][j][1], false));
            }
            section.appendChild(tt.wrap);
          }
          if (tools[i][3]) {
            section.appendChild(el("p", null, tools[i][3] + " " + (tools[i][3] === 1 && tp.noun && tp.noun.length
              ? tp.noun[0] : tools[i][4]) + " selected, listed under Selections."));
          }
          var left = tools[i][5];
          if (left.length) {
            var said = "Not yet answered: " + left.length + (left.length === 1 ? " question" : " questions");
            var details = el("details", "hb-report__open hb-screen-only"), ol = el("ul"), compact = [];
            details.appendChild(el("summary", null, said));
            for (j = 0; j < left.length; j++) {
              var oli = el("li"), label = (left[j].number ? left[j].number + " " : "") + shortText(left[j].text, 12);
              oli.appendChild(itemLink(tools[i][0], left[j], label));
              ol.appendChild(oli);
              compact.push(label);
            }
            details.appendChild(ol);
            section.appendChild(details);
            section.appendChild(el("p", "hb-report__open-print", said + ": " + compact.join(" \u00b7 ")));
          }
          out.appendChild(section);
        }
        if (idle.length) {
          var none = el("p", "hb-report__idle", "Nothing answered yet in: ");
          for (i = 0; i < idle.length; i++) {
            var ia = el("a", null, idle[i][1].heading);
            ia.href = links[idle[i][0] + "/" + idle[i][1].id] || "#";
            if (i) none.appendChild(document.createTextNode(", "));
            none.appendChild(ia);
          }
          none.appendChild(document.createTextNode("."));
          out.appendChild(none);
        }

        /* Answers to items this edition does not have */
        if (g.unknown.length) {
          out.appendChild(el("h2", null, "Answers to items not in this edition"));
          out.appendChild(el("p", null, "These answers were given to items this edition of the handbook does not " +
            "have. They are kept as they were stored."));
          var ut = table("", ["Publication", "Item", "Answer", "Note"], "hb-report__unknown");
          for (i = 0; i < g.unknown.length; i++) {
            var u = g.unknown[i], ur = el("tr");
            cell(ur, "Publication", u.pub);
            cell(ur, "Item", u.item);
            cell(ur, "Answer", HB.answers.isAnswered(u.entry.v) ? anyWords(u.entry.v) : "Not answered", "hb-report__text");
            cell(ur, "Note", typeof u.entry.n === "string" ? u.entry.n : "", "hb-report__text");
            ut.body.appendChild(ur);
          }
          out.appendChild(ut.wrap);
        }
      }
      var top = header(g, counts);
      head.textContent = "";
      head.appendChild(top);
      body.textContent = "";
      body.appendChild(out);
    }

    /* What the report shows depends on: the active assessment, its name, its stored answers, the date. */
    function signature() {
      var id = HB.assessments.active(), found = HB.storage.stored(HB.FORMAT + "|"), parts = [id, HB.day()];
      var r = HB.assessments.record(id);
      parts.push(r ? r.name : "");
      for (var key in found) if (key.split("|")[2] === id) parts.push(key, found[key]);
      return parts.join("\n");
    }

    function update() {
      var now = signature();
      drawRounds(now);
      if (now === last) return;
      last = now;
      render();
    }

    /* ---- rounds ---- */
    var roundsShown = "", roundsHead = el("h2", null, "Rounds"), roundsList = el("div");
    var roundForm = el("form", "hb-report__round-form hb-screen-only"), roundLine = el("p", "hb-report__field");
    var roundLabel = el("label", null, "Name of the round"), roundName = el("input");
    var roundError = el("p", "hb-report__error"), roundSay = el("p", "hb-report__said hb-screen-only");
    var roundSave = el("button", "md-button md-button--primary", "Save the current answers as a round");
    var overLine = el("p", "hb-report__field hb-screen-only"), over = el("input");
    var overLabel = el("label", null, "Show Tool 10 and Tool 11 answers over rounds"), overBox = el("div");
    var edited = false;
    roundName.type = "text";
    roundName.id = roundLabel.htmlFor = "hb-report-round-name";
    roundName.autocomplete = "off";
    roundError.id = "hb-report-round-error";
    roundError.setAttribute("role", "alert");
    roundName.setAttribute("aria-describedby", roundError.id);
    roundSave.type = "submit";
    roundSay.setAttribute("role", "status");
    roundForm.noValidate = true;
    [roundLabel, roundName, roundSave].forEach(function (e) { roundLine.appendChild(e); });
    roundForm.appendChild(roundLine);
    roundForm.appendChild(roundError);
    over.type = "checkbox";
    over.id = overLabel.htmlFor = "hb-report-over-rounds";
    overLine.appendChild(over);
    overLine.appendChild(overLabel);
    [roundsHead, roundsList, roundForm, roundSay, overLine, overBox].forEach(function (e) { roundsBox.appendChild(e); });
    roundName.addEventListener("input", function () { edited = true; });
    over.addEventListener("change", function () { roundsShown = ""; drawRounds(signature()); });
    roundForm.addEventListener("submit", function (e) {
      e.preventDefault();
      var R = HB.rounds, id = HB.assessments.active(), wanted = roundName.value.trim(), problem = R.problem(id, wanted);
      roundError.textContent = problem;
      if (problem) { roundName.setAttribute("aria-invalid", "true"); roundName.focus(); return; }
      roundName.removeAttribute("aria-invalid");
      var rid = R.save(id, wanted);
      if (!rid) {
        roundError.textContent = R.FULL;
        roundSay.textContent = "";
        roundName.focus();
        return;
      }
      var n = R.entries(rid).answers;
      edited = false;
      roundSay.textContent = "Saved the current answers as \u201c" + wanted + "\u201d (" + (HB.plural(n, "answer") || "no answers") + ").";
    });

    /* The rounds part, drawn again only when the rounds, the active assessment or (with the tables shown) the
       answers changed. */
    function drawRounds(answers) {
      var R = HB.rounds;
      if (!R) return;
      var id = HB.assessments.active(), all = R.list(id), now = [id, JSON.stringify(all), over.checked, over.checked ? answers : ""].join("\n");
      if (now === roundsShown) return;
      roundsShown = now;
      roundsBox.hidden = false;
      if (!edited) roundName.value = R.suggest(id);
      roundsList.textContent = "";
      /* On paper, the rounds only when there are some: the rest is how to save one, here. */
      roundsBox.classList.toggle("hb-screen-only", !all.length);
      if (!all.length) {
        roundsList.appendChild(el("p", null, "No rounds saved yet. Save the answers as a round now, answer again at " +
          "the next monitoring or evaluation, then compare the two."));
      } else {
        var ul = el("ul", "hb-report__round-list"), compare = R.to("compare");
        for (var i = 0; i < all.length; i++) {
          var li = el("li"), a = el("a", null, all[i].name);
          a.href = compare + "?a=" + encodeURIComponent(all[i].id) + "&b=current";
          li.appendChild(a);
          li.appendChild(document.createTextNode(", saved " + HB.day(all[i].created) + " (" +
            (HB.plural(R.entries(all[i].id).answers, "answer") || "no answers") + ")"));
          ul.appendChild(li);
        }
        roundsList.appendChild(ul);
      }
      overBox.textContent = "";
      if (over.checked) overRounds(all, id);
    }

    /* Tool 10's and Tool 11's answers over the rounds: rows the items answered in any, a column per round and the
       current answers. */
    function overRounds(all, id) {
      var R = HB.rounds, cols = all.map(function (r) { return { name: r.name + " (" + HB.day(r.created) + ")", e: R.entries(r.id).byPub }; });
      cols.push({ name: "Current", e: R.entries(id).byPub });
      for (var i = 0; i < data.list.length; i++) {
        var pub = data.list[i];
        for (var j = 0; j < pub.pages.length; j++) {
          var page = pub.pages[j];
          if (page.id !== "tool-10" && page.id !== "tool-11") continue;
          var h = el("h3", "hb-report__caption", page.heading + " over rounds"), items = data.pubs[pub.id].onPage[page.id], rows = [];
          h.id = "hb-report-over-" + pub.id + "-" + page.id;
          overBox.appendChild(h);
          for (var k = 0; k < items.length; k++) {
            var cells = cols.map(function (c) {
              var e = (c.e[pub.id] || {})[items[k].id];
              return e && HB.answers.isAnswered(e.v) ? words(items[k].kind, e.v) : "";
            });
            if (cells.some(Boolean)) rows.push([items[k], cells]);
          }
          if (!rows.length) { overBox.appendChild(el("p", null, "No answer in any round or now.")); continue; }
          var t = table(h.id, ["Number", "Question"].concat(cols.map(function (c) { return c.name; })), "hb-report__over");
          for (var was = null, group = t.body, k = 0; k < rows.length; k++) {
            var sec = sectionOf(rows[k][0]), tr = el("tr");
            if (sec && sec !== was) {
              if (was !== null) t.table.appendChild(group = el("tbody"));
              sectionRow(group, sec, t.span);
            }
            was = sec;
            cell(tr, "Number", rows[k][0].number);
            cell(tr, "Question", rows[k][0].text);
            for (var c = 0; c < cols.length; c++) cell(tr, cols[c].name, rows[k][1][c], "hb-report__answer");
            group.appendChild(tr);
          }
          overBox.appendChild(t.wrap);
        }
      }
    }

    window.__hbReport = render; /* the benchmark times this */
    return { restore: function () { last = null; }, update: update, beforePrint: update };
  });
})(window.HB = window.HB || {});
