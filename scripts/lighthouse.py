"""Run Lighthouse (pinned in tests/node) on one page with the tests' Chromium, for the tests and the benchmark."""
from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path

from chromium import CHROMIUM, CHROMIUM_ARGS
from project import ROOT

CLI = ROOT / "tests" / "node" / "node_modules" / "lighthouse" / "cli" / "index.js"
# Chromium resolves no host name but the test server's: left alone it looks up Google's update and account hosts.
OFFLINE = "--host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'"


def lighthouse(url: str, categories: list[str]) -> dict:
    """Return Lighthouse's JSON report of ``url`` (mobile preset, its default) in ``categories``; raise on failure."""
    if not CLI.exists():
        raise FileNotFoundError(f"{CLI.relative_to(ROOT)} is missing: run `npm ci --prefix tests/node`")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS, OFFLINE])
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        subprocess.run(["node", str(CLI), url, "--quiet", "--no-enable-error-reporting", "--output=json",
                        f"--output-path={out}", f"--only-categories={','.join(categories)}",
                        f"--chrome-flags={flags}"], check=True, timeout=180,
                       env=dict(os.environ, CHROME_PATH=CHROMIUM))
        return json.loads(out.read_text(encoding="utf-8"))


def failing_audits(report: dict) -> list[str]:
    """Return 'category: audit id (title)' for each scored audit below 1 that counts towards a category."""
    audits = report["audits"]
    return [f"{cat['id']}: {ref['id']} ({audits[ref['id']]['title']})"
            for cat in report["categories"].values() for ref in cat["auditRefs"]
            if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1]
