"""The build entry point: rebuilds, the schema memo, the command line, the committed schemas."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest

from handbook import ContentError, build_site
from handbook.schema import SCHEMAS
from support import ROOT


def _memo(content):
    return content.parent / ".cache" / "handbook" / "schema-passed.json"


def _edit(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_rebuild_shows_the_edit(minimal_content):
    tool2 = minimal_content / "demo" / "tool-02.yml"
    tool2.write_text((minimal_content / "demo" / "tool-01.yml").read_text().replace("tool-01", "tool-02")
                     .replace("number: 1", "number: 2").replace("t1-", "t2-"), encoding="utf-8")
    _edit(minimal_content / "demo" / "publication.yml", "pages: [tool-01]", "pages: [tool-01, tool-02]")
    assert "First question?" in build_site(minimal_content).pages["demo/tool-02.md"]
    _edit(tool2, "First question?", "First question, reworded?")
    site2 = build_site(minimal_content)
    assert "First question, reworded?" in site2.pages["demo/tool-02.md"]
    assert "First question?" not in site2.pages["demo/tool-02.md"]


def test_rebuild_stops_at_a_broken_edit(minimal_content):
    build_site(minimal_content)
    assert json.loads(_memo(minimal_content).read_text())["passed"]  # the second build consults the memo
    _edit(minimal_content / "demo" / "tool-01.yml", "kind: yes-no", "kind: yes-maybe")
    with pytest.raises(ContentError, match="unknown answer kind 'yes-maybe'"):
        build_site(minimal_content)


def test_memo_of_other_schemas_or_jsonschema_is_not_trusted(minimal_content):
    tool = minimal_content / "demo" / "tool-01.yml"
    _edit(tool, "kind: yes-no", "kind: yes-maybe")
    _memo(minimal_content).parent.mkdir(parents=True)
    _memo(minimal_content).write_text(json.dumps({"key": "written under another jsonschema",
                                                 "passed": [hashlib.sha256(tool.read_bytes()).hexdigest()]}))
    with pytest.raises(ContentError, match="unknown answer kind 'yes-maybe'"):
        build_site(minimal_content)


def test_committed_schemas_are_current():
    for kind, schema in SCHEMAS.items():
        committed = json.loads((ROOT / "content" / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        assert committed == schema, f"run: python -m handbook schemas ({kind} is stale)"


def test_every_content_file_points_editors_at_its_schema():
    for path in (ROOT / "content").glob("*/*.yml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        kind = next(line.split(":", 1)[1].strip() for line in path.read_text(encoding="utf-8").splitlines()
                    if line.startswith("kind:"))
        assert first == f"# yaml-language-server: $schema=../schemas/{kind}.schema.json", path


def _cli(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "handbook", *args], capture_output=True, text=True, cwd=cwd)


def test_validate_command_passes_on_the_real_content():
    result = _cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok: 1 publication(s)")


def test_validate_command_prints_every_problem_and_exits_1(minimal_content):
    demo = minimal_content / "demo"
    (demo / "tool-01.yml").write_text((demo / "tool-01.yml").read_text().replace("kind: yes-no", "kind: maybe")
                                      .replace("title: Demo Tool", "tittle: Demo Tool"), encoding="utf-8")
    result = _cli("--content", str(minimal_content), "validate", cwd=minimal_content.parent)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "content/demo/tool-01.yml:4:1: unknown key 'tittle' (did you mean 'title'?); allowed here: after, " \
           "footnotes, how, id, intro, kind, mended, notes, number, phases, sections, selection_noun, title, when, " \
           "why" in lines
    assert any(line.startswith("content/demo/tool-01.yml:15:15: unknown answer kind 'maybe'") for line in lines)
    assert lines[-1] == "error: 3 problem(s) in the content"
