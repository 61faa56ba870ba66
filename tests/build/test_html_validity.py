"""The Nu HTML Checker (vnu-jar, pinned in tests/node) over every built page: no error of our making."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from support import node_tool

# Errors in Material's own templates that no override can mend; README.md lists them too. Each entry is
# (message, the source line it is reported on), both regular expressions.
KNOWN = {
    # base.html puts autocomplete="off" on its two hidden toggles (drawer and search) so that Firefox does not
    # restore them checked after a reload. They sit outside every block of base.html: mending them means replacing
    # the whole base template, which would drift from each Material release and from Zensical's own base.
    "autocomplete on Material's toggles": (r"Attribute “autocomplete” is only allowed when the input type is",
                                           r'<input class="md-toggle" data-md-toggle="(drawer|search)"'),
    # nav-item.html writes tabindex="" on a section's label. Replacing that long partial with a mended copy breaks
    # Zensical's navigation (it builds the export with the same overrides and has its own nav-item.html: with
    # Material's copy the current page loses its mark), so it stays Material's until Material mends it.
    "empty tabindex on nav section labels": (r"Bad value “” for attribute “tabindex” on element “label”",
                                             r'<label class="md-nav__link[^"]*" for="__nav_[0-9_]+"'),
    # With navigation.indexes, nav-item.html draws a section's index page as the section's link, without the
    # page's "__toc" toggle, while toc.html still labels it. Mending it means replacing toc.html or nav-item.html,
    # which Zensical has its own copies of (see above). The label does nothing: the page's contents stay in the
    # right-hand sidebar, and the drawer lists the section's pages.
    "toc label of a section's index page": (r"The value of the “for” attribute of the “label” element must be the "
                                            r"ID of a non-hidden form control",
                                            r'<label class="md-nav__title" for="__toc">'),
}


def _vnu(pages: list) -> list[dict]:
    """Return the checker's error messages over ``pages`` (one JVM for all of them)."""
    java = shutil.which("java")
    assert java, "the Nu HTML Checker needs Java 11 or later (Debian: apt-get install default-jre-headless)"
    result = subprocess.run([java, "-jar", str(node_tool("vnu-jar/build/dist/vnu.jar")), "--errors-only",
                             "--format", "json", *map(str, pages)], capture_output=True, text=True)
    assert result.stderr.startswith("{"), result.stderr[-2000:]  # the checker writes its report to stderr
    return json.loads(result.stderr)["messages"]


def _known(message: dict) -> str | None:
    return next((name for name, (text, extract) in KNOWN.items()
                 if re.search(text, message["message"]) and re.search(extract, message.get("extract", ""))), None)


def test_every_page_is_valid_html_but_for_materials_known_errors(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20, pages
    messages = _vnu(pages)
    ours = [f"{Path(m['url'].removeprefix('file:')).relative_to(built_site)}:{m.get('lastLine', '?')}: "
            f"{m['message']}" for m in messages if not _known(m)]
    assert not ours, "Nu HTML Checker errors:\n" + "\n".join(ours)
    # A known error that Material has mended must leave KNOWN and the README too.
    seen = {_known(m) for m in messages}
    assert seen == set(KNOWN), f"no longer reported, remove from KNOWN and README.md: {set(KNOWN) - seen}"
