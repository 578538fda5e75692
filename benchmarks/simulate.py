"""Speed of the simulator: Monte Carlo cases per second and deterministic walks per second.

Run: .venv/bin/python benchmarks/simulate.py [cases]
Uses a generated 10-step SOP with two decisions (one loop) and mixed duration kinds on the
default calendar (holidays from the `holidays` package, built lazily as the cases need them).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from sopgen.calendar.office import OfficeCalendar
from sopgen.duration import parse_duration
from sopgen.model import END, Actor, Approver, Decision, Identity, Scenario, Simulation, Sop, Step
from sopgen.simulate.montecarlo import monte_carlo
from sopgen.simulate.routes import summarize_routes
from sopgen.simulate.walk import run_scenario

WAKTU = [
    "15 menit",
    "maks 1 jam",
    "1-2 jam",
    "maks 1 hari",
    "30 menit",
    "1 hari kerja",
    "2-4 jam",
    "maks 2 hari kalender",
    "45 menit",
    "1,5 jam",
]


def generated_sop(count: int = 10) -> Sop:
    steps = []
    for number in range(1, count + 1):
        key = f"s{number}"
        following = f"s{number + 1}" if number < count else END
        decision = None
        if number == 4:
            decision = Decision(ya=following, tidak="s2", peluang_ya=0.8)
        elif number == 8:
            decision = Decision(ya=following, tidak=END, peluang_ya=0.9)
        steps.append(
            Step(
                number,
                key,
                key,
                (f"Kegiatan {number}",),
                False,
                ("admin",),
                following,
                waktu=parse_duration(WAKTU[number - 1]),
                keputusan=decision,
            )
        )
    scenario = Scenario(
        "Contoh", dt.datetime(2026, 1, 5, 8, 0), {"s4": (False, True), "s8": (True,)}
    )
    return Sop(
        id="benchmark/sepuluh-langkah",
        path=Path("sops/benchmark/sepuluh-langkah.yaml"),
        identitas=Identity(
            "Pemerintah Kabupaten Contoh",
            "Bagian Organisasi",
            "B/1/2026",
            "SOP Contoh",
            dt.date(2026, 1, 1),
            dt.date(2026, 1, 1),
            "Tanggal Efektif",
            Approver("Kepala Bagian", "Nama"),
        ),
        dasar_hukum=("Permenpan-RB 35/2012",),
        kualifikasi_pelaksana=(),
        keterkaitan=(),
        peralatan_perlengkapan=(),
        peringatan=(),
        pencatatan_pendataan=(),
        pelaksana=(Actor("admin", "Admin"),),
        langkah=tuple(steps),
        simulasi=Simulation(parse_duration("10 hari kerja"), (scenario,)),
    )


def main() -> None:
    cases = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    sop = generated_sop()
    calendar = OfficeCalendar.default()
    calendar.next_open(dt.datetime(2026, 1, 5))  # build the first year outside the timing

    began = time.perf_counter()
    result = monte_carlo(sop, calendar, cases, seed=1)
    elapsed = time.perf_counter() - began
    print(
        f"monte carlo: {cases} cases in {elapsed:.3f} s = {cases / elapsed:,.0f} cases/s "
        f"(P50 {result.p50_seconds / 3600:.1f} h, P95 {result.p95_seconds / 3600:.1f} h "
        f"of office time, {result.share_meeting_target:.1%} within target)"
    )

    assert sop.simulasi is not None
    scenario = sop.simulasi.skenario[0]
    walks = 2_000
    began = time.perf_counter()
    for _ in range(walks):
        run_scenario(sop, scenario, calendar)
    elapsed = time.perf_counter() - began
    print(
        f"deterministic walk: {walks} walks in {elapsed:.3f} s = {walks / elapsed:,.0f} walks/s "
        f"({walks * 13 / elapsed:,.0f} visits/s)"
    )

    began = time.perf_counter()
    summary = summarize_routes(sop, calendar)
    elapsed = time.perf_counter() - began
    print(f"routes: {len(summary.routes)} routes in {elapsed * 1000:.1f} ms")


if __name__ == "__main__":
    main()
