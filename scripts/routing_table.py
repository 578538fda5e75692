"""Per-SOP table of the swimlane routing counts that tests/browser/test_routing.py wrote.

Usage: ``.venv/bin/python scripts/routing_table.py [--view light-1280] [BEFORE_DIR] AFTER_DIR``
where each folder is a copy of ``test-artifacts/routing/`` (one JSON file of counts per page,
scheme and width). Prints a Markdown table per SOP, summed over the views measured (390, 1280,
1920 px light and 1280 px dark) or for one view: label overlaps, truncated labels, labels under
12 px, ambiguous arrowheads, crossings without a hop, parallel lines too close; with two
folders, "before → after".
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

KINDS = ("label_overlaps", "truncated_labels", "small_labels", "ambiguous_heads",
         "missing_hops", "close_parallels", "detached_labels")


def totals(folder: Path, view: str) -> dict[str, dict[str, int]]:
    """SOP -> kind -> count summed over the views; a kind an older run did not count is absent."""
    sums: dict[str, dict[str, int]] = defaultdict(dict)
    for path in sorted(folder.glob(f"*{view}/*.json")):
        sop = path.parent.name.split("-", 1)[0] + ": " + path.stem.replace("--", "/")
        for kind, count in json.loads(path.read_text(encoding="utf-8")).items():
            sums[sop][kind] = sums[sop].get(kind, 0) + count
    return dict(sums)


def main(arguments: list[str]) -> int:
    view = ""
    if arguments[:1] == ["--view"] and len(arguments) > 1:
        view, arguments = arguments[1], arguments[2:]
    if not 1 <= len(arguments) <= 2:
        print(__doc__)
        return 2
    tables = [totals(Path(folder), view) for folder in arguments]
    print("| SOP | " + " | ".join(KINDS) + " |")
    print("|---|" + "---|" * len(KINDS))
    for sop in sorted(set().union(*tables)):
        cells = []
        for kind in KINDS:
            values = [str(table.get(sop, {}).get(kind, "-")) for table in tables]
            cells.append(" → ".join(values))
        print(f"| {sop} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
