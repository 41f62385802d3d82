"""Reading screen pixels without an imaging library: a small PNG decoder for tests."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

from playwright.sync_api import Page

Colour = tuple[int, int, int]

_CHANNELS = {2: 3, 6: 4}  # PNG colour type -> bytes per pixel (RGB, RGBA) at 8 bits


def pixel(page: Page, x: float, y: float) -> Colour:
    """The colour on screen at viewport CSS pixel (x, y), overlay included."""
    png = page.screenshot(clip={"x": x, "y": y, "width": 1, "height": 1}, scale="css")
    return _decode_single_pixel(png)


def _decode_single_pixel(png: bytes) -> Colour:
    image = decode_png(png)
    assert (image.width, image.height) == (1, 1), (image.width, image.height)
    return image.at(0, 0)


@dataclass(frozen=True)
class Image:
    """A decoded 8-bit RGB or RGBA PNG: ``rows`` hold the unfiltered scanlines."""

    width: int
    height: int
    channels: int
    rows: list[bytes]

    def at(self, x: int, y: int) -> Colour:
        start = x * self.channels
        red, green, blue = self.rows[y][start : start + 3]
        return (red, green, blue)


def decode_png(png: bytes) -> Image:
    """Decode a non-interlaced 8-bit RGB(A) PNG, undoing the five row filters."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    offset = 8
    header = b""
    data = b""
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        kind = png[offset + 4 : offset + 8]
        body = png[offset + 8 : offset + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            data += body
        offset += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour_type in _CHANNELS and interlace == 0, header
    bpp = _CHANNELS[colour_type]
    stride = width * bpp
    raw = zlib.decompress(data)
    rows: list[bytes] = []
    previous = bytes(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        assert kind in range(5), f"unknown PNG row filter {kind}"
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up = previous[i]
            up_left = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[i] = (line[i] + predictor) & 0xFF
        previous = bytes(line)
        rows.append(previous)
    return Image(width, height, bpp, rows)


def near(colour: Colour, expected: Colour, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))
