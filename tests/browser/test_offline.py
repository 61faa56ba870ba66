"""Offline: the downloadable archive opens from a folder with no network; search and answers work."""
from __future__ import annotations

from playwright.sync_api import expect

from crawl import search


def test_offline_archive_works_from_file_urls_without_network(browser, offline_folder):
    context = browser.new_context(offline=True)
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((offline_folder / "index.html").as_uri())
    page.get_by_role("link", name="Open the toolkit").click()
    page.get_by_role("link", name="Tool 9: Project Design Checklist").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tool 9: Project Design Checklist")
    group = page.get_by_role("group", name="Will data be disaggregated")
    group.get_by_role("radio", name="No", exact=True).check()
    page.reload()
    expect(group.get_by_role("radio", name="No", exact=True)).to_be_checked()
    expect(page.get_by_role("status").filter(has_text="answered")).to_have_text("1 of 13 answered")  # Tool 9 asks 13 questions (2 printed twice)
    expect(search(page, "trafficking")).to_contain_text("matching documents")
    assert page.locator(".md-search-result__item").count() > 0
    assert errors == []
    assert requests and all(url.startswith("file://") for url in requests), \
        sorted({u for u in requests if not u.startswith("file://")})
