"""Shared fixtures: the project's folders, a copy of the minimal publication to break, and the one browser."""
from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from support import FIXTURES, ROOT, mkdocs_build


@pytest.fixture
def minimal_content(tmp_path) -> Path:
    """Return a content folder holding a copy of the small valid publication ``demo``."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "minimal", content)
    return content


@pytest.fixture(scope="session")
def site_port() -> int:
    """Return a free port of 127.0.0.1 for the test server (the build needs it in its site_url)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, site_port) -> Path:
    """Return the folder of the whole handbook built once with ``mkdocs build --strict``.

    Its site_url is the test server's address: Material's instant navigation only follows links
    whose port matches the sitemap's.
    """
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out, env={"HANDBOOK_SITE_URL": f"http://127.0.0.1:{site_port}/"})
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def browser():
    """Return a headless Chromium (``HANDBOOK_CHROMIUM``, by default Debian's), shared by the session: one
    Playwright for every test folder (a second ``sync_playwright()`` in the same process is refused)."""
    from playwright.sync_api import sync_playwright

    from chromium import launch  # scripts/, put on the path by support

    with sync_playwright() as pw:
        chromium = launch(pw)
        yield chromium
        chromium.close()

