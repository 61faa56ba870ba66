"""MkDocs adapter: thin event functions that call the ``handbook`` package and hand MkDocs its output."""
from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from handbook import ContentError, build_site
from handbook.csp import with_policy
from handbook.downloads import ARCHIVE, without_offer
from handbook.nav import footer_data, navigation

_site = None
_shim = ""
_serving = False


def on_startup(command, dirty):
    """Note whether MkDocs serves the site: its live-reload script is inline and new on every request."""
    global _serving
    _serving = command == "serve"


def on_config(config):
    """Load and validate the content once per build; a content error stops the build with its messages."""
    global _site, _shim
    root = Path(config.config_file_path).parent / "content"
    try:
        _site = build_site(root)
    except ContentError as exc:
        raise PluginError(f"{len(exc.problems)} problem(s) in the content:\n{exc}") from None
    config.extra["hb_publications"] = footer_data(_site.publications)
    config.extra["hb_default"] = next(iter(_site.publications), None)
    # The offline build's search runs in iframe-worker's frame, whose inline script the policy must allow.
    shims = [p for p in config.extra.get("polyfills", []) if "iframe-worker" in p]
    _shim = "".join(Path(config.theme.custom_dir, p).read_text(encoding="utf-8") for p in shims)
    return config


def on_files(files, config):
    """Add the generated pages and manifests, and the navigation that lists them."""
    for path, content in {**_site.pages, **_site.manifests}.items():
        files.append(File.generated(config, path, content=content))
    config.nav = navigation(_site.publications, [f.src_uri for f in files.documentation_pages()
                                                 if not f.generated_by])
    archive = config.extra.get("hb_offline_archive")
    if archive:
        path = Path(config.config_file_path).parent / archive
        if not path.is_file():
            raise PluginError(f"extra.hb_offline_archive: {archive} is not a file; build it with `make offline`")
        files.append(File.generated(config, ARCHIVE, abs_src_path=str(path)))
    return files


def on_page_markdown(markdown, page, config, files):
    """Offer the offline archive only in a build that publishes it: elsewhere its link would be dead."""
    return markdown if files.get_file_from_path(ARCHIVE) else without_offer(markdown)


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
