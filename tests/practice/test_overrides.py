"""The override folder: files replace built-in pages one by one; extra hosts are served."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from guide_runner.practice import KARI, PRACTICE_HOSTS, PracticeSite

from .conftest import MakePage
from .helpers import SIGN_IN, dismiss_cookies, enter_email

VARIANTS = Path(__file__).with_name("variants")


def test_hosts_include_override_only_hosts() -> None:
    site = PracticeSite(VARIANTS / "lookalike-host")
    assert set(PRACTICE_HOSTS) <= set(site.hosts())
    assert "visma-login.example.test" in site.hosts()
    assert "visma-login.example.test" not in PracticeSite().hosts()


def test_every_variant_folder_is_documented() -> None:
    readme = (VARIANTS / "README.md").read_text(encoding="utf-8")
    for folder in VARIANTS.iterdir():
        if folder.is_dir():
            assert f"`{folder.name}`" in readme


def test_override_replaces_one_file_only(tmp_path: Path, make_page: MakePage) -> None:
    host = tmp_path / "connect.visma.com"
    host.mkdir()
    (host / "password.html").write_text("<!doctype html><h1 id=drift>{{ password.sign_in }}</h1>")
    _, page = make_page("sv-SE", pages_dir=tmp_path)
    enter_email(page, KARI.email)
    expect(page.locator("#drift")).to_have_text("Logga in")
    page.goto(SIGN_IN)
    expect(page.locator("#Username")).to_be_visible()  # the email step is still built-in


def test_renamed_link(make_page: MakePage) -> None:
    _, page = make_page("nb-NO", pages_dir=VARIANTS / "renamed-forgot-link")
    enter_email(page, KARI.email)
    expect(page.get_by_role("link", name="Glemt ditt passord?")).to_have_count(0)
    page.get_by_role("link", name="Har du glemt passordet?").click()
    page.wait_for_url("https://connect.visma.com/forgotpassword?**")


def test_moved_button(make_page: MakePage) -> None:
    _, page = make_page("nb-NO", pages_dir=VARIANTS / "moved-button")
    page.goto(SIGN_IN)
    dismiss_cookies(page)
    button = page.locator("#LoginButton").bounding_box()
    field = page.locator("#Username").bounding_box()
    assert button and field and button["y"] < field["y"]
    page.locator("#Username").fill(KARI.email)
    page.locator("#LoginButton").click()
    page.wait_for_url("https://connect.visma.com/password?**")


def test_changed_id(make_page: MakePage) -> None:
    _, page = make_page("nb-NO", pages_dir=VARIANTS / "changed-username-id")
    page.goto(SIGN_IN)
    expect(page.locator("#Username")).to_have_count(0)
    expect(page.locator("input[name=Username]")).to_have_count(0)
    expect(page.locator("#Email")).to_be_visible()


def test_banner_covers_the_target(make_page: MakePage) -> None:
    _, page = make_page(
        "nb-NO",
        pages_dir=VARIANTS / "banner-covers-target",
        viewport={"width": 1280, "height": 720},
    )
    enter_email(page, KARI.email)
    button = page.locator("#LoginButton")
    box = button.bounding_box()
    assert box is not None
    covered = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).id",
        [box["x"] + box["width"] / 2, box["y"] + 5],
    )
    assert covered == "news-banner"
    try:
        button.click(timeout=1500)
    except Exception as exc:
        assert "intercepts pointer events" in str(exc)
    else:
        raise AssertionError("the click should have been intercepted")


def test_duplicated_button(make_page: MakePage) -> None:
    _, page = make_page("nb-NO", pages_dir=VARIANTS / "duplicated-button")
    page.goto(SIGN_IN)
    expect(page.get_by_role("button", name="Neste", exact=True)).to_have_count(2)
    expect(page.locator("#LoginButton")).to_have_count(1)


def test_lookalike_host_is_served_statically(make_page: MakePage) -> None:
    site, page = make_page("nb-NO", pages_dir=VARIANTS / "lookalike-host")
    page.goto("https://visma-login.example.test/")
    expect(page.locator("#LoginButton")).to_have_value("Neste")
    assert site.blocked == []
