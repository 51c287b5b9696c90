"""The Go target's pure helpers and its edges: the ECMA-262 -> RE2 translation (and its
refusals), Go literals, the module-path check placed at ``file:line:col`` by the settings
machinery, a missing module path or gofmt as a clear error (never a traceback), byte
determinism; and, run in Go, that translated patterns match what the Python target's do and
that names are quoted as Python's ``repr`` quotes them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import toolchains
from go_support import generate_module, run

from generator import produce
from generator.diagnostics import SpecError, render
from generator.settings import Settings, load_settings
from generator.targets.go.literals import go_string, pascal
from generator.targets.go.modpath import module_problem, package_of
from generator.targets.go.re2 import UnsupportedRegex, translate
from generator.targets.python.ecma_regex import translate as python_translate

REPO = Path(__file__).resolve().parents[2]
CREDITS = REPO / "spec" / "credits.yaml"

# pattern -> strings that tell a faithful translation from an unfaithful one
PATTERNS = {
    "^-?[0-9]+$": ["12", "-3", "1a", "12\n", ""],
    "^a.c$": ["abc", "a\nc", "a\rc", "a\u2028c", "a\u00e9c", "a😀c"],
    "\\s": ["\u00a0", "\u000b", "\ufeff", "\u2003", "x", "\u0085"],
    "^\\S+$": ["ab", "a b", "a\u00a0b"],
    "^\\w+$": ["abc_1", "é", "ab-c"],
    "^\\d{2,3}$": ["12", "123", "1234", "١٢"],
    "\\bcat\\b": ["a cat!", "concat", "écat"],
    "^[^]$": ["x", "\n", "😀"],
    "[\\u00e9-\\u00ff]": ["é", "e", "ÿ"],
    "^(?<y>[0-9]{4})-\\k<y>$": [],
    "^[a-z]+$": ["abc", "ABC", "ab1"],
    "^\\$\\{[a-z]+\\}$": ["${ab}", "${}", "$ab"],
    "x$": ["x", "x\n"],
}
REFUSED = ["(?=a)", "(?!a)", "(?<=a)b", "(?<!a)b", "(a)\\1", "\\p{L}", "a{1001}", "a**",
           "\\cA", "a{", "\\k<n>", "\\u{110000}", "\\ud800"]


@pytest.mark.parametrize("pattern", REFUSED)
def test_refused_patterns_say_why(pattern: str) -> None:
    with pytest.raises(UnsupportedRegex):
        translate(pattern)


def test_translations_keep_ecma_meaning() -> None:
    assert translate("^-?[0-9]+$") == "^-?[0-9]+$"
    assert translate("a.b") == "a[^\\n\\r\\x{2028}\\x{2029}]b"
    assert translate("[^]") == "[\\x00-\\x{10FFFF}]"
    assert translate("[]") == "[^\\x00-\\x{10FFFF}]"
    assert translate("(?<n>x)") == "(?P<n>x)"
    assert translate("\\u00e9") == "\\x{e9}"
    assert translate("[[]") == "[\\[]"
    assert translate("[\\b]") == "[\\x08]"
    assert translate("\\s").startswith("[\\t\\n\\v\\f\\r \\x{a0}")


def test_literals_and_names() -> None:
    assert go_string('a"b\\c\n\t\u00e9\u2028\x00') == '"a\\"b\\\\c\\n\\t\u00e9\\u2028\\x00"'
    assert pascal("credits_request") == "CreditsRequest"
    assert pascal("INPUT_INITIALIZE") == "InputInitialize"
    assert pascal("imageResourceId") == "ImageResourceID"
    assert pascal("3d") == "Value3d"
    with pytest.raises(ValueError):
        go_string("\ud800")


@pytest.mark.parametrize(("path", "fragment"), [
    ("example.com/tams/credits", None),
    ("example.com/tams/credits/v2", None),
    ("github.com/Org/Repo", None),
    ("Example.com/x", "first element must be a domain"),
    ("tams", "first element must be a domain"),
    ("example.com//x", "empty path element"),
    ("example.com/x/", "empty path element"),
    ("example.com/a b", "character other than"),
    ("example.com/.x", "starts or ends with '.'"),
    ("example.com/x/v1", "major version suffix"),
    ("example.com/con", "reserved file name"),
    ("-example.com/x", "first element must be a domain"),
])
def test_module_paths_are_checked_like_go(path: str, fragment: str | None) -> None:
    found = module_problem(path)
    assert (found is None) if fragment is None else (fragment in (found or "")), found


def test_package_names_follow_the_module() -> None:
    assert package_of("example.com/tams-credits/v2") == "tamscredits"
    assert package_of("example.com/x/type") == "type_"
    assert package_of("example.com/9lives") == "api9lives"


def _config(tmp_path: Path, table: str) -> Path:
    config = tmp_path / "pyproject.toml"
    config.write_text(f'[tool.specgen]\nspec = "{CREDITS}"\ntargets = ["go"]\n\n'
                      f"[tool.specgen.go]\n{table}", encoding="utf-8")
    return config


def test_a_bad_module_path_is_placed_in_the_config(tmp_path: Path) -> None:
    config = _config(tmp_path, 'module = "Example.com/credits"\n')
    with pytest.raises(SpecError) as info:
        load_settings(config, {})
    assert render(info.value.diagnostics[0]).startswith(
        f"{config}:6:1: E001 #/tool/specgen/go/module: module 'Example.com/credits': ")


def test_a_bad_package_name_is_placed_in_the_config(tmp_path: Path) -> None:
    config = _config(tmp_path, 'module = "example.com/c"\npackage = "Credits"\n')
    with pytest.raises(SpecError) as info:
        load_settings(config, {})
    assert render(info.value.diagnostics[0]).startswith(f"{config}:7:1: E001 ")


def test_no_module_path_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    config = _config(tmp_path, "")
    done = subprocess.run([sys.executable, "-m", "generator", "generate", "--config", str(config)],
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)},
                          capture_output=True, text=True, check=False)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert "E501" in done.stderr and "[tool.specgen.go] module" in done.stderr, done.stderr


def test_without_gofmt_the_error_says_what_to_install(tmp_path: Path) -> None:
    config = _config(tmp_path, 'module = "example.com/c"\n')
    python_bin = str(Path(sys.executable).parent)
    done = subprocess.run([sys.executable, "-m", "generator", "generate", "--config", str(config)],
                          cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO),
                                             "PATH": python_bin},
                          capture_output=True, text=True, check=False)
    assert done.returncode != 0 and "Traceback" not in done.stderr, done.stderr
    assert "gofmt, which is not on PATH: install Go" in done.stderr, done.stderr


def test_same_input_same_bytes() -> None:
    settings = Settings(spec=CREDITS, output=Path("unused"), targets=("go",),
                        options={"go": {"module": "example.com/c"}})
    assert produce(settings).files == produce(settings).files


_PROBE = """package {package}

