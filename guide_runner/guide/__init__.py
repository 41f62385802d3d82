"""Guide files: the format, loading with line numbers, semantic checks and lookup."""

from guide_runner.guide.catalog import (
    Catalog,
    GuideNotFound,
    GuidesFolderMissing,
    builtin_guides_dir,
)
from guide_runner.guide.loader import GuideError, load_guide
from guide_runner.guide.model import Choice, DoneWhen, Guide, Locator, Place, Step
from guide_runner.guide.texts import fill, localize

__all__ = [
    "Catalog",
    "Choice",
    "DoneWhen",
    "Guide",
    "GuideError",
    "GuideNotFound",
    "GuidesFolderMissing",
    "Locator",
    "Place",
    "Step",
    "builtin_guides_dir",
    "fill",
    "load_guide",
    "localize",
]
