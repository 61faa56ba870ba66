"""Earlier editions: what the handbook published before, read from the manifests kept with the published editions.

An edition is one publishing of the whole handbook (``make edition VERSION=…``, with mike). Each published edition
keeps every publication's ``<publication>/items.json`` (``manifest.py``), so a later build can tell what changed: ids
that disappeared or were reused (``validate``), the "What changed" page, items new in this edition, and the earlier
wordings readers may have answered.

The earlier editions are handed to the build as a folder (``HANDBOOK_EDITIONS``, filled by ``scripts/edition.py``
from the ``gh-pages`` branch): mike's ``versions.json`` (newest first: ``[{"version", "title", "aliases"}]``) and,
for each version, ``<version>/<publication>/items.json``. No folder, no history: a first edition, or a development
build.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, Problem


@dataclass(frozen=True)
class Edition:
    """One published edition: its version, its title, and each publication's manifest (``items.json``) by id."""

    version: str
    title: str
    manifests: dict[str, dict] = field(default_factory=dict)


def load_editions(folder: Path | str | None, current: str = "") -> list[Edition]:
    """Return the editions published in ``folder``, oldest first, leaving out the version ``current`` (the edition
    being built again); raise ContentError naming the file when one cannot be read."""
    if not folder:
        return []
    folder = Path(folder)
    versions_file = folder / "versions.json"
    versions = _read_json(versions_file, "mike's list of published versions")
    if not isinstance(versions, list) or not all(isinstance(v, dict) and isinstance(v.get("version"), str)
                                                 for v in versions):
        raise ContentError([Problem(str(versions_file), 1, 1, "not a list of {\"version\": …} entries as mike "
                                    "writes it; publish editions with `make edition`")])
    out = []
    for entry in reversed(versions):
        version = entry["version"]
        if version == current:
            continue
        manifests = {}
        for path in sorted((folder / version).glob("*/items.json")):
            manifest = _read_json(path, "an edition's item manifest")
            manifests[manifest.get("publication", path.parent.name)] = manifest
        out.append(Edition(version, str(entry.get("title") or version), manifests))
    return out


def _read_json(path: Path, what: str):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ContentError([Problem(str(path), 1, 1, f"missing: {what} is expected here; point HANDBOOK_EDITIONS "
                                    "at a folder made by scripts/edition.py, or unset it")]) from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContentError([Problem(str(path), 1, 1, f"cannot be read as {what} ({exc})")]) from None
