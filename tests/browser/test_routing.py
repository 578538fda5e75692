"""Swimlane routing as a reader needs it, on every corpus SOP and on the generated stress set.

At 390, 1280 and 1920 px in the light scheme and at 1280 px in the dark one, measured in
Chromium (see routing_checks): no decision label overlaps text, a symbol, a line or another
label, none is truncated or under 12 px or further than 12 px from its own arrow, every
crossing has a hop, no two arrows share an arrowhead, no two parallel lines run closer than
6 px. The stress set (tests/stress_sops.py) is also held to the layout checks of test_layout
(arrows from box to box, around symbols).
Each page's counts are written to ``test-artifacts/routing/`` (the before/after table of the
issue comes from there).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page
from routing_checks import KINDS, ROUTING_MEASURE, routing_counts, routing_problems
from served_sites import ARROWS_DRAWN, REPO, build_site, serve
from test_layout import MEASURE, SOP_IDS, layout_problems

from sopgen.corpus import check_corpus
from sopgen.model import Sop
from stress_sops import STRESS, write_stress_sops

WIDTHS = (390, 1280, 1920)
ARTIFACTS = REPO / "test-artifacts" / "routing"
HALO = """() => {
  const text = document.querySelector('svg.sopgen-arrows text.sopgen-arrow-label');
  const halo = text.previousElementSibling;
  return {text: getComputedStyle(text).fill, halo: getComputedStyle(halo).fill,
          haloClass: halo.getAttribute('class'),
          page: getComputedStyle(document.body).backgroundColor,
          scheme: document.body.getAttribute('data-md-color-scheme')};
}"""


@pytest.fixture(scope="session")
def stress_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_stress_sops(tmp_path_factory.mktemp("stress-sops"))


@pytest.fixture(scope="session")
def stress_url(stress_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    return serve(build_site(stress_dir, tmp_path_factory.mktemp("stress-site")))


@pytest.fixture(scope="session")
def stress_sops(stress_dir: Path) -> dict[str, Sop]:
    result = check_corpus(stress_dir)
    assert not [d for d in result.diagnostics if d.severity == "error"]
    return {sop.id: sop for sop in result.sops}


def measure(page: Page, url: str, width: int, scheme: str) -> dict[str, Any]:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.wait_for_function(ARROWS_DRAWN)
    found: dict[str, Any] = page.evaluate(ROUTING_MEASURE)
    return found


def record(set_name: str, sop_key: str, width: int, scheme: str, found: dict[str, Any]) -> None:
    """Writes the page's counts for the before/after table (also when the test fails)."""
    target = ARTIFACTS / f"{set_name}-{scheme}-{width}" / f"{sop_key.replace('/', '--')}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(routing_counts(found), sort_keys=True) + "\n", encoding="utf-8")


def assert_readable(found: dict[str, Any]) -> None:
    assert found["arrows"] and found["symbols"]
    problems = routing_problems(found)
    assert {kind: problems[kind] for kind in KINDS} == {kind: [] for kind in KINDS}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("sop_key", SOP_IDS)
def test_corpus_routing_is_readable(
    page: Page, site_url: str, real_sops: dict[str, Sop], sop_key: str, width: int
) -> None:
    found = measure(page, f"{site_url}sop/{sop_key}/", width, "light")
    record("corpus", sop_key, width, "light", found)
    assert_readable(found)
    assert layout_problems(real_sops[sop_key], page.evaluate(MEASURE)) == []


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("sop_key", sorted(STRESS))
def test_stress_routing_is_readable(
    page: Page, stress_url: str, stress_sops: dict[str, Sop], sop_key: str, width: int
) -> None:
    found = measure(page, f"{stress_url}sop/{sop_key}/", width, "light")
    record("stress", sop_key, width, "light", found)
    assert_readable(found)
    assert found["hops"], "the stress set crosses lines: it must have hops"
    assert layout_problems(stress_sops[sop_key], page.evaluate(MEASURE)) == []


@pytest.mark.parametrize(
    ("set_name", "sop_key"),
    [("corpus", key) for key in SOP_IDS] + [("stress", key) for key in sorted(STRESS)],
)
def test_dark_scheme_routing_is_readable(
    page: Page, site_url: str, stress_url: str, set_name: str, sop_key: str
) -> None:
    base = site_url if set_name == "corpus" else stress_url
    found = measure(page, f"{base}sop/{sop_key}/", 1280, "dark")
    record(set_name, sop_key, 1280, "dark", found)
    assert_readable(found)
    colours = page.evaluate(HALO)
    assert colours["scheme"] == "slate"
    # The halo is the page's own background, and the label stands out from it.
    assert colours["haloClass"] == "sopgen-label-halo"
    assert colours["halo"] == colours["page"] and colours["text"] != colours["halo"]


def test_the_routing_checks_catch_what_a_reader_trips_over() -> None:
    """Each check can fail: a made-up drawing with every problem of the issue."""
    box = {"left": 0.0, "top": 0.0, "right": 40.0, "bottom": 14.0}
    found = {
        "arrows": [
            {"from": "a", "to": "c", "points": [[20, -50], [20, 100]]},
            {"from": "b", "to": "c", "points": [[-30, 50], [50, 50], [40, 100]]},
            {"from": "d", "to": "e", "points": [[23, -40], [23, 60]]},
        ],
        "joins": [],
        "hops": [],
        "hopBoxes": [],
        "labels": [{"from": "a", "to": "c", "box": box, "shown": "Perlu perbaik…",
                    "full": "Perlu perbaikan", "font": 10.0}],
        "symbols": [{"step": "x", "box": {"left": 30, "top": 5, "right": 60, "bottom": 25}}],
        "texts": [{"left": 5, "top": 2, "right": 15, "bottom": 12}],
    }
    counts = routing_counts(found)
    assert counts == {"label_overlaps": 1, "truncated_labels": 1, "small_labels": 1,
                      "ambiguous_heads": 0, "missing_hops": 2, "close_parallels": 1,
                      "detached_labels": 0}
    found["arrows"][1]["points"][-1] = [22, 100]
    assert routing_counts(found)["ambiguous_heads"] == 1
    found["hops"] = [[20, 50], [23, 50]]
    assert routing_counts(found)["missing_hops"] == 0
    found["labels"][0]["box"] = {"left": 40.0, "top": 0.0, "right": 60.0, "bottom": 14.0}
    assert routing_counts(found)["detached_labels"] == 1  # 20 px from its arrow at x = 20
