"""The workspace pages (My assessments, Report): shells with the publications' data and links to every tool."""
from __future__ import annotations

import json
import re

import pytest

from handbook import build_site
from handbook.workspace import plain


def _data(markdown: str) -> dict:
    found = re.search(r'<script type="application/json" id="hb-data">(.*?)</script>', markdown, re.S)
    return json.loads(found.group(1).replace("<\\/", "</"))


@pytest.mark.parametrize("path, module", [("assessments.md", "hb-assessments"), ("report.md", "hb-report")])
def test_each_workspace_page_is_a_shell_with_data_and_links(minimal_content, path, module):
    page = build_site(minimal_content).pages[path]
    assert f'data-module="{module}"' in page
    assert 'class="hb-needs-js"' in page  # what a reader without JavaScript is told
    assert '[Tool 1: Demo Tool](demo/tool-01.md){ data-hb-page="demo/tool-01" }' in page
    data = _data(page)
    [pub] = data["publications"]
    assert pub["id"] == "demo" and pub["citation"] and pub["licence"]["name"] and pub["edition"]
    assert [p["id"] for p in pub["pages"]] == ["tool-01"]
    assert [i["id"] for i in pub["items"]] == ["t1-q01"]
    assert data["kinds"]["yes-no"] == {"yes": "Yes", "no": "No"}


def test_the_data_cannot_close_its_script_early(minimal_content):
    tool = minimal_content / "demo" / "tool-01.yml"
    tool.write_text(tool.read_text(encoding="utf-8").replace("First question?", "First </script> question?"),
                    encoding="utf-8")
    page = build_site(minimal_content).pages["report.md"]
    assert page.count("</script>") == 1
    assert _data(page)["publications"][0]["items"][0]["text"] == "First </script> question?"


@pytest.mark.parametrize("markdown, text", [
    ("See [Tool 2](ref:tool-02) and *this*.", "See Tool 2 and this."),
    ("Number of **policies**.[^40]", "Number of policies."),
    ("snake_case_word stays", "snake_case_word stays"),
    ("two\n\nparagraphs", "two paragraphs"),
])
def test_plain_text_of_an_items_wording(markdown, text):
    assert plain(markdown) == text
