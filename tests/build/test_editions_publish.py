"""Publishing editions with `make edition` (scripts/edition.py and mike) in a scratch git repository of the project:
two editions side by side on gh-pages, a third refused for a silently dropped id, and the served editions read in
Chromium (answers carried from one edition to the next, the version selector, the notice on the older edition).

No network: gh-pages is a local branch, served from a folder on 127.0.0.1."""
from __future__ import annotations

import csv
import functools
import http.server
import io
import os
import json
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from support import ROOT


TOOL = "content/security-toolkit/tool-09.yml"
SCREENSHOTS = ROOT / "tests" / "browser" / "screenshots"
REWORDED, RETIRED, KEPT, ADDED = "t9-q01", "t9-q04", "t9-q05", "t9-q99"


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def _edition(repo: Path, version: str, date: str, url: str) -> subprocess.CompletedProcess:
    """Run `make edition VERSION=…` as its recipe does, with the project's Python (its venv holds mike)."""
    return subprocess.run([sys.executable, "scripts/edition.py", version, "--date", date], cwd=repo,
                          capture_output=True, text=True, env={**os.environ,
                                                               "HANDBOOK_SITE_URL": url}, timeout=120)


def _edit(repo: Path, change) -> None:
    path = repo / TOOL
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    _git(repo, "commit", "-qam", "Edit Tool 9")


def _drop(text: str, item_id: str) -> str:
    """Return the YAML with the item ``item_id`` deleted (its lines, up to the next item)."""
    out = re.sub(rf"      - id: {item_id}\n(?:        .*\n)+", "", text, count=1)
    assert out != text
    return out


def _edition_b(text: str) -> str:
    """Return Tool 9 as edition B has it: one question reworded, one item retired, one added."""
    out = text.replace("Have authorities carried out an initial assessment already?",
                       "Have the authorities already carried out a first assessment?")
    out = out.replace(f"      - id: {RETIRED}\n        number: \"4.\"\n        kind: yes-no-na\n",
                      f"      - id: {RETIRED}\n        number: \"4.\"\n        kind: yes-no-na\n        retired: true\n")
    out = out.replace(f"      - id: {KEPT}\n", f"      - id: {ADDED}\n        kind: yes-no-na\n        text: Has the "
                      f"project agreed how migrants can raise complaints safely?\n      - id: {KEPT}\n")
    assert out.count("retired: true") == text.count("retired: true") + 1 and ADDED in out and "first assess" in out
    return out


@dataclass
class Published:
    """The scratch repository, and each run of scripts/edition.py made while publishing A and B."""

    path: Path
    runs: dict


@pytest.fixture(scope="module")
def port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def published(tmp_path_factory, port):
    """The project's files (tracked and new, not ignored) in a new git repository, where editions A and B were
    published; B rewords one question, retires one item and adds one. Attempts refused on the way are kept."""
    repo = tmp_path_factory.mktemp("project")
    files = _git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, repo / name)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "config", "user.name", "Editor")
    _git(repo, "config", "user.email", "editor@example.org")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "The handbook")
    url = f"http://127.0.0.1:{port}/"
    runs = {"A": _edition(repo, "A", "2026-01-02", url)}
    assert runs["A"].returncode == 0, runs["A"].stderr

    _edit(repo, lambda t: _drop(_edition_b(t), KEPT))
    runs["B dropping an id"] = _edition(repo, "B", "2026-02-03", url)
    _git(repo, "checkout", "-q", "HEAD~1", "--", TOOL)  # back to A's text, then B's changes without the drop
    _edit(repo, _edition_b)
    runs["B"] = _edition(repo, "B", "2026-02-03", url)
    assert runs["B"].returncode == 0, runs["B"].stderr
    return Published(repo, runs)


def _show(repo: Path, path: str) -> str:
    return _git(repo, "show", f"gh-pages:{path}")


def test_two_editions_side_by_side_newest_by_default(published):
    repo = published.path
    top = _git(repo, "ls-tree", "--name-only", "gh-pages").split()
    assert {"A", "B", "latest", "versions.json", "index.html"} <= set(top)
    versions = json.loads(_show(repo, "versions.json"))
    assert [(v["version"], v["aliases"]) for v in versions] == [("B", ["latest"]), ("A", [])]
    assert 'url=latest/' in _show(repo, "index.html").replace('"', "")  # the root leads to the newest
    # latest/ holds redirects (not symbolic links): the same page in B.
    assert "../../../B/security-toolkit/tool-09/" in _show(repo, "latest/security-toolkit/tool-09/index.html")
    assert _git(repo, "ls-tree", "gh-pages", "latest").startswith("040000 tree")
    # Each edition names itself and its day in every page's footer, and keeps its item manifest.
    assert "Handbook edition A, published 2 January 2026." in _show(repo, "A/index.html")
    assert "Handbook edition B, published 3 February 2026." in _show(repo, "B/security-toolkit/tool-09/index.html")
    # Each edition offers its own offline archive, which names the edition too.
    assert 'href="downloads/handbook-offline.zip"' in _show(repo, "B/index.html")
    zipped = subprocess.run(["git", "show", "gh-pages:B/downloads/handbook-offline.zip"], cwd=repo,
                            capture_output=True, check=True).stdout
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        assert "Handbook edition B, published 3 February 2026." in archive.read("handbook/index.html").decode()
    items = {i["id"]: i for i in json.loads(_show(repo, "B/security-toolkit/items.json"))["items"]}
    assert items[RETIRED]["retired"] is True and ADDED in items
    # The checked-out branch and the work tree are as they were: only gh-pages moved.
    assert _git(repo, "status", "--porcelain") == "" and _git(repo, "branch", "--show-current").strip() == "main"


