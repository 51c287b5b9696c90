"""The catalog of diagnostic codes (``generator/catalog.py``) is complete and shown as it is.

- Every code has a minimal example, ``tests/diagnostics/<code>.yaml`` (E001: ``.toml``, a
  configuration; a code only targets raise: a toy target in ``tests/unit/test_targets.py``),
  whose first line says ``# expect: CODE #pointer``; ``specgen validate`` on it
  reports that code at that pointer. A line ``# limits: name=value`` lowers a load bound
  (given as its flag, ``--max-bytes 64``).
- No code is emitted that the catalog lacks: :class:`~generator.diagnostics.Diagnostic` refuses
  one, and every code literal in the generator's source is in the catalog.
- ``docs/diagnostics.md`` is what ``python -m generator.catalog_doc`` prints.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from specgen_testing import REPO

from generator import cli
from generator.catalog import CATALOG
from generator.catalog_doc import document, expectation
from generator.diagnostics import Diagnostic, Location

HERE = REPO / "tests" / "diagnostics"
EXAMPLES = sorted(p for p in HERE.iterdir() if p.suffix in (".yaml", ".toml", ".json"))
_EXPECT = re.compile(r"^# expect: (?P<code>[EW]\d{3}) #(?P<pointer>\S*)$")
_LIMITS = re.compile(r"^# limits: (?P<name>\w+)=(?P<value>\d+)$", re.MULTILINE)


def _expected(example: Path) -> tuple[str, str]:
    match = _EXPECT.match("# expect: " + expectation(example)[0])
    assert match, f"{example.name}: the first line must be '# expect: CODE #pointer'"
    return match["code"], match["pointer"]


def test_every_code_has_one_example() -> None:
    assert sorted(p.stem for p in EXAMPLES) == sorted(c for c, e in CATALOG.items()
                                                      if not e.by_targets)


def test_a_code_only_targets_raise_is_raised_by_a_targets_test() -> None:
    tests = (REPO / "tests" / "unit" / "test_targets.py").read_text(encoding="utf-8")
    for code in (c for c, e in CATALOG.items() if e.by_targets):
        assert f'code="{code}"' in tests, code


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_example_reports_its_code_at_its_pointer(
    example: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, pointer = _expected(example)
    assert code == example.stem
    monkeypatch.chdir(example.parent)  # an example stands alone: no ./pyproject.toml settings
    limits = [arg for m in _LIMITS.finditer(example.read_text("utf-8"))
              for arg in (f"--{m['name'].replace('_', '-')}", m["value"])]  # the limits' flags
    where = ["--config", str(example)] if example.suffix == ".toml" else [str(example)]
    status = cli.main(["validate", "--format", "json", *where, *limits])
    rows = json.loads(capsys.readouterr().out)
    found = {(r["code"], r["pointer"]) for r in rows}
    assert (code, pointer) in found, rows
    assert all(r["line"] > 0 for r in rows if r["code"] == code), "placed at file:line:col"
    errors = {r["code"] for r in rows if r["severity"] == "error"}
    assert status == (2 if errors else 0)
    assert (code in errors) == code.startswith("E")


def test_a_code_outside_the_catalog_is_refused() -> None:
    here = Location(file="api.yaml", pointer="")
    with pytest.raises(ValueError, match="not in generator.catalog"):
        Diagnostic(code="E999", message="made up", location=here)
    with pytest.raises(ValueError, match="W302 is a warning"):
        Diagnostic(code="W302", message="a warning's code as an error", location=here)
    with pytest.raises(ValueError, match="E302 is an error"):
        Diagnostic(code="E302", message="an error's code", location=here, severity="warning")


def test_every_code_in_the_source_is_in_the_catalog() -> None:
    runtime = REPO / "generator" / "targets" / "python" / "runtime"
    used: dict[str, str] = {}
    for source in sorted((REPO / "generator").rglob("*.py")):
        if runtime in source.parents or source.name == "catalog.py":  # the generated
            continue  # package's own error codes; the catalog itself
        for code in re.findall(r"""["']([EW]\d{3})["']""", source.read_text(encoding="utf-8")):
            used.setdefault(code, source.relative_to(REPO).as_posix())
    assert {c: f for c, f in used.items() if c not in CATALOG} == {}
    # a code every target may raise need not be raised by one yet; any other is dead
    assert set(CATALOG) - set(used) <= {c for c, e in CATALOG.items() if e.by_targets}


def test_severity_is_in_the_code() -> None:
    for code, entry in CATALOG.items():
        assert entry.severity == ("warning" if code.startswith("W") else "error")
        assert entry.summary and entry.pointer


def test_the_committed_doc_is_current() -> None:
    done = subprocess.run([sys.executable, "-m", "generator.catalog_doc"], cwd=REPO,
                          check=True, capture_output=True, text=True)
    assert (done.stdout, done.stderr) == (document(), "")
    committed = (REPO / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert committed == document(), "python -m generator.catalog_doc > docs/diagnostics.md"


WARNINGS = [p for p in EXAMPLES if p.stem.startswith("W")]


@pytest.mark.parametrize("example", WARNINGS, ids=lambda p: p.stem)
def test_generate_and_check_report_what_validate_reports(
    example: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``generate`` and ``check`` print the lines ``validate`` prints, and exit alike (then, on
    success, say what they wrote or that the output is up to date). W304's example is also an E100: an empty ``oneOf`` is invalid OpenAPI."""
    validated = cli.main(["validate", str(example)])
    shown = capsys.readouterr().err.splitlines()
    generated = cli.main(["generate", str(example), "-o", str(tmp_path / "out"), "--no-cache",
                          "--package", "example_api"])
    lines = capsys.readouterr().err.splitlines()
    assert generated == validated == (2 if example.stem == "W304" else 0)
    if generated == 0:
        assert lines[-1].startswith("specgen: ") and " written, " in lines[-1]
        lines = lines[:-1]
    assert lines == shown
    checked = cli.main(["check", str(example), "-o", str(tmp_path / "out"), "--no-cache",
                        "--package", "example_api"])
    lines = capsys.readouterr().err.splitlines()
    assert checked == validated
    if checked == 0:
        assert lines[-1].endswith(" is up to date")
        lines = lines[:-1]
    assert lines == shown
