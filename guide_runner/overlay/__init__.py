"""The highlight overlay: an outline around the next element and an instruction bubble.

See docs/overlay.md. Typical use::

    overlay = Overlay(page)
    overlay.show(page.get_by_role("link", name="Glemt ditt passord?"), text="Klikk her",
                 step=3, total=11, lang="nb", cant_find_label="Finner du det ikke?")
"""

from .context import ContextInstall
from .model import Box, Button, PageQuery, Signal, SignalKind
from .overlay import Overlay, OverlayError
from .targets import TargetError

__all__ = [
    "Box",
    "Button",
    "ContextInstall",
    "Overlay",
    "OverlayError",
    "PageQuery",
    "Signal",
    "SignalKind",
    "TargetError",
]
