"""The TypeScript target's own rules: npm package names (placed errors from the settings
machinery), the regex dialect (ECMA-262 with the ``u`` flag; what it refuses is an ``E403`` at
the pattern), the parse-back that stops broken output, and property names quoted in messages as
Python's ``repr`` quotes them (the TypeScript validators against the Python ones, on names with
quotes, backslashes, control, non-ASCII, unprintable and astral characters)."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from specgen_testing import REPO
from typescript_support import compile_packages, generate_package

from generator import produce
from generator.diagnostics import SpecError, render
from generator.format import FormatFailure
from generator.settings import Settings, load_settings
from generator.targets import target
from generator.targets.typescript.capabilities import u_mode_problem
from generator.targets.typescript.parse_back import check_typescript, formatting
from generator.targets.typescript.target import npm_name_problem


@pytest.mark.parametrize("name", ["tams-credits", "@tensor-art/tams.credits", "a", "x_y~z"])
def test_npm_names_that_npm_accepts(name: str) -> None:
    assert npm_name_problem(name) is None


@pytest.mark.parametrize("name", ["Tams", ".hidden", "_private", "a b", "@scope", "@s/", "a/b",
                                  "node_modules", "caf\u00e9", "x" * 215, "@Scope/a", "a!"])
def test_npm_names_that_npm_refuses(name: str) -> None:
    assert npm_name_problem(name) is not None


def test_a_bad_npm_name_is_placed_at_its_line_and_column(tmp_path: Path) -> None:
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.specgen]\ntargets = ["typescript"]\n\n[tool.specgen.typescript]\n'
                      'package = "My SDK"\n', encoding="utf-8")
    with pytest.raises(SpecError) as info:
        load_settings(config, {})
    assert render(info.value.diagnostics[0]).startswith(
        f"{config}:5:1: E001 #/tool/specgen/typescript/package: package 'My SDK' is not a "
        "valid npm package name")


def test_the_scope_is_not_part_of_the_folder(tmp_path: Path) -> None:
    settings = Settings(spec=REPO / "spec" / "credits.yaml", output=tmp_path,
                        targets=("typescript",), options={"typescript": {"package": "@t/sdk"}})
    files = produce(settings).files
    assert "typescript/sdk/package.json" in files
    assert json.loads(files["typescript/sdk/package.json"])["name"] == "@t/sdk"


@pytest.mark.parametrize(("pattern", "honoured"), [
    ("^[a-z0-9-]+$", True), (r"\p{Lu}\d{2,}", True), (r"[\-\]]", True), (r"(a)\1", True),
    (r"(?<year>\d{4})-\k<year>", True), (r"\u{1F600}", True), (r"^\$[0-9]+(\.[0-9]{2})?$", True),
    (r"\-", False), (r"\a", False), ("a{", False), ("a}", False), ("]", False), (r"\1", False),
    ("(?i)abc", False), ("[abc", False), ("abc\\", False),
])
def test_the_u_flag_dialect(pattern: str, honoured: bool) -> None:
    assert (u_mode_problem(pattern) is None) is honoured
    assert target("typescript").capabilities.regex.honours(pattern) is honoured


def test_a_pattern_it_cannot_honour_stops_the_run_at_its_pointer(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    Code:\n      type: string\n      pattern: 'a\\-b'\n", encoding="utf-8")
    python = Settings(spec=spec, output=tmp_path / "o", targets=("python",))
    assert produce(python).files  # Python reads the escape (Annex B) as '-'
    with pytest.raises(SpecError) as info:
        produce(Settings(spec=spec, output=tmp_path / "o", targets=("typescript",)))
    found = [render(d) for d in info.value.diagnostics]
    assert any("E403" in d and "#/components/schemas/Code/pattern" in d for d in found), found


@pytest.mark.parametrize("source", [
    "const a = [1, 2;", "function f() { return (1; }", 'const s = "abc;\n', "const t = `a${b`;",
    "/* never closed", "const r = /ab[/;\n", "}", "const x = { a: [1] ];",
])
def test_parse_back_refuses_broken_typescript(source: str) -> None:
    with pytest.raises(ValueError):
        check_typescript(source)
    with formatting() as stage, pytest.raises(FormatFailure):
        stage.add("typescript/p/src/x.ts", [source])


def test_parse_back_accepts_what_the_target_writes(tmp_path: Path) -> None:
    folder = generate_package(REPO / "spec" / "credits.yaml", tmp_path, "tams-credits")
    for path in (folder / "src").glob("*.ts"):
        check_typescript(path.read_text(encoding="utf-8"))
    check_typescript("const t = `a ${`b ${c}`} ${{ d: 1 }.d}`; const r = x / 2 / y;\n"
                     "const s = /[/]\\//g.test('a'); // a 'comment\n")


NAMES = ["it's", 'say "hi"', "both ' and \"", "back\\slash", "tab\there", "nl\nx", "\x00\x1f\x7f",
         "caf\u00e9", "\u00a0nbsp", "\u00ad", "\u2028", "\u200b", "\U0001f600", "\ud800",
         "\U000e0001", "\u0378", "\ufeff", "~/", "__proto__", "toString"]


def test_property_names_are_quoted_as_python_repr_quotes_them(tmp_path: Path) -> None:
    """``Strict`` (``additionalProperties: false``): an unexpected key is named in the message;
    the TypeScript and Python validators print the same bytes."""
    spec = REPO / "tests" / "conformance" / "specs" / "features31.yaml"
    folder = generate_package(spec, tmp_path, "repr-check")
    built = compile_packages([folder], tmp_path / "build", emit=True)
    assert built.returncode == 0, built.stdout + built.stderr
    payloads = [json.dumps({name: 1}) for name in NAMES]
    script = tmp_path / "run.mjs"
    module = tmp_path / "build" / "dist" / "typescript" / "repr-check" / "src" / "index.js"
    script.write_text(
        f"import {{ validateStrict }} from {json.dumps(str(module))};\n"
        f"const out = {json.dumps(payloads)}.map((t) => validateStrict(JSON.parse(t))"
        ".map((p) => [p.instancePath, p.message]));\n"
        "process.stdout.write(JSON.stringify(out));\n", encoding="utf-8")
    node = shutil.which("node")
    assert node is not None
    done = subprocess.run([node, str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    python = Settings(spec=spec, output=tmp_path, package="repr_check", targets=("python",))
    for rel, text in produce(python).files.items():
        (tmp_path / "py" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "py" / rel).write_text(text, encoding="utf-8")
    sys.path.insert(0, str(tmp_path / "py" / "python"))
    try:
        validators = importlib.import_module("repr_check.validators")
    finally:
        sys.path.remove(str(tmp_path / "py" / "python"))
    expected = [[[e.instance_path, e.message] for e in validators.validate_strict(json.loads(t))]
                for t in payloads]
    assert any("\\x00" in m for problems in expected for _, m in problems)
    assert found == expected


CLASHES = """
openapi: 3.1.0
info: {title: Clash, version: "1"}
paths:
  /a: {get: {operationId: listModels, tags: [Models], responses: {'204': {description: x}}}}
  /c: {get: {operationId: c, tags: [todo items], responses: {'204': {description: x}}}}
  /d: {get: {operationId: d, tags: [Todo-Items], responses: {'204': {description: x}}}}
  /e: {get: {operationId: e, tags: [list models], responses: {'204': {description: x}}}}
  /g: {get: {operationId: g, tags: [baseUrl], responses: {'204': {description: x}}}}
  /h:
    post:
      operationId: importModels
      tags: [Models]
      requestBody:
        required: true
        content: {application/xml: {schema: {type: string}}}
      responses: {'204': {description: x}}
