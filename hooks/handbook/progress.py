"""What progress counts, decided once for the pages, the overview and the manifest.

Questions are the items a tool asks the reader to answer: yes/no kinds, ratings and roles, the text prompts the
publication numbers as questions (Tool 4's "1. What is …"), and the text prompts of a page made only of text
prompts. Tick boxes are selections, counted as "N selected", never as unanswered. Any other text prompt (an
unnumbered "Notes" field beside questions) is an optional closing note and is not counted. A tied item (``same_as``) keeps its answer under
the first item's id, so that id is counted once; retired items are not counted.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import model as m
from .vocabulary import FREE_TEXT_KINDS, QUESTION_KINDS, SELECTION_KINDS


@dataclass(frozen=True)
class Counted:
    """The answer ids a page's progress counts, in page order: its questions and its selections."""

    questions: tuple[str, ...] = ()
    selections: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.questions or self.selections)


def counted(page: m.Page) -> Counted:
    """Return the ids of the answers ``page``'s progress counts (a tied item counts under its first's id)."""
    live = [item for _, item in page.walk_items() if not item.retired]
    text_only = all(item.kind in FREE_TEXT_KINDS for item in live)
    questions, selections = {}, {}  # dicts keep the order and count a tied id once
    for item in live:
        if item.kind in QUESTION_KINDS or (item.kind in FREE_TEXT_KINDS and (text_only or item.number)):
            questions[item.same_as or item.id] = None
        elif item.kind in SELECTION_KINDS:
            selections[item.same_as or item.id] = None
    return Counted(tuple(questions), tuple(selections))


def counted_publication(pub: m.Publication) -> Counted:
    """Return the ids every page of ``pub`` counts, each once, in the order of the contents."""
    questions, selections = {}, {}
    for page in pub.ordered_pages:
        found = counted(page)
        questions.update(dict.fromkeys(found.questions))
        selections.update(dict.fromkeys(found.selections))
    return Counted(tuple(questions), tuple(selections))
