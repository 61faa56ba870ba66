"""Named assessments in the browser: the switcher on every page with answers shows and changes the active
assessment, whose answers and progress the page shows at once; the My assessments page creates, makes active,
renames, duplicates and deletes them (with undo); answers stored before assessments existed stay in the first one."""
from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from conftest import SCREENSHOTS, screenshot
from test_accessibility import _violations

TOOL9 = "security-toolkit/tool-09/"
MINE = "assessments/"
NIGER = "Niger border management 2027"


def item_root(page, item_id):
    return page.locator(f'[data-module="hb-answer"][id="{item_id}"]')


def radio(page, item_id, label):
    return item_root(page, item_id).get_by_role("radio", name=label, exact=True)


def switcher(page):
    return page.get_by_role("combobox", name="Assessment")


def progress(page):
    return page.locator(".hb-progress").get_by_role("status")


def rows(page):
    return page.get_by_role("list", name="Your assessments").get_by_role("listitem")


def row(page, name):
    return rows(page).filter(has=page.get_by_role("heading", name=name, exact=True))


def message(page):
    """The status line of My assessments (its Undo button aside)."""
    return page.locator(".hb-manage__status").get_by_role("paragraph")


def today(page):
    return page.evaluate("new Date().toLocaleDateString('en-GB', {day: 'numeric', month: 'long', year: 'numeric'})")


def create(page, name):
    page.get_by_label("Name of the new assessment").fill(name)
    page.get_by_role("button", name="Create", exact=True).click()
    heading = page.get_by_role("heading", name=name, exact=True)
    expect(heading).to_be_focused()  # focus goes to the new row
    return heading


def stored_answers(page, assessment):
    return page.evaluate("id => Object.keys(localStorage).filter(k => k.split('|')[0] === 'hb1' && "
                         "k.split('|')[2] === id).sort()", assessment)


def active_id(page):
    return page.evaluate("JSON.parse(localStorage.getItem('hb1-active'))")


# ---- (a) the first visit ----------------------------------------------------------------------------------

def test_the_first_visit_starts_one_assessment_holding_the_answers_given_before(page, site_url, built_site):
    items = json.loads((built_site / "security-toolkit" / "items.json").read_text(encoding="utf-8"))["items"]
    hashes = {i["id"]: i["hash"] for i in items}
    # Answers stored before assessments existed: under "default", with no assessment record.
    seed = {"t9-q01": {"v": "yes", "h": hashes["t9-q01"], "t": "tool-09", "at": 1700000000000},
            "t9-q05": {"v": "no", "n": "Ask the ministry.", "h": hashes["t9-q05"], "t": "tool-09", "at": 1700000000000}}
    page.add_init_script("if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1'); " + "".join(
        f"localStorage.setItem('hb1|security-toolkit|default|{k}', {json.dumps(json.dumps(v))});"
        for k, v in seed.items()) + "}")
    page.goto(site_url + TOOL9)
    started = "Assessment started " + today(page)
    expect(page.locator(".hb-assessment")).to_contain_text("Assessment:")
    expect(switcher(page).locator("option:checked")).to_have_text(started)
    expect(switcher(page).locator("option")).to_have_count(1)
    expect(page.locator(".hb-assessment").get_by_role("link", name="My assessments")).to_have_attribute(
        "href", re.compile(r"/assessments/$"))
    expect(radio(page, "t9-q01", "Yes")).to_be_checked()
    expect(radio(page, "t9-q05", "No")).to_be_checked()
    expect(item_root(page, "t9-q05").get_by_role("textbox", name=re.compile("^Note on"))).to_have_value("Ask the ministry.")
    expect(progress(page)).to_have_text("2 of 13 answered")
    assert active_id(page) == "default"
    # Printed, the header names the assessment.
    page.emulate_media(media="print")
    expect(page.locator(".hb-print-header")).to_contain_text("Assessment: " + started)
    expect(page.locator(".hb-assessment")).to_be_hidden()
    page.emulate_media(media="screen")
    # My assessments lists it, with its answers and note.
    page.locator(".hb-assessment").get_by_role("link", name="My assessments").click()
    first = row(page, started)
    expect(first).to_contain_text("Active")
    expect(first).to_contain_text(f"Created {today(page)} · 2 answers and 1 note · last answered 14 November 2023")


