"""A wheel built from the repo, installed into a fresh virtual environment outside the repo."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_ships_the_guides_and_works_outside_the_repo(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("guide_runner-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
    )
    tool = env_dir / "bin" / "guide-runner"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "GUIDE_RUNNER_GUIDES"}
    listed = subprocess.run(
        [str(tool), "list"], cwd=elsewhere, capture_output=True, text=True, env=env, check=True
    )
    assert "feil-epost-bankid" in listed.stdout and "ny-mobil-tvastegs" in listed.stdout
    validated = subprocess.run(
        [str(tool), "validate"], cwd=elsewhere, capture_output=True, text=True, env=env
    )
    assert validated.returncode == 0, validated.stderr
    assert "_guides" in validated.stderr  # the guides came from inside the installed package
