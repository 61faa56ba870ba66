"""The report: the active assessment gathered on one page (gaps, selections, tool by tool, answers needing a second
look), printed as the deliverable; the "Something must be done" flag it gathers with the gaps."""
from __future__ import annotations

import json
import re
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import SCREENSHOTS, screenshot
from test_accessibility import _violations

REPORT = "report/"
MULTILINE = "Checked with the ministry, 3 May.\nStill open: the border posts.\nAsk again in June."
FLAG_NOTE = "Mitigation plan needed before the call for proposals."


@pytest.fixture(scope="module")
def manifest(built_site):
    return json.loads((built_site / "security-toolkit" / "items.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def publication_data(built_site):
    html = (built_site / "report" / "index.html").read_text(encoding="utf-8")
    raw = re.search(r'<script type="application/json" id="hb-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(raw.replace("<\\/", "</"))["publications"][0]


def item_root(page, item_id):
    return page.locator(f'[data-module="hb-answer"][id="{item_id}"]')


def choose(page, item_id, label):
    item_root(page, item_id).get_by_role("radio", name=label, exact=True).check()


def tick(page, item_id):
    item_root(page, item_id).get_by_role("checkbox").first.check()  # the item's own box comes first


def note(page, item_id, text):
    root = item_root(page, item_id)
    root.locator(".hb-note > summary").click()
    root.get_by_role("textbox", name=re.compile("^Note on")).fill(text)


def flag(page, item_id):
    root = item_root(page, item_id)
    if not root.locator(".hb-note").evaluate("d => d.open"):
        root.locator(".hb-note > summary").click()
    root.get_by_role("checkbox", name=re.compile("^Something must be done")).check()


def answer_a_mix(page, site_url, manifest):
    """Answer Tools 5, 6, 8 and 9 as a user does; return the Tool 8 indicators ticked."""
    page.goto(site_url + "security-toolkit/tool-05/")
    tick(page, "t5-ssr-p1-i1")
    tick(page, "t5-cp-p1-i2")
    note(page, "t5-cp-p1-i2", "With the diaspora council.")
    page.goto(site_url + "security-toolkit/tool-06/")
    choose(page, "t6-r01", "High")
    choose(page, "t6-r02", "Low")
    note(page, "t6-r02", FLAG_NOTE)
    flag(page, "t6-r02")
    page.goto(site_url + "security-toolkit/tool-08/")
    indicators = [i for i in manifest["items"] if i["page"] == "tool-08" and i["kind"] == "tick"][:2]
    for item in indicators:
        tick(page, item["id"])
    page.goto(site_url + "security-toolkit/tool-09/")
    choose(page, "t9-q01", "No")
    choose(page, "t9-q03", "Yes")
    note(page, "t9-q03", MULTILINE)
    item_root(page, "t9-notes").get_by_role("textbox").fill("Design revised twice.\nSee annex.")
    return indicators


def _rows(table):
    return [[c.strip() for c in r] for r in table.locator("tbody tr:not(.hb-report__section)").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.innerText))")]


def test_report_gathers_gaps_selections_and_answers_tool_by_tool(page, site_url, manifest, publication_data):
    indicators = answer_a_mix(page, site_url, manifest)
    page.goto(site_url + REPORT)
    report = page.locator(".hb-report")
    expect(report.get_by_role("heading", level=2).first).to_have_text(re.compile(r"^Assessment started "))
    expect(report.locator(".hb-report__date")).to_have_text(re.compile(r"^Report of \d{1,2} \w+ \d{4}$"))
    expect(report).to_contain_text(publication_data["citation"])
    expect(report).to_contain_text("Edition " + publication_data["edition"])
    expect(report.get_by_role("link", name=re.compile("^Licence: "))).to_have_attribute(
        "href", publication_data["licence"]["url"])
    total = sum(len(p["questions"]) for p in publication_data["progress"].values())
    expect(report.locator(".hb-report__counts")).to_have_text(
        f"4 of {total} questions answered, 3 notes, 2 interventions and 2 indicators selected, "
        "1 marked “Something must be done”.")
    expect(report.get_by_role("button", name="Print or save as PDF")).to_be_visible()

    # Gaps: the No, the High, the flagged Low; nothing else.
    gaps = _rows(report.locator("table.hb-report__gaps"))
    assert [(r[0], r[4].split("\n")[0]) for r in gaps] == [
        ("Tool 6: Risk Analysis", "High"), ("Tool 6: Risk Analysis", "Low"), ("Tool 9: Project Design Checklist", "No")]
    assert "Something must be done" in gaps[1][4] and gaps[1][5] == FLAG_NOTE
    assert gaps[2][2] == "1." and gaps[0][1] == "Examples of risks"  # numbers restart per section: it is named

    # Selections, under the page's own noun.
    tool5 = report.get_by_role("heading", name="Selected interventions (Tool 5: Problem Analysis)")
    expect(tool5).to_be_visible()
    chosen = tool5.locator("xpath=following-sibling::ul[1]").get_by_role("listitem")
    expect(chosen).to_have_count(2)
    expect(chosen.nth(1)).to_contain_text("Note: With the diaspora council.")
    tool8 = report.get_by_role("heading", name="Selected indicators (Tool 8: Indicator Bank)")
    for n, item in enumerate(indicators):
        expect(tool8.locator("xpath=following-sibling::ul[1]").get_by_role("listitem").nth(n)).to_contain_text(
            item["text"][:40])

    # Tool by tool: every answer in words, notes and text answers whole, what is left.
    tool9 = report.get_by_role("table", name="Tool 9: Project Design Checklist")
    rows = _rows(tool9)
    assert [r[2] for r in rows] == ["No", "Yes", "Design revised twice.\nSee annex."]
    assert rows[1][3] == MULTILINE
    open9 = tool9.locator("xpath=ancestor::section[1]").locator("details")
    expect(open9.locator("summary")).to_have_text("Not yet answered: 11 questions")  # 13 asked (the closing prompt is not one)
    expect(report.get_by_role("table", name="Tool 6: Risk Analysis").locator("tbody tr")).to_have_count(3)  # + section
    # Each tool has a heading to jump to, which names its table.
    expect(report.get_by_role("heading", level=3, name="Tool 9: Project Design Checklist")).to_be_visible()
    expect(report.locator("caption")).to_have_count(0)
    expect(report.get_by_text("2 interventions selected, listed under Selections.")).to_be_visible()
    expect(report.locator(".hb-report__idle")).to_contain_text("Tool 1: Quick Diagnostic")
    screenshot(page, "report-screen")
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot(page, "report-phone")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than a phone

    # A link back opens the item, answered.
    q1 = manifest_item(manifest, "t9-q01")
    report.locator("table.hb-report__gaps").get_by_role("link", name=q1["text"]).click()
    page.wait_for_url(re.compile(r"/security-toolkit/tool-09/#t9-q01$"))
    expect(item_root(page, "t9-q01").get_by_role("radio", name="No", exact=True)).to_be_checked()


def manifest_item(manifest, item_id):
    return next(i for i in manifest["items"] if i["id"] == item_id)


def _seed(page, entries: dict) -> None:
    page.evaluate("""entries => { for (const [k, v] of Object.entries(entries))
        localStorage.setItem(k, JSON.stringify(v)); }""", entries)


def test_report_labels_earlier_wordings_and_unknown_items(page, site_url, manifest):
    page.goto(site_url + REPORT)
    expect(page.locator(".hb-report__empty")).to_be_visible()
    _seed(page, {
        "hb1|security-toolkit|default|t9-q02": {"v": "yes", "h": "000000000000", "t": "tool-09", "at": 1},
        "hb1|security-toolkit|default|t9-q04": {"v": "na", "h": manifest_item(manifest, "t9-q04")["hash"],
                                                 "t": "tool-09", "at": 1},
        "hb1|security-toolkit|default|t9-q99": {"v": "no", "n": "Asked in the old edition.", "h": "x", "at": 1},
        "hb1|other-toolkit|default|x-q1": {"v": ["consult"], "h": "x", "at": 1},
    })
    page.reload()
    rows = _rows(page.get_by_role("table", name="Tool 9: Project Design Checklist"))
    assert rows[0][2] == "Yes\nAnswered to an earlier wording"
    assert rows[1][2] == "N/A"  # the current wording: no label
    expect(page.get_by_role("heading", name="Answers to items not in this edition")).to_be_visible()
    assert _rows(page.locator("table.hb-report__unknown")) == [
        ["other-toolkit", "x-q1", "Consult", ""], ["security-toolkit", "t9-q99", "No", "Asked in the old edition."]]


def test_a_retired_item_is_labelled(page, site_url, publication_data):
    """This edition retires no item, so the page is served as an edition that retires Tool 9's question 2 would
    be: the same report page with that item marked retired in the data it carries."""
    item = next(i for i in publication_data["items"] if i["id"] == "t9-q02")
    assert not item["retired"]

    def retire(route):
        html = route.fetch().text()
        marked = re.sub(r'("id":"t9-q02",[^{}]*?"retired":)false', r"\1true", html, count=1)
        assert marked != html
        route.fulfill(body=marked, content_type="text/html")

    page.route(site_url + REPORT, retire)
    page.goto(site_url + REPORT)
    _seed(page, {"hb1|security-toolkit|default|t9-q02": {"v": "yes", "n": "Kept.", "h": item["hash"], "at": 1}})
    page.reload()
    rows = _rows(page.get_by_role("table", name="Tool 9: Project Design Checklist"))
    assert rows[0][2] == "Yes\nRetired in this edition"


def test_report_follows_answers_given_in_another_tab(context, site_url):
    report, tool = context.new_page(), context.new_page()
    report.goto(site_url + REPORT)
    expect(report.locator(".hb-report__empty")).to_be_visible()
    tool.goto(site_url + "security-toolkit/tool-03/")
    choose(tool, "t3-ssr-q1", "No")
    expect(report.locator("table.hb-report__gaps tbody tr")).to_have_count(1)
    expect(report.get_by_role("table", name="Tool 3: Policy Checklist")).to_be_visible()


def test_empty_assessment_says_so_and_links_to_the_tools(page, site_url):
    page.goto(site_url + REPORT)
    expect(page.get_by_text("This assessment has no answers yet.")).to_be_visible()
    expect(page.locator(".hb-report").get_by_role("link", name="Tool 9: Project Design Checklist")).to_have_attribute(
        "href", re.compile(r"security-toolkit/tool-09/$"))
    expect(page.get_by_role("heading", name="Gaps")).to_have_count(0)


def test_without_javascript_the_report_page_explains_why_it_is_empty(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + REPORT)
    expect(page.get_by_text(re.compile("Your answers are kept in this browser.*needs JavaScript"))).to_be_visible()
    expect(page.get_by_role("link", name="Tool 9: Project Design Checklist")).to_be_visible()
    context.close()


def test_the_flag_is_kept_restored_and_printed_only_when_ticked(page, site_url, tmp_path):
    page.goto(site_url + "security-toolkit/tool-09/")
    flag(page, "t9-q05")
    status = page.locator(".hb-progress").get_by_role("status")
    expect(status).to_have_text("0 of 13 answered")  # a flag alone is not an answer
    entry = page.evaluate("JSON.parse(localStorage.getItem('hb1|security-toolkit|default|t9-q05'))")
    assert entry["v"] is None and entry["f"] is True and "n" not in entry
    page.get_by_role("button", name="Reset answers on this page…").click()
    expect(page.locator(".hb-reset__question")).to_have_text(
        re.compile(r"^Remove 1 flag on this page \(assessment 'Assessment started \d+ \w+ \d{4}'\)\?$"))
    page.get_by_role("button", name="Cancel").click()
    page.reload()
    box = item_root(page, "t9-q05").get_by_role("checkbox", name=re.compile("^Something must be done"))
    expect(box).to_be_checked()  # restored, its disclosure open
    page.emulate_media(media="print")
    page.pdf(path=str(tmp_path / "flag.pdf"), format="A4")
    text = subprocess.run(["pdftotext", str(tmp_path / "flag.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert text.count("Something must be done") == 1
    page.emulate_media(media="screen")
    box.uncheck()
    assert page.evaluate("localStorage.getItem('hb1|security-toolkit|default|t9-q05')") is None


def _pdf_text(page, path, size):
    page.emulate_media(media="print")
    page.pdf(path=str(path), format=size)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _letters(text):
    return re.sub(r"[^a-z0-9]", "", text.lower())


def test_report_prints_as_the_deliverable(page, site_url, manifest, publication_data, tmp_path):
    answer_a_mix(page, site_url, manifest)
    page.goto(site_url + REPORT)
    name = page.locator(".hb-report__name").inner_text()
    expect(page).to_have_title(f"{name} – Report")  # what "Save as PDF" suggests as the file's name
    for size in ("A4", "Letter"):
        text = _pdf_text(page, tmp_path / f"report-{size}.pdf", size)
        assert name in text
        assert re.search(r"Report of \d{1,2} \w+ \d{4}", text)
        assert _letters(publication_data["citation"]) in _letters(text)
        assert _letters(publication_data["licence"]["statement"]) in _letters(text)
        for words in ("High", "Low", "No", "Yes", "Something must be done"):
            assert re.search(rf"\b{words}\b", text), words
        assert _letters(MULTILINE) in _letters(text) and _letters(FLAG_NOTE) in _letters(text)
        assert "Not yet answered: 11 questions" in text
        for control in ("Print or save as PDF", "Export answers", "Assessment:", "My assessments"):
            assert control not in text, control  # no button, no switcher: the deliverable only
        assert "kept in this browser" not in text and "needs JavaScript" not in text  # the no-script text
        assert "Skip to content" not in text and "Search" not in text.split("Report of")[0]
    SCREENSHOTS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(tmp_path / "report-A4.pdf"),
                    str(SCREENSHOTS / "report-pdf-1")], check=True)
    # Looked at: the first page reads as the deliverable (name, date, edition, citation, licence, gaps).


def test_report_with_answers_has_no_axe_violation(browser, site_url, manifest):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    answer_a_mix(page, site_url, manifest)
    page.goto(site_url + REPORT)
    expect(page.locator("table.hb-report__gaps")).to_be_visible()
    page.locator(".hb-report__open summary").first.click()  # a list of what is left, open
    axe = Axe()
    problems = _violations(axe, page)
    page.get_by_title("Switch to dark mode").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    problems += [f"dark {v}" for v in _violations(axe, page)]
    context.close()
    assert problems == []


def test_sections_head_their_rows_and_text_answers_show_as_typed(page, site_url):
    """Tool 3 numbers its questions afresh in each sub-sector: each sub-sector heads its own group of rows. A text
    answer is shown as typed, even one that names a property of every object."""
    page.goto(site_url + "security-toolkit/tool-03/")
    choose(page, "t3-ssr-q1", "No")
    choose(page, "t3-toc-q1", "Yes")
    page.goto(site_url + "security-toolkit/tool-01/")
    item_root(page, "t1-analysis-q").get_by_role("textbox").fill("constructor")
    page.goto(site_url + REPORT)
    tool3 = page.get_by_role("table", name="Tool 3: Policy Checklist")
    groups = tool3.locator("tbody")
    expect(groups).to_have_count(2)
    expect(groups.nth(0).get_by_role("rowheader")).to_have_text("Security Sector Reform")
    expect(groups.nth(1).get_by_role("rowheader")).to_have_text("Transnational and Organized Crime")
    assert groups.nth(0).locator("th").get_attribute("colspan") == "4"
    assert [r[0] for r in _rows(tool3)] == ["1.", "1."]
    rows = _rows(page.get_by_role("table", name="Tool 1: Quick Diagnostic"))
    assert rows[0][2] == "constructor"
    gaps = _rows(page.locator("table.hb-report__gaps"))
    assert [r[:3] for r in gaps] == [["Tool 3: Policy Checklist", "Security Sector Reform", "1."]]
    screenshot(page, "report-sections")
