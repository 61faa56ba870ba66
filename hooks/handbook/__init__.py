"""The handbook generator: content YAML → validated model → Markdown pages and item manifests.

Plain Python with no MkDocs import (only ``export.read_config`` reads ``mkdocs.yml`` with MkDocs' own loader,
imported when called), so the same pages can be written to disk for any engine.
"""
from .build import Site, build_site
from .errors import ContentError, Problem
from .export import export
from .load import load_content
from .render import render_index, render_item, render_page

__all__ = ["ContentError", "Problem", "Site", "build_site", "export", "load_content",
           "render_index", "render_item", "render_page"]
