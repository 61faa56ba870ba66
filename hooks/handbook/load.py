"""Loading: the YAML files under ``content/`` become validated Publication objects, or a ContentError."""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
from dataclasses import dataclass
from pathlib import Path

from . import model as m
from .errors import ContentError, Problem
from .schema import SCHEMAS
from .validate import _walk, check_file_name, check_publication, check_schema, file_kind
from .yamlsafe import Document, read_document

YAML_SUFFIXES = (".yml", ".yaml")
PAGE_KINDS = ("tool", "annex", "part", "glossary", "acronyms", "references")


@dataclass
class _Read:
    """One file as read: its document, its kind and its own problems."""

    doc: Document | None
    kind: str | None
    problems: list


class SchemaMemo:
    """The SHA-256 of each file's bytes that passed the schema check, kept on disk between builds.

    It holds only under the same schemas and the same jsonschema version: an edited file, a changed schema or
    another jsonschema is checked again. It spares a build of unchanged files the check and the import of
    jsonschema (about 50 ms, a sixteenth of a whole build); the checks across files always run.
    """

    def __init__(self, path: Path | None):
        self.path, self.passed, self._dirty = path, set(), False
        self._key = hashlib.sha256(json.dumps([SCHEMAS, importlib.metadata.version("jsonschema")],
                                              sort_keys=True).encode()).hexdigest()
        try:
            data = json.loads(path.read_text(encoding="utf-8")) if path else {}
            if data.get("key") == self._key:
                self.passed = set(data["passed"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # a missing or broken memo only costs a full check

    def check(self, doc: Document, kind: str, raw: bytes) -> list[Problem]:
        """Return the schema problems of ``doc`` (none when these bytes passed before)."""
        digest = hashlib.sha256(raw).hexdigest()
        if digest in self.passed:
            return []
        problems = check_schema(doc, kind)
        if not problems:
            self.passed.add(digest)
            self._dirty = True
        return problems

    def save(self) -> None:
        """Write the memo if it changed; a read-only checkout keeps none."""
        if self.path is None or not self._dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.path.write_text(json.dumps({"key": self._key, "passed": sorted(self.passed)}), encoding="utf-8")
        except OSError:
            pass


def load_content(root: Path, memo: SchemaMemo | None = None) -> dict[str, m.Publication]:
    """Return the publications under ``root`` by id; raise ContentError listing every problem.

    With ``memo``, files whose bytes passed the schema check before are not checked again.
    """
    root = Path(root)
    memo = memo or SchemaMemo(None)
    if not root.is_dir():
        raise ContentError([Problem(str(root), 1, 1, "content folder not found; create it or run from the "
                                                      "project's top folder")])
    problems: list[Problem] = []
    publications = {}
    for entry in sorted(root.iterdir()):
        if entry.is_file() and entry.suffix in YAML_SUFFIXES:
            problems.append(Problem(_show(entry, root), 1, 1, "content file outside a publication folder; "
                                    "move it into content/<publication-id>/"))
        elif entry.is_dir() and entry.name != "schemas" and not entry.name.startswith("."):
            pub, found = _load_publication(entry, root, memo)
            problems.extend(found)
            if pub is not None:
                publications[pub.id] = pub
    memo.save()
    if problems:
        raise ContentError(problems)
    return publications


def _show(path: Path, root: Path) -> str:
    return os.path.relpath(path, root.parent).replace(os.sep, "/")


def _read(path: Path, root: Path, memo: SchemaMemo) -> _Read:
    raw = path.read_bytes()
    doc, problems = read_document(_show(path, root), raw)
    kind = None
    if doc is not None:
        kind, problems = file_kind(doc)
        if kind:
            problems = memo.check(doc, kind, raw) or check_file_name(doc, kind, path)
    return _Read(doc, kind, problems)


def _load_publication(folder: Path, root: Path, memo: SchemaMemo):
    files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in YAML_SUFFIXES)
    reads = {p: _read(p, root, memo) for p in files}
    problems = [pr for r in reads.values() for pr in r.problems]
    pub_read = next((r for p, r in reads.items() if p.stem == "publication"), None)
    if pub_read is None:
        return None, problems + [Problem(_show(folder, root) + "/publication.yml", 1, 1,
                                         "publication file missing; every content folder needs a "
                                         "publication.yml with kind: publication")]
    if problems:
        return None, problems
    pages = {r.doc.data["id"]: r.doc for r in reads.values() if r.kind in PAGE_KINDS}
    problems = check_publication(pub_read.doc, pages)
    if problems:
        return None, problems
    pub = _publication(pub_read.doc.data)
    for pid, doc in pages.items():
        pub.pages[pid] = _page(doc.data)
        pub.page_where[pid] = (doc.path, *doc.key_where(("sections",)))
        for path, node in _walk(doc.data):
            if path and isinstance(node, dict) and "kind" in node and isinstance(node.get("id"), str):
                pub.item_where[node["id"]] = (doc.path, *doc.where(path + ("id",)))
    pub.page_where["publication"] = (pub_read.doc.path, *pub_read.doc.key_where(("contents",)))
    return pub, []


def _publication(d: dict) -> m.Publication:
    lic = d["licence"]
    return m.Publication(
        id=d["id"], title=d["title"], subtitle=d.get("subtitle", ""), short_title=d.get("short_title", ""),
        publisher=d["publisher"], place=d.get("place", ""), year=d["year"], edition=str(d["edition"]),
        citation=d["citation"], licence=m.Licence(lic["name"], lic["statement"], lic.get("url", "")),
        isbn=tuple((i["number"], i["format"]) for i in d.get("isbn", ())),
        contents=tuple((g["title"], tuple(g["pages"])) for g in d["contents"]),
    )


def _item(d: dict) -> m.Item:
    return m.Item(id=d["id"], kind=d["kind"], text=d["text"], number=str(d.get("number", "")),
                  subsectors=tuple(d.get("subsectors", ())), note=d.get("note", ""),
                  details=tuple(m.Detail(x["label"], x["text"]) for x in d.get("details", ())),
                  retired=d.get("retired", False), same_as=d.get("same_as", ""),
                  same_question=d.get("same_question", False))


def _section(d: dict) -> m.Section:
    t = d.get("table")
    table = m.Table(tuple(t["columns"]), tuple(tuple(r) for r in t["rows"]), t.get("caption", "")) if t else None
    return m.Section(title=d.get("title", ""), id=d.get("id", ""), number=str(d.get("number", "")),
                     subsectors=tuple(d.get("subsectors", ())), text=d.get("text", ""), note=d.get("note", ""),
                     items=tuple(_item(i) for i in d.get("items", ())), table=table, after=d.get("after", ""),
                     sections=tuple(_section(s) for s in d.get("sections", ())))


def _page(d: dict) -> m.Page:
    return m.Page(
        kind=d["kind"], id=d["id"], title=d["title"], number=str(d.get("number", "")),
        phases=tuple(d.get("phases", ())), why=d.get("why", ""), when=d.get("when", ""), how=d.get("how", ""),
        intro=d.get("intro", ""), after=d.get("after", ""), notes=tuple(d.get("notes", ())),
        sections=tuple(_section(s) for s in d.get("sections", ())),
        footnotes=tuple((str(k), v) for k, v in d.get("footnotes", {}).items()),
        glossary=tuple(m.GlossaryEntry(e["id"], e["term"], e["definition"], e.get("note", ""))
                       for e in d.get("entries", ()) if d["kind"] == "glossary"),
        acronyms=tuple(m.Acronym(e["abbr"], e["expansion"], e.get("note", ""))
                       for e in d.get("entries", ()) if d["kind"] == "acronyms"),
        references=tuple(d.get("entries", ())) if d["kind"] == "references" else (),
        selection_noun=(d["selection_noun"]["one"], d["selection_noun"]["other"]) if "selection_noun" in d else (),
    )
