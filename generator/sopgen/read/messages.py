"""The problems the YAML loader reports (SOP1xx), and libyaml's syntax errors in plain words.

Civil servants who write SOP files rarely know YAML's vocabulary, so each libyaml problem is
explained in everyday Indonesian (and English), with libyaml's own words quoted for whoever
needs them.
"""

from __future__ import annotations

from ..diagnostics import Message, Severity

E = Severity.ERROR

INVALID_UTF8 = Message(
    "SOP101", E,
    id="Berkas bukan teks UTF-8 yang sah: bita {byte} tidak dapat dibaca",
    en="The file is not valid UTF-8 text: byte {byte} cannot be read",
    hint_id="Simpan ulang berkas dengan pengodean UTF-8 (di editor: Save with Encoding → UTF-8).",
    hint_en="Save the file again with UTF-8 encoding (in the editor: Save with Encoding → UTF-8).",
)
CONTROL_CHARACTER = Message(
    "SOP102", E,
    id="Berkas memuat karakter kendali yang tidak boleh ada di YAML ({character})",
    en="The file contains a control character that YAML does not allow ({character})",
    hint_id="Hapus karakter tak terlihat itu; biasanya terbawa saat menyalin dari PDF atau Word.",
    hint_en="Delete that invisible character; it usually comes from copying out of a PDF or Word.",
)
TOO_LARGE = Message(
    "SOP103", E,
    id="Berkas terlalu besar ({size} bita); batasnya {limit} bita",
    en="The file is too large ({size} bytes); the limit is {limit} bytes",
    hint_id="Satu berkas berisi satu SOP; pecah prosedur yang sangat panjang menjadi beberapa SOP.",
    hint_en="One file holds one SOP; split a very long procedure into several SOPs.",
)
EMPTY = Message(
    "SOP104", E,
    id="Berkas kosong atau hanya berisi komentar",
    en="The file is empty or contains only comments",
    hint_id="Isi berkas dengan SOP; buat kerangka dengan `sopgen new <satuan-kerja>/<nama>`.",
    hint_en="Write the SOP into the file; create a skeleton with `sopgen new <unit>/<name>`.",
)
NOT_A_MAPPING = Message(
    "SOP105", E,
    id="Isi berkas harus berupa daftar kunci (`versi_format:`, `identitas:` ...), bukan {found}",
    en="The file must hold keys (`versi_format:`, `identitas:` ...), not {found}",
    hint_id="Awali setiap baris teratas dengan nama kunci dan titik dua, tanpa `-` di depannya.",
    hint_en="Start each top-level line with a key name and a colon, without a leading `-`.",
)
SYNTAX = Message(
    "SOP106", E,
    id="Penulisan YAML salah: {explanation_id} (pesan asli: “{problem}”)",
    en="YAML syntax error: {explanation_en} (original message: “{problem}”)",
)
MULTIPLE_DOCUMENTS = Message(
    "SOP107", E,
    id="Berkas memuat lebih dari satu dokumen YAML (pemisah `---` kedua)",
    en="The file contains more than one YAML document (a second `---` separator)",
    hint_id="Satu berkas berisi satu SOP: pindahkan SOP kedua ke berkas tersendiri.",
    hint_en="One file holds one SOP: move the second SOP into a file of its own.",
)
DUPLICATE_KEY = Message(
    "SOP108", E,
    id="Kunci `{key}` ditulis dua kali (pertama di baris {first_line})",
    en="Key `{key}` is written twice (first on line {first_line})",
    hint_id="Hapus salah satunya atau gabungkan isinya; hanya satu yang boleh ada.",
    hint_en="Delete one of them or merge their content; only one may remain.",
)
KEY_NOT_TEXT = Message(
    "SOP109", E,
    id="Nama kunci harus berupa teks, bukan {found}",
    en="A key name must be text, not {found}",
    hint_id="Tulis nama kunci biasa diikuti titik dua, misalnya `nama: ...`.",
    hint_en="Write a plain key name followed by a colon, e.g. `nama: ...`.",
)
ANCHOR = Message(
    "SOP110", E,
    id="Jangkar YAML `&{name}` tidak dipakai dalam berkas SOP",
    en="YAML anchors (`&{name}`) are not allowed in SOP files",
    hint_id="Tulis isinya langsung di setiap tempat; jika `&` bagian dari teks, beri tanda kutip.",
    hint_en="Write the content out in each place; if `&` is part of the text, put it in quotes.",
)
ALIAS = Message(
    "SOP111", E,
    id="Rujukan YAML `*{name}` tidak dipakai dalam berkas SOP",
    en="YAML aliases (`*{name}`) are not allowed in SOP files",
    hint_id="Tulis isinya langsung di sini; jika `*` bagian dari teks, beri tanda kutip.",
    hint_en="Write the content out here; if `*` is part of the text, put it in quotes.",
)
MERGE_KEY = Message(
    "SOP112", E,
    id="Kunci gabung YAML `<<` tidak dipakai dalam berkas SOP",
    en="The YAML merge key `<<` is not allowed in SOP files",
    hint_id="Tulis setiap kunci secara lengkap di tempatnya.",
    hint_en="Write every key out in full where it belongs.",
)
TAG = Message(
    "SOP113", E,
    id="Tanda tipe YAML `{tag}` tidak dipakai dalam berkas SOP",
    en="YAML tags (`{tag}`) are not allowed in SOP files",
    hint_id="Hapus tanda yang diawali `!`; jika `!` bagian dari teks, beri tanda kutip.",
    hint_en="Remove the tag starting with `!`; if `!` is part of the text, put it in quotes.",
)
TOO_DEEP = Message(
    "SOP114", E,
    id="Susunan bertingkat terlalu dalam (lebih dari {limit} tingkat)",
    en="The nesting is too deep (more than {limit} levels)",
    hint_id="Periksa indentasi dan tanda kurung `[`/`{{`; SOP tidak perlu tingkat sedalam itu.",
    hint_en="Check the indentation and the `[`/`{{` brackets; an SOP never needs such depth.",
)
UNREADABLE = Message(
    "SOP115", E,
    id="Berkas tidak dapat dibaca: {reason}",
    en="The file cannot be read: {reason}",
    hint_id="Periksa bahwa path menunjuk ke berkas biasa dan Anda berhak membacanya.",
    hint_en="Check that the path names a regular file and that you may read it.",
)