def test_b_was_checked_against_a_and_a_dropped_id_is_refused(published):
    repo, refused = published.path, published.runs["B dropping an id"]
    assert refused.returncode == 1
    assert re.search(rf"{TOOL}:\d+:\d+: item '{KEPT}' .* was published in edition A and is missing: .* add it back "
                     r"to this page with `retired: true`", refused.stderr), refused.stderr
    # A third edition dropping the same id silently is refused against B, naming the file and line; gh-pages stays.
    before = _git(repo, "rev-parse", "gh-pages")
    _edit(repo, lambda t: _drop(t, KEPT))
    run = _edition(repo, "C", "2026-03-04", "http://127.0.0.1:1/")
    assert run.returncode == 1
    line = next(n for n, text in enumerate((repo / TOOL).read_text().splitlines(), 1) if text == "sections:")
    assert f"{TOOL}:{line}:1: item '{KEPT}'" in run.stderr and "published in edition B" in run.stderr, run.stderr
    assert _git(repo, "rev-parse", "gh-pages") == before
    assert "C" not in _git(repo, "ls-tree", "--name-only", "gh-pages").split()
    _git(repo, "reset", "-q", "--hard", "HEAD~1")


def test_a_malformed_version_is_refused(published):
    repo = published.path
    for version, said in [("", "VERSION is missing"), ("2023 draft", "cannot name an edition"),
                          ("latest", "cannot name an edition")]:
        run = _edition(repo, version, "2026-03-04", "http://127.0.0.1:1/")
        assert run.returncode == 1 and said in run.stderr, run.stderr


def test_only_a_newer_edition_is_published(published):
    """latest/ and the site's root go by mike's order of versions: an edition that would not come first, or an
    older one published again, is refused, and gh-pages stays as it was."""
    repo = published.path
    before = _git(repo, "rev-parse", "gh-pages")
    for version, said in [("A", "edition A is published already and B is newer"),
                          ("0", "sorts before the newest edition, B")]:
        run = _edition(repo, version, "2026-03-04", "http://127.0.0.1:1/")
        assert run.returncode == 1 and said in run.stderr, run.stderr
    assert _git(repo, "rev-parse", "gh-pages") == before


@pytest.fixture(scope="module")
def served(published, port, tmp_path_factory):
    """The gh-pages branch as a web host serves it, on the port the editions were built for."""
    folder = tmp_path_factory.mktemp("gh-pages")
    archive = subprocess.run(["git", "archive", "--format=tar", "gh-pages"], cwd=published.path,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,),
                                     {"log_message": lambda *a: None}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/"
    server.shutdown()


