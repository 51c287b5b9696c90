"""The command line as a newcomer and a CI job meet it: help, exit codes, quiet, progress, json."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path
from typing import NoReturn

import pytest
from workflow_support import PETS, run, tree

from generator import cli
from generator.diagnostics import SpecError
from generator.progress import Progress, for_stream
from generator.settings import Settings


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "api.yaml").write_text(PETS, encoding="utf-8")
    return tmp_path


def test_help_lists_every_command_a_config_example_and_the_exit_codes(project: Path) -> None:
    done = run("--help", cwd=project)
    assert done.returncode == 0
    for text in ("generate", "check", "validate", "diff", "[tool.specgen]", "exit codes",
                 "1  generated code is stale", "3  internal error"):
        assert text in done.stdout, text
    for command in ("generate", "check", "validate", "diff"):
        sub = run(command, "--help", cwd=project)
        assert sub.returncode == 0 and "exit codes" in sub.stdout and "--quiet" in sub.stdout


def test_the_console_script_and_python_m_are_the_same_program(project: Path) -> None:
    script = Path(sys.executable).with_name("specgen")
    if not script.is_file():
        pytest.skip("the specgen console script is not installed next to this interpreter")
    by_script = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=False)
    assert by_script.stdout.replace("specgen", "X") == run("--help", cwd=project).stdout.replace(
        "specgen", "X")


@pytest.mark.parametrize("argv", [[], ["frobnicate"], ["generate", "--no-such-flag"],
                                  ["diff", "a.yaml", "b.yaml", "c.yaml"],
                                  ["generate", "--target", "cobol"],
                                  ["validate", "api.yaml", "--spec", "other.yaml"]])
def test_usage_errors_exit_2(project: Path, argv: list[str]) -> None:
    done = run(*argv, cwd=project)
    assert done.returncode == 2
    assert "usage:" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("argv", [["generate"], ["check"], ["validate"], ["diff"],
                                  ["diff", "old.yaml"], ["generate", "-o", "out"]])
def test_no_spec_and_no_config_says_in_one_line_how_to_give_one(
    tmp_path: Path, argv: list[str]
) -> None:
    done = run(*argv, cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1, done.stderr
    example = "old.yaml new.yaml" if argv[0] == "diff" else "api.yaml"
    assert done.stderr.startswith(f"specgen: no spec given: run `specgen {argv[0]} {example}`")
    assert not any(tmp_path.iterdir())


def test_a_config_without_spec_is_no_spec_either(tmp_path: Path) -> None:
    """No repository's path is a default: ``spec/credits.yaml`` lying there is not read."""
    (tmp_path / "pyproject.toml").write_text('[tool.specgen]\noutput = "sdk"\n')
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "credits.yaml").write_text(PETS, encoding="utf-8")
    done = run("validate", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        'specgen: no spec given: run `specgen validate api.yaml`, or set spec = "api.yaml" under'
        + " [tool.specgen] in pyproject.toml"]


@pytest.mark.parametrize("command", ["generate", "check", "validate"])
def test_the_spec_is_positional_or_an_option(project: Path, command: str) -> None:
    results = []
    for i, spec in enumerate([("api.yaml",), ("--spec", "api.yaml"),
                              ("api.yaml", "--spec", "api.yaml")]):
        out = ("-o", f"out{i}", "--package", "pets") if command != "validate" else ()
        if command == "check":
            assert run("generate", "api.yaml", *out, cwd=project).returncode == 0
        done = run(command, *spec, *out, cwd=project)
        results.append((done.returncode, done.stdout, done.stderr.replace(f"out{i}", "OUT")))
    assert results[0][0] == 0, results[0]
    assert results == [results[0]] * 3
    assert "E101" in run(command, "nope.yaml", "-q", cwd=project).stderr


