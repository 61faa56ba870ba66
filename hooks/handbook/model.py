"""The content model: typed, immutable objects built from validated YAML. No I/O, no MkDocs."""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Detail:
    label: str
    text: str


@dataclass(frozen=True)
class Item:
    """An answerable item; ``id`` is the stable key of its answer."""

    id: str
    kind: str
    text: str
    number: str = ""
    subsectors: tuple[str, ...] = ()
    details: tuple[Detail, ...] = ()
    note: str = ""
    retired: bool = False
    same_as: str = ""  # the id of the item first printing the same question; its answer is this item's answer
    same_question: bool = False  # the editor confirms that a rewording with few words kept asks the same question

    @property
    def text_hash(self) -> str:
        """Return a short hash of the normalised text: it changes when the wording changes."""
        return text_hash(self.text)


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True)
class Section:
    title: str = ""
    id: str = ""
    number: str = ""
    subsectors: tuple[str, ...] = ()
    text: str = ""
    note: str = ""
    items: tuple[Item, ...] = ()
    table: Table | None = None
    after: str = ""
    sections: tuple["Section", ...] = ()

    def walk_items(self):
        """Yield (section, item) for every item here and in sub-sections, in order."""
        for item in self.items:
            yield self, item
        for sub in self.sections:
            yield from sub.walk_items()


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: str
    definition: str
    note: str = ""


@dataclass(frozen=True)
class Acronym:
    abbr: str
    expansion: str
    note: str = ""


@dataclass(frozen=True)
class Page:
    """One page of a publication: a tool, an annex, a front-matter part, the glossary, acronyms or references."""

    kind: str
    id: str
    title: str
    number: str = ""
    phases: tuple[str, ...] = ()
    why: str = ""
    when: str = ""
    how: str = ""
    intro: str = ""
    after: str = ""
    notes: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    footnotes: tuple[tuple[str, str], ...] = ()
    glossary: tuple[GlossaryEntry, ...] = ()
    acronyms: tuple[Acronym, ...] = ()
    references: tuple[str, ...] = ()
    selection_noun: tuple[str, str] = ()  # (one, other): what the page's ticks select, e.g. indicator(s)

    @property
    def heading(self) -> str:
        """Return the page's heading as the source prints it, e.g. 'Tool 9: Project Design Checklist'."""
        if self.kind == "tool":
            return f"Tool {self.number}: {self.title}"
        if self.kind == "annex":
            return f"Annex {self.number}: {self.title}"
        return self.title

    def walk_items(self):
        """Yield (section, item) for every answerable item of the page, in order."""
        for section in self.sections:
            yield from section.walk_items()


@dataclass(frozen=True)
class Licence:
    name: str
    statement: str
    url: str = ""


@dataclass(frozen=True)
class Publication:
    id: str
    title: str
    publisher: str
    year: int
    edition: str
    citation: str
    licence: Licence
    contents: tuple[tuple[str, tuple[str, ...]], ...]
    subtitle: str = ""
    short_title: str = ""
    place: str = ""
    isbn: tuple[tuple[str, str], ...] = ()
    pages: dict = field(default_factory=dict, compare=False)
    #: Where each item and page is written, for messages: {item id: (path, line, column)} of the item's ``id``, and
    #: {page id: (path, line, column)} of the page's ``sections`` (or its file's start).
    item_where: dict = field(default_factory=dict, compare=False)
    page_where: dict = field(default_factory=dict, compare=False)

    @property
    def ordered_pages(self) -> list[Page]:
        """Return the pages in the order of the publication's contents."""
        return [self.pages[pid] for _, ids in self.contents for pid in ids]

    @functools.cached_property
    def groups(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """Return the contents as (title, opener, rest): the group's own page ("Section 2: Tools") or "", the others."""
        # The one rule for a group opened by its own page: its first page bears the group's title.
        return tuple((title, ids[0], ids[1:]) if self.pages[ids[0]].heading == title else (title, "", ids)
                     for title, ids in self.contents)

    @functools.cached_property
    def items(self) -> dict[str, tuple[Page, Item]]:
        """Return every item of the publication by id, with the page it is on."""
        return {item.id: (page, item) for page in self.pages.values() for _, item in page.walk_items()}


@functools.lru_cache(maxsize=None)
def text_hash(text: str) -> str:
    """Return the first 12 hex digits of the SHA-256 of ``text`` with whitespace and Unicode normalised."""
    norm = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:12]
