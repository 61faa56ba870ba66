"""Helpers shared by the tests: project paths, building the site, copying the project."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from project import copy_project  # noqa: E402,F401  (scratch copies of the project, shared with the benchmark)
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: Words that tell of the text extraction the handbook was made from, not of the publication: no reader note and no
#: page uses them (mends go to the editors' ``mended:`` field, which is never shown).
#: (Not "extracted" alone: the toolkit itself says results can be "extracted from the tool".)
EXTRACTION_WORDS = re.compile(r"\b(the|in|an) extract(ion)?\b|extracted text|text extraction|as extracted|\bOCR\b"
                              r"|text file|\bstray\b|garbl\w*|\blayers?\b|mangled|\bjunk\b|the PDF|did not survive"
                              r"|in the source\b", re.IGNORECASE)


def mkdocs_build(project: Path, out: Path, *extra: str, env: dict | None = None, config: str = "mkdocs.yml"):
    """Run ``mkdocs build --strict`` of ``project``'s ``config`` into ``out``; return the CompletedProcess."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config),
                           "-d", str(out), *extra], capture_output=True, text=True, env=env)


NODE_MODULES = ROOT / "tests" / "node" / "node_modules"


def node_tool(relative: str) -> Path:
    """Return a file of the pinned Node test tools (``make test`` installs them); fail the test if absent."""
    import pytest

    path = NODE_MODULES / relative
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing: run `npm ci --prefix tests/node` (make test does)")
    return path
