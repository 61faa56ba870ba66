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
    assert rows[0] == ["Publication", "Tool", "Number", "Id", "Question", "Answer", "Note",
                       "Something must be done", "Answered to an earlier wording"]
    by_id = {r[3]: r for r in rows[1:]}
    assert [r[3] for r in rows[1:]] == ["t4-mig-roles", tick_id, "t9-q01", "t9-q02", "zz-gone"]  # publication order
    assert all(len(r) == 9 for r in rows)
    short = hb_data["publications"][0]["short_title"]

    def expected(item_id, answer, note="", action="", old=""):
        i = items[item_id]
        return [short, i["heading"], str(i["number"] or ""), item_id, i["text"], answer, note, action, old]

    assert by_id["t9-q01"] == expected("t9-q01", "No", "'" + NASTY)  # the formula is neutralised
    assert by_id["t4-mig-roles"] == expected("t4-mig-roles", "Consult; Beneficiary")
    assert by_id[tick_id] == expected(tick_id, "Selected", "'-5 districts, @ the border")
    assert by_id["t9-q02"] == expected("t9-q02", "Yes", action="yes", old="yes")
    assert by_id["zz-gone"] == [short, "", "", "zz-gone", "", "'+ a text", "", "", ""]

    body, filename = export(page, "Export picked indicators (CSV)")
    assert filename.endswith("-indicators.csv")
    rows = read_csv(body)
    assert rows == [["Publication", "Tool", "Number", "Id", "Indicator", "Note"],
                    [short, items[tick_id]["heading"], str(items[tick_id]["number"] or ""), tick_id,
                     items[tick_id]["text"], "'-5 districts, @ the border"]]
    expect(page.get_by_role("status").filter(has_text="Saved")).to_have_text(
        f"Saved 1 picked indicator of 'CSV check' as {filename}.")


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


def test_replace_and_merge_ask_first_and_keep_the_later_answer(page, site_url, tmp_path, manifest):
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
    expect(page.get_by_text("Merge the imported answers into 'Target'?")).to_contain_text(
        "none of its answers changes")
    page.get_by_role("button", name="Cancel").click()
    assert page.evaluate(STORED) == stored  # nothing written before the confirming click
    page.get_by_role("button", name="Replace an existing assessment").click()
    expect(page.get_by_text("Replace every answer and note of 'Target'")).to_contain_text(
        "Its 2 answers and notes will be lost.")
    page.get_by_role("button", name="Cancel").click()
    page.get_by_role("button", name="Merge into an existing assessment").click()
    page.get_by_role("button", name="Merge into 'Target'").click()
    expect(page.get_by_role("status").filter(has_text="Merged")).to_have_text(
        "Merged 2 imported answers into 'Target', now the active assessment.")
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

    # Imported again as new: the name is taken, so "(imported)" is added.
    doc["assessment"]["name"] = "Target"
    path.write_text(json.dumps(doc), encoding="utf-8")
    import_file(page, path)
    page.get_by_role("button", name="Import as a new assessment").click()
    expect(page.get_by_role("status").filter(has_text="Imported")).to_have_text(
        "Imported 2 answers as 'Target (imported)', now the active assessment.")


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
        "other publication": (json.dumps(other), "another publication ('Another Toolkit'), which this site does not hold"),
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
