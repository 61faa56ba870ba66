"""Earlier editions read from the folder make edition fills from gh-pages: oldest first, the one rebuilt left out."""
from __future__ import annotations

import json

import pytest

from handbook import ContentError
from handbook.editions import load_editions


def _publish(folder, versions):
    folder.mkdir(exist_ok=True)
    (folder / "versions.json").write_text(json.dumps(
        [{"version": v, "title": v, "aliases": ["latest"] if i == 0 else []} for i, v in enumerate(versions)]))
    for v in versions:
        (folder / v / "demo").mkdir(parents=True)
        (folder / v / "demo" / "items.json").write_text(json.dumps({"publication": "demo", "items": [{"id": v}]}))


def test_editions_come_oldest_first_without_the_one_being_built(tmp_path):
    _publish(tmp_path / "ed", ["2024", "2023", "2022"])  # mike lists the newest first
    editions = load_editions(tmp_path / "ed", current="2024")
    assert [e.version for e in editions] == ["2022", "2023"]
    assert editions[-1].manifests["demo"]["items"] == [{"id": "2023"}]


def test_no_folder_no_history():
    assert load_editions(None) == [] and load_editions("") == []


def test_an_unreadable_list_names_its_file(tmp_path):
    (tmp_path / "versions.json").write_text("{not json")
    with pytest.raises(ContentError, match=r"versions\.json:1:1: cannot be read as mike's list"):
        load_editions(tmp_path)
    (tmp_path / "versions.json").unlink()
    with pytest.raises(ContentError, match=r"versions\.json:1:1: missing.*HANDBOOK_EDITIONS"):
        load_editions(tmp_path)


# The build against the edition published before it: ids stay (retired, not deleted) and keep their question.

from handbook import build_site  # noqa: E402
from handbook.editions import Edition, check_history, shared_words  # noqa: E402
from handbook.load import load_content  # noqa: E402
from handbook.manifest import manifest  # noqa: E402


def _previous(content, **changes):
    """The edition "2022" as published from ``content``, with items changed as ``changes`` says ({id: {...}})."""
    pub = load_content(content)["demo"]
    man = manifest(pub)
    man["items"] = [{**i, **changes.get(i["id"], {})} for i in man["items"]]
    man["items"] += [dict(i) for k, i in changes.items() if k.startswith("+")]
    return Edition("2022", "2022", {"demo": man})


def _tool(content, items):
    (content / "demo" / "tool-01.yml").write_text(
        "kind: tool\nid: tool-01\nnumber: 1\ntitle: Demo Tool\nwhy: Why.\nwhen: When.\nhow: How.\nsections:\n"
        "  - title: Questions\n    id: t1-questions\n    items:\n" + items, encoding="utf-8")


def _messages(content, previous):
    with pytest.raises(ContentError) as info:
        build_site(content, [previous])
    return [str(p) for p in info.value.problems]


def test_an_unchanged_edition_passes(minimal_content):
    previous = _previous(minimal_content)
    assert check_history(load_content(minimal_content), previous) == []
    assert build_site(minimal_content, [previous]).history == (previous,)


def test_a_dropped_id_names_the_page_and_asks_to_retire_it(minimal_content):
    _tool(minimal_content, "      - id: t1-q01\n        kind: yes-no\n        text: First question?\n")
    previous = _previous(minimal_content, **{"+": {"id": "t1-q09", "page": "tool-01", "kind": "yes-no",
                                                   "text": "Is the dropped question here?"}})
    problems = _messages(minimal_content, previous)
    assert problems == ["content/demo/tool-01.yml:8:1: item 't1-q09' (“Is the dropped question here?”) was "
                        "published in edition 2022 and is missing: readers' answers are kept by its id; add it "
                        "back to this page with `retired: true` (never delete an item)"]


def test_a_dropped_id_kept_as_retired_passes(minimal_content):
    _tool(minimal_content, "      - id: t1-q01\n        kind: yes-no\n        text: First question?\n"
                           "      - id: t1-q09\n        kind: yes-no\n        retired: true\n"
                           "        text: Is the dropped question here?\n")
    previous = _previous(minimal_content)
    assert check_history(load_content(minimal_content), previous) == []


def test_a_dropped_page_names_the_contents(minimal_content):
    previous = _previous(minimal_content, **{"+": {"id": "t7-q01", "page": "tool-07", "kind": "tick",
                                                   "text": "Police"}})
    (problem,) = _messages(minimal_content, previous)
    assert problem.startswith("content/demo/publication.yml:")
    assert "item 't7-q01' (“Police”)" in problem and "its page 'tool-07' is gone" in problem


def test_an_id_given_another_kind_is_refused_at_its_line(minimal_content):
    previous = _previous(minimal_content)
    _tool(minimal_content, "      - id: t1-q01\n        kind: yes-no-na\n        text: First question?\n")
    problems = _messages(minimal_content, previous)
    assert problems == ["content/demo/tool-01.yml:12:13: id 't1-q01' was a yes-no item in edition 2022 and is "
                        "now yes-no-na: stored answers would not fit; keep kind: yes-no, or retire this item "
                        "(`retired: true`) and give the new one a new id"]


def test_a_reworded_question_passes_another_question_does_not(minimal_content):
    previous = _previous(minimal_content, **{"t1-q01": {
        "text": "Has the project assessed the security risks that migrants face at the border?"}})
    _tool(minimal_content, "      - id: t1-q01\n        kind: yes-no\n        text: >-\n"
                           "          Did the project assess which risks migrants meet at borders?\n")
    assert check_history(load_content(minimal_content), previous) == []
    _tool(minimal_content, "      - id: t1-q01\n        kind: yes-no\n        text: Is a budget line set aside for "
                           "staff training?\n")
    (problem,) = _messages(minimal_content, previous)
    assert problem.startswith("content/demo/tool-01.yml:12:13: id 't1-q01' asked “Has the project assessed")
    assert "add `same_question: true`" in problem
    _tool(minimal_content, "      - id: t1-q01\n        kind: yes-no\n        same_question: true\n"
                           "        text: Is a budget line set aside for staff training?\n")
    assert check_history(load_content(minimal_content), previous) == []


def test_shared_words_ignores_common_words_and_case():
    assert shared_words("Is the plan shared?", "Was THE plan shared with partners?") == 1.0
    assert shared_words("Is the plan shared?", "Are the funds audited?") == 0.0
    assert shared_words("", "") == 1.0


def test_a_missing_publication_is_named(minimal_content):
    previous = Edition("2022", "2022", {"other": {"publication": "other", "items": []}})
    (problem,) = _messages(minimal_content, previous)
    assert problem.startswith("content/other/publication.yml:1:1: publication 'other' was published in edition "
                              "2022 but is missing")
