"""A QR-code-like picture for the practice two-step wizard (not scannable, never needed:
the practice authenticator code is fixed and printed beneath it)."""

from __future__ import annotations

import hashlib

SIZE = 25  # modules per side, like a version-2 QR code


def _finder(grid: list[list[bool]], top: int, left: int) -> None:
    for r in range(7):
        for c in range(7):
            ring = r in (0, 6) or c in (0, 6)
            core = 2 <= r <= 4 and 2 <= c <= 4
            grid[top + r][left + c] = ring or core


def qr_svg(text: str, module: int = 6) -> str:
    """An SVG of SIZE x SIZE modules: three finder squares and bits derived from ``text``."""
    grid = [[False] * SIZE for _ in range(SIZE)]
    digest = b""
    counter = 0
    while len(digest) * 8 < SIZE * SIZE:
        digest += hashlib.sha256(f"{counter}:{text}".encode()).digest()
        counter += 1
    bits = "".join(f"{byte:08b}" for byte in digest)
    for r in range(SIZE):
        for c in range(SIZE):
            grid[r][c] = bits[r * SIZE + c] == "1"
    for top, left in ((0, 0), (0, SIZE - 7), (SIZE - 7, 0)):
        for r in range(-1, 8):
            for c in range(-1, 8):
                if 0 <= top + r < SIZE and 0 <= left + c < SIZE:
                    grid[top + r][left + c] = False
        _finder(grid, top, left)
    quiet = 4 * module
    side = SIZE * module + 2 * quiet
    rects = "".join(
        f'<rect x="{quiet + c * module}" y="{quiet + r * module}" width="{module}" '
        f'height="{module}"/>'
        for r in range(SIZE)
        for c in range(SIZE)
        if grid[r][c]
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" '
        f'width="{side}" height="{side}"><rect width="{side}" height="{side}" fill="#fff"/>'
        f'<g fill="#000">{rects}</g></svg>'
    )
