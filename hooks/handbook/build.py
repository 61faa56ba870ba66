"""One entry point for a build: load and validate the content, render pages and manifests.

Used by the MkDocs hook, by ``python -m handbook export`` (``export.py``) and by the tests. Every call reads and
renders everything again (all pages render in a few milliseconds, so ``mkdocs serve`` keeps nothing in memory);
only which files passed the schema check is remembered, on disk (``load.SchemaMemo``).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import model as m
from .changes import PAGE_ID as CHANGES_PAGE, past, render_changes
from .editions import Edition, check_history
from .errors import ContentError
from .exchange import SCHEMA_PATH, schema_json
from .load import SchemaMemo, load_content
from .manifest import manifest, manifest_json
from .render import page_path, render_index, render_page
from .workspace import render_workspace


@dataclass
class Site:
    """What one build generates: pages {docs path: Markdown}, manifests {site path: JSON}, publications, and the
    earlier editions it was built against (oldest first; ``editions.py``)."""

    publications: dict[str, m.Publication]
    pages: dict[str, str]
    manifests: dict[str, str]
    history: tuple[Edition, ...] = ()


def build_site(root: Path, history: list[Edition] | tuple[Edition, ...] = ()) -> Site:
    """Return the generated site of the content folder ``root``; raise ContentError when it has problems.

    ``history``: the editions published before this one, oldest first (``editions.load_editions``). The schema
    memo lives in ``.cache/handbook/`` beside the content folder.
    """
    root = Path(root).resolve()
    publications = load_content(root, SchemaMemo(root.parent / ".cache" / "handbook" / "schema-passed.json"))
    if history:  # an id published before must stay, and keep asking the same question (editions.py)
        problems = check_history(publications, history[-1])
        if problems:
            raise ContentError(problems)
    pages, manifests, earlier, data_of = {}, {}, {}, {}
    for pub in publications.values():
        data = data_of[pub.id] = manifest(pub)
        # What the earlier editions tell: items new in this edition, earlier wordings (changes.py); none without.
        seen = past(pub.id, history, data)
        earlier[pub.id] = seen.earlier
        for page in pub.ordered_pages:
            pages[page_path(pub, page.id)] = render_page(pub, page, seen)
        pages[page_path(pub)] = render_index(pub)
        changes = render_changes(pub, data, history)
        if changes is not None:
            pages[page_path(pub, CHANGES_PAGE)] = changes
        manifests[f"{pub.id}/items.json"] = manifest_json(data)
    manifests[SCHEMA_PATH] = schema_json()  # the export format's schema (exchange.py)
    pages.update(render_workspace(publications, data_of, earlier))
    return Site(publications, pages, manifests, tuple(history))
