"""Export and import of assessments in the browser: two named assessments go out as JSON and come back intact into
an empty browser; the CSV reads back cell by cell; the importer refuses bad files with a plain sentence, changing
nothing, and survives a thousand generated hostile inputs."""
from __future__ import annotations

import csv
import io
import json
import random
import re

import pytest
from jsonschema import Draft202012Validator
from playwright.sync_api import expect

from conftest import screenshot
from test_accessibility import _violations, axe, still_context  # noqa: F401  (fixtures used below)
from test_security_policy import RECORD_VIOLATIONS

PUB = "security-toolkit"
TOOL9 = f"{PUB}/tool-09/"
ASSESSMENTS = "assessments/"

#: Every answer of every assessment, as {assessment name: {"pub|item": entry}}.
SNAPSHOT = """() => {
  const out = {};
  for (const a of HB.assessments.list()) {
    const entries = {};
    for (const key of HB.assessments.keys(a.id)) {
      const parts = key.split("|");
      entries[parts[1] + "|" + parts[3]] = JSON.parse(localStorage.getItem(key));
    }
    out[a.name] = entries;
  }
  return out;
}"""
#: Everything stored, as sorted [key, text] pairs: compared byte for byte before and after a refused import.
STORED = "() => Object.keys(localStorage).sort().map(k => [k, localStorage.getItem(k)])"


