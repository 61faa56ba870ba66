"""Lighthouse (pinned in tests/node): accessibility and best practices score 100 on the pages readers open first."""
from __future__ import annotations

import pytest

from lighthouse import failing_audits, lighthouse

PAGES = {"home": "", "overview": "security-toolkit/", "tool-04": "security-toolkit/tool-04/",
         "tool-09": "security-toolkit/tool-09/", "assessments": "assessments/", "report": "report/"}


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_accessibility_and_best_practices_score_100(site_url, path):
    report = lighthouse(site_url + path, ["accessibility", "best-practices"])
    scores = {name: cat["score"] for name, cat in report["categories"].items()}
    assert scores == {"accessibility": 1, "best-practices": 1}, (scores, failing_audits(report))
    assert not report["runWarnings"], report["runWarnings"]
    # An audit that fails to run drops out of its category's score: it must not pass unseen.
    broken = [ref["id"] for cat in report["categories"].values() for ref in cat["auditRefs"]
              if report["audits"][ref["id"]]["scoreDisplayMode"] == "error"]
    assert not broken, broken
