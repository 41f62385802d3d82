"""The terminal companion: the checklist, the current step and what to do, on stderr.

On a terminal the display is redrawn in place (rich Live): every step of the walk with the
current one marked and the finished ones ticked, the current instruction, the latest
messages and the keys. Elsewhere (a pipe, a log, a test) it prints one line per event.
"""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Console, Group, RenderableType
from rich.live import Live
from rich.markup import escape
from rich.panel import Panel
from rich.text import Text

from guide_runner.guide.model import Guide
from guide_runner.guide.texts import fill, localize
from guide_runner.runner.events import (
    Ended,
    Event,
    Level,
    Notice,
    Started,
    StepEnded,
    StepReady,
    StepStarted,
)
from guide_runner.runner.messages import say
from guide_runner.runner.plan import Plan, short_title

_STYLE: dict[Level, str] = {"info": "cyan", "warn": "yellow", "problem": "bold red", "ok": "green"}
_ICON: dict[Level, str] = {"info": "ℹ", "warn": "⚠", "problem": "✋", "ok": "✓"}


class Companion:
    def __init__(
        self,
        guide: Guide,
        lang: str,
        params: Mapping[str, str],
        console: Console,
        *,
        live: bool | None = None,
    ):
        self.guide = guide
        self.lang = lang
        self.params = params
        self.console = console
        self.plan = Plan.of(guide)
        self.live_mode = console.is_terminal if live is None else live
        self._live: Live | None = None
        self.title = localize(guide.title, lang)
        self.checklist: list[int] = self.plan.checklist(0)
        self.current: int | None = None
        self.text = ""
        self.state: dict[int, str] = {}  # index -> done / skipped / optional
        self.notices: list[Notice] = []
        self.interactive = False
        self.practice = False

    # listener ------------------------------------------------------------------------------
    def __call__(self, event: Event) -> None:
        if isinstance(event, Started):
            self.interactive = event.interactive
            self.practice = event.practice
            self.checklist = event.checklist
            self._start()
        elif isinstance(event, StepStarted):
            self.current = event.index
            self.checklist = event.checklist
            self.text = event.text
            self.notices = []
            if not self.live_mode:
                self.console.print(
                    f"[bold]▶ {event.number}/{event.total}[/bold] {escape(event.text)}",
                    highlight=False,
                )
        elif isinstance(event, StepReady):
            pass
        elif isinstance(event, StepEnded):
            if event.how in ("done", "skipped", "optional", "chosen"):
                self.state[event.index] = {"chosen": "done"}.get(event.how, event.how)
            if event.how == "back":
                self.state.pop(event.index, None)
            if not self.live_mode and event.how in ("done", "chosen"):
                mark = say("done_mark", self.lang)
                self.console.print(f"  [green]✓ {mark}[/green]", highlight=False)
        elif isinstance(event, Notice):
            self.notices = [*self.notices[-4:], event]
            if not self.live_mode:
                self._print_notice(event)
        elif isinstance(event, Ended):
            self._stop()
            style = "bold green" if event.ending == "finished" else "bold yellow"
            self.console.print(f"[{style}]{escape(event.text)}[/{style}]", highlight=False)
            return
        self._refresh()

    # output --------------------------------------------------------------------------------
    def _start(self) -> None:
        summary = fill(localize(self.guide.summary, self.lang), self.params)
        self.console.print(Text(self.title, style="bold"))
        self.console.print(Text(summary))
        if self.practice:
            self.console.print(f"[magenta]{escape(say('practice_banner', self.lang))}[/magenta]")
        self.console.print(escape(say("you_do_it", self.lang)))
        self.console.print(f"[dim]{escape(self._keys_line())}[/dim]")
        if self.live_mode:
            self._live = Live(
                self._render(),
                console=self.console,
                auto_refresh=False,
                transient=False,
                redirect_stdout=False,
                redirect_stderr=False,
            )
            self._live.start()

    def _keys_line(self) -> str:
        return say("keys", self.lang) if self.interactive else say("no_keys", self.lang)

    def _print_notice(self, notice: Notice) -> None:
        style = _STYLE[notice.level]
        self.console.print(
            f"  [{style}]{_ICON[notice.level]} {escape(notice.text)}[/{style}]", highlight=False
        )

    def _refresh(self) -> None:
        if self._live is not None:
            self._live.update(self._render(), refresh=True)

    def _stop(self) -> None:
        if self._live is not None:
            self._live.update(self._render(), refresh=True)
            self._live.stop()
            self._live = None

    def close(self) -> None:
        self._stop()

    def _render(self) -> RenderableType:
        rows: list[RenderableType] = []
        items = self.checklist
        room = max(6, self.console.height - 14)
        start, end = 0, len(items)
        if len(items) > room and self.current in items:
            pos = items.index(self.current)
            start = max(0, min(pos - room // 3, len(items) - room))
            end = start + room
        if start > 0:
            rows.append(Text(f"   ✓ 1–{start}", style="green dim"))
        for i in items[start:end]:
            n = self.plan.number(i)
            title = short_title(self.guide.steps[i], self.lang, self.params)
            state = self.state.get(i)
            if i == self.current:
                rows.append(Text(f" ▶ {n:>2}. {title}", style="bold reverse"))
            elif state == "done":
                rows.append(Text(f" ✓ {n:>2}. {title}", style="green"))
            elif state in ("skipped", "optional"):
                rows.append(Text(f" – {n:>2}. {title}", style="dim strike"))
            else:
                rows.append(Text(f"   {n:>2}. {title}", style="dim"))
        if end < len(items):
            rows.append(Text(f"   … {len(items) - end}", style="dim"))
        body: list[RenderableType] = [Panel(Group(*rows), title=self.title, expand=True)]
        if self.current is not None:
            n = self.plan.number(self.current)
            total = self.plan.total(self.current)
            body.append(
                Panel(
                    Text(self.text),
                    title=say("step_of", self.lang, n=n, total=total),
                    border_style="bold blue",
                )
            )
        for notice in self.notices:
            body.append(Text(f"{_ICON[notice.level]} {notice.text}", style=_STYLE[notice.level]))
        body.append(Text(self._keys_line(), style="dim"))
        return Group(*body)
