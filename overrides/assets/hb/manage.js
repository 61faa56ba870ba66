/* Handbook client, My assessments (hb-assessments, loaded by the page that has it): every assessment with its
 * dates and counts, to make active, rename, duplicate or delete (with undo), and a form to create one. Each lists its
 * monitoring rounds (HB.rounds, rounds.js, loaded by the page beside this: the rounds show once it is there): save the
 * answers as a round, compare one, delete one (with undo). An assessment's rounds are deleted with it, and its Undo
 * brings them back.
 *
 * The list is drawn again from storage after each action and when another tab changes anything (restore), with the
 * form or question open in a row kept open. Focus goes where the action leaves the reader: the new or changed row,
 * the Undo button, the field with an error. Every message goes to one status line. Names are text, never markup.
 */
(function (HB) {
  "use strict";

  var A = HB.assessments, MAX = A.MAX_NAME; /* characters in a name */

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text) e.textContent = text;
    return e;
  }

  /* Answers, notes, flags and the time last answered, by assessment id, read in one pass over the stored answers. */
  function tally() {
    var out = {}, found = HB.storage.stored(HB.FORMAT + "|"), e;
    for (var key in found) {
      try { e = JSON.parse(found[key]); } catch (x) { continue; }
      if (!e || typeof e !== "object") continue;
      var id = key.split("|")[2], t = out[id] || (out[id] = { answers: 0, notes: 0, flags: 0, last: 0 });
      if (HB.answers.isAnswered(e.v)) t.answers++;
      if (e.n) t.notes++;
      if (e.f === true) t.flags++;
      if (typeof e.at === "number" && e.at > t.last) t.last = e.at;
    }
    return out;
  }

  /* "14 answers, 3 notes and 1 flag", "1 note", or "" for nothing. */
  function what(t) {
    var all = t ? [HB.plural(t.answers, "answer"), HB.plural(t.notes, "note"), HB.plural(t.flags, "flag")]
      .filter(Boolean) : [];
    return all.length > 1 ? all.slice(0, -1).join(", ") + " and " + all[all.length - 1] : all.join("");
  }

  function quoted(name) { return "'" + name + "'"; }

  /* A trimmed name no other assessment than id has, or null after showing why not beside the field (focus
     stays there). */
  function checked(input, error, id) {
    var name = input.value.trim();
    var problem = !name ? "Give the assessment a name."
      : name.length > MAX ? "A name can be at most " + MAX + " characters long; this one has " + name.length + "."
      : A.list().some(function (a) { return a.name === name && a.id !== id; })
        ? "There is already an assessment named " + quoted(name) + "; choose another name." : "";
    error.textContent = problem;
    if (problem) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return null;
    }
    input.removeAttribute("aria-invalid");
    return name;
  }

  /* A text field with its label and a line for its error. */
  function field(id, labelText, value) {
    var label = el("label", "", labelText), input = el("input"), error = el("p", "hb-manage__error");
    input.type = "text";
    input.id = label.htmlFor = id;
    input.autocomplete = "off";
    input.value = value || "";
    error.id = id + "-error";
    error.setAttribute("role", "alert");
    input.setAttribute("aria-describedby", error.id);
    return { label: label, input: input, error: error };
  }

  /* A button whose visible words are followed by the assessment's name for screen readers. */
  function button(words, action, name, primary) {
    var b = el("button", "md-button" + (primary ? " md-button--primary" : ""), words);
    b.type = "button";
    b.setAttribute("data-action", action);
    if (name) b.appendChild(el("span", "hb-visually-hidden", " " + name));
    return b;
  }

  HB.module("hb-assessments", function (root) {
    var open = null;     /* {id, mode: "rename", "delete", "round" or "round-delete", value, round} of the row with a
                            form or question open */
    var snapshot = null; /* what Undo brings back */
    var counts = {}, drawn = "", frame = 0;

    root.textContent = "";
    /* Shown once its stylesheet applies (manage.css). */
    root.hidden = true;
    HB.style("manage", function () { root.hidden = false; });
    var heading = el("h2", "", "Your assessments");
    heading.id = "hb-manage-heading";
    var status = el("div", "hb-manage__status");
    status.setAttribute("role", "status");
    var said = el("p", "hb-manage__said"), undo = button("Undo", "undo", "", true);
    undo.hidden = true;
    status.appendChild(said);
    status.appendChild(undo);
    var list = el("ul", "hb-manage__list");
    list.setAttribute("aria-labelledby", heading.id);

    var form = el("form", "hb-manage__new"), made = field("hb-new-name", "Name of the new assessment");
    form.noValidate = true;
    var create = el("button", "md-button md-button--primary", "Create");
    create.type = "submit";
    var line = el("p", "hb-manage__field");
    line.appendChild(made.label);
    line.appendChild(made.input);
    line.appendChild(create);
    form.appendChild(line);
    form.appendChild(made.error);
    [heading, status, list, el("h2", "", "New assessment"), form].forEach(function (e) { root.appendChild(e); });

    function say(text, withUndo) {
      said.textContent = text;
      undo.hidden = !withUndo;
      if (!withUndo) snapshot = null;
    }

    function row(id) {
      for (var i = 0; i < list.children.length; i++) if (list.children[i].getAttribute("data-id") === id) return list.children[i];
      return null;
    }
    function focusIn(id, selector) {
      var r = id && row(id), target = r && r.querySelector(selector || "h3");
      if (target) target.focus();
    }

    var R = null; /* HB.rounds, once rounds.js is here */
    function draw() {
      var active = A.active(), all = A.list();
      R = HB.rounds || null;
      counts = tally();
      drawn = JSON.stringify(counts);
      list.textContent = "";
      if (open && !A.record(open.id)) open = null;
      for (var i = 0; i < all.length; i++) list.appendChild(item(all[i], all[i].id === active, i));
    }

    function item(a, isActive, n) {
      var li = el("li", "hb-manage__row" + (isActive ? " hb-manage__row--active" : ""));
      li.setAttribute("data-id", a.id);
      var h = el("h3", "", a.name);
      h.tabIndex = -1;
      li.appendChild(h);
      var t = counts[a.id], last = t && t.last ? "last answered " + HB.day(t.last) : "";
      var facts = el("p", "hb-manage__facts");
      if (isActive) facts.appendChild(el("strong", "hb-manage__badge", "Active"));
      facts.appendChild(document.createTextNode(
        ["Created " + HB.day(a.created), what(t) || "no answers yet", last].filter(Boolean).join(" · ")));
      li.appendChild(facts);

      var actions = el("p", "hb-manage__actions");
      if (!isActive) actions.appendChild(button("Make active", "activate", a.name, true));
      actions.appendChild(button("Rename", "rename", a.name));
      actions.appendChild(button("Duplicate", "duplicate", a.name));
      actions.appendChild(button("Delete", "delete", a.name));
      if (R) actions.appendChild(button("Save as round", "round", a.name));
      li.appendChild(actions);
      if (R) rounds(li, a, n);

      if (open && open.id === a.id && (open.mode === "rename" || open.mode === "round")) {
        var f = el("form", "hb-manage__rename"), named = field("hb-" + open.mode + "-" + n,
          open.mode === "round" ? "Name of the round" : "New name", open.value);
        f.noValidate = true;
        var p = el("p", "hb-manage__field");
        p.appendChild(named.label);
        p.appendChild(named.input);
        var save = button("Save", "save", "", true);
        save.type = "submit";
        p.appendChild(save);
        p.appendChild(button("Cancel", "cancel"));
        f.appendChild(p);
        f.appendChild(named.error);
        named.input.addEventListener("input", function () { open.value = named.input.value; });
        li.appendChild(f);
      } else if (open && open.id === a.id && open.mode === "delete") {
        var ask = el("div", "hb-manage__confirm");
        ask.setAttribute("role", "group");
        ask.setAttribute("aria-label", "Confirm delete");
        var nr = R ? R.list(a.id).length : 0;
        ask.appendChild(el("p", "", "Delete " + quoted(a.name) + (what(t) ? " and its " + what(t) + "?" : "? It has no answers.") +
          (nr ? " Its " + HB.plural(nr, "round") + (nr === 1 ? " goes" : " go") + " with it." : "")));
        ask.appendChild(button("Yes, delete", "remove", a.name, true));
        ask.appendChild(document.createTextNode(" "));
        ask.appendChild(button("Cancel", "cancel"));
        li.appendChild(ask);
      }
      return li;
    }

    /* The rounds of assessment a under its row: name, date saved, answers; Compare and Delete. */
    function rounds(li, a) {
      var all = R.list(a.id);
      if (!all.length) return;
      var h = el("h4", "hb-manage__rounds-heading", "Rounds of " + a.name), ul = el("ul", "hb-manage__rounds");
      h.id = "hb-rounds-" + a.id;
      ul.setAttribute("aria-labelledby", h.id);
      var compare = R.to("compare");
      for (var i = 0; i < all.length; i++) {
        var r = all[i], item = el("li"), t = counts[r.id];
        item.setAttribute("data-round", r.id);
        item.appendChild(el("strong", "", r.name));
        item.appendChild(document.createTextNode(" · saved " + HB.day(r.created) + " · " +
          (what(t) || "no answers") + " "));
        var link = el("a", "md-button", "Compare");
        link.href = compare + "?a=" + encodeURIComponent(r.id) + "&b=current&switch=1"; /* its assessment becomes active */
        link.appendChild(el("span", "hb-visually-hidden", " " + r.name + " with the current answers"));
        item.appendChild(link);
        item.appendChild(document.createTextNode(" "));
        item.appendChild(button("Delete", "round-delete", r.name));
        if (open && open.id === a.id && open.mode === "round-delete" && open.round === r.id) {
          var ask = el("span", "hb-manage__confirm");
          ask.setAttribute("role", "group");
          ask.setAttribute("aria-label", "Confirm delete");
          ask.appendChild(el("span", "", "Delete the round " + quoted(r.name) + "?"));
          ask.appendChild(button("Yes, delete", "round-remove", r.name, true));
          ask.appendChild(button("Cancel", "cancel"));
          item.appendChild(ask);
        }
        ul.appendChild(item);
      }
      li.appendChild(h);
      li.appendChild(ul);
    }

    function name(id) { var r = A.record(id); return r ? r.name : ""; }

    /* Delete the rounds of assessment id with it, read straight from storage (rounds.js may not be here yet), and
       return what bringBack() needs: [{key, record, entries}]. */
    var ROUND = HB.FORMAT + "-round|";
    function dropRounds(id) {
      var found = HB.storage.stored(ROUND), out = [], r;
      for (var key in found) {
        try { r = JSON.parse(found[key]); } catch (x) { continue; }
        if (!r || typeof r !== "object" || r.of !== id) continue;
        var gone = { key: key, record: r, entries: {} }, ks = A.keys(key.slice(ROUND.length));
        HB.storage.write(key, null);
        for (var i = 0; i < ks.length; i++) {
          var e = HB.storage.load(ks[i]);
          if (e) gone.entries[ks[i]] = e;
          HB.storage.save(ks[i], null);
        }
        out.push(gone);
      }
      return out;
    }
    function bringBack(rounds) {
      for (var i = 0; i < (rounds || []).length; i++) {
        HB.storage.write(rounds[i].key, rounds[i].record);
        for (var k in rounds[i].entries) HB.storage.save(k, rounds[i].entries[k]);
      }
    }

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var wanted = checked(made.input, made.error);
      if (wanted === null) return;
      var id = A.create(wanted);
      made.input.value = "";
      A.activate(id);
      draw();
      say("Created " + quoted(wanted) + ". It is the active assessment: every page answers into it.");
      focusIn(id);
    });

    /* Saving a rename is a submit (Enter in the field, or Save). */
    list.addEventListener("submit", function (e) {
      e.preventDefault();
      var input = e.target.querySelector("input"), error = e.target.querySelector(".hb-manage__error");
      var id = open && open.id;
      if (id && open.mode === "round") {
        var roundName = input.value.trim(), problem = R.problem(id, roundName);
        error.textContent = problem;
        if (problem) { input.setAttribute("aria-invalid", "true"); input.focus(); return; }
        var rid = R.save(id, roundName);
        if (!rid) { /* drawn again meanwhile (HB.restoreAll): the row's form is a new one */
          var again = row(id);
          again.querySelector(".hb-manage__error").textContent = R.FULL;
          again.querySelector("input").focus();
          return;
        }
        open = null;
        draw();
        say("Saved " + quoted(roundName) + ", a read-only copy of " + quoted(name(id)) +
          (what(counts[rid]) ? " with " + what(counts[rid]) : "") + ".");
        focusIn(id, '[data-action="round"]');
        return;
      }
      var wanted = checked(input, error, id);
      if (wanted === null || !id) return;
      var before = name(id);
      A.rename(id, wanted);
      open = null;
      draw();
      say("Renamed " + quoted(before) + " to " + quoted(wanted) + ".");
      focusIn(id, '[data-action="rename"]');
    });

    root.addEventListener("click", function (e) {
      var b = e.target.closest && e.target.closest("button[data-action]");
      if (!b || b.type === "submit") return;
      var action = b.getAttribute("data-action"), li = b.closest("li[data-id]"), id = li && li.getAttribute("data-id");
      if (action === "undo") {
        if (!snapshot) return;
        var back = snapshot;
        if (back.round) {
          R.undo(back.round);
          draw();
          say("The round " + quoted(back.round.record ? back.round.record.name : "") + " is back.");
          focusIn(back.round.record && back.round.record.of);
          return;
        }
        A.undo(back);
        bringBack(back.rounds);
        draw();
        say(quoted(back.record ? back.record.name : "") + " is back, with its answers" +
          (back.rounds && back.rounds.length ? " and " + HB.plural(back.rounds.length, "round") : "") + ".");
        focusIn(back.id);
      } else if (action === "activate") {
        A.activate(id);
        draw();
        say(quoted(name(id)) + " is now the active assessment: every page answers into it.");
        focusIn(id);
      } else if (action === "rename" || action === "delete" || action === "round") {
        open = { id: id, mode: action, value: action === "round" ? R.suggest(id) : name(id) };
        draw();
        var input = row(id).querySelector("input");
        if (input) { input.focus(); input.select(); } else focusIn(id, '[data-action="remove"]');
      } else if (action === "round-delete") {
        open = { id: id, mode: action, round: b.closest("[data-round]").getAttribute("data-round") };
        draw();
        focusIn(id, '[data-action="round-remove"]');
      } else if (action === "round-remove") {
        var rid = open && open.round, rname = rid && R.record(rid) ? R.record(rid).name : "";
        open = null;
        if (!rid) return;
        snapshot = { round: R.remove(rid) };
        draw();
        say("Deleted the round " + quoted(rname) + ".", true);
        snapshot = { round: snapshot.round };
        undo.focus();
      } else if (action === "cancel") {
        var was = open ? open.mode : "rename", which = open && open.round;
        open = null;
        draw();
        focusIn(id, (which ? '[data-round="' + which + '"] ' : "") + '[data-action="' + was + '"]');
      } else if (action === "duplicate") {
        var copyName = A.free(name(id), "copy"), copy = A.duplicate(id, copyName);
        draw();
        say("Made " + quoted(copyName) + (what(counts[copy]) ? ", with " + what(counts[copy]) : "") + ".");
        focusIn(copy);
      } else if (action === "remove") {
        var gone = name(id), lost = what(counts[id]), went = dropRounds(id);
        open = null;
        snapshot = A.remove(id);
        snapshot.rounds = went;
        draw();
        say("Deleted " + quoted(gone) + (lost ? " and its " + lost : "") +
          (went.length ? (lost ? ", and " : " and ") + HB.plural(went.length, "round") : "") + "." +
          (snapshot.wasActive ? " " + quoted(name(A.active())) + " is now the active assessment." : ""), true);
        undo.focus();
      }
    });

    /* Escape closes a row's form or question. */
    list.addEventListener("keydown", function (e) {
      var cancel = e.key === "Escape" && open && row(open.id);
      if (cancel) cancel.querySelector('[data-action="cancel"]').click();
    });

    draw();
    /* Drawn again, the open form or question kept open and the control with focus keeping it. */
    function redraw() {
      var f = document.activeElement, li = root.contains(f) && f.closest("li[data-id]");
      var which = li && (f.id ? "#" + f.id : f.getAttribute("data-action") ? '[data-action="' + f.getAttribute("data-action") + '"]' : "h3");
      var inRound = li && f.closest("[data-round]");
      if (inRound && which.charAt(0) === "[") which = '[data-round="' + inRound.getAttribute("data-round") + '"] ' + which;
      draw();
      if (which) focusIn(li.getAttribute("data-id"), which);
    }
    /* restore: the assessments changed (here or in another tab). update: answers may have changed (another tab
       fires one storage event per answer: 10,000 for a large import), so the counts are read again at most once
       a frame, and the list drawn again only if they changed. */
    return {
      restore: redraw,
      update: function () {
        if (!frame) frame = requestAnimationFrame(function () {
          frame = 0;
          if (JSON.stringify(tally()) !== drawn) redraw();
        });
      }
    };
  });
})(window.HB = window.HB || {});
