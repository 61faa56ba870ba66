"""MkDocs adapter: thin event functions that call the ``handbook`` package and hand MkDocs its output."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from handbook import ContentError, build_site
from handbook.nav import footer_data, navigation

_site = None


def on_config(config):
    """Load and validate the content once per build; a content error stops the build with its messages."""
    global _site
    root = Path(config.config_file_path).parent / "content"
    try:
        _site = build_site(root)
    except ContentError as exc:
        raise PluginError(f"{len(exc.problems)} problem(s) in the content:\n{exc}") from None
    config.extra["hb_publications"] = footer_data(_site.publications)
    config.extra["hb_default"] = next(iter(_site.publications), None)
    return config


def on_files(files, config):
    """Add the generated pages and manifests, and the navigation that lists them."""
    for path, content in {**_site.pages, **_site.manifests}.items():
        files.append(File.generated(config, path, content=content))
    config.nav = navigation(_site.publications, [f.src_uri for f in files.documentation_pages()
                                                 if not f.generated_by])
    return files
