"""What the terminal shows of many problems, and what ``--report`` keeps.

A warning code repeated more than five times is one terminal line (its first place, the count
and the next places); errors are never summarised; ``--report FILE`` lists every diagnostic. In
``validate``, a warning at a pointer never hides an error at the same pointer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import cli
from generator.diagnostics import Diagnostic, Location, render, render_lines
from generator.examine import merged

_HEAD = 'openapi: 3.1.0\ninfo: {title: T, version: "1"}\npaths: {}\ncomponents:\n  schemas:\n'


def _warning(code: str, n: int) -> Diagnostic:
    return Diagnostic(code=code, message=f"number {n}", severity="warning",
                      location=Location(file="api.yaml", pointer=f"/x/{n}")).at(n, 3)


def test_a_repeated_warning_code_is_one_line_with_its_count() -> None:
    many = [_warning("W406", n) for n in range(1, 9)]
    few = [_warning("W405", n) for n in range(20, 23)]
    error = Diagnostic(code="E302", message="bad", location=Location(file="api.yaml"))
    lines = render_lines([*many, *few, error])
    assert lines[0] == (render(many[0]) + " [and 7 more W406: api.yaml:2:3, api.yaml:3:3, "
                        "api.yaml:4:3, ...; --report FILE lists every one]")
    assert lines[1:] == [render(d) for d in [*few, error]]


def test_errors_are_never_summarised() -> None:
    errors = [Diagnostic(code="E302", message=f"bad {n}",
                         location=Location(file="a.yaml", pointer=f"/{n}")) for n in range(9)]
    assert render_lines(errors) == [render(e) for e in errors]


def test_terminal_summarises_and_the_report_keeps_every_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(_HEAD + "".join(f"    T{n}: {{type: string, format: unix-time}}\n"
                                    for n in range(12)), encoding="utf-8")
    report = tmp_path / "report.json"
    assert cli.main(["validate", str(spec), "--report", str(report)]) == 0
    shown = capsys.readouterr().err.splitlines()
    assert len(shown) == 1 and "[and 11 more W406: " in shown[0]
    rows = json.loads(report.read_text(encoding="utf-8"))
    assert [r["code"] for r in rows] == ["W406"] * 12
    assert len({(r["line"], r["pointer"]) for r in rows}) == 12


def test_a_warning_never_hides_an_error_at_its_pointer() -> None:
    here = Location(file="api.yaml", pointer="/components/schemas/A/oneOf")
    warning = Diagnostic(code="W304", message="empty", location=here, severity="warning")
    error = Diagnostic(code="E100", message="not valid OpenAPI", location=here)
    again = Diagnostic(code="E402", message="the same place again", location=here)
    assert merged([warning], [error]) == [warning, error]
    assert merged([error], [again]) == [error]  # one error per place


def test_a_lenient_warning_stands_for_the_lint_error_at_its_pointer() -> None:
    here = Location(file="api.yaml", pointer="/components/schemas/A/exclusiveMinimum")
    warning = Diagnostic(code="W402", message="3.0 form", location=here, severity="warning")
    lint = Diagnostic(code="E100", message="not a number", location=here)
    assert merged([warning], [lint]) == [warning]
