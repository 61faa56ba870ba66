"""The workspace pages reached as a reader reaches them: through the navigation, which Material's instant navigation
loads without a reload. It puts the text of the page's data (#hb-data) into a new script element without its id or
type, so the report, export and import, and the comparison of rounds find the data by its content."""
from __future__ import annotations

import json
import re

from playwright.sync_api import expect


def follow(page, name, path):
    """Click the sidebar link name and wait for the instant navigation to path (the marker set before survives it)."""
    page.locator(".md-sidebar--primary").get_by_role("link", name=name, exact=True).first.click()
    page.wait_for_function("p => window.hbNoReload === 1 && location.pathname.endsWith(p)", arg=path)
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("^" + re.escape(name)))


def test_workspace_pages_work_after_an_instant_navigation(page, site_url):
    page.goto(site_url + "security-toolkit/tool-09/")
    page.locator('[id="t9-q01"]').get_by_role("radio", name="Yes", exact=True).check()
    page.evaluate("window.hbNoReload = 1")

    follow(page, "Report", "/report/")
    assert page.evaluate("document.getElementById('hb-data')") is None  # Material dropped the id: the case tested
    expect(page.get_by_role("table", name="Tool 9: Project Design Checklist")).to_contain_text("Yes")
    page.get_by_role("button", name="Save the current answers as a round").click()
    expect(page.get_by_role("status").filter(has_text="Saved the current answers as")).to_be_visible()

    follow(page, "My assessments", "/assessments/")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export answers (JSON)").click()
    exported = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert [(a["item"], a["answer"]) for a in exported["answers"]] == [("t9-q01", "yes")]

    follow(page, "Compare rounds", "/compare/")
    expect(page.get_by_label("Compare (earlier)").locator("option:checked")).to_have_text(re.compile("^Round 1"))
    assert page.evaluate("window.hbNoReload") == 1
