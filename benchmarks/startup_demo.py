"""Benchmark-side probe for first_highlight_ms.{ours,run}: runs a guide-runner command
(``demo …`` or ``run … --practice --headless``) in this process with ``Overlay`` wrapped,
and prints the wall-clock time (epoch ms) of the end of the first frame rendered after the
first outline was positioned; then exits.

The first outline is drawn either by ``Overlay.show`` or by the page itself (the in-page
matcher the engine arms with ``Overlay.expect``, which then sends an ``early`` signal),
whichever comes first. The command's own code is not changed:
- after the real ``show`` returns, the probe waits for one rendered frame in the page
  (requestAnimationFrame, then a posted message) and takes the page's clock;
- when the page outlined the target during the real ``expect`` call (the target was
  there), the time is Python's clock when that call returned: the page answers it only
  after the frame that shows the outline was rendered (overlay.js, afterNextFrame);
- when the page outlines it later (the target appeared afterwards), the probe hears the
  ``early`` signal and waits for one rendered frame as after ``show``: a frame or more
  after the one it was drawn in, so the figure errs on the slow side.

    python benchmarks/startup_demo.py demo GUIDE --lang nb --out DIR
"""

from __future__ import annotations

import json
import os
import sys
import time

from guide_runner.overlay import Signal
from guide_runner.overlay import overlay as overlay_module

_FRAME = """() => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.timeOrigin + performance.now());
  channel.port2.postMessage(0);
}))"""

_real_show = overlay_module.Overlay.show
_real_expect = overlay_module.Overlay.expect
_real_init = overlay_module.Overlay.__init__
_in_expect: list[bool] = []  # an expect() call is under way
_heard_early: list[bool] = []  # the page said it outlined the target during that call


def _report(drawn_epoch_ms: float, how: str) -> None:
    print(json.dumps({"first_outline_epoch_ms": drawn_epoch_ms, "by": how}), flush=True)
    sys.stdout.flush()
    os._exit(0)


def _show(self: overlay_module.Overlay, *args: object, **kwargs: object) -> int:
    result = _real_show(self, *args, **kwargs)  # type: ignore[arg-type]
    _report(float(self._page.evaluate(_FRAME)), "show")
    return result


def _expect(self: overlay_module.Overlay, *args: object, **kwargs: object) -> int | None:
    _in_expect.append(True)
    try:
        result = _real_expect(self, *args, **kwargs)  # type: ignore[arg-type]
    finally:
        _in_expect.pop()
    if _heard_early:
        _report(time.time() * 1000, "expect")  # answered after the frame that shows it
    return result


def _init(self: overlay_module.Overlay, *args: object, **kwargs: object) -> None:
    _real_init(self, *args, **kwargs)  # type: ignore[arg-type]

    def heard(signal: Signal) -> None:
        if signal.kind != "early":
            return
        if _in_expect:
            _heard_early.append(True)  # reported when that call returns
        else:  # the target appeared later and the page outlined it then
            _report(float(self._page.evaluate(_FRAME)), "early")

    self.on_signal(heard)


def main() -> None:
    overlay_module.Overlay.show = _show  # type: ignore[method-assign]
    overlay_module.Overlay.expect = _expect  # type: ignore[method-assign]
    overlay_module.Overlay.__init__ = _init  # type: ignore[method-assign]
    from guide_runner.cli.main import main as cli_main

    cli_main(sys.argv[1:])


if __name__ == "__main__":
    main()