END_OF_FILE = "found unexpected end of stream"

# libyaml problem text (prefix) -> (Indonesian, English, hint id, hint en).
_QUOTE_HINT = (
    "Tutup tanda kutip yang terbuka, atau beri kutip pada teks yang memuat `:` atau `#`.",
    "Close the open quote, or quote text that contains `:` or `#`.",
)
_INDENT_HINT = (
    "Samakan indentasi (spasi, bukan tab) dengan baris sejajar di atasnya; teks yang memuat "
    "`: ` harus diberi tanda kutip.",
    "Align the indentation (spaces, not tabs) with the sibling lines above; text containing "
    "`: ` must be quoted.",
)
_BRACKET_HINT = (
    "Periksa pasangan tanda kurung dan koma di antara isinya.",
    "Check the bracket pairs and the commas between items.",
)
PROBLEMS: tuple[tuple[str, str, str, tuple[str, str]], ...] = (
    ("mapping values are not allowed",
     "ada titik dua (`:`) di tempat yang tidak semestinya", "a colon (`:`) where none may be",
     _INDENT_HINT),
    ("could not find expected ':'",
     "titik dua (`:`) setelah nama kunci tidak ditemukan", "the colon (`:`) after a key is missing",
     _INDENT_HINT),
    ("did not find expected key",
     "indentasi tidak sejajar atau ada baris yang bukan kunci", "misaligned indentation or a line "
     "that is not a key", _INDENT_HINT),
    ("did not find expected '-' indicator",
     "baris dalam daftar tidak diawali `-` atau indentasinya bergeser", "a list line does not "
     "start with `-` or its indentation shifted", _INDENT_HINT),
    ("block sequence entries are not allowed",
     "tanda daftar `-` tidak boleh berada di sini", "a list dash `-` is not allowed here",
     _INDENT_HINT),
    ("did not find expected ',' or ']'",
     "daftar dalam kurung siku `[...]` tidak ditutup dengan benar", "a bracketed list `[...]` is "
     "not closed properly", _BRACKET_HINT),
    ("did not find expected ',' or '}'",
     "isian dalam kurung kurawal `{...}` tidak ditutup dengan benar", "a braced mapping `{...}` "
     "is not closed properly", _BRACKET_HINT),
    (END_OF_FILE,
     "berkas berakhir sebelum tanda kutip ditutup", "the file ends before a quote is closed",
     _QUOTE_HINT),
    ("found unknown escape character",
     "garis miring terbalik `\\` dalam teks berkutip ganda tidak dikenal", "an unknown backslash "
     "`\\` escape inside double quotes", ("Pakai kutip tunggal '...' atau tulis `\\\\`.",
                                        "Use single quotes '...' or write `\\\\`.")),
    ("found character that cannot start any token",
     "ada karakter yang tidak boleh mengawali nilai (misalnya tab, `@`, atau `` ` ``)",
     "a character that cannot start a value (such as a tab, `@` or `` ` ``)",
     ("Ganti tab dengan spasi, atau beri tanda kutip pada teks itu.",
      "Replace tabs with spaces, or put the text in quotes.")),
    ("found a tab character",
     "ada tab di indentasi; YAML hanya menerima spasi", "a tab in the indentation; YAML only "
     "accepts spaces", ("Ganti tab dengan spasi.", "Replace the tab with spaces.")),
    ("did not find expected node content",
     "nilai yang diharapkan tidak ada", "an expected value is missing", _INDENT_HINT),
    ("did not find expected <document start>",
     "ada isi setelah akhir dokumen", "content after the end of the document", _INDENT_HINT),
    ("found unexpected ':'",
     "ada titik dua (`:`) di tempat yang tidak semestinya", "a colon (`:`) where none may be",
     _QUOTE_HINT),
    ("found undefined tag handle",
     "ada tanda tipe `!` yang tidak dikenal", "an unknown `!` tag",
     ("Hapus tanda yang diawali `!`, atau beri tanda kutip.", "Remove the `!` tag or quote it.")),
    ("did not find expected alphabetic or numeric character",
     "`&` atau `*` di awal nilai harus diikuti nama", "`&` or `*` at the start of a value must be "
     "followed by a name", ("Beri tanda kutip pada teks itu.", "Put the text in quotes.")),
)
_FALLBACK = (
    "struktur berkas tidak dapat dibaca", "the file's structure cannot be read", _INDENT_HINT,
)


def explain(problem: str) -> tuple[str, str, str, str]:
    """(Indonesian, English, hint id, hint en) for a libyaml problem text."""
    for prefix, text_id, text_en, (hint_id, hint_en) in PROBLEMS:
        if problem.startswith(prefix):
            return text_id, text_en, hint_id, hint_en
    text_id, text_en, (hint_id, hint_en) = _FALLBACK
    return text_id, text_en, hint_id, hint_en
