"""Notes, tied questions and progress in the browser: a note on every kind of item is kept like its answer; a
question the publication prints twice has one answer; progress counts the questions a tool asks and shows ticks
as selections, the same on the page and on the overview."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

KINDS = ["tick", "yes-no", "yes-no-na", "low-medium-high", "roles"]
TOOL9 = "security-toolkit/tool-09/"


@pytest.fixture(scope="module")
def manifest(built_site):
    return json.loads((built_site / "security-toolkit" / "items.json").read_text(encoding="utf-8"))


def item_root(page, item_id):
    """The answer group of one printed item, found by its own id (a tied item stores under its first's id)."""
    return page.locator(f'[data-module="hb-answer"][id="{item_id}"]')


def first_of(manifest, kind):
    return next(i for i in manifest["items"] if i["kind"] == kind and not i["same_as"])


def status(page):
    return page.locator(".hb-progress").get_by_role("status")


def open_note(page, item_id):
    """Open an item's note disclosure as a user does and return its textbox."""
    root = item_root(page, item_id)
    root.locator(".hb-note > summary").click()
    box = root.get_by_role("textbox", name=re.compile("^Note on"))
    expect(box).to_be_visible()
    return box


# ---- a question printed twice ---------------------------------------------------------------------------

def test_a_question_printed_twice_has_one_answer(page, site_url):
    page.goto(site_url + TOOL9)
    q2, q8 = item_root(page, "t9-q02"), item_root(page, "t9-q08")
    expect(q8.get_by_text("Same question as question 2: your answer there is shown here")).to_be_visible()
    expect(q8.get_by_role("link", name="question 2", exact=True)).to_have_attribute("href", re.compile(r"tool-09/#t9-q02$"))
    q8.get_by_role("radio", name="No", exact=True).check()
    expect(q2.get_by_role("radio", name="No", exact=True)).to_be_checked()  # at once, without a reload
    expect(status(page)).to_have_text("1 of 13 answered")  # one question, counted once
    page.reload()
    expect(q2.get_by_role("radio", name="No", exact=True)).to_be_checked()
    expect(q8.get_by_role("radio", name="No", exact=True)).to_be_checked()
    q2.get_by_role("radio", name="Yes", exact=True).check()
    expect(q8.get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    expect(q8.get_by_role("radio", name="No", exact=True)).not_to_be_checked()
    expect(status(page)).to_have_text("1 of 13 answered")
    # The note is shared too.
    open_note(page, "t9-q02").fill("Asked the ministry.")
    expect(q8.get_by_role("textbox", name=re.compile("^Note on 8"))).to_have_value("Asked the ministry.")
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb1|'))") == [
        "hb1|security-toolkit|default|t9-q02"]


def test_a_tied_answer_reaches_another_tab(context, site_url):
    tab_a, tab_b = context.new_page(), context.new_page()
    tab_a.goto(site_url + TOOL9)
    tab_b.goto(site_url + TOOL9)
    item_root(tab_a, "t9-q11").get_by_role("radio", name="N/A", exact=True).check()
    for item_id in ("t9-q03", "t9-q11"):
        expect(item_root(tab_b, item_id).get_by_role("radio", name="N/A", exact=True)).to_be_checked()


# ---- a note on every kind -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_a_note_is_kept_across_reload_navigation_and_reset_with_undo(page, site_url, manifest, kind):
    item = first_of(manifest, kind)
    page.goto(f"{site_url}security-toolkit/{item['page']}/")
    root = item_root(page, item["id"])
    expect(root.locator(".hb-note > summary")).to_have_text(re.compile(r"^Add a note on \S"))
    note = f"Why: {kind}, checked with the partner.\nSecond line."
    open_note(page, item["id"]).fill(note)
    expect(root.locator(".hb-note > summary")).to_have_text(re.compile(r"^Note on \S"))
    # A note alone is kept, but does not answer the item.
    stored = json.loads(page.evaluate(f"localStorage.getItem('hb1|security-toolkit|default|{item['id']}')"))
    assert stored["n"] == note and stored["v"] is None
    box = root.get_by_role("textbox", name=re.compile("^Note on"))
    page.reload()
    expect(box).to_be_visible()  # shown open when present
    expect(box).to_have_value(note)
    expect(root.locator(".hb-note > summary")).to_have_text(re.compile(r"^Note on \S"))
    # Instant navigation: away and back in the same document.
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Security Toolkit", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Integrating Migration"))
    page.go_back()
    expect(box).to_have_value(note)
    assert page.evaluate("window.__sameDocument === true"), "navigation was not instant"
    # Reset removes it; undo brings it back.
    page.get_by_role("button", name="Reset answers on this page…").click()
    expect(page.get_by_text("Remove 1 note on this page (assessment 'Assessment started")).to_be_visible()
    page.get_by_role("button", name="Yes, reset").click()
    expect(box).to_have_value("")
    expect(root.locator(".hb-note > summary")).to_have_text(re.compile(r"^Add a note on \S"))
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb1|')).length") == 0
    page.get_by_role("button", name="Undo").click()
    expect(box).to_have_value(note)
    page.reload()
    expect(box).to_have_value(note)


