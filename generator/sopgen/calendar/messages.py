"""The problems a calendar file can have (``SOP8xx``), declared once with their texts."""

from __future__ import annotations

from ..diagnostics import Message, Severity

UNKNOWN_KEY = Message(
    "SOP801",
    Severity.ERROR,
    id="Kunci `{key}` tidak dikenal di {where}.",
    en="Unknown key `{key}` in {where}.",
    hint_id="Periksa ejaan kunci atau hapus baris ini.",
    hint_en="Check the spelling of the key or remove this line.",
)
WRONG_TYPE = Message(
    "SOP802",
    Severity.ERROR,
    id="{where} harus berupa {expected_id}.",
    en="{where} must be {expected_en}.",
    hint_id="Tulis nilainya seperti contoh di `sops/kalender.yaml`: {example}",
    hint_en="Write the value as in the example `sops/kalender.yaml`: {example}",
)
BAD_TIME = Message(
    "SOP803",
    Severity.ERROR,
    id="Jam `{value}` di {where} tidak sah.",
    en="The time `{value}` in {where} is not valid.",
    hint_id='Tulis jam dengan bentuk JJ:MM antara 00:00 dan 24:00, misalnya "07:30".',
    hint_en='Write the time as HH:MM between 00:00 and 24:00, e.g. "07:30".',
)
CLOSING_BEFORE_OPENING = Message(
    "SOP804",
    Severity.ERROR,
    id="Jam tutup {tutup} di {where} tidak sesudah jam buka {buka}.",
    en="The closing time {tutup} in {where} is not after the opening time {buka}.",
    hint_id="Periksa `buka` dan `tutup`; untuk hari tanpa layanan tulis `libur`.",
    hint_en="Check `buka` and `tutup`; for a day without service write `libur`.",
)
BAD_BREAK = Message(
    "SOP805",
    Severity.ERROR,
    id="Istirahat `{value}` di {where} tidak sah: {reason_id}.",
    en="The break `{value}` in {where} is not valid: {reason_en}.",
    hint_id='Tulis istirahat sebagai "JJ:MM-JJ:MM" di dalam jam buka, misalnya "12:00-13:00".',
    hint_en='Write a break as "HH:MM-HH:MM" inside the opening hours, e.g. "12:00-13:00".',
)
UNKNOWN_ZONE = Message(
    "SOP806",
    Severity.ERROR,
    id="Zona waktu `{value}` tidak dikenal.",
    en="Unknown time zone `{value}`.",
    hint_id="Pakai WIB, WITA atau WIT.",
    hint_en="Use WIB, WITA or WIT.",
)
BAD_DATE = Message(
    "SOP807",
    Severity.ERROR,
    id="Tanggal `{value}` di {where} tidak sah.",
    en="The date `{value}` in {where} is not valid.",
    hint_id="Tulis tanggal yang ada dengan bentuk TTTT-BB-HH, misalnya 2026-03-28.",
    hint_en="Write an existing date as YYYY-MM-DD, e.g. 2026-03-28.",
)
BAD_VERSION = Message(
    "SOP808",
    Severity.ERROR,
    id="`versi_format` bernilai `{value}`, padahal yang didukung hanya 1.",
    en="`versi_format` is `{value}`, but only 1 is supported.",
    hint_id="Tulis `versi_format: 1`.",
    hint_en="Write `versi_format: 1`.",
)
BAD_DAY_MEANING = Message(
    "SOP809",
    Severity.ERROR,
    id="`hari` bernilai `{value}`, padahal yang diperbolehkan: kerja, kalender.",
    en="`hari` is `{value}`, but the allowed values are: kerja, kalender.",
    hint_id="Tulis `hari: kerja` (hari = hari kerja) atau `hari: kalender`.",
    hint_en="Write `hari: kerja` (hari = working day) or `hari: kalender`.",
)
RANGE_REVERSED = Message(
    "SOP810",
    Severity.ERROR,
    id="Di {where}, `mulai` ({mulai}) jatuh sesudah `sampai` ({sampai}).",
    en="In {where}, `mulai` ({mulai}) is after `sampai` ({sampai}).",
    hint_id="Tukar kedua tanggal atau perbaiki salah satunya.",
    hint_en="Swap the two dates or correct one of them.",
)
NO_OPEN_HOURS = Message(
    "SOP811",
    Severity.ERROR,
    id="`jam_kerja` tidak memiliki jam buka sama sekali dalam seminggu.",
    en="`jam_kerja` has no opening hours at all in the week.",
    hint_id="Beri jam buka paling sedikit pada satu hari, misalnya `senin: {{buka: ...}}`.",
    hint_en="Give opening hours on at least one day, e.g. `senin: {{buka: ...}}`.",
)
MISSING_KEY = Message(
    "SOP812",
    Severity.ERROR,
    id="Kunci wajib `{key}` tidak ada di {where}.",
    en="Required key `{key}` is missing in {where}.",
    hint_id="Tambahkan `{key}:` beserta isinya.",
    hint_en="Add `{key}:` with its value.",
)
NOT_A_HOLIDAY = Message(
    "SOP813",
    Severity.WARNING,
    id="`batal_libur` memuat {value}, padahal tanggal itu bukan hari libur nasional.",
    en="`batal_libur` lists {value}, but that date is not a national holiday.",
    hint_id="Hapus tanggal ini atau periksa tanggalnya; hanya libur nasional/cuti bersama "
    "yang dapat dibatalkan.",
    hint_en="Remove this date or check it; only national holidays and cuti bersama can be "
    "cancelled.",
)