import (
\t"encoding/json"
\t"os"
\t"regexp"
\t"testing"
)

func TestProbe(t *testing.T) {{
\tvar in struct {{
\t\tPatterns map[string][]string
\t\tNames    []string
\t}}
\tdata, _ := os.ReadFile(os.Getenv("PROBE_IN"))
\tif err := json.Unmarshal(data, &in); err != nil {{
\t\tt.Fatal(err)
\t}}
\tout := map[string]any{{}}
\tmatches := map[string][]bool{{}}
\tfor pattern, texts := range in.Patterns {{
\t\tre := regexp.MustCompile(pattern)
\t\tfor _, text := range texts {{
\t\t\tmatches[pattern] = append(matches[pattern], re.MatchString(text))
\t\t}}
\t}}
\tvar names []string
\tfor _, name := range in.Names {{
\t\tnames = append(names, pyRepr(name))
\t}}
\tout["matches"], out["names"] = matches, names
\ttext, _ := json.Marshal(out)
\tif err := os.WriteFile(os.Getenv("PROBE_OUT"), text, 0o644); err != nil {{
\t\tt.Fatal(err)
\t}}
}}
"""
NAMES = ["x", "it's", 'say "hi"', "both ' and \"", "tab\there", "back\\slash", "é", "\u00a0",
         "\x7f", "\x1b", "\u200b", "😀", "\u2028", "line\nbreak", "\x85", "\U000e0001"]


def test_go_agrees_with_python_on_patterns_and_quoted_names(tmp_path: Path) -> None:
    """Every translated pattern matches in Go's regexp exactly where the Python target's
    translation matches in ``re``; ``pyRepr`` quotes each name as ``repr`` does."""
    go = toolchains.go()
    module = generate_module(CREDITS, tmp_path / "credits", "example.com/probe/credits")
    package = re.search(r"^package (\w+)", (module / "validation.go").read_text(), re.MULTILINE)
    assert package is not None
    (module / "probe_test.go").write_text(_PROBE.format(package=package[1]), encoding="utf-8")
    usable = {p: texts for p, texts in PATTERNS.items() if texts}
    (tmp_path / "in.json").write_text(json.dumps({
        "Patterns": {translate(p): texts for p, texts in usable.items()}, "Names": NAMES}))
    env = {**go.env, "PROBE_IN": str(tmp_path / "in.json"), "PROBE_OUT": str(tmp_path / "o.json")}
    run(toolchains.GoToolchain(go=go.go, gofmt=go.gofmt, env=env),
        ["test", "-count=1", "-run", "TestProbe", "."], module)
    out = json.loads((tmp_path / "o.json").read_text())
    for pattern, texts in usable.items():
        expected = [re.search(python_translate(pattern), t) is not None for t in texts]
        assert out["matches"][translate(pattern)] == expected, (pattern, texts)
    assert out["names"] == [repr(n) for n in NAMES]


def test_type_name_collisions_are_resolved_and_reported() -> None:
    """``Pet``, ``pet`` and ``PET`` get ``Pet``, ``Pet2``, ``Pet3``, each rename a warning at the
    schema's place; the same input gives the same names."""
    settings = Settings(spec=REPO / "tests" / "cases" / "names" / "spec.yaml", output=Path("u"),
                        targets=("go",), options={"go": {"module": "example.com/names"}})
    done = produce(settings)
    renamed = [(w.location.pointer, w.message.split(": ")[0].rsplit(" ", 1)[-1])
               for w in done.warnings if w.code == "W503"]
    assert renamed == [("/components/schemas/pet", "Pet2"), ("/components/schemas/PET", "Pet3")]
    models = done.files["go/models.go"]
    assert all(f"\ntype {n} struct" in models for n in ("Pet", "Pet2", "Pet3")), "one type each"


