"""The exported standalone site builds with a plain ``mkdocs build --strict``, with no hook."""
from __future__ import annotations

import subprocess
import sys

from support import ROOT, mkdocs_build


def test_export_builds_without_the_hook(tmp_path):
    export = tmp_path / "export"
    subprocess.run([sys.executable, "-m", "handbook", "--content", str(ROOT / "content"), "export", str(export),
                    "--config", str(ROOT / "mkdocs.yml")], check=True, capture_output=True)
    assert "hooks" not in (export / "mkdocs.yml").read_text(encoding="utf-8")
    result = mkdocs_build(export, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    tool9 = (tmp_path / "site" / "security-toolkit" / "tool-09" / "index.html").read_text(encoding="utf-8")
    assert tool9.count('data-module="hb-answer"') == 16
    assert tool9.count('type="radio" name="t9-') == 15 * 3  # Yes / No / N/A for each question but the text one
    assert "Required citation:" in tool9
