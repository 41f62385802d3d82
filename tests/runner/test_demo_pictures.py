"""The demo never pictures a secret: the field a sensitive step typed into stays masked in
every later picture of that document (the next step's «Verify» is pictured with the code
still in its field), other fields are pictured as they are, and so is a new document."""

from __future__ import annotations

from typing import cast

from playwright.sync_api import Locator, Page

from guide_runner.autopilot import Autopilot
from guide_runner.guide.model import DoneWhen, Step
from guide_runner.guide.model import Locator as Candidate
from guide_runner.runner.demo import DemoPerson
from guide_runner.runner.engine import StepView
from guide_runner.runner.report import Entry, Recorder
from guide_runner.runner.safe_page import SafePage
from tests.overlay.pixels import Image, decode_png, near

PAGE = """<!doctype html><style>
  body { margin: 0; background: #fff; }
  input { position: fixed; left: 20px; top: 20px; width: 300px; height: 40px; border: 0;
          font-size: 28px; color: #000; background: #fff; }
  #other { top: 100px; }
  button { position: fixed; left: 20px; top: 160px; }
</style><input id=code><input id=other><button id=go>Bekreft</button>"""

SECRET = "7K3M-9QXA-4TRD"
MASK = (0x5B, 0x67, 0x70)
FIELD = [(x, y) for x in range(24, 316, 4) for y in range(24, 56, 2)]
OTHER = [(x, y + 80) for x, y in FIELD]

TYPE_CODE = Step(
    id="skriv-kode",
    say="Skriv engangskoden.",
    do="type",
    enters="one-time-code",
    sensitive=True,
    target=[Candidate(css="#code")],
    done_when=[DoneWhen(activated=True)],
)
VERIFY = Step(
    id="bekreft",
    say="Trykk «Bekreft».",
    do="click",
    target=[Candidate(css="#go")],
    done_when=[DoneWhen(activated=True)],
)


class _Typist:
    """Types the secret like the practice autopilot, on any page (the real one refuses
    everything but the practice site); clicks nothing."""

    def perform(self, page: Page, step: Step, target: Locator | None) -> None:
        if step.do == "type" and target is not None:
            target.fill(SECRET)


def _picture_of(person: DemoPerson, recorder: Recorder, page: Page, step: Step) -> Image:
    n = len(recorder.entries)
    recorder.entries.append(Entry(n, step.id, n + 1, 4, str(step.say), step.sensitive))
    safe = SafePage(page, screenshots=True)
    view = StepView(n, step, safe, safe.locator(step.target[0].css or ""), n + 1, 4)
    person(view)
    png = recorder.entries[-1].screenshot
    assert png is not None
    return decode_png(png)


def _masked(image: Image, area: list[tuple[int, int]] = FIELD) -> bool:
    return all(near(image.at(x, y), MASK, 12) for x, y in area)


def _shows_text(image: Image, area: list[tuple[int, int]] = FIELD) -> bool:
    return any(near(image.at(x, y), (0, 0, 0), 60) for x, y in area)


def test_a_typed_secret_stays_masked_on_its_document(page: Page) -> None:
    page.set_viewport_size({"width": 400, "height": 200})
    page.set_content(PAGE)
    recorder = Recorder("nb")
    person = DemoPerson(cast(Autopilot, _Typist()), recorder)

    page.fill("#other", "kari@example.com")  # typed, not secret
    assert _masked(_picture_of(person, recorder, page, TYPE_CODE))
    # The next step: the code is still in its field, masked; the other field is not.
    image = _picture_of(person, recorder, page, VERIFY)
    assert _masked(image) and _shows_text(image, OTHER) and not _masked(image, OTHER)
    assert [e.masked for e in recorder.entries] == [True, True]

    # Its field out of sight (a dialog closed): nothing is hidden in the picture.
    page.evaluate("() => { document.querySelector('#code').style.display = 'none'; }")
    _picture_of(person, recorder, page, VERIFY)
    assert recorder.entries[-1].masked is False

    # A new document: its field holds nothing secret, and is pictured as it is.
    page.goto("about:blank")
    page.set_content(PAGE)
    page.fill("#code", "kari@example.com")
    image = _picture_of(person, recorder, page, VERIFY)
    assert _shows_text(image) and not _masked(image)
    assert recorder.entries[-1].masked is False


FRAME_PAGE = """<!doctype html><style>body { margin: 0; background: #fff; }
  iframe { position: fixed; left: 0; top: 0; width: 400px; height: 100px; border: 0; }
</style><iframe srcdoc="<style>body{margin:0;background:#fff}
  input{position:fixed;left:20px;top:20px;width:300px;height:40px;border:0;font-size:28px;
  color:#000;background:#fff}</style><input id=code>"></iframe>"""


def test_a_secret_typed_in_a_frame_is_masked(page: Page) -> None:
    page.set_viewport_size({"width": 400, "height": 200})
    page.set_content(FRAME_PAGE)
    page.frame_locator("iframe").locator("#code").wait_for()
    recorder = Recorder("nb")
    person = DemoPerson(cast(Autopilot, _Typist()), recorder)
    in_frame = TYPE_CODE.model_copy(update={"target": [Candidate(css="#code", frame="iframe")]})
    n = len(recorder.entries)
    recorder.entries.append(Entry(n, in_frame.id, 1, 1, str(in_frame.say), True))
    safe = SafePage(page, screenshots=True)
    person(StepView(n, in_frame, safe, safe.frame_locator("iframe").locator("#code"), 1, 1))
    png = recorder.entries[-1].screenshot
    assert png is not None and _masked(decode_png(png))


def test_a_secret_field_hidden_for_a_moment_is_still_masked(page: Page) -> None:
    # Out of sight when the picture is decided, back by the time it is taken.
    page.set_viewport_size({"width": 400, "height": 200})
    page.set_content(PAGE)
    recorder = Recorder("nb")
    person = DemoPerson(cast(Autopilot, _Typist()), recorder)
    _picture_of(person, recorder, page, TYPE_CODE)
    page.evaluate(
        """() => { const code = document.querySelector('#code'); code.style.display = 'none';
          let n = 0; const tick = () => { document.body.dataset.n = String(++n);
            if (n < 20) requestAnimationFrame(tick); else code.style.display = ''; };
          requestAnimationFrame(tick); }"""
    )
    image = _picture_of(person, recorder, page, VERIFY)
    assert _masked(image)


def test_a_secret_the_page_copies_into_a_password_field_is_masked(page: Page) -> None:
    page.set_viewport_size({"width": 400, "height": 200})
    page.set_content(PAGE.replace("<input id=other>", "<input id=other type=password>"))
    recorder = Recorder("nb")
    person = DemoPerson(cast(Autopilot, _Typist()), recorder)
    _picture_of(person, recorder, page, TYPE_CODE)
    page.evaluate("() => { other.value = document.querySelector('#code').value; }")
    image = _picture_of(person, recorder, page, VERIFY)
    assert _masked(image) and _masked(image, OTHER)
