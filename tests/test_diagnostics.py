"""Diagnostic records and the message registry."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import sopgen
from sopgen.diagnostics import Message, Severity, has_errors, registered_messages

SAMPLE = Message(
    "SOP999",
    Severity.WARNING,
    id="Langkah {nomor} tanpa waktu",
    en="Step {nomor} has no time",
    hint_id="Tambahkan `waktu`.",
    hint_en="Add `waktu`.",
)


def test_message_renders_both_languages() -> None:
    d = SAMPLE.at("sops/a.yaml", 3, 5, nomor=2)
    assert (d.file, d.line, d.column, d.code, d.severity) == (
        "sops/a.yaml", 3, 5, "SOP999", Severity.WARNING,
    )
    assert d.message_in("id") == "Langkah 2 tanpa waktu"
    assert d.message_in("en") == "Step 2 has no time"
    assert d.hint_in("en") == "Add `waktu`."
    assert not d.is_error


def test_unknown_placeholder_stays_visible() -> None:
    assert SAMPLE.at("f").message_in("id") == "Langkah {nomor} tanpa waktu"


def test_extra_hint_is_appended() -> None:
    d = SAMPLE.at("f", hint_id="Mungkin `x`?", hint_en="Did you mean `x`?")
    assert d.hint_in("id") == "Tambahkan `waktu`. Mungkin `x`?"
    assert d.hint_in("en") == "Add `waktu`. Did you mean `x`?"


def test_code_declared_twice_with_other_text_is_refused() -> None:
    with pytest.raises(ValueError, match="SOP999"):
        Message("SOP999", Severity.ERROR, id="lain", en="other")


def test_strict_counts_warnings() -> None:
    warning = SAMPLE.at("f")
    assert not has_errors([warning])
    assert has_errors([warning], strict=True)
    assert not has_errors([])


def test_every_module_imports_and_codes_are_well_formed() -> None:
    for info in pkgutil.walk_packages(sopgen.__path__, "sopgen."):
        if info.name == "sopgen.__main__":
            continue
        importlib.import_module(info.name)
    messages = registered_messages()
    assert messages, "no diagnostic messages declared"
    for code, message in messages.items():
        assert code.startswith("SOP") and code[3:].isdigit() and len(code) == 6, code
        assert message.id and message.en, code
