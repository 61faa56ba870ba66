"""The build manifest ``<publication>/items.json``: every answerable item of a publication.

Read by the tests today, and by export and import of answers, the report and new editions when they come
(the pages themselves carry what the client script needs).
"""
from __future__ import annotations

import json

from . import model as m

#: Bumped when the manifest's shape changes (2: ``page`` holds the page id, ``heading`` its heading).
FORMAT = 2


def manifest(pub: m.Publication) -> dict:
    """Return the manifest of ``pub``: its edition and every item with id, page, heading, section, kind, text, hash."""
    items = []
    for page in pub.ordered_pages:
        for section, item in page.walk_items():
            items.append({
                "id": item.id, "page": page.id, "heading": page.heading, "section": section.title,
                "number": item.number, "kind": item.kind, "text": item.text, "hash": item.text_hash,
                "retired": item.retired,
            })
    return {"format": FORMAT, "publication": pub.id, "title": pub.title, "edition": pub.edition, "items": items}


def manifest_json(pub: m.Publication) -> str:
    """Return the manifest of ``pub`` as compact JSON text."""
    return json.dumps(manifest(pub), ensure_ascii=False, separators=(",", ":"))
