"""Rendering: the content model becomes Markdown pages (Material + pymdown syntax). No file I/O.

Text from the content is Markdown; any HTML in it is escaped so it shows as text. Answer
controls are native inputs in ``md_in_html`` blocks, complete without JavaScript.
"""
from __future__ import annotations

import json
import posixpath
import re
from contextlib import contextmanager
from contextvars import ContextVar
from html import escape

from . import model as m
from .exchange import MAX_TEXT
from .progress import Counted, counted, counted_publication
from .validate import REF_RE
from .vocabulary import ANSWER_KINDS, PHASES, SUBSECTORS


def page_path(pub: m.Publication, page_id: str = "index") -> str:
    """Return the docs-relative path of a generated page, e.g. ``security-toolkit/tool-09.md``.

    A page that opens a group of the contents under the group's own title is the group's index
    (``security-toolkit/section-2/index.md``, same URL): the navigation then shows its title once.
    """
    return f"{pub.id}/{page_id}/index.md" if page_id in group_indexes(pub) else f"{pub.id}/{page_id}.md"


def group_indexes(pub: m.Publication) -> set[str]:
    """Return the ids of the pages that open a group of several pages and bear the group's title."""
    return {opener for _, opener, rest in pub.groups if opener and rest}


def link(pub: m.Publication, here: str, target: str, fragment: str = "") -> str:
    """Return the relative link from page ``here`` of ``pub`` to page ``target`` (``../tool-01.md#t1-q01``)."""
    href = posixpath.relpath(page_path(pub, target), posixpath.dirname(page_path(pub, here)))
    return href + (f"#{fragment}" if fragment else "")


# The page being written, so that text() links from it: (publication, page id), or None for a block rendered alone,
# which links to pages as siblings.
_WRITING: ContextVar[tuple[m.Publication, str] | None] = ContextVar("_WRITING", default=None)
# What the page being written shows of earlier editions (``changes.Past``: new ids, earlier wordings), or None.
_PAST: ContextVar = ContextVar("_PAST", default=None)


@contextmanager
def _writing(pub: m.Publication, page_id: str, past=None):
    token, past_token = _WRITING.set((pub, page_id)), _PAST.set(past)
    try:
        yield
    finally:
        _WRITING.reset(token)
        _PAST.reset(past_token)


def _href(target: str, fragment: str = "") -> str:
    """Return the link to page ``target`` from the page being written (a sibling file when there is none)."""
    here = _WRITING.get()
    if here is None:
        return f"{target}.md" + (f"#{fragment}" if fragment else "")
    return link(here[0], here[1], target, fragment)


def text(value: str) -> str:
    """Return content Markdown with HTML escaped and ``ref:`` links turned into page links."""
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return REF_RE.sub(lambda mt: f"]({_href(mt.group(1), mt.group(2) or '')})", value)


def _inline(value: str) -> str:
    """Return text for a one-line place (a label): paragraphs joined by line breaks."""
    return re.sub(r"\s*\n\s*\n\s*", "<br><br>", text(value).strip()).replace("\n", " ")


def _front_matter(pub: m.Publication, page_id: str, title: str) -> str:
    meta = {"title": title, "publication": pub.id, "hb_page": page_id}
    # The marker tells the client script which publication and page the answers belong to.
    return ("---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items()) + "---\n\n"
            + f'<div hidden data-hb-publication="{pub.id}" data-hb-page="{page_id}"></div>\n\n')


def _reset(scope: str, label: str) -> str:
    """Return the reset control (shown by the client script; without it nothing is stored to reset)."""
    return (f'<div class="hb-reset" data-module="hb-reset" data-scope="{scope}" hidden>'
            f'<button type="button" class="md-button hb-reset__start" data-action="ask">{label}</button>'
            '<div class="hb-reset__confirm" role="group" aria-label="Confirm reset" hidden>'
            '<p class="hb-reset__question"></p>'
            '<button type="button" class="md-button md-button--primary" data-action="reset">Yes, reset</button> '
            '<button type="button" class="md-button" data-action="cancel">Cancel</button></div>'
            '<div class="hb-reset__done" role="status" hidden><p>Answers reset.</p>'
            '<button type="button" class="md-button md-button--primary" data-action="undo">Undo</button></div>'
            '</div>\n')


def _has_items(page: m.Page) -> bool:
    return any(not item.retired for _, item in page.walk_items())


def _counted_attrs(found: Counted, noun: tuple[str, str] = ()) -> str:
    # The build lists the answer ids counted, so the client counts answers by id, never by page, and the page and
    # the overview count the same lists.
    attrs = f'data-items="{" ".join(found.questions)}"'
    if found.selections:
        attrs += f' data-selections="{" ".join(found.selections)}"'
        if noun:
            attrs += f' data-noun-one="{escape(noun[0])}" data-noun-other="{escape(noun[1])}"'
    return attrs


def _progress_text(found: Counted, noun: tuple[str, str] = ()) -> str:
    """Return the progress as shown before any answer: '0 of 15 answered', '0 indicators selected' or both."""
    parts = [f"0 of {len(found.questions)} answered"] if found.questions else []
    if found.selections:
        parts.append(f"0 {noun[1]} selected" if noun else "0 selected")
    return " · ".join(parts)


def _tool_progress(found: Counted, noun: tuple[str, str] = ()) -> str:
    return (f' <span class="hb-tool-progress" data-module="hb-tool-progress" {_counted_attrs(found, noun)} hidden>'
            '</span>')


def _to_answer(found: Counted, noun: tuple[str, str]) -> str:
    """Return what a page asks, for its row in the contents: '(15 questions)', '(31 indicators to choose from)'."""
    parts = [f"{len(found.questions)} question{'s' if len(found.questions) != 1 else ''}"] if found.questions else []
    if found.selections:
        parts.append(f"{len(found.selections)} {noun[1] if noun else 'items'} to choose from")
    return f" ({', '.join(parts)})"


def render_index(pub: m.Publication) -> str:
    """Return the publication's landing page: title, imprint, rights and contents.

    The page is named by the publication's title, in its heading as in the header. The citation is not repeated
    here: the footer of every page, this one included, carries it with the licence.
    """
    with _writing(pub, "index"):
        return _index(pub)


def _index(pub: m.Publication) -> str:
    out = [_front_matter(pub, "index", pub.title), f"# {text(pub.title)}\n"]
    if pub.subtitle:
        out.append(f"*{text(pub.subtitle)}*\n")
    out.append(f"{text(pub.publisher)}, {text(pub.place) + ', ' if pub.place else ''}{pub.year}. "
               f"Edition {text(pub.edition)}.\n")
    out.append(_assessment(pub, "index"))
    out.append(f'<p class="hb-overall"><strong>Your answers:</strong>{_tool_progress(counted_publication(pub))}</p>\n')
    for title, opener, rest in pub.groups:
        # A group opened by its own page ("Section 2: Tools") links from its heading rather than repeat the title.
        if opener:
            out.append(f"## [{text(title)}]({_href(opener)}){_answers_of(pub.pages[opener])}\n")
        else:
            out.append(f"## {text(title)}\n")
        out.extend(f"- [{text(pub.pages[pid].heading)}]({_href(pid)}){_answers_of(pub.pages[pid])}" for pid in rest)
        out.append("")
    out.append(_reset("*", "Reset all answers…"))
    out.append(_imprint(pub))
    return "\n".join(out) + "\n"


def _answers_of(page: m.Page) -> str:
    """Return what a contents line says of a page's answers: how many it asks for, and the reader's progress."""
    found = counted(page)
    return _to_answer(found, page.selection_noun) + _tool_progress(found, page.selection_noun) if found else ""


def _imprint(pub: m.Publication) -> str:
    """Return the ISBNs and the rights statement, which the footer does not carry (it carries the citation)."""
    isbn = "".join(f"ISBN {n} ({f}). " for n, f in pub.isbn)
    return f"{isbn}{text(pub.licence.statement)}".replace("\n", " ") + "\n"


def render_page(pub: m.Publication, page: m.Page, past=None) -> str:
    """Return the Markdown of one page of ``pub``; ``past`` (``changes.Past``) marks the items new in this edition
    and gives each item the wordings earlier editions had."""
    with _writing(pub, page.id, past):
        return _page(pub, page)


def _page(pub: m.Publication, page: m.Page) -> str:
    out = [_front_matter(pub, page.id, page.heading), _print_header(pub, page), _heading(1, page.heading, page.intro)]
    if page.phases:
        phases = ", ".join(PHASES[p] for p in page.phases)
        out.append(f'<p class="hb-phases"><strong>Phase{"s" if len(page.phases) > 1 else ""}:</strong> '
                   f"{phases}</p>\n")
    out.extend(_editorial(note) for note in page.notes)
    for heading, body in (("Why use this tool?", page.why), ("When to use this tool?", page.when),
                          ("How to use this tool?", page.how)):
        if body:
            out.append(_heading(2, heading, body))
    found = counted(page)
    if found:
        out.append(_assessment(pub, page.id))
        out.append(_progress(found, page.selection_noun))
    if found.selections:  # a page with boxes to tick
        out.append(_print_all_control())
    # A tied item shows its first item's answer: where that item is, by tied item's id.
    ties = {item.id: pub.items[item.same_as] for _, item in page.walk_items() if item.same_as}
    for section in page.sections:
        out.append(_section(section, 2, ties, page))
    if page.glossary:
        out.extend(_glossary_entry(e) for e in page.glossary)
    if page.acronyms:
        out.append("| Acronym | Meaning |\n| --- | --- |")
        out.extend(f"| {_cell(a.abbr)} | {_cell(a.expansion)}{_cell_note(a.note)} |" for a in page.acronyms)
        out.append("")
    if page.after:
        out.append(text(page.after) + "\n")
    if page.references:
        out.extend(f"- {text(r)}" for r in page.references)
        out.append("")
    if _has_items(page):
        out.append(_reset(page.id, "Reset answers on this page…"))
    if page.footnotes:
        out.append("")
        out.extend(f"[^{label}]: {_indent(text(body), 4).lstrip()}" for label, body in page.footnotes)
    return "\n".join(out).rstrip() + "\n"


#: Where the print header names the handbook's edition: the MkDocs hook writes it in (``with_edition``), since the
#: pages are rendered once for any edition.
EDITION_MARK = '<span class="hb-print-header__edition"></span>'


def with_edition(markdown: str, text: str) -> str:
    """Return a generated page with the handbook's edition (e.g. "Handbook edition 2023, published …") in its print
    header."""
    return markdown.replace(EDITION_MARK, f'<span class="hb-print-header__edition">{escape(text)} </span>', 1)


def _print_header(pub: m.Publication, page: m.Page) -> str:
    """Return the print-only header: the page, the assessment and the date printed (written by the scripts), the
    edition, the citation."""
    # Excluded from search: every page would otherwise be found by the words of the citation.
    return (f'<div class="hb-print-header" data-module="hb-print" data-search-exclude>'
            f'<p><strong>{escape(page.heading)}</strong><span class="hb-print-header__assessment"></span>'
            '<span class="hb-print-header__date"></span></p>'
            f'<p>{EDITION_MARK}Edition {escape(pub.edition)}. Cite as: {escape(pub.citation)}</p></div>\n')


def _assessment(pub: m.Publication, here: str) -> str:
    """Return the switcher of the active assessment for a page of ``pub``."""
    return assessment_switcher(posixpath.relpath("assessments.md", posixpath.dirname(page_path(pub, here))))


def assessment_switcher(href: str) -> str:
    """Return the switcher of the active assessment, which the client fills, with a link (``href``, to
    ``assessments.md`` from the page) to My assessments."""
    # Shown by the client script (assessments.js), which puts the labelled list of assessments in the empty span;
    # without it no answer is stored, so there is nothing to switch.
    return ('<div class="hb-assessment" data-module="hb-assessment" data-search-exclude="" hidden markdown>\n'
            f'<p markdown="span"><span class="hb-assessment__field"></span> [My assessments]({href})</p>\n'
            '</div>\n')


