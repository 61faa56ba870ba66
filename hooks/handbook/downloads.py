"""The offline archive as the site publishes it: one file under ``downloads/``, offered only where it is published."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

#: Where a build that publishes the archive puts it (``make site``), relative to the site's root.
ARCHIVE = "downloads/handbook-offline.zip"

# A list item or paragraph linking to the archive from any folder (by its file name), with its indented continuation
# lines; the last line of a file may have no newline.
_OFFER = re.compile(r"^[^\n]*\]\([^)\s]*/" + re.escape(posixpath.basename(ARCHIVE)) + r"\)[^\n]*(?:\n|\Z)"
                    r"(?:[ \t]+\S[^\n]*(?:\n|\Z))*", re.M)


def without_offer(markdown: str) -> str:
    """Return hand-written Markdown without the lines that offer the archive (for a build that has none)."""
    return _OFFER.sub("", markdown)


def archive_file(project: Path, archive: str | None) -> Path | None:
    """Return the archive to publish (``extra.hb_offline_archive`` under ``project``) or None; ValueError if no file."""
    if not archive:
        return None
    path = Path(project) / archive
    if not path.is_file():
        raise ValueError(f"extra.hb_offline_archive: {archive} is not a file; build it with `make offline`")
    return path
