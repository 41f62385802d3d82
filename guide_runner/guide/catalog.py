"""Finding guides: the built-in ones plus folders named with --guides or $GUIDE_RUNNER_GUIDES."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from guide_runner.guide.loader import GuideError, load_guide
from guide_runner.guide.model import Guide

ENV_GUIDES = "GUIDE_RUNNER_GUIDES"


def builtin_guides_dir() -> Path:
    """Where the shipped guides are: inside the wheel, or selectors/ in a source checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_guides"
    if packaged.is_dir():
        return packaged
    return here.parent / "selectors"


class GuideNotFound(Exception):
    def __init__(self, wanted: str, known: Iterable[str]):
        known = sorted(known)
        close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.4)
        hint = f" Did you mean: {', '.join(close)}?" if close else ""
        listing = f" Known guides: {', '.join(known)}." if known else " No guides found."
        super().__init__(f"No guide {wanted!r}.{hint}{listing}")


class GuidesFolderMissing(Exception):
    """$GUIDE_RUNNER_GUIDES names a folder that is not there (or a file). The command line
    makes it a usage error (exit 2), as ``--guides`` with a missing folder is; ``variable``
    is what to name, the message says what is wrong with it."""

    variable = f"${ENV_GUIDES}"

    def __init__(self, problems: list[str], value: str):
        self.problems = problems
        self.value = value
        hint = ""
        if os.pathsep not in value and any(sep in value for sep in ",;"):
            hint = f" (separate folders with {os.pathsep!r})"
        super().__init__("; ".join(problems) + hint)


def env_guide_folders() -> list[Path]:
    """The folders named in $GUIDE_RUNNER_GUIDES; GuidesFolderMissing if one is not a folder."""
    value = os.environ.get(ENV_GUIDES, "")
    folders = [Path(p) for p in value.split(os.pathsep) if p]
    problems = []
    for folder in folders:
        if not folder.exists():
            problems.append(f"the folder {str(folder)!r} does not exist")
        elif not folder.is_dir():
            problems.append(f"{str(folder)!r} is a file, not a folder")
    if problems:
        raise GuidesFolderMissing(problems, value)
    return folders


@dataclass
class Catalog:
    """Guide files by id. Later folders override earlier ones (a local copy wins)."""

    folders: list[Path] = field(default_factory=list)

    @classmethod
    def default(cls, extra: Iterable[Path] = ()) -> Catalog:
        folders = [builtin_guides_dir(), *env_guide_folders(), *extra]
        return cls(folders)

    def files(self) -> dict[str, Path]:
        found: dict[str, Path] = {}
        for folder in self.folders:
            if folder.is_dir():
                for path in sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")):
                    found[path.stem] = path
        return found

    def path(self, guide_id_or_path: str) -> Path:
        """A guide id, or a path to a guide file."""
        candidate = Path(guide_id_or_path)
        if candidate.suffix in (".yaml", ".yml") and candidate.is_file():
            return candidate
        files = self.files()
        if guide_id_or_path not in files:
            raise GuideNotFound(guide_id_or_path, files)
        return files[guide_id_or_path]

    def load(self, guide_id_or_path: str) -> Guide:
        return load_guide(self.path(guide_id_or_path))

    def load_all(self) -> tuple[list[Guide], list[GuideError]]:
        guides: list[Guide] = []
        errors: list[GuideError] = []
        for path in self.files().values():
            try:
                guides.append(load_guide(path))
            except GuideError as exc:
                errors.append(exc)
        return guides, errors
