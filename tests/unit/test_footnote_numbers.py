"""Footnotes keep the publication's own numbers on the page."""
from __future__ import annotations

import markdown


def _html(source: str) -> str:
    return markdown.markdown(source, extensions=["footnotes", "handbook.footnote_numbers"])


def test_reference_and_list_show_the_source_number():
    html = _html("How to use this tool?[^48]\n\n[^48]: This tool can be used irrespective of the sub-sectors.")
    assert '<a class="footnote-ref" href="#fn:48">48</a>' in html
    assert '<li id="fn:48" value="48">' in html


def test_a_number_used_twice_shows_without_its_suffix():
    html = _html("A[^26] and B[^26b].\n\n[^26]: First.\n\n[^26b]: Second, same printed number.")
    assert '<a class="footnote-ref" href="#fn:26b">26</a>' in html
    assert '<li id="fn:26b" value="26">' in html


def test_non_numeric_labels_keep_page_order():
    html = _html("A[^note].\n\n[^note]: Text.")
    assert '<a class="footnote-ref" href="#fn:note">1</a>' in html
