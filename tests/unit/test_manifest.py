"""The manifest items.json: each item with the id of its page and the page's heading, under format 2."""
from __future__ import annotations

import json
import re

from handbook import build_site


def test_manifest_names_each_items_page_and_heading(minimal_content):
    manifest = json.loads(build_site(minimal_content).manifests["demo/items.json"])
    assert manifest["format"] == 2
    [item] = manifest["items"]
    assert re.fullmatch(r"[0-9a-f]{12}", item.pop("hash"))
    assert item == {"id": "t1-q01", "page": "tool-01", "heading": "Tool 1: Demo Tool", "section": "Questions",
                    "number": "", "kind": "yes-no", "text": "First question?", "retired": False}
