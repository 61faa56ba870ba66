"""Navigation: each place named once; a group's title page is its index, and links to and from it still work."""
from __future__ import annotations

import re
import shutil

import pytest

from handbook import build_site
from handbook.nav import navigation
from support import ROOT


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # A copy: build_site keeps its schema memo beside the content folder, and tests write nothing in the project.
    content = tmp_path_factory.mktemp("nav") / "content"
    shutil.copytree(ROOT / "content", content)
    return build_site(content)


def test_the_nav_opens_sections_on_their_own_pages(site):
    nav = navigation(site.publications, ["index.md"])
    assert nav[0] == {"Home": "index.md"}
    toolkit = nav[1]["Security Toolkit"]
    assert toolkit[0] == "security-toolkit/index.md"  # the overview: the section's index, named by the section
    groups = {next(iter(entry)): next(iter(entry.values())) for entry in toolkit[1:]}
    assert groups["Section 1: Background"] == "security-toolkit/section-1.md"  # a group of its title page alone
    assert groups["Section 2: Tools"][0] == {"Section 2: Tools": "security-toolkit/section-2/index.md"}
    assert groups["Front matter"][0] == {"About this publication": "security-toolkit/about.md"}


def test_links_to_and_from_a_group_index_reach_their_pages(site):
    index = site.pages["security-toolkit/section-2/index.md"]
    assert "](../tool-01.md)" in index and "](tool-01.md" not in index
    assert "](section-2/index.md)" in site.pages["security-toolkit/introduction.md"]
    assert "](section-2/index.md)" in site.pages["security-toolkit/index.md"]  # the overview's contents
    assert "security-toolkit/section-2.md" not in site.pages


def test_the_overview_leaves_the_citation_to_the_footer(site):
    overview = site.pages["security-toolkit/index.md"]
    citation = site.publications["security-toolkit"].citation
    assert citation not in overview and "Required citation" not in overview
    assert 'title: "Integrating Migration into Security Interventions"' in overview
    assert re.search(r"^# Integrating Migration into Security Interventions$", overview, re.M)
    assert "ISBN 978-92-9268-245-3 (PDF)." in overview


def test_the_workspace_follows_the_publications_and_precedes_other_pages(site):
    nav = navigation(site.publications, ["index.md", "export-format.md", "report.md"])
    assert nav[2:] == [{"My assessments": "assessments.md"}, {"Report": "report.md"},
                       {"Compare rounds": "compare.md"}, "export-format.md"]
