"""The structure of an ASN civil-servant number (NIP): 18 digits in four parts.

``19680903 199302 2 001`` = birth date 1968-09-03, appointment (TMT CPNS) 1993-02, gender
digit 2, serial number 001. Spaces between the parts are allowed and kept for printing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Message, Severity
from ..model import Position

_EXAMPLE_ID = 'Contoh NIP yang benar: `"19680903 199302 2 001"`.'
_EXAMPLE_EN = 'A valid NIP looks like `"19680903 199302 2 001"`.'

NIP_LENGTH = Message(
    "SOP404", Severity.ERROR,
    id="NIP `{nip}` harus terdiri atas 18 angka, tertulis {count} angka",
    en="NIP `{nip}` must have 18 digits, it has {count}",
    hint_id="NIP: 8 angka tanggal lahir, 6 angka TMT pengangkatan, 1 angka jenis kelamin, "
    "3 angka nomor urut. " + _EXAMPLE_ID,
    hint_en="NIP: 8 digits birth date, 6 digits appointment, 1 gender digit, 3 digits serial. "
    + _EXAMPLE_EN,
)
NIP_BIRTH = Message(
    "SOP405", Severity.ERROR,
    id="NIP `{nip}`: bagian tanggal lahir `{part}` (angka 1-8, TTTTBBHH) bukan tanggal yang ada",
    en="NIP `{nip}`: the birth-date part `{part}` (digits 1-8, YYYYMMDD) is not a real date",
    hint_id="Periksa delapan angka pertama: tahun, bulan dan tanggal lahir. " + _EXAMPLE_ID,
    hint_en="Check the first eight digits: year, month and day of birth. " + _EXAMPLE_EN,
)
NIP_APPOINTMENT = Message(
    "SOP406", Severity.ERROR,
    id="NIP `{nip}`: bagian TMT pengangkatan `{part}` (angka 9-14, TTTTBB) {problem_id}",
    en="NIP `{nip}`: the appointment part `{part}` (digits 9-14, YYYYMM) {problem_en}",
    hint_id="Periksa angka ke-9 sampai ke-14: tahun dan bulan pengangkatan. " + _EXAMPLE_ID,
    hint_en="Check digits 9 to 14: year and month of appointment. " + _EXAMPLE_EN,
)
NIP_GENDER = Message(
    "SOP407", Severity.ERROR,
    id="NIP `{nip}`: angka jenis kelamin (angka ke-15) harus 1 atau 2, tertulis `{part}`",
    en="NIP `{nip}`: the gender digit (digit 15) must be 1 or 2, found `{part}`",
    hint_id="Angka ke-15 adalah 1 (laki-laki) atau 2 (perempuan). " + _EXAMPLE_ID,
    hint_en="Digit 15 is 1 (male) or 2 (female). " + _EXAMPLE_EN,
)
NIP_SERIAL = Message(
    "SOP408", Severity.ERROR,
    id="NIP `{nip}`: nomor urut (angka 16-18) tidak boleh `000`",
    en="NIP `{nip}`: the serial number (digits 16-18) cannot be `000`",
    hint_id="Periksa tiga angka terakhir NIP. " + _EXAMPLE_ID,
    hint_en="Check the last three digits of the NIP. " + _EXAMPLE_EN,
)


@dataclass(frozen=True, slots=True)
class Nip:
    birth: dt.date
    appointment: tuple[int, int]  # (year, month)
    gender: int  # 1 male, 2 female
    serial: str


def parse_nip(text: str) -> Nip | None:
    """The parts of a well-formed NIP, or None (then `check_nip` says what is wrong)."""
    digits = text.replace(" ", "")
    if len(digits) != 18 or not digits.isdigit() or _problems(digits):
        return None
    birth = dt.date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    return Nip(birth, (int(digits[8:12]), int(digits[12:14])), int(digits[14]), digits[15:])


def check_nip(text: str, file: str, position: Position) -> Iterator[Diagnostic]:
    """One diagnostic per wrong part of the NIP; nothing for text that is not digits+spaces."""
    digits = text.replace(" ", "")
    if not digits.isdigit():
        return  # the schema's pattern reports it
    line, column = position
    if len(digits) != 18:
        yield NIP_LENGTH.at(file, line, column, nip=text, count=len(digits))
        return
    for message, args in _problems(digits):
        yield message.at(file, line, column, nip=text, **args)


def _problems(digits: str) -> list[tuple[Message, dict[str, str]]]:
    found: list[tuple[Message, dict[str, str]]] = []
    birth = _date(digits[0:8])
    if birth is None:
        found.append((NIP_BIRTH, {"part": digits[0:8]}))
    year, month = int(digits[8:12]), int(digits[12:14])
    appointment = digits[8:14]
    if not 1 <= month <= 12 or year < 1900:
        found.append((NIP_APPOINTMENT, {
            "part": appointment,
            "problem_id": "bukan tahun dan bulan yang ada",
            "problem_en": "is not a real year and month",
        }))
    elif birth is not None and (year, month) <= (birth.year, birth.month):
        found.append((NIP_APPOINTMENT, {
            "part": appointment,
            "problem_id": f"tidak sesudah tanggal lahir {birth.isoformat()}",
            "problem_en": f"is not after the birth date {birth.isoformat()}",
        }))
    if digits[14] not in "12":
        found.append((NIP_GENDER, {"part": digits[14]}))
    if digits[15:] == "000":
        found.append((NIP_SERIAL, {"part": digits[15:]}))
    return found


def _date(text: str) -> dt.date | None:
    try:
        return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None
