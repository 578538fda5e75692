"""Full-page screenshots of a long SOP and a SOP with a loop, for people to review.

Written to ``test-artifacts/screenshots/`` (ignored by git); the checks only make sure each
picture was taken of a drawn page.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from served_sites import ARROWS_DRAWN, SCREENSHOTS

from sopgen.model import END, Sop


def long_sop(sops: dict[str, Sop]) -> str:
    return max(sops, key=lambda key: (len(sops[key].langkah), key))


def loop_sop(sops: dict[str, Sop]) -> str:
    """A SOP with an arrow back to an earlier (or the same) step."""
    for key, sop in sorted(sops.items()):
        numbers = {step.key: step.number for step in sop.langkah}
        for step in sop.langkah:
            for target, _label in step.successors():
                if target != END and numbers[target] <= step.number:
                    return key
    raise AssertionError("the real corpus has no SOP with a loop")


@pytest.mark.parametrize("width", [1920, 390])
@pytest.mark.parametrize("kind", ["panjang", "perulangan"])
def test_screenshot(
    page: Page, site_url: str, real_sops: dict[str, Sop], kind: str, width: int
) -> None:
    key = long_sop(real_sops) if kind == "panjang" else loop_sop(real_sops)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{site_url}sop/{key}/")
    page.wait_for_function(ARROWS_DRAWN)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{kind}-{width}.png"
    picture = page.screenshot(path=str(target), full_page=True)
    assert target.read_bytes() == picture
    assert picture[:8] == b"\x89PNG\r\n\x1a\n"
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height > 900, "a SOP page with its table and diagram is longer than one screen"
