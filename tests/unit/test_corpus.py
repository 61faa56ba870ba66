"""The malformed-content corpus: every bad file is rejected with its file, line, column and a useful message.

Each file in tests/corpus/ starts with ``# expect: LINE:COL: message`` (or a full ``content/…`` location
when the problem is reported in another file) and optionally
``# file: NAME`` to replace that file of the demo publication). Binary cases are built here.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook import ContentError, load_content
from handbook.yamlsafe import MAX_BYTES

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
CASES = sorted(CORPUS.glob("*.yml"))


def _problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_content(content)
    return [str(p) for p in info.value.problems]


def test_corpus_is_large_enough():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_file_is_rejected_with_location(case, minimal_content):
    text = case.read_text(encoding="utf-8")
    expect = re.search(r"^# expect: (.+)$", text, re.M).group(1)
    name = re.search(r"^# file: (.+)$", text, re.M)
    name = name.group(1) if name else case.name
    (minimal_content / "demo" / name).write_text(text, encoding="utf-8")
    problems = _problems(minimal_content)
    wanted = expect if expect.startswith("content/") else f"content/demo/{name}:{expect}"
    assert any(p.startswith(wanted) or wanted in p for p in problems), "\n".join(problems)


def test_every_problem_is_reported_not_just_the_first(minimal_content):
    for case in ("unknown-key-qestion.yml", "empty-question.yml", "unknown-kind.yml"):
        (minimal_content / "demo" / case).write_text((CORPUS / case).read_text(), encoding="utf-8")
    problems = _problems(minimal_content)
    assert any("unknown key 'qestion'" in p for p in problems)
    assert any("'text' is empty" in p for p in problems)
    assert any("unknown answer kind 'yes-no-maybe'" in p for p in problems)


def test_non_utf8_file(minimal_content):
    (minimal_content / "demo" / "latin1.yml").write_bytes("kind: tool\ntitle: Caf\u00e9\n".encode("latin-1"))
    assert "content/demo/latin1.yml:2:11: byte 0xe9 is not UTF-8; save the file as UTF-8" in _problems(minimal_content)


def test_huge_file(minimal_content):
    (minimal_content / "demo" / "huge.yml").write_bytes(b"kind: tool\n" + b"# padding\n" * (MAX_BYTES // 10 + 1))
    problems = _problems(minimal_content)
    assert any(p.startswith("content/demo/huge.yml:1:1: file is") and "split it" in p for p in problems)


def test_file_outside_a_publication_folder(minimal_content):
    (minimal_content / "stray.yml").write_text("kind: tool\n", encoding="utf-8")
    assert ("content/stray.yml:1:1: content file outside a publication folder; "
            "move it into content/<publication-id>/") in _problems(minimal_content)


def test_folder_without_publication_file(minimal_content):
    (minimal_content / "orphan").mkdir()
    (minimal_content / "orphan" / "tool-01.yml").write_text("kind: tool\n", encoding="utf-8")
    assert any(p.startswith("content/orphan/publication.yml:1:1: publication file missing")
               for p in _problems(minimal_content))


def test_python_tag_is_never_constructed(minimal_content, tmp_path):
    marker = tmp_path / "pwned"
    (minimal_content / "demo" / "evil.yml").write_text(
        f'kind: tool\nid: !!python/object/apply:os.system ["touch {marker}"]\n', encoding="utf-8")
    _problems(minimal_content)
    assert not marker.exists()


def test_the_valid_fixture_loads(minimal_content):
    pubs = load_content(minimal_content)
    assert [i.id for _, i in pubs["demo"].pages["tool-01"].walk_items()] == ["t1-q01"]