def test_a_note_is_saved_with_the_answer_and_printed(page, site_url):
    page.goto(site_url + TOOL9)
    root = item_root(page, "t9-q01")
    root.get_by_role("radio", name="No", exact=True).check()
    long_note = " ".join(f"Line {n} of what must change before sign-off." for n in range(40))
    open_note(page, "t9-q01").fill(long_note)
    stored = json.loads(page.evaluate("localStorage.getItem('hb1|security-toolkit|default|t9-q01')"))
    assert (stored["v"], stored["n"], stored["t"]) == ("no", long_note, "tool-09") and stored["h"] and stored["at"]
    expect(status(page)).to_have_text("1 of 13 answered")
    root.get_by_role("button", name="Clear answer").click()  # clearing the answer keeps the note
    stored = json.loads(page.evaluate("localStorage.getItem('hb1|security-toolkit|default|t9-q01')"))
    assert stored["v"] is None and stored["n"] == long_note
    expect(status(page)).to_have_text("0 of 13 answered")  # a note alone does not answer the question
    page.reload()
    page.emulate_media(media="print")
    expect(root.locator(".hb-print-copy")).to_have_text(long_note)
    expect(root.locator(".hb-print-copy")).to_be_visible()


def test_the_note_disclosure_works_by_keyboard(page, site_url):
    page.goto(site_url + TOOL9)
    root = item_root(page, "t9-q04")
    summary = root.locator(".hb-note > summary")
    summary.focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Enter")
    box = root.get_by_role("textbox", name=re.compile("^Note on 4"))
    expect(box).to_be_visible()
    page.keyboard.press("Space")  # Space toggles it too: closed, then open again
    expect(box).to_be_hidden()
    page.keyboard.press("Space")
    expect(box).to_be_visible()
    page.keyboard.press("Tab")
    expect(box).to_be_focused()
    page.keyboard.type("Typed by keyboard")
    expect(box).to_have_value("Typed by keyboard")
    page.reload()
    expect(box).to_have_value("Typed by keyboard")


# ---- progress counts what the tool asks -------------------------------------------------------------------

def test_every_question_of_tool_9_answered_reads_n_of_n_on_the_page_and_overview(page, site_url, manifest):
    questions = manifest["progress"]["tool-09"]["questions"]
    assert len(questions) == 13  # 15 printed questions, two printed twice; the closing notes prompt is optional
    page.goto(site_url + TOOL9)
    for item in (i for i in manifest["items"] if i["page"] == "tool-09" and i["kind"] == "yes-no-na"):
        item_root(page, item["id"]).get_by_role("radio", name="Yes", exact=True).check()
    expect(status(page)).to_have_text("13 of 13 answered")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "13")
    page.goto(site_url + "security-toolkit/")
    row = page.get_by_role("article").get_by_role("listitem").filter(has_text="Tool 9: Project Design Checklist")
    expect(row).to_contain_text("(13 questions)")
    expect(row).to_contain_text("13 of 13 answered")
    total = len({q for p in manifest["progress"].values() for q in p["questions"]})
    expect(page.locator(".hb-overall")).to_contain_text(f"13 of {total} answered")


def test_tool_8_reads_as_selections_not_unfinished(page, site_url, manifest):
    page.goto(site_url + "security-toolkit/tool-08/")
    expect(status(page)).to_have_text("0 indicators selected")
    expect(page.locator(".hb-progress progress")).to_have_count(0)  # no bar to fill
    boxes = page.locator(".hb-item--tick").get_by_role("checkbox")
    boxes.nth(0).check()
    expect(status(page)).to_have_text("1 indicator selected")
    boxes.nth(4).check()
    boxes.nth(9).check()
    expect(status(page)).to_have_text("3 indicators selected")
    page.goto(site_url + "security-toolkit/")
    row = page.get_by_role("article").get_by_role("listitem").filter(has_text="Tool 8: Indicator Bank")
    expect(row).to_contain_text("(31 indicators to choose from)")
    expect(row.locator(".hb-tool-progress")).to_have_text("3 indicators selected")
    expect(row).not_to_contain_text("answered")
    expect(page.locator(".hb-overall")).to_contain_text("3 selected")


def test_tool_4_counts_its_questions_and_roles_and_shows_quick_reference_ticks_as_selected(page, site_url, manifest):
    page.goto(site_url + "security-toolkit/tool-04/")
    expect(status(page)).to_have_text("0 of 48 answered · 0 stakeholders selected")
    page.locator(".hb-item--roles").first.get_by_role("checkbox", name="Partner").check()
    page.locator(".hb-item--tick").first.get_by_role("checkbox").check()
    page.locator(".hb-item--text").first.get_by_role("textbox").fill("Its numbered questions are answered in words.")
    expect(status(page)).to_have_text("2 of 48 answered · 1 stakeholder selected")
