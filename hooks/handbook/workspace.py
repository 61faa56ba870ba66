"""The reader's workspace: the pages that gather answers across publications ("My assessments", the report and the
comparison of monitoring rounds).

Answers live in the reader's browser, so these pages are shells that the client fills: each carries, as JSON data
(``<script type="application/json" id="hb-data">``, which no browser runs and search skips), what the client needs
to name, group and export the answers: every publication's citation, licence and edition, its pages and its items
(the manifest, ``manifest.py``) with each item's wording as plain text, and the words of each answer. Each page also
lists every answerable page as a link (``data-hb-page``), which MkDocs writes for any URL style; the client links an
answer back to its item through it, and a reader without JavaScript gets the list of tools to open.
"""
from __future__ import annotations

import json
import re

from . import model as m
from .render import assessment_switcher, page_path
from .vocabulary import ANSWER_KINDS

#: The workspace's pages: docs path → (title, its client components as (module, script that holds it),
#: introduction). The report and the comparison show the active assessment, so they open with the switcher the tool
#: pages have. ``hb-rounds`` (rounds.js) draws nothing: it brings the rounds (``HB.rounds``) to the pages whose
#: own component (manage.js, report.js) lists and saves them.
PAGES = {
    "assessments.md": ("My assessments", (("hb-assessments", "manage"), ("hb-rounds", "rounds"),
                                          ("hb-transfer", "transfer")),
                       "An assessment holds your answers for one use of the handbook, such as one intervention. "
                       "Every page answers into the active assessment. Export one to keep it or to give it to "
                       "someone, and import it in another browser ([the export format](export-format.md))."),
    "report.md": ("Report", (("hb-report", "report"), ("hb-rounds", "rounds"), ("hb-transfer", "transfer")),
                  "The answers of the active assessment, tool by tool, ready to print or save as PDF."),
    "compare.md": ("Compare rounds", (("hb-compare", "rounds"),),
                   "A round is a dated, read-only copy of an assessment's answers, saved on "
                   "[My assessments](assessments.md) or on the [Report](report.md) for periodic monitoring. "
                   "Compare two rounds, or a round with the current answers, item by item."),
}
#: The pages that open with the assessment switcher (My assessments lists and switches the assessments itself).
SWITCHER = ("report.md", "compare.md")

#: The workspace's pages linked by name (data-hb-to): the client links between them through these, in any URL style.
_WORKSPACE_LINKS = " · ".join(f'[{title}]({path}){{ data-hb-to="{path[:-3]}" }}' for path, (title, *_) in PAGES.items())

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
_EMPHASIS = re.compile(r"(?<!\w)(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1(?!\w)")


def plain(value: str) -> str:
    """Return content Markdown as plain text: links become their label, footnote marks and emphasis go."""
    value = _FOOTNOTE.sub("", value)
    value = _LINK.sub(lambda mt: mt.group(1), value)
    value = _EMPHASIS.sub(lambda mt: mt.group(2), value)
    return re.sub(r"\s+", " ", value).strip()


def workspace_data(publications: dict[str, m.Publication], manifests: dict[str, dict],
                   earlier: dict | None = None) -> dict:
    """Return what the workspace's client needs: publications with pages and items, and the answers' words.

    ``manifests``: each publication's manifest by id (``manifest.manifest``, computed once per build), left as is.

    ``earlier``: by publication id and item id, the wordings earlier editions gave an item, as (hash, plain text,
    editions) (``changes.Past.earlier``); an item that has some carries them as ``earlier: {hash: text}``, so the
    report shows the wording an answer was given to."""
    pubs = []
    for pub in publications.values():
        data, before = manifests[pub.id], (earlier or {}).get(pub.id, {})
        items = [dict(item, text=plain(item["text"])) for item in data["items"]]
        for item in items:
            if before.get(item["id"]):
                item["earlier"] = {h: wording for h, wording, _ in before[item["id"]]}
        pages = [{"id": page.id, "heading": page.heading, "noun": list(page.selection_noun or ())}
                 for page in _answerable(pub)]
        pubs.append({"id": pub.id, "title": pub.title, "short_title": pub.short_title or pub.title,
                     "edition": pub.edition, "year": pub.year, "citation": pub.citation,
                     "licence": {"name": pub.licence.name, "url": pub.licence.url,
                                 "statement": " ".join(pub.licence.statement.split())},
                     "pages": pages, "items": items, "progress": data["progress"]})
    return {"publications": pubs, "kinds": ANSWER_KINDS}


def _answerable(pub: m.Publication) -> list[m.Page]:
    return [page for page in pub.ordered_pages if any(True for _ in page.walk_items())]


def _data_block(publications: dict[str, m.Publication], manifests: dict[str, dict], earlier: dict | None) -> str:
    text = json.dumps(workspace_data(publications, manifests, earlier), ensure_ascii=False, separators=(",", ":"))
    # Every "<" escaped: neither "</script>" nor "<!--" followed by "<script" (which keeps the element open) can
    # end or bend the script element; JSON reads \u003c back as "<".
    return '<script type="application/json" id="hb-data">' + text.replace("<", "\\u003c") + "</script>\n"


def _page_links(publications: dict[str, m.Publication]) -> str:
    out = []
    for pub in publications.values():
        out.append(f"**{pub.short_title or pub.title}**\n")
        for page in _answerable(pub):
            out.append(f'- [{page.heading}]({page_path(pub, page.id)}){{ data-hb-page="{pub.id}/{page.id}" }}')
        out.append("")
    return "\n".join(out)


def render_workspace(publications: dict[str, m.Publication], manifests: dict[str, dict],
                     earlier: dict | None = None) -> dict[str, str]:
    """Return the workspace's pages as {docs path: Markdown} (``earlier``: see ``workspace_data``)."""
    data, links = _data_block(publications, manifests, earlier), _page_links(publications)
    pages = {}
    for path, (title, components, intro) in PAGES.items():
        roots = "".join(f'<div class="hb-workspace" data-module="{module}" data-hb-script="{script}"></div>\n\n'
                        for module, script in components)
        switcher = assessment_switcher("assessments.md") + "\n" if path in SWITCHER else ""
        pages[path] = (
            f"---\ntitle: {json.dumps(title)}\n---\n\n# {title}\n\n{intro}\n\n{switcher}{roots}"
            '<div class="hb-needs-js" data-search-exclude markdown>\n\n'
            "Your answers are kept in this browser, on this device, and nowhere else. Giving, keeping and showing "
            "them needs JavaScript, which is off or blocked in this browser. You can still read every page and "
            "print blank worksheets:\n\n"
            f"{links}\n{_WORKSPACE_LINKS}\n</div>\n\n{data}")
    return pages
