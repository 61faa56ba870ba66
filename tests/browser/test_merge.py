"""Merging colleagues' exports: two and three browser contexts stand for three colleagues who answer the same
items, export, and one merges the others' files; the review shows agreed, only theirs and conflicts with both names,
the decisions are kept item by item (and who gave each answer), a second merge of the same file changes nothing; an
export of another edition is shown as such; a merge that would not fit storage is refused before anything is
written."""
from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from conftest import screenshot
from test_accessibility import _violations, axe, still_context  # noqa: F401  (fixtures used below)

PUB = "security-toolkit"
TOOL9 = f"{PUB}/tool-09/"
ASSESSMENTS = "assessments/"
YOUR_NAME = re.compile("^Your name")

#: Every stored key and its text, sorted; filler keys (a test fills storage) by their length only.
STORED = """() => Object.keys(localStorage).sort().map(k => [k, k.startsWith('filler-') ?
  localStorage.getItem(k).length : localStorage.getItem(k)])"""
#: The active assessment's entries, as {item id: entry}.
ENTRIES = """() => { const out = {}, id = HB.assessments.active();
  for (const key of HB.assessments.keys(id)) out[key.split('|')[3]] = JSON.parse(localStorage.getItem(key));
  return out; }"""


def item_root(page, item_id):
    return page.locator(f'[data-module="hb-answer"][id="{item_id}"]')


def answer(page, item_id, label, note=None):
    item_root(page, item_id).get_by_role("radio", name=label, exact=True).check()
    if note:
        root = item_root(page, item_id)
        root.locator(".hb-note > summary").click()
        root.get_by_role("textbox", name=re.compile("^Note on")).fill(note)


