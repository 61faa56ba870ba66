"""Validation: each content document against its schema and its file name, then the checks across the files of
a publication (links, footnotes, duplicate ids, contents). Every problem has a plain message and a location."""
from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path

from .errors import Problem
from .schema import FILE_KINDS, ITEM_SCHEMA, SCHEMAS
from .vocabulary import ANSWER_KINDS
from .yamlsafe import Document

#: ``[words](ref:page-id#anchor)`` links between pages, checked and turned into real links.
REF_RE = re.compile(r"\]\(ref:([a-z0-9-]+)(?:#([a-z0-9-]+))?\)")
#: ``[^48]`` footnote references.
FOOTNOTE_RE = re.compile(r"\[\^([A-Za-z0-9-]+)\](?!:)")


@functools.cache
def _validator(kind: str):
    # Imported on first use: a build whose files all passed before (load.SchemaMemo) never needs it.
    import jsonschema

    return jsonschema.Draft202012Validator(SCHEMAS[kind])


_EXAMPLES = {
    "id": "give it a short unique id such as t9-q16",
    "kind": "add the answer kind, one of: " + ", ".join(ANSWER_KINDS),
    "text": "write the question or item text",
}


def file_kind(doc: Document) -> tuple[str | None, list[Problem]]:
    """Return the declared ``kind`` of a document, or the problem that it has none we know."""
    data = doc.data
    if not isinstance(data, dict):
        return None, [doc.problem((), "a content file must be a mapping of keys (kind: …, id: …); "
                                      "see content/schemas/ for the file kinds")]
    kind = data.get("kind")
    if kind not in FILE_KINDS:
        hint = _closest(kind, FILE_KINDS) if isinstance(kind, str) else ""
        where = ("kind",) if "kind" in data else ()
        said = f"unknown file kind {kind!r}" if "kind" in data else "no 'kind' key"
        return None, [doc.problem(where, f"{said}{hint}; start the file with 'kind:' and one of: "
                                         + ", ".join(FILE_KINDS))]
    return kind, []


def check_schema(doc: Document, kind: str) -> list[Problem]:
    """Return every schema problem of ``doc`` checked as a file of ``kind``."""
    problems = []
    for error in _validator(kind).iter_errors(doc.data):
        problems.extend(_explain(doc, error))
    return problems


def _explain(doc: Document, error) -> list[Problem]:
    path = tuple(error.absolute_path)
    name = next((p for p in reversed(path) if isinstance(p, str)), "file")
    # propertyNames reports the failed check of the label itself (a pattern), at the mapping that holds it.
    keyword = "propertyNames" if "propertyNames" in error.schema_path else error.validator
    explain = _MESSAGES.get(keyword, lambda e, name: _here(f"'{name}': {e.message}"))  # a keyword new to us
    # A message about a key inside the node (an unknown key, a bad label) points at that key.
    return [doc.problem(path + key, message, at_key=bool(key)) for key, message in explain(error, name)]


def _here(message: str) -> list[tuple[tuple, str]]:
    return [((), message)]


def _unknown_keys(error, name):
    allowed = sorted(error.schema["properties"])
    return [((key,), f"unknown key '{key}'{_closest(key, allowed)}; allowed here: {', '.join(allowed)}")
            for key in error.instance if key not in allowed]


def _missing_keys(error, name):
    what = "the file" if not error.absolute_path else "item" if error.schema == ITEM_SCHEMA else "this entry"
    # One error per missing key, but the message names none: list them all (problems are kept as a set).
    return [((), f"{what} has no '{key}'; " + (_EXAMPLES[key] if what == "item" else f"add '{key}:'"))
            for key in error.validator_value if key not in error.instance]


def _not_a_choice(error, name):
    label = "answer kind" if name == "kind" else f"value for '{name}'"
    choices = error.validator_value
    return _here(f"unknown {label} {error.instance!r}{_closest(error.instance, choices)}; "
                 f"use one of: {', '.join(map(str, choices))}")


def _wrong_type(error, name):
    want = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
    return _here(f"'{name}' must be {' or '.join(_TYPE_WORDS[w] for w in want)}, not {_describe(error.instance)}")


def _bad_form(error, name):
    if not error.instance.strip():
        return _here(f"'{name}' is empty; write the text or remove the key")
    if name in ("id", "same_as"):
        return _here(f"{name} {error.instance!r} must be lower-case letters, digits and hyphens, such as t9-q04")
    return _here(f"'{name}' value {error.instance!r} is not in the expected form ({error.validator_value})")


