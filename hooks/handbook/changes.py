"""What changed between editions: computed from the manifests (``items.json``) of the editions published before.

Pure functions, no MkDocs. Given the earlier editions (``editions.py``, oldest first) and a publication's current
manifest (``manifest.py``), this module tells:

- ``compare``: what changed since the previous edition: items **added** (not in it, or retired in it and back now),
  **changed** (another wording: its hash differs), **retired** (retired now, not before), **moved** (another page
  or section); an item both changed and moved is listed under both;
- ``past``: for the pages, which items are new in this edition and, for each item, the wordings earlier editions
  gave it (the reader may have answered one of them);
- ``render_changes``: the generated page "What changed in this edition" (``<publication>/what-changed.md``), with
  a word diff of each changed item (``word_diff``, ``difflib`` on words).

A build without earlier editions (a first edition, a development build) has no such page and marks nothing.
"""
from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from html import escape

from . import model as m
from .render import link, text
from .workspace import plain

#: The page's id (``<publication>/what-changed.md``) and title.
PAGE_ID = "what-changed"
TITLE = "What changed in this edition"

#: The kinds of change, in the order the page lists them, with their headings.
KINDS = {"added": "Added", "changed": "Changed", "retired": "Retired", "moved": "Moved"}


@dataclass(frozen=True)
class Change:
    """One change: its kind, the item as this edition's manifest has it, and as the previous one had it."""

    kind: str
    item: dict
    before: dict | None = None


@dataclass(frozen=True)
class Past:
    """What the pages of one publication show of the earlier editions: the ids of the items new in this edition,
    and by item id the earlier wordings, each (hash, plain text, the titles of the editions that had it)."""

    new: frozenset[str] = frozenset()
    earlier: dict[str, tuple[tuple[str, str, tuple[str, ...]], ...]] = field(default_factory=dict)


def compare(previous: dict, current: dict) -> list[Change]:
    """Return the changes from the manifest ``previous`` to ``current``, in the current manifest's order."""
    before = {item["id"]: item for item in previous.get("items", [])}
    out = []
    for item in current["items"]:
        old = before.get(item["id"])
        if old is None or old.get("retired"):
            if not item["retired"]:
                out.append(Change("added", item, old))
            continue
        if item["retired"]:
            out.append(Change("retired", item, old))
            continue
        if old.get("hash") != item["hash"]:
            out.append(Change("changed", item, old))
        if (old.get("page"), old.get("section")) != (item["page"], item["section"]):
            out.append(Change("moved", item, old))
    return out


def previous_manifest(pub_id: str, history) -> dict | None:
    """Return the manifest of ``pub_id`` in the previous edition (``history[-1]``), or None."""
    return history[-1].manifests.get(pub_id) if history else None


def past(pub_id: str, history, current: dict) -> Past:
    """Return what the pages show of the editions in ``history`` (oldest first) for the manifest ``current``."""
    previous = previous_manifest(pub_id, history)
    if previous is None:
        new: frozenset[str] = frozenset()
    else:
        known = {item["id"] for item in previous.get("items", []) if not item.get("retired")}
        new = frozenset(item["id"] for item in current["items"] if item["id"] not in known and not item["retired"])
    now = {item["id"]: item["hash"] for item in current["items"]}
    found: dict[str, dict[str, tuple[str, list[str]]]] = {}
    for edition in history:
        for item in (edition.manifests.get(pub_id) or {}).get("items", []):
            iid, h = item.get("id"), item.get("hash")
            if iid in now and h and h != now[iid] and isinstance(item.get("text"), str):
                wording = found.setdefault(iid, {}).setdefault(h, (plain(item["text"]), []))
                wording[1].append(edition.title)
    earlier = {iid: tuple((h, t, tuple(eds)) for h, (t, eds) in by_hash.items()) for iid, by_hash in found.items()}
    return Past(new, earlier)


