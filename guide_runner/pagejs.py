"""Reading in-page JavaScript from the real .js files that live beside the modules."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def load_js(module_file: str, name: str) -> str:
    """The script ``name`` next to ``module_file``, without its leading comment lines, ready
    for ``evaluate`` (a function expression)."""
    text = (Path(module_file).with_name(name)).read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return body.strip().rstrip(";")
