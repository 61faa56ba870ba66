"""Answers in the browser: every kind is kept on the device across reloads, navigation, tabs and failures."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from conftest import screenshot

KINDS = ["tick", "yes-no", "yes-no-na", "low-medium-high", "roles", "text"]
LONG_NOTE = ("Notes مرحبا بالعالم שלום 👩🏽‍⚕️🇺🇳 <script>alert(1)</script> & \"quotes\"\n" * 80)[:5000]


@pytest.fixture(scope="module")
def manifest(built_site):
    return json.loads((built_site / "security-toolkit" / "items.json").read_text(encoding="utf-8"))


def first_of(manifest, kind, skip=0):
    return [i for i in manifest["items"] if i["kind"] == kind][skip]


def url(site_url, item):
    return f"{site_url}security-toolkit/{item['page']}/"


def root(page, item):
    # By the item's own id: a question printed twice is stored under its first item's id (data-item).
    return page.locator(f'[data-module="hb-answer"][id="{item["id"]}"]')


def answer(page, item, note="A note"):
    """Answer an item the way a user does, by role and visible label; return what should read back."""
    r = root(page, item)
    kind = item["kind"]
    if kind == "text":
        r.get_by_role("textbox").fill(note)
        return note
    if kind == "tick":
        r.get_by_role("checkbox").check()
        return True
    if kind == "roles":
        r.get_by_role("checkbox", name="Consult").check()
        r.get_by_role("checkbox", name="Beneficiary").check()
        return ["Consult", "Beneficiary"]
    label = {"yes-no": "No", "yes-no-na": "N/A", "low-medium-high": "High"}[kind]
    r.get_by_role("radio", name=label, exact=True).check()
    return label


def expect_answer(page, item, value):
    r = root(page, item)
    kind = item["kind"]
    if kind == "text":
        expect(r.get_by_role("textbox")).to_have_value(value)
    elif kind == "tick":
        expect(r.get_by_role("checkbox")).to_be_checked()
    elif kind == "roles":
        for label in ("Consult", "Partner", "Beneficiary"):
            box = r.get_by_role("checkbox", name=label)
            expect(box).to_be_checked() if label in value else expect(box).not_to_be_checked()
    else:
        expect(r.get_by_role("radio", name=value, exact=True)).to_be_checked()


@pytest.mark.parametrize("kind", KINDS)
def test_answer_survives_reload(page, site_url, manifest, kind):
    item = first_of(manifest, kind)
    page.goto(url(site_url, item))
    group = page.get_by_role("group", name=re.sub(r"\[\^[^\]]+\]|\*", "", item["text"])[:40])
    expect(group.first).to_be_visible()
    value = answer(page, item)
    page.reload()
    expect_answer(page, item, value)


@pytest.mark.parametrize("kind", KINDS)
def test_answer_survives_instant_navigation_and_restart(browser, site_url, manifest, kind, tmp_path):
    item = first_of(manifest, kind)
    context = browser.new_context()
    page = context.new_page()
    page.goto(url(site_url, item))
    value = answer(page, item)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Security Toolkit", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Integrating Migration"))
    page.go_back()
    expect_answer(page, item, value)
    assert page.evaluate("window.__sameDocument === true"), "navigation was not instant"
    state = context.storage_state()
    context.close()
    # A browser restart: a new context with the same stored state.
    again = browser.new_context(storage_state=state)
    page = again.new_page()
    page.goto(url(site_url, item))
    expect_answer(page, item, value)
    again.close()


def test_two_tabs_keep_both_answers_and_update_live(context, site_url, manifest):
    a_item, b_item = first_of(manifest, "yes-no-na", 0), first_of(manifest, "yes-no-na", 1)
    tab_a, tab_b = context.new_page(), context.new_page()
    tab_a.goto(url(site_url, a_item))
    tab_b.goto(url(site_url, b_item))
    answer(tab_a, a_item)
    answer(tab_b, b_item)
    expect_answer(tab_a, b_item, "N/A")  # arrived by the storage event, no reload
    expect_answer(tab_b, a_item, "N/A")
    tab_a.reload()
    expect_answer(tab_a, a_item, "N/A")
    expect_answer(tab_a, b_item, "N/A")


def test_radio_answer_can_be_cleared(page, site_url, manifest):
    item = first_of(manifest, "yes-no-na")
    page.goto(url(site_url, item))
    answer(page, item)
    root(page, item).get_by_role("button", name="Clear answer").click()
    for label in ("Yes", "No", "N/A"):
        expect(root(page, item).get_by_role("radio", name=label, exact=True)).not_to_be_checked()
    page.reload()
    expect(root(page, item).get_by_role("radio", name="N/A", exact=True)).not_to_be_checked()


def test_going_back_shows_the_answers_as_stored_not_as_the_page_was_left(page, site_url, manifest):
    item = first_of(manifest, "yes-no-na")
    page.goto(url(site_url, item))
    answer(page, item)
    page.goto(site_url + "security-toolkit/tool-03/")  # a full page load, not instant navigation
    page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb1|')).forEach(k => localStorage.removeItem(k))")
    page.go_back()
    for label in ("Yes", "No", "N/A"):
        expect(root(page, item).get_by_role("radio", name=label, exact=True)).not_to_be_checked()
    expect(page.locator(".hb-progress__text")).to_contain_text("0 of ")


def questions(manifest, page_id=None):
    """The ids the build counts as questions: of one page, or of the whole publication (each once)."""
    pages = [page_id] if page_id else list(manifest["progress"])
    return list(dict.fromkeys(q for p in pages for q in manifest["progress"].get(p, {}).get("questions", [])))


def test_progress_counts_answers_on_the_page_and_overview(page, site_url, manifest):
    items = [i for i in manifest["items"] if i["page"] == "tool-09"]
    asked = questions(manifest, "tool-09")
    page.goto(f"{site_url}security-toolkit/tool-09/")
    progress = page.get_by_role("status").filter(has_text="answered")
    expect(progress).to_have_text(f"0 of {len(asked)} answered")
    answer(page, items[0])
    answer(page, items[-1], note="   x")  # the closing notes prompt is optional: it does not count
    expect(progress).to_have_text(f"1 of {len(asked)} answered")
    answer(page, items[3])
    expect(progress).to_have_text(f"2 of {len(asked)} answered")
    page.reload()
    expect(progress).to_have_text(f"2 of {len(asked)} answered")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "2")
    page.goto(f"{site_url}security-toolkit/")
    row = page.get_by_role("article").get_by_role("listitem").filter(has_text="Tool 9: Project Design Checklist")
    expect(row).to_contain_text(f"2 of {len(asked)} answered")
    expect(page.locator(".hb-overall")).to_contain_text(f"2 of {len(questions(manifest))} answered")


def test_progress_counts_answers_by_the_item_ids_the_build_lists(context, site_url, manifest):
    # An answer counts where its item is, whichever page it was stored from; an answer to an item that no page
    # lists (retired, or gone from this edition) counts nowhere, though it stays stored.
    nine, three = questions(manifest, "tool-09"), questions(manifest, "tool-03")
    seeds = {nine[0]: "tool-03", "t9-q99": "tool-09"}
    script = "".join(f"localStorage.setItem('hb1|security-toolkit|default|{item}', "
                     f"JSON.stringify({{v: 'yes', h: '', t: '{tool}', at: 1}}));" for item, tool in seeds.items())
    context.add_init_script(f"if (!localStorage.length) {{ {script} }}")
    page = context.new_page()
    page.goto(f"{site_url}security-toolkit/tool-09/")
    expect(page.get_by_role("status").filter(has_text="answered")).to_have_text(f"1 of {len(nine)} answered")
    expect(page.get_by_role("progressbar")).to_have_attribute("value", "1")
    page.goto(f"{site_url}security-toolkit/")
    rows = page.get_by_role("article").get_by_role("listitem")
    expect(rows.filter(has_text="Tool 9: Project Design Checklist")).to_contain_text(f"1 of {len(nine)} answered")
    expect(rows.filter(has_text="Tool 3: Policy Checklist")).to_contain_text(f"0 of {len(three)} answered")
    expect(page.locator(".hb-overall")).to_contain_text(f"1 of {len(questions(manifest))} answered")


def test_reset_page_with_confirmation_and_exact_undo(page, site_url, manifest):
    items = [i for i in manifest["items"] if i["page"] == "tool-09"]
    page.goto(f"{site_url}security-toolkit/tool-09/")
    answer(page, items[0])
    answer(page, items[-1], note=LONG_NOTE)
    page.get_by_role("button", name="Reset answers on this page…").click()
    expect(page.get_by_text("Remove 2 answers on this page (assessment 'Assessment started")).to_be_visible()
    page.get_by_role("button", name="Cancel").click()
    expect_answer(page, items[0], "N/A")
    page.get_by_role("button", name="Reset answers on this page…").click()
    page.get_by_role("button", name="Yes, reset").click()
    expect(root(page, items[0]).get_by_role("radio", name="N/A", exact=True)).not_to_be_checked()
    expect(root(page, items[-1]).get_by_role("textbox")).to_have_value("")
    before_undo = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb1|')).length")
    assert before_undo == 0
    page.get_by_role("button", name="Undo").click()
    expect_answer(page, items[0], "N/A")
    expect_answer(page, items[-1], LONG_NOTE)
    page.reload()
    expect_answer(page, items[-1], LONG_NOTE)


def test_reset_everything_from_the_overview_with_undo(page, site_url, manifest):
    a, b = first_of(manifest, "yes-no-na"), first_of(manifest, "text")
    page.goto(url(site_url, a))
    answer(page, a)
    page.goto(url(site_url, b))
    answer(page, b)
    page.goto(f"{site_url}security-toolkit/")
    page.get_by_role("button", name="Reset all answers…").click()
    expect(page.get_by_text("Remove 2 answers in the whole toolkit (assessment 'Assessment started")).to_be_visible()
    page.get_by_role("button", name="Yes, reset").click()
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb1|')).length") == 0
    page.get_by_role("button", name="Undo").click()
    page.goto(url(site_url, a))
    expect_answer(page, a, "N/A")


def test_long_note_with_emoji_rtl_and_script_comes_back_exactly(page, site_url, manifest):
    item = first_of(manifest, "text")
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url(site_url, item))
    answer(page, item, note=LONG_NOTE)
    page.reload()
    expect_answer(page, item, LONG_NOTE)
    assert len(root(page, item).get_by_role("textbox").input_value()) == len(LONG_NOTE)
    assert dialogs == []
    assert page.locator("script", has_text="alert(1)").count() == 0


QUOTA = """Storage.prototype.setItem = function () {
  throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };"""
BLOCKED = """Object.defineProperty(window, 'localStorage', { configurable: true,
  get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });"""


@pytest.mark.parametrize("script,message", [(QUOTA, "storage for the handbook is full"),
                                            (BLOCKED, "does not let the handbook store data")],
                         ids=["quota", "blocked"])
def test_storage_failure_keeps_answers_for_the_visit(context, site_url, manifest, script, message):
    context.add_init_script(script)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    item = first_of(manifest, "yes-no-na")
    page.goto(url(site_url, item))
    answer(page, item)
    status = page.get_by_role("status").filter(has_text=message)
    expect(status).to_be_visible()
    expect(page.get_by_role("button", name="Download my answers (JSON)")).to_be_visible()
    # Kept in memory across instant navigation within the visit.
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Security Toolkit", exact=True).click()
    page.go_back()
    expect_answer(page, item, "N/A")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download my answers (JSON)").click()
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert any(k.endswith("|" + item["id"]) for k in data["answers"])
    # The theme's own scripts keep working: the palette toggle switches to dark.
    page.get_by_title("Switch to dark mode").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert errors == []


def test_unreadable_storage_is_kept_aside_and_reported(context, site_url, manifest):
    item = first_of(manifest, "yes-no-na")
    key = f"hb1|security-toolkit|default|{item['id']}"
    context.add_init_script(f"if (!sessionStorage.getItem('seeded')) {{ localStorage.setItem({json.dumps(key)}, "
                            f"'{{not json'); sessionStorage.setItem('seeded', '1'); }}")
    page = context.new_page()
    page.goto(url(site_url, item))
    expect(page.get_by_role("status").filter(has_text="could not be read")).to_be_visible()
    aside = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('hb1-unreadable|'))"
                          ".map(k => localStorage.getItem(k))")
    assert aside == ["{not json"]
    answer(page, item)
    page.reload()
    expect_answer(page, item, "N/A")


def test_without_javascript_the_page_is_complete_and_usable(browser, site_url, manifest):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    items = [i for i in manifest["items"] if i["page"] == "tool-09"]
    page.goto(f"{site_url}security-toolkit/tool-09/")
    for item in items:
        expect(root(page, item)).to_be_visible()
    answer(page, items[0])
    expect_answer(page, items[0], "N/A")
    expect(page.get_by_text(re.compile(r"\d+ of \d+ answered"))).to_be_hidden()  # progress needs the script
    expect(page.get_by_role("button", name="Reset answers on this page…")).to_be_hidden()
    context.close()


def test_print_shows_the_chosen_answers(page, site_url, manifest):
    item = first_of(manifest, "yes-no-na")
    page.goto(url(site_url, item))
    answer(page, item)
    page.emulate_media(media="print")
    expect(root(page, item)).to_be_visible()
    expect(root(page, item).get_by_role("radio", name="N/A", exact=True)).to_be_checked()
    expect(page.get_by_role("button", name="Reset answers on this page…")).to_be_hidden()


@pytest.mark.parametrize("width", [1280, 360])
def test_screenshots_of_a_tool_page(browser, site_url, manifest, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    item = first_of(manifest, "low-medium-high")
    page.goto(url(site_url, item))
    answer(page, item)
    root(page, item).scroll_into_view_if_needed()
    path = screenshot(page, f"answers-{item['page']}-{width}")
    assert path.stat().st_size > 10_000
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def _answered_to_an_earlier_wording(context, site_url, manifest):
    """Open a page whose first yes/no/N/A question was answered "No" to another wording; return (page, item, key)."""
    item = first_of(manifest, "yes-no-na")
    key = f"hb1|security-toolkit|default|{item['id']}"
    entry = json.dumps({"v": "no", "h": "0123456789ab", "t": item["page"], "at": 1})
    context.add_init_script(f"localStorage.setItem({json.dumps(key)}, {json.dumps(entry)});")
    page = context.new_page()
    page.goto(url(site_url, item))
    return page, item, key


def test_answer_to_an_earlier_wording_is_kept_and_flagged(context, site_url, manifest):
    page, item, _ = _answered_to_an_earlier_wording(context, site_url, manifest)
    expect_answer(page, item, "No")
    assert "earlier wording" in root(page, item).evaluate("el => getComputedStyle(el, '::after').content")
    answer(page, item)  # answering again records the current wording
    assert "earlier wording" not in root(page, item).evaluate("el => getComputedStyle(el, '::after').content")


def test_a_note_alone_does_not_confirm_an_answer_to_an_earlier_wording(context, site_url, manifest):
    page, item, key = _answered_to_an_earlier_wording(context, site_url, manifest)
    root(page, item).get_by_text("Add a note").click()
    root(page, item).get_by_role("textbox").fill("Still to check with the border police.")
    expect(root(page, item)).to_have_class(re.compile(r"\bhb-item--stale\b"))
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})"))
    assert (stored["v"], stored["h"], stored["n"]) == ("no", "0123456789ab", "Still to check with the border police.")


def test_typing_a_note_does_not_make_the_progress_speak_again(page, site_url, manifest):
    item = first_of(manifest, "yes-no-na")
    page.goto(url(site_url, item))
    status = page.get_by_role("status").filter(has_text="answered")
    status.evaluate("el => { window.__said = 0; new MutationObserver(() => window.__said++)"
                    ".observe(el, {childList: true, characterData: true, subtree: true}); }")
    root(page, item).get_by_text("Add a note").click()
    root(page, item).get_by_role("textbox").press_sequentially("A note")
    assert page.evaluate("window.__said") == 0  # the count did not change, so the live region was left alone
    root(page, item).get_by_role("radio", name="Yes", exact=True).check()
    expect(status).to_contain_text("1 of ")
    assert page.evaluate("window.__said") > 0
