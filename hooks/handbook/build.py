"""One entry point for a build: load and validate the content, render pages and manifests.

Used by the MkDocs hook, by ``python -m handbook export`` and by the tests. Every call reads and renders
everything again: rendering all pages takes a few milliseconds, so ``mkdocs serve`` needs no cache.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import model as m
from .load import load_content
from .manifest import manifest_json
from .render import page_path, render_index, render_page


@dataclass
class Site:
    """What one build generates: pages {docs path: Markdown}, manifests {site path: JSON}, publications."""

    publications: dict[str, m.Publication]
    pages: dict[str, str]
    manifests: dict[str, str]


def build_site(root: Path) -> Site:
    """Return the generated site of the content folder ``root``; raise ContentError when it has problems."""
    publications = load_content(root)
    pages, manifests = {}, {}
    for pub in publications.values():
        for page in pub.ordered_pages:
            pages[page_path(pub, page.id)] = render_page(pub, page)
        pages[page_path(pub)] = render_index(pub)
        manifests[f"{pub.id}/items.json"] = manifest_json(pub)
    return Site(publications, pages, manifests)


def export(root: Path, out: Path, config: Path | None = None) -> list[Path]:
    """Write the generated pages and manifests under ``out``; return the paths written.

    With ``config`` (the project's ``mkdocs.yml``), write a standalone site instead: ``out/docs/`` holds the
    hand-written pages beside the generated ones and ``out/mkdocs.yml`` builds them with no hook, so that
    another engine (Zensical) or a plain ``mkdocs build`` can publish the same pages.
    """
    site = build_site(Path(root))
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
