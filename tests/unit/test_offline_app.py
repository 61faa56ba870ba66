"""The generator of the edition's web app: what its service worker precaches, and the build id that renews its cache."""
from __future__ import annotations

import json

from handbook.offline_app import build_id, precache_list, service_worker, web_manifest, write_app

BUILT = ["index.html", "security-toolkit/tool-09/index.html", "search/search_index.json",
         "assets/javascripts/workers/search.a7633da7.min.js", "assets/javascripts/workers/search.a7633da7.min.js.map",
         "assets/javascripts/bundle.min.js.map", "downloads/handbook-offline.zip", "sitemap.xml", "sitemap.xml.gz",
         "sw.js", "manifest.webmanifest", "assets/javascripts/lunr/wordcut.js",
         "assets/javascripts/lunr/min/lunr.de.min.js", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js"]


def test_precache_list_holds_the_pages_and_search_but_not_the_archive_maps_or_worker():
    paths = precache_list(BUILT)
    assert paths == ["assets/javascripts/workers/search.a7633da7.min.js", "index.html", "manifest.webmanifest",
                     "search/search_index.json", "security-toolkit/tool-09/index.html", "sitemap.xml"]


def test_precache_list_keeps_the_lunr_files_search_loads_for_other_languages():
    paths = precache_list(BUILT, ["en", "de"])
    assert "assets/javascripts/lunr/min/lunr.de.min.js" in paths
    assert "assets/javascripts/lunr/min/lunr.stemmer.support.min.js" in paths
    assert "assets/javascripts/lunr/wordcut.js" not in paths


def test_build_id_changes_when_a_file_changes_or_is_added_and_only_then():
    files = {"index.html": b"<p>one</p>", "assets/a.css": b"p{}"}
    same = build_id(dict(files))
    assert build_id(files) == same
    assert build_id({**files, "index.html": b"<p>two</p>"}) != same
    assert build_id({**files, "new/index.html": b""}) != same


def test_service_worker_lists_its_files_and_build():
    js = service_worker(["index.html", "tool-09/index.html"], "abc123")
    assert 'var BUILD = "abc123";' in js
    assert json.loads(js.split("var PATHS = ", 1)[1].split(";", 1)[0]) == ["index.html", "tool-09/index.html"]
    assert "http" not in js.replace("https://", "")  # no other host: every URL is relative to the worker's scope


def test_manifest_is_scoped_to_the_edition():
    manifest = json.loads(web_manifest("Handbook of things", "A  handbook\n of things."))
    assert manifest["start_url"] == manifest["scope"] == "./"
    assert manifest["description"] == "A handbook of things."
    assert [i["purpose"] for i in manifest["icons"]] == ["any", "any", "maskable"]


def test_write_app_renews_the_worker_after_a_change(tmp_path):
    (tmp_path / "index.html").write_text("<p>one</p>", encoding="utf-8")
    (tmp_path / "handbook-offline.zip").write_bytes(b"PK")
    count, size = write_app(tmp_path, "Handbook", "", ["en"])
    first = (tmp_path / "sw.js").read_text(encoding="utf-8")
    assert (count, size) == (2, len("<p>one</p>") + len((tmp_path / "manifest.webmanifest").read_bytes()))
    assert "handbook-offline.zip" not in first
    write_app(tmp_path, "Handbook", "", ["en"])
    assert (tmp_path / "sw.js").read_text(encoding="utf-8") == first  # the same build: the same worker
    (tmp_path / "index.html").write_text("<p>two</p>", encoding="utf-8")
    write_app(tmp_path, "Handbook", "", ["en"])
    assert (tmp_path / "sw.js").read_text(encoding="utf-8") != first
