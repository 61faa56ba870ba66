"""Monitoring rounds: the answers of an assessment saved as a dated, read-only round, compared item by item with the
current answers (what moved, what was answered for the first time or removed, a word diff of the notes), printed,
exported as CSV, listed on the report with Tools 10 and 11 over rounds, deleted with their assessment."""
from __future__ import annotations

import csv
import io
import re
import subprocess
from datetime import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import SCREENSHOTS, screenshot
from test_accessibility import _violations

NOTE_BEFORE = "Checked with the ministry and two border posts."
NOTE_AFTER = "Checked again with the ministry and all border posts."
TRICKY = 'Said "maybe", then yes,\nconfirmed in writing'


def item_root(page, item_id):
    return page.locator(f'[data-module="hb-answer"][id="{item_id}"]')


def choose(page, item_id, label):
    item_root(page, item_id).get_by_role("radio", name=label, exact=True).check()


def note(page, item_id, text):
    root = item_root(page, item_id)
    if not root.locator(".hb-note").evaluate("d => d.open"):
        root.locator(".hb-note > summary").click()
    root.get_by_role("textbox", name=re.compile("^Note on")).fill(text)


def round_one() -> str:
    return "Round 1, " + datetime.now().strftime("%B %Y")


def answer_first_round(page, site_url):
    page.goto(site_url + "security-toolkit/tool-09/")
    choose(page, "t9-q01", "No")
    choose(page, "t9-q02", "Yes")
    note(page, "t9-q02", NOTE_BEFORE)
    choose(page, "t9-q03", "Yes")
    page.goto(site_url + "security-toolkit/tool-06/")
    choose(page, "t6-r01", "High")
    page.goto(site_url + "security-toolkit/tool-10/")
    choose(page, "t10-q01", "No")
    choose(page, "t10-q02", "Yes")
    page.goto(site_url + "security-toolkit/tool-11/")
    choose(page, "t11-rel-q1", "Yes")


def save_round_on_my_assessments(page, site_url) -> str:
    page.goto(site_url + "assessments/")
    row = page.locator(".hb-manage__row").first
    row.get_by_role("button", name=re.compile("^Save as round")).click()
    field = page.get_by_label("Name of the round")
    expect(field).to_be_focused()
    expect(field).to_have_value(round_one())  # "Round N, <Month YYYY>"
    row.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".hb-manage__said")).to_contain_text(f"Saved '{round_one()}'")
    listed = row.get_by_role("list", name=re.compile("^Rounds of ")).get_by_role("listitem")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text(re.compile(rf"{round_one()} · saved \d+ \w+ \d{{4}} · 7 answers and 1 note"))
    return page.evaluate("Object.keys(localStorage).find(k => k.startsWith('hb1-round|')).split('|')[1]")


def change_answers(page, site_url):
    page.goto(site_url + "security-toolkit/tool-09/")
    choose(page, "t9-q01", "Yes")                                              # No → Yes
    note(page, "t9-q02", NOTE_AFTER)                                           # note changed
    item_root(page, "t9-q03").get_by_role("button", name="Clear answer").click()  # answer removed
    choose(page, "t9-q04", "Yes")                                              # answered for the first time
    note(page, "t9-q04", TRICKY)
    page.goto(site_url + "security-toolkit/tool-06/")
    choose(page, "t6-r01", "Medium")                                           # High → Medium
    page.goto(site_url + "security-toolkit/tool-10/")
    choose(page, "t10-q01", "Yes")


def row_of(page, number_or_text):
    return page.locator(".hb-compare__table tbody tr").filter(has_text=number_or_text)


def tool_row(page, tool, number):
    table = page.get_by_role("table", name=tool)
    return table.locator("tbody tr").filter(has=page.locator("td.hb-compare__number", has_text=re.compile(
        rf"^{re.escape(number)}$")))


@pytest.fixture
def with_round(page, site_url):
    answer_first_round(page, site_url)
    rid = save_round_on_my_assessments(page, site_url)
    change_answers(page, site_url)
    return rid