# ---- (b) switching --------------------------------------------------------------------------------------

def test_answers_follow_the_assessment_switched_to(page, site_url):
    page.goto(site_url + TOOL9)
    radio(page, "t9-q01", "No").check()
    expect(progress(page)).to_have_text("1 of 13 answered")
    started = switcher(page).locator("option:checked").inner_text()
    page.goto(site_url + MINE)
    create(page, NIGER)
    expect(row(page, NIGER)).to_contain_text("Active")
    expect(row(page, started)).not_to_contain_text("Active")
    expect(page.get_by_role("button", name="Undo")).to_be_hidden()
    expect(message(page)).to_have_text(
        f"Created '{NIGER}'. It is the active assessment: every page answers into it.")
    page.goto(site_url + TOOL9)
    expect(switcher(page)).to_have_value(active_id(page))
    expect(switcher(page).locator("option:checked")).to_have_text(NIGER)
    expect(radio(page, "t9-q01", "No")).not_to_be_checked()  # the new one has no answers
    expect(progress(page)).to_have_text("0 of 13 answered")
    radio(page, "t9-q02", "Yes").check()
    radio(page, "t9-q03", "N/A").check()
    expect(progress(page)).to_have_text("2 of 13 answered")
    # Back to the first with the list: its answers and progress return at once.
    switcher(page).select_option(label=started)
    expect(radio(page, "t9-q01", "No")).to_be_checked()
    expect(radio(page, "t9-q02", "Yes")).not_to_be_checked()
    expect(progress(page)).to_have_text("1 of 13 answered")
    page.emulate_media(media="print")
    expect(page.locator(".hb-print-header")).to_contain_text("Assessment: " + started)
    page.emulate_media(media="screen")
    page.reload()
    expect(switcher(page).locator("option:checked")).to_have_text(started)
    expect(radio(page, "t9-q01", "No")).to_be_checked()
    expect(progress(page)).to_have_text("1 of 13 answered")
    switcher(page).select_option(label=NIGER)
    expect(radio(page, "t9-q02", "Yes")).to_be_checked()
    expect(radio(page, "t9-q03", "N/A")).to_be_checked()
    expect(radio(page, "t9-q01", "No")).not_to_be_checked()
    expect(progress(page)).to_have_text("2 of 13 answered")
    # The publication's contents count the active one too.
    page.goto(site_url + "security-toolkit/")
    expect(switcher(page).locator("option:checked")).to_have_text(NIGER)
    expect(page.locator(".hb-overall .hb-tool-progress")).to_contain_text("2 of")


# ---- (c) rename, duplicate, delete ----------------------------------------------------------------------

