"""The exported site builds with Zensical, Material's successor, and keeps answer controls, script and citation."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from support import ROOT

PUBLICATION = "security-toolkit"
# The controls each answer kind of Tool 9 renders: radio values and the note's textarea, or one textarea.
CONTROLS = {"yes-no-na": ["yes", "no", "na", "textarea"], "text": ["textarea"]}


class _Page(HTMLParser):
    """Collects the answer groups with their controls, the linked scripts and stylesheets, the links and the footer."""

    def __init__(self):
        super().__init__()
        self.groups: dict[str, list[str]] = {}
        self.scripts: list[str] = []
        self.stylesheets: list[str] = []
        self.links: list[str] = []
        self.citation = ""
        self._group = None
        self._in_citation = False
        self._link_text = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("data-module") == "hb-answer":
            self._group = self.groups.setdefault(a["id"], [])
        elif tag == "input" and a.get("type") == "radio" and self._group is not None:
            self._group.append(a["value"])
        elif tag == "textarea" and self._group is not None:
            self._group.append("textarea")
        elif tag == "script" and a.get("src"):
            self.scripts.append(a["src"])
        elif tag == "link" and a.get("rel") == "stylesheet":
            self.stylesheets.append(a["href"])
        elif tag == "a":
            self._link_text = ""
        if "hb-citation" in (a.get("class") or "").split():
            self._in_citation = True

    def handle_endtag(self, tag):
        if tag == "fieldset":
            self._group = None
        elif tag == "a" and self._link_text is not None:
            self.links.append(" ".join(self._link_text.split()))
            self._link_text = None
        elif tag == "div":
            self._in_citation = False

    def handle_data(self, data):
        if self._link_text is not None:
            self._link_text += data
        if self._in_citation:
            self.citation += data


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    """Return the folder of the handbook exported with ``handbook export --config`` and built by Zensical."""
    out = tmp_path_factory.mktemp("export")
    export = subprocess.run([sys.executable, "-m", "handbook", "export", str(out), "--config", "mkdocs.yml"],
                            cwd=ROOT, capture_output=True, text=True)
    assert export.returncode == 0, export.stderr
    build = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", str(out / "mkdocs.yml")],
                           cwd=out, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    return out / "site"


def test_tool_9_has_every_answer_control(zensical_site):
    manifest = json.loads((zensical_site / PUBLICATION / "items.json").read_text(encoding="utf-8"))
    items = [item for item in manifest["items"] if item["page"] == "tool-09"]
    page = _parse(zensical_site / PUBLICATION / "tool-09" / "index.html")
    assert items
    assert page.groups == {item["id"]: CONTROLS[item["kind"]] for item in items}


def test_our_script_and_stylesheet_are_linked_and_published(zensical_site):
    page_dir = zensical_site / PUBLICATION / "tool-09"
    page = _parse(page_dir / "index.html")
    listed = re.findall(r"^\s*-\s*(assets/hb/[\w-]+\.js)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                        re.M)
    ours = [src for src in page.scripts if "assets/hb/" in src]
    assert listed and [src[src.index("assets/hb/"):] for src in ours] == listed, ours  # all, in order
    ours += [href for href in page.stylesheets if href.endswith("assets/handbook.css")]
    assert ours[-1].endswith("handbook.css")
    for ref in ours:
        assert (page_dir / ref).resolve().is_file(), ref


def test_navigation_lists_the_other_tools(zensical_site):
    page = _parse(zensical_site / PUBLICATION / "tool-09" / "index.html")
    assert {"Tool 1: Quick Diagnostic", "Tool 10: Project Monitoring Checklist"} <= set(page.links)


@pytest.mark.parametrize("page", ["security-toolkit/tool-09/index.html", "index.html"])
def test_footer_carries_the_publication_citation_and_licence(zensical_site, page):
    citation = " ".join(_parse(zensical_site / page).citation.split())
    assert citation.startswith("Required citation: International Organization for Migration (IOM), 2022. "
                               "Integrating Migration into Security Interventions")
    assert "Licence: CC BY-NC-ND 3.0 IGO." in citation


def test_the_home_page_names_the_site_once_in_its_window_title(zensical_site):
    home = (zensical_site / "index.html").read_text(encoding="utf-8")
    assert "<title>Migration and Security Toolkit Handbook</title>" in home