"""


def test_renamed_groups_and_bodies_sent_as_given_are_reported(tmp_path: Path) -> None:
    """W502 at the first tag of each group whose ``Client`` member was taken (another tag's
    group in camelCase, an operation's method, a member of every client), with the name the
    generated ``Client`` uses; W601 at a request body the client does not encode."""
    spec = tmp_path / "clash.yaml"
    spec.write_text(CLASHES, encoding="utf-8")
    done = produce(Settings(spec=spec, output=Path("u"), targets=("typescript",)))
    found = [(w.code, w.location.pointer, w.message) for w in done.warnings
             if w.code in ("W502", "W601")]
    taken = "is taken (a client member, an operation's method, a keyword, or another tag's group)"
    assert found == [
        ("W502", "/paths/~1d/get/tags/0",
         f"the TypeScript group of tag 'Todo-Items' is 'todoItems2': 'todoItems' {taken}"),
        ("W502", "/paths/~1e/get/tags/0",
         f"the TypeScript group of tag 'list models' is 'listModels2': 'listModels' {taken}"),
        ("W502", "/paths/~1g/get/tags/0",
         f"the TypeScript group of tag 'baseUrl' is 'baseUrl2': 'baseUrl' {taken}"),
        ("W601", "/paths/~1h/post/requestBody/content/application~1xml",
         ("importModels: the TypeScript client does not encode application/xml bodies; it "
          "sends the bytes or text the caller gives, with that Content-Type")),
    ]
    client = str(done.files["typescript/clash/src/client.ts"])
    for member in ("readonly models = {", "readonly todoItems = {", "readonly todoItems2 = {",
                   "readonly listModels2 = {", "readonly baseUrl2 = {"):
        assert member in client
