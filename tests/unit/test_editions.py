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
