"""The build manifest ``<publication>/items.json``: every answerable item, read by the client and tests."""
from __future__ import annotations

import json

from . import model as m

#: Bumped when the manifest's shape changes.
FORMAT = 1


def manifest(pub: m.Publication) -> dict:
    """Return the manifest of ``pub``: its edition and every item with id, page, section, kind, text and hash."""
    items = []
    for page in pub.ordered_pages:
        for section, item in page.walk_items():
            items.append({
                "id": item.id, "tool": page.id, "page": page.heading, "section": section.title,
                "number": item.number, "kind": item.kind, "text": item.text, "hash": item.text_hash,
                "retired": item.retired,
            })
    return {"format": FORMAT, "publication": pub.id, "title": pub.title, "edition": pub.edition, "items": items}


def manifest_json(pub: m.Publication) -> str:
    """Return the manifest of ``pub`` as compact JSON text."""
    return json.dumps(manifest(pub), ensure_ascii=False, separators=(",", ":"))