def test_generate_with_o_writes_there(project: Path) -> None:
    done = run("generate", "api.yaml", "-o", "sdk", "--package", "pets", cwd=project)
    assert done.returncode == 0, done.stderr
    assert (project / "sdk" / "python" / "pets" / "models" / "pet.py").is_file()


def test_diff_takes_both_specs_or_the_new_one_from_the_config(project: Path) -> None:
    (project / "new.yaml").write_text(PETS.replace("        tag: {type: string}\n", ""))
    explicit = run("diff", "api.yaml", "new.yaml", cwd=project)
    assert explicit.returncode == 0 and "tag" in explicit.stdout, explicit.stderr
    assert run("diff", "api.yaml", "--spec", "new.yaml", cwd=project).stdout == explicit.stdout
    (project / "pyproject.toml").write_text('[tool.specgen]\nspec = "new.yaml"\n')
    assert run("diff", "api.yaml", cwd=project).stdout == explicit.stdout


def test_diff_reads_refs_under_the_spec_root_as_generate_does(project: Path) -> None:
    """Specs whose ``$ref``s reach a shared folder above them compare under ``--spec-root``
    (or ``spec_root`` in the config), as they generate; without it the $ref is refused."""
    (project / "common").mkdir()
    (project / "common" / "pet.yaml").write_text(
        "type: object\nproperties:\n  id: {type: integer}\n  tag: {type: string}\n")
    for name, ref in (("old", "../common/pet.yaml"), ("new", "../common/pet.yaml#/properties/id")):
        (project / name).mkdir()
        (project / name / "api.yaml").write_text(
            "openapi: 3.1.0\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n"
            "      operationId: getPet\n      responses:\n        '200':\n"
            "          description: ok\n          content:\n            application/json:\n"
            f"              schema: {{$ref: '{ref}'}}\n")
    refused = run("diff", "old/api.yaml", "new/api.yaml", cwd=project)
    assert refused.returncode == 2 and "E202" in refused.stderr, refused.stderr
    done = run("diff", "old/api.yaml", "new/api.yaml", "--spec-root", ".", cwd=project)
    assert done.returncode == 0 and "breaking" in done.stdout, done.stderr


@pytest.mark.parametrize("command", ["generate", "check"])
def test_target_is_repeatable_and_reaches_the_settings(
    project: Path, command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Settings] = []

    def record(settings: Settings, progress: object, **_: object) -> NoReturn:
        seen.append(settings)
        raise SpecError([])

    monkeypatch.setattr(cli, "generate" if command == "generate" else "check_drift", record)
    monkeypatch.chdir(project)
    assert cli.main([command, "api.yaml", "-q", "--target", "python", "--target", "python"]) == 2
    assert cli.main([command, "api.yaml", "-q"]) == 2
    assert [s.targets for s in seen] == [("python",), Settings().targets]
    assert seen[0].spec == Path("api.yaml")


def test_a_missing_spec_exits_2_with_a_diagnostic(project: Path) -> None:
    done = run("generate", "--spec", "nope.yaml", "--output", "out", cwd=project)
    assert done.returncode == 2
    assert "E101" in done.stderr and not (project / "out").exists()


def test_generate_check_and_quiet(project: Path, tmp_path: Path) -> None:
    args = ("--spec", "api.yaml", "--output", "out", "--package", "pets")
    first = run("generate", *args, cwd=project)
    assert first.returncode == 0, first.stderr
    assert "written" in first.stderr
    assert run("generate", "-q", *args, cwd=project).stderr == ""
    ok = run("check", *args, cwd=project)
    assert (ok.returncode, ok.stdout) == (0, "") and "up to date" in ok.stderr
    assert run("check", "--quiet", *args, cwd=project).stderr == ""


