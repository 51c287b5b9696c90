"""Error goldens: ``tests/errors/<name>.yaml|json`` next to ``<name>.txt``, the exact stderr of
``python -m generator validate --spec tests/errors/<name>.<ext>`` run from the repository root.

Each bad input must end in compiler-style diagnostics (``file:line:col: CODE #pointer: message``),
exit code 2, no traceback; ``generate`` and ``check`` print exactly the same lines, and ``generate``
writes nothing. Several inputs hold several independent problems, all reported in one run. ``--update-goldens`` rewrites the
``.txt`` files; the assertions compare code, pointer and position first, then the full text.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from specgen_testing import REPO

ERRORS = REPO / "tests" / "errors"
INPUTS = sorted(p for p in ERRORS.iterdir() if p.suffix in (".yaml", ".json"))
_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[EW]\d{3}) #(?P<ptr>\S*): ")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "generator", *args], check=False,
                          capture_output=True, text=True, cwd=REPO)


def _parsed(text: str) -> list[tuple[str, str, str, str, str]]:
    """``(file, line, col, code, pointer)`` of every line; a line that does not parse fails."""
    out = []
    for line in text.splitlines():
        match = _LINE.match(line)
        assert match, f"not a compiler-style diagnostic: {line!r}"
        out.append((match["file"], match["line"], match["col"], match["code"], match["ptr"]))
    return out


def test_every_input_has_a_golden() -> None:
    goldens = sorted(p.stem for p in ERRORS.glob("*.txt"))
    assert goldens == sorted(p.stem for p in INPUTS)


@pytest.mark.parametrize("spec", INPUTS, ids=lambda p: p.name)
def test_validate_matches_golden(spec: Path, update_goldens: bool) -> None:
    relative = spec.relative_to(REPO).as_posix()
    done = _cli("validate", "--spec", relative)
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    golden = spec.with_suffix(".txt")
    if update_goldens:
        golden.write_text(done.stderr, encoding="utf-8")
        return
    expected = golden.read_text(encoding="utf-8")
    assert _parsed(done.stderr) == _parsed(expected)
    assert all(row[0] == relative for row in _parsed(done.stderr)), "paths must be as given"
    assert done.stderr == expected


@pytest.mark.parametrize("command", ["generate", "check"])
@pytest.mark.parametrize("spec", INPUTS, ids=lambda p: p.name)
def test_generate_and_check_report_what_validate_reports(
    spec: Path, command: str, tmp_path: Path
) -> None:
    """The same lines as the golden of ``validate``, and nothing written."""
    out = tmp_path / "out"
    done = _cli(command, "--spec", spec.relative_to(REPO).as_posix(), "--output", str(out),
                "--package", "bad_api")
    assert "Traceback" not in done.stdout + done.stderr
    assert done.returncode == 2, done.stderr
    assert done.stderr == spec.with_suffix(".txt").read_text(encoding="utf-8")
    assert not out.exists() or not any(out.rglob("*"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ([] if not out.exists() else ["out"])