def _print_all_control() -> str:
    """Return the screen-only switch, for a page with items to tick, that prints the items not ticked too."""
    # Print shows only the ticked items once one is ticked (handbook.css), unless this is on.
    return ('<p class="hb-screen-only hb-print-all" data-module="hb-print-all" data-search-exclude><label>'
            '<input type="checkbox" id="hb-print-all"> Print the items not selected too</label></p>\n')


def _heading(level: int, heading: str, body: str) -> str:
    """Return a heading and its text; a footnote marker opening the text belongs to the heading.

    The source prints some markers on headings ("How to use this tool?⁴⁸"); the YAML writes them at the
    start of the text below, and here they go back onto the heading.
    """
    marker, body = _lead_marker(body)
    return f"{'#' * level} {text(heading)}{marker}\n\n" + (f"{text(body)}\n" if body else "")


def _lead_marker(body: str) -> tuple[str, str]:
    """Split a footnote marker that opens ``body`` off it: ("[^48]", rest) or ("", body)."""
    mark = re.match(r"^(\[\^[A-Za-z0-9-]+\])\s*", body)
    return (mark.group(1), body[mark.end():]) if mark else ("", body)


def _progress(found: Counted, noun: tuple[str, str]) -> str:
    """Return a page's progress display: a status line, and a bar over its questions when it has any."""
    shown = _progress_text(found, noun)
    total = len(found.questions)
    bar = f'<progress max="{total}" value="0">0 of {total}</progress>' if total else ""
    return (f'<div class="hb-progress" data-module="hb-progress" {_counted_attrs(found, noun)} hidden>'
            f'<p class="hb-progress__text" role="status">{shown}</p>{bar}</div>\n')


def _editorial(note: str) -> str:
    """Return a reader's editorial note: Material's collapsible admonition, closed, and its one-line print copy."""
    # Chromium prints a closed <details> closed: print shows the copy instead (handbook.css), on one line; search
    # indexes the note once.
    return ('??? info hb-editorial "Editorial note"\n\n' + _indent(text(note), 4) + "\n\n"
            f'<p class="hb-editorial-print" data-search-exclude="" markdown="span">**Editorial note:** {_inline(note)}</p>\n')


def _indent(value: str, n: int) -> str:
    pad = " " * n
    return "\n".join(pad + line if line.strip() else "" for line in value.splitlines())


def _section(section: m.Section, level: int, ties: dict, page: m.Page) -> str:
    out, body = [], section.text
    if section.title:
        number = f"{text(section.number)} " if section.number else ""
        anchor = f" {{ #{section.id} }}" if section.id else ""
        marker, body = _lead_marker(body)
        out.append(f"{'#' * min(level, 6)} {number}{text(section.title)}{marker}{anchor}\n")
    elif section.id:
        out.append(f'<span id="{section.id}"></span>\n')
    if section.subsectors:
        names = ", ".join(SUBSECTORS[s] for s in section.subsectors)
        out.append(f'<p class="hb-subsectors"><strong>Relevant sub-sectors:</strong> {names}</p>\n')
    if section.note:
        out.append(_editorial(section.note))
    if body:
        out.append(text(body) + "\n")
    past = _PAST.get()
    for item in section.items:
        first, where = (ties[item.id][1], ties[item.id][0]) if item.id in ties else (None, None)
        out.append(render_item(item, first, where if where is not page else None,
                               new=bool(past) and item.id in past.new,
                               earlier=past.earlier.get((first or item).id, ()) if past else ()))
    if section.table:
        out.append(_table(section.table))
    if section.after:
        out.append(text(section.after) + "\n")
    for sub in section.sections:
        out.append(_section(sub, level + 1, ties, page))
    return "\n".join(out)