def test_save_change_and_compare_item_by_item(page, site_url, with_round):
    page.goto(site_url + "assessments/")
    page.get_by_role("link", name=re.compile(rf"^Compare {re.escape(round_one())}")).click()
    expect(page).to_have_url(re.compile(rf"compare/\?a={with_round}&b=current$"))
    expect(page.get_by_label("Compare", exact=True)).to_have_value(with_round)
    expect(page.get_by_label("with", exact=True)).to_have_value("current")
    expect(page.locator(".hb-compare__name")).to_have_text(re.compile("^Assessment started "))
    expect(page.locator(".hb-compare__sides")).to_have_text(re.compile(
        rf"^Comparing {re.escape(round_one())} \(saved \d+ \w+ \d{{4}}\) with Current answers \(as of "))
    expect(page.locator(".hb-compare__summary")).to_have_text(
        "Of 8 items answered or noted: 3 answers changed, 1 answered for the first time, 1 answer removed, "
        "1 note changed, 2 items without change.")
    # Only what changed, each as the right kind.
    expect(page.get_by_label("Show only what changed")).to_be_checked()
    tool9, tool6, tool10 = ("Tool 9: Project Design Checklist", "Tool 6: Risk Analysis",
                            "Tool 10: Project Monitoring Checklist")
    expect(tool_row(page, tool9, "1.").locator(".hb-compare__change")).to_have_text("No → Yes")
    expect(tool_row(page, tool9, "3.").locator(".hb-compare__change")).to_have_text("Answer removed")
    expect(tool_row(page, tool9, "3.").locator("td").nth(3)).to_have_text("Not answered")
    first = tool_row(page, tool9, "4.")
    expect(first.locator(".hb-compare__change")).to_have_text("Answered for the first time")
    expect(first.locator("td").nth(3)).to_contain_text("Note: " + TRICKY)
    risk = row_of(page, "High")
    expect(risk.locator(".hb-compare__change")).to_have_text("High → Medium")
    expect(page.get_by_role("table", name=tool6).locator(".hb-compare__changed")).to_have_count(1)
    expect(tool_row(page, tool10, "1.").locator(".hb-compare__change")).to_have_text("No → Yes")
    # The note's word diff: what went and what came, said to a screen reader too.
    noted = tool_row(page, tool9, "2.")
    change = noted.locator(".hb-compare__change")
    expect(change.locator(".hb-compare__said")).to_have_text("Note changed")
    assert change.locator("del").all_text_contents() == ["removed: two"]
    assert change.locator("ins").all_text_contents() == ["added: again", "added: all"]
    expect(change.locator("del .hb-visually-hidden")).to_have_text("removed: ")
    expect(change.locator(".hb-compare__diff")).to_have_text(
        "Checked added: again with the ministry and removed: two added: all border posts.")
    expect(noted.locator("td").nth(2)).to_have_text("YesNote: " + NOTE_BEFORE)
    expect(page.locator(".hb-compare__same")).to_have_count(0)
    expect(page.get_by_role("table", name="Tool 11: Project Evaluation Checklist")).to_have_count(0)
    screenshot(page, "rounds-compare")
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot(page, "rounds-compare-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.set_viewport_size({"width": 1280, "height": 900})

    # Everything, the unchanged items too.
    page.get_by_label("Show only what changed").uncheck()
    expect(page.locator(".hb-compare__same")).to_have_count(2)
    expect(page.get_by_role("table", name="Tool 11: Project Evaluation Checklist").locator(".hb-compare__change")).to_have_text(
        ["No change"])
    page.get_by_label("Show only what changed").check()
    expect(page.locator(".hb-compare__same")).to_have_count(0)

    # The other way round, and a reload keeps the choice.
    page.get_by_label("Compare", exact=True).select_option("current")
    page.get_by_label("with", exact=True).select_option(with_round)
    expect(page).to_have_url(re.compile(rf"\?a=current&b={with_round}$"))
    page.reload()
    expect(page.get_by_label("Compare", exact=True)).to_have_value("current")
    expect(page.get_by_label("with", exact=True)).to_have_value(with_round)
    expect(tool_row(page, tool9, "1.").locator(".hb-compare__change")).to_have_text("Yes → No")
    expect(tool_row(page, tool9, "4.").locator(".hb-compare__change")).to_have_text("Answer removed")

    # Read-only: the tool pages show the current answers; a round is never an assessment to switch to.
    page.goto(site_url + "security-toolkit/tool-09/")
    expect(item_root(page, "t9-q01").get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    options = page.get_by_label("Assessment:").locator("option").all_inner_texts()
    assert options and not any(o.startswith("Round") for o in options)


def _pdf_text(page, path):
    page.emulate_media(media="print")
    page.pdf(path=str(path), format="A4")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _letters(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


def test_the_comparison_prints_and_exports_as_csv(page, site_url, with_round, tmp_path, built_site):
    page.goto(site_url + f"compare/?a={with_round}&b=current")
    expect(page.locator(".hb-compare__summary")).to_be_visible()
    name = page.locator(".hb-compare__name").inner_text()
    expect(page).to_have_title(f"{name} – Compare rounds")
    data = page.evaluate("JSON.parse(document.getElementById('hb-data').textContent).publications[0]")
    text = _pdf_text(page, tmp_path / "compare.pdf")
    assert name in text and round_one() in text and "Current answers" in text
    assert "High → Medium" in text and "No → Yes" in text
    assert _letters("Answered for the first time") in _letters(text) and _letters(NOTE_AFTER) in _letters(text)
    assert _letters(data["citation"]) in _letters(text)
    assert "Only the items that changed are shown." in text  # the paper says what it leaves out
    assert _letters(data["licence"]["statement"]) in _letters(text)
    for control in ("Print or save as PDF", "Export comparison", "Show only what changed", "Assessment:"):
        assert control not in text, control
    screenshot(page, "rounds-compare-print")
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(tmp_path / "compare.pdf"),
                    str(SCREENSHOTS / "rounds-compare-pdf-1")], check=True)
    page.emulate_media(media="screen")

    with page.expect_download() as info:
        page.get_by_role("button", name="Export comparison (CSV)").click()
    download = info.value
    assert re.fullmatch(r"assessment-started-.*-comparison\.csv", download.suggested_filename)
    body = download.path().read_bytes()
    assert body.startswith(b"\xef\xbb\xbf") and b"\r\n" in body
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert rows[0][:11] == ["Publication", "Tool", "Section", "Number", "Question", f"{round_one()}: answer",
                            f"{round_one()}: note", "Current answers: answer", "Current answers: note", "Changed",
                            "Change"]
    assert len(rows) == 1 + 8  # every item answered or noted in either, the unchanged too
    by = {(r[1], r[3]): r for r in rows[1:]}
    q1 = by[("Tool 9: Project Design Checklist", "1.")]
    assert q1[5:11] == ["No", "", "Yes", "", "yes", "No → Yes"]
    q4 = by[("Tool 9: Project Design Checklist", "4.")]
    assert q4[5:11] == ["", "", "Yes", TRICKY, "yes", "Answered for the first time"]
    q2 = by[("Tool 9: Project Design Checklist", "2.")]
    assert q2[6] == NOTE_BEFORE and q2[8] == NOTE_AFTER and q2[10] == "Note changed"
    assert sum(r[9] == "no" for r in rows[1:]) == 2
    expect(page.get_by_role("status").filter(has_text="Saved the comparison")).to_contain_text("8 rows")


def test_report_lists_rounds_and_shows_tools_10_and_11_over_rounds(page, site_url, with_round):
    page.goto(site_url + "report/")
    rounds = page.locator(".hb-report__rounds")
    expect(rounds.get_by_role("heading", name="Rounds")).to_be_visible()
    listed = rounds.get_by_role("listitem")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text(re.compile(rf"{round_one()}, saved \d+ \w+ \d{{4}} \(7 answers\)"))
    expect(listed.get_by_role("link")).to_have_attribute("href", re.compile(rf"compare/\?a={with_round}&b=current$"))
    page.get_by_label("Show Tool 10 and Tool 11 answers over rounds").check()
    tool10 = page.get_by_role("table", name="Tool 10: Project Monitoring Checklist over rounds")
    heads = tool10.locator("thead th").all_inner_texts()
    assert heads[0:2] == ["Number", "Question"] and heads[2].startswith(round_one() + " (") and heads[3] == "Current"
    cells = tool10.locator("tbody tr:not(.hb-report__section)").evaluate_all("rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")
    assert [[c[0], c[2], c[3]] for c in cells] == [["1.", "No", "Yes"], ["2.", "Yes", "Yes"]]
    tool11 = page.get_by_role("table", name="Tool 11: Project Evaluation Checklist over rounds")
    expect(tool11.locator("tbody tr:not(.hb-report__section)")).to_have_count(1)
    screenshot(page, "rounds-report")
    page.set_viewport_size({"width": 360, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the tables stack as cards on phones
    screenshot(page, "rounds-report-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    # A second round from the report: the next number by default, listed at once.
    field = page.get_by_label("Name of the round")
    expect(field).to_have_value("Round 2, " + datetime.now().strftime("%B %Y"))
    page.get_by_role("button", name="Save the current answers as a round").click()
    expect(rounds.get_by_role("status")).to_contain_text("Saved the current answers as")
    expect(listed).to_have_count(2)
    expect(tool10.locator("thead th")).to_have_count(5)
    # A name the assessment's rounds already have is refused.
    field.fill(round_one())
    page.get_by_role("button", name="Save the current answers as a round").click()
    expect(page.get_by_role("alert").filter(has_text="already has a round")).to_be_visible()
    expect(field).to_be_focused()
    expect(listed).to_have_count(2)


def test_deleting_an_assessment_deletes_its_rounds_and_undo_brings_them_back(page, site_url, with_round):
    page.goto(site_url + "assessments/")
    row = page.locator(".hb-manage__row").first
    row.get_by_role("button", name=re.compile("^Delete Assessment started")).click()
    expect(row.get_by_role("group", name="Confirm delete")).to_contain_text("Its 1 round goes with it.")
    row.get_by_role("button", name="Yes, delete").click()
    expect(page.locator(".hb-manage__said")).to_contain_text("and 1 round.")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb1-round|') || "
                         f"k.split('|')[2] === '{with_round}').length") == 0
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".hb-manage__said")).to_contain_text("is back, with its answers and 1 round.")
    expect(page.get_by_role("list", name=re.compile("^Rounds of ")).get_by_role("listitem")).to_have_count(1)
    assert page.evaluate(f"Object.keys(localStorage).filter(k => k.split('|')[2] === '{with_round}').length") == 7

    # A round alone: deleted after a question, brought back by Undo.
    page.locator("[data-round]").get_by_role("button", name=re.compile("^Delete Round")).click()
    page.get_by_role("button", name=re.compile("^Yes, delete Round")).click()
    expect(page.get_by_role("list", name=re.compile("^Rounds of "))).to_have_count(0)
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".hb-manage__said")).to_contain_text(f"The round '{round_one()}' is back.")
    expect(page.get_by_role("list", name=re.compile("^Rounds of ")).get_by_role("listitem")).to_have_count(1)
    # Duplicating an assessment does not copy its rounds.
    row.get_by_role("button", name=re.compile("^Duplicate")).click()
    expect(page.locator(".hb-manage__row")).to_have_count(2)
    expect(page.get_by_role("list", name=re.compile("^Rounds of "))).to_have_count(1)
    screenshot(page, "rounds-assessments")