@pytest.fixture(scope="module")
def manifest(built_site):
    return json.loads((built_site / PUB / "items.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(built_site):
    """The schema as the site publishes it."""
    return Draft202012Validator(json.loads((built_site / "schemas" / "assessment-1.schema.json").read_text()))


def item_root(page, item_id):
    return page.locator(f'[data-module="hb-answer"][id="{item_id}"]')


def write_note(page, item_id, text):
    root = item_root(page, item_id)
    root.locator(".hb-note > summary").click()
    root.get_by_role("textbox", name=re.compile("^Note on")).fill(text)


def new_assessment(page, name):
    """Create an assessment and make it the active one (the assessments' own controls are another part's)."""
    page.evaluate("name => HB.assessments.activate(HB.assessments.create(name))", name)


def open_transfer(page, site_url):
    page.goto(site_url + ASSESSMENTS)
    expect(page.get_by_role("button", name="Export answers (JSON)")).to_be_visible()


def export(page, button, assessment=None):
    """Click an export button (after choosing the assessment) and return the downloaded file's bytes and name."""
    if assessment:
        page.get_by_label("Assessment to export").select_option(label=assessment)
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    download = info.value
    return download.path().read_bytes(), download.suggested_filename


def import_file(page, path):
    page.get_by_label("Import answers (JSON file)").set_input_files(str(path))


# ---- the whole loop ------------------------------------------------------------------------------------------

NIGER = "Niger border management 2027"
SAHEL = 'Sahel <b>stabilisation</b> & "partners"'


def test_two_assessments_go_out_and_come_back_intact(page, site_url, tmp_path, validator):
    page.add_init_script(RECORD_VIOLATIONS)  # the downloads and the file input work under the site's policy
    csp = []
    page.on("console", lambda m: "Content Security Policy" in m.text and csp.append(m.text))
    page.goto(site_url + TOOL9)
    new_assessment(page, NIGER)
    item_root(page, "t9-q01").get_by_role("radio", name="Yes", exact=True).check()
    item_root(page, "t9-q03").get_by_role("radio", name="No", exact=True).check()
    write_note(page, "t9-q03", "Ask the ministry, then <script>alert(1)</script> the rest.\nSecond line.")
    page.goto(site_url + f"{PUB}/tool-04/")
    item_root(page, "t4-mig-roles").get_by_role("checkbox", name="Consult").check()
    item_root(page, "t4-mig-roles").get_by_role("checkbox", name="Partner").check()
    page.goto(site_url + f"{PUB}/tool-08/")
    first_tick = page.locator('[data-module="hb-answer"][data-kind="tick"]').first
    first_tick.get_by_role("checkbox").check()
    tick_id = first_tick.get_attribute("id")

    page.goto(site_url + TOOL9)
    new_assessment(page, SAHEL)
    item_root(page, "t9-q01").get_by_role("radio", name="N/A", exact=True).check()
    write_note(page, "t9-q05", "Only a note, no answer.")
    page.goto(site_url + f"{PUB}/tool-01/")
    text_item = page.locator('[data-module="hb-answer"][data-kind="text"]').first
    text_item.get_by_role("textbox").fill("Free text: ünïcødé, 👩🏽‍⚕️, \"quotes\", commas.")

    open_transfer(page, site_url)
    before = page.evaluate(SNAPSHOT)
    assert set(before[NIGER]) == {f"{PUB}|t9-q01", f"{PUB}|t9-q03", f"{PUB}|t4-mig-roles", f"{PUB}|{tick_id}"}
    assert before[NIGER][f"{PUB}|t4-mig-roles"]["v"] == ["consult", "partner"]
    assert len(before[SAHEL]) == 3
    files = {}
    for name in (NIGER, SAHEL):
        body, filename = export(page, "Export answers (JSON)", name)
        assert re.fullmatch(r"[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json", filename), filename
        doc = json.loads(body)
        assert list(validator.iter_errors(doc)) == []
        assert doc["assessment"]["name"] == name and len(doc["answers"]) == len(before[name])
        files[name] = tmp_path / filename
        files[name].write_bytes(body)
        expect(page.get_by_role("status").filter(has_text="Saved")).to_contain_text(f"as {filename}")
    assert files[NIGER].name.startswith("niger-border-management-2027-")

    page.evaluate("localStorage.clear()")
    page.reload()
    expect(page.get_by_role("button", name="Export answers (JSON)")).to_be_visible()
    for name in (NIGER, SAHEL):
        import_file(page, files[name])
        summary = page.get_by_role("status").filter(has_text="(exported ")
        expect(summary).to_contain_text(f"{HB_COUNT(before[name])} for '{name}' (exported ")
        page.get_by_role("button", name="Import as a new assessment").click()
        done = page.get_by_role("status").filter(has_text="now the active assessment")
        expect(done).to_have_text(f"Imported {len(before[name])} answers as '{name}', now the active assessment.")
        expect(done).to_be_focused()
    screenshot(page, "transfer-imported")
    assert page.evaluate("window.__violations") + csp == []
    after = page.evaluate(SNAPSHOT)
    for name in (NIGER, SAHEL):
        assert after[name] == before[name], name  # every entry: value, note, hash, page and time
    # The last import is the active assessment, and the tool page shows its answers.
    page.goto(site_url + TOOL9)
    expect(item_root(page, "t9-q01").get_by_role("radio", name="N/A", exact=True)).to_be_checked()
    expect(item_root(page, "t9-q05").get_by_role("textbox", name=re.compile("^Note on"))).to_have_value(
        "Only a note, no answer.")


def HB_COUNT(entries):  # noqa: N802  (the words of the preview for these entries)
    answers = sum(1 for e in entries.values() if e["v"] is not None)
    notes = len(entries) - answers
    words = [f"{answers} answer{'s' if answers != 1 else ''}" if answers else "",
             f"{notes} note{'s' if notes != 1 else ''}" if notes else ""]
    return " and ".join(w for w in words if w)


# ---- CSV -----------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def hb_data(built_site):
    """The data the workspace pages carry (#hb-data): item wording as plain text, answers' words."""
    html = (built_site / "assessments" / "index.html").read_text(encoding="utf-8")
    text = re.search(r'<script type="application/json" id="hb-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(text.replace("<\\/", "</"))


NASTY = '=SUM(A1:A9), "quoted", commas,\nnew line; then more'


def read_csv(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: spreadsheets then read it as UTF-8
    assert body.endswith(b"\r\n") and b"\r\n" in body
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_the_csv_reads_back_cell_by_cell(page, site_url, hb_data):
    items = {i["id"]: i for i in hb_data["publications"][0]["items"]}
    page.goto(site_url + TOOL9)
    new_assessment(page, "CSV check")
    item_root(page, "t9-q01").get_by_role("radio", name="No", exact=True).check()
    write_note(page, "t9-q01", NASTY)
    page.goto(site_url + f"{PUB}/tool-04/")
    item_root(page, "t4-mig-roles").get_by_role("checkbox", name="Consult").check()
    item_root(page, "t4-mig-roles").get_by_role("checkbox", name="Beneficiary").check()
    page.goto(site_url + f"{PUB}/tool-08/")
    tick = page.locator('[data-module="hb-answer"][data-kind="tick"]').first
    tick.get_by_role("checkbox").check()
    tick_id = tick.get_attribute("id")
    write_note(page, tick_id, "-5 districts, @ the border")
    # An answer given to an earlier wording, marked "something must be done", and one to an item this edition
    # does not hold (as an import from another edition leaves them).
    page.evaluate("""() => {
      HB.storage.save(HB.keyFor('t9-q02', 'security-toolkit'), {v: 'yes', h: '000000000000', t: 'tool-09',
                      at: Date.now(), f: true});
      HB.storage.save(HB.keyFor('zz-gone', 'security-toolkit'), {v: '+ a text', h: '', t: '', at: Date.now()});
    }""")
    open_transfer(page, site_url)
    body, filename = export(page, "Export answers (CSV)")
    assert filename.startswith("csv-check-") and filename.endswith(".csv")
    rows = read_csv(body)
    assert rows[0] == ["Publication", "Tool", "Section", "Number", "Id", "Question", "Answer", "Note",
                       "Something must be done", "Answered to an earlier wording", "Handbook edition"]
    by_id = {r[4]: r for r in rows[1:]}
    assert [r[4] for r in rows[1:]] == ["t4-mig-roles", tick_id, "t9-q01", "t9-q02", "zz-gone"]  # publication order
    assert all(len(r) == 11 for r in rows)
    short = hb_data["publications"][0]["short_title"]

    def expected(item_id, answer, note="", action="", old=""):
        i = items[item_id]
        section = re.sub(r"\[\^[^\]]*\]", "", i["section"]).strip()  # numbers restart per section: it is named
        return [short, i["heading"], section, str(i["number"] or ""), item_id, i["text"], answer, note, action, old,
                DEV]

    assert by_id["t9-q01"] == expected("t9-q01", "No", "'" + NASTY)  # the formula is neutralised
    assert by_id["t4-mig-roles"] == expected("t4-mig-roles", "Consult; Beneficiary")
    assert by_id[tick_id] == expected(tick_id, "Selected", "'-5 districts, @ the border")
    assert by_id["t9-q02"] == expected("t9-q02", "Yes", action="yes", old="yes")
    assert by_id["zz-gone"] == [short, "", "", "", "zz-gone", "", "'+ a text", "", "", "", DEV]
    assert by_id[tick_id][2] and "[^" not in by_id[tick_id][2]  # Tool 8's indicators sit under their outcome

    body, filename = export(page, "Export picked indicators (CSV)")
    assert filename.endswith("-indicators.csv")
    rows = read_csv(body)
    assert rows == [["Publication", "Tool", "Number", "Id", "Indicator", "Note", "Handbook edition"],
                    [short, items[tick_id]["heading"], str(items[tick_id]["number"] or ""), tick_id,
                     items[tick_id]["text"], "'-5 districts, @ the border", DEV]]
    expect(page.get_by_role("status").filter(has_text="Saved")).to_have_text(
        f"Saved 1 picked indicator of 'CSV check' as {filename}.")


#: The edition every CSV row names: the tests' site is a development build (a published edition names its version
#: and day: tests/build/test_editions_publish.py).
DEV = "development build"


# ---- replace and merge -----------------------------------------------------------------------------------------

def valid_export(manifest, name="Imported assessment", answers=None, **top):
    """An export as the format describes it, of this site's toolkit."""
    first = {i["kind"]: i for i in reversed(manifest["items"]) if not i["same_as"]}
    answers = answers if answers is not None else [
        {"publication": PUB, "item": first["yes-no-na"]["id"], "answer": "no", "note": "A note.", "action": True,
         "hash": first["yes-no-na"]["hash"], "answered": "2027-03-02T10:00:00.000Z"},
        {"publication": PUB, "item": first["roles"]["id"], "answer": ["partner"], "hash": first["roles"]["hash"],
         "answered": "2027-03-02T10:01:00.000Z"},
        {"publication": PUB, "item": first["tick"]["id"], "answer": True, "hash": "0123456789ab",
         "answered": "2027-03-02T10:02:00.000Z"},
        {"publication": PUB, "item": "zz-later-edition", "answer": "high", "hash": "fedcba987654",
         "answered": "2027-03-02T10:03:00.000Z"},
    ]
    doc = {"format": "iom-handbook-assessment", "version": 1, "exported": "2027-03-03T09:00:00.000Z",
           "site": "Elsewhere", "assessment": {"name": name, "created": "2027-03-01T08:00:00.000Z",
                                               "updated": "2027-03-02T10:03:00.000Z"},
           "publications": [{"id": PUB, "title": manifest["title"], "edition": manifest["edition"]}],
           "answers": answers}
    doc.update(top)
    return doc


def test_replace_and_merge_ask_first(page, site_url, tmp_path, manifest):
    """Replace asks to confirm; merge opens its review (tests/browser/test_merge.py tests it in depth)."""
    page.goto(site_url + TOOL9)
    new_assessment(page, "Target")
    item_root(page, "t9-q01").get_by_role("radio", name="Yes", exact=True).check()  # answered now: later
    item_root(page, "t9-q02").get_by_role("radio", name="Yes", exact=True).check()
    h = {i["id"]: i["hash"] for i in manifest["items"]}
    old = "2020-01-01T00:00:00.000Z"
    doc = valid_export(manifest, "From a colleague", answers=[
        {"publication": PUB, "item": "t9-q01", "answer": "no", "hash": h["t9-q01"], "answered": old},
        {"publication": PUB, "item": "t9-q03", "answer": "na", "hash": h["t9-q03"], "answered": old}])
    path = tmp_path / "colleague.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    open_transfer(page, site_url)
    import_file(page, path)
    expect(page.get_by_role("status").filter(has_text="(exported ")).to_have_text(
        "2 answers for 'From a colleague' (exported 3 March 2027).")
    page.get_by_label("Existing assessment").select_option(label="Target")
    stored = page.evaluate(STORED)
    page.get_by_role("button", name="Merge into an existing assessment").click()
    expect(page.get_by_text("Tool 9: 1 conflict, 1 only theirs")).to_be_visible()
    page.get_by_role("button", name="Cancel").click()
    assert page.evaluate(STORED) == stored  # nothing written before the confirming click
    page.get_by_role("button", name="Replace an existing assessment").click()
    expect(page.get_by_text("Replace every answer and note of 'Target'")).to_contain_text(
        "Its 2 answers and notes will be lost.")
    page.get_by_role("button", name="Cancel").click()
    page.get_by_role("button", name="Merge into an existing assessment").click()
    page.get_by_role("button", name="Merge 1 change into 'Target'").click()  # mine kept, theirs added
    expect(page.get_by_role("status").filter(has_text="Merged")).to_have_text(
        "Merged 1 change from 'From a colleague' into 'Target', now the active assessment.")
    merged = page.evaluate(SNAPSHOT)["Target"]
    assert {k: e["v"] for k, e in merged.items()} == {f"{PUB}|t9-q01": "yes", f"{PUB}|t9-q02": "yes",
                                                      f"{PUB}|t9-q03": "na"}

    import_file(page, path)
    page.get_by_label("Existing assessment").select_option(label="Target")
    page.get_by_role("button", name="Replace an existing assessment").click()
    expect(page.get_by_text("Replace every answer and note of 'Target'")).to_contain_text(
        "Its 3 answers and notes will be lost.")
    page.get_by_role("button", name="Replace 'Target'").click()
    expect(page.get_by_role("status").filter(has_text="Replaced")).to_have_text(
        "Replaced the answers of 'Target' with 2 imported answers; it is now the active assessment.")
    replaced = page.evaluate(SNAPSHOT)["Target"]
    assert {k: e["v"] for k, e in replaced.items()} == {f"{PUB}|t9-q01": "no", f"{PUB}|t9-q03": "na"}

    # Taking their answer replaces the target's.
    later = valid_export(manifest, "Later", answers=[
        {"publication": PUB, "item": "t9-q03", "answer": "yes", "hash": h["t9-q03"], "answered": "2099-01-01T00:00:00Z"}])
    (tmp_path / "later.json").write_text(json.dumps(later), encoding="utf-8")
    import_file(page, tmp_path / "later.json")
    page.get_by_label("Existing assessment").select_option(label="Target")
    page.get_by_role("button", name="Merge into an existing assessment").click()
    page.get_by_role("radio", name="Take theirs").check()
    page.get_by_role("button", name="Merge 1 change into 'Target'").click()
    expect(page.get_by_role("status").filter(has_text="Merged")).to_be_focused()
    assert page.evaluate(SNAPSHOT)["Target"][f"{PUB}|t9-q03"]["v"] == "yes"

    # Imported again as new: the name is taken, so "(imported)" is added.
    doc["assessment"]["name"] = "Target"
    path.write_text(json.dumps(doc), encoding="utf-8")
    import_file(page, path)
    page.get_by_role("button", name="Import as a new assessment").click()
    expect(page.get_by_role("status").filter(has_text="Imported")).to_have_text(
        "Imported 2 answers as 'Target (imported)', now the active assessment.")


# ---- merge keeps every note; replace and merge undone; storage full; a target gone --------------------------------

def _path(tmp_path, doc, name="import.json"):
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _colleague(manifest, name="From a colleague", when="2020-01-01T00:00:00.000Z"):
    h = {i["id"]: i["hash"] for i in manifest["items"]}
    return valid_export(manifest, name, answers=[
        {"publication": PUB, "item": "t9-q01", "answer": "no", "note": "Theirs.", "hash": h["t9-q01"],
         "answered": "2099-01-01T00:00:00.000Z"},
        {"publication": PUB, "item": "t9-q02", "answer": "yes", "note": "Same note.", "hash": h["t9-q02"],
         "answered": when},
        {"publication": PUB, "item": "t9-q03", "answer": "na", "hash": h["t9-q03"], "answered": when}])


def _target(page, site_url):
    page.goto(site_url + TOOL9)
    new_assessment(page, "Target")
    item_root(page, "t9-q01").get_by_role("radio", name="Yes", exact=True).check()
    write_note(page, "t9-q01", "Mine.")
    item_root(page, "t9-q02").get_by_role("radio", name="Yes", exact=True).check()
    write_note(page, "t9-q02", "Same note.")
    write_note(page, "t9-q04", "Only mine.")


def _merge_into(page, name):
    page.get_by_label("Existing assessment").select_option(label=name)
    page.get_by_role("button", name="Merge into an existing assessment").click()


def test_merge_keeps_both_notes_and_undo_puts_everything_back(page, site_url, tmp_path, manifest):
    _target(page, site_url)
    open_transfer(page, site_url)
    before, stored = page.evaluate(SNAPSHOT)["Target"], page.evaluate(STORED)
    import_file(page, _path(tmp_path, _colleague(manifest)))
    _merge_into(page, "Target")
    expect(page.get_by_text("Tool 9: 1 conflict, 1 only theirs, 1 agreed")).to_be_visible()
    page.get_by_role("radio", name="Take theirs").check()
    page.get_by_label("Keep both notes").check()
    page.get_by_role("button", name="Merge 2 changes into 'Target'").click()
    expect(page.get_by_role("status").filter(has_text="Merged")).to_be_focused()
    after = page.evaluate(SNAPSHOT)["Target"]
    assert after[f"{PUB}|t9-q01"]["v"] == "no"
    assert after[f"{PUB}|t9-q01"]["n"] == "Mine.\n\nFrom a colleague: Theirs."
    assert after[f"{PUB}|t9-q02"]["n"] == "Same note."  # the same note once
    assert after[f"{PUB}|t9-q04"]["n"] == "Only mine." and after[f"{PUB}|t9-q03"]["v"] == "na"
    page.get_by_role("button", name="Undo the import").click()
    expect(page.get_by_role("status").filter(has_text="Undone")).to_have_text(
        "Undone: 'Target' is as it was before the import.")
    assert page.evaluate(SNAPSHOT)["Target"] == before
    assert page.evaluate(STORED) == stored  # exactly: what the import added is gone too
    expect(page.get_by_role("button", name="Undo the import")).to_be_hidden()


def test_replace_and_a_new_import_are_undone(page, site_url, tmp_path, manifest):
    _target(page, site_url)
    open_transfer(page, site_url)
    stored = page.evaluate(STORED)
    path = _path(tmp_path, _colleague(manifest, "Target"))
    import_file(page, path)
    page.get_by_label("Existing assessment").select_option(label="Target")
    page.get_by_role("button", name="Replace an existing assessment").click()
    page.get_by_role("button", name="Replace 'Target'").click()
    assert set(page.evaluate(SNAPSHOT)["Target"]) == {f"{PUB}|t9-q01", f"{PUB}|t9-q02", f"{PUB}|t9-q03"}
    page.get_by_role("button", name="Undo the import").click()
    expect(page.get_by_role("status").filter(has_text="Undone")).to_be_focused()
    assert page.evaluate(STORED) == stored
    # As new, twice: the names are kept apart; Undo deletes the assessment the import made.
    for made in ("Target (imported)", "Target (imported 2)"):
        import_file(page, path)
        page.get_by_role("button", name="Import as a new assessment").click()
        expect(page.get_by_role("status").filter(has_text="Imported")).to_have_text(
            f"Imported 3 answers as '{made}', now the active assessment.")
    page.get_by_role("button", name="Undo the import").click()
    expect(page.get_by_role("status").filter(has_text="Undone")).to_have_text(
        "Undone: 'Target (imported 2)' is deleted again.")
    assert sorted(page.evaluate(SNAPSHOT)) == sorted(["Target", "Target (imported)", page.evaluate(
        "HB.assessments.list()[0].name")])
    expect(page.get_by_label("Existing assessment").locator("option")).to_have_count(3)  # its list follows
    assert page.evaluate("HB.assessments.record(HB.assessments.active()).name") == "Target (imported)"


def test_a_full_storage_rolls_the_import_back(page, site_url, tmp_path, manifest):
    _target(page, site_url)
    open_transfer(page, site_url)
    stored = page.evaluate(STORED)
    import_file(page, _path(tmp_path, _colleague(manifest)))
    # Storage takes the answers to items the target holds, then is full: no room for one more.
    page.evaluate("""() => { const set = window.__set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (k.endsWith('|t9-q03')) throw new DOMException('full', 'QuotaExceededError');
        return set.call(this, k, v); }; }""")
    _merge_into(page, "Target")
    page.get_by_role("button", name="Merge 1 change into 'Target'").click()
    expect(page.locator(".hb-transfer__error")).to_contain_text("Storage is full: nothing was imported.")
    page.evaluate("() => { Storage.prototype.setItem = window.__set; }")
    assert page.evaluate(STORED) == stored
    assert page.evaluate("HB.storage.load(HB.keyFor('t9-q01', 'security-toolkit')).n") == "Mine."  # memory too


def test_a_target_deleted_in_another_tab_closes_the_question(context, site_url, tmp_path, manifest):
    page, other = context.new_page(), context.new_page()
    _target(page, site_url)
    open_transfer(page, site_url)
    import_file(page, _path(tmp_path, _colleague(manifest)))
    other.goto(site_url + ASSESSMENTS)
    new_assessment(other, "Made elsewhere")
    expect(page.get_by_label("Existing assessment").locator("option", has_text="Made elsewhere")).to_have_count(1)
    _merge_into(page, "Made elsewhere")
    expect(page.get_by_role("heading", name="Merge 'From a colleague' into 'Made elsewhere'")).to_be_focused()
    stored = page.evaluate(STORED)
    other.evaluate("HB.assessments.remove(HB.assessments.list().find(a => a.name === 'Made elsewhere').id)")
    expect(page.get_by_role("heading", name="Merge 'From a colleague' into 'Made elsewhere'")).to_be_hidden()
    expect(page.get_by_role("status").filter(has_text="no longer exists")).to_have_text(
        "'Made elsewhere' no longer exists (it was deleted in another tab): nothing was written. "
        "Choose another assessment.")
    expect(page.get_by_label("Existing assessment")).to_be_focused()
    answers = lambda pairs: [p for p in pairs if p[0].startswith("hb1|")]  # noqa: E731  (the other tab's aside)
    assert answers(page.evaluate(STORED)) == answers(stored)
    page.get_by_role("button", name="Merge into an existing assessment").click()  # another target: asked again
    expect(page.get_by_role("heading", name=re.compile("^Merge 'From a colleague' into '"))).to_be_focused()


def test_an_error_lets_the_same_file_be_chosen_again_and_escape_cancels(page, site_url, tmp_path, manifest):
    open_transfer(page, site_url)
    path = tmp_path / "answers.json"
    path.write_text("{", encoding="utf-8")
    import_file(page, path)
    expect(page.get_by_role("alert")).to_contain_text("not a complete JSON export")
    assert page.get_by_label("Import answers (JSON file)").evaluate("i => i.value") == ""
    path.write_text(json.dumps(valid_export(manifest, "Corrected")), encoding="utf-8")  # the same file, mended
    import_file(page, path)
    expect(page.get_by_role("status").filter(has_text="(exported ")).to_contain_text("for 'Corrected'")
    page.get_by_role("button", name="Replace an existing assessment").click()
    expect(page.get_by_text("Replace every answer and note of")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.get_by_role("button", name=re.compile("^Replace '"))).to_be_hidden()
    expect(page.get_by_role("button", name="Replace an existing assessment")).to_be_focused()
    # A name longer than 120 characters is refused by the check, in words.
    import_file(page, _path(tmp_path, valid_export(manifest, "x" * 121), "long.json"))
    expect(page.get_by_role("alert")).to_have_text(
        "This export's assessment name has 121 characters; a name can be at most 120. Nothing was imported.")


# ---- refused files ---------------------------------------------------------------------------------------------

def _files(manifest):
    good = json.dumps(valid_export(manifest), indent=2)
    other = valid_export(manifest)
    other["publications"][0].update(id="another-toolkit", title="Another Toolkit")
    for a in other["answers"]:
        a["publication"] = "another-toolkit"
    return {
        "malformed": ("{format: 'iom-handbook-assessment'}", "not a complete JSON export"),
        "truncated": (good[: len(good) // 2], "not a complete JSON export"),
        "other publication": (json.dumps(other),
                              "another publication ('Another Toolkit'), which this site does not hold"),
        "newer version": (json.dumps(valid_export(manifest, version=2)), "made by a newer version of the handbook"),
        "too large": (None, "larger than 10 MB"),
        "csv": ('\ufeff"Publication","Tool"\r\n', "This is a CSV export"),
    }


@pytest.mark.parametrize("case", ["malformed", "truncated", "other publication", "newer version", "too large", "csv"])
def test_a_bad_file_is_refused_and_nothing_changes(page, site_url, tmp_path, manifest, case):
    text, said = _files(manifest)[case]
    path = tmp_path / "answers.json"
    if text is None:
        path.write_bytes(b" " * (10 * 1024 * 1024) + b"{")  # 10 MB and one byte
    else:
        path.write_text(text, encoding="utf-8")
    page.goto(site_url + TOOL9)
    item_root(page, "t9-q01").get_by_role("radio", name="Yes", exact=True).check()
    open_transfer(page, site_url)
    stored = page.evaluate(STORED)
    import_file(page, path)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(said)
    expect(alert).to_contain_text("Nothing was imported.")
    expect(page.get_by_role("button", name="Import as a new assessment")).to_be_hidden()
    if case == "other publication":
        screenshot(page, "transfer-refused")
    assert page.evaluate(STORED) == stored


# ---- fuzz ------------------------------------------------------------------------------------------------------

HOSTILE = ['<script>window.polluted = 1</script>', '<img src=x onerror="window.polluted = 1">',
           '"><svg onload=alert(1)>', "Niger border management 2027", "Ünïcødé ✓ 👩🏽‍⚕️ مرحبا",
           "{{constructor.constructor('alert(1)')()}}", "__proto__", "constructor", "javascript:alert(1)",
           "=HYPERLINK(\"http://x\")", "a\u0000b\u202ec"]
PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "extra"]
#: Per field, values it must never accept.
INVALID = {
    ("format",): [1, None, [], {}, "iom", True, "IOM-HANDBOOK-ASSESSMENT"],
    ("version",): ["1", None, 0, 1.5, -1, [], {}, True],
    ("exported",): [1, None, "", "yesterday", [], {}, "2027-13-01T00:00:00Z"],
    ("site",): [1, None, [], {}, "x" * 201],
    ("assessment",): [None, 1, "name", [], {}],
    ("assessment", "name"): [None, 1, "", "   ", "x" * 121, [], {}, True],
    ("assessment", "created"): [None, 1, "2027-13-45T00:00:00Z", "now", ""],
    ("assessment", "updated"): [None, 1, "now", [], {}],
    ("publications",): [None, {}, "x", 1],
    ("publications", 0): [None, 1, "x", [], {}],
    ("publications", 0, "id"): [None, 1, "", "Security Toolkit", "unknown-pub", "__proto__", "constructor"],
    ("publications", 0, "title"): [None, 1, [], {}],
    ("publications", 0, "edition"): [None, 2022, [], {}],
    ("answers",): [None, {}, "x", 1, {"0": {}}],
    ("answers", "*"): [None, 1, "x", [], True],
    ("answers", "*", "publication"): [None, 1, "", "other-pub", "__proto__", "constructor"],
    ("answers", "*", "item"): [None, 1, "", "T9-Q01", "a b", "__proto__", "x" * 49, "<img src=x onerror=alert(1)>",
                               "-a", "a--b"],
    ("answers", "*", "answer"): [False, 0, 1, {}, [], ["owner"], ["consult", "consult"], "", "x" * 100_001,
                                 ["consult", "partner", "beneficiary", "consult"], {"__proto__": {"polluted": 1}}],
    ("answers", "*", "note"): [1, None, [], {}, "", "x" * 100_001, True],
    ("answers", "*", "action"): [1, "yes", None, [], {}, False],
    ("answers", "*", "hash"): [None, 1, "XYZ", "g" * 12, "a" * 65],
    ("answers", "*", "answered"): [None, 1, "", "later", "2027-13-01T00:00:00Z", "2027-03-02"],
}
REQUIRED = [("format",), ("version",), ("exported",), ("assessment",), ("publications",), ("answers",),
            ("assessment", "name"), ("assessment", "created"), ("assessment", "updated"),
            ("publications", 0, "id"), ("publications", 0, "title"), ("publications", 0, "edition"),
            ("answers", "*", "publication"), ("answers", "*", "item"), ("answers", "*", "answer"),
            ("answers", "*", "hash"), ("answers", "*", "answered")]
DEEP = "[" * 10_000 + "]" * 10_000


def _valid_value(rng, kind):
    return {"tick": True, "yes-no": rng.choice(["yes", "no"]), "yes-no-na": rng.choice(["yes", "no", "na"]),
            "low-medium-high": rng.choice(["low", "medium", "high"]),
            "roles": rng.sample(["consult", "partner", "beneficiary"], rng.randint(1, 3)),
            "text": rng.choice(HOSTILE)}[kind]


def _valid(rng, manifest):
    """A random export the importer must accept: known items answered as their kind takes, answers to earlier
    wordings, unknown items, hostile names and notes, notes up to the limit."""
    items = rng.sample([i for i in manifest["items"] if not i["same_as"]], rng.randint(0, 12))
    answers = []
    for i in items:
        a = {"publication": PUB, "item": i["id"], "answer": _valid_value(rng, i["kind"]), "hash": i["hash"],
             "answered": f"2027-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T0{rng.randint(0, 9)}:00:00.000Z"}
        if rng.random() < 0.3:
            a["hash"] = "0" * 12  # an earlier wording: still answered as the item's kind takes
        if rng.random() < 0.4:
            a["note"] = rng.choice(HOSTILE + ["n" * 100_000])
        if rng.random() < 0.2:
            a["action"] = True
        if rng.random() < 0.1:
            a["answer"], a["note"] = None, rng.choice(HOSTILE)
        answers.append(a)
    for name in rng.sample(["constructor", "prototype", "tostring", "valueof", "zz-later", "proto"],
                           rng.randint(0, 2)):
        answers.append({"publication": PUB, "item": name, "answer": rng.choice([True, "high", ["consult"], "t"]),
                        "hash": "", "answered": "2027-03-02T10:00:00+02:00"})
    rng.shuffle(answers)
    return valid_export(manifest, rng.choice(HOSTILE + ["x" * 120]), answers)


def _set(doc, path, value, rng, delete=False):
    target = doc
    for step in path[:-1]:
        if step == "*":
            step = rng.randrange(len(target))
        target = target[step]
    last = path[-1] if path[-1] != "*" else rng.randrange(len(target))
    if delete:
        del target[last]
    else:
        target[last] = value


def first_hash(text):
    return json.loads(text)["answers"][0]["hash"]


def fuzz_cases(manifest, count=1200, seed=11):
    """[(label, text, whether the importer must accept it)]: a seeded mix of valid and hostile inputs."""
    rng = random.Random(seed)
    good = json.dumps(valid_export(manifest), indent=1)
    fixed = [("empty", "", False), ("null", "null", False), ("number", "42", False), ("true", "true", False),
             ("string", '"iom-handbook-assessment"', False), ("array", "[]", False), ("object", "{}", False),
             ("NaN", "NaN", False), ("single quotes", "{'format': 1}", False), ("BOM only", "\ufeff", False),
             ("deep array", DEEP, False), ("deep object", '{"a":' * 10_000 + "1" + "}" * 10_000, False),
             ("deep answer", good.replace('"answer": "no"', '"answer": ' + DEEP, 1), False),
             ("deep extra", good.replace('"site"', '"extra": ' + DEEP + ', "site"', 1), False),
             ("csv", '\ufeff"Publication","Tool","Number"\r\n"a","b","=1+1"\r\n', False),
             ("BOM and valid", "\ufeff" + good, True), ("valid", good, True),
             ("maybe to an earlier wording", good.replace('"answer": "no"', '"answer": "maybe"', 1).replace(
                 first_hash(good), "0" * 12, 1), False),
             ("empty answers", json.dumps(valid_export(manifest, answers=[])), True),
             ("version 1.0", good.replace('"version": 1,', '"version": 1.0,'), True),
             ("newer", json.dumps(valid_export(manifest, version=2)), False),
             ("far newer", good.replace('"version": 1,', '"version": 1e308,'), False),
             ("too large", " " * (10 * 1024 * 1024) + good, False),
             ("too many", json.dumps(valid_export(manifest, answers=[
                 {"publication": PUB, "item": f"z{n}", "answer": True, "hash": "", "answered": "2027-03-02T10:00:00Z"}
                 for n in range(50_001)])), False)]
    cases = list(fixed)
    while len(cases) < count:
        roll = rng.random()
        if roll < 0.25:
            cases.append(("valid", json.dumps(_valid(rng, manifest)), True))
        elif roll < 0.4:
            cut = rng.randrange(len(good))
            cases.append((f"truncated at {cut}", good[:cut], False))
        elif roll < 0.7:
            path = rng.choice(list(INVALID))
            doc = valid_export(manifest)
            _set(doc, path, rng.choice(INVALID[path]), rng)
            cases.append((f"invalid {path}", json.dumps(doc), False))
        elif roll < 0.78:
            path = rng.choice(REQUIRED)
            doc = valid_export(manifest)
            _set(doc, path, None, rng, delete=True)
            cases.append((f"without {path}", json.dumps(doc), False))
        elif roll < 0.88:
            doc = valid_export(manifest)
            where = rng.choice([doc, doc["assessment"], doc["publications"][0], rng.choice(doc["answers"])])
            where[rng.choice(PROTO_KEYS)] = rng.choice([{"polluted": True}, {"prototype": {"polluted": 1}}, 1, None])
            cases.append(("unexpected key", json.dumps(doc), False))
        elif roll < 0.92:
            doc = valid_export(manifest)
            doc["answers"].append(dict(rng.choice(doc["answers"])))
            cases.append(("twice", json.dumps(doc), False))
        elif roll < 0.95:
            doc = valid_export(manifest)
            a = rng.choice(doc["answers"])
            a["answer"] = None
            a.pop("note", None)
            a.pop("action", None)
            cases.append(("nothing in an answer", json.dumps(doc), False))
        elif roll < 0.98:
            cases.append(("binary", bytes(rng.randrange(256) for _ in range(rng.randint(1, 400))).decode("latin-1"),
                          False))
        else:
            doc = valid_export(manifest)
            doc["answers"][0]["answer"] = rng.choice(["high", "maybe"])  # a yes-no-na question answered "high"
            if rng.random() < 0.5:
                doc["answers"][0]["hash"] = "0" * 12  # to an earlier wording: a choice all the same
            cases.append(("wrong kind", json.dumps(doc), False))
    return cases


CHECK = """cases => cases.map(text => {
  try { const r = HB.transfer.check(text); return [r.ok, r.ok ? HB.transfer.describe(r) : r.error]; }
  catch (e) { return ["threw", String(e)]; }
})"""
STATE = """() => [Object.getOwnPropertyNames(Object.prototype).sort().join(), Object.getOwnPropertyNames(
  Array.prototype).sort().join(), typeof window.polluted, ({}).polluted === undefined, [].polluted === undefined,
  document.querySelectorAll("img, svg[onload], [onerror], [onload], script:not([src])").length]"""


def test_the_importer_survives_a_thousand_hostile_inputs(page, site_url, manifest, tmp_path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site_url + TOOL9)
    item_root(page, "t9-q01").get_by_role("radio", name="Yes", exact=True).check()
    write_note(page, "t9-q01", "An answer that must survive.")
    open_transfer(page, site_url)
    stored, state = page.evaluate(STORED), page.evaluate(STATE)
    cases = fuzz_cases(manifest)
    assert len(cases) >= 1000 and sum(1 for c in cases if c[2]) >= 200
    results = []
    for start in range(0, len(cases), 50):
        results += page.evaluate(CHECK, [c[1] for c in cases[start:start + 50]])
    wrong = [(label, expected, got) for (label, _, expected), got in zip(cases, results) if got[0] is not expected]
    assert not wrong, wrong[:5]
    errors = [got[1] for got in results if got[0] is False]
    assert all(isinstance(e, str) and 10 < len(e) < 300 for e in errors)  # a plain sentence, never a dump

    # A sample through the real file input, as a user would pick them.
    rng = random.Random(7)
    sample = rng.sample(range(len(cases) - 1), 20) + [cases.index(next(c for c in cases if c[0] == "deep answer"))]
    for n in sample:
        label, text, ok = cases[n]
        path = tmp_path / f"case-{n}.json"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        import_file(page, path)
        if ok:
            expect(page.get_by_role("status").filter(has_text="(exported ")).to_have_text(results[n][1])
            expect(page.get_by_role("alert")).to_have_text("")
        else:
            expect(page.get_by_role("alert")).to_have_text(results[n][1] + " Nothing was imported.")
    assert page.evaluate(STATE) == state  # no prototype polluted, no element injected, no script run
    assert page.evaluate(STORED) == stored  # nothing written by checking, byte for byte
    assert dialogs == []


# ---- accessible ------------------------------------------------------------------------------------------------

def test_the_transfer_controls_pass_axe_and_fit_a_phone(still_context, site_url, axe, tmp_path, manifest):  # noqa: F811
    page = still_context.new_page()
    page.set_viewport_size({"width": 360, "height": 800})
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(valid_export(manifest, "A long assessment name that has to wrap on a phone")))
    bad.write_text("{", encoding="utf-8")
    open_transfer(page, site_url)
    import_file(page, good)
    page.get_by_role("button", name="Merge into an existing assessment").click()
    confirm = page.get_by_role("button", name=re.compile("^Merge 4 changes into '"))
    expect(confirm).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Merge 'A long assessment name"))).to_be_focused()
    problems = _violations(axe, page)
    screenshot(page, "transfer-phone-confirm")
    width = page.evaluate("document.documentElement.scrollWidth")
    import_file(page, bad)
    expect(page.get_by_role("alert")).to_contain_text("Nothing was imported.")
    problems += _violations(axe, page)
    assert problems == []
    assert width <= 360  # nothing wider than the phone


# ---- elsewhere: the report page and the offline archive ----------------------------------------------------------

def test_the_report_page_offers_export_only(page, site_url):
    page.goto(site_url + "report/")
    expect(page.get_by_role("button", name="Export answers (JSON)")).to_be_visible()
    expect(page.get_by_role("button", name="Export picked indicators (CSV)")).to_be_visible()
    expect(page.get_by_label("Import answers (JSON file)")).to_have_count(0)
    expect(page.get_by_label("Assessment to export")).to_have_count(0)  # the report's own: the active one


def test_export_and_import_work_offline_from_file_urls(browser, offline_folder, tmp_path):
    context = browser.new_context(offline=True, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_folder / "security-toolkit" / "tool-09.html").as_uri())
    item_root(page, "t9-q01").get_by_role("radio", name="No", exact=True).check()
    page.goto((offline_folder / "assessments.html").as_uri())
    body, filename = export(page, "Export answers (JSON)")
    assert [a["answer"] for a in json.loads(body)["answers"]] == ["no"]
    (tmp_path / filename).write_bytes(body)
    import_file(page, tmp_path / filename)
    page.get_by_role("button", name="Import as a new assessment").click()
    expect(page.get_by_role("status").filter(has_text="Imported")).to_contain_text("Imported 1 answer as '")
    import_file(page, tmp_path / filename)  # merged into the copy just made: merge.js loads from file:// too
    page.get_by_role("button", name="Merge into an existing assessment").click()
    expect(page.get_by_text("Nothing to merge: its one answer agrees or was decided before.")).to_be_visible()
    context.close()
    assert errors == []
