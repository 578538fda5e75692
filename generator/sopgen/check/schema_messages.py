"""The messages of the schema check (SOP2xx) and the words they use for types and forms."""

from __future__ import annotations

from ..diagnostics import Message, Severity

UNKNOWN_KEY = Message(
    "SOP201", Severity.ERROR,
    id="Kunci `{key}` tidak dikenal di {where_id}",
    en="Unknown key `{key}` in {where_en}",
    hint_id="Periksa ejaan kunci atau hapus baris ini.",
    hint_en="Check the spelling of the key or remove this line.",
)
MISSING_KEY = Message(
    "SOP202", Severity.ERROR,
    id="Kunci wajib `{key}` tidak ada di {where_id}",
    en="Required key `{key}` is missing in {where_en}",
    hint_id="Tambahkan `{key}:` beserta isinya.{example_id}",
    hint_en="Add `{key}:` with its value.{example_en}",
)
WRONG_TYPE = Message(
    "SOP203", Severity.ERROR,
    id="{where_id} harus berupa {expected_id}",
    en="{where_en} must be {expected_en}",
    hint_id="Tulis nilai yang sesuai.{example_id}",
    hint_en="Write a matching value.{example_en}",
)
BAD_FORMAT = Message(
    "SOP204", Severity.ERROR,
    id="{where_id} tidak sesuai bentuk {form_id}: `{value}`",
    en="{where_en} does not have the form of {form_en}: `{value}`",
    hint_id="{fix_id}",
    hint_en="{fix_en}",
)
TOO_FEW = Message(
    "SOP205", Severity.ERROR,
    id="{where_id} harus berisi paling sedikit {count} butir",
    en="{where_en} must have at least {count} item(s)",
    hint_id="Tambahkan butir daftar, satu per baris diawali `- `.{example_id}",
    hint_en="Add list items, one per line starting with `- `.{example_en}",
)
NOT_ALLOWED = Message(
    "SOP206", Severity.ERROR,
    id="{where_id} bernilai `{value}`, padahal yang diperbolehkan: {allowed}",
    en="{where_en} is `{value}`, but the allowed values are: {allowed}",
    hint_id="Ganti dengan salah satu nilai yang diperbolehkan.",
    hint_en="Replace it with one of the allowed values.",
)
ONE_OF_KEYS = Message(
    "SOP207", Severity.ERROR,
    id="{where_id} harus memuat tepat satu dari {keys}",
    en="{where_en} must contain exactly one of {keys}",
    hint_id="Tulis salah satu saja, misalnya `tanggal_efektif: 2020-04-02`.",
    hint_en="Write only one of them, e.g. `tanggal_efektif: 2020-04-02`.",
)
OUT_OF_RANGE = Message(
    "SOP208", Severity.ERROR,
    id="{where_id} harus antara {low} dan {high}, tertulis `{value}`",
    en="{where_en} must be between {low} and {high}, found `{value}`",
    hint_id="Tulis peluang sebagai angka desimal dengan titik, misalnya `0.8`.",
    hint_en="Write the probability as a decimal number with a dot, e.g. `0.8`.",
)
EMPTY_TEXT = Message(
    "SOP209", Severity.ERROR,
    id="{where_id} tidak boleh kosong",
    en="{where_en} must not be empty",
    hint_id="Isi teksnya, atau hapus kuncinya bila tidak wajib.",
    hint_en="Fill in the text, or remove the key if it is optional.",
)
OTHER = Message(
    "SOP299", Severity.ERROR,
    id="{where_id} tidak sesuai format SOP: {detail}",
    en="{where_en} does not match the SOP format: {detail}",
    hint_id="Bandingkan dengan contoh di panduan format SOP.",
    hint_en="Compare with the example in the SOP format guide.",
)

TYPE_WORDS: dict[str, tuple[str, str]] = {
    "string": ("teks", "text"),
    "array": ("daftar (butir diawali `- `)", "a list (items starting with `- `)"),
    "object": ("pemetaan `kunci: nilai`", "a mapping of `key: value`"),
    "integer": ("bilangan bulat", "an integer"),
    "number": ("angka", "a number"),
    "boolean": ("`true` atau `false`", "`true` or `false`"),
    "null": ("kosong", "empty"),
}
FORMS: dict[str, tuple[str, str, str, str]] = {
    # pattern -> (form id, form en, fix id, fix en)
    r"^\d{4}-\d{2}-\d{2}$": (
        "tanggal TTTT-BB-HH", "a date YYYY-MM-DD",
        "Tulis tanggal sebagai tahun-bulan-hari, misalnya `2020-04-02`.",
        "Write the date as year-month-day, e.g. `2020-04-02`.",
    ),
    r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$": (
        "tanggal dan jam TTTT-BB-HH JJ:MM", "a date and time YYYY-MM-DD HH:MM",
        "Tulis misalnya `2026-11-20 15:30`.",
        "Write e.g. `2026-11-20 15:30`.",
    ),
    "^[a-z0-9_-]+$": (
        "pengenal (huruf kecil, angka, `-`, `_`)", "an id (lower-case letters, digits, `-`, `_`)",
        "Gunakan huruf kecil, angka, `-` atau `_` tanpa spasi, misalnya `telaah-berkas`.",
        "Use lower-case letters, digits, `-` or `_` without spaces, e.g. `telaah-berkas`.",
    ),
    "^[0-9 ]+$": (
        "NIP (angka dan spasi)", "a NIP (digits and spaces)",
        'Tulis NIP di antara tanda kutip, misalnya `"19680903 199302 2 001"`.',
        'Write the NIP in quotes, e.g. `"19680903 199302 2 001"`.',
    ),
}
