"""Finding one's way: a sidebar that names each place once, pages named alike in header and heading, link targets
in view below everything that stays on top, and search that finds acronyms printed in brackets."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from crawl import search
from support import ROOT

SITE_NAME = "Migration and Security Toolkit Handbook"
PAGES = ["", "security-toolkit/", "security-toolkit/about/", "security-toolkit/section-2/",
         "security-toolkit/tool-09/", "security-toolkit/annex-07/", "security-toolkit/references/"]


def _label(key: str) -> tuple[str, str]:
    """Return (role, name) of an aria snapshot key such as ``link "Home"``."""
    mt = re.match(r'^(\S+)(?: "(.*)")?$', key)
    return mt.group(1), (mt.group(2) or "")


def _items(node) -> list[tuple[str, list]]:
    """Return [(label, children)] of the list items in an aria snapshot node, children read the same way."""
    found: list[tuple[str, list]] = []
    for entry in node if isinstance(node, list) else []:
        if isinstance(entry, str) and entry.startswith("listitem"):
            found.append((entry.partition(": ")[2], []))
        elif isinstance(entry, dict):
            for key, value in entry.items():
                role, name = _label(key)
                if role == "listitem":
                    found.append(_item(value))
                else:
                    found += _items(value)
    return found


def _item(value) -> tuple[str, list]:
    """Return (label, children) of one list item: its first link or text, and the items nested in it."""
    if isinstance(value, str):
        return value, []
    label = ""
    for entry in value:
        if isinstance(entry, dict) and not label:
            key = next(iter(entry))
            role, name = _label(key)
            label = entry[key] if role == "text" else name if role == "link" else ""
        elif isinstance(entry, str) and not label:
            label = entry.partition(": ")[2] if entry.startswith("text:") else _label(entry)[1]
    return label, _items(value)


def _repeats(title: str, items: list[tuple[str, list]]) -> list[str]:
    """Return every label that repeats its parent's or a sibling's, as ``parent › label``."""
    labels = [label for label, _ in items]
    out = [f"{title} › {label}" for label in labels if label == title or labels.count(label) > 1]
    for label, children in items:
        out += _repeats(label, children)
    return out


@pytest.mark.parametrize("path", PAGES)
def test_the_sidebar_names_each_place_once(page, site_url, path):
    page.goto(site_url + path)
    snapshot = yaml.safe_load(page.get_by_role("navigation", name="Navigation").aria_snapshot())
    body = snapshot[0]['navigation "Navigation"']
    title = next(entry["text"] for entry in body if isinstance(entry, dict) and "text" in entry)
    tree = _items(body)
    flat = []

    def walk(items):
        for label, children in items:
            flat.append(label)
            walk(children)
    walk(tree)
    assert title == SITE_NAME
    assert {"Home", "Security Toolkit", "Section 2: Tools", "References"} <= set(flat), flat
    assert _repeats(title, tree) == []
    assert len(flat) == len(set(flat)), flat  # no label anywhere twice, at any level


def test_a_group_opens_on_the_page_bearing_its_title(page, site_url):
    page.goto(site_url + "security-toolkit/tool-09/")
    nav = page.get_by_role("navigation", name="Navigation")
    nav.get_by_role("link", name="Section 2: Tools", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Section 2: Tools")
    nav.get_by_role("link", name="Security Toolkit", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Integrating Migration into Security Interventions")


@pytest.mark.parametrize("path", PAGES)
def test_header_and_heading_name_the_page_alike(page, site_url, path):
    page.goto(site_url + path)
    heading = page.get_by_role("heading", level=1).inner_text().replace("¶", "").strip()
    page.mouse.wheel(0, 2000)  # past the heading, Material's header shows the page's name instead of the site's
    topic = page.locator("[data-md-component=header-topic]")
    expect(topic).to_have_text(heading)
    assert page.title() in (heading, f"{heading} - {SITE_NAME}")
    assert page.title().count(SITE_NAME) <= 1


def test_the_overview_prints_the_citation_once(page, site_url):
    publication = yaml.safe_load((ROOT / "content" / "security-toolkit" / "publication.yml").read_text("utf-8"))
    citation = " ".join(publication["citation"].split())
    page.goto(site_url + "security-toolkit/")
    shown = " ".join(page.locator("body").inner_text().split())
    assert shown.count(citation) == 1
    footer = " ".join(page.get_by_role("contentinfo").inner_text().split())
    assert citation in footer


# The fixed and sticky elements that overlap the target across and begin above it; the target must start below
# each. Elements made transparent (Material's back-to-top button until the reader scrolls up) count too.
COVERS = """id => {
  const t = document.getElementById(id).getBoundingClientRect();
  return [...document.querySelectorAll('body *')].filter(el => {
    const s = getComputedStyle(el), r = el.getBoundingClientRect();
    return (s.position === 'fixed' || s.position === 'sticky') && s.display !== 'none' && s.visibility !== 'hidden'
      && r.width > 0 && r.height > 0 && r.left < t.right && r.right > t.left && r.top <= t.top;
  }).map(el => ({name: el.tagName.toLowerCase() + '.' + [...el.classList].join('.'),
                 bottom: el.getBoundingClientRect().bottom, target: t.top}));
}"""
TARGETS = [("security-toolkit/tool-09/", "t9-q08"), ("security-toolkit/tool-09/", "t9-q15"),
           ("security-toolkit/tool-04/", "t4-mig-nee"), ("security-toolkit/tool-04/", "t4-com"),
           ("security-toolkit/glossary/", "migrant"), ("security-toolkit/section-1/", "s1-conflict-prevention")]


@pytest.mark.parametrize("width", [1280, 360])
def test_a_link_target_lands_below_everything_that_stays_on_top(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 740})
    page = context.new_page()
    problems = []
    for path, target in TARGETS:
        page.goto(f"{site_url}{path}#{target}")
        page.wait_for_function("() => !document.querySelector('.hb-progress[hidden]')")  # the bar is shown when it is
        assert page.evaluate("window.scrollY") > 0  # the page scrolled to the target
        covers = page.evaluate(COVERS, target)
        assert any(c["name"].startswith("header.md-header") for c in covers), covers
        if path.endswith("tool-09/"):
            assert any("hb-progress" in c["name"] for c in covers), covers  # the sticky bar is above it
        problems += [f"{path}#{target}: {c['name']} ends at {c['bottom']:.0f}px, target at {c['target']:.0f}px"
                     for c in covers if c["bottom"] > c["target"]]
    context.close()
    assert problems == []


def test_a_search_result_lands_its_section_below_everything_that_stays_on_top(page, site_url):
    page.goto(site_url + "security-toolkit/tool-09/")
    search(page, "DDR")
    result = page.locator("a.md-search-result__link[href*='section-1/?h=ddr#']").first
    expect(result).to_be_visible()
    href = result.get_attribute("href")
    target = href.rpartition("#")[2]
    assert target
    result.click()
    # Not the address: Material's anchor tracking at times writes the previous page's first anchor into it after
    # instant navigation (seen with and without our styles); where the section lands is what the reader sees.
    page.wait_for_function("id => document.getElementById(id)?.getBoundingClientRect().top < innerHeight / 2",
                           arg=target)
    # The search closes as the page changes; its overlay covers the page until it has faded out.
    page.wait_for_function("() => !document.querySelector('.md-search__overlay').getClientRects()[0]?.height")
    covers = page.evaluate(COVERS, target)
    assert any(c["name"].startswith("header.md-header") for c in covers), covers
    assert [c for c in covers if c["bottom"] > c["target"]] == []


class _SearchedText(HTMLParser):
    """Collects the text of a page's article that search indexes: not what carries data-search-exclude, nor scripts
    and styles (Material's search skips them: the workspace pages hold their data in a JSON script)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.parts, self.depth, self.excluded = [], 0, 0  # depth inside <article>; depth inside an excluded element

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self.depth or tag == "article":
            self.depth += 1
        if self.excluded or (self.depth and ("data-search-exclude" in dict(attrs) or tag in ("script", "style"))):
            self.excluded += 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        self.excluded = max(self.excluded - 1, 0) if self.excluded else 0
        self.depth = max(self.depth - 1, 0)

    def handle_data(self, data):
        if self.depth and not self.excluded:
            self.parts.append(data)


def _article_text(html: str) -> str:
    parser = _SearchedText()
    parser.feed(html)
    return " ".join(parser.parts)


def _pages_with_word(site, word: str) -> set[str]:
    """Return the site path of every page whose article holds ``word`` as a word (``(DDR),`` counts)."""
    pattern = re.compile(rf"\b{re.escape(word)}\b")
    return {("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/")
            for p in site.rglob("index.html") if pattern.search(_article_text(p.read_text(encoding="utf-8")))}


@pytest.mark.parametrize("acronym", ["DDR", "UNODC", "IOM", "SSR"])
def test_search_finds_every_page_holding_an_acronym(page, site_url, built_site, acronym):
    expected = _pages_with_word(built_site, acronym)
    assert expected
    page.goto(site_url)
    meta = search(page, acronym)
    total = int(re.search(r"(\d+) matching document", meta.inner_text()).group(1))
    items = page.locator(".md-search-result__item")
    while (shown := items.count()) < total:  # Material shows ten results at a time, more as the list scrolls
        items.nth(shown - 1).scroll_into_view_if_needed()
        page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length > n", arg=shown)
    base = urlsplit(site_url).path
    found = set()
    for href in items.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)"):
        found.add(urlsplit(urljoin(page.url, href)).path.removeprefix(base))
    assert expected <= found, sorted(expected - found)
