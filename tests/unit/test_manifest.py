"""The manifest items.json: each item with its page, heading and tie, and what each page's progress counts."""
from __future__ import annotations

import json
import re

from handbook import build_site


def test_manifest_names_each_items_page_and_heading(minimal_content):
    manifest = json.loads(build_site(minimal_content).manifests["demo/items.json"])
    assert manifest["format"] == 3
    [item] = manifest["items"]
    assert re.fullmatch(r"[0-9a-f]{12}", item.pop("hash"))
    assert item == {"id": "t1-q01", "page": "tool-01", "heading": "Tool 1: Demo Tool", "section": "Questions",
                    "number": "", "kind": "yes-no", "text": "First question?", "retired": False, "same_as": None}
    assert manifest["progress"] == {"tool-01": {"questions": ["t1-q01"], "selections": []}}


def test_manifest_records_ties_and_counts_a_tied_question_once(minimal_content):
    tool = minimal_content / "demo" / "tool-01.yml"
    tool.write_text(tool.read_text(encoding="utf-8") + (
        "      - {id: t1-q02, kind: yes-no, same_as: t1-q01, text: First question?}\n"
        "      - {id: t1-pick, kind: tick, text: A pick}\n"
        "      - {id: t1-notes, kind: text, text: Closing notes}\n"), encoding="utf-8")
    manifest = json.loads(build_site(minimal_content).manifests["demo/items.json"])
    assert [(i["id"], i["same_as"]) for i in manifest["items"]] == [
        ("t1-q01", None), ("t1-q02", "t1-q01"), ("t1-pick", None), ("t1-notes", None)]
    assert manifest["progress"]["tool-01"] == {"questions": ["t1-q01"], "selections": ["t1-pick"]}
