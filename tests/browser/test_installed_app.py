"""The edition as an installable web app: after one visit, every page, search and answering work with the network gone;
a new build replaces only its own edition's cache; Chromium finds the app installable; the file:// archive stays
without a worker (an older edition's notice of the newer one is Material's: tests/build/test_editions_publish.py).
The pages' Content Security Policy is on: the worker and the manifest come from 'self' (default-src)."""
from __future__ import annotations

import functools
import http.server
import shutil
import threading

import pytest
from playwright.sync_api import expect

from chromium import CHROMIUM, CHROMIUM_ARGS
from crawl import search
from handbook.offline_app import WORKER, precache_list, site_files, write_app

pytestmark = pytest.mark.service_workers

FIRST = "security-toolkit/tool-01/"
NEVER_VISITED = "security-toolkit/tool-09/"

# Resolves once the edition's worker is active (it activates only after its precache is complete) with what it
# says of itself, and how many entries its cache holds.
READY = """async () => {
  const registration = await navigator.serviceWorker.ready;
  const worker = registration.active;
  const said = await new Promise(resolve => {
    navigator.serviceWorker.addEventListener("message", e => resolve(e.data), {once: true});
    worker.postMessage("hb-edition");
  });
  const cache = await caches.open(said.cache);
  return {scope: registration.scope, cache: said.cache, files: said.files, cached: (await cache.keys()).length,
          urls: (await cache.keys()).map(r => r.url)};
}"""


def _ready(page) -> dict:
    return page.evaluate(READY)


def _handbook_caches(page) -> list[str]:
    return sorted(page.evaluate("async () => (await caches.keys()).filter(n => n.startsWith('hb-edition|'))"))


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def two_editions(tmp_path, built_site):
    """Serve the built site twice from one server, as mike does with editions: /A/ and /B/. Yield (folder, url)."""
    for edition in ("A", "B"):
        shutil.copytree(built_site, tmp_path / edition)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_after_one_visit_pages_search_and_answers_work_offline(context, page, site_url, built_site):
    requests = []
    context.on("request", lambda r: requests.append(r.url))
    page.goto(site_url + FIRST)
    state = _ready(page)
    expected = precache_list(list(site_files(built_site)))
    assert state["scope"] == site_url
    assert state["files"] == len(expected) == state["cached"]
    assert all(url.startswith(site_url) for url in state["urls"])  # the worker fetches from its own edition only
    assert site_url + NEVER_VISITED + "index.html" in state["urls"]
    assert not any(url.endswith((".map", ".zip")) for url in state["urls"])

    context.set_offline(True)
    page.goto(site_url + NEVER_VISITED)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tool 9")
    expect(search(page, "migrants")).to_contain_text("matching document")
    page.keyboard.press("Escape")
    first = page.get_by_role("radio", name="Yes", exact=True).first
    first.check()
    page.reload()
    expect(page.get_by_role("radio", name="Yes", exact=True).first).to_be_checked()
    page.get_by_role("navigation").get_by_role("link", name="Tool 2: Situation Analysis").first.click()  # instant
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tool 2")
    assert all(url.startswith(site_url) for url in requests)


def test_a_new_build_replaces_its_own_cache_and_leaves_other_editions(context, page, two_editions):
    folder, base = two_editions
    page.goto(base + "B/" + FIRST)
    cache_b = _ready(page)["cache"]
    page.goto(base + "A/" + FIRST)
    old_a = _ready(page)
    assert old_a["scope"] == base + "A/" and cache_b.startswith("hb-edition|" + base + "B/|")
    assert _handbook_caches(page) == sorted([old_a["cache"], cache_b])

    # A new build of edition A: one stylesheet changed, the manifest and worker written again as the hook does.
    css = folder / "A" / "assets" / "handbook.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.hb-rebuilt { color: inherit; }\n", encoding="utf-8")
    worker_before = (folder / "A" / WORKER).read_text(encoding="utf-8")
    write_app(folder / "A", "Handbook", "", ["en"])
    assert (folder / "A" / WORKER).read_text(encoding="utf-8") != worker_before

    # The browser finds the new worker (as on a later visit); it installs the new cache and takes over at once.
    page.evaluate("""async () => {
        const changed = new Promise(resolve => navigator.serviceWorker.addEventListener("controllerchange", resolve));
        await (await navigator.serviceWorker.getRegistration()).update();
        await changed;  // the new worker took over once its cache was complete
        const worker = navigator.serviceWorker.controller;  // activated once it deleted its scope's old caches
        if (worker.state !== "activated") await new Promise(resolve => worker.addEventListener("statechange",
            () => worker.state === "activated" && resolve()));
    }""")
    new_a = _ready(page)
    assert new_a["cache"] != old_a["cache"] and new_a["cached"] == new_a["files"]
    assert _handbook_caches(page) == sorted([new_a["cache"], cache_b])  # edition B's cache survived

    # The next navigation, even offline, has the new build's files.
    context.set_offline(True)
    page.goto(base + "A/" + NEVER_VISITED)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tool 9")
    assert ".hb-rebuilt" in page.evaluate("async (u) => (await fetch(u)).text()", base + "A/assets/handbook.css")


def test_the_edition_is_an_installable_web_app(browser, site_url, tmp_path):
    # A profile on disk: Chromium installs no app from an off-the-record context (Playwright's new_context()).
    context = browser.browser_type.launch_persistent_context(tmp_path / "profile", executable_path=CHROMIUM,
                                                             args=CHROMIUM_ARGS, headless=True)
    try:
        page = context.new_page()
        page.goto(site_url)
        _ready(page)
        manifest = page.evaluate("async () => (await fetch(document.querySelector('link[rel=manifest]').href)).json()")
        assert manifest["start_url"] == manifest["scope"] == "./"
        assert manifest["display"] == "standalone"
        assert {"192x192", "512x512"} <= {icon["sizes"] for icon in manifest["icons"]}
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getAppManifest")["errors"] == []
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    finally:
        context.close()


def test_the_offline_archive_registers_no_worker(browser, offline_folder):
    context = browser.new_context(offline=True)
    try:
        page = context.new_page()
        page.goto((offline_folder / "security-toolkit" / "tool-01.html").as_uri())
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert page.locator("link[rel=manifest]").count() == 0
        assert not (offline_folder / WORKER).exists()
        assert page.evaluate("navigator.serviceWorker === undefined || navigator.serviceWorker.controller === null")
    finally:
        context.close()