def test_without_a_round_the_comparison_says_how_to_save_one(page, site_url):
    page.goto(site_url + "compare/")
    expect(page.locator(".hb-compare__empty")).to_contain_text("This assessment has no rounds yet.")
    expect(page.locator(".hb-compare__empty").get_by_role("link", name="My assessments")).to_have_attribute(
        "href", re.compile(r"assessments/$"))
    expect(page.get_by_label("Compare", exact=True)).to_be_hidden()


def test_without_javascript_the_comparison_explains_why_it_is_empty(browser, site_url):
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto(site_url + "compare/")
    expect(page.get_by_text("Your answers are kept in this browser")).to_be_visible()
    ctx.close()


def test_the_comparison_has_no_axe_violation_light_and_dark(browser, site_url):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce",
                              service_workers="block")
    page = ctx.new_page()
    answer_first_round(page, site_url)
    rid = save_round_on_my_assessments(page, site_url)
    change_answers(page, site_url)
    page.goto(site_url + f"compare/?a={rid}&b=current")
    page.get_by_label("Show only what changed").uncheck()
    expect(page.locator(".hb-compare__same")).to_have_count(2)
    axe = Axe()
    problems = [f"light {v}" for v in _violations(axe, page)]
    page.get_by_title("Switch to dark mode").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    problems += [f"dark {v}" for v in _violations(axe, page)]
    screenshot(page, "rounds-compare-dark")
    page.goto(site_url + "report/")
    page.get_by_label("Show Tool 10 and Tool 11 answers over rounds").check()
    problems += [f"report {v}" for v in _violations(axe, page)]
    page.goto(site_url + "assessments/")
    expect(page.get_by_role("list", name=re.compile("^Rounds of "))).to_be_visible()
    problems += [f"assessments {v}" for v in _violations(axe, page)]
    ctx.close()
    assert problems == []


