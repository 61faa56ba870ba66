"""One entry point for a build: load and validate the content, render pages and manifests.

Used by the MkDocs hook, by ``python -m handbook export`` and by the tests. Between calls it
keeps what it read and rendered, so that ``mkdocs serve`` redoes only the files that changed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from . import model as m
from .load import Cache, SchemaMemo, load_content
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
    """Return the long-lived Builder of a content folder (one per process, kept across rebuilds).

    Its schema memo lives in ``.cache/handbook/`` beside the content folder, so that a later build of
    unchanged files skips the schema check (and the import of jsonschema).
    """
    root = Path(root).resolve()
    if root not in _builders:
        memo = SchemaMemo(root.parent / ".cache" / "handbook" / "schema-passed.json")
        _builders[root] = Builder(root, Cache(memo=memo))
    return _builders[root]


def export(root: Path, out: Path, config: Path | None = None) -> list[Path]:
    """Write the generated pages and manifests under ``out``; return the paths written.

    With ``config`` (the project's ``mkdocs.yml``), write a standalone site instead: ``out/docs/`` holds the
    hand-written pages beside the generated ones and ``out/mkdocs.yml`` builds them with no hook, so that
    another engine (Zensical) or a plain ``mkdocs build`` can publish the same pages.
    """
    site = Builder(Path(root)).build()
    out = Path(out)
    docs = out / "docs" if config else out
    written = []
    if config:
        written += _standalone(Path(config), site, out)
    for rel, content in {**site.pages, **site.manifests}.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def _standalone(config_file: Path, site: Site, out: Path) -> list[Path]:
    import shutil

    import yaml

    from .nav import footer_data, navigation

    class _Loader(yaml.SafeLoader):
        pass

    def _env(loader, node):  # MkDocs' !ENV [NAME, default]: the build machine's value, resolved now
        names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [node.value]
        return next((os.environ[n] for n in names[:-1] if n in os.environ), names[-1] if len(names) > 1 else None)

    _Loader.add_constructor("!ENV", _env)
    project = config_file.parent
    cfg = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    src_docs = project / cfg.get("docs_dir", "docs")
    shutil.copytree(src_docs, out / "docs", dirs_exist_ok=True)
    own = sorted(p.relative_to(src_docs).as_posix() for p in src_docs.rglob("*.md"))
    cfg.pop("hooks", None)
    cfg["docs_dir"] = "docs"
    cfg["watch"] = []
    cfg["nav"] = navigation(site.publications, own)
    cfg.setdefault("extra", {}).update(hb_publications=footer_data(site.publications),
                                        hb_default=next(iter(site.publications), None))
    theme = cfg.get("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((project / theme["custom_dir"]).resolve())
    path = out / "mkdocs.yml"
    path.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return [path]