def test_rename_duplicate_and_delete_with_and_without_undo(page, site_url):
    page.goto(site_url + MINE)
    started = "Assessment started " + today(page)
    create(page, "Chad DDR")
    page.goto(site_url + TOOL9)
    radio(page, "t9-q01", "Yes").check()
    open_note = item_root(page, "t9-q01").locator(".hb-note > summary")
    open_note.click()
    item_root(page, "t9-q01").get_by_role("textbox", name=re.compile("^Note on")).fill("Checked.")
    radio(page, "t9-q04", "No").check()
    page.goto(site_url + MINE)
    chad = row(page, "Chad DDR")
    expect(chad).to_contain_text("2 answers and 1 note")

    # Rename: an empty name is refused beside the field, focus stays; Enter saves.
    chad.get_by_role("button", name="Rename Chad DDR").click()
    field = page.get_by_role("textbox", name="New name")
    expect(field).to_be_focused()
    field.fill("   ")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("[data-module='hb-assessments']").get_by_role("alert")).to_have_text("Give the assessment a name.")
    expect(field).to_be_focused()
    field.fill("x" * 121)
    field.press("Enter")
    expect(page.locator("[data-module='hb-assessments']").get_by_role("alert")).to_have_text(re.compile("at most 120 characters"))
    field.fill("  Chad DDR 2027 ")
    field.press("Enter")
    renamed = row(page, "Chad DDR 2027")
    expect(renamed.get_by_role("button", name="Rename Chad DDR 2027")).to_be_focused()
    expect(message(page)).to_have_text("Renamed 'Chad DDR' to 'Chad DDR 2027'.")
    # Escape closes the form without saving.
    renamed.get_by_role("button", name="Rename Chad DDR 2027").click()
    page.get_by_role("textbox", name="New name").fill("Not kept")
    page.keyboard.press("Escape")
    expect(renamed.get_by_role("button", name="Rename Chad DDR 2027")).to_be_focused()
    expect(page.get_by_role("heading", name="Not kept")).to_have_count(0)

    # Duplicate: the copy has the same answers; changing the copy leaves the original.
    renamed.get_by_role("button", name="Duplicate Chad DDR 2027").click()
    copy = row(page, "Chad DDR 2027 (copy)")
    expect(copy.get_by_role("heading")).to_be_focused()
    expect(copy).to_contain_text("2 answers and 1 note")
    copy.get_by_role("button", name="Make active Chad DDR 2027 (copy)").click()
    expect(copy).to_contain_text("Active")
    page.goto(site_url + TOOL9)
    expect(radio(page, "t9-q01", "Yes")).to_be_checked()
    expect(item_root(page, "t9-q01").get_by_role("textbox", name=re.compile("^Note on"))).to_have_value("Checked.")
    radio(page, "t9-q01", "No").check()
    switcher(page).select_option(label="Chad DDR 2027")
    expect(radio(page, "t9-q01", "Yes")).to_be_checked()

    # Delete, then undo: the record and every answer come back.
    page.goto(site_url + MINE)
    renamed = row(page, "Chad DDR 2027")
    before = stored_answers(page, renamed.get_attribute("data-id"))
    assert len(before) == 2
    renamed.get_by_role("button", name="Delete Chad DDR 2027").click()
    expect(renamed.get_by_role("group", name="Confirm delete")).to_have_text(
        re.compile("Delete 'Chad DDR 2027' and its 2 answers and 1 note\\?"))
    renamed.get_by_role("button", name="Yes, delete").click()
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    expect(message(page)).to_contain_text("Deleted 'Chad DDR 2027' and its 2 answers and 1 note.")
    expect(page.get_by_role("heading", name="Chad DDR 2027", exact=True)).to_have_count(0)
    assert stored_answers(page, before[0].split("|")[2]) == []
    undo.click()
    expect(row(page, "Chad DDR 2027").get_by_role("heading")).to_be_focused()
    expect(row(page, "Chad DDR 2027")).to_contain_text("Active")  # it was active, and is again
    assert stored_answers(page, before[0].split("|")[2]) == before
    page.goto(site_url + TOOL9)
    expect(radio(page, "t9-q01", "Yes")).to_be_checked()
    expect(radio(page, "t9-q04", "No")).to_be_checked()

    # Delete without undo: the answers are gone, another assessment is active.
    page.goto(site_url + MINE)
    row(page, "Chad DDR 2027").get_by_role("button", name="Delete Chad DDR 2027").click()
    page.get_by_role("button", name="Yes, delete").click()
    expect(message(page)).to_contain_text(f"'{started}' is now the active assessment.")
    assert stored_answers(page, before[0].split("|")[2]) == []
    expect(row(page, started)).to_contain_text("Active")
    page.goto(site_url + TOOL9)
    expect(switcher(page).locator("option:checked")).to_have_text(started)
    expect(switcher(page).locator("option")).to_have_text([started, "Chad DDR 2027 (copy)"])
    expect(radio(page, "t9-q04", "No")).not_to_be_checked()
    expect(progress(page)).to_have_text("0 of 13 answered")