def test_an_answer_to_an_earlier_wording_is_labelled(page, site_url):
    """A round keeps the hash of the wording answered: an answer given to another wording says so."""
    page.goto(site_url + "compare/")
    expect(page.locator(".hb-compare__empty")).to_be_visible()
    page.evaluate("""() => {
      const id = localStorage.getItem('hb1-active').replace(/"/g, '');
      localStorage.setItem('hb1-round|rtest1', JSON.stringify({of: id, name: 'Baseline', created: '2027-03-03T10:00:00Z'}));
      localStorage.setItem('hb1|security-toolkit|rtest1|t9-q01', JSON.stringify({v: 'no', h: 'an-older-wording', t: 'tool-09', at: 1}));
    }""")
    page.reload()
    expect(page.get_by_label("Compare", exact=True)).to_have_value("rtest1")
    row = page.locator(".hb-compare__table tbody tr.hb-compare__changed")
    expect(row.locator(".hb-compare__change")).to_have_text("Answer removed")
    expect(row.locator("td").nth(2)).to_have_text("NoAnswered to an earlier wording")
    expect(page.locator(".hb-compare__sides")).to_contain_text("Baseline (saved 3 March 2027)")


def test_compare_from_another_assessments_row_makes_it_active(page, site_url):
    page.goto(site_url + "security-toolkit/tool-10/")
    choose(page, "t10-q01", "No")
    page.goto(site_url + "assessments/")
    page.get_by_label("Name of the new assessment").fill("Niger border")
    page.get_by_role("button", name="Create").click()  # the new one is active
    first = page.locator(".hb-manage__row").first
    first.get_by_role("button", name=re.compile("^Save as round")).click()
    page.get_by_role("button", name="Save", exact=True).click()
    name = first.locator("h3").inner_text()
    first.get_by_role("link", name=re.compile("^Compare ")).click()
    expect(page.locator(".hb-compare__status")).to_have_text(
        f"'{name}', the assessment of round '{round_one()}', is now the active assessment.")
    expect(page.get_by_label("Assessment:")).to_have_value("default")
    expect(page.get_by_label("Compare", exact=True)).to_have_value(re.compile("^r"))
    expect(page.locator(".hb-compare__summary")).to_have_text("Of 1 item answered or noted: 1 item without change.")


def test_rounds_work_in_the_offline_archive(browser, offline_folder):
    """From file://: rounds.js loads beside core.js, the Compare link opens the comparison with its choice."""
    ctx = browser.new_context()
    page = ctx.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto((offline_folder / "security-toolkit" / "tool-09.html").as_uri())
    choose(page, "t9-q01", "No")
    page.goto((offline_folder / "assessments.html").as_uri())
    page.get_by_role("button", name=re.compile("^Save as round")).click()
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto((offline_folder / "security-toolkit" / "tool-09.html").as_uri())
    choose(page, "t9-q01", "Yes")
    page.goto((offline_folder / "assessments.html").as_uri())
    page.get_by_role("link", name=re.compile("^Compare Round 1")).click()
    expect(page).to_have_url(re.compile(r"/compare\.html\?a=r\w+&b=current$"))
    expect(page.locator(".hb-compare__change")).to_have_text(["No → Yes"])
    ctx.close()
    assert errors == []
