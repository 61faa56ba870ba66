"""Draw the web app's icons (the handbook's initials, white on the theme's indigo) as PNG files, standard library only.

Usage: python scripts/make_icons.py   (writes overrides/assets/icons/*.png; run once, the PNGs are committed)

The plain icons fill their square; the maskable one keeps the initials inside the central circle (40% radius) that
every platform mask leaves visible.
"""
from __future__ import annotations

import struct
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "overrides" / "assets" / "icons"
INDIGO = (0x40, 0x51, 0xB5)  # Material's indigo, the theme's primary colour
WHITE = (0xFF, 0xFF, 0xFF)


def _mark() -> list[str]:
    """The initials as rows of '#' (white) and '.' (background), 11 x 7."""
    m = ["#...#", "##.##", "#.#.#", "#...#", "#...#", "#...#", "#...#"]
    s = [".####", "#....", "#....", ".###.", "....#", "....#", "####."]
    return [a + "." + b for a, b in zip(m, s)]


def icon(size: int, share: float) -> bytes:
    """Return a PNG of ``size`` pixels square: the mark centred, ``share`` of the width wide."""
    mark = _mark()
    cols, rows = len(mark[0]), len(mark)
    scale = max(1, int(size * share / cols))
    left, top = (size - cols * scale) // 2, (size - rows * scale) // 2
    raw = bytearray()
    for y in range(size):
        raw.append(0)  # filter: none
        my = (y - top) // scale if y >= top else -1
        for x in range(size):
            mx = (x - left) // scale if x >= left else -1
            lit = 0 <= my < rows and 0 <= mx < cols and mark[my][mx] == "#"
            raw.extend(WHITE if lit else INDIGO)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b""))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, size, share in (("icon-192.png", 192, 0.75), ("icon-512.png", 512, 0.75),
                              ("icon-maskable-512.png", 512, 0.5)):
        (OUT / name).write_bytes(icon(size, share))
        print(f"wrote {(OUT / name).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
