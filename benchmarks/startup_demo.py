"""Benchmark-side probe for first_highlight_ms.{ours,run}: runs a guide-runner command
(``demo …`` or ``run … --practice --headless``) in this process with ``Overlay.show``
wrapped, and prints the wall-clock time (epoch ms) of the end of the first frame rendered
after the first outline was positioned; then exits.

The command's own code is not changed: the wrapper calls the real ``show`` and then waits
for one rendered frame in the page (requestAnimationFrame, then a posted message).

    python benchmarks/startup_demo.py demo GUIDE --lang nb --out DIR
"""

from __future__ import annotations

import json
import os
import sys

from guide_runner.overlay import overlay as overlay_module

_FRAME = """() => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.timeOrigin + performance.now());
  channel.port2.postMessage(0);
}))"""

_real_show = overlay_module.Overlay.show


def _show(self: overlay_module.Overlay, *args: object, **kwargs: object) -> int:
    result = _real_show(self, *args, **kwargs)  # type: ignore[arg-type]
    drawn = float(self._page.evaluate(_FRAME))
    print(json.dumps({"first_outline_epoch_ms": drawn}), flush=True)
    sys.stdout.flush()
    os._exit(0)
    return result


def main() -> None:
    overlay_module.Overlay.show = _show  # type: ignore[method-assign]
    from guide_runner.cli.main import main as cli_main

    cli_main(sys.argv[1:])


if __name__ == "__main__":
    main()