RUNTIME_NAMES = """openapi: 3.1.0
info: {title: Runtime names, version: "1"}
paths: {}
components:
  schemas:
    Problem: {type: object, properties: {title: {type: string}}}
    Null: {type: string, enum: [a]}
    FieldError: {type: object, properties: {field: {type: string}}}
    Of: {type: integer}
"""


def test_schemas_named_like_the_runtime_are_renamed_and_build(tmp_path: Path) -> None:
    """``Problem``, ``Null``, ``FieldError`` and ``Of`` are the runtime's: the schemas of those
    names get ``Problem2``... (each a W503) and the module still builds and vets."""
    spec = tmp_path / "runtime_names.yaml"
    spec.write_text(RUNTIME_NAMES, encoding="utf-8")
    settings = Settings(spec=spec, output=Path("u"), targets=("go",),
                        options={"go": {"module": "example.com/rn"}})
    given = sorted(w.message.split(": ")[0].rsplit(" ", 1)[-1]
                   for w in produce(settings).warnings if w.code == "W503")
    assert given == ["FieldError2", "Null2", "Of2", "Problem2"]
    go = toolchains.go()
    module = generate_module(spec, tmp_path / "rn", "example.com/rn")
    run(go, ["vet", "./..."], module)


CLIENT_NAMES = """openapi: 3.1.0
info: {title: Client names, version: "1"}
paths:
  /things:
    get:
      operationId: listThings
      tags: [listThings]
      parameters:
        - {name: type, in: query, schema: {type: string}}
        - {name: string, in: query, schema: {type: string}}
      responses:
        '200':
          description: a stream
          content:
            application/x-ndjson:
              schema: {$ref: '#/components/schemas/Client'}
    post:
      operationId: listThingsWithResponse
      tags: [BaseURL]
      requestBody:
        content:
          application/x-ndjson:
            schema: {type: string}
      responses:
        '204': {description: done}
  /things/{type}/{ctx}:
    get:
      operationId: get thing
      tags: [client]
      parameters:
        - {name: type, in: path, required: true, schema: {type: string}}
        - {name: ctx, in: path, required: true, schema: {type: integer}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Response'}
components:
  schemas:
    Client: {type: object, properties: {id: {type: string}}}
    Response: {type: object, properties: {id: {type: string}}}
    ListThingsParams: {type: string, enum: [a]}
"""


