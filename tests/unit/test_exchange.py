"""The export format's JSON Schema: the example of the format page passes, broken exports do not, and the build
publishes the schema."""
from __future__ import annotations

import copy
import math
import json
import re

import pytest
from jsonschema import Draft202012Validator

from handbook import build_site
from handbook.exchange import SCHEMA_PATH, schema
from support import ROOT


@pytest.fixture(scope="module")
def validator():
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema())


@pytest.fixture(scope="module")
def example():
    """The example printed on the format page (docs/export-format.md)."""
    page = (ROOT / "docs" / "export-format.md").read_text(encoding="utf-8")
    return json.loads(re.search(r"```json\n(.*?)```", page, re.S).group(1))


def test_the_format_pages_example_is_valid(validator, example):
    assert list(validator.iter_errors(example)) == []
    assert example["answers"][0]["action"] is True
    assert example["rounds"][0]["answers"][0]["item"] == "t9-q01"
    older = copy.deepcopy(example)
    del older["handbook_edition"]  # files from before editions, and from development builds, have none
    assert list(validator.iter_errors(older)) == []


def test_author_and_by_are_optional(validator, example):
    """The example names its author and who gave one answer; the format is valid without either (version 1,
    both additive), and with names of up to 120 characters."""
    assert example["author"] and example["answers"][1]["by"]
    without = copy.deepcopy(example)
    del without["author"]
    for answer in without["answers"]:
        answer.pop("by", None)
    assert list(validator.iter_errors(without)) == []
    longest = copy.deepcopy(example)
    longest["author"] = "A" * 120
    longest["answers"][0]["by"] = "Ana María de los Ángeles " + "B" * 95
    assert list(validator.iter_errors(longest)) == []


def _broken(example, change):
    data = copy.deepcopy(example)
    change(data)
    return data


BROKEN = {
    "another format": lambda d: d.update(format="something-else"),
    "a newer version": lambda d: d.update(version=2),
    "a field not in the format": lambda d: d.update(extra=1),
    "answers as an object keyed by id": lambda d: d.update(answers={"t9-q01": "no"}),
    "an empty assessment name": lambda d: d["assessment"].update(name=""),
    "no hash": lambda d: d["answers"][0].pop("hash"),
    "an answer of another shape": lambda d: d["answers"][0].update(answer=3),
    "an answer false": lambda d: d["answers"][0].update(answer=False),
    "an unknown role": lambda d: d["answers"][1].update(answer=["consult", "owner"]),
    "a role twice": lambda d: d["answers"][1].update(answer=["consult", "consult"]),
    "an item id with markup": lambda d: d["answers"][0].update(item="<b>t9</b>"),
    "a date that is not one": lambda d: d["answers"][0].update(answered="yesterday"),
    "a time without seconds (not RFC 3339)": lambda d: d["answers"][0].update(answered="2027-03-02T10:00Z"),
    "an entry holding nothing": lambda d: d["answers"][1].update(answer=None),
    "an action false": lambda d: d["answers"][0].update(action=False),
    "a note too long": lambda d: d["answers"][0].update(note="x" * 100_001),
    "a __proto__ field": lambda d: d["answers"][0].update(__proto__={"polluted": True}),
    "a handbook edition without version": lambda d: d["handbook_edition"].pop("version"),
    "a handbook edition with another field": lambda d: d["handbook_edition"].update(built="today"),
    "a handbook edition date not a day": lambda d: d["handbook_edition"].update(date="3 February 2026"),
    "an empty author": lambda d: d.update(author=""),
    "an author of spaces only": lambda d: d.update(author="   "),
    "an author too long": lambda d: d.update(author="A" * 121),
    "an author not a text": lambda d: d.update(author=["Ana"]),
    "an empty by": lambda d: d["answers"][0].update(by=""),
    "a by too long": lambda d: d["answers"][0].update(by="B" * 121),
    "a by not a text": lambda d: d["answers"][0].update(by=7),
    "rounds not a list": lambda d: d.update(rounds={"name": "Round 1"}),
    "a round without its date": lambda d: d["rounds"][0].pop("created"),
    "a round without a name": lambda d: d["rounds"][0].update(name=" "),
    "a round with another field": lambda d: d["rounds"][0].update(of="a123"),
    "a round's answer not an answer": lambda d: d["rounds"][0]["answers"][0].update(answer=7),
    "more than 100 rounds": lambda d: d.update(rounds=d["rounds"] * 101),
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_export_is_refused(validator, example, name):
    assert list(validator.iter_errors(_broken(example, BROKEN[name]))), name


def test_the_build_publishes_the_schema(minimal_content):
    published = json.loads(build_site(minimal_content).manifests[SCHEMA_PATH])
    assert published == schema()
    assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_client_holds_the_same_limits_and_version():
    """The importer (transfer.js) and the assessments (assessments.js) check what the schema says, and the pages'
    fields (render.py's maxlength) hold no more than an export carries."""
    from handbook import exchange

    def number(source: str, name: str) -> int:
        found = re.search(rf"\b{name} = ([\d\s*]+)[,;]", source)
        assert found, name
        return math.prod(int(factor) for factor in found.group(1).split("*"))  # e.g. 10 * 1024 * 1024

    hb = ROOT / "overrides" / "assets" / "hb"
    transfer = (hb / "transfer.js").read_text(encoding="utf-8")
    for name in ("MAX_BYTES", "MAX_ANSWERS", "MAX_TEXT", "MAX_SITE", "MAX_ROUNDS"):
        assert number(transfer, name) == getattr(exchange, name), name
    assert number((hb / "assessments.js").read_text(encoding="utf-8"), "MAX_NAME") == exchange.MAX_NAME
    assert number((hb / "rounds.js").read_text(encoding="utf-8"), "MAX_ROUNDS") == exchange.MAX_ROUNDS
    assert f'var FORMAT = "{exchange.FORMAT}", VERSION = {exchange.VERSION};' in transfer
