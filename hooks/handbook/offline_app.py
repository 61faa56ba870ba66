"""The edition as an installable web app that works offline: its web app manifest and its service worker.

Both sit at the edition's root (``/`` in a plain build, ``/2023/`` under mike), so the worker's scope is the
edition. The worker precaches every file of the edition on install and answers from that cache first; its cache is
named by its scope and by the build's id, so a new build of an edition installs a new cache and deletes only the
old caches of its own scope: editions served side by side never evict each other. Pure functions: the hook lists
the built files and writes what they return (README "Offline").
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

MANIFEST = "manifest.webmanifest"
WORKER = "sw.js"
THEME_COLOUR = "#4051b5"  # Material's indigo, the palette's primary colour
BACKGROUND = "#ffffff"
ICONS = [("assets/icons/icon-192.png", "192x192", "any"), ("assets/icons/icon-512.png", "512x512", "any"),
         ("assets/icons/icon-maskable-512.png", "512x512", "maskable")]
# Never precached: source maps (for developers), the offline archive (the edition itself, zipped), the gzipped
# copy of the sitemap (for crawlers) and the worker itself (the browser keeps it).
_SKIP_SUFFIXES = (".map", ".zip", ".xml.gz")
_LUNR = "assets/javascripts/lunr/"


def web_manifest(name: str, description: str) -> str:
    """Return the web app manifest of an edition: start page and scope its root, standalone, the theme's colours."""
    return json.dumps({
        "name": name,
        "short_name": "Handbook",
        "description": " ".join(description.split()),
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND,
        "icons": [{"src": src, "sizes": sizes, "type": "image/png", "purpose": purpose}
                  for src, sizes, purpose in ICONS],
    }, indent=2, ensure_ascii=False) + "\n"


def _lunr_needed(path: str, languages: list[str]) -> bool:
    """Whether Material's search worker loads this lunr file for the search languages (English needs none)."""
    name = path[len(_LUNR):]
    others = [lang for lang in languages if lang != "en"]
    wanted = {f"min/lunr.{lang}.min.js" for lang in others}
    if others:
        wanted.add("min/lunr.stemmer.support.min.js")
    if len(languages) > 1:
        wanted.add("min/lunr.multi.min.js")
    if "ja" in languages:
        wanted.add("tinyseg.js")
    if {"hi", "th"} & set(languages):
        wanted.add("wordcut.js")
    return name in wanted


def precache_list(paths: list[str], languages: list[str] = ("en",)) -> list[str]:
    """Return the site-relative paths (``/``-separated) the worker precaches, sorted: every file but the skipped."""
    keep = []
    for path in paths:
        if path == WORKER or path.endswith(_SKIP_SUFFIXES):
            continue
        if path.startswith(_LUNR) and not _lunr_needed(path, list(languages)):
            continue
        keep.append(path)
    return sorted(keep)


def build_id(files: dict[str, bytes]) -> str:
    """Return the id of a build: a hash of its precached paths and of each one's content."""
    digest = hashlib.sha256()
    for path in sorted(files):
        digest.update(path.encode("utf-8") + b"\0" + hashlib.sha256(files[path]).digest())
    return digest.hexdigest()[:16]


def service_worker(paths: list[str], build: str) -> str:
    """Return the service worker script that precaches ``paths`` (relative to its own folder) under build ``build``.

    Install: precache every path (the page registers the worker after it loaded; the worker takes over at once,
    so the next navigation uses the new cache, and nothing reloads the page being answered). Activate: delete the
    other caches of this scope only. Fetch: a GET inside the scope is answered from the cache (a directory URL by
    its index.html, the query ignored: search results link with ?h=), else from the network.
    """
    return _WORKER_JS.replace("__PATHS__", json.dumps(paths, indent=0)).replace("__BUILD__", json.dumps(build))


def site_files(site_dir: Path) -> dict[str, bytes]:
    """Return every file of a built site, by site-relative path, with its content."""
    return {p.relative_to(site_dir).as_posix(): p.read_bytes() for p in sorted(site_dir.rglob("*")) if p.is_file()}


def write_app(site_dir: Path, name: str, description: str, languages: list[str]) -> tuple[int, int]:
    """Write the manifest and then the worker into a built site; return how many files and bytes it precaches."""
    (site_dir / MANIFEST).write_text(web_manifest(name, description), encoding="utf-8")
    files = site_files(site_dir)
    paths = precache_list(list(files), languages)
    (site_dir / WORKER).write_text(service_worker(paths, build_id({p: files[p] for p in paths})), encoding="utf-8")
    return len(paths), sum(len(files[p]) for p in paths)


_WORKER_JS = """/* The edition's service worker, written by the build (hooks/handbook/offline_app.py): the whole edition cached
 * on install, answered from that cache first, so the handbook works with the network gone. */
"use strict";
var BUILD = __BUILD__;
var PATHS = __PATHS__;
var SCOPE = self.registration.scope;
var PREFIX = "hb-edition|" + SCOPE + "|";
var NAME = PREFIX + BUILD;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(NAME).then(function (cache) {
    return cache.addAll(PATHS.map(function (path) { return new Request(new URL(path, SCOPE).href, { cache: "no-cache" }); }));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== NAME;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET" || request.url.indexOf(SCOPE) !== 0) return;
  var url = new URL(request.url);
  var key = url.origin + url.pathname + (/\\/$/.test(url.pathname) ? "index.html" : "");
  event.respondWith(caches.open(NAME).then(function (cache) { return cache.match(key); }).then(function (hit) {
    return hit || fetch(request);
  }));
});

/* The page asks which build and how many files: the tests read it to know the precache is complete. */
self.addEventListener("message", function (event) {
  if (event.data === "hb-edition") event.source.postMessage({ cache: NAME, files: PATHS.length });
});
"""
