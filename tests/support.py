"""Helpers shared by the tests: project paths, building the site, copying the project."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def mkdocs_build(project: Path, out: Path, *extra: str, env: dict | None = None):
    """Run ``mkdocs build --strict`` of ``project`` into ``out``; return the CompletedProcess."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
                           "-d", str(out), *extra], capture_output=True, text=True, env=env)




def copy_project(dest: Path) -> Path:
    """Copy what a build needs (config, hooks, theme, docs, content) to ``dest``; return it."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "hooks", "overrides", "docs", "content"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest
