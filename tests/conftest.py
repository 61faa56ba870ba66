"""Shared fixtures: the project's folders and a copy of the minimal publication to break."""
from __future__ import annotations

import shutil
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
def built_site(tmp_path_factory) -> Path:
    """Return the folder of the whole handbook built once with ``mkdocs build --strict``."""
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out