def _md(value: str) -> str:
    """Return plain text for a line of Markdown: HTML escaped, Markdown's own marks escaped, so it shows as is."""
    value = value.replace("\\", "\\\\")
    for mark in "`*_[]{}()#!":
        value = value.replace(mark, "\\" + mark)
    return escape(value, quote=False)


def word_diff(old: str, new: str) -> str:
    """Return the word diff of two plain wordings as Markdown with inline HTML: removed words in ``<del>``, added
    ones in ``<ins>``, each opened by a visually hidden "removed:" or "added:" that screen readers say."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_md(" ".join(a[i1:i2])))
        if op in ("delete", "replace"):
            out.append('<del><span class="hb-visually-hidden">removed: </span>' + _md(" ".join(a[i1:i2])) + "</del>")
        if op in ("insert", "replace"):
            out.append('<ins><span class="hb-visually-hidden">added: </span>' + _md(" ".join(b[j1:j2])) + "</ins>")
    return " ".join(out)


def render_changes(pub: m.Publication, current: dict, history) -> str | None:
    """Return the Markdown of the page "What changed in this edition" of ``pub``, or None without earlier editions.

    ``current`` is the publication's manifest; the page compares it with the previous edition's (``history[-1]``).
    """
    if not history:
        return None
    edition = history[-1].title
    head = ("---\n" + f"title: {json.dumps(TITLE)}\npublication: {json.dumps(pub.id)}\n" + "---\n\n"
            + f"# {TITLE}\n\n")
    previous = previous_manifest(pub.id, history)
    if previous is None:
        return head + (f"{text(pub.title)} was first published in this edition: the edition published before it, "
                       f"{_md(edition)}, did not have it, so there is nothing to compare.\n")
    changes = compare(previous, current)
    counts = {kind: sum(1 for c in changes if c.kind == kind) for kind in KINDS}
    out = [head + f"What changed in {text(pub.title)} since the edition published before this one, {_md(edition)}. "
           "Computed from the two editions' items when this edition was built. Answers are kept by item: an "
           "answer you gave to a changed item is marked \u201cChanged since you answered\u201d, with the wording "
           "you answered; answers to retired items stay in your report.\n",
           "\n".join(f"- {KINDS[kind]}: {n} item{'' if n == 1 else 's'}" for kind, n in counts.items()) + "\n"]
    if not changes:
        out.append("No item was added, changed, retired or moved.\n")
    for page in pub.ordered_pages:
        here = [c for c in changes if c.item["page"] == page.id]
        if not here:
            continue
        out.append(f"## {text(page.heading)}\n")
        for kind, heading in KINDS.items():
            listed = [c for c in here if c.kind == kind]
            if listed:
                out.append(f"### {heading} ({len(listed)})\n")
                out.append("\n".join(_entry(pub, c) for c in listed) + "\n")
    return "\n".join(out)


def _where(item: dict) -> str:
    return _md(item.get("heading") or item.get("page") or "") + (
        f", section \u201c{_md(item['section'])}\u201d" if item.get("section") else "")


def _entry(pub: m.Publication, change: Change) -> str:
    """Return one list item: a link to the item named by its number and id, then what changed."""
    item = change.item
    number = (item.get("number") or "").rstrip(".")
    name = f"Item {_md(number)}, {item['id']}" if number else f"Item {item['id']}"
    head = f"- [{name}]({link(pub, PAGE_ID, item['page'], item['id'])}): "
    wording = plain(item["text"])
    if change.kind == "changed":
        return (head + "the wording changed.\n\n    " + word_diff(plain(change.before.get("text", "")), wording)
                .replace("\n", " ") + "\n")
    if change.kind == "moved":
        return (head + f"moved from {_where(change.before)} to {_where(item)}.\n\n    {_md(wording)}\n")
    if change.kind == "retired":
        return head + f"retired (answers given to it stay in your report).\n\n    {_md(wording)}\n"
    return head + f"new.\n\n    {_md(wording)}\n"
