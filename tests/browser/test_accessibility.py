"""Accessible: axe-core finds no WCAG 2.1 A/AA violation on any page, light or dark, with answers given;
a tool page can be answered by keyboard alone, with visible focus.

Audits run with reduced motion (Material then turns every transition off), with the pointer moved off the page's
controls and after any running animation has finished: axe must read colours in their end state, never halfway
through a hover or focus transition.
"""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from crawl import answer_some, site_pages

RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
         "resultTypes": ["violations"]}


#: True once no finite animation or transition is running on the page.
_STILL = ("() => document.getAnimations().every(a => a.playState !== 'running'"
          " || a.effect.getTiming().iterations === Infinity)")


def _violations(axe, page) -> list[str]:
    page.mouse.move(0, 0)  # the header's empty corner: no control stays hovered from the last click
    page.wait_for_function(_STILL)
    found = axe.run(page, options=RULES).response["violations"]
    return [f"{v['id']}: {n['target']} {n['failureSummary'][:160]}" for v in found for n in v["nodes"]]


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture
def still_context(browser):
    """Return a browser context that prefers reduced motion, closed after the test (service workers blocked, as in
    conftest's ``context``)."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce",
                              service_workers="block")
    yield ctx
    ctx.close()


def test_audits_see_no_transition(still_context, site_url):
    page = still_context.new_page()
    page.goto(site_url + "security-toolkit/tool-04/")
    button = page.get_by_role("button", name="Reset answers on this page…")
    button.hover()
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")
    assert button.evaluate("e => getComputedStyle(e).transitionDuration") == "0s"


def test_no_axe_violation_on_any_page_light_and_dark(still_context, built_site, site_url, axe):
    page = still_context.new_page()
    problems = []
    for path in site_pages(built_site):
        page.goto(site_url + path)
        answer_some(page)
        problems += [f"{path} light {v}" for v in _violations(axe, page)]
        page.get_by_title("Switch to dark mode").first.click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        problems += [f"{path} dark {v}" for v in _violations(axe, page)]
        page.get_by_title("Switch to light mode").first.click()
    assert problems == []


def test_a_tool_page_can_be_answered_by_keyboard_alone(page, site_url):
    page.goto(site_url + "security-toolkit/tool-03/")
    first = page.locator(".hb-item--yes-no").first
    # Tab from the top of the page until the focus reaches the first answer group.
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('.hb-item') !== null"):
            break
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    focused = page.evaluate("document.activeElement.outerHTML")
    assert 'type="radio"' in focused
    page.keyboard.press("Space")  # choose the first option, Yes
    expect(first.get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    page.keyboard.press("ArrowRight")  # arrows move the choice within the group
    expect(first.get_by_role("radio", name="No", exact=True)).to_be_checked()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
    page.keyboard.press("Tab")  # the Clear button of this group
    assert page.evaluate("document.activeElement.textContent") == "Clear answer"
    page.keyboard.press("Enter")
    expect(first.get_by_role("radio", name="No", exact=True)).not_to_be_checked()
    # The notes field of the section is reachable and takes typing.
    note = page.locator(".hb-item--text textarea").first
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "TEXTAREA":
            break
    page.keyboard.type("Typed by keyboard")
    expect(note).to_have_value("Typed by keyboard")
    page.reload()
    expect(note).to_have_value("Typed by keyboard")


def test_tick_roles_and_reset_work_by_keyboard(page, site_url):
    page.goto(site_url + "security-toolkit/tool-04/")
    roles = page.locator(".hb-item--roles").first
    roles.get_by_role("checkbox", name="Partner").focus()
    page.keyboard.press("Space")
    expect(roles.get_by_role("checkbox", name="Partner")).to_be_checked()
    tick = page.locator(".hb-item--tick").first
    tick.get_by_role("checkbox").focus()
    page.keyboard.press("Space")
    expect(tick.get_by_role("checkbox")).to_be_checked()
    page.get_by_role("button", name="Reset answers on this page…").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Yes, reset")).to_be_focused()  # focus moves to the decision
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Undo")).to_be_focused()
    expect(tick.get_by_role("checkbox")).not_to_be_checked()
    page.keyboard.press("Enter")
    expect(tick.get_by_role("checkbox")).to_be_checked()
    expect(roles.get_by_role("checkbox", name="Partner")).to_be_checked()
