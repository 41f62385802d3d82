"""What every command shares: options, consoles, and turning domain errors into messages."""

from __future__ import annotations

import functools
import locale
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape

F = TypeVar("F", bound=Callable[..., Any])

# Exit codes (README): 0 ok, 1 failure or drift found, 2 usage error (an unknown or broken
# guide too; for `check` also an infrastructure problem), 130 Ctrl-C (cli/interrupt.py).
EXIT_FAILURE, EXIT_USAGE = 1, 2

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# Data goes to stdout; progress, warnings and errors to stderr.
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def guides_option(f: F) -> F:
    return click.option(
        "--guides",
        "guide_dirs",
        multiple=True,
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        help="Extra folder of guide files (also $GUIDE_RUNNER_GUIDES). Repeatable.",
    )(f)


def lang_option(f: F) -> F:
    return click.option(
        "--lang",
        default=None,
        metavar="LANG",
        help="Language of the texts: nb, sv or en (default: the system's, else the guide's).",
    )(f)


def browser_options(f: F) -> F:
    f = click.option(
        "--executable",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Path of a Chromium-based browser to use.",
    )(f)
    f = click.option(
        "--browser-channel",
        default=None,
        metavar="CHANNEL",
        help="Installed browser to use: chrome, msedge, chrome-beta, msedge-beta or chromium.",
    )(f)
    return f


def pages_option(f: F) -> F:
    return click.option(
        "--pages",
        "pages_dir",
        type=click.Path(file_okay=False, exists=True, path_type=Path),
        default=None,
        help="Override folder for the practice site (<host>/<path> files).",
    )(f)


def system_language(available: list[str]) -> str | None:
    """The system locale's language when a guide has it (nb also for no/nn)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            break
    else:
        value = locale.getlocale()[0] or ""
    code = value.split("_")[0].split(".")[0].split(":")[0].lower()
    code = {"no": "nb", "nn": "nb", "se": "sv"}.get(code, code)
    return code if code in available else None


def error(message: str, code: int = EXIT_FAILURE) -> SystemExit:
    """Print "error: message" on stderr; the SystemExit to raise."""
    err.print(f"[red]error:[/red] {escape(message)}")
    return SystemExit(code)


def _nearest_existing(path: Path) -> Path:
    path = Path(os.path.abspath(path))
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_output_folder(path: Path, option: str) -> None:
    """Usage error unless ``path`` is, or can be made, a folder this process writes into.

    Nothing is created: a run that fails for another reason leaves no empty folder behind.
    """
    existing = _nearest_existing(path)
    if existing == Path(os.path.abspath(path)):
        if not existing.is_dir():
            raise click.BadParameter(f"{str(path)!r} is a file, not a folder.", param_hint=option)
    elif not existing.is_dir():
        raise click.BadParameter(
            f"cannot create {str(path)!r}: {str(existing)!r} is a file, not a folder.",
            param_hint=option,
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise click.BadParameter(
            f"cannot write into {str(existing)!r} (no permission).", param_hint=option
        )


def check_output_file(path: Path, option: str) -> None:
    """Usage error unless ``path``'s folder exists and this process may write a file there."""
    folder = Path(os.path.abspath(path)).parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise click.BadParameter(f"the folder {str(folder)!r} {what}.", param_hint=option)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise click.BadParameter(
            f"cannot write into {str(folder)!r} (no permission).", param_hint=option
        )


def pick_language(requested: str | None, available: list[str], default: str) -> str:
    if requested:
        if requested not in available:
            raise click.BadParameter(
                f"{requested!r} is not available; choose one of {', '.join(available)}.",
                param_hint="--lang",
            )
        return requested
    return system_language(available) or default


def handle_errors(f: F) -> F:
    """Turn the domain's expected failures into one clear message, never a traceback.

    An unknown or broken guide, or a missing folder in $GUIDE_RUNNER_GUIDES, is a usage
    error (exit 2); a browser that is missing or does not start is a failure (exit 1).
    """

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except Exception as exc:
            # Imported only now: a command that fails no way pays nothing for them, and the
            # guide models stay off the start-up path (demo loads them while the browser starts).
            from guide_runner.browser import BrowserNotFound
            from guide_runner.guide import GuideError, GuideNotFound, GuidesFolderMissing

            if isinstance(exc, GuidesFolderMissing):
                # Worded as click words a missing --guides folder: "Invalid value for …".
                raise click.BadParameter(str(exc), param_hint=exc.variable) from None
            if isinstance(exc, GuideError):
                for issue in exc.issues:
                    err.print(f"[red]error:[/red] {escape(str(issue))}")
                raise SystemExit(EXIT_USAGE) from None
            if isinstance(exc, GuideNotFound):
                raise error(str(exc), EXIT_USAGE) from None
            if isinstance(exc, BrowserNotFound):  # also launch.BrowserFailed
                raise error(str(exc)) from None
            raise

    return wrapper  # type: ignore[return-value]
