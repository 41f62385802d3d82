"""The package layout rules: selectors/ is data, never a package; the CLI starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_selectors_is_not_a_package() -> None:
    assert not (ROOT / "selectors" / "__init__.py").exists()


def test_import_selectors_is_the_standard_library() -> None:
    # Run from the project root, where a package named selectors would shadow the stdlib.
    code = "import selectors; print(selectors.__file__); assert selectors.DefaultSelector"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert str(ROOT / "selectors") not in result.stdout


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guide_runner", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "guide-runner" in result.stdout


def test_help_does_not_import_playwright_or_pydantic() -> None:
    # `--help` must stay fast: the heavy imports belong to the commands that need them.
    code = (
        "import sys\n"
        "from guide_runner.cli.main import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('playwright', 'pydantic') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_the_guide_layer_does_not_import_the_command_line() -> None:
    # Guides are read by the runner, the checker and the pytest plugin too: what is wrong
    # with them is the guide layer's exceptions; the CLI decides how to show them.
    code = (
        "import sys\n"
        "import guide_runner.guide\n"
        "print('CLI', [m for m in ('click', 'rich') if m in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "CLI []" in result.stdout, result.stdout + result.stderr