def test_client_names_collide_deterministically_and_build(tmp_path: Path) -> None:
    """Schemas named like the client's surface (``Client``, ``Response``, ``ListThingsParams``),
    an operation named like another's ``WithResponse`` twin, tags named like a method or
    ``BaseURL``, and Go keywords or the ``ctx`` argument as parameter names: each renamed (a
    W503, or W502 for a group, where the contract's surface is renamed; W601 for a body sent
    as given), and the module builds and vets."""
    spec = tmp_path / "client_names.yaml"
    spec.write_text(CLIENT_NAMES, encoding="utf-8")
    settings = Settings(spec=spec, output=Path("u"), targets=("go",),
                        options={"go": {"module": "example.com/cn"}})
    done = produce(settings)
    warnings = sorted((w.code, w.message) for w in done.warnings
                      if w.code in ("W503", "W502", "W601"))
    taken = "(a keyword, a name the package needs, or another name of the spec in Go's casing)"
    assert warnings == sorted([
        ("W502", ("Go field BaseURL of Client (tag 'BaseURL') is taken; the group is "
         "Client.BaseURL2")),
        ("W502", ("Go field ListThings of Client (tag 'listThings') is taken; the group is "
         "Client.ListThings2")),
        ("W503", ("the Go method of Client for 'listThingsWithResponse' is "
                  f"ListThingsWithResponse2: ListThingsWithResponse is taken {taken}")),
        ("W503", f"the Go type of this schema is Client2: Client is taken {taken}"),
        ("W503", f"the Go type of this schema is Response2: Response is taken {taken}"),
        ("W601", ("the Go client cannot encode application/x-ndjson request bodies: "
         "listThingsWithResponse sends the bytes the caller gives, as they are")),
    ])  # the ndjson response of listThings is a Stream: no warning
    client = str(done.files["go/client.go"])
    assert "func (c *Client) GetThing(ctx context.Context, type2 string, ctx2 int64) " \
           "(*Response2, error)" in client
    assert "type ListThingsParams2 struct" in client  # the schema ListThingsParams came first
    assert "ListThings2 *ListThings2Service" in client and "Client *ClientService" in client
    assert "params *ListThingsParams2) (*Stream[Client2], error)" in client
    module = generate_module(spec, tmp_path / "cn", "example.com/cn")
    go = toolchains.go()
    run(go, ["vet", "./..."], module)
    run(go, ["build", "./..."], module)