def colleague(browser, site_url, name, assessment, answers):
    """A colleague in a browser of their own: names an assessment, answers on Tool 9, sets their name."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site_url + TOOL9)
    page.evaluate("name => HB.assessments.activate(HB.assessments.create(name))", assessment)
    for item_id, value in answers.items():
        label, note = value if isinstance(value, tuple) else (value, None)
        answer(page, item_id, label, note)
    page.goto(site_url + ASSESSMENTS)
    if name:
        page.get_by_label(YOUR_NAME).fill(name)
        page.get_by_label(YOUR_NAME).press("Tab")  # saved on change
    page.errors = errors
    return context, page


def export(page, tmp_path, filename):
    page.get_by_label("Assessment to export").select_option(
        label=page.evaluate("HB.assessments.record(HB.assessments.active()).name"))
    with page.expect_download() as info:
        page.get_by_role("button", name="Export answers (JSON)").click()
    path = tmp_path / filename
    path.write_bytes(info.value.path().read_bytes())
    return path


def open_review(page, path, target):
    page.get_by_label("Import answers (JSON file)").set_input_files(str(path))
    expect(page.get_by_role("status").filter(has_text="(exported ")).to_be_visible()
    page.get_by_label("Existing assessment").select_option(label=target)
    page.get_by_role("button", name="Merge into an existing assessment").click()
    heading = page.get_by_role("heading", name=re.compile(f"^Merge '.*' into '{re.escape(target)}'$"))
    expect(heading).to_be_focused()


def choice(page, number_and_words):
    return page.get_by_role("radiogroup", name=re.compile("^" + re.escape(number_and_words)))


def conflict(page, number):
    return page.locator(".hb-merge__conflict").filter(has=page.get_by_role("radiogroup", name=re.compile(
        "^" + re.escape(number) + " ")))


# ---- two colleagues -------------------------------------------------------------------------------------------

def test_two_colleagues_merge_item_by_item_and_a_second_merge_changes_nothing(browser, site_url, tmp_path):
    ana_ctx, ana = colleague(browser, site_url, "Ana", "Border review (Ana)", {
        "t9-q01": "Yes", "t9-q02": ("No", "Ana's note."), "t9-q03": "Yes", "t9-q04": "Yes", "t9-q05": "N/A"})
    path = export(ana, tmp_path, "ana.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["author"] == "Ana" and all("by" not in a for a in doc["answers"])  # typed here: no "by"
    lena_ctx, lena = colleague(browser, site_url, "Lena", "Border review", {
        "t9-q01": "No", "t9-q02": ("Yes", "Lena's note."), "t9-q03": "No", "t9-q04": "Yes", "t9-q06": "Yes"})
    stored = lena.evaluate(STORED)
    open_review(lena, path, "Border review")
    expect(lena.get_by_text("Tool 9: 3 conflicts, 1 only theirs, 1 agreed")).to_be_visible()
    expect(lena.get_by_text(re.compile(r"^Answers from Ana: 3 conflicts to decide, 1 only theirs, 1 agreed; "
                                       r"1 answer only in 'Border review'"))).to_be_visible()
    q2 = conflict(lena, "2.")
    expect(q2.locator(".hb-merge__mine")).to_have_text(re.compile(r"^Mine \(Lena\)YesNote: Lena's note\.$"))
    expect(q2.locator(".hb-merge__theirs")).to_have_text(re.compile(r"^Theirs \(Ana\)NoNote: Ana's note\.$"))
    expect(conflict(lena, "1.").locator(".hb-merge__theirs")).to_contain_text("Theirs (Ana)Yes")
    expect(conflict(lena, "1.").get_by_label("Keep both notes")).to_have_count(0)  # no two notes to keep
    expect(choice(lena, "1. ").get_by_role("radio", name="Keep mine")).to_be_checked()  # the default
    expect(lena.get_by_role("button", name="Merge 1 change into 'Border review'")).to_be_visible()  # only theirs
    screenshot(lena, "merge-review-desktop")

    choice(lena, "1. ").get_by_role("radio", name="Take theirs").check()
    choice(lena, "3. ").get_by_role("radio", name="Keep mine").check()
    q2.get_by_label("Keep both notes").check()
    assert lena.evaluate(STORED) == stored  # nothing written before the confirming click
    lena.get_by_role("button", name="Merge 3 changes into 'Border review'").click()
    status = lena.get_by_role("status").filter(has_text="Merged")
    expect(status).to_have_text("Merged 3 changes from 'Ana' into 'Border review', now the active assessment.")
    expect(status).to_be_focused()
    expect(lena.get_by_role("button", name="Undo the import")).to_be_visible()

    after = lena.evaluate(ENTRIES)
    assert {k: e["v"] for k, e in after.items()} == {"t9-q01": "yes", "t9-q02": "yes", "t9-q03": "no",
                                                     "t9-q04": "yes", "t9-q05": "na", "t9-q06": "yes"}
    assert after["t9-q01"]["by"] == "Ana" and after["t9-q05"]["by"] == "Ana"  # theirs taken
    assert after["t9-q02"]["by"] == "Lena" and after["t9-q03"]["by"] == "Lena"  # mine kept
    assert after["t9-q02"]["n"] == "Lena's note.\n\nAna: Ana's note."
    assert "by" not in after["t9-q04"] and "by" not in after["t9-q06"]  # agreed and only mine: untouched
    assert len(after["t9-q03"]["x"]) == 1  # Ana's answer, declined, remembered

    lena.goto(site_url + TOOL9)
    for item_id, label in {"t9-q01": "Yes", "t9-q02": "Yes", "t9-q03": "No", "t9-q04": "Yes", "t9-q05": "N/A",
                           "t9-q06": "Yes"}.items():
        expect(item_root(lena, item_id).get_by_role("radio", name=label, exact=True)).to_be_checked()
    expect(item_root(lena, "t9-q02").get_by_role("textbox", name=re.compile("^Note on"))).to_have_value(
        "Lena's note.\n\nAna: Ana's note.")
    # A note written afterwards on the tool page keeps whose answer it is and what was declined.
    note(lena, "t9-q01", "Checked with Ana.")
    note(lena, "t9-q03", "Still no.")
    lena.wait_for_function("() => JSON.parse(localStorage.getItem(HB.keyFor('t9-q03'))).n === 'Still no.'")
    noted = lena.evaluate(ENTRIES)
    assert (noted["t9-q01"]["by"], noted["t9-q01"]["n"]) == ("Ana", "Checked with Ana.")
    assert (noted["t9-q03"]["by"], noted["t9-q03"]["x"]) == ("Lena", after["t9-q03"]["x"])

    # The same file again: nothing to merge, and storage stays byte for byte as it is.
    lena.goto(site_url + ASSESSMENTS)
    stored = lena.evaluate(STORED)
    open_review(lena, path, "Border review")
    expect(lena.get_by_text("Nothing to merge: all 5 answers agree or were decided before.")).to_be_visible()
    expect(lena.get_by_role("button", name=re.compile("^Merge .* into"))).to_have_count(0)
    lena.get_by_role("button", name="Cancel").click()
    expect(lena.get_by_role("button", name="Merge into an existing assessment")).to_be_focused()
    assert lena.evaluate(STORED) == stored
    # An answer changed on the tool page is one typed here: whose it was and what was declined go.
    lena.goto(site_url + TOOL9)
    item_root(lena, "t9-q03").get_by_role("radio", name="Yes", exact=True).check()
    lena.wait_for_function("() => JSON.parse(localStorage.getItem(HB.keyFor('t9-q03'))).v === 'yes'")
    changed = lena.evaluate(ENTRIES)["t9-q03"]
    assert changed["n"] == "Still no." and "by" not in changed and "x" not in changed
    assert ana.errors == [] and lena.errors == []
    ana_ctx.close()
    lena_ctx.close()


# ---- three colleagues -----------------------------------------------------------------------------------------

def test_three_colleagues_merged_one_after_another_keep_who_answered(browser, site_url, tmp_path):
    ana_ctx, ana = colleague(browser, site_url, "Ana", "Ana's", {"t9-q01": "Yes", "t9-q02": "Yes", "t9-q03": "Yes"})
    ben_ctx, ben = colleague(browser, site_url, "Ben", "Ben's", {"t9-q01": "N/A", "t9-q02": "No", "t9-q03": "No",
                                                                  "t9-q04": "Yes"})
    from_ana, from_ben = export(ana, tmp_path, "ana.json"), export(ben, tmp_path, "ben.json")
    lena_ctx, lena = colleague(browser, site_url, "Lena", "Team", {"t9-q01": "No", "t9-q02": "N/A"})

    open_review(lena, from_ana, "Team")
    expect(lena.get_by_text("Tool 9: 2 conflicts, 1 only theirs")).to_be_visible()
    lena.get_by_role("button", name="Take theirs for all in Tool 9").click()
    expect(choice(lena, "2. ").get_by_role("radio", name="Take theirs")).to_be_checked()
    lena.get_by_role("button", name="Merge 3 changes into 'Team'").click()
    expect(lena.get_by_role("status").filter(has_text="Merged")).to_have_text(
        "Merged 3 changes from 'Ana' into 'Team', now the active assessment.")

    open_review(lena, from_ben, "Team")
    expect(lena.get_by_text("Tool 9: 3 conflicts, 1 only theirs")).to_be_visible()
    expect(conflict(lena, "1.").locator(".hb-merge__mine")).to_have_text("Mine (from Ana)Yes")  # taken from Ana before
    expect(conflict(lena, "1.").locator(".hb-merge__theirs")).to_have_text("Theirs (Ben)N/A")
    choice(lena, "1. ").get_by_role("radio", name="Take theirs").check()
    lena.get_by_role("button", name="Merge 2 changes into 'Team'").click()
    expect(lena.get_by_role("status").filter(has_text="Merged")).to_be_focused()

    after = lena.evaluate(ENTRIES)
    assert {k: (e["v"], e.get("by")) for k, e in after.items()} == {
        "t9-q01": ("na", "Ben"), "t9-q02": ("yes", "Ana"), "t9-q03": ("yes", "Ana"), "t9-q04": ("yes", "Ben")}
    lena.goto(site_url + TOOL9)
    for item_id, label in {"t9-q01": "N/A", "t9-q02": "Yes", "t9-q03": "Yes", "t9-q04": "Yes"}.items():
        expect(item_root(lena, item_id).get_by_role("radio", name=label, exact=True)).to_be_checked()

    # Either file again: nothing to merge (Ana's answer to 1, given up for Ben's, counts as decided).
    lena.goto(site_url + ASSESSMENTS)
    for path, count in ((from_ben, 4), (from_ana, 3)):
        open_review(lena, path, "Team")
        expect(lena.get_by_text(f"Nothing to merge: all {count} answers agree or were decided before.")).to_be_visible()
        lena.get_by_role("button", name="Cancel").click()

    doc = json.loads(export(lena, tmp_path, "lena.json").read_text(encoding="utf-8"))
    assert doc["author"] == "Lena"
    assert {a["item"]: a.get("by") for a in doc["answers"]} == {"t9-q01": "Ben", "t9-q02": "Ana", "t9-q03": "Ana",
                                                                "t9-q04": "Ben"}
    assert ana.errors == [] and ben.errors == [] and lena.errors == []
    for ctx in (ana_ctx, ben_ctx, lena_ctx):
        ctx.close()


# ---- another edition; storage too full --------------------------------------------------------------------------

def test_an_export_of_another_edition_is_shown_as_such(browser, site_url, tmp_path):
    ana_ctx, ana = colleague(browser, site_url, "Ana", "Ana's", {"t9-q01": "Yes", "t9-q02": "Yes"})
    path = export(ana, tmp_path, "ana.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["answers"][0]["hash"] = "0123456789ab"  # t9-q01 answered to another wording
    doc["answers"].append({"publication": PUB, "item": "zz-later-edition", "answer": "high", "by": "Zoe",
                           "hash": "fedcba987654", "answered": "2027-03-02T10:03:00.000Z"})
    doc["answers"].append({"publication": PUB, "item": "zz-both-hold", "answer": "low", "hash": "fedcba987654",
                           "answered": "2027-03-02T10:03:00.000Z"})
    path.write_text(json.dumps(doc), encoding="utf-8")
    lena_ctx, lena = colleague(browser, site_url, None, "Mine", {"t9-q01": "No", "t9-q02": "No"})
    lena.evaluate("""(pub) => HB.storage.save(HB.keyFor('zz-both-hold', pub),
      {v: 'high', h: 'fedcba987654', t: 'tool-99', at: 1.7e12})""", PUB)  # kept from a later edition
    open_review(lena, path, "Mine")
    expect(lena.get_by_text(re.compile(r"^Answers from Ana: 2 conflicts to decide, 0 only theirs, 0 agreed, "
                                       r"1 not in this edition \(added\), 1 kept yours \(not in this edition\);"))
           ).to_be_visible()
    expect(lena.get_by_text("zz-both-hold (kept yours, not in this edition)")).to_be_visible()
    expect(lena.get_by_text("decided before")).to_have_count(0)
    expect(conflict(lena, "1.").locator(".hb-merge__q")).to_contain_text("(answered to a different wording)")
    expect(conflict(lena, "2.").locator(".hb-merge__q")).not_to_contain_text("different wording")
    expect(conflict(lena, "1.").locator(".hb-merge__mine")).to_have_text("MineNo")  # no name set here
    expect(lena.get_by_role("heading", name="Not in this edition")).to_be_visible()
    expect(lena.get_by_text("zz-later-edition (not in this edition)")).to_be_visible()
    lena.get_by_role("button", name="Merge 1 change into 'Mine'").click()
    after = lena.evaluate(ENTRIES)
    assert after["zz-later-edition"]["v"] == "high" and after["zz-later-edition"]["by"] == "Zoe"
    assert after["zz-both-hold"] == {"v": "high", "h": "fedcba987654", "t": "tool-99", "at": 1.7e12}
    assert after["t9-q01"]["v"] == "no" and "by" not in after["t9-q01"]  # mine kept, no name to record
    assert ana.errors == [] and lena.errors == []
    ana_ctx.close()
    lena_ctx.close()


FILL = """() => { let chunk = 'x'.repeat(1 << 20), i = 0;
  while (chunk.length >= 8) {
    try { localStorage.setItem('filler-' + i, chunk); i++; } catch (e) { chunk = chunk.slice(0, chunk.length / 2); }
  }
  return i; }"""


def test_a_merge_that_does_not_fit_storage_is_refused_before_writing(browser, site_url, tmp_path):
    long = "A long note. " * 2000
    ana_ctx, ana = colleague(browser, site_url, "Ana", "Ana's", {f"t9-q0{n}": ("Yes", f"{n}: {long}")
                                                                  for n in range(1, 5)})
    path = export(ana, tmp_path, "ana.json")
    lena_ctx, lena = colleague(browser, site_url, "Lena", "Mine", {"t9-q05": "No"})
    assert lena.evaluate(FILL) > 0
    stored = lena.evaluate(STORED)
    open_review(lena, path, "Mine")
    lena.get_by_role("button", name="Merge 4 changes into 'Mine'").click()
    alert = lena.get_by_role("alert").filter(has_text="This merge needs about ")
    expect(alert).to_contain_text("more than this browser has free: nothing was written.")
    expect(alert).to_be_focused()  # inside the review, which stays open with the choices made
    expect(lena.get_by_role("heading", name="Merge 'Ana's' into 'Mine'")).to_be_visible()
    expect(lena.get_by_role("button", name="Merge 4 changes into 'Mine'")).to_be_visible()
    assert lena.evaluate(STORED) == stored
    expect(lena.get_by_role("button", name="Undo the import")).to_be_hidden()
    assert ana.errors == [] and lena.errors == []
    ana_ctx.close()
    lena_ctx.close()


# ---- accessible, on a phone ------------------------------------------------------------------------------------

def test_the_review_passes_axe_and_fits_a_phone(still_context, site_url, axe, tmp_path):  # noqa: F811
    page = still_context.new_page()
    page.goto(site_url + ASSESSMENTS)
    hashes = page.evaluate("""() => Object.fromEntries(JSON.parse(document.getElementById('hb-data').textContent)
      .publications[0].items.map(i => [i.id, i.hash]))""")
    page.goto(site_url + TOOL9)
    page.evaluate("HB.assessments.activate(HB.assessments.create('Mine'))")
    answer(page, "t9-q01", "No", "My note, which is long enough to wrap on a phone screen.")
    answer(page, "t9-q02", "Yes")
    answers = [{"publication": PUB, "item": i, "answer": v, "hash": hashes[i], "answered": "2027-03-02T10:00:00.000Z"}
               for i, v in (("t9-q01", "yes"), ("t9-q02", "no"), ("t9-q03", "na"))]
    answers[0]["note"] = "Their note, which is also long enough to wrap on a phone screen."
    doc = {"format": "iom-handbook-assessment", "version": 1, "exported": "2027-03-03T09:00:00.000Z",
           "author": "Ana María de los Ángeles", "assessment": {"name": "Theirs", "created": "2027-03-01T08:00:00Z",
                                                                "updated": "2027-03-02T10:00:00Z"},
           "publications": [{"id": PUB, "title": "T", "edition": "2022"}], "answers": answers}
    path = tmp_path / "theirs.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    page.goto(site_url + ASSESSMENTS)
    page.set_viewport_size({"width": 360, "height": 800})
    open_review(page, path, "Mine")
    problems = _violations(axe, page)
    screenshot(page, "merge-review-phone")
    width = page.evaluate("document.documentElement.scrollWidth")
    sides = page.locator(".hb-merge__conflict").first.locator(".hb-merge__side")
    mine_box, theirs_box = sides.nth(0).bounding_box(), sides.nth(1).bounding_box()
    assert theirs_box["y"] >= mine_box["y"] + mine_box["height"]  # stacked, not side by side
    assert problems == []
    assert width <= 360
    # By keyboard: from the heading to the tool's buttons, all taken, then Escape closes the review.
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Keep mine for all in Tool 9")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(choice(page, "2. ").get_by_role("radio", name="Take theirs")).to_be_checked()
    expect(page.get_by_role("button", name="Merge 3 changes into 'Mine'")).to_be_visible()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name="Merge into an existing assessment")).to_be_focused()
    expect(page.get_by_role("heading", name="Merge 'Theirs' into 'Mine'")).to_have_count(0)


# ---- the importer's check of "author" and "by"; an import as new keeps "by" ------------------------------------

CHECK = """doc => { const r = HB.transfer.check(JSON.stringify(doc));
  return r.ok ? {ok: true, author: r.author, by: r.entries.map(e => e.entry.by || null)} : {ok: false, error: r.error}; }"""


def test_the_importer_checks_author_and_by_and_a_new_import_keeps_by(page, site_url, tmp_path):
    page.goto(site_url + ASSESSMENTS)
    expect(page.get_by_role("button", name="Export answers (JSON)")).to_be_visible()
    h = page.evaluate("""() => Object.fromEntries(JSON.parse(document.getElementById('hb-data').textContent)
      .publications[0].items.map(i => [i.id, i.hash]))""")
    doc = {"format": "iom-handbook-assessment", "version": 1, "exported": "2027-03-03T09:00:00.000Z",
           "author": " Lena ", "assessment": {"name": "Team", "created": "2027-03-01T08:00:00Z",
                                              "updated": "2027-03-02T10:00:00Z"},
           "publications": [{"id": PUB, "title": "T", "edition": "2022"}],
           "answers": [{"publication": PUB, "item": "t9-q01", "answer": "yes", "hash": h["t9-q01"], "by": "Ana",
                        "answered": "2027-03-02T10:00:00.000Z"},
                       {"publication": PUB, "item": "t9-q02", "answer": "no", "hash": h["t9-q02"],
                        "answered": "2027-03-02T10:00:00.000Z"}]}
    assert page.evaluate(CHECK, doc) == {"ok": True, "author": "Lena", "by": ["Ana", None]}
    for bad, where in (({"author": ""}, "author"), ({"author": "A" * 121}, "author"), ({"author": 3}, "author"),
                       ({"author": "  "}, "author")):
        assert page.evaluate(CHECK, dict(doc, **bad)) == {
            "ok": False, "error": "This export's author is not a name of 1 to 120 characters."}, bad
    for by in ("", "B" * 121, ["Ana"], " "):
        broken = json.loads(json.dumps(doc))
        broken["answers"][0]["by"] = by
        assert page.evaluate(CHECK, broken) == {"ok": False, "error": "Answer 1 of this export (t9-q01) has a 'by' "
                                                "that is not a name of 1 to 120 characters."}, by
    path = tmp_path / "team.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    page.get_by_label("Import answers (JSON file)").set_input_files(str(path))
    page.get_by_role("button", name="Import as a new assessment").click()
    expect(page.get_by_role("status").filter(has_text="Imported")).to_be_visible()
    after = page.evaluate(ENTRIES)
    assert after["t9-q01"]["by"] == "Ana" and "by" not in after["t9-q02"]


def test_your_name_is_kept_and_offered_on_the_report_too(page, site_url):
    page.goto(site_url + ASSESSMENTS)
    field = page.get_by_label(YOUR_NAME)
    expect(field).to_have_attribute("maxlength", "120")
    field.fill("  Lena Moreau  ")
    field.press("Tab")
    assert page.evaluate("HB.storage.read('hb1-author')") == "Lena Moreau"
    assert page.evaluate("HB.transfer.exportData(HB.assessments.active()).author") == "Lena Moreau"
    page.goto(site_url + "report/")
    expect(page.get_by_label(YOUR_NAME)).to_have_value("Lena Moreau")
    page.get_by_label(YOUR_NAME).fill("")
    page.get_by_label(YOUR_NAME).press("Tab")
    assert page.evaluate("HB.storage.read('hb1-author')") is None
    assert "author" not in page.evaluate("HB.transfer.exportData(HB.assessments.active())")


# ---- review findings: notes without answers, flags, whole notes, names, other tabs, left out, per-tool buttons --

def note(page, item_id, text, flag=False):
    """A note (and the flag) on an item, without an answer."""
    root = item_root(page, item_id)
    root.locator(".hb-note > summary").click()
    root.get_by_role("textbox", name=re.compile("^Note on")).fill(text)
    if flag:
        root.get_by_role("checkbox", name=re.compile("^Something must be done")).check()


def flag(page, item_id):
    root = item_root(page, item_id)
    if not root.locator(".hb-note").evaluate("d => d.open"):
        root.locator(".hb-note > summary").click()
    root.get_by_role("checkbox", name=re.compile("^Something must be done")).check()


def test_a_note_alone_is_no_answer_and_a_flag_is_kept_from_either_side(browser, site_url, tmp_path):
    ana_ctx, ana = colleague(browser, site_url, "Ana", "Ana's", {"t9-q02": "Yes", "t9-q03": "No",
                                                                  "t9-q04": ("Yes", "Ana on 4."), "t9-q05": "Yes"})
    ana.goto(site_url + TOOL9)
    note(ana, "t9-q01", "Ana's note on 1.")  # a note, no answer
    note(ana, "t9-q06", "Ana's note on 6.")
    flag(ana, "t9-q03")
    flag(ana, "t9-q05")
    ana.goto(site_url + ASSESSMENTS)
    path = export(ana, tmp_path, "ana.json")
    lena_ctx, lena = colleague(browser, site_url, "Lena", "Mine", {"t9-q01": "Yes", "t9-q03": "Yes", "t9-q04": "Yes",
                                                                    "t9-q05": "Yes"})
    lena.goto(site_url + TOOL9)
    note(lena, "t9-q02", "Lena's note on 2.")  # a note, no answer
    flag(lena, "t9-q06")  # the flag alone
    lena.wait_for_function("() => JSON.parse(localStorage.getItem(HB.keyFor('t9-q06')) || '{}').f === true")
    lena.goto(site_url + ASSESSMENTS)
    open_review(lena, path, "Mine")
    # Their answer to 2 is only theirs (my note stays with it); 5: only their flag; their note where I wrote none,
    # the answers agreeing (4) or theirs being none (1, 6): a note to add, never a conflict that drops it.
    expect(lena.get_by_text("Tool 9: 1 conflict, 1 only theirs, 1 mark to add, 3 notes to add")).to_be_visible()
    expect(lena.get_by_text(re.compile(r"^Answers from Ana: 1 conflict to decide, 1 only theirs, 0 agreed, 1 mark "
                                       r"'Something must be done' to add, 3 notes to add \(where you wrote none\);"))
           ).to_be_visible()
    expect(lena.get_by_text("An item marked 'Something must be done' on either side stays marked.")).to_be_visible()
    expect(lena.locator(".hb-merge__conflict")).to_have_count(1)
    expect(conflict(lena, "3.").locator(".hb-merge__theirs")).to_have_text("Theirs (Ana)NoSomething must be done")
    screenshot(lena, "merge-review-notes-to-add")
    lena.get_by_role("button", name="Merge 6 changes into 'Mine'").click()
    expect(lena.get_by_role("status").filter(has_text="Merged")).to_be_focused()
    after = lena.evaluate(ENTRIES)
    assert (after["t9-q01"]["v"], after["t9-q01"]["n"]) == ("yes", "Ana's note on 1.")
    assert (after["t9-q04"]["v"], after["t9-q04"]["n"]) == ("yes", "Ana on 4.")
    assert "by" not in after["t9-q01"] and "by" not in after["t9-q04"]  # still my answer, typed here
    assert (after["t9-q06"]["v"], after["t9-q06"]["n"], after["t9-q06"].get("f")) == (None, "Ana's note on 6.", True)
    assert (after["t9-q02"]["v"], after["t9-q02"]["n"], after["t9-q02"]["by"]) == ("yes", "Lena's note on 2.", "Ana")
    assert "x" not in after["t9-q02"]  # no answer of theirs declined against none of mine
    assert (after["t9-q03"]["v"], after["t9-q03"].get("f")) == ("yes", True)  # mine kept, their flag too
    assert (after["t9-q05"]["v"], after["t9-q05"].get("f")) == ("yes", True)
    lena.goto(site_url + TOOL9)
    expect(item_root(lena, "t9-q01").get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    expect(item_root(lena, "t9-q02").get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    expect(item_root(lena, "t9-q04").get_by_role("textbox", name=re.compile("^Note on"))).to_have_value("Ana on 4.")
    expect(item_root(lena, "t9-q05").get_by_role("checkbox", name=re.compile("^Something must be done"))).to_be_checked()
    lena.goto(site_url + ASSESSMENTS)
    stored = lena.evaluate(STORED)
    open_review(lena, path, "Mine")
    expect(lena.get_by_text("Nothing to merge: all 6 answers agree or were decided before.")).to_be_visible()
    assert lena.evaluate(STORED) == stored
    assert ana.errors == [] and lena.errors == []
    ana_ctx.close()
    lena_ctx.close()


def test_a_note_is_agreed_only_as_a_whole_and_both_notes_are_kept_per_tool(browser, site_url, tmp_path):
    ana_ctx, ana = colleague(browser, site_url, "Ana", "Ana's", {"t9-q01": ("Yes", "ok"), "t9-q02": ("No", "Late."),
                                                                  "t9-q03": "Yes"})
    path = export(ana, tmp_path, "ana.json")
    lena_ctx, lena = colleague(browser, site_url, "Lena", "Mine", {"t9-q01": ("Yes", "not ok"),
                                                                    "t9-q02": ("No", "On time."), "t9-q03": "No"})
    open_review(lena, path, "Mine")
    expect(lena.get_by_text("Tool 9: 3 conflicts")).to_be_visible()  # "ok" is not in "not ok"
    link = conflict(lena, "1.").get_by_role("link", name=re.compile(r"\(opens in a new tab\)$"))
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener")
    both = lena.get_by_role("checkbox", name=re.compile(r"^Keep both notes on 2\. "))
    expect(both).to_have_count(1)  # each names its question
    lena.get_by_role("button", name="Keep both notes for all in Tool 9").click()
    expect(lena.get_by_role("status").filter(has_text="Both notes kept")).to_have_text(
        "Both notes kept for 2 conflicts in Tool 9.")
    expect(both).to_be_checked()
    expect(lena.get_by_role("checkbox", name=re.compile(r"^Keep both notes on 1\. "))).to_be_checked()
    lena.get_by_role("button", name="Take theirs for all in Tool 9").click()
    expect(lena.get_by_role("status").filter(has_text="Theirs taken")).to_have_text(
        "Theirs taken for 3 conflicts in Tool 9.")
    lena.get_by_role("button", name="Keep mine for all in Tool 9").click()
    expect(lena.get_by_role("status").filter(has_text="Yours kept")).to_have_text(
        "Yours kept for 3 conflicts in Tool 9.")
    lena.get_by_role("button", name="Merge 2 changes into 'Mine'").click()
    after = lena.evaluate(ENTRIES)
    assert after["t9-q01"]["n"] == "not ok\n\nAna: ok" and after["t9-q02"]["n"] == "On time.\n\nAna: Late."
    assert after["t9-q03"]["v"] == "no"
    open_review(lena, path, "Mine")  # the joined notes hold theirs as whole paragraphs: agreed now
    expect(lena.get_by_text("Nothing to merge: all 3 answers agree or were decided before.")).to_be_visible()
    assert ana.errors == [] and lena.errors == []
    ana_ctx.close()
    lena_ctx.close()


def test_their_answers_left_out_per_tool_or_per_item_are_not_asked_again(browser, site_url, tmp_path):
    ana_ctx, ana = colleague(browser, site_url, "Ana", "Ana's", {"t9-q01": "Yes", "t9-q02": "No", "t9-q03": "Yes"})
    path = export(ana, tmp_path, "ana.json")
    lena_ctx, lena = colleague(browser, site_url, "Lena", "Mine", {"t9-q06": "Yes"})
    open_review(lena, path, "Mine")
    lena.get_by_text(re.compile(r"^Only theirs in Tool 9 \(3\)")).click()
    lena.get_by_role("checkbox", name=re.compile(r"^Add 2\. ")).uncheck()
    expect(lena.get_by_role("checkbox", name="Add their 3 answers to items I have not answered")).not_to_be_checked()
    lena.get_by_role("button", name="Merge 2 changes into 'Mine'").click()
    after = lena.evaluate(ENTRIES)
    assert sorted(after) == ["t9-q01", "t9-q03", "t9-q06"]
    stored = lena.evaluate(STORED)
    open_review(lena, path, "Mine")
    expect(lena.get_by_text("Nothing to merge: all 3 answers agree or were decided before.")).to_be_visible()
    assert lena.evaluate(STORED) == stored

    # A second colleague's answers, all left out with the tool's box: the same file again changes nothing.
    ben_ctx, ben = colleague(browser, site_url, "Ben", "Ben's", {"t9-q04": "Yes", "t9-q05": "No"})
    from_ben = export(ben, tmp_path, "ben.json")
    before = lena.evaluate(STORED)
    for attempt in ("undone", "kept"):
        open_review(lena, from_ben, "Mine")
        lena.get_by_role("checkbox", name="Add their 2 answers to items I have not answered").uncheck()
        lena.get_by_role("button", name="Keep all my answers in 'Mine'").click()
        expect(lena.get_by_role("status").filter(has_text="Merged")).to_be_focused()
        assert lena.evaluate("JSON.parse(localStorage.getItem('hb1-declined|' + HB.assessments.active())).left"
                             ".length") == 3  # Ana's one and Ben's two
        if attempt == "undone":  # Undo forgets what was left out too
            lena.get_by_role("button", name="Undo the import").click()
            expect(lena.get_by_role("status").filter(has_text="Undone")).to_be_focused()
            assert lena.evaluate(STORED) == before
    stored = lena.evaluate(STORED)
    open_review(lena, from_ben, "Mine")
    expect(lena.get_by_text("Nothing to merge: all 2 answers agree or were decided before.")).to_be_visible()
    assert lena.evaluate(STORED) == stored
    assert ana.errors == [] and ben.errors == [] and lena.errors == []
    for ctx in (ana_ctx, ben_ctx, lena_ctx):
        ctx.close()


def test_a_review_left_open_while_another_tab_answers_writes_nothing_and_is_shown_again(browser, site_url, tmp_path):
    ana_ctx, ana = colleague(browser, site_url, "Ana", "Ana's", {"t9-q01": "Yes", "t9-q02": "Yes"})
    path = export(ana, tmp_path, "ana.json")
    lena_ctx, lena = colleague(browser, site_url, "Lena", "Mine", {"t9-q01": "No"})
    open_review(lena, path, "Mine")
    other = lena_ctx.new_page()  # Lena's second tab
    other.goto(site_url + TOOL9)
    other.evaluate("id => HB.assessments.activate(id)", lena.evaluate("HB.assessments.active()"))
    item_root(other, "t9-q01").get_by_role("radio", name="N/A", exact=True).check()
    stored = lena.evaluate(STORED)
    lena.get_by_role("button", name="Merge 1 change into 'Mine'").click()
    alert = lena.get_by_role("alert").filter(has_text="changed (in another tab)")
    expect(alert).to_contain_text("nothing was written")
    expect(alert).to_be_focused()
    assert lena.evaluate(STORED) == stored
    expect(conflict(lena, "1.").locator(".hb-merge__mine")).to_have_text("Mine (Lena)N/A")  # read again
    lena.get_by_role("button", name="Merge 1 change into 'Mine'").click()
    expect(lena.get_by_role("status").filter(has_text="Merged")).to_be_focused()
    assert lena.evaluate(ENTRIES)["t9-q01"]["v"] == "na"
    assert ana.errors == [] and lena.errors == []
    ana_ctx.close()
    lena_ctx.close()


# ---- second review: chained notes, left out after a reset, other editions, rounds in the file ---------------------

def test_keeping_both_notes_along_a_chain_of_merges_repeats_no_paragraph(browser, site_url, tmp_path):
    ana_ctx, ana = colleague(browser, site_url, "Ana", "Ana's", {"t9-q01": ("Yes", "Seen at the border.")})
    from_ana = export(ana, tmp_path, "ana.json")
    # Ben kept both notes when he merged Ana's file before: his note holds hers as a paragraph.
    ben_ctx, ben = colleague(browser, site_url, "Ben", "Ben's", {
        "t9-q01": ("Yes", "Confirmed by the ministry.\n\nAna: Seen at the border.")})
    from_ben = export(ben, tmp_path, "ben.json")
    lena_ctx, lena = colleague(browser, site_url, "Lena", "Team", {"t9-q01": ("Yes", "Lena's view.")})
    for path in (from_ana, from_ben):
        open_review(lena, path, "Team")
        conflict(lena, "1.").get_by_label("Keep both notes").check()
        lena.get_by_role("button", name="Merge 1 change into 'Team'").click()
        expect(lena.get_by_role("status").filter(has_text="Merged")).to_be_focused()
    assert lena.evaluate(ENTRIES)["t9-q01"]["n"] == (
        "Lena's view.\n\nAna: Seen at the border.\n\nBen: Confirmed by the ministry.")
    lena.goto(site_url + TOOL9)
    expect(item_root(lena, "t9-q01").get_by_role("textbox", name=re.compile("^Note on"))).to_have_value(
        "Lena's view.\n\nAna: Seen at the border.\n\nBen: Confirmed by the ministry.")
    lena.goto(site_url + ASSESSMENTS)
    stored = lena.evaluate(STORED)
    for path in (from_ben, from_ana):  # every paragraph of theirs is one of mine now: nothing to merge
        open_review(lena, path, "Team")
        expect(lena.get_by_text("Nothing to merge: its one answer agrees or was decided before.")).to_be_visible()
        lena.get_by_role("button", name="Cancel").click()
    assert lena.evaluate(STORED) == stored
    assert ana.errors == [] and ben.errors == [] and lena.errors == []
    for ctx in (ana_ctx, ben_ctx, lena_ctx):
        ctx.close()


def test_answers_left_out_are_asked_about_again_once_all_answers_are_removed(browser, site_url, tmp_path):
    ana_ctx, ana = colleague(browser, site_url, "Ana", "Ana's", {"t9-q01": "Yes", "t9-q02": "No"})
    path = export(ana, tmp_path, "ana.json")
    lena_ctx, lena = colleague(browser, site_url, "Lena", "Mine", {"t9-q06": "Yes"})
    open_review(lena, path, "Mine")
    lena.get_by_role("checkbox", name="Add their 2 answers to items I have not answered").uncheck()
    lena.get_by_role("button", name="Keep all my answers in 'Mine'").click()
    expect(lena.get_by_role("status").filter(has_text="Merged")).to_be_focused()
    open_review(lena, path, "Mine")
    expect(lena.get_by_text("Nothing to merge: all 2 answers agree or were decided before.")).to_be_visible()
    # Every answer removed: what was left out then no longer holds; the same file asks again.
    lena.goto(site_url + PUB + "/")
    lena.get_by_role("button", name="Reset all answers…").click()
    lena.get_by_role("button", name="Yes, reset").click()
    expect(lena.get_by_role("button", name="Undo")).to_be_focused()
    assert lena.evaluate(ENTRIES) == {}
    lena.goto(site_url + ASSESSMENTS)
    open_review(lena, path, "Mine")
    expect(lena.get_by_text("Tool 9: 2 only theirs")).to_be_visible()
    expect(lena.get_by_text("decided before")).to_have_count(0)
    lena.get_by_role("button", name="Merge 2 changes into 'Mine'").click()
    expect(lena.get_by_role("status").filter(has_text="Merged")).to_be_focused()
    assert {k: e["v"] for k, e in lena.evaluate(ENTRIES).items()} == {"t9-q01": "yes", "t9-q02": "no"}
    assert lena.evaluate("JSON.parse(localStorage.getItem('hb1-declined|' + HB.assessments.active())).left") == []
    assert ana.errors == [] and lena.errors == []
    ana_ctx.close()
    lena_ctx.close()


def test_a_replace_import_forgets_the_answers_merges_left_out(browser, site_url, tmp_path):
    ana_ctx, ana = colleague(browser, site_url, "Ana", "Ana's", {"t9-q01": "Yes"})
    path = export(ana, tmp_path, "ana.json")
    lena_ctx, lena = colleague(browser, site_url, "Lena", "Mine", {"t9-q06": "Yes"})
    mine = export(lena, tmp_path, "mine.json")
    open_review(lena, path, "Mine")
    lena.get_by_role("checkbox", name="Add their answer to items I have not answered").uncheck()
    lena.get_by_role("button", name="Keep all my answers in 'Mine'").click()
    expect(lena.get_by_role("status").filter(has_text="Merged")).to_be_focused()
    # Replaced with her own earlier file: what merges left out goes with the answers replaced.
    lena.get_by_label("Import answers (JSON file)").set_input_files(str(mine))
    lena.get_by_label("Existing assessment").select_option(label="Mine")
    lena.get_by_role("button", name="Replace an existing assessment").click()
    lena.get_by_role("button", name="Replace 'Mine'").click()
    expect(lena.get_by_role("status").filter(has_text="Replaced")).to_be_visible()
    assert lena.evaluate("localStorage.getItem('hb1-declined|' + HB.assessments.active())") is None
    open_review(lena, path, "Mine")
    expect(lena.get_by_text("Tool 9: 1 only theirs")).to_be_visible()
    assert ana.errors == [] and lena.errors == []
    ana_ctx.close()
    lena_ctx.close()


def _doc(page, answers, **extra):
    """An export of answers to Tool 9 (and to items this edition does not hold), written by Ana."""
    hashes = page.evaluate("""() => Object.fromEntries(JSON.parse(document.getElementById('hb-data').textContent)
      .publications[0].items.map(i => [i.id, i.hash]))""")
    rows = []
    for item, fields in answers.items():
        row = {"publication": PUB, "item": item, "hash": hashes.get(item, "fedcba987654"),
               "answered": "2027-03-02T10:00:00.000Z"}
        row.update(fields)
        rows.append(row)
    return dict({"format": "iom-handbook-assessment", "version": 1, "exported": "2027-03-03T09:00:00.000Z",
                 "author": "Ana", "assessment": {"name": "Ana's", "created": "2027-03-01T08:00:00Z",
                                                 "updated": "2027-03-02T10:00:00Z"},
                 "publications": [{"id": PUB, "title": "T", "edition": "2022"}], "answers": rows}, **extra)


def test_items_of_another_edition_follow_the_note_alone_rule(page, site_url, tmp_path):
    page.goto(site_url + TOOL9)
    page.evaluate("HB.assessments.activate(HB.assessments.create('Mine'))")
    page.evaluate("""(pub) => {
      HB.storage.save(HB.keyFor('zz-noted', pub),
                      {v: null, n: 'My note.', h: 'fedcba987654', t: 'tool-99', at: 1.7e12});
      HB.storage.save(HB.keyFor('zz-same', pub), {v: 'low', h: 'fedcba987654', t: 'tool-99', at: 1.7e12}); }""", PUB)
    page.goto(site_url + ASSESSMENTS)
    path = tmp_path / "ana.json"
    path.write_text(json.dumps(_doc(page, {
        "zz-noted": {"answer": "high", "note": "Their note.", "action": True},  # I hold a note alone
        "zz-same": {"answer": "low", "note": "Why low."}})), encoding="utf-8")  # the same answer, my note none
    open_review(page, path, "Mine")
    expect(page.get_by_text(re.compile(r"^Answers from Ana: .*2 not in this edition \(added\);"))).to_be_visible()
    expect(page.get_by_text("kept yours", exact=False)).to_have_count(0)
    page.get_by_role("button", name="Merge 2 changes into 'Mine'").click()
    expect(page.get_by_role("status").filter(has_text="Merged")).to_be_focused()
    after = page.evaluate(ENTRIES)
    noted, same = after["zz-noted"], after["zz-same"]
    assert (noted["v"], noted["n"], noted.get("f"), noted["by"]) == ("high", "My note.", True, "Ana")
    assert (same["v"], same["n"]) == ("low", "Why low.") and "by" not in same
    stored = page.evaluate(STORED)
    open_review(page, path, "Mine")
    expect(page.get_by_text("Nothing to merge: all 2 answers agree or were decided before.")).to_be_visible()
    assert page.evaluate(STORED) == stored


def test_a_merge_says_that_the_files_rounds_come_only_with_an_import(page, site_url, tmp_path):
    page.goto(site_url + ASSESSMENTS)
    expect(page.get_by_role("button", name="Export answers (JSON)")).to_be_visible()
    one = {"t9-q01": {"answer": "yes"}}
    doc = _doc(page, one, rounds=[{"name": "Round 1, March 2027", "created": "2027-03-02T12:00:00.000Z",
                                   "answers": _doc(page, one)["answers"]}])
    for name, data in (("with-rounds.json", doc), ("without.json", _doc(page, one))):
        (tmp_path / name).write_text(json.dumps(data), encoding="utf-8")
    target = page.evaluate("HB.assessments.record(HB.assessments.active()).name")
    open_review(page, tmp_path / "with-rounds.json", target)
    expect(page.get_by_text(re.compile(r"Nothing changes until you confirm at the end\. A merge takes answers only: "
                                       r"to bring this file's 1 monitoring round too, use 'Import as a new "
                                       r"assessment' \(or 'Replace an existing assessment'\)\.$"))).to_be_visible()
    page.get_by_role("button", name="Cancel").click()
    open_review(page, tmp_path / "without.json", target)
    expect(page.get_by_text("Nothing changes until you confirm at the end.", exact=False)).to_be_visible()
    expect(page.get_by_text("monitoring round", exact=False)).to_have_count(0)
