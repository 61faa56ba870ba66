"""Monitoring rounds: the answers of an assessment saved as a dated, read-only round, compared item by item with the
current answers (what moved, what was answered for the first time or removed, a word diff of the notes), printed,
exported as CSV, listed on the report with Tools 10 and 11 over rounds, deleted with their assessment."""
from __future__ import annotations

import csv
import io
import re
import subprocess
from datetime import datetime, timezone

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


def this_month() -> str:
    return datetime.now(timezone.utc).strftime("%B %Y")  # the browser runs in UTC


def round_one() -> str:
    return "Round 1, " + this_month()


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
    expect(page).to_have_url(re.compile(rf"compare/\?a={with_round}&b=current$"))  # switch=1 said once, removed
    expect(page.get_by_label("Compare (earlier)")).to_have_value(with_round)
    expect(page.get_by_label("with (later)")).to_have_value("current")
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

    # Everything, the unchanged items too; the new summary is said (the status line).
    status = page.get_by_role("status").filter(has_text="Comparing")
    page.get_by_label("Show only what changed").uncheck()
    expect(page.locator(".hb-compare__same")).to_have_count(2)
    expect(status).to_have_text(f"Comparing {round_one()} with Current answers. Of 8 items answered or noted: "
                                "3 answers changed, 1 answered for the first time, 1 answer removed, 1 note changed, "
                                "2 items without change.")
    expect(page.get_by_role("table", name="Tool 11: Project Evaluation Checklist").locator(".hb-compare__change")).to_have_text(
        ["No change"])
    page.get_by_label("Show only what changed").check()
    expect(page.locator(".hb-compare__same")).to_have_count(0)
    expect(status).to_contain_text("Only the items that changed are shown.")

    # Chosen the other way round (current answers first), the comparison still reads in time order.
    page.get_by_label("Compare (earlier)").select_option("current")
    expect(status).to_have_text("Comparing Current answers with Current answers. Of 7 items answered or noted: "
                                "7 items without change. Only the items that changed are shown.")
    page.get_by_label("with (later)").select_option(with_round)
    expect(status).to_contain_text("The earlier is compared with the later: the two were swapped. "
                                   f"Comparing {round_one()} with Current answers. Of 8 items")
    expect(page.get_by_label("Compare (earlier)")).to_have_value(with_round)
    expect(page.get_by_label("with (later)")).to_have_value("current")
    expect(tool_row(page, tool9, "1.").locator(".hb-compare__change")).to_have_text("No → Yes")
    expect(tool_row(page, tool9, "4.").locator(".hb-compare__change")).to_have_text("Answered for the first time")
    heads = page.get_by_role("table", name=tool9).locator("thead th").all_inner_texts()
    assert heads[2:4] == [round_one(), "Current answers"]  # the columns read oldest to newest
    # A round with itself, and a reload keeps the choice.
    page.get_by_label("with (later)").select_option(with_round)
    expect(page).to_have_url(re.compile(rf"\?a={with_round}&b={with_round}$"))
    page.reload()
    expect(page.get_by_label("Compare (earlier)")).to_have_value(with_round)
    expect(page.get_by_label("with (later)")).to_have_value(with_round)
    expect(page.locator(".hb-compare__summary")).to_have_text("Of 7 items answered or noted: 7 items without change.")

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
    text = _pdf_text(page, tmp_path / "after-export.pdf")
    assert "Saved the comparison" not in text and "No → Yes" in text  # the status line is for the screen


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
    expect(field).to_have_value("Round 2, " + this_month())
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
    expect(page.get_by_label("Compare (earlier)")).to_be_hidden()


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
    expect(page.get_by_label("Compare (earlier)")).to_have_value("rtest1")
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
    expect(page.get_by_label("Compare (earlier)")).to_have_value(re.compile("^r"))
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


# ---- review findings ---------------------------------------------------------------------------------------------

FILL = """() => { let chunk = 'x'.repeat(1 << 20), i = 0;
  while (chunk.length >= 8) {
    try { localStorage.setItem('filler-' + i, chunk); i++; } catch (e) { chunk = chunk.slice(0, chunk.length / 2); }
  }
  return i; }"""

ROUND_KEYS = """() => Object.keys(localStorage).filter(k => k.startsWith('hb1-round|') || /^r/.test(k.split('|')[2] || ''))
  .concat(Object.keys(HB.storage.stored('hb1-round|')))"""


