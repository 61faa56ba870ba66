"""Earlier editions: what the handbook published before, read from the manifests kept with the published editions.

An edition is one publishing of the whole handbook (``make edition VERSION=…``, with mike). Each published edition
keeps every publication's ``<publication>/items.json`` (``manifest.py``), so a later build can tell what changed: ids
that disappeared or were reused (``validate``), the "What changed" page, items new in this edition, and the earlier
wordings readers may have answered.

The earlier editions are handed to the build as a folder (``HANDBOOK_EDITIONS``, filled by ``scripts/edition.py``
from the ``gh-pages`` branch): mike's ``versions.json`` (newest first: ``[{"version", "title", "aliases"}]``) and,
for each version, ``<version>/<publication>/items.json``. No folder, no history: a first edition, or a development
build.
"""
from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, Problem


@dataclass(frozen=True)
class Edition:
    """One published edition: its version, its title, and each publication's manifest (``items.json``) by id."""

    version: str
    title: str
    manifests: dict[str, dict] = field(default_factory=dict)


def load_editions(folder: Path | str | None, current: str = "") -> list[Edition]:
    """Return the editions published in ``folder``, oldest first, leaving out the version ``current`` (the edition
    being built again); raise ContentError naming the file when one cannot be read."""
    if not folder:
        return []
    folder = Path(folder)
    versions_file = folder / "versions.json"
    versions = _read_json(versions_file, "mike's list of published versions")
    if not isinstance(versions, list) or not all(isinstance(v, dict) and isinstance(v.get("version"), str)
                                                 for v in versions):
        raise ContentError([Problem(str(versions_file), 1, 1, "not a list of {\"version\": …} entries as mike "
                                    "writes it; publish editions with `make edition`")])
    out = []
    for entry in reversed(versions):
        version = entry["version"]
        if version == current:
            continue
        manifests = {}
        for path in sorted((folder / version).glob("*/items.json")):
            manifest = _read_json(path, "an edition's item manifest")
            manifests[manifest.get("publication", path.parent.name)] = manifest
        out.append(Edition(version, str(entry.get("title") or version), manifests))
    return out


def _read_json(path: Path, what: str):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError([Problem(str(path), 1, 1, f"missing: {what} is expected here; point HANDBOOK_EDITIONS "
                                    "at a folder made by scripts/edition.py, or unset it")]) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContentError([Problem(str(path), 1, 1, f"cannot be read as {what} ({exc})")]) from None


#: Words too common to tell two questions apart; left out when wordings are compared.
_COMMON = frozenset("""a an and are as at be been by can could do does for from has have how in into is it its may
of on or should that the their there these this those to was were what when where which who will with within would
""".split())
#: A wording whose words (less the common ones) are less than this share of the other's is another question.
SAME_WORDS = 0.25


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[^\W_]+", text.lower()) if w not in _COMMON}


def shared_words(old: str, new: str) -> float:
    """Return the share of the shorter wording's words (less very common ones) that the other wording also has."""
    a, b = _words(old), _words(new)
    if not a or not b:
        return 1.0 if a == b else 0.0
    return len(a & b) / min(len(a), len(b))


def check_history(publications: dict, previous: Edition) -> list[Problem]:
    """Return the problems of this edition against the one published before it: an item id of that edition that
    is gone (it must stay, with ``retired: true``), or an id now asking another question (its answers would not
    fit): another answer kind, or a wording sharing less than a quarter of its words with the one published,
    unless the item says ``same_question: true``."""
    problems = []
    for pub_id, manifest in previous.manifests.items():
        pub = publications.get(pub_id)
        if pub is None:
            problems.append(Problem(f"content/{pub_id}/publication.yml", 1, 1, f"publication '{pub_id}' was "
                                    f"published in edition {previous.version} but is missing; restore its folder "
                                    f"content/{pub_id}/ (readers' answers are kept by its items' ids)"))
            continue
        items = pub.items
        for old in manifest.get("items", ()):
            item_id, was = old.get("id"), f"in edition {previous.version}"
            if not isinstance(item_id, str):
                continue
            if item_id not in items:
                page = old.get("page", "")
                if page in pub.page_where:
                    path, line, col = pub.page_where[page]
                    where = "this page"
                else:
                    path, line, col = pub.page_where["publication"]
                    where = f"a page (its page '{page}' is gone)"
                problems.append(Problem(path, line, col, f"item '{item_id}' ({_quote(old.get('text', ''))}) was "
                                        f"published {was} and is missing: readers' answers are kept by its id; add "
                                        f"it back to {where} with `retired: true` (never delete an item)"))
                continue
            page, item = items[item_id]
            path, line, col = pub.item_where.get(item_id, pub.page_where.get(page.id, ("content", 1, 1)))
            if old.get("kind") and item.kind != old["kind"]:
                problems.append(Problem(path, line, col, f"id '{item_id}' was a {old['kind']} item {was} and is "
                                        f"now {item.kind}: stored answers would not fit; keep kind: {old['kind']}, "
                                        f"or retire this item (`retired: true`) and give the new one a new id"))
            elif (isinstance(old.get("text"), str) and not item.same_question
                  and shared_words(old["text"], item.text) < SAME_WORDS):
                problems.append(Problem(path, line, col, f"id '{item_id}' asked {_quote(old['text'])} {was}; "
                                        f"the new wording shares almost none of its words, so it reads as another "
                                        f"question: if it is one, retire this item (`retired: true`) and give the "
                                        f"new one a new id; if it asks the same, add `same_question: true`"))
    return problems


def _quote(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"


def edition_label(version: str = "", date: str = "") -> dict:
    """Return what the pages say of the edition being built (``HANDBOOK_EDITION``, ``HANDBOOK_EDITION_DATE``, an ISO
    date): {version, date, text}; without a version, a development build. Raise ValueError on a malformed date."""
    if not version:
        return {"version": "", "date": "", "text": "Handbook development build (not a published edition)."}
    if date:
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError:
            raise ValueError(f"HANDBOOK_EDITION_DATE={date!r} is not a date as YYYY-MM-DD") from None
        when = f", published {day.day} {day:%B} {day.year}"
    else:
        when = ""
    return {"version": version, "date": date, "text": f"Handbook edition {version}{when}."}
