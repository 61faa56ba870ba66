"""Rendering: the model becomes Markdown with native, labelled answer controls; content HTML stays text."""
from __future__ import annotations

import os
from pathlib import Path

from handbook import load_content, render_item, render_page
from handbook.model import Item

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "tool-09.md"


def _tool9() -> str:
    pub = load_content(ROOT / "content")["security-toolkit"]
    return render_page(pub, pub.pages["tool-09"])


def test_tool9_matches_golden_markdown():
    # To accept an intended change: HANDBOOK_UPDATE_GOLDEN=1 pytest tests/unit/test_render.py, then review the diff.
    if os.environ.get("HANDBOOK_UPDATE_GOLDEN"):
        GOLDEN.write_text(_tool9(), encoding="utf-8")
    assert _tool9() == GOLDEN.read_text(encoding="utf-8")


def test_html_in_text_is_escaped_never_markup():
    md = render_item(Item(id="x-q01", kind="yes-no", text='<script>alert(1)</script> & <b>bold</b>'))
    assert "<script>" not in md and "<b>" not in md
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;" in md


def test_each_kind_has_its_visible_choices():
    labels = {"yes-no": ["Yes", "No"], "yes-no-na": ["Yes", "No", "N/A"],
              "low-medium-high": ["Low", "Medium", "High"], "roles": ["Consult", "Partner", "Beneficiary"]}
    for kind, words in labels.items():
        md = render_item(Item(id="x-q01", kind=kind, text="Question?"))
        assert [w for w in words if f"> {w}</label>" in md] == words, kind
    assert '<input type="checkbox" id="hb-x-q01"' in render_item(Item(id="x-q01", kind="tick", text="Pick"))
    assert '<textarea id="hb-x-q01" name="x-q01"' in render_item(Item(id="x-q01", kind="text", text="Note"))


def test_ref_links_become_relative_page_links():
    from handbook.render import text
    assert text("go to the [Situation Analysis Tool](ref:tool-02)") == "go to the [Situation Analysis Tool](tool-02.md)"
    assert text("[q](ref:tool-09#t9-q01)") == "[q](tool-09.md#t9-q01)"


def test_retired_item_keeps_its_controls_and_says_so():
    md = render_item(Item(id="x-q01", kind="yes-no", text="Old question?", retired=True))
    assert "hb-item--retired" in md and 'name="x-q01"' in md
    assert "no longer in the current edition" in md


def test_progress_lists_the_answerable_items_and_leaves_out_retired_ones():
    from handbook.model import Page, Section
    pub = load_content(ROOT / "content")["security-toolkit"]
    items = (Item(id="x-q01", kind="yes-no", text="Kept?"), Item(id="x-q02", kind="yes-no", text="Old?", retired=True),
             Item(id="x-q03", kind="text", text="Note"))
    md = render_page(pub, Page(kind="tool", id="x", title="X", number="99", sections=(Section(items=items),)))
    assert 'data-module="hb-progress" data-items="x-q01 x-q03"' in md
    assert "0 of 2 answered" in md


def test_text_hash_ignores_spacing_but_not_wording():
    from handbook.model import text_hash
    assert text_hash("Is  migration\nconsidered?") == text_hash("Is migration considered?")
    assert text_hash("Is migration considered?") != text_hash("Was migration considered?")


def test_tick_label_renders_its_markdown_and_keeps_no_markdown_attribute():
    import markdown
    md = render_item(Item(id="x-q01", kind="tick", number="1.", text="Ask *which* [group](other.md).[^4]"))
    html = markdown.markdown(md + "\n[^4]: A note.\n", extensions=["md_in_html", "footnotes"])
    label = html[html.index('<label for="hb-x-q01"'):html.index("</label>")]
    assert "<em>which</em>" in label and '<a href="other.md">group</a>' in label and 'href="#fn:4"' in label
    assert "markdown=" not in html