def _screenshot(page, name: str, full_page: bool = True) -> None:
    """Save a screenshot beside the browser tests' (tests/browser/screenshots/), to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)


def test_answers_carry_over_and_the_versions_are_offered(served, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(served)  # the root redirects to latest/, which redirects to B
    expect(page).to_have_url(re.compile(r"/B/$"))

    page.goto(served + "A/security-toolkit/tool-09/")
    page.locator(f'[id="{REWORDED}"]').get_by_role("radio", name="Yes", exact=True).check()
    page.locator(f'[id="{RETIRED}"]').get_by_role("radio", name="No", exact=True).check()
    # A is an earlier edition: the notice says so and links to the same page in the newest.
    notice = page.locator('[data-md-component="outdated"]')
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("You are reading an earlier edition of the handbook.")
    page.evaluate("window.scrollTo(0, 0)")
    _screenshot(page, "edition-earlier-notice", full_page=False)
    notice.get_by_role("link", name="Read this page in the newest edition.").click()
    expect(page).to_have_url(re.compile(r"/B/security-toolkit/tool-09/$"))
    expect(page.locator('[data-md-component="outdated"]')).to_be_hidden()

    # The same answers on the same items (the question reworded too), with the edition in the footer.
    expect(page.locator(f'[id="{REWORDED}"]').get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    expect(page.locator(f'[id="{ADDED}"]').get_by_role("radio", name="Yes", exact=True)).not_to_be_checked()
    expect(page.locator(".hb-edition")).to_have_text("Handbook edition B, published 3 February 2026.")
    # The reworded question says so, with the wording answered in A one click away; the new one is marked new.
    reworded = page.locator(f'[id="{REWORDED}"]')
    reworded.get_by_text("Changed since you answered: see the wording you answered").click()
    expect(reworded).to_contain_text("Have authorities carried out an initial assessment already?")
    expect(page.locator(f'[id="{ADDED}"]').get_by_text("New in this edition")).to_be_visible()
    expect(page.get_by_text("New in this edition", exact=True)).to_have_count(1)

    # B's "What changed" page lists exactly those three items, computed from A's items.json.
    page.goto(served + "B/security-toolkit/what-changed/")
    main = page.locator("article")
    listed = main.get_by_role("link", name=re.compile(r"^Item (.*, )?t9-")).all_inner_texts()  # "Item 4, t9-q04"
    assert sorted(re.search(r"t9-\w+$", text).group() for text in listed) == sorted([REWORDED, RETIRED, ADDED]), listed
    for counted in ("Added: 1 item", "Changed: 1 item", "Retired: 1 item", "Moved: 0 items"):
        expect(main.get_by_role("listitem").filter(has_text=re.compile(f"^{counted}$"))).to_have_count(1)
    page.goto(served + "B/security-toolkit/tool-09/")

    # The version selector lists both editions, the newest first, and leads to the same page in A.
    selector = page.locator(".md-version")
    expect(selector.locator(".md-version__current")).to_have_text("B")
    selector.hover()
    expect(selector.locator(".md-version__link")).to_have_text(["B", "A"])
    _screenshot(page, "edition-version-selector", full_page=False)
    selector.locator(".md-version__link", has_text="A").click()
    expect(page).to_have_url(re.compile(r"/A/security-toolkit/tool-09/$"))

    # The report names the edition; the export carries it.
    page.goto(served + "B/report/")
    expect(page.locator(".hb-report__edition")).to_have_text("Handbook edition B, published 3 February 2026.")
    # The answer given in A to the item B retires stays in the report, marked as such.
    retired_row = page.locator("tr").filter(has=page.locator(f'a[href$="#{RETIRED}"]'))
    expect(retired_row.first).to_contain_text("Retired in this edition")
    with page.expect_download() as info:
        page.get_by_role("button", name="Export answers (JSON)").click()
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["handbook_edition"] == {"version": "B", "date": "2026-02-03"}
    assert {a["item"] for a in exported["answers"]} == {REWORDED, RETIRED}
    with page.expect_download() as csv_info:
        page.get_by_role("button", name="Export answers (CSV)").click()
    rows = list(csv.reader(io.StringIO(Path(csv_info.value.path()).read_text(encoding="utf-8-sig"), newline="")))
    assert rows[0][-1] == "Handbook edition" and {r[-1] for r in rows[1:]} == {"B (published 2026-02-03)"}
    # The importer takes a file naming its edition, and refuses one naming it in another shape.
    page.goto(served + "B/assessments/")
    page.get_by_label("Import answers (JSON file)").set_input_files(info.value.path())
    expect(page.get_by_role("button", name="Import as a new assessment")).to_be_visible()
    bad = Path(info.value.path()).with_name("bad-edition.json")
    bad.write_text(json.dumps({**exported, "handbook_edition": {"version": "B", "built": "today"}}), encoding="utf-8")
    page.goto(served + "B/assessments/")
    page.get_by_label("Import answers (JSON file)").set_input_files(bad)
    expect(page.get_by_role("alert")).to_contain_text("This export's handbook edition is not described as the "
                                                      "format says.")
    context.close()
    assert not errors, errors


def test_the_workflow_publishes_with_the_same_commands():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "edition.yml").read_text(encoding="utf-8"))
    on = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads the key `on` as true
    assert on["push"]["tags"] == ["edition-*"]
    publish = workflow["jobs"]["publish"]
    assert publish["if"] == "github.event_name == 'push'"
    runs = [step.get("run", "") for step in publish["steps"]]

    def step(pattern):
        return next(i for i, r in enumerate(runs) if re.search(pattern, r))
    # The tests, then the edition, then the push: nothing is published that did not pass.
    assert step(r"^\.ci/run$") < step(r"^make edition VERSION=") < step(r"^git push origin gh-pages$")
    preview = [s.get("run", "") for s in workflow["jobs"]["preview"]["steps"]]
    assert any(r.startswith("make edition VERSION=") for r in preview) and not any("push" in r for r in preview)
    assert workflow["permissions"]["contents"] == "write"
