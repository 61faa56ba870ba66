"""The offline archive is offered only by a build that publishes it."""
from __future__ import annotations

import pytest

from handbook.downloads import archive_file, without_offer


def test_a_build_without_the_archive_drops_the_lines_that_offer_it():
    page = ("- [Open](a.md)\n- [Download it](downloads/handbook-offline.zip){ download } (a .zip\n"
            "  archive: unpack it)\n- [Last](b.md)\n")
    assert without_offer(page) == "- [Open](a.md)\n- [Last](b.md)\n"


def test_the_offer_goes_from_a_page_in_a_folder_and_from_the_last_line():
    page = "# Offline\n\nRead it anywhere.\n\n[Download it](../downloads/handbook-offline.zip){ download }"
    assert without_offer(page) == "# Offline\n\nRead it anywhere.\n\n"
    page = "- [Open](a.md)\n- [Get the archive](../../downloads/handbook-offline.zip) to\n  read offline"
    assert without_offer(page) == "- [Open](a.md)\n"


def test_other_downloads_stay():
    page = "- [The PDF](downloads/toolkit.pdf)\n- [Notes](handbook-offline.md)\n"
    assert without_offer(page) == page


def test_the_archive_to_publish_is_a_file_of_the_project(tmp_path):
    assert archive_file(tmp_path, "") is None  # none set: the build publishes none
    (tmp_path / "build").mkdir()
    (tmp_path / "build" / "offline.zip").write_bytes(b"PK")
    assert archive_file(tmp_path, "build/offline.zip") == tmp_path / "build" / "offline.zip"
    with pytest.raises(ValueError, match=r"^extra.hb_offline_archive: build/missing.zip is not a file; build it"):
        archive_file(tmp_path, "build/missing.zip")
