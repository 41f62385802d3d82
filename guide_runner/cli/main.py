"""Entry point: a click group whose commands are imported only when called.

Lazy loading keeps ``guide-runner --help`` fast: Playwright and pydantic are imported by
the commands that need them, not by the group.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from typing import Any

import click

from guide_runner import __version__

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


def main(argv: list[str] | None = None) -> Any:
    try:
        return cli.main(args=argv, prog_name="guide-runner")
    except KeyboardInterrupt:  # pragma: no cover - a command handles its own Ctrl-C
        click.echo("Stopped.", err=True)
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
