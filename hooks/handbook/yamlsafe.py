"""Safe YAML reading that keeps the line and column of every node.

Only plain YAML data is accepted: no anchors or aliases (a "billion laughs" bomb cannot
expand), no tags such as ``!!python/object``, no duplicate keys, no tabs, UTF-8 only.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor

from .errors import Problem

#: Content files larger than this are refused before parsing.
MAX_BYTES = 512 * 1024

# libyaml's parser when PyYAML was built with it (it is, in the PyPI wheels): same marks, much faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}

Path = tuple  # a path into the data: keys and list indexes
_CONSTRUCTOR = SafeConstructor()  # builds plain scalars only (numbers, booleans, null)


@dataclass
class Document:
    """A YAML file read as plain data, with the position of every node by its path."""

    path: str
    data: object = None
    marks: dict = field(default_factory=dict)

    def where(self, path: Path) -> tuple[int, int]:
        """Return (line, column), 1-based, of the node at ``path`` or of its nearest parent."""
        path = tuple(path)
        while path not in self.marks and path:
            path = path[:-1]
        return self.marks.get(path, (1, 1))

    def key_where(self, path: Path) -> tuple[int, int]:
        """Return the position of the key that holds ``path`` (falls back to the value)."""
        return self.marks.get(("key",) + tuple(path)) or self.where(path)

    def problem(self, path: Path, message: str, *, at_key: bool = False) -> Problem:
        """Return a Problem located at ``path``."""
        line, col = self.key_where(path) if at_key else self.where(path)
        return Problem(self.path, line, col, message)


class _Refused(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def read_document(path: str, raw: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse ``raw`` (the bytes of the file at ``path``); return the document or the problems."""
    if len(raw) > MAX_BYTES:
        return None, [Problem(path, 1, 1, f"file is {len(raw):,} bytes, more than the {MAX_BYTES:,} allowed; "
                                          "split it into smaller files")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(path, line, col, f"byte 0x{raw[exc.start]:02x} is not UTF-8; "
                                                "save the file as UTF-8")]
    if text.startswith("\ufeff"):
        text = text[1:]
    problems = [
        Problem(path, n, line.index("\t") + 1, "tab character; indent and separate with spaces only")
        for n, line in enumerate(text.splitlines(), 1)
        if "\t" in line
    ]
    if problems:
        return None, problems
    try:
        node = yaml.compose(text, Loader=_Loader)
        doc = Document(path)
        doc.data = _convert(doc, node, (), set()) if node is not None else None
        return doc, []
    except _AliasUsed:
        return None, [_alias_problem(path, text)]
    except _Refused as exc:
        return None, [exc.problem]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(x for x in (exc.context, exc.problem) if x)
        if exc.context_mark and mark and exc.context_mark.line != mark.line:
            what += f" (it started at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1})"
        return None, [Problem(path, line, col, f"invalid YAML: {what}; check the indentation and quoting here")]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML reports marked errors for all parse failures
        return None, [Problem(path, 1, 1, f"invalid YAML: {exc}")]


class _AliasUsed(Exception):
    """A node was reached twice: the file uses an alias (&anchor … *anchor)."""


def _alias_problem(path: str, text: str) -> Problem:
    # Only when an alias was found: a second, event-level pass names the anchor and where it stands.
    for event in yaml.parse(text, Loader=_Loader):
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent) or anchor:
            m = event.start_mark
            return Problem(path, m.line + 1, m.column + 1,
                           f"YAML anchors and aliases (&{anchor} / *{anchor}) are not allowed; "
                           "write the content out in full")
    return Problem(path, 1, 1, "YAML aliases are not allowed; write the content out in full")  # pragma: no cover


def _convert(doc: Document, node: yaml.Node, path: Path, seen: set):
    # The composer hands out the same node object again for every alias of an anchor; meeting a node twice
    # means an alias, refused before it can multiply (a "billion laughs" file stops at its first alias).
    if id(node) in seen:
        raise _AliasUsed()
    seen.add(id(node))
    doc.marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(doc.problem(path, _tag_message(node.tag)))
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = _scalar(doc, key_node, path)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise _Refused(doc.problem(path, f"key {key!r} must be a word such as 'text'"))
            key = str(key)
            if key in result:
                line = key_node.start_mark.line + 1
                first = doc.marks[("key",) + path + (key,)][0]
                raise _Refused(Problem(doc.path, line, key_node.start_mark.column + 1,
                                       f"duplicate key '{key}' (first at line {first}); keep only one"))
            doc.marks[("key",) + path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(doc, value_node, path + (key,), seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(doc, child, path + (i,), seen) for i, child in enumerate(node.value)]
    return _scalar(doc, node, path)


def _tag_message(tag: str) -> str:
    if tag == "tag:yaml.org,2002:timestamp":
        return "a date is read as a timestamp here; put it in quotes to keep it as text, e.g. \"2022-01-01\""
    return f"the tag {tag} is not allowed; remove it and write plain text"


def _scalar(doc: Document, node: yaml.Node, path: Path):
    if not isinstance(node, yaml.ScalarNode):
        raise _Refused(doc.problem(path, "a key must be plain text, not a list or mapping"))
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(Problem(doc.path, node.start_mark.line + 1, node.start_mark.column + 1,
                               _tag_message(node.tag)))
    if node.tag == "tag:yaml.org,2002:str":
        return node.value
    # The tag's own constructor, called directly: construct_object would keep every node in a cache.
    return _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
