"""What changed between editions: the comparison of two manifests, the word diff, and the pages built with a history."""
from __future__ import annotations

import markdown

from handbook import build_site
from handbook.changes import Change, compare, past, word_diff
from handbook.editions import Edition
from handbook.model import text_hash
from handbook.nav import navigation


def _item(iid, text="Question?", page="tool-01", section="Questions", retired=False, number="1."):
    return {"id": iid, "page": page, "heading": f"Tool {page[-1]}", "section": section, "number": number,
            "kind": "yes-no", "text": text, "hash": text_hash(text), "retired": retired, "same_as": None}


def _manifest(*items):
    return {"format": 3, "publication": "demo", "items": list(items)}


def test_compare_lists_added_changed_retired_and_moved_items():
    before = _manifest(_item("a"), _item("b", "Old wording?"), _item("c"), _item("d", section="First"),
                       _item("e", "Was this?", section="First"), _item("f"))
    after = _manifest(_item("a"), _item("b", "New wording?"), _item("c", retired=True),
                      _item("d", section="Second"), _item("e", "Is this?", page="tool-02"), _item("f"), _item("g"))
    found = [(c.kind, c.item["id"]) for c in compare(before, after)]
    # In the current manifest's order; an item both reworded and moved is listed under both.
    assert found == [("changed", "b"), ("retired", "c"), ("moved", "d"), ("changed", "e"), ("moved", "e"),
                     ("added", "g")]
    changed = compare(before, after)[0]
    assert changed == Change("changed", after["items"][1], before["items"][1])


def test_compare_leaves_out_what_was_retired_already_and_counts_a_returning_item_as_added():
    before = _manifest(_item("a", retired=True), _item("b", retired=True))
    after = _manifest(_item("a", retired=True), _item("b"), _item("c", retired=True))
    assert [(c.kind, c.item["id"]) for c in compare(before, after)] == [("added", "b")]


def test_word_diff_marks_removed_and_added_words_and_keeps_markup_as_text():
    diff = word_diff("Do <b>migrants</b> & *refugees* count?", "Do migrants & *refugees* [count](x)?")
    assert "<b>" not in diff
    html = markdown.markdown(diff)
    assert '<del><span class="hb-visually-hidden">removed: </span>&lt;b&gt;migrants&lt;/b&gt;</del>' in html
    assert '<ins><span class="hb-visually-hidden">added: </span>migrants</ins>' in html
    # Markdown's marks in a wording stay as written: no emphasis, no link.
    assert "&amp; *refugees*" in html and "<em>" not in html and "<a " not in html
    assert "[count](x)?" in html
    assert word_diff("Same words here.", "Same words here.") == "Same words here."


def test_past_marks_new_items_and_gathers_every_earlier_wording_with_its_editions():
    current = _manifest(_item("a", "Third wording?"), _item("b"), _item("c"))
    history = [Edition("2021", "2021", {"demo": _manifest(_item("a", "First wording?"))}),
               Edition("2022", "2022", {"demo": _manifest(_item("a", "Second wording?"), _item("b"))}),
               Edition("2023", "2023", {"demo": _manifest(_item("a", "Second wording?"), _item("b"))})]
    seen = past("demo", history, current)
    assert seen.new == {"c"}
    assert seen.earlier == {"a": ((text_hash("First wording?"), "First wording?", ("2021",)),
                                  (text_hash("Second wording?"), "Second wording?", ("2022", "2023")))}
    assert past("demo", [], current).new == set() and past("other", history, current).new == set()


def _history(*items):
    return [Edition("2021", "2021", {"demo": _manifest(*items)})]


def test_a_build_with_history_marks_new_items_and_carries_earlier_wordings(minimal_content):
    old = "First <i>question</i> as asked before?"
    site = build_site(minimal_content, _history(_item("t1-q01", old)))
    page = site.pages["demo/tool-01.md"]
    assert '<details class="hb-earlier" data-search-exclude="">' in page
    assert f'data-hash="{text_hash(old)}" hidden' in page
    assert "First &lt;i&gt;question&lt;/i&gt; as asked before?" in page and "<i>" not in page
    assert "The wording you answered (edition 2021)" in page
    assert "New in this edition" not in page
    report = site.pages["report.md"]
    assert f'"earlier":{{"{text_hash(old)}":"First \\u003ci>question\\u003c/i> as asked before?"}}' in report

    # An edition that held only a second question (every id published before must still be there: editions.py).
    tool = minimal_content / "demo" / "tool-01.yml"
    tool.write_text(tool.read_text(encoding="utf-8") + "      - {id: t1-q02, kind: yes-no, text: Second?}\n",
                    encoding="utf-8")
    fresh = build_site(minimal_content, _history(_item("t1-q02", "Second?")))
    assert '<span class="hb-item__new" data-search-exclude="">New in this edition</span>' in fresh.pages[
        "demo/tool-01.md"]
    assert "hb-earlier" not in fresh.pages["demo/tool-01.md"] and '"earlier"' not in fresh.pages["report.md"]


def test_the_what_changed_page_is_built_and_listed_only_with_history(minimal_content):
    site = build_site(minimal_content, _history(_item("t1-q01", "First question, as asked before?")))
    page = site.pages["demo/what-changed.md"]
    assert page.startswith('---\ntitle: "What changed in this edition"\npublication: "demo"\n---\n')
    assert "- Changed: 1 item\n" in page and "- Added: 0 items\n" in page
    assert "### Changed (1)" in page and "[Item t1-q01](tool-01.md#t1-q01)" in page
    assert "<del>" in page and "<ins>" in page
    nav = navigation(site.publications, ["index.md"], site.pages)
    assert nav[1]["Demo Publication"][-1] == {"What changed in this edition": "demo/what-changed.md"}

    plain = build_site(minimal_content)
    assert "demo/what-changed.md" not in plain.pages
    assert "What changed in this edition" not in str(navigation(plain.publications, ["index.md"], plain.pages))
    assert "hb-earlier" not in plain.pages["demo/tool-01.md"] and "New in this edition" not in plain.pages[
        "demo/tool-01.md"]


def test_a_publication_the_previous_edition_did_not_have_has_nothing_to_compare(minimal_content):
    site = build_site(minimal_content, [Edition("2021", "2021", {})])  # an edition without this publication
    assert "first published in this edition" in site.pages["demo/what-changed.md"]
    assert "New in this edition" not in site.pages["demo/tool-01.md"]
