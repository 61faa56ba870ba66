"""Phones: on a 360 × 740 viewport no page scrolls sideways and every answer control is at least 24 × 24 px."""
from __future__ import annotations

from conftest import screenshot
from crawl import site_pages

SMALL = """() => [...document.querySelectorAll('.hb-item input, .hb-item textarea, .hb-item button, .hb-reset button')]
  .filter(el => el.offsetParent !== null)
  .map(el => { const r = el.getBoundingClientRect(); return [el.closest('[data-item]')?.dataset.item || el.textContent,
               Math.round(r.width), Math.round(r.height)]; })
  .filter(([, w, h]) => w < 24 || h < 24)"""


def test_no_sideways_scroll_and_large_enough_controls(browser, built_site, site_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = []
    for path in site_pages(built_site):
        page.goto(site_url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            problems.append(f"{path}: page is {width}px wide")
        problems += [f"{path}: {name} is {w}×{h}px" for name, w, h in page.evaluate(SMALL)]
    context.close()
    assert problems == []


def test_screenshots_at_360_and_1280(browser, site_url):
    for width, height in ((360, 740), (1280, 900)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        for path, name in (("security-toolkit/tool-04/", "tool-04"), ("security-toolkit/annex-03/", "annex-03"),
                           ("security-toolkit/", "overview")):
            page.goto(site_url + path)
            shot = screenshot(page, f"{name}-{width}")
            assert shot.stat().st_size > 5_000
        context.close()