def render_item(item: m.Item, first: m.Item | None = None, first_page: m.Page | None = None, *, new: bool = False,
                earlier: tuple = ()) -> str:
    """Return the HTML block of one answerable item: a labelled group of native controls and a note.

    A tied item (``same_as``) is given its ``first`` item, whose answer it shows and stores, and ``first_page``
    when that item is on another page. ``new``: the item was not in the previous edition (a mark says so).
    ``earlier``: the wordings earlier editions gave it, as (hash, plain text, edition titles), carried for a
    reader whose answer was given to one of them (``_earlier``).
    """
    num = f'<span class="hb-item__num">{escape(item.number)}</span> ' if item.number else ""
    if new:  # in the label, so a screen reader says it with the question; not indexed; printed
        num = '<span class="hb-item__new" data-search-exclude="">New in this edition</span> ' + num
    retired = " hb-item--retired" if item.retired else ""
    # The controls keep this item's own ids and names (radios sharing a name would be one group across the
    # page); the answer is keyed by the first item's id.
    key = first or item
    attrs = (f'id="{item.id}" class="hb-item hb-item--{item.kind}{retired}" data-module="hb-answer" '
             f'data-item="{key.id}" data-kind="{item.kind}" data-hash="{key.text_hash}"')
    body = [_same_as(first, first_page)] if first else []
    if earlier:
        body.append(_earlier(earlier))
    if item.kind == "tick":
        # md_in_html reads ``markdown`` only on block elements: the paragraph around the checkbox and its label
        # carries it, so the label's Markdown (emphasis, links, footnote markers) is rendered.
        head = (f'<div {attrs} role="group" aria-labelledby="hb-{item.id}-label" markdown>\n'
                f'<p markdown="span"><input type="checkbox" id="hb-{item.id}" name="{item.id}" value="yes">\n'
                f'<label for="hb-{item.id}" id="hb-{item.id}-label">{num}{_inline(item.text)}</label></p>\n')
        tail = "</div>\n"
    else:
        head = f'<fieldset {attrs} markdown>\n'
        if item.kind == "text":
            head += (f'<legend markdown="span"><label for="hb-{item.id}">{num}{_inline(item.text)}</label></legend>\n'
                     f'<textarea id="hb-{item.id}" name="{item.id}" rows="3" maxlength="{MAX_TEXT}"></textarea>\n')
        else:
            kind = "checkbox" if item.kind == "roles" else "radio"
            head += f'<legend markdown="span">{num}{_inline(item.text)}</legend>\n<div class="hb-choices">\n'
            for value, label in ANSWER_KINDS[item.kind].items():
                name = f"{item.id}-{value}" if kind == "checkbox" else item.id
                head += (f'<label class="hb-choice"><input type="{kind}" name="{name}" value="{value}">'
                         f' {label}</label>\n')
            head += "</div>\n"
        tail = "</fieldset>\n"
    if item.retired:
        body.append('<p class="hb-item__retired">This item is no longer in the current edition. It is kept so that '
                    'an answer given to it is not lost; it does not count towards progress.</p>\n')
    for detail in item.details:
        body.append(f'<div class="hb-item__detail" markdown>\n\n**{text(detail.label)}**\n\n{text(detail.text)}\n\n</div>\n')
    if item.note:
        body.append(f'<div class="hb-item__note" markdown>\n\n{_editorial(item.note)}\n</div>\n')
    if item.kind != "text":  # a text item is a note already
        about = escape(f"{item.number} {_short(item.text)}".strip().replace("  ", " "))
        # The summary names its question to a screen reader too: a list of controls holds many "Add a note".
        body.append(f'<details class="hb-note"><summary><span class="hb-note__action">Add a note</span>'
                    f'<span class="hb-visually-hidden"> on {about}</span></summary><textarea id="hb-{item.id}-note" '
                    f'name="{item.id}-note" rows="3" maxlength="{MAX_TEXT}" aria-label="Note on {about}"></textarea>'
                    # The "something must be done" flag the report gathers with the gaps; named like the summary.
                    f'<label class="hb-flag"><input type="checkbox" class="hb-flag__box" id="hb-{item.id}-flag" '
                    f'name="{item.id}-flag" value="yes"> Something must be done<span class="hb-visually-hidden"> '
                    f'about {about}</span></label></details>\n')
    return head + "".join(body) + tail


