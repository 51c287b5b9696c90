"""``[tool.specgen]``: read from ./pyproject.toml or --config, paths relative to the file, flags
override it, unknown keys and bad values are errors at ``file:line:col``."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from specgen_testing import REPO
from workflow_support import PETS, run

from generator import cli
from generator.diagnostics import SpecError, render
from generator.pipeline import check_drift, generate, produce
from generator.settings import Settings, key_positions, load_settings
from generator.targets import target


def _project(root: Path, table: str) -> Path:
    (root / "api").mkdir(parents=True)
    (root / "api" / "pets.yaml").write_text(PETS, encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[project]\nname = "consumer"\n\n[tool.specgen]\n' + table, encoding="utf-8")
    return root


def test_the_table_drives_generate(tmp_path: Path) -> None:
    root = _project(tmp_path, 'spec = "api/pets.yaml"\noutput = "sdk"\npackage = "pets_sdk"\n')
    done = run("generate", cwd=root)
    assert done.returncode == 0, done.stderr
    assert (root / "sdk/python/pets_sdk/models/__init__.py").is_file()


def test_paths_are_relative_to_the_config_file_not_the_working_folder(tmp_path: Path) -> None:
    root = _project(tmp_path / "repo", 'spec = "api/pets.yaml"\noutput = "sdk"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    done = run("generate", "--config", str(root / "pyproject.toml"), cwd=elsewhere)
    assert done.returncode == 0, done.stderr
    assert (root / "sdk/python/pets/models/__init__.py").is_file()
    assert not any(elsewhere.iterdir())


def test_flags_override_the_file(tmp_path: Path) -> None:
    root = _project(tmp_path, 'spec = "api/missing.yaml"\noutput = "sdk"\npackage = "a"\n')
    done = run("generate", "--spec", "api/pets.yaml", "--package", "b", cwd=root)
    assert done.returncode == 0, done.stderr
    assert (root / "sdk/python/b/models/__init__.py").is_file()
    assert not (root / "sdk/python/a").exists()


def test_unknown_keys_are_errors_at_their_line_and_column(tmp_path: Path) -> None:
    root = _project(tmp_path, 'spec = "api/pets.yaml"\n  colour = "blue"\nouptut = "x"\n')
    done = run("generate", cwd=root)
    assert done.returncode == 2
    lines = done.stderr.splitlines()
    assert lines[0].startswith("pyproject.toml:6:3: E001 #/tool/specgen/colour: unknown key 'colour'")
    assert lines[1].startswith("pyproject.toml:7:1: E001 #/tool/specgen/ouptut: unknown key 'ouptut'")
    assert "known: cache, env_prefix, formatter, max_bytes, max_depth, max_files, max_nodes, output, package, spec, spec_root, targets" in lines[0]
    assert not (root / "generated").exists()


@pytest.mark.parametrize(("table", "expected"), [
    ("spec = 3\n", "pyproject.toml:5:1: E001 #/tool/specgen/spec: spec must be a string"),
    ('targets = "python"\n', "pyproject.toml:5:1: E001 #/tool/specgen/targets: targets must be"),
    ('targets = ["cobol"]\n', "pyproject.toml:5:1: E001 #/tool/specgen/targets: unknown target 'cobol'"),
    ('targets = []\n', "pyproject.toml:5:1: E001 #/tool/specgen/targets: no target; known: python"),
    ('targets = ["python", "python"]\n',
     "pyproject.toml:5:1: E001 #/tool/specgen/targets: target 'python' is listed twice"),
    ('package = "Not-A-Module"\n', "pyproject.toml:5:1: E002 #/tool/specgen/package: package"),
    ('env_prefix = "acme"\n', ("pyproject.toml:5:1: E001 #/tool/specgen/env_prefix: env_prefix "
                              "'acme' is not an environment variable prefix")),
    ("env_prefix = 3\n", ("pyproject.toml:5:1: E001 #/tool/specgen/env_prefix: env_prefix must "
                          "be a string")),
])
def test_bad_values_are_placed(tmp_path: Path, table: str, expected: str) -> None:
    done = run("validate", cwd=_project(tmp_path, table))
    assert done.returncode == 2
    assert done.stderr.startswith(expected), done.stderr


def test_a_missing_config_or_table_is_an_error(tmp_path: Path) -> None:
    done = run("check", "--config", "nope.toml", cwd=tmp_path)
    assert done.returncode == 2 and "E001" in done.stderr and "not found" in done.stderr
    (tmp_path / "other.toml").write_text("[tool.black]\nline-length = 100\n")
    done = run("check", "--config", "other.toml", cwd=tmp_path)
    assert done.returncode == 2 and "no [tool.specgen] table" in done.stderr
    (tmp_path / "broken.toml").write_text("[tool.specgen\n")
    assert "cannot read config" in run("check", "--config", "broken.toml", cwd=tmp_path).stderr


def test_a_pyproject_without_the_table_is_ignored(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n')
    done = run("validate", "--spec", "api.yaml", cwd=tmp_path)
    assert done.returncode == 2 and "E101" in done.stderr  # got as far as reading the spec


def test_cache_key_and_default(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.specgen]\noutput = "sdk"\n')
    assert load_settings(config, {}).cache == tmp_path / "sdk" / ".specgen-cache"
    assert load_settings(config, {"output": Path("o")}).cache == Path("o") / ".specgen-cache"
    config.write_text('[tool.specgen]\ncache = ".cache/specgen"\n')
    assert load_settings(config, {}).cache == tmp_path / ".cache" / "specgen"
    config.write_text('[tool.specgen]\ncache = ""\n')
    assert load_settings(config, {}).cache is None
    with pytest.raises(SpecError):
        load_settings(tmp_path / "absent.toml", {})


def test_key_positions_scan_both_spellings() -> None:
    text = '[tool.specgen]\n spec = "a"\n"output" = "b"\n[tool]\nspecgen.package = "c"\n[x]\nspec = 1\n'
    assert key_positions(text, ["spec", "output", "package"]) == {
        "spec": (2, 2), "output": (3, 1), "package": (5, 1)}


def _settings(tmp_path: Path, text: str, **overrides: object) -> Settings:
    config = tmp_path / "pyproject.toml"
    config.write_text(text, encoding="utf-8")
    return load_settings(config, dict(overrides))


def test_a_targets_table_sets_its_keys_and_wins_over_the_top_level(tmp_path: Path) -> None:
    python = target("python")
    text = '[tool.specgen]\npackage = "top"\n\n[tool.specgen.python]\npackage = "own"\n'
    assert _settings(tmp_path, text).options_for(python)["package"] == "own"
    assert _settings(tmp_path, '[tool.specgen]\npackage = "top"\n').options_for(
        python)["package"] == "top"
    dotted = '[tool.specgen]\npython.formatter = "ruff"\n'
    assert dict(_settings(tmp_path, dotted).options_for(python)) == {
        "package": "", "package_name": "", "package_version": "", "formatter": "ruff"}


def test_the_command_line_wins_over_a_targets_table(tmp_path: Path) -> None:
    text = '[tool.specgen]\n[tool.specgen.python]\npackage = "own"\nformatter = "ruff"\n'
    settings = _settings(tmp_path, text, package="flag", formatter=None)
    assert dict(settings.options_for(target("python"))) == {
        "package": "flag", "package_name": "", "package_version": "", "formatter": "ruff"}


def test_settings_stay_frozen(tmp_path: Path) -> None:
    settings = _settings(tmp_path, '[tool.specgen.python]\npackage = "own"\n')
    with pytest.raises(TypeError):
        settings.options["python"]["package"] = "other"  # type: ignore[index]
    with pytest.raises(TypeError):
        settings.options["go"] = {}  # type: ignore[index]


@pytest.mark.parametrize(("text", "expected"), [
    ('[tool.specgen.python]\npackage = "pets"\n  colour = "blue"\n',
     ("pyproject.toml:3:3: E001 #/tool/specgen/python/colour: unknown key 'colour' in "
     "[tool.specgen.python]; known: formatter, output, package, package_name, package_version")),
    ('[tool.specgen.python]\npackage = "Not-A-Module"\n',
     "pyproject.toml:2:1: E002 #/tool/specgen/python/package: package 'Not-A-Module' is not a"),
    ('[tool.specgen]\npython.formatter = "yapf"\n',
     ("pyproject.toml:2:1: E001 #/tool/specgen/python/formatter: unknown formatter 'yapf'; "
     "known: black, ruff")),
    ('[tool.specgen.python]\npackage = 3\n',
     "pyproject.toml:2:1: E001 #/tool/specgen/python/package: package must be a string"),
    ('[tool.specgen]\nspec = "a"\n\n[tool.specgen.cobol]\npackage = "x"\n',
     "pyproject.toml:4:1: E001 #/tool/specgen/cobol: no target 'cobol' in [tool.specgen]; "),
    ('[tool.specgen]\npython = "pets"\n',
     "pyproject.toml:2:1: E001 #/tool/specgen/python: python must be a table"),
    ('[tool.specgen]\nformatter = "yapf"\n',
     "pyproject.toml:2:1: E001 #/tool/specgen/formatter: unknown formatter 'yapf'"),
])
def test_bad_target_tables_are_placed(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(SpecError) as info:
        _settings(tmp_path, text)
    problem = info.value.diagnostics[0]
    assert render(problem).startswith(expected.replace("pyproject.toml", str(
        tmp_path / "pyproject.toml"))), render(problem)


def test_key_positions_find_target_tables_in_every_spelling() -> None:
    text = ('[tool.specgen]\npython.package = "a"\n[tool.specgen."python"]  # ok\n'
            ' formatter = "ruff"\n[tool]\nspecgen.python.x = 1\n')
    assert key_positions(text, ["python", "python.package", "python.formatter", "python.x"]) == {
        "python.package": (2, 1), "python": (3, 1), "python.formatter": (4, 2),
        "python.x": (6, 1)}


@pytest.mark.parametrize(("value", "why"), [
    ("class", "is a Python keyword"), ("match", "is a Python soft keyword"),
    ("json", "is a standard-library module"), ("typing", "is a standard-library module"),
    ("acme.client", "is a dotted name"), ("2fast", "is not a valid module name"),
    ("Acme", "is not a valid module name"),
])
def test_a_bad_package_is_blamed_on_the_flag_that_gave_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    value: str, why: str,
) -> None:
    """``--package class`` names the flag, not a pyproject.toml that does not exist."""
    monkeypatch.chdir(tmp_path)
    status = cli.main(["generate", str(REPO / "tests" / "cases" / "enums" / "spec.yaml"),
                       "--package", value, "-o", "out"])
    assert status == 2 and not (tmp_path / "out").exists()
    line = capsys.readouterr().err.splitlines()[0]
    assert line.startswith(f"--package: E002 #: package {value!r} {why}"), line


def test_a_bad_package_in_the_file_is_placed_at_its_key(tmp_path: Path) -> None:
    text = ('[tool.specgen]\nspec = "api.yaml"\n\n[tool.specgen.python]\n'
            'package_name = "acme client"\npackage_version = "one"\npackage = "type"\n')
    with pytest.raises(SpecError) as info:
        _settings(tmp_path, text)
    lines = [render(d) for d in info.value.diagnostics]
    config = tmp_path / "pyproject.toml"
    assert [line.split(": ", 2)[:2] for line in lines] == [
        [f"{config}:5:1", "E002 #/tool/specgen/python/package_name"],
        [f"{config}:6:1", "E002 #/tool/specgen/python/package_version"],
        [f"{config}:7:1", "E002 #/tool/specgen/python/package"]]


def test_package_name_and_version_are_set_apart_from_the_import_name(tmp_path: Path) -> None:
    text = ('[tool.specgen]\n[tool.specgen.python]\npackage = "acme"\n'
            'package_name = "Acme.SDK"\npackage_version = "2.0.0-rc.1"\n')
    settings = replace(_settings(tmp_path, text), spec=REPO / "tests" / "cases" / "enums" / "spec.yaml")
    files = produce(settings).files
    project = tomllib.loads(files["python/pyproject.toml"])["project"]
    assert (project["name"], project["version"]) == ("acme-sdk", "2.0.0rc1")
    assert "python/acme/__init__.py" in files
    assert "`pip install acme-sdk`" in files["python/README.md"]


@pytest.mark.parametrize(("version", "package_version", "warned"), [
    ("1.0.0-curated.1", "1.0.0", True), ("2024-05-01", "2024.5.1", True),
    ("latest", "0.0.0", True), ("v2.1", "2.1", False), ("1.0.0-beta", "1.0.0b0", False),
])
def test_info_version_becomes_a_pep_440_version(
    tmp_path: Path, version: str, package_version: str, warned: bool
) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(f'openapi: 3.1.0\ninfo: {{title: Acme, version: "{version}"}}\npaths: {{}}\n',
                    encoding="utf-8")
    generated = produce(Settings(spec=spec))
    project = tomllib.loads(generated.files["python/pyproject.toml"])["project"]
    assert (project["name"], project["version"]) == ("acme", package_version)
    assert [(w.code, w.location.pointer, w.line) for w in generated.warnings] == (
        [("W510", "/info/version", 2)] if warned else [])


def test_a_target_writes_into_its_own_output_folder(tmp_path: Path) -> None:
    """``[tool.specgen.python] output = "sdk"``: the package lands in ``sdk/`` (relative to the
    config file), not ``<output>/python/``; ``check`` reads it there."""
    spec = REPO / "tests" / "cases" / "enums" / "spec.yaml"
    config = tmp_path / "project" / "pyproject.toml"
    config.parent.mkdir()
    config.write_text(f'[tool.specgen]\nspec = "{spec}"\noutput = "generated"\n\n'
                      '[tool.specgen.python]\noutput = "sdk"\npackage = "acme"\n',
                      encoding="utf-8")
    settings = load_settings(config, {})
    assert settings.folder("python") == tmp_path / "project" / "sdk"
    _, result = generate(settings)
    sdk = tmp_path / "project" / "sdk"
    assert (sdk / "pyproject.toml").is_file() and (sdk / "acme" / "__init__.py").is_file()
    assert (sdk / ".gitignore").is_file() and "sdk/pyproject.toml" in result.written
    assert not (tmp_path / "project" / "generated").exists()  # the cache lies by the manifest
    assert settings.cache == tmp_path / "project" / ".specgen-cache"
    assert check_drift(settings) == ([], "")
    (sdk / "README.md").write_text("edited\n", encoding="utf-8")
    stale, diff = check_drift(settings)
    assert stale == [f"{sdk.parent.as_posix()}/sdk/README.md"] and "edited" in diff


@pytest.mark.parametrize(("tables", "where"), [
    (('[tool.specgen.python]\noutput = "out"\n[tool.specgen.go]\noutput = "out"\n'
     'module = "example.com/a"\n'), ("7:1", "python/output")),
    ('[tool.specgen.python]\noutput = "out/go"\n', ("7:1", "python/output")),
    ('[tool.specgen.python]\noutput = "."\n', ("7:1", "python/output")),
])
def test_targets_writing_into_one_folder_is_an_error_at_its_key(
    tmp_path: Path, tables: str, where: tuple[str, str]
) -> None:
    """The later target of ``targets`` is blamed, at its ``output`` key."""
    text = f'[tool.specgen]\nspec = "api.yaml"\noutput = "out"\ntargets = ["go", "python"]\n\n{tables}'
    if "tool.specgen.go]" not in text:
        text += '[tool.specgen.go]\nmodule = "example.com/a"\n'
    with pytest.raises(SpecError) as info:
        _settings(tmp_path, text)
    line = render(info.value.diagnostics[0])
    assert f"pyproject.toml:{where[0]}: E001 #/tool/specgen/{where[1]}: " in line, line
