"""Export: the generated pages on disk, alone or as a standalone site that another engine builds with no hook."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

from .build import Site, build_site
from .downloads import without_offer
from .editions import edition_label
from .nav import extra_data, navigation


def export(root: Path, out: Path, config: Path | None = None) -> list[Path]:
    """Write the generated pages and manifests under ``out``; return the paths written.

    With ``config`` (the project's ``mkdocs.yml``), write a standalone site instead: ``out/docs/`` holds the
    hand-written pages beside the generated ones and ``out/mkdocs.yml`` builds them with no hook, so that
    another engine (Zensical) or a plain ``mkdocs build`` can publish the same pages.
    """
    cfg = read_config(Path(config)) if config else None  # a bad config stops the export before it writes anything
    site = build_site(Path(root))
    out = Path(out)
    docs = out / "docs" if config else out
    written = []
    if config:
        written.append(_standalone(Path(config), cfg, site, out))
    for rel, content in {**site.pages, **site.manifests}.items():
        path = docs / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def read_config(config_file: Path) -> dict:
    """Return ``mkdocs.yml`` as MkDocs reads it: ``!ENV`` resolved now, ``INHERIT`` merged, ``!relative`` kept.

    Raise ValueError ("<path>: <what>; <fix>") when it cannot be read, is not YAML or holds no docs folder.
    """
    from mkdocs.config.defaults import MkDocsConfig  # the package's only MkDocs import, used by export alone
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import get_yaml_loader, yaml_load

    loader = get_yaml_loader(config=MkDocsConfig(config_file_path=str(config_file)))
    try:
        with open(config_file, "rb") as fd:  # a file, not text: MkDocs resolves INHERIT relative to its name
            cfg = yaml_load(fd, loader)
    except OSError as exc:
        raise ValueError(f"{config_file}: cannot be read ({exc.strerror}); "
                         "give the path of the project's mkdocs.yml") from None
    except ConfigurationError as exc:
        raise ValueError(f"{config_file}: {exc}; correct the file") from None
    if not isinstance(cfg, dict):
        raise ValueError(f"{config_file}: not a mapping of settings; give the project's mkdocs.yml")
    docs = config_file.parent / cfg.get("docs_dir", "docs")
    if not docs.is_dir():
        raise ValueError(f"{config_file}: its docs folder {docs} is missing; set docs_dir or create the folder")
    return cfg


class _Dumper(yaml.SafeDumper):
    """Writes the config back; MkDocs' ``!relative`` placeholders are the only objects it holds besides data."""


def _relative(dumper: yaml.SafeDumper, value: os.PathLike) -> yaml.Node:
    # $config_dir points at the project, which the exported site is not in; the other forms stay tags,
    # resolved by MkDocs when it builds the export (docs/ is copied along).
    prefix = type(value).__name__
    if prefix == "ConfigDirPlaceholder":
        return dumper.represent_str(os.fspath(value))
    return dumper.represent_scalar("!relative", f"$docs_dir/{value.suffix}" if prefix == "DocsDirPlaceholder" else "")


_Dumper.add_multi_representer(os.PathLike, _relative)


def _standalone(config_file: Path, cfg: dict, site: Site, out: Path) -> Path:
    project = config_file.parent
    src_docs = project / cfg.get("docs_dir", "docs")
    shutil.copytree(src_docs, out / "docs", dirs_exist_ok=True)
    own = sorted(p.relative_to(src_docs).as_posix() for p in src_docs.rglob("*.md"))
    for rel in own:  # the export publishes no offline archive, so it does not offer one
        page = out / "docs" / rel
        page.write_text(without_offer(page.read_text(encoding="utf-8")), encoding="utf-8")
    cfg.pop("hooks", None)
    cfg["docs_dir"] = "docs"
    cfg["watch"] = []
    cfg["nav"] = navigation(site.publications, own)
    cfg.setdefault("extra", {}).update(extra_data(site.publications))
    cfg["extra"]["hb_edition"] = edition_label(os.environ.get("HANDBOOK_EDITION", ""),
                                               os.environ.get("HANDBOOK_EDITION_DATE", ""))
    theme = cfg.get("theme", {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((project / theme["custom_dir"]).resolve())
    path = out / "mkdocs.yml"
    path.write_text(yaml.dump(cfg, Dumper=_Dumper, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path