def _earlier(earlier: tuple) -> str:
    """Return the earlier wordings of an item, hidden until the reader's stored answer was given to one of them.

    answers.js marks such an item ``hb-item--stale`` and shows the wording whose hash the answer holds (with the
    class ``hb-item--earlier``); handbook.css hides the disclosure otherwise, on screen and in print.
    """
    wordings = "".join(f'<div class="hb-earlier__wording" data-hash="{escape(h)}" hidden><p>The wording you answered '
                       f'(edition {escape(", ".join(editions))}):</p><blockquote><p>{escape(wording)}</p></blockquote>'
                       "</div>" for h, wording, editions in earlier)
    return ('<details class="hb-earlier" data-search-exclude=""><summary>Changed since you answered: see the wording '
            f"you answered</summary>{wordings}</details>\n")


def _same_as(first: m.Item, page: m.Page | None) -> str:
    """Return the line that tells a tied item's reader its answer is the first item's, with a link to it."""
    # The link's words say what it leads to, read alone in a list of links: "question 2", not "2".
    name = f"question {first.number.rstrip('.')}" if first.number else _short(first.text)
    target = _href(page.id, first.id) if page else f"#{first.id}"
    where = f" in {text(page.heading)}" if page else ""
    # A div, not a paragraph: a tick item lays out its paragraph beside the checkbox, and this line goes below.
    return (f'<div class="hb-item__same" markdown="span">Same question as [{text(name)}{where}]({target}): '
            'your answer there is shown here.</div>\n')


def _short(value: str, limit: int = 60) -> str:
    """Return the start of an item's text as plain words, for a label: at most ``limit`` characters."""
    words = re.sub(r"\s+", " ", _plain(re.sub(r"\[\^[^\]]+\]", "", value)))
    return words if len(words) <= limit else words[:limit].rsplit(" ", 1)[0] + "…"


def _glossary_entry(entry: m.GlossaryEntry) -> str:
    out = [f"## {text(entry.term)} {{ #{entry.id} }}\n", text(entry.definition) + "\n"]
    if entry.note:
        out.append(_editorial(entry.note))
    return "\n".join(out)


def _cell(value: str) -> str:
    return text(value).strip().replace("|", "\\|").replace("\n\n", "<br><br>").replace("\n", " ")


def _cell_note(note: str) -> str:
    return f"<br>*Editorial note: {_cell(note)}*" if note else ""


def _table(table: m.Table) -> str:
    """Return a table as HTML whose cells carry their column name, so phones can show it stacked."""
    # md_in_html parses a cell's Markdown only when every element around it asks for it.
    out = ['<div class="hb-table" markdown>']
    if table.caption:  # a paragraph, not <caption>: md_in_html does not parse Markdown in a caption
        out.append(f'<p class="hb-table__caption" markdown="span"><strong>{_inline(table.caption)}</strong></p>')
    out.append('<table markdown="1">')
    out.append('<thead markdown="1"><tr markdown="1">' + "".join(f'<th scope="col" markdown="span">{_inline(c)}</th>'
                                        for c in table.columns) + "</tr></thead>")
    out.append('<tbody markdown="1">')
    for row in table.rows:
        cells = list(row) + [""] * (len(table.columns) - len(row))
        out.append('<tr markdown="1">' + "".join(
            f'<td data-label="{escape(_plain(col))}" markdown="block">\n\n{text(cell)}\n\n</td>'
            for col, cell in zip(table.columns, cells)) + "</tr>")
    out += ["</tbody>", "</table>", "</div>", ""]
    return "\n".join(out)


def _plain(value: str) -> str:
    """Return text without Markdown emphasis or link syntax, for attributes."""
    return re.sub(r"\[([^\]]*)\]\([^)]*\)|[*_`]", lambda mt: mt.group(1) or "", value).strip()
