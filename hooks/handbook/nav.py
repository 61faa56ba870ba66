"""Navigation: hand-written pages and each publication's contents, as an MkDocs ``nav`` list."""
from __future__ import annotations

from . import model as m
from .changes import PAGE_ID as CHANGES, TITLE as CHANGES_TITLE
from .render import page_path
from .workspace import PAGES as WORKSPACE


def navigation(publications: dict[str, m.Publication], doc_pages: list[str], generated=()) -> list:
    """Return the nav: the home page first, then each publication by its contents, the workspace (My assessments,
    Report), then other hand-written pages.

    ``doc_pages`` are the docs-relative paths of the hand-written Markdown pages. No label repeats the one above
    it: a publication's section opens on its overview, a group on the page bearing its title (Material's
    ``navigation.indexes`` shows such an index page as the group's own link), and a group of that page alone
    is the page. The home page is "Home": the sidebar is already titled with the site's name. A publication's
    "What changed in this edition", when ``generated`` (the generated pages' paths) holds it, ends its section.
    """
    nav: list = []
    own = [p for p in doc_pages if not any(p.startswith(f"{pid}/") for pid in publications) and p not in WORKSPACE]
    if "index.md" in own:
        nav.append({"Home": "index.md"})
    for pub in publications.values():
        entries: list = [page_path(pub)]
        for title, opener, rest in pub.groups:
            if opener and not rest:
                entries.append({title: page_path(pub, opener)})
            else:
                ids = (opener, *rest) if opener else rest
                entries.append({title: [{pub.pages[i].heading: page_path(pub, i)} for i in ids]})
        if page_path(pub, CHANGES) in generated:  # only in a build with earlier editions (changes.py)
            entries.append({CHANGES_TITLE: page_path(pub, CHANGES)})
        nav.append({pub.short_title or pub.title: entries})
    nav.extend({title: path} for path, (title, *_) in WORKSPACE.items())
    nav.extend(p for p in sorted(own) if p != "index.md")
    return nav


def footer_data(publications: dict[str, m.Publication]) -> dict:
    """Return each publication's citation and licence, keyed by id, for the page footer template."""
    return {pid: {"title": p.title, "citation": p.citation, "licence": p.licence.name,
                  "licence_url": p.licence.url, "edition": p.edition}
            for pid, p in publications.items()}


def extra_data(publications: dict[str, m.Publication]) -> dict:
    """Return the ``extra`` entries the templates read: each publication's footer data and the default one's id."""
    return {"hb_publications": footer_data(publications), "hb_default": next(iter(publications), None)}
