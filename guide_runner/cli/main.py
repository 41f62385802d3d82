"""Entry point: a click group whose commands are imported only when called.

Lazy loading keeps ``guide-runner --help`` fast: Playwright and pydantic are imported by
the commands that need them, not by the group.
"""

from __future__ import annotations

import importlib
import importlib.util
import io
import sys
from typing import Any

import click

from guide_runner import __version__
from guide_runner.cli import interrupt

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

# command name -> (module, attribute, one-line help shown by `guide-runner -h`)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "list": ("guide_runner.cli.catalog_cmds", "list_cmd", "List the available guides."),
    "show": (
        "guide_runner.cli.catalog_cmds",
        "show_cmd",
        "Show a guide's steps as a numbered list.",
    ),
    "validate": ("guide_runner.cli.catalog_cmds", "validate_cmd", "Validate guide files."),
    "schema": (
        "guide_runner.cli.catalog_cmds",
        "schema_cmd",
        "Print the JSON Schema of guide files.",
    ),
    "doctor": (
        "guide_runner.cli.doctor_cmd",
        "doctor_cmd",
        "Say which browser would be used, and why.",
    ),
    "run": ("guide_runner.cli.run_cmd", "run_cmd", "Guide a person through the live pages."),
    "demo": (
        "guide_runner.cli.demo_cmd",
        "demo_cmd",
        "Play a guide on the practice site with an autopilot.",
    ),
    "practice": (
        "guide_runner.cli.practice_cmd",
        "practice_cmd",
        "Open the practice site for free exploration.",
    ),
    "check": (
        "guide_runner.cli.check_cmd",
        "check_cmd",
        "Check that guides still match the pages.",
    ),
    "login": (
        "guide_runner.cli.login_cmd",
        "login_cmd",
        "Sign in by hand and save the session for checks.",
    ),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if self._available(name)]

    @staticmethod
    def _available(name: str) -> bool:
        module = COMMANDS[name][0]
        return importlib.util.find_spec(module) is not None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or not self._available(cmd_name):
            return None
        module_name, attr, _ = COMMANDS[cmd_name]
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        # Ctrl-C anywhere in a command: one line, exit 130 (a command that stops a walk on
        # Ctrl-C says so in the person's language and exits 130 itself).
        with interrupt.watch():
            try:
                return super().invoke(ctx)
            except KeyboardInterrupt:
                raise interrupt.stop() from None
            except click.Abort as exc:  # Ctrl-C or end of input at a prompt
                if isinstance(exc.__context__, KeyboardInterrupt) or interrupt.interrupted():
                    raise interrupt.stop() from None
                raise

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """click's main, with every error as "error: …" like the commands' own messages."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, False, **extra)
        except click.ClickException as exc:
            _show(exc)
            sys.exit(exc.exit_code)
        except click.Abort as exc:
            if isinstance(exc.__cause__, KeyboardInterrupt):
                raise interrupt.stop() from None
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            raise interrupt.stop() from None
        sys.exit(result if isinstance(result, int) else 0)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help comes from the table above, so `-h` imports no command module.
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(__version__, "--version", prog_name="guide-runner")
def cli() -> None:
    """Walk people through real Visma pages one highlighted step at a time,
    and check that the guides still match the pages."""


def _show(exc: click.ClickException) -> None:
    """click's own rendering (usage line, help hint), with "error:" as the commands write it."""
    text = io.StringIO()
    exc.show(file=text)
    lines = [
        "error: " + line.removeprefix("Error: ") if line.startswith("Error: ") else line
        for line in text.getvalue().splitlines()
    ]
    click.echo("\n".join(lines), err=True)


def main(argv: list[str] | None = None) -> Any:
    try:
        return cli.main(args=argv, prog_name="guide-runner")
    except KeyboardInterrupt:  # pragma: no cover - between the commands' own handling
        raise interrupt.stop() from None


if __name__ == "__main__":  # pragma: no cover
    main()