def save_round(page, site_url, row=None) -> str:
    """Save the answers of the first row (or row) on My assessments as a round with its default name."""
    page.goto(site_url + "assessments/")
    row = row or page.locator(".hb-manage__row").first
    before = set(page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb1-round|'))"))
    row.get_by_role("button", name=re.compile("^Save as round")).click()
    row.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".hb-manage__said")).to_contain_text("Saved 'Round ")
    after = set(page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb1-round|'))"))
    (key,) = after - before
    return key.split("|")[1]


def test_an_old_address_never_switches_the_active_assessment(page, site_url):
    """Only a Compare link of My assessments (switch=1) makes a round's assessment active; Back, a bookmark or a
    shared address naming a round of another assessment shows the active one's own rounds, and says so."""
    page.goto(site_url + "security-toolkit/tool-10/")
    choose(page, "t10-q01", "No")
    rid = save_round(page, site_url)
    old = page.locator(".hb-manage__row").first.locator("h3").inner_text()
    page.get_by_label("Name of the new assessment").fill("Niger border")
    page.get_by_role("button", name="Create").click()  # the new one is active
    niger = page.evaluate("HB.assessments.active()")
    page.goto(site_url + f"compare/?a={rid}&b=current")
    said = page.get_by_role("status").filter(has_text="The address names")
    expect(said).to_have_text(f"The address names round '{round_one()}' of another assessment, '{old}'. Only the active "
                              f"assessment's rounds are compared here, so this shows its own. To compare that round, "
                              f"make '{old}' active on My assessments first.")
    expect(page.get_by_label("Assessment:")).to_have_value(niger)
    expect(page.locator(".hb-compare__name")).to_have_text("Niger border")
    expect(page.locator(".hb-compare__empty")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/compare/$"))  # no round: the address names none
    screenshot(page, "rounds-compare-old-address")
    page.reload()
    expect(page.get_by_label("Assessment:")).to_have_value(niger)

    # Niger border has a round of its own now: the old address shows it, and the address follows.
    mine = save_round(page, site_url, page.locator(".hb-manage__row").filter(
        has=page.get_by_role("heading", name="Niger border")))
    page.goto(site_url + f"compare/?a=current&b={rid}")
    expect(page.get_by_label("Compare (earlier)")).to_have_value(mine)
    expect(page).to_have_url(re.compile(rf"/compare/\?a={mine}&b=current$"))
    expect(page.get_by_label("Assessment:")).to_have_value(niger)

    # From the other assessment's Compare link: that one is made active, once; Back to it later does not again.
    page.goto(site_url + "assessments/")
    page.locator(".hb-manage__row").filter(has=page.get_by_role("heading", name=old)).get_by_role(
        "link", name=re.compile("^Compare ")).click()
    expect(page.get_by_role("status").filter(has_text="is now the active assessment")).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/compare/\?a={rid}&b=current$"))  # switch=1 removed
    page.goto(site_url + "assessments/")
    page.locator(".hb-manage__row").filter(has=page.get_by_role("heading", name="Niger border")).get_by_role(
        "button", name=re.compile("^Make active")).click()
    page.go_back()
    expect(page).to_have_url(re.compile(rf"/compare/"))
    expect(page.get_by_role("status").filter(has_text="The address names")).to_be_visible()
    expect(page.locator(".hb-compare__name")).to_have_text("Niger border")
    assert page.evaluate("HB.assessments.active()") == niger


def test_a_round_that_does_not_fit_storage_leaves_nothing_behind(page, site_url):
    page.goto(site_url + "security-toolkit/tool-09/")
    choose(page, "t9-q01", "No")
    choose(page, "t9-q02", "Yes")
    # On the report: storage takes the record and one answer, then refuses the next.
    page.goto(site_url + "report/")
    page.evaluate("""() => { const set = window.__set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (/^hb1\\|[^|]+\\|r[^|]*\\|t9-q02$/.test(k)) throw new DOMException('full', 'QuotaExceededError');
        return set.call(this, k, v); }; }""")
    page.get_by_role("button", name="Save the current answers as a round").click()
    expect(page.locator("#hb-report-round-error")).to_have_text(re.compile(
        r"^The round could not be saved: this browser's storage is full\. "))
    expect(page.get_by_label("Name of the round")).to_be_focused()
    assert page.evaluate(ROUND_KEYS) == []  # the record and the answer written first are gone, memory too
    expect(page.locator(".hb-report__rounds").get_by_role("listitem")).to_have_count(0)
    expect(page.locator(".hb-report__said")).to_have_text("")
    page.evaluate("() => { Storage.prototype.setItem = window.__set; }")

    # On My assessments, storage already full: not even the record fits.
    page.goto(site_url + "assessments/")
    assert page.evaluate(FILL) > 0
    row = page.locator(".hb-manage__row").first
    row.get_by_role("button", name=re.compile("^Save as round")).click()
    row.get_by_role("button", name="Save", exact=True).click()
    expect(row.get_by_role("alert")).to_have_text(re.compile(r"^The round could not be saved: this browser's storage is full"))
    expect(page.get_by_label("Name of the round")).to_be_focused()
    expect(page.locator(".hb-manage__said")).not_to_contain_text("Saved")
    expect(row.get_by_role("list", name=re.compile("^Rounds of "))).to_have_count(0)
    assert page.evaluate(ROUND_KEYS) == []


def test_the_printed_report_shows_rounds_only_when_there_are_some(page, site_url, tmp_path):
    page.goto(site_url + "security-toolkit/tool-10/")
    choose(page, "t10-q01", "No")
    page.goto(site_url + "report/")
    expect(page.get_by_text("No rounds saved yet.")).to_be_visible()
    text = _pdf_text(page, tmp_path / "no-rounds.pdf")
    for words in ("No rounds saved yet", "Name of the round", "Save the current answers", "Show Tool 10"):
        assert words not in text, words
    assert not re.search(r"^Rounds$", text, re.M)
    page.emulate_media(media="screen")
    page.get_by_role("button", name="Save the current answers as a round").click()
    expect(page.locator(".hb-report__rounds").get_by_role("listitem")).to_have_count(1)
    text = _pdf_text(page, tmp_path / "rounds.pdf")
    assert re.search(r"^Rounds$", text, re.M) and round_one() in text
    for words in ("Name of the round", "Save the current answers", "Show Tool 10", "Saved the current answers"):
        assert words not in text, words


def test_items_of_another_edition_flags_spaces_and_formulas(page, site_url):
    page.goto(site_url + "security-toolkit/tool-09/")
    choose(page, "t9-q01", "No")
    note(page, "t9-q01", "Asked  the ministry.")
    choose(page, "t9-q02", "Yes")
    note(page, "t9-q02", "=SUM(A1:A2) is what they said")
    rid = save_round(page, site_url)
    active = page.evaluate("HB.assessments.active()")
    # Answers kept for items this edition does not have (another edition's), in the round and now.
    page.evaluate(f"""() => {{
      const put = (id, item, e) => localStorage.setItem('hb1|security-toolkit|' + id + '|' + item, JSON.stringify(e));
      put('{rid}', 'zz-gone', {{v: 'high', n: 'An old risk', h: 'x', t: 'tool-06', at: 1}});
      put('{active}', 'zz-gone', {{v: 'low', n: 'An old risk', h: 'x', t: 'tool-06', at: 2}});
      put('{active}', 'zz-new', {{v: 'yes', h: 'y', t: 'tool-09', at: 3}});
    }}""")
    page.goto(site_url + "security-toolkit/tool-09/")
    note(page, "t9-q01", "Asked the\nministry. ")  # spaces and a line break only
    root = item_root(page, "t9-q02")
    if not root.locator(".hb-note").evaluate("d => d.open"):
        root.locator(".hb-note > summary").click()
    root.get_by_role("checkbox", name=re.compile("^Something must be done")).check()
    assert page.evaluate(f"JSON.parse(localStorage.getItem('hb1|security-toolkit|{active}|t9-q01')).n") != "Asked  the ministry."
    page.goto(site_url + f"compare/?a={rid}&b=current")
    expect(page.locator(".hb-compare__summary")).to_have_text(
        "Of 4 items answered or noted: 1 answer changed, 1 answered for the first time, "
        "1 marked: something must be done, 1 item without change.")
    tool9 = "Tool 9: Project Design Checklist"
    expect(tool_row(page, tool9, "1.")).to_have_count(0)  # no change: hidden
    expect(tool_row(page, tool9, "2.").locator(".hb-compare__change")).to_have_text("Marked: something must be done")
    other = page.get_by_role("table", name="Items this edition does not have")
    expect(other.get_by_role("columnheader")).to_have_text(["Number", "Item", round_one(), "Current answers", "What changed"])
    gone = other.locator("tbody tr").filter(has_text="zz-gone")
    expect(gone.locator(".hb-compare__change")).to_have_text("high → low")
    expect(gone.locator("td").nth(2)).to_have_text("highNote: An old risk")
    expect(other.locator("tbody tr").filter(has_text="zz-new").locator(".hb-compare__change")).to_have_text(
        "Answered for the first time")
    screenshot(page, "rounds-compare-other-edition")
    page.get_by_label("Show only what changed").uncheck()
    expect(tool_row(page, tool9, "1.").locator(".hb-compare__change")).to_have_text("No change")

    with page.expect_download() as info:
        page.get_by_role("button", name="Export comparison (CSV)").click()
    rows = list(csv.reader(io.StringIO(info.value.path().read_bytes().decode("utf-8-sig"), newline="")))
    assert len(rows) == 1 + 4
    by = {(r[1], r[4]): r for r in rows[1:]}
    assert by[("Items this edition does not have", "zz-gone")][5:11] == [
        "high", "An old risk", "low", "An old risk", "yes", "high → low"]
    q2 = next(r for r in rows[1:] if r[1] == tool9 and r[3] == "2.")
    assert q2[6] == q2[8] == "'=SUM(A1:A2) is what they said"  # a formula neutralised
    assert q2[9:11] == ["yes", "Marked: something must be done"]

    # The mark kept in a second round, then removed: said as such.
    second = save_round(page, site_url)
    page.goto(site_url + "security-toolkit/tool-09/")
    item_root(page, "t9-q02").get_by_role("checkbox", name=re.compile("^Something must be done")).uncheck()
    page.goto(site_url + f"compare/?a={second}&b=current")
    expect(tool_row(page, tool9, "2.").locator(".hb-compare__change")).to_have_text("Mark removed")


def test_a_round_saved_in_another_tab_shows_at_once(context, site_url):
    page, other = context.new_page(), context.new_page()
    page.goto(site_url + "compare/")
    expect(page.locator(".hb-compare__empty")).to_be_visible()
    rid = save_round(other, site_url)  # no answers: only the round's record changes
    expect(page.get_by_label("Compare (earlier)")).to_have_value(rid)
    expect(page.locator(".hb-compare__empty")).to_have_count(0)


def test_rounds_go_with_their_assessment_before_rounds_js_is_there(page, site_url):
    page.goto(site_url + "security-toolkit/tool-09/")
    choose(page, "t9-q01", "No")
    rid = save_round(page, site_url)
    page.route(re.compile(r"/assets/hb/rounds\.js"), lambda route: route.abort())
    page.goto(site_url + "assessments/")
    row = page.locator(".hb-manage__row").first
    expect(row.get_by_role("button", name=re.compile("^Rename"))).to_be_visible()
    expect(row.get_by_role("button", name=re.compile("^Save as round"))).to_have_count(0)  # rounds.js is not here
    row.get_by_role("button", name=re.compile("^Delete ")).click()
    row.get_by_role("button", name=re.compile("^Yes, delete")).click()
    expect(page.locator(".hb-manage__said")).to_contain_text("and 1 round.")
    assert page.evaluate(ROUND_KEYS) == []
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".hb-manage__said")).to_contain_text("is back, with its answers and 1 round.")
    assert page.evaluate(f"Object.keys(localStorage).filter(k => k.split('|')[2] === '{rid}').length") == 1
    assert page.evaluate(f"!!localStorage.getItem('hb1-round|{rid}')")


def test_cancelling_a_round_deletion_gives_focus_back_to_that_round(page, site_url):
    save_round(page, site_url)
    save_round(page, site_url)
    second = page.locator("[data-round]").nth(1)
    delete = second.get_by_role("button", name=re.compile(r"^Delete Round 2"))
    delete.click()
    page.get_by_role("button", name="Cancel").click()
    expect(delete).to_be_focused()
    delete.click()
    page.keyboard.press("Escape")
    expect(delete).to_be_focused()
    page.evaluate("HB.restoreAll()")  # drawn again (another tab changed something): focus stays
    expect(delete).to_be_focused()
