"""JSON Schemas of the content files: the one description of their structure.

The validator checks every file against these schemas, and ``python -m handbook schemas``
writes them to ``content/schemas/`` so that editors with the YAML language server get
completion and errors as they type.
"""
from __future__ import annotations

import json
from pathlib import Path

from .vocabulary import ANSWER_KINDS, PHASES, SUBSECTORS

FILE_KINDS = ("publication", "tool", "annex", "part", "glossary", "acronyms", "references")

_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 48,
       "description": "Short, stable, lower-case id such as t9-q04; never derived from the position."}
_TEXT = {"type": "string", "minLength": 1, "pattern": "\\S",
         "description": "Markdown text. HTML is shown as text. Link to a page with [words](ref:page-id#anchor)."}
_LINE = {"type": "string", "minLength": 1, "pattern": "\\S", "description": "One line of plain text."}
_NOTE = dict(_TEXT, description="Editorial note shown to readers: only where the publication itself is inconsistent "
                                "or where its text could not be reproduced.")
_MENDED = dict(_TEXT, description="How the handbook mended an extraction defect of the source text; for editors, never "
                                  "shown")
_NUMBER = {"type": ["string", "integer"], "description": "The source's own numbering, shown as printed (1, 1.1.a, IV)."}

_DEFS = {
    "detail": {
        "type": "object", "additionalProperties": False, "required": ["label", "text"],
        "description": "A labelled part of an item, such as its mitigation measures or SDG reference.",
        "properties": {"label": _LINE, "text": _TEXT},
    },
    "item": {
        "type": "object", "additionalProperties": False, "required": ["id", "kind", "text"],
        "description": "One answerable item: a question, tick box, risk, result or indicator.",
        "properties": {
            "id": _ID,
            "kind": {"enum": list(ANSWER_KINDS), "description": "How the item is answered."},
            "number": _NUMBER,
            "text": _TEXT,
            "subsectors": {"type": "array", "items": {"enum": list(SUBSECTORS)}, "uniqueItems": True},
            "details": {"type": "array", "items": {"$ref": "#/$defs/detail"}},
            "note": _NOTE,
            "mended": _MENDED,
            "retired": {"type": "boolean", "description": "True when a new edition removed the item; answers are kept."},
            "same_as": dict(_ID, description="The id of the item where the publication first prints this same "
                                             "question: both places show and keep one answer."),
            "same_question": {"type": "boolean", "description": "True when a new wording shares almost no words "
                              "with the previous edition's and still asks the same question (readers' answers "
                              "stay); the build refuses such a rewording without it."},
        },
    },
    "table": {
        "type": "object", "additionalProperties": False, "required": ["columns", "rows"],
        "description": "A table of the source that holds no answers.",
        "properties": {
            "caption": _LINE,
            "columns": {"type": "array", "minItems": 1, "items": _LINE},
            "rows": {"type": "array", "minItems": 1,
                     "items": {"type": "array", "minItems": 1, "items": {"type": "string"}}},
        },
    },
    "section": {
        "type": "object", "additionalProperties": False,
        "description": "A part of a page: a heading, text, answerable items, a table and sub-sections.",
        "properties": {
            "id": _ID,
            "title": _LINE,
            "number": _NUMBER,
            "subsectors": {"type": "array", "items": {"enum": list(SUBSECTORS)}, "uniqueItems": True},
            "text": _TEXT,
            "note": _NOTE,
            "mended": _MENDED,
            "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
            "table": {"$ref": "#/$defs/table"},
            "after": dict(_TEXT, description="Markdown text shown after the items and table."),
            "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
        },
    },
    "footnotes": {
        "type": "object", "description": "Footnotes by their printed number; cite them in text as [^48].",
        "propertyNames": {"pattern": "^[A-Za-z0-9-]+$"},
        "additionalProperties": _TEXT,
    },
}


#: The schema of one answerable item (the validator names it "item" in its messages).
ITEM_SCHEMA = _DEFS["item"]


