"""Reading one screen pixel without an imaging library.

A 1 x 1 PNG has a single scanline with no neighbours, so every PNG row filter leaves its
bytes unchanged: inflating the image data and dropping the filter byte gives the colour.
"""

from __future__ import annotations

import struct
import zlib

from playwright.sync_api import Page

Colour = tuple[int, int, int]

_CHANNELS = {2: 3, 6: 4}  # PNG colour type -> bytes per pixel (RGB, RGBA) at 8 bits


def pixel(page: Page, x: float, y: float) -> Colour:
    """The colour on screen at viewport CSS pixel (x, y), overlay included."""
    png = page.screenshot(clip={"x": x, "y": y, "width": 1, "height": 1}, scale="css")
    return _decode_single_pixel(png)


def _decode_single_pixel(png: bytes) -> Colour:
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
    width, height, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert (width, height, depth) == (1, 1, 8) and colour_type in _CHANNELS, header
    raw = zlib.decompress(data)
    red, green, blue = raw[1], raw[2], raw[3]
    return (red, green, blue)


def near(colour: Colour, expected: Colour, tolerance: int = 40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))
