"""The plugin's guards and courtesies: its own folders exist, generated pages never silently
replace a page of the user's, and other plugins see the same last-change date as the page.

Messages come in the plugin's ``lang`` (id, en); they are raised as MkDocs ``PluginError``s by
the plugin, which keeps this module free of MkDocs.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from ..render.dates import tanggal

_TEXTS = {
    "no_sops_dir": {
        "id": "sopgen: folder SOP `{path}` (opsi `sops_dir`) tidak ditemukan. Periksa opsi "
        "`sops_dir` plugin sopgen di {config}; jalurnya dihitung dari folder berkas itu.",
        "en": "sopgen: the SOP folder `{path}` (option `sops_dir`) does not exist. Check the "
        "sopgen plugin's `sops_dir` in {config}; it is relative to that file's folder.",
    },
    "no_template_dir": {
        "id": "sopgen: folder templat `{path}` (opsi `template_dir`) tidak ditemukan. Periksa "
        "opsi `template_dir` di {config}, atau hapus opsi itu untuk memakai templat bawaan.",
        "en": "sopgen: the template folder `{path}` (option `template_dir`) does not exist. "
        "Check `template_dir` in {config}, or remove the option to use the built-in templates.",
    },
    "no_calendar": {
        "id": "sopgen: berkas kalender `{path}` (opsi `calendar`) tidak ditemukan. Periksa "
        "opsi `calendar` di {config}.",
        "en": "sopgen: the calendar file `{path}` (option `calendar`) does not exist. Check "
        "`calendar` in {config}.",
    },
    "jobs": {
        "id": "sopgen: {where} harus bilangan bulat 1 atau lebih (jumlah proses yang dipakai), "
        "bukan `{value}`. Misalnya `jobs: 2`; tanpa pengaturan ini sopgen memakai semua inti "
        "yang boleh dipakainya.",
        "en": "sopgen: {where} must be a whole number of 1 or more (how many processes to use), "
        "not `{value}`. For example `jobs: 2`; without it sopgen uses every core it may use.",
    },
    "collision": {
        "id": "sopgen: halaman Anda `{user}` akan tertimpa oleh halaman yang dibuat sopgen "
        "({what}, `{uri}`). Pindahkan atau ganti nama berkas Anda; sopgen tidak menimpanya.",
        "en": "sopgen: your page `{user}` would be replaced by the page sopgen generates "
        "({what}, `{uri}`). Move or rename your file; sopgen does not overwrite it.",
    },
}
WHAT = {
    "index": {"id": "daftar SOP", "en": "the SOP list"},
    "keys": {"id": "referensi kunci", "en": "the key reference"},
    "schema": {"id": "skema SOP", "en": "the SOP schema"},
    "sop": {"id": "halaman SOP", "en": "an SOP page"},
    "source": {"id": "berkas YAML SOP", "en": "an SOP's YAML file"},
}


def text(key: str, lang: str, **values: str) -> str:
    return _TEXTS[key][lang if lang in ("id", "en") else "id"].format(**values)


def missing_folders(
    *, sops_dir: Path, template_dir: Path | None, calendar: Path | None, config: str, lang: str,
    show: Any = str,
) -> str | None:
    """The message for the first configured path that does not exist, or None."""
    if not sops_dir.is_dir():
        return text("no_sops_dir", lang, path=show(sops_dir), config=config)
    if template_dir is not None and not template_dir.is_dir():
        return text("no_template_dir", lang, path=show(template_dir), config=config)
    if calendar is not None and not calendar.is_file():
        return text("no_calendar", lang, path=show(calendar), config=config)
    return None


JOBS_VARIABLE = "SOPGEN_JOBS"


def jobs_limit(option: int | None, environment: dict[str, str], lang: str) -> int | str | None:
    """How many processes the build may use: the plugin's `jobs` option, else the variable
    SOPGEN_JOBS, else None (every core it may use). A message (str) when either is not a
    whole number of 1 or more."""
    if option is not None:
        if isinstance(option, bool) or option < 1:
            return text("jobs", lang, where="`jobs`", value=str(option))
        return option
    value = environment.get(JOBS_VARIABLE, "").strip()
    if not value:
        return None
    jobs = positive_number(value)
    return jobs if jobs is not None else text("jobs", lang, where=JOBS_VARIABLE, value=value)


def positive_number(value: str) -> int | None:
    """A whole number of 1 or more written as digits, else None (`jobs`, ``--jobs``)."""
    return int(value) if value.isdigit() and int(value) >= 1 else None


def collisions(
    user_pages: dict[str, str], generated: dict[str, str], lang: str
) -> list[str]:
    """One message per generated path that a user's file already occupies.

    ``user_pages``: src_uri -> the file's path as the user knows it (``docs/sop/index.md``);
    ``generated``: src_uri -> a key of `WHAT`.
    """
    out = []
    for uri, kind in sorted(generated.items()):
        if uri in user_pages:
            what = WHAT[kind][lang if lang in ("id", "en") else "id"]
            out.append(text("collision", lang, user=user_pages[uri], what=what, uri=uri))
    return out


def date_meta(day: dt.date, lang: str) -> dict[str, str]:
    """Page metadata naming the page's last change, under the keys other plugins use.

    `git-revision-date-localized` fills ``git_revision_date_localized`` (Material prints it
    below the page) from the page's source file; an SOP page's source is its YAML, which that
    plugin never sees, so it would print the build date. Setting the keys from the same git date
    the form shows makes every date on the page agree.
    """
    shown = tanggal(day) if lang == "id" else day.strftime("%B %-d, %Y")
    span = (
        '<span class="git-revision-date-localized-plugin '
        f'git-revision-date-localized-plugin-date">{shown}</span>'
    )
    iso = day.isoformat()
    return {
        "git_revision_date_localized": span,
        "git_revision_date_localized_raw_iso_date": iso,
        "git_revision_date_localized_raw_date": iso,
        "update_date": iso,
        "revision_date": iso,
    }
