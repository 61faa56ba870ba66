"""The offline archive as the site publishes it: one file under ``downloads/``, offered only where it is published."""
from __future__ import annotations

import re

#: Where a build that publishes the archive puts it (``make site``), relative to the site's root.
ARCHIVE = "downloads/handbook-offline.zip"

# A list item or paragraph linking to the archive, with its indented continuation lines.
_OFFER = re.compile(r"^(?:- )?[^\n]*\]\(" + re.escape(ARCHIVE) + r"\)[^\n]*\n(?:[ \t]+\S[^\n]*\n)*", re.M)


def without_offer(markdown: str) -> str:
    """Return hand-written Markdown without the lines that offer the archive (for a build that has none)."""
    return _OFFER.sub("", markdown)