_TYPE_WORDS = {"string": "text", "integer": "a whole number", "array": "a list (lines starting with '- ')",
               "object": "a mapping of keys", "boolean": "true or false"}

#: For each schema keyword that can fail, its problems as (key inside the node or (), message); ``name`` is the
#: key that holds the node. No const: a file's kind picks its schema, so the schema's own kind always holds.
_MESSAGES = {
    "additionalProperties": _unknown_keys,
    "required": _missing_keys,
    "enum": _not_a_choice,
    "type": _wrong_type,
    "pattern": _bad_form,
    "minLength": lambda e, name: _here(f"'{name}' is empty; write the text or remove the key"),
    "maxLength": lambda e, name: _here(f"'{name}' is longer than {e.validator_value} characters; shorten it"),
    "minItems": lambda e, name: _here(f"'{name}' must not be empty; add at least one entry or remove the key"),
    "uniqueItems": lambda e, name: _here(f"'{name}' lists the same value twice; keep each once"),
    "minimum": lambda e, name: _here(f"'{name}' must be at least {e.validator_value}, not {e.instance}"),
    "maximum": lambda e, name: _here(f"'{name}' must be at most {e.validator_value}, not {e.instance}"),
    "propertyNames": lambda e, name: [((e.instance,), f"footnote label {e.instance!r} must be letters, digits "
                                                      "or hyphens, such as 48")],
}


def check_file_name(doc: Document, kind: str, path: Path) -> list[Problem]:
    """Return the problem when a file's name disagrees with its kind or id: a page's URL is its file name."""
    given = doc.data.get("id")
    if kind == "publication":
        if path.stem != "publication":
            return [doc.problem(("kind",), "only publication.yml may have kind: publication")]
        if given != path.parent.name:
            return [doc.problem(("id",), f"publication id '{given}' differs from its folder "
                                          f"'{path.parent.name}'; set id: {path.parent.name}")]
        return []
    if path.stem == "publication":
        return [doc.problem(("kind",), "publication.yml must have kind: publication")]
    if given != path.stem:
        return [doc.problem(("id",), f"id '{given}' differs from the file name '{path.name}'; "
                                      f"name the file {given}.yml or set id: {path.stem}")]
    return []


#: Top-level addresses the handbook itself uses (its workspace pages, schemas, downloads, the theme's folders): a
#: publication with one of these ids would collide with them.
RESERVED = {"assessments", "report", "compare", "schemas", "downloads", "assets", "search", "export-format", "versions"}


def check_publication(publication: Document, pages: dict[str, Document]) -> list[Problem]:
    """Return the problems across the files of one publication: links, footnotes, duplicate ids, ties, contents.

    ``pages`` holds the page documents by id, each already valid on its own.
    """
    nodes = {pid: list(_walk(doc.data)) for pid, doc in pages.items()}
    anchors = {pid: {node["id"] for path, node in found if path and isinstance(node, dict)
                     and isinstance(node.get("id"), str)} for pid, found in nodes.items()}
    problems = []
    for pid, doc in pages.items():
        problems.extend(_check_text(doc, nodes[pid], anchors))
    problems.extend(_check_ids(pages, nodes))
    problems.extend(_check_same_as(pages, nodes))
    problems.extend(_check_selection_noun(pages, nodes))
    problems.extend(_check_contents(publication, pages))
    if publication.data.get("id") in RESERVED:
        problems.append(publication.problem(("id",), f"'{publication.data['id']}' is the address of one of the "
                                                     "handbook's own pages or folders; give the publication another "
                                                     "id (and rename its folder to match)"))
    return problems


