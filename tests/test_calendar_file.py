"""The calendar file: the corpus's own file, and each SOP8xx problem at its line and column."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from sopgen.calendar.file import calendar_for_corpus, load_calendar
from sopgen.calendar.office import DEFAULT_WEEK

ROOT = Path(__file__).resolve().parents[1]
CORPUS_CALENDAR = ROOT / "sops" / "kalender.yaml"
SCHEMA = ROOT / "schema" / "kalender.schema.json"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kalender.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def codes(diagnostics: list[Any]) -> list[str]:
    return [d.code for d in diagnostics]


def test_corpus_calendar_states_the_default_hours_and_a_local_holiday() -> None:
    calendar, diagnostics = load_calendar(CORPUS_CALENDAR)
    assert diagnostics == []
    assert calendar is not None
    assert calendar.week == DEFAULT_WEEK
    assert calendar.zone_label == "WIB"
    assert not calendar.hari_kalender
    assert (dt.date(2026, 3, 28), "Hari Jadi Kabupaten Demak") in calendar.closed_dates(2026)
    # Ramadan hours: Mon 2 Mar 2026 opens at 08:00, not 07:30.
    assert not calendar.is_open(dt.datetime(2026, 3, 2, 7, 45))
    assert calendar.is_open(dt.datetime(2026, 3, 2, 8, 0))


def _json_ready(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_corpus_calendar_matches_its_json_schema() -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    text = CORPUS_CALENDAR.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/kalender.schema.json")
    jsonschema.validate(_json_ready(yaml.safe_load(text)), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"jam_kerja": {"senin": {"buka": "7.30", "tutup": "16:00"}}}, schema)


def test_a_small_file_in_wita_with_calendar_days(tmp_path: Path) -> None:
    path = write(tmp_path, "versi_format: 1\nzona_waktu: WITA\nhari: kalender\n")
    calendar, diagnostics = load_calendar(path)
    assert diagnostics == []
    assert calendar is not None
    assert calendar.zone.key == "Asia/Makassar"
    assert calendar.hari_kalender
    assert calendar.week == DEFAULT_WEEK


def test_weekday_hours_and_breaks_as_written(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "jam_kerja:\n"
        "  senin: {buka: 08:00, tutup: '15:00', istirahat: 12:00-12:30}\n"
        "  sabtu: {buka: '08:00', tutup: '12:00'}\n",
    )
    calendar, diagnostics = load_calendar(path)
    assert diagnostics == []
    assert calendar is not None
    assert calendar.week[0] == ((480, 720), (750, 900))
    assert calendar.week[5] == ((480, 720),)
    assert calendar.week[1] == DEFAULT_WEEK[1]  # not listed: default hours


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("jam_kerja:\n  senin: {buka: '7.30', tutup: '16:00'}\n", "SOP803", 2, 17),
        ("jam_kerja:\n  senin: {buka: '16:00', tutup: '07:30'}\n", "SOP804", 2, 33),
        (
            "jam_kerja:\n  senin: {buka: '07:30', tutup: '16:00', istirahat: ['17:00-18:00']}\n",
            "SOP805",
            2,
            54,
        ),
        ("zona_waktu: WIBB\n", "SOP806", 1, 13),
        ("libur_tambahan:\n  - {tanggal: 2026-02-30, nama: Salah}\n", "SOP807", 2, 15),
        ("versi_format: 2\n", "SOP808", 1, 15),
        ("hari: minggu\n", "SOP809", 1, 7),
        (
            "jam_khusus:\n  - {mulai: 2026-03-19, sampai: 2026-02-19, nama: Ramadan, jam: {}}\n",
            "SOP810",
            2,
            33,
        ),
        (
            "jam_kerja: {senin: libur, selasa: libur, rabu: libur, kamis: libur, jumat: libur}\n",
            "SOP811",
            1,
            12,
        ),
        ("libur_tambahan:\n  - {tanggal: 2026-03-28}\n", "SOP812", 2, 5),
        ("jam_kerja:\n  senin: buka\n", "SOP802", 2, 10),
    ],
)
def test_each_problem_at_its_place(
    tmp_path: Path, text: str, code: str, line: int, column: int
) -> None:
    calendar, diagnostics = load_calendar(write(tmp_path, text))
    assert calendar is None
    assert codes(diagnostics) == [code]
    assert (diagnostics[0].line, diagnostics[0].column) == (line, column)
    assert diagnostics[0].message["id"] and diagnostics[0].hint["id"]
    assert diagnostics[0].file.endswith("kalender.yaml")


def test_unknown_key_with_did_you_mean(tmp_path: Path) -> None:
    path = write(tmp_path, "zona_waktu: WIB\nlibur_tambahn: []\n")
    calendar, diagnostics = load_calendar(path)
    assert calendar is None
    assert codes(diagnostics) == ["SOP801"]
    assert (diagnostics[0].line, diagnostics[0].column) == (2, 1)
    assert "libur_tambahan" in diagnostics[0].hint["id"]


def test_unknown_zone_suggests_a_known_one(tmp_path: Path) -> None:
    _, diagnostics = load_calendar(write(tmp_path, "zona_waktu: WITT\n"))
    assert "WIT" in diagnostics[0].hint["id"]


def test_cancelling_a_day_that_is_no_holiday_is_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "batal_libur: [2026-12-24, 2026-12-22]\n")
    calendar, diagnostics = load_calendar(path)
    assert calendar is not None
    assert [(d.code, d.severity.value, d.line, d.column) for d in diagnostics] == [
        ("SOP813", "warning", 1, 27)
    ]
    assert calendar.is_working_day(dt.date(2026, 12, 24))


def test_yaml_errors_come_from_the_loader(tmp_path: Path) -> None:
    calendar, diagnostics = load_calendar(write(tmp_path, "jam_kerja: [\n"))
    assert calendar is None
    assert diagnostics and all(d.code.startswith("SOP1") for d in diagnostics)


def test_calendar_for_corpus(tmp_path: Path) -> None:
    calendar, diagnostics = calendar_for_corpus(tmp_path)
    assert diagnostics == [] and calendar.week == DEFAULT_WEEK
    write(tmp_path, "zona_waktu: WIT\n")
    calendar, diagnostics = calendar_for_corpus(tmp_path)
    assert diagnostics == [] and calendar.zone_label == "WIT"
    write(tmp_path, "zona_waktu: Mars\n")
    calendar, diagnostics = calendar_for_corpus(tmp_path)
    assert codes(diagnostics) == ["SOP806"]
    assert calendar.zone_label == "WIB"  # the default, so reporting can go on


def test_every_calendar_and_simulation_message_formats() -> None:
    import sopgen.simulate.walk  # noqa: F401  (declares the SOP75x messages)
    from sopgen.diagnostics import registered_messages

    mine = {c: m for c, m in registered_messages().items() if c[:4] == "SOP8" or c[:5] == "SOP75"}
    assert {"SOP801", "SOP813", "SOP751", "SOP753"} <= set(mine)
    for message in mine.values():
        diagnostic = message.at("kalender.yaml", 1, 1)
        assert diagnostic.message["id"] and diagnostic.message["en"]
        assert diagnostic.hint["id"] and diagnostic.hint["en"]
