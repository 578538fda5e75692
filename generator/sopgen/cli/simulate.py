"""``sopgen simulate`` (one SOP on the office calendar) and ``sopgen check`` (the whole corpus).

Exit codes. ``simulate``: 0 when the file is valid and every walked scenario reached its end
(meeting the target or not: the command reports, ``check`` judges); 1 when the file or calendar
has errors or a scenario loops for ever; 2 for usage errors. ``check``: 0 when every file is
valid and every scenario and every SOP's longest route meets its target; 1 otherwise; 2 for
usage errors.

The calendar is ``--kalender PATH``, else ``kalender.yaml`` at the corpus root, else the
default calendar.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..check.limits import FIRST_YEAR, LAST_YEAR, in_range
from ..diagnostics import LANGUAGES, Diagnostic
from ..model import Scenario, Sop

if TYPE_CHECKING:  # the simulator loads only when a command runs
    from ..calendar.office import OfficeCalendar
    from ..simulate.montecarlo import MonteCarloResult
    from ..simulate.routes import Route, RoutesSummary

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
DEFAULT_SOPS_DIR = "sops"
_MASUK = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$")

_TEXTS = {
    "missing_path": {
        "id": "sopgen: path tidak ditemukan: {path}",
        "en": "sopgen: no such file or folder: {path}",
    },
    "bad_masuk": {
        "id": 'sopgen: --masuk harus berbentuk "TTTT-BB-HH JJ:MM" dan ada, bukan `{value}`.',
        "en": 'sopgen: --masuk must be an existing "YYYY-MM-DD HH:MM", not `{value}`.',
    },
    "masuk_range": {
        "id": "sopgen: --masuk `{value}` di luar rentang yang didukung: tahun {first} sampai "
        "{last}.",
        "en": "sopgen: --masuk `{value}` is outside the supported range: the years {first} to "
        "{last}.",
    },
    "no_scenario": {
        "id": "sopgen: skenario `{name}` tidak ada. Yang tersedia: {names}",
        "en": "sopgen: no scenario `{name}`. Available: {names}",
    },
    "not_one_file": {
        "id": "sopgen: {path} bukan berkas SOP.",
        "en": "sopgen: {path} is not an SOP file.",
    },
    "no_scenarios": {
        "id": "SOP ini tidak memiliki skenario; pakai --masuk untuk mencoba satu kedatangan.",
        "en": "This SOP has no scenario; use --masuk to try one arrival.",
    },
    "bad_count": {
        "id": "sopgen: --monte-carlo harus bilangan bulat 1 sampai 1000000.",
        "en": "sopgen: --monte-carlo must be a whole number from 1 to 1000000.",
    },
    "adhoc": {"id": "Kedatangan {masuk}", "en": "Arrival {masuk}"},
    "summary": {
        "id": "{sops} SOP, {scenarios} skenario: {failed} tidak memenuhi target atau gagal.",
        "en": "{sops} SOP(s), {scenarios} scenario(s): {failed} missed the target or failed.",
    },
}


def register(commands: Any) -> None:
    simulate = commands.add_parser(
        "simulate",
        help="walk an SOP's scenarios on the office calendar",
        description="Validate one SOP file, then walk its scenarios on the office calendar: "
        "timeline, deadline, verdict and margin, every route, optionally Monte Carlo.",
    )
    simulate.add_argument("file", type=Path, metavar="FILE", help="the SOP file")
    simulate.add_argument("--skenario", metavar="NAME", help="walk only this scenario")
    simulate.add_argument(
        "--masuk",
        metavar="'YYYY-MM-DD HH:MM'",
        help="another arrival for the selected (or first) scenario",
    )
    simulate.add_argument("--json", action="store_true", help="print the results as JSON")
    simulate.add_argument(
        "--monte-carlo", type=int, metavar="N", dest="monte_carlo", help="also run N random cases"
    )
    simulate.add_argument("--seed", type=int, default=1, help="Monte Carlo seed (default: 1)")
    _common(simulate)
    simulate.set_defaults(run=run_simulate)

    check = commands.add_parser(
        "check",
        help="validate everything and check every scenario against its target",
        description="Validate SOP files and the calendar, walk every scenario and every route; "
        "fail when anything is invalid or misses its target.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help=f"files or folders (default: {DEFAULT_SOPS_DIR}/)",
    )
    check.add_argument("--format", choices=("text", "github", "json"), default="text",
                       dest="output_format",
                       help="output format: text, github (annotations) or json (default: text)")
    _common(check)
    check.set_defaults(run=run_check)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--kalender", type=Path, metavar="PATH", help="the calendar file to use")
    parser.add_argument(
        "--lang", choices=LANGUAGES, default="id", help="language of the output (default: id)"
    )


def run_simulate(args: argparse.Namespace) -> int:
    from ..corpus import check_paths, corpus_root
    from ..render.simulation_text import monte_carlo_text, routes_text, scenario_text
    from ..reporters import render_text
    from ..simulate.montecarlo import monte_carlo
    from ..simulate.routes import summarize_routes
    from ..simulate.walk import run_scenario, to_json

    lang: str = args.lang
    if not args.file.is_file():
        return _usage("missing_path", lang, path=args.file.as_posix())
    masuk = _parse_masuk(args.masuk) if args.masuk else None
    if args.masuk and masuk is None:
        return _usage("bad_masuk", lang, value=args.masuk)
    if masuk is not None and not in_range(masuk.year):
        return _usage("masuk_range", lang, value=args.masuk, first=str(FIRST_YEAR),
                      last=str(LAST_YEAR))
    if args.monte_carlo is not None and not 1 <= args.monte_carlo <= 1_000_000:
        return _usage("bad_count", lang)
    result = check_paths([args.file])
    if len(result.files) != 1:
        return _usage("not_one_file", lang, path=args.file.as_posix())
    calendar, calendar_diagnostics = _calendar(args.kalender, corpus_root(args.file.absolute()))
    diagnostics = sorted([*result.diagnostics, *calendar_diagnostics], key=Diagnostic.sort_key)
    sop = result.files[0].sop
    if sop is None or any(d.is_error for d in diagnostics):
        sys.stdout.write(render_text(diagnostics, len(result.files), lang))
        return EXIT_FAILED
    scenarios = list(sop.simulasi.skenario) if sop.simulasi is not None else []
    if args.skenario is not None:
        chosen = [s for s in scenarios if s.nama.casefold() == args.skenario.casefold()]
        if not chosen:
            names = ", ".join(f"`{s.nama}`" for s in scenarios) or "-"
            return _usage("no_scenario", lang, name=args.skenario, names=names)
        scenarios = chosen
    if masuk is not None:
        scenarios = scenarios[:1] or [
            Scenario(_TEXTS["adhoc"][lang].format(masuk=args.masuk), masuk)
        ]
    results = [run_scenario(sop, s, calendar, masuk=masuk) for s in scenarios]
    routes = summarize_routes(sop, calendar, start=masuk)
    chance = monte_carlo(sop, calendar, args.monte_carlo, args.seed) if args.monte_carlo else None
    if args.json:
        data = to_json(sop, results, calendar)
        data["rute"] = _routes_json(routes)
        if chance is not None:
            data["monte_carlo"] = _monte_carlo_json(chance)
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        if diagnostics:
            sys.stdout.write(render_text(diagnostics, len(result.files), lang) + "\n")
        blocks = [scenario_text(sop, r, calendar, lang) for r in results]
        if not results:
            blocks.append(_TEXTS["no_scenarios"][lang])
        blocks.append(routes_text(routes, calendar, lang))
        if chance is not None:
            blocks.append(monte_carlo_text(chance, lang))
        sys.stdout.write("\n\n".join(blocks) + "\n")
    return EXIT_FAILED if any(r.failed for r in results) else EXIT_OK


def run_check(args: argparse.Namespace) -> int:
    from ..calendar.file import CALENDAR_FILE
    from ..corpus import check_paths, corpus_root
    from ..render.simulation_text import diagnostic_lines, longest_route_line, scenario_line
    from ..reporters import render_text
    from ..simulate.routes import summarize_routes
    from ..simulate.walk import run_all

    lang: str = args.lang
    paths: list[Path] = list(args.paths) or [Path(DEFAULT_SOPS_DIR)]
    missing = [p for p in [*paths, *([args.kalender] if args.kalender else [])] if not p.exists()]
    if missing:
        for path in missing:
            _say(sys.stderr, "missing_path", lang, path=path.as_posix())
        return EXIT_USAGE
    result = check_paths(paths)
    diagnostics = list(result.diagnostics)
    calendars: dict[Path, OfficeCalendar] = {}
    for root in _roots(paths, corpus_root):
        calendar, found = _calendar(args.kalender, root)
        calendars[root] = calendar
        diagnostics.extend(d for d in found if d not in diagnostics)
    diagnostics.sort(key=Diagnostic.sort_key)
    read = {args.kalender} if args.kalender else {r / CALENDAR_FILE for r in calendars}
    counted = len(result.files) + sum(p.is_file() for p in read)  # calendars count as files
    from ..corpus import display_path
    from .check_report import Verdict, render_check

    verdicts: list[Verdict] = []
    failed = 0
    scenarios = 0
    for sop in result.sops:
        root = _root_of(sop, calendars)
        calendar = calendars[root] if root is not None else _calendar(args.kalender, None)[0]
        file = display_path(sop.path.absolute())
        for outcome in run_all(sop, calendar):
            scenarios += 1
            missed = outcome.failed or outcome.memenuhi_target is False
            failed += missed
            verdicts.append(Verdict(
                sop.id, file, "skenario", outcome.nama, not missed,
                scenario_line(sop.id, outcome, calendar, lang),
                tuple(diagnostic_lines(outcome.diagnostics, lang)),
            ))
        routes = summarize_routes(sop, calendar)
        if routes.longest_meets_target is not None:
            failed += not routes.longest_meets_target
            verdicts.append(Verdict(
                sop.id, file, "rute", "rute terpanjang", routes.longest_meets_target,
                longest_route_line(sop.id, routes, calendar, lang),
            ))
    summary = _TEXTS["summary"][lang].format(
        sops=len(result.sops), scenarios=scenarios, failed=failed
    )
    sys.stdout.write(render_check(
        args.output_format, diagnostics, counted, verdicts, summary, lang,
        render_text(diagnostics, counted, lang),
    ))
    has_errors = any(d.is_error for d in diagnostics)
    return EXIT_FAILED if has_errors or failed else EXIT_OK


# ----- shared pieces ------------------------------------------------------------------------


def _calendar(explicit: Path | None, root: Path | None) -> tuple[OfficeCalendar, list[Diagnostic]]:
    """The calendar to use and the diagnostics of its file."""
    from ..calendar.file import CALENDAR_FILE, calendar_for_corpus, load_calendar
    from ..calendar.office import OfficeCalendar
    from ..corpus import display_path

    if explicit is not None:
        calendar, diagnostics = load_calendar(explicit, display_path(explicit.absolute()))
        return calendar or OfficeCalendar.default(), diagnostics
    if root is None:
        return OfficeCalendar.default(), []
    return calendar_for_corpus(root, display_path((root / CALENDAR_FILE).absolute()))


def _roots(paths: Sequence[Path], corpus_root: Callable[[Path], Path]) -> list[Path]:
    """The corpus roots of the given paths, found the way the corpus finds them."""
    roots: list[Path] = []
    for given in paths:
        given = given.absolute()
        if given.is_dir():
            root = next((p for p in (given, *given.parents) if p.name == "sops"), given)
        else:
            root = corpus_root(given)
        if root not in roots:
            roots.append(root)
    return roots


def _root_of(sop: Sop, calendars: dict[Path, OfficeCalendar]) -> Path | None:
    path = sop.path.absolute()
    for root in sorted(calendars, key=lambda p: len(p.parts), reverse=True):
        if path.is_relative_to(root):
            return root
    return None


def _parse_masuk(text: str) -> dt.datetime | None:
    match = _MASUK.match(text.strip())
    if match is None:
        return None
    try:
        year, month, day, hour, minute = (int(part) for part in match.groups())
        return dt.datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def _routes_json(summary: RoutesSummary) -> dict[str, Any]:
    from ..simulate.walk import iso_time

    def route(r: Route | None) -> dict[str, Any] | None:
        if r is None:
            return None
        return {
            "langkah": list(r.steps),
            "selesai": iso_time(r.selesai),
            "detik_kerja": r.working_seconds,
        }

    return {
        "mulai": iso_time(summary.mulai),
        "jumlah": len(summary.routes),
        "terpotong": summary.truncated,
        "terpendek": route(summary.shortest),
        "terpanjang": route(summary.longest),
        "target": summary.target.text if summary.target is not None else None,
        "tenggat": iso_time(summary.tenggat) if summary.tenggat is not None else None,
        "terpanjang_memenuhi_target": summary.longest_meets_target,
        "margin": summary.margin_seconds,
    }


def _monte_carlo_json(result: MonteCarloResult) -> dict[str, Any]:
    return {
        "n": result.n,
        "seed": result.seed,
        "selesai": result.completed,
        "dibatasi": result.capped,
        "p50": result.p50_seconds,
        "p90": result.p90_seconds,
        "p95": result.p95_seconds,
        "rata_rata": result.mean_seconds,
        "memenuhi_target": result.share_meeting_target,
    }


def _usage(key: str, lang: str, **values: str) -> int:
    _say(sys.stderr, key, lang, **values)
    return EXIT_USAGE


def _say(stream: Any, key: str, lang: str, **values: str) -> None:
    stream.write(_TEXTS[key][lang].format(**values) + "\n")