def _file(kind: str, title: str, properties: dict, required: list[str]) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://handbook.invalid/schemas/{kind}.schema.json",
        "title": title,
        "type": "object",
        "additionalProperties": False,
        "required": ["kind", "id", *required],
        "properties": {"kind": {"const": kind}, "id": _ID, **properties},
        "$defs": _DEFS,
    }


_PAGE = {
    "title": _LINE,
    "intro": _TEXT,
    "after": dict(_TEXT, description="Markdown text shown at the end of the page, before the footnotes."),
    "sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
    "footnotes": {"$ref": "#/$defs/footnotes"},
    "notes": {"type": "array", "items": _NOTE, "description": "Editorial notes shown at the top of the page."},
    "mended": {"type": "array", "items": _MENDED, "description": "Mends of the page's text; for editors, never shown."},
    "selection_noun": {
        "type": "object", "additionalProperties": False, "required": ["one", "other"],
        "description": "What the page's tick boxes select, for its progress: '3 indicators selected'.",
        "properties": {"one": dict(_LINE, description="Singular, such as indicator."),
                       "other": dict(_LINE, description="Plural, such as indicators.")},
    },
}

SCHEMAS = {
    "publication": _file("publication", "Publication", {
        "title": _LINE,
        "subtitle": _LINE,
        "short_title": _LINE,
        "publisher": _LINE,
        "place": _LINE,
        "year": {"type": "integer", "minimum": 1950, "maximum": 2100},
        "edition": {"type": "string", "minLength": 1, "description": "Edition label; answers carry across editions."},
        "isbn": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["number", "format"],
            "properties": {"number": {"type": "string", "pattern": "^97[89]-[0-9-]{10,13}$"}, "format": _LINE}}},
        "citation": _TEXT,
        "licence": {"type": "object", "additionalProperties": False, "required": ["name", "statement"],
                    "properties": {"name": _LINE, "url": {"type": "string", "pattern": "^https://"},
                                   "statement": _TEXT}},
        "contents": {"type": "array", "minItems": 1, "description": "Navigation: groups of page ids in order.",
                     "items": {"type": "object", "additionalProperties": False, "required": ["title", "pages"],
                               "properties": {"title": _LINE, "pages": {"type": "array", "minItems": 1,
                                                                         "items": _ID}}}},
    }, ["title", "publisher", "year", "edition", "citation", "licence", "contents"]),
    "tool": _file("tool", "Tool", dict(_PAGE, **{
        "number": {"type": "integer", "minimum": 1},
        "phases": {"type": "array", "items": {"enum": list(PHASES)}, "uniqueItems": True},
        "why": _TEXT, "when": _TEXT, "how": _TEXT,
    }), ["number", "title", "why", "when", "how"]),
    "annex": _file("annex", "Annex", dict(_PAGE, number={"type": "string", "pattern": "^[IVX]+$"}),
                   ["number", "title"]),
    "part": _file("part", "Front-matter or section page", _PAGE, ["title"]),
    "glossary": _file("glossary", "Glossary", {
        "title": _LINE, "intro": _TEXT, "footnotes": {"$ref": "#/$defs/footnotes"},
        "after": _PAGE["after"],
        "entries": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["id", "term", "definition"],
            "properties": {"id": _ID, "term": _LINE, "definition": _TEXT, "note": _NOTE,
                                                             "mended": _MENDED}}},
    }, ["title", "entries"]),
    "acronyms": _file("acronyms", "Acronyms", {
        "title": _LINE,
        "entries": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["abbr", "expansion"],
            "properties": {"abbr": _LINE, "expansion": _LINE, "note": _NOTE, "mended": _MENDED}}},
    }, ["title", "entries"]),
    "references": _file("references", "References", {
        "title": _LINE, "notes": _PAGE["notes"], "mended": _PAGE["mended"],
        "entries": {"type": "array", "minItems": 1, "items": _TEXT},
    }, ["title", "entries"]),
}


def write_schemas(folder: Path) -> list[Path]:
    """Write one ``<kind>.schema.json`` per file kind into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, schema in SCHEMAS.items():
        path = folder / f"{kind}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
