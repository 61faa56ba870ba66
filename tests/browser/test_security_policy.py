"""Locked down: every page carries a Content Security Policy that lets the handbook work and stops injected script."""
from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from playwright.sync_api import expect

from crawl import answer_some, search, site_pages

# Every violation a page reports, kept in the page for the test to read.
RECORD_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
  `${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`), true);"""
JS_TYPES = {"", "module", "text/javascript", "application/javascript"}


class _Page(HTMLParser):
    """The elements of <head> in order, and the text of each script the browser would run."""

    def __init__(self, html: str):
        super().__init__()
        self.head, self.scripts, self._in_head, self._script = [], [], False, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._in_head:
            self.head.append((tag, attrs))
        self._in_head = self._in_head or tag == "head"
        if tag == "script" and "src" not in attrs and (attrs.get("type") or "").lower() in JS_TYPES:
            self._script = []

    def handle_endtag(self, tag):
        self._in_head = self._in_head and tag != "head"
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)


@pytest.fixture
def watched(context):
    """Return a page that records policy violations in window.__violations and in its console list."""
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.console_csp = []
    page.on("console", lambda m: "Content Security Policy" in m.text and page.console_csp.append(m.text))
    return page


def _violations(page) -> list[str]:
    return page.evaluate("window.__violations") + page.console_csp


def test_every_page_opens_with_its_policy_listing_each_inline_script(built_site):
    pages = [built_site / path / "index.html" for path in site_pages(built_site)] + [built_site / "404.html"]
    assert len(pages) > 25
    for path in pages:
        page = _Page(path.read_text(encoding="utf-8"))
        first = [tag for tag in page.head if not (tag[0] == "meta" and "charset" in tag[1])][0]
        assert first[0] == "meta" and first[1].get("http-equiv") == "Content-Security-Policy", path
        policy = {name: values for name, *values in (part.split() for part in first[1]["content"].split(";"))}
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"], path
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'none'"], path
        assert "'unsafe-inline'" not in policy["script-src"], path
        assert len(page.scripts) >= 2, path  # Material's storage helpers and palette at least
        for text in page.scripts:
            digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in policy["script-src"], (path, text[:60])


@pytest.mark.parametrize("path", ["", "security-toolkit/", "security-toolkit/tool-04/", "security-toolkit/tool-09/"],
                         ids=["home", "overview", "tool-04", "tool-09"])
def test_answering_search_palette_and_navigation_raise_no_violation(watched, site_url, path):
    page = watched
    page.goto(site_url + path)
    answered = answer_some(page)
    assert answered > 0 or path in ("", "security-toolkit/")
    expect(search(page, "trafficking")).to_contain_text("matching documents")
    page.get_by_role("textbox", name="Search").press("Escape")
    page.get_by_title("Switch to dark mode").first.click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.evaluate("window.__sameDocument = true")
    heading = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("link", name=re.compile(r"^Next: ")).click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text(heading)
    assert page.evaluate("window.__sameDocument") is True  # instant navigation: the page was not reloaded
    answer_some(page)
    assert _violations(page) == []


def test_reset_and_undo_here_and_for_the_whole_toolkit_raise_no_violation(watched, site_url):
    page = watched
    page.goto(site_url + "security-toolkit/tool-09/")
    assert answer_some(page) > 0
    page.get_by_role("button", name="Reset answers on this page…").click()
    page.get_by_role("button", name="Yes, reset").click()
    expect(page.get_by_role("radio", name="Yes", exact=True).first).not_to_be_checked()
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_role("radio", name="Yes", exact=True).first).to_be_checked()
    page.get_by_role("navigation", name="Navigation").get_by_role("link", name="Security Toolkit", exact=True).click()
    page.get_by_role("button", name="Reset all answers…").click()
    page.get_by_role("button", name="Yes, reset").click()
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".hb-overall")).not_to_contain_text("0 of")
    assert _violations(page) == []


def test_injected_inline_script_and_event_handler_do_not_run(watched, site_url):
    page = watched
    page.goto(site_url + "security-toolkit/tool-09/")
    page.evaluate("""() => { const s = document.createElement('script');
        s.textContent = 'window.__pwned = "script"'; document.body.append(s); }""")
    page.wait_for_function("window.__violations.length === 1")
    page.evaluate("""() => document.querySelector('h1').insertAdjacentHTML('afterend',
        '<button type="button" onclick="window.__pwned = \\'handler\\'">Claim your prize</button>')""")
    page.get_by_role("button", name="Claim your prize").click()
    page.wait_for_function("window.__violations.length === 2")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    blocked = page.evaluate("window.__violations")
    assert [v.split()[0] for v in blocked] == ["script-src-elem", "script-src-attr"]


def test_offline_pages_keep_a_policy_under_which_answers_and_search_work(browser, offline_folder):
    context = browser.new_context(offline=True)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda m: "Content Security Policy" in m.text and console.append(m.text))
    page.goto((offline_folder / "security-toolkit" / "tool-09.html").as_uri())
    expect(page.locator('head > meta[http-equiv="Content-Security-Policy"]')).to_have_count(1)
    group = page.get_by_role("group", name="Will data be disaggregated")
    group.get_by_role("radio", name="No", exact=True).check()
    page.reload()
    expect(group.get_by_role("radio", name="No", exact=True)).to_be_checked()
    expect(search(page, "trafficking")).to_contain_text("matching documents")  # runs in iframe-worker's frame
    assert page.evaluate("window.__violations") == [] and console == []
    page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__pwned = 1';"
                  " document.body.append(s); }")
    page.wait_for_function("window.__violations.length === 1")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    context.close()
