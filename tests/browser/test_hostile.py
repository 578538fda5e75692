"""The hostile corpus: SOP text that looks like markup or script stays text in the browser."""

from __future__ import annotations

from playwright.sync_api import Page

from sopgen.model import Sop


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_no_script_from_a_sop_runs_and_its_text_shows_literally(
    page: Page, hostile_site_url: str, hostile_sops: dict[str, Sop]
) -> None:
    assert hostile_sops, "the hostile corpus has no valid SOP to publish"
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    pages = ["", "sop/", *(f"sop/{key}/" for key in sorted(hostile_sops))]
    for path in pages:
        page.goto(f"{hostile_site_url}{path}")
        page.wait_for_load_state("load")
        assert page.evaluate("() => typeof window.__pwned") == "undefined", path
    for key, sop in sorted(hostile_sops.items()):
        page.goto(f"{hostile_site_url}sop/{key}/")
        text = _flat(page.inner_text("article"))
        for expected in (
            sop.identitas.nama,
            sop.identitas.nomor,
            *(item for step in sop.langkah for item in step.kegiatan),
            *(actor.nama for actor in sop.pelaksana),
        ):
            assert _flat(expected) in text, f"{key}: {expected!r} is not shown literally"
        assert page.evaluate("() => typeof window.__pwned") == "undefined", key
        # Markup written in the SOP never becomes elements: no injected image, no live link.
        assert page.locator('img[src="x"]').count() == 0, key
        assert page.locator('a[href^="javascript:"]').count() == 0, key
        # The browser tab title shows the name as text too (no markup leaks out of <title>).
        assert _flat(sop.identitas.nama) in page.title()
    assert dialogs == []
