"""The parts without a browser: address rule, templates, languages, labels, redirects."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from guide_runner.practice import PracticeSite
from guide_runner.practice.files import BUILTIN_DIR, PageFiles, candidates
from guide_runner.practice.http import Request, redirect_page
from guide_runner.practice.labels import LABELS_FILE, LANGUAGES, load_labels
from guide_runner.practice.language import choose_language
from guide_runner.practice.templates import Renderer, TemplateError


def test_address_to_file_rule() -> None:
    assert candidates("/") == ["index.html"]
    assert candidates("/password") == ["password.html", "password", "password/index.html"]
    assert candidates("/totp/methods")[0] == "totp/methods.html"
    assert candidates("/css/connect.css")[1] == "css/connect.css"
    assert candidates("/_layout/footer.html") == []
    assert candidates("/../etc/passwd") == []
    files = PageFiles()
    assert files.for_address("connect.visma.com", "/totp/methods") == (
        BUILTIN_DIR / "connect.visma.com" / "totp" / "methods.html"
    )


@pytest.mark.parametrize(
    ("ui", "cookie", "accept", "lang"),
    [
        (None, None, "sv-SE,sv;q=0.9", "sv"),
        (None, None, "de-DE,nb;q=0.5", "nb"),
        (None, None, "", "en"),
        (None, "c=nb-NO|uic=nb-NO", "sv-SE", "nb"),
        (None, "c%3Dsv-SE%7Cuic%3Dsv-SE", "en-US", "sv"),
        ("nb-NO", "c=sv-SE|uic=sv-SE", "en-US", "nb"),
        ("da-DK", None, "nb-NO", "en"),
    ],
)
def test_language_choice(ui: str | None, cookie: str | None, accept: str, lang: str) -> None:
    assert choose_language(ui, cookie, accept) == lang


def test_template_labels_values_and_escaping() -> None:
    r = Renderer("sv", lambda name: "<i>{{ signin.or }}</i>")
    out = r.render(
        "{{ signin.next }} {{ x }} {% if not y %}no{% else %}yes{% endif %}"
        '{% for m in ms %}[{{ m.a }}]{% endfor %}{% include "part" %}'
        "{{ forgot.sent_text email=e }}{{ raw|raw }}",
        {"x": "<b>", "ms": [{"a": 1}, {"a": 2}], "e": "k@x", "raw": "<svg/>"},
    )
    assert out.startswith("Nästa &lt;b&gt; no[1][2]<i>ELLER</i>Vi har skickat ett mejl till k@x.")
    assert out.endswith("<svg/>")
    with pytest.raises(TemplateError):
        r.render("{% if x %}", {})


def test_every_label_in_every_language_and_yes_no_keys_are_strings() -> None:
    raw = yaml.safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    assert raw["account"]["yes"]["nb"] == "Ja" and raw["account"]["no"]["nb"] == "Nei"
    for section, entries in load_labels().items():
        for key, texts in entries.items():
            assert isinstance(key, str), (section, key)
            assert set(LANGUAGES) <= set(texts), f"{section}.{key}"


def test_every_page_file_renders_in_every_language() -> None:
    """No page asks for a label that labels.yaml lacks (a missing one is a 500)."""
    used = set()
    for path in BUILTIN_DIR.rglob("*.html"):
        used |= set(re.findall(r"{{\s*([a-z_]+\.[a-z_0-9]+)", path.read_text(encoding="utf-8")))
    labels = load_labels()
    context_names = {"user", "message", "m", "c", "rule", "error", "provider", "p"}
    missing = [
        key
        for key in used
        if key.split(".")[0] not in context_names
        and key.split(".")[1] not in labels.get(key.split(".")[0], {})
    ]
    assert missing == []


def test_pages_without_public_facts_say_so() -> None:
    for path in BUILTIN_DIR.rglob("*.html"):
        if "_layout" in path.parts:
            continue
        head = path.read_text(encoding="utf-8")[:1200]
        assert "<!--" in head, f"{path} has no comment about its source"
        assert re.search(
            r"REAL|MEASURED|not public|NOT PUBLIC|Not public|practice|Practice", head
        ), path


def test_redirects_become_meta_refresh_pages() -> None:
    page = redirect_page("https://connect.visma.com/password?a=1&b=2", 302)
    text = page.body.decode()
    assert page.status == 200
    assert 'content="0;url=https://connect.visma.com/password?a=1&amp;b=2"' in text
    site = PracticeSite()
    response = site.handle(Request("GET", "https://accountsettings.connect.visma.com/"))
    assert response.status == 302
    assert response.location == (
        "https://connect.visma.com/?ReturnUrl=https%3A%2F%2Faccountsettings.connect.visma.com%2F"
    )


def test_unknown_page_is_404_and_pages_dir_must_exist(tmp_path: Path) -> None:
    site = PracticeSite()
    assert site.handle(Request("GET", "https://connect.visma.com/nope")).status == 404
    with pytest.raises(FileNotFoundError):
        PracticeSite(tmp_path / "missing")


def test_preload_reads_the_labels_before_the_first_request() -> None:
    from guide_runner.practice.labels import load_labels

    load_labels.cache_clear()
    PracticeSite.preload()
    assert load_labels.cache_info().currsize == 1