def _walk(node, path=()):
    """Yield (path, node) for ``node`` and every node inside it, in document order."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _walk(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _walk(value, path + (i,))


def _check_text(doc: Document, nodes: list, anchors: dict[str, set]) -> list[Problem]:
    """Check the footnote references and ``ref:`` links in every text of a page."""
    problems, cited = [], set()
    notes = doc.data.get("footnotes", {})
    for path, text in nodes:
        if not isinstance(text, str) or "mended" in path:  # mends are for editors, never shown: nothing to link
            continue
        for label in FOOTNOTE_RE.findall(text):
            cited.add(label)
            if label not in notes:
                problems.append(doc.problem(path, f"footnote [^{label}] is not defined; add it under "
                                                  f"'footnotes:' as \"{label}\": …"))
        for page_id, anchor in REF_RE.findall(text):
            if page_id not in anchors:
                problems.append(doc.problem(path, f"link to page '{page_id}', which does not exist in this "
                                                  "publication; use the id of a tool, annex or part"))
            elif anchor and anchor not in anchors[page_id]:
                problems.append(doc.problem(path, f"link to '{page_id}#{anchor}', but that page has no "
                                                  f"item, section or entry with id '{anchor}'"))
    for label in notes:
        if label not in cited:
            problems.append(doc.problem(("footnotes", label), f"footnote {label} is never cited; cite it as "
                                                                f"[^{label}] in the text or remove it", at_key=True))
    return problems


def _check_ids(pages: dict[str, Document], nodes: dict[str, list]) -> list[Problem]:
    """Item ids are unique in the whole publication: they key the stored answers."""
    problems, seen = [], {}
    for pid, doc in pages.items():
        for path, node in nodes[pid]:
            if not (path and isinstance(node, dict) and "kind" in node and isinstance(node.get("id"), str)):
                continue
            item_id = node["id"]
            if item_id in seen:
                first_doc, first_path = seen[item_id]
                line = first_doc.where(first_path)[0]
                problems.append(doc.problem(path + ("id",), f"duplicate id '{item_id}' (already used in "
                                                            f"{first_doc.path}:{line}); give this item a new id"))
            else:
                seen[item_id] = (doc, path + ("id",))
    return problems


def _check_same_as(pages: dict[str, Document], nodes: dict[str, list]) -> list[Problem]:
    """An item tied by ``same_as`` names a current item of the same kind that is itself untied: one answer, kept
    under the first item's id, must fit both."""
    items = {node["id"]: node for found in nodes.values() for path, node in found
             if path and isinstance(node, dict) and "kind" in node and isinstance(node.get("id"), str)}
    problems = []
    for pid, doc in pages.items():
        for path, node in nodes[pid]:
            if not (path and isinstance(node, dict) and "kind" in node and isinstance(node.get("same_as"), str)):
                continue
            target, first = node["same_as"], items.get(node["same_as"])
            if node.get("retired") is True:
                message = ("a retired item keeps its own answer, so it cannot be tied; remove same_as "
                           "(or retired, if the item is still in this edition)")
            elif target == node.get("id"):
                message = "an item cannot be the same as itself; give the id of the item printed first"
            elif first is None:
                message = (f"same_as '{target}' names no item in this publication{_closest(target, items)}; "
                           "give the id of the item where the question is printed first")
            elif first["kind"] != node["kind"]:
                message = (f"same_as '{target}' is a {first['kind']} item, but this one is {node['kind']}; "
                           "tie only items answered the same way")
            elif isinstance(first.get("same_as"), str):
                message = (f"same_as '{target}' is itself the same as '{first['same_as']}'; "
                           f"tie this item to the first: same_as: {first['same_as']}")
            elif first.get("retired") is True:
                message = (f"same_as '{target}' is retired; tie this item to an item of the current edition "
                           "or remove same_as")
            else:
                continue
            problems.append(doc.problem(path + ("same_as",), message))
    return problems


def _check_selection_noun(pages: dict[str, Document], nodes: dict[str, list]) -> list[Problem]:
    """A page's ``selection_noun`` names what its tick boxes select: a page without a current tick box has none."""
    problems = []
    for pid, doc in pages.items():
        if "selection_noun" in doc.data and not any(
                isinstance(node, dict) and node.get("kind") == "tick" and node.get("retired") is not True
                for path, node in nodes[pid] if path):
            problems.append(doc.problem(("selection_noun",), "selection_noun names what the page's tick boxes "
                                        "select, but this page has none; remove it", at_key=True))
    return problems


def _check_contents(doc: Document, pages: dict) -> list[Problem]:
    """Every page is listed once in the publication's contents, and every listed page exists."""
    problems, listed = [], set()
    for g, group in enumerate(doc.data["contents"]):
        for i, pid in enumerate(group["pages"]):
            path = ("contents", g, "pages", i)
            if pid not in pages:
                problems.append(doc.problem(path, f"contents lists '{pid}', but there is no {pid}.yml "
                                                  "in this folder"))
            elif pid in listed:
                problems.append(doc.problem(path, f"'{pid}' is listed twice in contents; keep it once"))
            listed.add(pid)
    for pid, page in pages.items():
        if pid not in listed:
            problems.append(page.problem(("id",), f"page '{pid}' is not in the contents of publication.yml; "
                                                  "add it there so readers can find it"))
    return problems


def _closest(word, choices) -> str:
    match = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _describe(value) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if value is None:
        return "empty"
    return repr(value)
