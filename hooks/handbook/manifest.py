"""The build manifest ``<publication>/items.json``: every answerable item of a publication.

Read by the tests today, and by export and import of answers, the report and new editions when they come
(the pages themselves carry what the client script needs).
"""
from __future__ import annotations

import json

from . import model as m
from .progress import counted

#: Bumped when the manifest's shape changes (2: ``page`` holds the page id, ``heading`` its heading; 3: each item's
#: ``same_as``, and ``progress``: what each page counts).
FORMAT = 3


def manifest(pub: m.Publication) -> dict:
    """Return the manifest of ``pub``: its edition, every item (id, page, heading, section, kind, text, hash, tie)
    and, by page, the answer ids its progress counts as questions and as selections (as the pages list them)."""
    items, progress = [], {}
    for page in pub.ordered_pages:
        for section, item in page.walk_items():
            items.append({
                "id": item.id, "page": page.id, "heading": page.heading, "section": section.title,
                "number": item.number, "kind": item.kind, "text": item.text, "hash": item.text_hash,
                "retired": item.retired, "same_as": item.same_as or None,
            })
        found = counted(page)
        if found:
            progress[page.id] = {"questions": list(found.questions), "selections": list(found.selections)}
    return {"format": FORMAT, "publication": pub.id, "title": pub.title, "edition": pub.edition, "items": items,
            "progress": progress}


def manifest_json(data: dict) -> str:
    """Return a manifest (``manifest(pub)``) as compact JSON text."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