def test_check_exits_1_with_a_diff_or_the_names_and_touches_nothing(project: Path) -> None:
    args = ("--spec", "api.yaml", "--output", "out", "--package", "pets")
    assert run("generate", *args, cwd=project).returncode == 0
    (project / "api.yaml").write_text(PETS.replace("A pet.", "A pet you own."), encoding="utf-8")
    before = tree(project / "out")
    diff = run("check", *args, cwd=project)
    assert diff.returncode == 1
    assert "+++ b/python/pets/models/pet.py" in diff.stdout and "A pet you own." in diff.stdout
    names = run("check", "--name-only", *args, cwd=project)
    assert names.returncode == 1
    # the format manifest records the changed blocks' runs: stale with the file
    assert names.stdout == "python/.specgen-format.json\npython/pets/models/pet.py\n"
    assert "2 generated file(s) are stale" in names.stderr
    assert tree(project / "out") == before


def test_validate_json_is_machine_readable(project: Path) -> None:
    (project / "bad.yaml").write_text(PETS.replace('$ref: "#/components/schemas/Pet"',
                                                   '$ref: "#/components/schemas/Pett"'))
    done = run("validate", "--spec", "bad.yaml", "--format", "json", cwd=project)
    assert done.returncode == 2
    rows = json.loads(done.stdout)
    assert [(r["code"], r["severity"], r["file"], r["line"]) for r in rows] == [
        ("E201", "error", "bad.yaml", 12)]
    assert rows[0]["pointer"].endswith("/items/$ref")
    clean = run("validate", "--spec", "api.yaml", "--format", "json", cwd=project)
    assert (clean.returncode, json.loads(clean.stdout)) == (0, [])


def test_no_progress_line_without_a_terminal(project: Path) -> None:
    done = run("generate", "--spec", "api.yaml", "--output", "out", cwd=project)
    assert "\r" not in done.stderr and "format" not in done.stderr


def test_a_progress_line_on_a_terminal(project: Path, tmp_path: Path) -> None:
    """Run with stderr on a pseudo-terminal: stage names and counts, erased at the end."""
    controller, child = pty.openpty()
    env = dict(os.environ)
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", "--spec", "api.yaml", "--output", "out"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=child,
    )
    os.close(child)
    chunks = []
    while True:
        try:
            data = os.read(controller, 4096)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(controller)
    assert proc.wait() == 0
    shown = b"".join(chunks).decode()
    for stage in ("specgen: load", "specgen: build", "specgen: view: 2 types, 1 operations",
                  "specgen: format: blocks", "specgen: write"):
        assert stage in shown, shown
    assert "\r\x1b[K" in shown
    assert shown.rstrip().endswith("removed in out")


def test_progress_is_silent_when_quiet_or_not_a_terminal(tmp_path: Path) -> None:
    with open(tmp_path / "log", "w") as stream:
        progress = for_stream(stream)
        progress.stage("format", 1, 2)
        progress.finish()
    assert (tmp_path / "log").read_text() == ""
    lines: list[str] = []

    class Tty:
        def isatty(self) -> bool:
            return True

        def write(self, text: str) -> None:
            lines.append(text)

        def flush(self) -> None:
            pass

    assert for_stream(Tty(), quiet=True) is not None  # type: ignore[arg-type]
    for_stream(Tty(), quiet=True).stage("load")  # type: ignore[arg-type]
    assert lines == []
    shown = Progress(Tty())  # type: ignore[arg-type]
    shown.stage("format", 3, 10)
    assert lines == ["\r\x1b[Kspecgen: format 3/10"]


def test_quiet_validate_drops_warnings_but_keeps_errors(project: Path) -> None:
    warned = PETS.replace("        tag: {type: string}\n",
                          "        tag: {enum: [a, {b: 1}]}\n")  # no type: no E303
    (project / "warn.yaml").write_text(warned, encoding="utf-8")
    loud = run("validate", "--spec", "warn.yaml", cwd=project)
    assert loud.returncode == 0 and "W301" in loud.stderr
    assert run("validate", "-q", "--spec", "warn.yaml", cwd=project).stderr == ""
    assert "E101" in run("validate", "-q", "--spec", "nope.yaml", cwd=project).stderr
