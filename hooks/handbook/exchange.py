"""The exchange format of an assessment: what "Export answers (JSON)" writes and import reads.

An export is one assessment of the reader's (its name and dates) with every answer and note it holds, in any
publication of the site, as a list (no user data is ever an object key). The client writes and checks it
(``overrides/assets/hb/transfer.js``); this module holds its JSON Schema, published with the site at
``schemas/assessment-1.schema.json`` and described for people in ``docs/export-format.md``. A file of a later
``version`` is refused by this site's importer.
"""
from __future__ import annotations

import json

from .vocabulary import ANSWER_KINDS

FORMAT = "iom-handbook-assessment"
VERSION = 1
#: Where the site publishes the schema of this version.
SCHEMA_PATH = f"schemas/assessment-{VERSION}.schema.json"

#: Limits the importer enforces (the client holds the same numbers).
MAX_BYTES = 10 * 1024 * 1024
MAX_ANSWERS = 50_000
MAX_TEXT = 100_000
MAX_NAME = 120  # an assessment's name (HB.assessments.MAX_NAME)
MAX_SITE = 200
MAX_ROUNDS = 100  # monitoring rounds of one assessment in an export

_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": 48}
_TIME = {"type": "string", "format": "date-time",
         "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$"}  # RFC 3339: seconds
#: A person's name (the export's author, an answer's "by"): 1 to 120 characters, not only spaces.
_NAME = {"type": "string", "minLength": 1, "maxLength": MAX_NAME, "pattern": "\\S"}
_CHOICES = sorted({value for kind, values in ANSWER_KINDS.items() if kind not in ("tick", "roles") for value in values})
_ROLES = list(ANSWER_KINDS["roles"])


def _answers(description: str) -> dict:
    """Return the schema of a list of answers (the assessment's, or a round's)."""
    return {
        "type": "array", "maxItems": MAX_ANSWERS,
        "description": description,
        "items": {
            "type": "object", "additionalProperties": False,
            "required": ["publication", "item", "answer", "hash", "answered"],
            "properties": {
                "publication": _ID,
                "item": dict(_ID, description="The item's id (its anchor on its page)."),
                "answer": {
                    "description": "The answer as the handbook stores it: true for a tick, a choice's "
                                   "value, a list of roles, free text, or null (only a note).",
                    "anyOf": [
                        {"type": "null"},
                        {"const": True},
                        {"enum": _CHOICES},
                        {"type": "array", "items": {"enum": _ROLES}, "minItems": 1, "maxItems": len(_ROLES),
                         "uniqueItems": True},
                        {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
                    ],
                },
                "note": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT},
                "action": {"const": True, "description": "Marked 'something must be done'."},
                "hash": {"type": "string", "pattern": "^[0-9a-f]{0,64}$",
                         "description": "Hash of the wording answered (items.json 'hash'): another value "
                                        "than the edition's means an answer to an earlier wording."},
                "answered": dict(_TIME, description="When the answer or note was last changed."),
                "by": dict(_NAME, description="Whose answer this is, when a merge of a colleague's export "
                                              "decided it (optional; absent for an answer typed here)."),
            },
            # An entry holds something: an answer, a note or the flag (the importer refuses an empty one).
            "if": {"properties": {"answer": {"type": "null"}}},
            "then": {"anyOf": [{"required": ["note"]}, {"required": ["action"]}]},
        },
    }


def schema() -> dict:
    """Return the JSON Schema (draft 2020-12) of an export of format version ``VERSION``."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://handbook.invalid/{SCHEMA_PATH}",
        "title": f"Assessment exported from the handbook (format version {VERSION})",
        "description": "One assessment's answers and notes, as written by 'Export answers (JSON)'.",
        "type": "object",
        "additionalProperties": False,
        "required": ["format", "version", "exported", "assessment", "publications", "answers"],
        "properties": {
            "format": {"const": FORMAT},
            "version": {"const": VERSION, "description": "Bumped when the format changes in a way older readers "
                                                         "cannot read."},
            "exported": dict(_TIME, description="When the file was written."),
            "site": {"type": "string", "maxLength": MAX_SITE, "description": "The name of the site that wrote it."},
            "handbook_edition": {
                "type": "object", "additionalProperties": False, "required": ["version"],
                "description": "The edition of the handbook that wrote it (absent from a development build's).",
                "properties": {"version": {"type": "string", "minLength": 1, "maxLength": 100},
                               "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                                        "description": "The day that edition was published."}},
            },
            "author": dict(_NAME, description="The name of the person who exported the file, as they set it "
                                              "(optional; absent when unset)."),
            "assessment": {
                "type": "object", "additionalProperties": False, "required": ["name", "created", "updated"],
                "properties": {
                    "name": {"type": "string", "minLength": 1, "maxLength": MAX_NAME, "pattern": "\\S"},
                    "created": dict(_TIME, description="When the assessment was started."),
                    "updated": dict(_TIME, description="The latest answer's time (the creation time if none)."),
                },
            },
            "publications": {
                "type": "array", "maxItems": 100,
                "description": "The publications the answers belong to, with the edition answered.",
                "items": {
                    "type": "object", "additionalProperties": False, "required": ["id", "title", "edition"],
                    "properties": {"id": _ID, "title": {"type": "string", "maxLength": 1000},
                                   "edition": {"type": "string", "maxLength": 100}},
                },
            },
            "answers": _answers("One entry per item answered or noted; an item appears once per publication."),
            "rounds": {
                "type": "array", "maxItems": MAX_ROUNDS,
                "description": "The assessment's monitoring rounds, oldest first: read-only dated copies of its "
                               "answers (optional; absent when it has none). All answers of the file, the "
                               "assessment's and its rounds', count together towards the limit of answers.",
                "items": {
                    "type": "object", "additionalProperties": False, "required": ["name", "created", "answers"],
                    "properties": {
                        "name": dict(_NAME, description="The round's name, unique within the assessment."),
                        "created": dict(_TIME, description="When the round was saved."),
                        "answers": _answers("The answers and notes as they were when the round was saved."),
                    },
                },
            },
        },
    }


def schema_json() -> str:
    """Return the schema as the site publishes it."""
    return json.dumps(schema(), ensure_ascii=False, indent=2) + "\n"
