"""Rendering: the model becomes Markdown with native, labelled answer controls; content HTML stays text."""
from __future__ import annotations

import os
import re
from pathlib import Path

from handbook import load_content, render_index, render_item, render_page
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


def _page(*items, noun=()):
    from handbook.model import Page, Section
    return Page(kind="tool", id="x", title="X", number="99", sections=(Section(items=items),), selection_noun=noun)


def test_progress_counts_questions_and_leaves_out_retired_items_and_closing_notes():
    pub = load_content(ROOT / "content")["security-toolkit"]
    md = render_page(pub, _page(Item(id="x-q01", kind="yes-no", text="Kept?"),
                                Item(id="x-q02", kind="yes-no", text="Old?", retired=True),
                                Item(id="x-q03", kind="text", text="Note")))
    assert 'data-module="hb-progress" data-items="x-q01" hidden>' in md
    assert "0 of 1 answered" in md and '<progress max="1"' in md


def test_progress_rule_by_kind():
    from handbook.progress import Counted, counted
    asked = [Item(id=f"x-{k}", kind=k, text="Q?") for k in ("yes-no", "yes-no-na", "low-medium-high", "roles")]
    assert counted(_page(*asked, Item(id="x-note", kind="text", text="Notes"))) == Counted(
        questions=tuple(i.id for i in asked))
    # A text prompt the publication numbers is a question beside the others; an unnumbered one is a closing note.
    assert counted(_page(asked[0], Item(id="x-t", kind="text", text="What?", number="1."),
                         Item(id="x-n", kind="text", text="Notes"))) == Counted(questions=("x-yes-no", "x-t"))
    # On a page of text prompts only, the prompts are the questions.
    assert counted(_page(Item(id="x-a", kind="text", text="A?"), Item(id="x-b", kind="text", text="B?"))) == \
        Counted(questions=("x-a", "x-b"))
    # Ticks are selections; a tied item counts once, under its first item's id.
    assert counted(_page(Item(id="x-t1", kind="tick", text="A"), Item(id="x-q1", kind="yes-no", text="Q?"),
                         Item(id="x-q2", kind="yes-no", text="Q?", same_as="x-q1"))) == \
        Counted(questions=("x-q1",), selections=("x-t1",))
    assert not counted(_page(Item(id="x-old", kind="tick", text="A", retired=True)))


def test_a_page_of_selections_shows_what_it_selects():
    pub = load_content(ROOT / "content")["security-toolkit"]
    md = render_page(pub, _page(Item(id="x-t1", kind="tick", text="A"), Item(id="x-t2", kind="tick", text="B"),
                                Item(id="x-n", kind="text", text="Notes"), noun=("indicator", "indicators")))
    assert ('<div class="hb-progress" data-module="hb-progress" data-items="" data-selections="x-t1 x-t2" '
            'data-noun-one="indicator" data-noun-other="indicators" hidden>'
            '<p class="hb-progress__text" role="status">0 indicators selected</p></div>') in md


def test_overview_rows_and_the_overall_counter_use_the_pages_lists():
    from handbook.render import render_index
    pub = load_content(ROOT / "content")["security-toolkit"]
    md = render_index(pub)
    nine = re.search(r"- \[Tool 9: .*", md).group(0)
    assert "(13 questions)" in nine and "t9-q08" not in nine and "t9-notes" not in nine
    eight = re.search(r"- \[Tool 8: .*", md).group(0)
    assert '(31 indicators to choose from) <span class="hb-tool-progress" data-module="hb-tool-progress" ' \
           'data-items="" data-selections="t8-1-1-a' in eight
    overall = re.search(r'<p class="hb-overall">.*', md).group(0)
    assert overall.count("t9-q02") == 1 and "t9-q08" not in overall and "t8-1-1-a" in overall


def test_a_tied_item_shows_and_stores_its_first_items_answer():
    pub = load_content(ROOT / "content")["security-toolkit"]
    md = render_page(pub, pub.pages["tool-09"])
    q8 = md[md.index('<fieldset id="t9-q08"'):]
    q8 = q8[:q8.index("</fieldset>")]
    q2 = pub.pages["tool-09"].sections[0].items[1]
    assert f'data-item="t9-q02" data-kind="yes-no-na" data-hash="{q2.text_hash}"' in q8
    assert 'name="t9-q08"' in q8 and 'name="t9-q02"' not in q8  # radios of their own: one group each
    assert "Same question as [question 2](#t9-q02): your answer there is shown here." in q8
    assert 'id="hb-t9-q08-note" name="t9-q08-note"' in q8


def test_a_tie_to_another_page_links_there():
    first = Item(id="t9-q02", kind="yes-no-na", number="2.", text="Q?")
    from handbook.model import Page
    md = render_item(Item(id="x-q1", kind="yes-no-na", text="Q?", same_as="t9-q02"), first,
                     Page(kind="tool", id="tool-09", title="Project Design Checklist", number="9"))
    assert "Same question as [question 2 in Tool 9: Project Design Checklist](tool-09.md#t9-q02)" in md


def test_every_kind_but_text_takes_a_note_and_a_flag_in_a_disclosure():
    for kind in ("tick", "yes-no", "yes-no-na", "low-medium-high", "roles"):
        md = render_item(Item(id="x-q01", kind=kind, number="4.", text="Is *this* [^3] <b>it</b>?"))
        assert md.rstrip().endswith(
            '<details class="hb-note"><summary><span class="hb-note__action">Add a note</span><span '
            'class="hb-visually-hidden"> on 4. Is this &lt;b&gt;it&lt;/b&gt;?</span></summary><textarea '
            'id="hb-x-q01-note" name="x-q01-note" rows="3" maxlength="100000" aria-label="Note on 4. Is this '
            '&lt;b&gt;it&lt;/b&gt;?">'
            '</textarea><label class="hb-flag"><input type="checkbox" class="hb-flag__box" id="hb-x-q01-flag" '
            'name="x-q01-flag" value="yes"> Something must be done<span class="hb-visually-hidden"> about 4. Is this '
            '&lt;b&gt;it&lt;/b&gt;?</span></label></details>\n'
            + ("</div>" if kind == "tick" else "</fieldset>")), kind
    assert "hb-note" not in render_item(Item(id="x-q01", kind="text", text="Notes"))


def test_every_field_holds_no_more_than_an_export_carries():
    """A note or text answer longer than the importer takes would leave in an export that cannot come back."""
    from handbook.exchange import MAX_TEXT
    for kind in ("text", "yes-no"):
        assert f'rows="3" maxlength="{MAX_TEXT}"' in render_item(Item(id="x-q01", kind=kind, text="Q?"))


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


def test_overview_names_a_group_opened_by_its_own_page_once():
    md = render_index(load_content(ROOT / "content")["security-toolkit"])
    assert "## [Section 2: Tools](section-2/index.md)" in md and "- [Section 2: Tools]" not in md
    assert "## Annexes" in md and "- [Annex I:" in md
