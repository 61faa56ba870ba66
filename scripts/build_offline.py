"""Build the offline handbook and pack it as one .zip archive that opens from a folder (file://).

Usage: python scripts/build_offline.py [ARCHIVE]
  ARCHIVE      where to write the archive (default: build/handbook-offline.zip)

The online site publishes it when its build names it (`make site`: HANDBOOK_OFFLINE_ARCHIVE, see mkdocs.yml).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = "handbook"  # the folder the archive unpacks into


def build_archive(archive: Path, env: dict | None = None) -> Path:
    """Build the site with mkdocs.offline.yml and zip it into ``archive``; return its path. ``env``: the build's
    environment (by default this process's; an edition passes its name and date)."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = dict(env if env is not None else os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f",
                        str(ROOT / "mkdocs.offline.yml"), "-d", str(site)], check=True, env=env)
        archive.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(site.rglob("*")):
                if path.is_file():
                    zf.write(path, f"{TOP}/{path.relative_to(site).as_posix()}")
    return archive


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("archive", nargs="?", default=str(ROOT / "build" / "handbook-offline.zip"))
    args = parser.parse_args()
    archive = build_archive(Path(args.archive))
    print(f"wrote {archive} ({archive.stat().st_size / 1e6:.1f} MB); open {TOP}/index.html after unpacking")
    return 0


if __name__ == "__main__":
    sys.exit(main())
