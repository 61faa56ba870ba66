"""Markdown extension: footnotes show the publication's own numbers, not 1, 2, 3 per page.

Python-Markdown numbers footnotes by their order on the page. The toolkit numbers its footnotes through
the whole document (Tool 9's note is 48), and readers cite them so. Use after ``footnotes``:
``markdown_extensions: [footnotes, handbook.footnote_numbers]``. A label with a letter suffix that tells
apart a number the source used twice (``26b``) is shown as the number alone (26).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

_NUMBER = re.compile(r"^(\d+)[a-z]?$")


class _SourceNumbers(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if el.tag == "a" and "footnote-ref" in el.get("class", ""):
                shown = _shown(el.get("href", "").partition("#fn:")[2])
                if shown:
                    el.text = shown
            elif el.tag == "li" and el.get("id", "").startswith("fn:"):
                shown = _shown(el.get("id")[3:])
                if shown:
                    el.set("value", shown)  # the list marker of the footnote shows the same number


def _shown(label: str) -> str | None:
    match = _NUMBER.match(label)
    return match.group(1) if match else None


class FootnoteNumbersExtension(Extension):
    """Show footnote labels that are numbers (as the source printed them) instead of page order."""

    def extendMarkdown(self, md):
        # After the footnotes extension built the references and the list (its tree-processors run 50-15).
        md.treeprocessors.register(_SourceNumbers(md), "handbook-footnote-numbers", 5)


def makeExtension(**kwargs):
    return FootnoteNumbersExtension(**kwargs)
