"""The pages of the built site, for tests that visit every one of them."""
from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect


def site_pages(site: Path) -> list[str]:
    """Return the site-relative URL of every HTML page (``security-toolkit/tool-09/``), home first."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    return [("" if p == "." else p + "/") for p in pages]


def answer_some(page, limit: int = 3) -> int:
    """Answer up to ``limit`` items of each control type on the page, by role; return how many were answered."""
    done = 0
    for role, name in (("radio", "Yes"), ("radio", "Medium"), ("checkbox", "Partner")):
        for control in page.get_by_role(role, name=name, exact=True).all()[:limit]:
            control.check()
            done += 1
    for control in page.locator(".hb-item--tick").get_by_role("checkbox").all()[:limit]:
        control.check()
        done += 1
    for box in page.locator(".hb-item").get_by_role("textbox").all()[:limit]:
        box.fill("Noted during the review.")
        done += 1
    return done


def search(page, query: str):
    """Search as a reader does; return the results' summary line once search has answered ``query``.

    The whole query is in the box before the key that Material's search listens for (keyup): no shorter query
    ever runs, so the results shown are this query's, never a partial one's.
    """
    box = page.get_by_role("textbox", name="Search")
    box.fill(query)
    box.press("End")
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_contain_text(re.compile(r"(\d+|No) matching document"))
    return meta
