"""One entry point for a build: load and validate the content, render pages and manifests.

Used by the MkDocs hook, by ``python -m handbook export`` and by the tests. Between calls it
keeps what it read and rendered, so that ``mkdocs serve`` redoes only the files that changed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .load import Cache, load_content
from .manifest import manifest_json
from .render import page_path, render_index, render_page


@dataclass
class Site:
    """What one build generates: pages {docs path: Markdown}, manifests {site path: JSON}, publications."""

    publications: dict[str, m.Publication]
    pages: dict[str, str]
    manifests: dict[str, str]


@dataclass
class Builder:
    """Builds a Site from a content folder, re-reading and re-rendering only what changed."""

    root: Path
    cache: Cache = field(default_factory=Cache)
    _rendered: dict = field(default_factory=dict)
    renders: int = 0  # how many pages were rendered, for tests and the benchmark

    def build(self) -> Site:
        """Return the generated site; raise ContentError when the content has problems."""
        publications = load_content(self.root, self.cache)
        pages, manifests, fresh = {}, {}, {}
        for pub in publications.values():
            meta = (pub.id, pub.title, pub.subtitle, pub.edition, pub.contents)
            for page in pub.ordered_pages:
                key = (meta, page)
                md = self._rendered.get(key)
                if md is None:
                    md = render_page(pub, page)
                    self.renders += 1
                fresh[key] = md
                pages[page_path(pub, page.id)] = md
            pages[page_path(pub)] = render_index(pub)
            manifests[f"{pub.id}/items.json"] = manifest_json(pub)
        self._rendered = fresh
        return Site(publications, pages, manifests)


_builders: dict[Path, Builder] = {}


def builder_for(root: Path) -> Builder:
    """Return the long-lived Builder of a content folder (one per process, kept across rebuilds)."""
    root = Path(root).resolve()
    if root not in _builders:
        _builders[root] = Builder(root)
    return _builders[root]


def export(root: Path, out: Path) -> list[Path]:
    """Write every generated page and manifest under ``out`` (for a build without the hook); return the paths."""
    site = Builder(Path(root)).build()
    written = []
    for rel, content in {**site.pages, **site.manifests}.items():
        path = Path(out) / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written
