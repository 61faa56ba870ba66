"""Publish an edition of the handbook: ``make edition VERSION=2023`` (or ``python scripts/edition.py 2023``).

1. Gathers the editions already on the local ``gh-pages`` branch (or on ``origin/gh-pages`` when that is newer, as
   in CI) into a temporary folder, as ``hooks/handbook/editions.py`` reads them: mike's ``versions.json`` and each
   version's ``<publication>/items.json``. Read with ``git show``: nothing is checked out.
2. Checks the content against the previous edition (ids kept or retired, each still asking its question) and stops
   with the build's messages.
3. Builds the edition's offline archive, which its home page offers (as ``make site`` does).
4. Has mike build ``mkdocs.edition.yml`` and commit it to ``gh-pages`` as ``VERSION/``, moves the alias ``latest``
   (redirect pages) onto it and makes ``latest`` the default: the site's root redirects there.

It never pushes (``git push origin gh-pages`` publishes) and touches neither the checked-out branch nor the work
tree (the build goes to ``build/edition/site``). No network is used.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from build_offline import build_archive  # noqa: E402
CONFIG = "mkdocs.edition.yml"
BRANCH, REMOTE = "gh-pages", "origin"
VERSION_RE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,49}")


class Refused(Exception):
    """A reason not to publish, shown as it is."""


def git(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=check)


def git_bytes(*args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, check=True).stdout


def has_ref(ref: str) -> bool:
    return git("rev-parse", "--verify", "--quiet", ref + "^{commit}", check=False).returncode == 0


def published_ref() -> str | None:
    """Return the ref holding the published editions: the local branch, or the remote one when it is newer (mike
    then moves the local branch onto it before committing); None before the first edition."""
    local, remote = f"refs/heads/{BRANCH}", f"refs/remotes/{REMOTE}/{BRANCH}"
    if has_ref(local):
        if has_ref(remote) and git("merge-base", "--is-ancestor", local, remote, check=False).returncode == 0:
            return remote
        return local
    return remote if has_ref(remote) else None


def gather(ref: str | None, folder: Path) -> list[str]:
    """Write the published editions of ``ref`` into ``folder`` as editions.py reads them; return their versions,
    newest first (mike's order). No branch: an empty list, and no versions.json (a first edition)."""
    if ref is None:
        return []
    try:
        versions = json.loads(git_bytes("show", f"{ref}:versions.json"))
    except subprocess.CalledProcessError:
        return []  # a gh-pages branch made by something other than mike: no edition to compare with
    (folder / "versions.json").write_text(json.dumps(versions), encoding="utf-8")
    names = [v["version"] for v in versions if isinstance(v, dict) and isinstance(v.get("version"), str)]
    for version in names:
        listed = git("ls-tree", "-r", "--name-only", ref, "--", f"{version}/").stdout.splitlines()
        for path in listed:
            if re.fullmatch(re.escape(version) + r"/[^/]+/items\.json", path):
                (folder / path).parent.mkdir(parents=True, exist_ok=True)
                (folder / path).write_bytes(git_bytes("show", f"{ref}:{path}"))
    return names


def check_version(version: str) -> None:
    if not version:
        raise Refused("VERSION is missing: make edition VERSION=2023 (letters, digits, '.', '_' or '-')")
    if not VERSION_RE.fullmatch(version) or version == "latest":
        raise Refused(f"VERSION={version!r} cannot name an edition: use letters, digits, '.', '_' or '-' (at most "
                      "50, starting with a letter or digit), not 'latest' (the alias of the newest edition)")


def check_newest(version: str, folder: Path) -> None:
    """Refuse an edition that mike would not list first: latest/, the site's root and the comparison with the
    previous edition all go by mike's order of versions (by name, e.g. 2022 < 2023 < 2023.1), not by when an
    edition was published. Publishing the newest again (a correction) is allowed."""
    from mike.versions import Versions

    listed = folder / "versions.json"
    if not listed.exists():
        return
    versions = Versions.loads(listed.read_text(encoding="utf-8"))
    if not len(versions):
        return
    newest = next(iter(versions)).version
    if versions.find(version) and str(newest) != version:
        raise Refused(f"edition {version} is published already and {newest} is newer: publishing {version} again "
                      f"would move latest/ and the site's root back to it. Correct {version} in a new edition")
    versions.add(version)
    first = str(next(iter(versions)).version)
    if first != version:
        raise Refused(f"VERSION={version!r} sorts before the newest edition, {first}, in mike's order of versions: "
                      f"latest/ and the site's root would not lead to it. Name it so that it sorts after {first} "
                      f"(e.g. a later year, or {first}.1)")


def check_clean() -> None:
    dirty = git("status", "--porcelain").stdout.strip()
    if dirty:
        raise Refused("uncommitted changes would be published without being in any commit; commit them first "
                      "(or pass --allow-dirty):\n" + dirty)


def check_content(folder: Path, version: str) -> None:
    """Build the content against the previous edition as the hook will; stop with its messages."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from handbook import ContentError, build_site
    from handbook.editions import load_editions
    try:
        build_site(ROOT / "content", load_editions(folder if (folder / "versions.json").exists() else None,
                                                   version))
    except ContentError as exc:
        raise Refused(f"{len(exc.problems)} problem(s) in the content:\n{exc}") from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("version", nargs="?", default="", help="the edition's version, e.g. 2023")
    parser.add_argument("--date", default=datetime.date.today().isoformat(),
                        help="the day it is published, YYYY-MM-DD (default: today)")
    parser.add_argument("--allow-dirty", action="store_true", help="publish uncommitted changes too")
    args = parser.parse_args(argv)
    bindir = Path(sys.executable).parent
    try:
        check_version(args.version)
        try:
            datetime.date.fromisoformat(args.date)
        except ValueError:
            raise Refused(f"--date {args.date!r} is not a date as YYYY-MM-DD") from None
        if git("rev-parse", "--show-toplevel", check=False).returncode:
            raise Refused(f"{ROOT} is not a git repository: mike commits editions to its gh-pages branch")
        if not args.allow_dirty:
            check_clean()
        with tempfile.TemporaryDirectory(prefix="handbook-editions-") as tmp:
            folder = Path(tmp)
            earlier = gather(published_ref(), folder)
            check_newest(args.version, folder)
            check_content(folder, args.version)
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{bindir}{os.pathsep}{os.environ['PATH']}",
                   "HANDBOOK_EDITION": args.version, "HANDBOOK_EDITION_DATE": args.date}
            if (folder / "versions.json").exists():
                env["HANDBOOK_EDITIONS"] = str(folder)
            else:
                env.pop("HANDBOOK_EDITIONS", None)
            # The offline archive of this edition, offered on its home page as `make site` offers it.
            archive = ROOT / "build" / "edition" / "handbook-offline.zip"
            try:
                build_archive(archive, env)
            except subprocess.CalledProcessError:
                raise Refused("the offline archive could not be built (see above); nothing was published") from None
            env["HANDBOOK_OFFLINE_ARCHIVE"] = str(archive)
            head = git("rev-parse", "--short", "HEAD").stdout.strip()
            mike = [str(bindir / "mike"), "--quiet"]
            for step in (
                ["deploy", "--config-file", CONFIG, "--update-aliases", "--alias-type", "redirect",
                 "--message", f"Edition {args.version} (published {args.date}) from {head}", args.version, "latest"],
                ["set-default", "--config-file", CONFIG, "--message", f"Default: latest (edition {args.version})",
                 "latest"],
            ):
                if subprocess.run(mike + step, cwd=ROOT, env=env).returncode:
                    raise Refused(f"mike {step[0]} failed (see above); {BRANCH} is as it was before this step")
    except Refused as exc:
        print(f"make edition: {exc}", file=sys.stderr)
        return 1
    others = [v for v in earlier if v != args.version]
    before = f" beside {', '.join(others)}" if others else ""
    print(f"Edition {args.version} (published {args.date}) committed to the local {BRANCH} branch{before}; "
          f"latest/ and the site's root lead to it.\nPreview: {bindir / 'mike'} serve --config-file {CONFIG}\n"
          f"Publish: git push {REMOTE} {BRANCH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
