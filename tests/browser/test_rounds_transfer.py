"""Monitoring rounds travel with their assessment: the JSON export carries them (valid against the published
schema), an import as a new assessment brings them back comparable, and importing the same file again into that
assessment adds no second copy."""
from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from test_transfer import export, import_file, item_root, open_transfer, validator  # noqa: F401  (fixture)

ROUNDS = """() => Object.keys(localStorage).filter(k => k.startsWith('hb1-round|')).sort()
  .map(k => Object.assign({id: k.slice(10)}, JSON.parse(localStorage.getItem(k))))"""


def entry(page, round_id, item):
    return page.evaluate("k => JSON.parse(localStorage.getItem(k))", f"hb1|security-toolkit|{round_id}|{item}")


def test_rounds_go_out_and_come_back_with_their_assessment(page, site_url, tmp_path, validator):  # noqa: F811
    page.goto(site_url + "security-toolkit/tool-10/")
    item_root(page, "t10-q01").get_by_role("radio", name="No", exact=True).check()
    page.goto(site_url + "report/")
    page.get_by_label("Name of the round").fill("Baseline, March 2027")
    page.get_by_role("button", name="Save the current answers as a round").click()
    expect(page.get_by_role("status").filter(has_text="Saved the current answers")).to_be_visible()
    page.goto(site_url + "security-toolkit/tool-10/")
    item_root(page, "t10-q01").get_by_role("radio", name="Yes", exact=True).check()

    open_transfer(page, site_url)
    body, _ = export(page, "Export answers (JSON)")
    doc = json.loads(body)
    validator.validate(doc)
    assert [(a["item"], a["answer"]) for a in doc["answers"]] == [("t10-q01", "yes")]
    [saved] = doc["rounds"]
    assert saved["name"] == "Baseline, March 2027"
    assert [(a["item"], a["answer"]) for a in saved["answers"]] == [("t10-q01", "no")]
    path = tmp_path / "with-rounds.json"
    path.write_bytes(body)

    # Another browser: storage empty; imported as new, the round comes back with it and compares.
    page.evaluate("localStorage.clear()")
    open_transfer(page, site_url)
    import_file(page, path)
    expect(page.get_by_text(re.compile(r"with 1 monitoring round"))).to_be_visible()
    page.get_by_role("button", name="Import as a new assessment").click()
    expect(page.get_by_role("status").filter(has_text="Imported")).to_be_visible()
    active = page.evaluate("HB.assessments.active()")
    [back] = page.evaluate(ROUNDS)
    assert (back["of"], back["name"], back["created"]) == (active, "Baseline, March 2027", saved["created"])
    assert entry(page, back["id"], "t10-q01")["v"] == "no"

    page.goto(site_url + "compare/")
    expect(page.get_by_label("Compare (earlier)").locator("option:checked")).to_have_text(re.compile("^Baseline, March 2027 "))
    expect(page.locator("main")).to_contain_text("No → Yes")

    # The same file again, replacing that assessment: still one round.
    open_transfer(page, site_url)
    import_file(page, path)
    page.get_by_role("button", name="Replace an existing assessment").click()
    page.get_by_role("button", name=re.compile("^Replace '")).click()
    expect(page.get_by_role("status").filter(has_text="Replaced")).to_be_visible()
    assert [r["name"] for r in page.evaluate(ROUNDS)] == ["Baseline, March 2027"]


def test_a_bad_round_is_refused_and_nothing_changes(page, site_url, tmp_path):
    open_transfer(page, site_url)
    body, _ = export(page, "Export answers (JSON)")
    doc = json.loads(body)
    doc["rounds"] = [{"name": "Round 1", "created": "2027-03-01T10:00:00Z", "answers": [
        {"publication": "security-toolkit", "item": "t10-q01", "answer": "perhaps", "hash": "", "answered":
         "2027-03-01T10:00:00Z"}]}]
    doc["publications"] = [{"id": "security-toolkit", "title": "x", "edition": "2022"}]
    before = page.evaluate("JSON.stringify(localStorage)")
    (tmp_path / "bad.json").write_text(json.dumps(doc), encoding="utf-8")
    import_file(page, tmp_path / "bad.json")
    expect(page.get_by_role("alert")).to_contain_text("Round 1 of this export ('Round 1'), answer 1 (t10-q01)")
    assert page.evaluate("JSON.stringify(localStorage)") == before
