"""A practitioner opens a tool page in Chromium and finds every question, answerable in the page."""
from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from support import ROOT


def _items(tool: str) -> list[dict]:
    from handbook import load_content
    from handbook.manifest import manifest
    pub = load_content(ROOT / "content")["security-toolkit"]
    return [i for i in manifest(pub)["items"] if i["page"] == tool]


def _name(text: str) -> str:
    # The accessible name is the visible text: Markdown emphasis and footnote markers render differently.
    return re.sub(r"\[\^[^\]]+\]|\*|\[|\]\([^)]*\)", "", text).split("\n")[0][:60]


def test_tool9_shows_every_question_as_an_answerable_group(page, site_url):
    page.goto(site_url + "security-toolkit/tool-09/")
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile("Tool 9: Project Design Checklist"))
    items = _items("tool-09")
    assert len(items) == 16
    for item in items:
        if item["kind"] == "text":
            box = page.get_by_role("textbox", name=_name(item["text"]))
            expect(box).to_be_visible()
            box.fill("Checked with the team")
            expect(box).to_have_value("Checked with the team")
            continue
        group = page.get_by_role("group", name=_name(item["text"]))
        expect(group.first).to_be_visible()
        for label in ("Yes", "No", "N/A"):
            expect(group.first.get_by_role("radio", name=label, exact=True)).to_be_visible()
    first = page.get_by_role("group", name=re.compile("Will data be disaggregated"))
    first.get_by_role("radio", name="No", exact=True).check()
    expect(first.get_by_role("radio", name="No", exact=True)).to_be_checked()


def test_every_generated_page_opens_and_shows_all_its_items(page, site_url):
    from handbook import load_content
    pub = load_content(ROOT / "content")["security-toolkit"]
    for page_model in pub.ordered_pages:
        page.goto(f"{site_url}security-toolkit/{page_model.id}/")
        expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(re.escape(page_model.heading)))
        ids = [item.id for _, item in page_model.walk_items()]
        shown = page.locator('[data-module="hb-answer"]')
        expect(shown).to_have_count(len(ids))
        assert shown.evaluate_all("els => els.map(e => e.id)") == ids
        for item_id in ids:
            expect(page.locator(f'[data-module="hb-answer"][id="{item_id}"]')).to_be_visible()
