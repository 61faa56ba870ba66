"""MkDocs adapter: thin event functions that call the ``handbook`` package and hand MkDocs its output."""
from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from handbook import ContentError, build_site
from handbook.csp import iframe_worker_shim, with_policy
from handbook.downloads import ARCHIVE, archive_file, without_offer
from handbook.editions import edition_label, load_editions
from handbook.nav import extra_data, navigation
from handbook.offline_app import WORKER, write_app
from handbook.render import with_edition

log = logging.getLogger("mkdocs.plugins.handbook")
_site = None
_shim = ""
_serving = False
_has_archive = False


def on_startup(command, dirty):
    """Note whether MkDocs serves the site: its live-reload script is inline and new on every request."""
    global _serving
    _serving = command == "serve"


def on_config(config):
    """Load and validate the content once per build; a content error stops the build with its messages."""
    global _site, _shim
    root = Path(config.config_file_path).parent / "content"
    try:
        # Earlier editions (make edition fills the folder from gh-pages); none in a development build.
        history = load_editions(os.environ.get("HANDBOOK_EDITIONS"), os.environ.get("HANDBOOK_EDITION", ""))
        _site = build_site(root, history)
    except ContentError as exc:
        raise PluginError(f"{len(exc.problems)} problem(s) in the content:\n{exc}") from None
    try:
        # The offline build's search runs in iframe-worker's frame, whose inline script the policy must allow.
        _shim = iframe_worker_shim(config.theme.custom_dir, config.extra.get("polyfills", []))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    config.extra.update(extra_data(_site.publications))
    try:
        # The edition and its date, on every page (footer, print header, the hb-edition meta the client reads).
        config.extra["hb_edition"] = edition_label(os.environ.get("HANDBOOK_EDITION", ""),
                                                   os.environ.get("HANDBOOK_EDITION_DATE", ""))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    # Online, the edition is also a web app that works offline: overrides/main.html links the manifest, and the
    # client registers the worker, only when this is set. Not in the file:// archive (built with the offline
    # plugin), and not under `mkdocs serve`, where a cache-first worker would hide every edit from live reload.
    offline = _plugin(config, "offline")
    config.extra["hb_app"] = not _serving and not (offline and offline.config.get("enabled", True))
    return config


def _plugin(config, name):
    """Return the plugin of this name ("search" is Material's "material/search"), or None."""
    return next((plugin for key, plugin in config.plugins.items() if key.split("/")[-1] == name), None)


def on_files(files, config):
    """Add the generated pages and manifests, the navigation that lists them, and the archive if one is published."""
    global _has_archive
    for path, content in {**_site.pages, **_site.manifests}.items():
        files.append(File.generated(config, path, content=content))
    config.nav = navigation(_site.publications, [f.src_uri for f in files.documentation_pages()
                                                 if not f.generated_by], _site.pages)
    try:
        archive = archive_file(Path(config.config_file_path).parent, config.extra.get("hb_offline_archive"))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    _has_archive = archive is not None
    if archive:
        files.append(File.generated(config, ARCHIVE, abs_src_path=str(archive)))
    return files


def on_page_markdown(markdown, page, config, files):
    """Offer the offline archive only in a build that publishes it: elsewhere its link would be dead; name the
    edition in the print header of generated pages."""
    if page.file.generated_by:
        return with_edition(markdown, config.extra["hb_edition"]["text"])
    return markdown if _has_archive else without_offer(markdown)


# Last of all plugins: the policy hashes the inline scripts of the page as it is written.
@event_priority(-100)
def on_post_page(output, page, config):
    """Give every page its Content Security Policy (not under ``mkdocs serve``, which would block live reload)."""
    return output if _serving else with_policy(output, _shim)


@event_priority(-100)
def on_post_template(output_content, template_name, config):
    """Give the pages rendered from a template alone (Material's 404.html) the same policy."""
    if _serving or not template_name.endswith(".html"):
        return output_content
    return with_policy(output_content, _shim)


def on_post_build(config):
    """Write the edition's web app manifest and its service worker, which precaches every file of the edition."""
    if not config.extra.get("hb_app"):
        return
    search = _plugin(config, "search")
    count, size = write_app(Path(config.site_dir), config.site_name, config.site_description or "",
                            (search.config.get("lang") if search else None) or ["en"])
    log.info("Service worker %s precaches %d files, %s bytes", WORKER, count, f"{size:,}")
