"""`run` and `demo` import what their walk needs while the browser starts, not after.

The modules are imported on launch_while's start-up thread (``preload_walk``); whatever the
walk function itself still imports is time between the browser starting and the first page.
Each case runs in a fresh interpreter: this test session has imported everything already.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Imports the modules a command preloads (or not; on the practice site), then runs every
# import statement of its walk function, and prints the modules those still had to load.
_PROBE = """
import ast, importlib, inspect, json, sys, textwrap
command = importlib.import_module(sys.argv[1])
if sys.argv[3] == "preload":
    from guide_runner.runner.launch import preload_walk
    preload_walk(*getattr(command, "DEMO_MODULES", ()))
    import guide_runner.practice  # loaded for --practice (run) and always (demo)
before = set(sys.modules)
tree = ast.parse(textwrap.dedent(inspect.getsource(getattr(command, sys.argv[2]))))
for node in ast.walk(tree):
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        exec(compile(ast.Module([node], []), "<walk imports>", "exec"), {})
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def _loaded_by_walk(command: str, walk: str, mode: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, command, walk, mode],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return list(json.loads(done.stdout))


@pytest.mark.parametrize(
    ("command", "walk"),
    [("guide_runner.cli.run_cmd", "_run"), ("guide_runner.cli.demo_cmd", "_demo")],
)
def test_the_walk_imports_nothing_the_start_up_thread_did_not(command: str, walk: str) -> None:
    assert _loaded_by_walk(command, walk, "preload") == []
    # The probe sees it when the start-up thread does not do it.
    assert "guide_runner.runner.tracker" in _loaded_by_walk(command, walk, "none")
