"""Copy the parts of the project a build needs, for scratch builds in benchmarks and tests."""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_PARTS = ("mkdocs.yml", "hooks", "overrides", "docs", "content")


def copy_project(dest: Path, content: bool = True) -> Path:
    """Copy config, hooks, theme, docs and (unless ``content`` is False) content to ``dest``; return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in BUILD_PARTS if content else BUILD_PARTS[:-1]:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest
