"""Editorial notes: the reader sees the publication, never our workshop; a note is closed until asked for, and
prints as one line."""
from __future__ import annotations

from crawl import site_pages
from support import EXTRACTION_WORDS


def _mentions(text: str) -> list[str]:
    """Return each extraction word in ``text`` with a little of its context."""
    return [text[max(0, m.start() - 40):m.end() + 40].replace("\n", " ") for m in EXTRACTION_WORDS.finditer(text)]


def test_no_page_speaks_of_the_extraction(page, site_url, built_site):
    found, notes_seen = [], 0
    for path in site_pages(built_site):
        page.goto(f"{site_url}{path}")
        shown = page.inner_text("article")
        # a closed note's text is not in inner_text: read the notes' own text as a reader who opens them would
        notes = page.locator("details.hb-editorial").all_text_contents()
        notes_seen += len(notes)
        found += [f"{path}: {hit}" for text in (shown, *notes) for hit in _mentions(text)]
    assert notes_seen >= 20, "the crawl found almost no editorial notes: is the note markup still read right?"
    assert found == []


def test_note_closed_until_opened(page, site_url):
    page.goto(f"{site_url}security-toolkit/tool-09/")
    question = page.locator("#t9-q08")
    summary = question.get_by_text("Editorial note", exact=True)
    note = question.locator("details.hb-editorial").get_by_text("The same question as question 2")
    assert summary.is_visible() and not note.is_visible()
    summary.click()
    note.wait_for(state="visible")
    summary.click()
    note.wait_for(state="hidden")


def test_note_prints_on_one_line(page, site_url):
    page.goto(f"{site_url}security-toolkit/tool-09/")
    page.emulate_media(media="print")
    question = page.locator("#t9-q08")
    assert not question.locator("details.hb-editorial").is_visible()
    printed = question.get_by_text("Editorial note: The same question as question 2; the toolkit prints it twice.")
    printed.wait_for(state="visible")
    height, line = printed.evaluate("e => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)]")
    assert line / 2 < height < line * 1.5, (height, line)
    page.emulate_media(media="screen")
    printed.wait_for(state="hidden")
