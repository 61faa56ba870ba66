"""Browser fixtures: the handbook served on 127.0.0.1, and contexts and pages of the shared browser."""
from __future__ import annotations

import functools
import http.server
import threading
import zipfile
from pathlib import Path

import pytest

import support  # noqa: F401  (puts scripts/ on the path)
from build_offline import TOP, build_archive

SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def site_url(built_site, site_port):
    """Return the base URL of the built site served on 127.0.0.1 for the whole session."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def offline_folder(tmp_path_factory) -> Path:
    """Return the folder the offline archive unpacks into (built once for the session)."""
    tmp = tmp_path_factory.mktemp("offline")
    archive = build_archive(tmp / "handbook-offline.zip")
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(tmp / "unpacked")
    return tmp / "unpacked" / TOP


@pytest.fixture
def context(browser, request):
    """Return a fresh browser context (its own storage), closed after the test.

    Service workers are blocked unless the test is marked ``@pytest.mark.service_workers``: the edition's worker
    would precache the whole site in every context (about 2.7 MB fetched behind each test) and then answer
    requests from its cache, out of reach of ``page.route`` and of what a test serves anew. test_installed_app.py
    tests the worker.
    """
    workers = "allow" if request.node.get_closest_marker("service_workers") else "block"
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers=workers)
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    """Return a new page whose script errors fail the test."""
    pg = context.new_page()
    errors = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    assert not errors, errors


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under tests/browser/screenshots/ and return its path."""
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path

