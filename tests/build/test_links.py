"""No dead link in a build: every relative link of every page reaches a file of the build, and its #fragment an id."""
from __future__ import annotations

import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from handbook.downloads import ARCHIVE
from support import ROOT, mkdocs_build


class _Links(HTMLParser):
    """Collects the ``href`` of every element and the ``id`` of every element of one page."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("href") is not None:
            self.hrefs.append(a["href"])
        if a.get("id"):
            self.ids.add(a["id"])


def _parse(path: Path) -> _Links:
    links = _Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def dead_links(site: Path) -> list[str]:
    """Return ``page: href`` for every relative link of the site's pages whose file or fragment is missing."""
    pages = {p: _parse(p) for p in site.rglob("*.html")}
    dead = []
    for page, links in pages.items():
        for href in links.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("/"):
                continue  # another site, or the site's own address (canonical): not a file of this folder
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            fragment = unquote(parts.fragment)
            if not target.is_file():
                dead.append(f"{page.relative_to(site)}: {href} (no file)")
            elif fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                dead.append(f"{page.relative_to(site)}: {href} (no id {fragment!r})")
    return dead


def test_every_relative_link_of_the_plain_build_resolves(built_site):
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 25  # every page of the handbook, not an empty folder
    assert sum(len(_parse(p).hrefs) for p in pages) > 1000
    assert dead_links(built_site) == []


def test_the_plain_build_does_not_offer_the_archive_it_does_not_have(built_site):
    assert not (built_site / ARCHIVE).exists()
    assert ARCHIVE not in (built_site / "index.html").read_text(encoding="utf-8")


def test_a_build_naming_the_archive_publishes_it_and_offers_it(tmp_path):
    archive = tmp_path / "handbook-offline.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("handbook/index.html", "<!doctype html><title>Offline</title>")
    out = tmp_path / "site"
    result = mkdocs_build(ROOT, out, env={"HANDBOOK_OFFLINE_ARCHIVE": str(archive)})
    assert result.returncode == 0, result.stderr
    home = _parse(out / "index.html")
    assert ARCHIVE in home.hrefs
    assert (out / ARCHIVE).read_bytes() == archive.read_bytes()
    assert dead_links(out) == []


def test_a_build_naming_a_missing_archive_stops_and_says_so(tmp_path):
    result = mkdocs_build(ROOT, tmp_path / "site", env={"HANDBOOK_OFFLINE_ARCHIVE": str(tmp_path / "none.zip")})
    assert result.returncode != 0
    assert "none.zip is not a file" in result.stderr


def test_every_relative_link_of_the_offline_build_resolves(tmp_path):
    out = tmp_path / "offline"
    result = mkdocs_build(ROOT, out, config="mkdocs.offline.yml")
    assert result.returncode == 0, result.stderr
    assert ARCHIVE not in (out / "index.html").read_text(encoding="utf-8")  # the archive does not hold itself
    assert dead_links(out) == []