def test_deleting_the_last_assessment_leaves_a_fresh_one_and_undo_removes_it(page, site_url):
    page.goto(site_url + MINE)
    started = "Assessment started " + today(page)
    row(page, started).get_by_role("button", name="Rename " + started).click()
    page.get_by_role("textbox", name="New name").fill("Only one")
    page.get_by_role("button", name="Save", exact=True).click()
    row(page, "Only one").get_by_role("button", name="Delete Only one").click()
    expect(page.get_by_text("Delete 'Only one'? It has no answers.")).to_be_visible()
    page.get_by_role("button", name="Yes, delete").click()
    expect(rows(page)).to_have_count(1)
    expect(row(page, started)).to_contain_text("Active")
    page.get_by_role("button", name="Undo").click()
    expect(rows(page)).to_have_count(1)
    expect(row(page, "Only one")).to_contain_text("Active")


def test_a_hidden_button_stays_hidden(page, site_url):
    page.goto(site_url + TOOL9)
    page.get_by_role("button", name="Reset answers on this page…").click()
    expect(page.get_by_text("There are no answers to remove.")).to_be_visible()
    expect(page.get_by_role("button", name="Yes, reset")).to_be_hidden()
    page.goto(site_url + MINE)
    expect(rows(page)).to_have_count(1)
    expect(page.get_by_role("button", name="Undo")).to_be_hidden()


# ---- (d) another tab ------------------------------------------------------------------------------------

def test_each_tab_keeps_its_assessment_and_follows_a_new_name(context, site_url):
    first, second = context.new_page(), context.new_page()
    first.goto(site_url + MINE)
    create(first, NIGER)
    second.goto(site_url + TOOL9)
    expect(switcher(second).locator("option:checked")).to_have_text(NIGER)  # a new tab: the last chosen
    radio(second, "t9-q06", "Yes").check()
    first.goto(site_url + TOOL9)
    started = "Assessment started " + today(first)
    switcher(first).select_option(label=started)
    expect(radio(first, "t9-q06", "Yes")).not_to_be_checked()
    # The second tab keeps its own, side by side, and answers into it; reloaded, still.
    radio(second, "t9-q07", "No").check()
    second.reload()
    expect(switcher(second).locator("option:checked")).to_have_text(NIGER)
    expect(radio(second, "t9-q06", "Yes")).to_be_checked()
    expect(progress(second)).to_have_text("2 of 13 answered")
    expect(radio(first, "t9-q07", "No")).not_to_be_checked()
    third = context.new_page()
    third.goto(site_url + TOOL9)
    expect(switcher(third).locator("option:checked")).to_have_text(started)  # opened afterwards: the last chosen
    # A rename on My assessments reaches the switcher of the other tab.
    first.goto(site_url + MINE)
    row(first, NIGER).get_by_role("button", name="Rename " + NIGER).click()
    first.get_by_role("textbox", name="New name").fill("Niger 2028")
    first.get_by_role("button", name="Save", exact=True).click()
    expect(switcher(second).locator("option")).to_have_text([started, "Niger 2028"])


# ---- (e) accessibility and phones -----------------------------------------------------------------------

@pytest.mark.parametrize("width", [1280, 360])
def test_no_axe_violation_with_assessments_listed_and_the_switcher(browser, site_url, width):
    ctx = browser.new_context(viewport={"width": width, "height": 800}, reduced_motion="reduce")
    try:
        page = ctx.new_page()
        page.goto(site_url + MINE)
        create(page, NIGER)
        create(page, "A <b>name</b> with markup & a very long word: Supercalifragilisticexpialidocious-2027-border")
        expect(page.locator(".hb-manage__list b")).to_have_count(0)  # shown as text
        row(page, NIGER).get_by_role("button", name="Rename " + NIGER).click()
        page.get_by_role("textbox", name="New name").fill("")
        page.get_by_role("button", name="Save", exact=True).click()  # the error shows too
        expect(page.locator("[data-module='hb-assessments']").get_by_role("alert")).to_have_text("Give the assessment a name.")
        axe = Axe()
        assert _violations(axe, page) == []
        screenshot(page, f"assessments-page-{width}")
        page.goto(site_url + TOOL9)
        expect(switcher(page)).to_be_visible()
        assert _violations(axe, page) == []
        box = switcher(page).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width
        screenshot(page, f"assessments-switcher-{width}")
        page.locator(".hb-assessment").screenshot(path=str(SCREENSHOTS / f"assessments-switcher-{width}-close.png"))
    finally:
        ctx.close()


