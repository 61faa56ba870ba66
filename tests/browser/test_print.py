"""Print: every tool page printed to PDF by Chromium contains every one of its questions, uncut; a tool prints as a
worksheet (answers in words beside their questions, boxes to tick by hand when blank, notes whole in their own box,
a header naming the tool, the date printed, the edition and the citation), short enough to hand over."""
from __future__ import annotations

import datetime
import json
import re
import subprocess

import pytest
import yaml
from playwright.sync_api import expect

from conftest import SCREENSHOTS
from support import ROOT

TOOLS = [f"tool-{n:02d}" for n in range(1, 12)]
LONG_NOTE = " ".join(f"Line {i} of a long printed note." for i in range(60))


def _letters(text: str) -> str:
    """Return only the letters, lower-cased: footnote numbers, line breaks and markup do not count."""
    text = re.sub(r"\[\^[^\]]+\]", "", text)
    text = re.sub(r"\]\(ref:[^)]*\)", "", text)
    return re.sub(r"[^a-z]", "", text.lower().replace("ﬁ", "fi").replace("ﬂ", "fl"))


def _print(page, pdf) -> tuple[str, int]:
    """Print the page to an A4 PDF as Chromium does; return its text laid out as printed and its page count."""
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return text, int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def _pictures(pdf, name: str) -> list:
    """Save the first two printed pages as PNG images under tests/browser/screenshots/; return their paths."""
    SCREENSHOTS.mkdir(exist_ok=True)
    prefix = SCREENSHOTS / name
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "2", str(pdf), str(prefix)], check=True)
    return sorted(SCREENSHOTS.glob(f"{name}-*.png"))


def _between(text: str, first: dict, then: dict) -> str:
    """Return the printed text from the start of item ``first`` to the start of item ``then``."""
    start = text.index(first["text"][:30])
    return text[start:text.index(then["text"][:30], start)]


@pytest.fixture(scope="module")
def items(built_site):
    return json.loads((built_site / "security-toolkit" / "items.json").read_text(encoding="utf-8"))["items"]


@pytest.fixture(scope="module")
def publication():
    return yaml.safe_load((ROOT / "content" / "security-toolkit" / "publication.yml").read_text(encoding="utf-8"))


def _on(items, page_id, kind=None):
    return [i for i in items if i["page"] == page_id and (kind is None or i["kind"] == kind)]


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


def test_answered_tool_9_prints_each_answer_in_words_on_two_pages(page, site_url, items, publication, tmp_path):
    page.goto(f"{site_url}security-toolkit/tool-09/")
    questions = [item for item in _on(items, "tool-09", "yes-no-na") if not item.get("same_as")]  # printed twice: once
    for n, item in enumerate(questions):
        page.locator(f'[id="{item["id"]}"]').get_by_label(["No", "Yes", "N/A"][n % 3], exact=True).check()
    prompt = _on(items, "tool-09", "text")[0]
    page.get_by_role("textbox", name=re.compile(re.escape(prompt["text"][:40]))).fill(LONG_NOTE)
    pdf = tmp_path / "tool-09-answered.pdf"
    text, pages = _print(page, pdf)
    shots = _pictures(pdf, "print-tool-09-answered")

    q1 = _between(text, questions[0], questions[1])
    assert re.search(r"Answer:\s+No\b", q1), q1  # the answer in words, on Q1's own line
    assert not re.search(r"\bYes\b|N/A", q1), q1  # the options not chosen are not printed
    assert _letters(LONG_NOTE) in _letters(text)  # the note whole
    today = datetime.date.today()
    header = text[:text.index("Phase")]
    assert "Tool 9: Project Design Checklist" in header
    assert f"Printed {today.day} {today:%B} {today.year}" in header
    assert f"Edition {publication['edition']}" in header
    assert _letters(publication["citation"]) in _letters(header)
    assert "↩" not in text and "¶" not in text  # no footnote back-arrows, no permalinks
    assert "Reset answers" not in text and "Clear answer" not in text
    assert pages <= 2
    assert shots


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_blank_tool_9_prints_boxes_to_tick_and_room_to_write(browser, site_url, items, tmp_path, script):
    context = browser.new_context(java_script_enabled=script)
    page = context.new_page()
    page.goto(f"{site_url}security-toolkit/tool-09/")
    pdf = tmp_path / "tool-09-blank.pdf"
    text, pages = _print(page, pdf)
    if script:
        _pictures(pdf, "print-tool-09-blank")

    questions = _on(items, "tool-09", "yes-no-na")
    q1 = _between(text, questions[0], questions[1])
    assert re.search(r"Yes\s+No\s+N/A", q1), q1
    assert "Answer" not in text
    # Each option is an empty square to tick by pen, not a radio button's circle.
    boxes = page.evaluate("""() => [...document.querySelectorAll('.hb-choice')].map(label => {
        const box = getComputedStyle(label, '::before'), radio = getComputedStyle(label.querySelector('input'));
        return [radio.opacity, box.borderTopStyle, parseFloat(box.width) > 8 && box.width === box.height];
      })""")
    assert boxes and all(b == ["0", "solid", True] for b in boxes), boxes
    # The closing prompt is a ruled box of a few lines to write in.
    room = page.evaluate("""() => {
        const area = document.querySelector('#t9-notes .hb-print-copy') || document.querySelector('#t9-notes textarea');
        const style = getComputedStyle(area);
        return [area.getBoundingClientRect().height / parseFloat(style.lineHeight), style.backgroundImage];
      }""")
    assert room[0] >= 3.9 and "repeating-linear-gradient" in room[1], room
    if not script:
        assert "Printed" not in text  # the date printed is written by the script
    assert pages <= 2
    context.close()


