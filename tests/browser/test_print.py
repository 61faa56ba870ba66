"""Print: every tool page printed to PDF by Chromium contains every one of its questions, uncut,
and a long note typed into the page is printed whole."""
from __future__ import annotations

import json
import re
import subprocess

import pytest

TOOLS = [f"tool-{n:02d}" for n in range(1, 12)]


def _letters(text: str) -> str:
    """Return only the letters, lower-cased: footnote numbers, line breaks and markup do not count."""
    text = re.sub(r"\[\^[^\]]+\]", "", text)
    text = re.sub(r"\]\(ref:[^)]*\)", "", text)
    return re.sub(r"[^a-z]", "", text.lower().replace("ﬁ", "fi").replace("ﬂ", "fl"))


@pytest.fixture(scope="module")
def items(built_site):
    return json.loads((built_site / "security-toolkit" / "items.json").read_text(encoding="utf-8"))["items"]


@pytest.mark.parametrize("tool", TOOLS)
def test_printed_tool_contains_every_question(page, site_url, items, tool, tmp_path):
    page.goto(f"{site_url}security-toolkit/{tool}/")
    note = None
    boxes = page.locator(".hb-item--text textarea")
    if boxes.count():
        note = " ".join(f"Line {i} of a long printed note." for i in range(60))
        boxes.first.fill(note)
    pdf = tmp_path / f"{tool}.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    printed = _letters(text)
    missing = [i["id"] for i in items if i["page"] == tool and _letters(i["text"]) not in printed]
    assert missing == []
    if note:
        assert _letters(note) in printed
