"""Benchmark: full build with the hook against the same pages exported and built with no hook.

Prints, from one run, the median of several builds of each and their ratio (goal: <= 1.10).
Usage: python scripts/bench_build.py [--runs N]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def _build_seconds(config: Path, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "-d", str(out)],
                   check=True, env=ENV)
    return time.perf_counter() - start


def build_ratio(runs: int) -> tuple[float, float]:
    """Return the median seconds of a hook build and of a plain build of the exported pages."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run([sys.executable, "-m", "handbook", "--content", str(ROOT / "content"), "export",
                        str(tmp / "export"), "--config", str(ROOT / "mkdocs.yml")], check=True, env=ENV,
                       stdout=subprocess.DEVNULL)
        hook, plain = [], []
        for _ in range(runs):  # interleaved, so that machine load hits both alike
            hook.append(_build_seconds(ROOT / "mkdocs.yml", tmp / "site-hook"))
            plain.append(_build_seconds(tmp / "export" / "mkdocs.yml", tmp / "site-plain"))
        return statistics.median(hook), statistics.median(plain)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    hook, plain = build_ratio(args.runs)
    print(f"full build with hook      median {hook:.3f} s  ({args.runs} runs)")
    print(f"same pages, plain Markdown median {plain:.3f} s")
    print(f"ratio hook / plain        {hook / plain:.3f}  (goal <= 1.10)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