def test_a_note_prints_below_its_question_not_across_it(page, site_url, items):
    page.goto(f"{site_url}security-toolkit/tool-09/")
    prompt = _on(items, "tool-09", "text")[0]
    page.get_by_role("textbox", name=re.compile(re.escape(prompt["text"][:40]))).fill(LONG_NOTE)
    page.emulate_media(media="print")
    legend, copy = page.evaluate("""() => ['#t9-notes legend', '#t9-notes .hb-print-copy'].map(
        s => { const r = document.querySelector(s).getBoundingClientRect(); return [r.top, r.bottom]; })""")
    assert copy[0] >= legend[1]  # the note's box starts under the question, its border clear of the text


def _item_note(page, item_id: str, note: str | None) -> None:
    """Give an item a note the way the page does: the note's disclosure opened, its full text copied for print.

    Pages render each item's note as ``<details class="hb-note">`` and the script opens it and keeps the copy; where
    this build has no such markup yet, the same markup is put in place so that the print styles for it are tried.
    """
    page.evaluate("""([id, note]) => {
        const item = document.getElementById(id);
        let box = item.querySelector('details.hb-note');
        if (!box) {
          box = document.createElement('details');
          box.className = 'hb-note';
          box.innerHTML = '<summary>Add a note</summary><textarea rows="3"></textarea>';
          item.appendChild(box);
        }
        if (note === null) return;
        box.open = true;
        const area = box.querySelector('textarea');
        area.value = note;
        area.dispatchEvent(new Event('input', {bubbles: true}));
        let copy = area.nextElementSibling;
        if (!copy || !copy.classList.contains('hb-print-copy')) {
          copy = document.createElement('div');
          copy.className = 'hb-print-copy';
          area.after(copy);
        }
        copy.textContent = note;
      }""", [item_id, note])


def test_an_item_note_prints_whole_in_a_box_labelled_note(page, site_url, items, tmp_path):
    page.goto(f"{site_url}security-toolkit/tool-09/")
    questions = _on(items, "tool-09", "yes-no-na")
    page.locator('[data-item="t9-q01"]').get_by_label("No", exact=True).check()
    _item_note(page, "t9-q01", LONG_NOTE)
    _item_note(page, "t9-q02", None)  # no note: nothing printed, not even "Add a note"
    text, _ = _print(page, tmp_path / "note.pdf")
    q1 = _between(text, questions[0], questions[1])
    assert re.search(r"^\s*Note\s*$", q1, re.M), q1
    assert _letters(LONG_NOTE) in _letters(q1)
    assert "Add a note" not in text
    top = page.evaluate("""() => [document.querySelector('#t9-q01 legend').getBoundingClientRect().bottom,
                                  document.querySelector('#t9-q01 .hb-note').getBoundingClientRect().top]""")
    assert top[1] >= top[0]


def _tick(page, number: str) -> None:
    page.get_by_role("checkbox", name=re.compile("^" + re.escape(number) + " ")).check()


def test_tool_8_prints_only_the_ticked_indicators_unless_asked(page, site_url, items, tmp_path):
    page.goto(f"{site_url}security-toolkit/tool-08/")
    ticks = _on(items, "tool-08", "tick")
    chosen = [ticks[0], ticks[5], ticks[10]]
    for item in chosen:
        _tick(page, item["number"])
    text, pages = _print(page, tmp_path / "tool-08.pdf")
    printed = _letters(text)
    assert all(_letters(i["text"]) in printed for i in chosen)
    assert _letters(ticks[1]["text"]) not in printed
    assert pages <= 2

    page.emulate_media(media="screen")
    page.get_by_label("Print the items not selected too").check()
    text, pages_all = _print(page, tmp_path / "tool-08-all.pdf")
    printed = _letters(text)
    assert all(_letters(i["text"]) in printed for i in ticks)
    assert "Print the items not selected too" not in text
    assert pages_all > pages


def test_search_does_not_find_every_page_by_the_print_header(built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    assert [d["location"] for d in docs if "Cite as" in d["text"] or "Print the items not selected" in d["text"]] == []


def test_the_print_switch_is_kept_for_the_visit_only(page, site_url):
    page.goto(f"{site_url}security-toolkit/tool-08/")
    switch = page.get_by_label("Print the items not selected too")
    switch.check()
    page.evaluate("window.hbSameVisit = true")
    nav = page.locator(".md-nav--primary")
    nav.get_by_role("link", name="Tool 9: Project Design Checklist").click()
    page.wait_for_url(re.compile(r"/tool-09/(#.*)?$"))  # navigation.tracking may add a heading's anchor
    nav.get_by_role("link", name="Tool 8: Indicator Bank").click()
    page.wait_for_url(re.compile(r"/tool-08/(#.*)?$"))
    assert page.evaluate("window.hbSameVisit === true")  # Material's instant navigation: the same visit
    expect(switch).to_be_checked()
    page.reload()
    expect(switch).not_to_be_checked()  # not stored
