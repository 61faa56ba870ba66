"""The workspace pages (My assessments, Report, Compare rounds): shells with the publications' data and links to every tool."""
from __future__ import annotations

import json
import re

import pytest

from handbook import build_site
from handbook.workspace import plain


def _data(markdown: str) -> dict:
    found = re.search(r'<script type="application/json" id="hb-data">(.*?)</script>', markdown, re.S)
    return json.loads(found.group(1))


@pytest.mark.parametrize("path, module", [("assessments.md", "hb-assessments"), ("report.md", "hb-report"),
                                          ("compare.md", "hb-compare")])
def test_each_workspace_page_is_a_shell_with_data_and_links(minimal_content, path, module):
    page = build_site(minimal_content).pages[path]
    assert f'data-module="{module}"' in page
    assert 'class="hb-needs-js" data-search-exclude' in page  # told to a reader without JavaScript; not searched
    assert '[Tool 1: Demo Tool](demo/tool-01.md){ data-hb-page="demo/tool-01" }' in page
    # The client links between the workspace's pages through links the build resolves (any URL style).
    for other in ("assessments", "report", "compare"):
        assert f'({other}.md){{ data-hb-to="{other}" }}' in page
    data = _data(page)
    [pub] = data["publications"]
    assert pub["id"] == "demo" and pub["citation"] and pub["licence"]["name"] and pub["edition"]
    assert [p["id"] for p in pub["pages"]] == ["tool-01"]
    assert [i["id"] for i in pub["items"]] == ["t1-q01"]
    assert data["kinds"]["yes-no"] == {"yes": "Yes", "no": "No"}


@pytest.mark.parametrize("wording", ["First </script> question?", "First <!--<script> question?"])
def test_the_data_cannot_end_or_bend_its_script(minimal_content, wording):
    """Neither a closing tag nor "<!--" before "<script" (which keeps the element open past its end tag) in a
    wording reaches the HTML parser: no "<" is left inside the data."""
    tool = minimal_content / "demo" / "tool-01.yml"
    tool.write_text(tool.read_text(encoding="utf-8").replace("First question?", wording), encoding="utf-8")
    page = build_site(minimal_content).pages["report.md"]
    block = re.search(r'id="hb-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block and page.count("</script>") == 1
    assert _data(page)["publications"][0]["items"][0]["text"] == wording


@pytest.mark.parametrize("markdown, text", [
    ("See [Tool 2](ref:tool-02) and *this*.", "See Tool 2 and this."),
    ("Number of **policies**.[^40]", "Number of policies."),
    ("snake_case_word stays", "snake_case_word stays"),
    ("two\n\nparagraphs", "two paragraphs"),
])
def test_plain_text_of_an_items_wording(markdown, text):
    assert plain(markdown) == text


def test_the_report_and_the_comparison_open_with_the_assessment_switcher(minimal_content):
    pages = build_site(minimal_content).pages
    for path in ("report.md", "compare.md"):
        assert 'data-module="hb-assessment"' in pages[path]
        assert "[My assessments](assessments.md)" in pages[path]
    assert 'data-module="hb-assessment"' not in pages["assessments.md"]  # its list shows and switches the active one


def test_a_publication_cannot_take_the_address_of_a_workspace_page(minimal_content):
    from handbook import ContentError
    (minimal_content / "demo").rename(minimal_content / "report")
    publication = minimal_content / "report" / "publication.yml"
    publication.write_text(publication.read_text(encoding="utf-8").replace("id: demo", "id: report"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"report/publication\.yml:\d+:\d+: 'report' is the address of one of the "
                                           r"handbook's own pages"):
        build_site(minimal_content)


def test_rounds_load_where_they_are_listed_saved_or_compared(minimal_content):
    """rounds.js (HB.rounds) is brought to My assessments and the report by a root of its own; the comparison is its
    component."""
    pages = build_site(minimal_content).pages
    for path in ("assessments.md", "report.md"):
        assert 'data-module="hb-rounds" data-hb-script="rounds"' in pages[path]
    assert 'data-module="hb-compare" data-hb-script="rounds"' in pages["compare.md"]
    assert "[My assessments](assessments.md)" in pages["compare.md"].split("# Compare rounds")[1].split("\n\n")[1]


def test_a_publication_cannot_take_the_address_of_the_comparison(minimal_content):
    from handbook import ContentError
    (minimal_content / "demo").rename(minimal_content / "compare")
    publication = minimal_content / "compare" / "publication.yml"
    publication.write_text(publication.read_text(encoding="utf-8").replace("id: demo", "id: compare"), encoding="utf-8")
    with pytest.raises(ContentError, match=r"'compare' is the address of one of the handbook's own pages"):
        build_site(minimal_content)