# ---- (f) names kept apart, counts that follow other tabs -----------------------------------------------------

def test_names_are_unique_and_copies_are_numbered(page, site_url):
    page.goto(site_url + MINE)
    create(page, NIGER)
    alert = page.locator("[data-module='hb-assessments']").get_by_role("alert")
    page.get_by_label("Name of the new assessment").fill(f" {NIGER} ")
    page.get_by_role("button", name="Create", exact=True).click()
    expect(alert).to_have_text(f"There is already an assessment named '{NIGER}'; choose another name.")
    expect(page.get_by_label("Name of the new assessment")).to_be_focused()
    expect(rows(page)).to_have_count(2)
    for made in (f"{NIGER} (copy)", f"{NIGER} (copy 2)"):
        row(page, NIGER).get_by_role("button", name="Duplicate " + NIGER).click()
        expect(row(page, made).get_by_role("heading")).to_be_focused()
    started = "Assessment started " + today(page)
    row(page, started).get_by_role("button", name="Rename " + started).click()
    field = page.get_by_role("textbox", name="New name")
    field.fill(NIGER + " (copy)")
    field.press("Enter")
    expect(row(page, started).get_by_role("alert")).to_have_text(
        f"There is already an assessment named '{NIGER} (copy)'; choose another name.")
    expect(field).to_be_focused()
    field.fill(started)  # its own name: allowed
    field.press("Enter")
    expect(message(page)).to_have_text(f"Renamed '{started}' to '{started}'.")
    # A long name's copy stays within 120 characters.
    long = "L" * 120
    create(page, long)
    row(page, long).get_by_role("button", name="Duplicate " + long).click()
    copy = "L" * 113 + " (copy)"
    expect(row(page, copy).get_by_role("heading")).to_be_focused()


def test_the_list_counts_follow_another_tab_and_count_flags(context, site_url):
    mine, tool = context.new_page(), context.new_page()
    mine.goto(site_url + MINE)
    started = "Assessment started " + today(mine)
    expect(row(mine, started)).to_contain_text("no answers yet")
    mine.get_by_role("button", name="Rename " + started).click()
    mine.get_by_role("textbox", name="New name").fill("Half typed")
    tool.goto(site_url + TOOL9)
    radio(tool, "t9-q01", "Yes").check()
    root = item_root(tool, "t9-q01")
    root.locator(".hb-note > summary").click()
    root.get_by_role("textbox", name=re.compile("^Note on")).fill("Checked.")
    root.get_by_role("checkbox", name=re.compile("^Something must be done")).check()
    expect(row(mine, started)).to_contain_text("1 answer, 1 note and 1 flag")  # without a reload
    field = mine.get_by_role("textbox", name="New name")
    expect(field).to_have_value("Half typed")  # the open form stays open, with what was typed
    expect(field).to_be_focused()
    # Ten thousand answers stored at once in the other tab: the list is drawn again a few times, not 10,000.
    mine.evaluate("""() => { window.__draws = 0; new MutationObserver(() => window.__draws++).observe(
        document.querySelector('.hb-manage__list'), {childList: true}); }""")
    tool.evaluate("""() => { for (let i = 0; i < 10000; i++) localStorage.setItem(
        'hb1|security-toolkit|default|zz-' + i, JSON.stringify({v: 'yes', h: '', t: '', at: 1})); }""")
    expect(row(mine, started)).to_contain_text("10001 answers, 1 note and 1 flag")
    assert mine.evaluate("window.__draws") < 50
    mine.get_by_role("button", name="Cancel").click()
    row(mine, started).get_by_role("button", name="Delete " + started).click()
    expect(row(mine, started).get_by_role("group", name="Confirm delete")).to_contain_text(
        "and its 10001 answers, 1 note and 1 flag?")
