"""The Go target's output builds: for spec/credits.yaml and the small real-world documents of
``../shared/specs/real/`` (petstore, petstore-expanded, USPTO), the generated module (its own module
in a temporary folder, no ``require``), and for every feature case its committed golden module
(``tests/cases/<case>/expected/go/``, put back together with the shared runtime: the bytes the
golden test holds the generator to), passes ``go vet``, ``go build`` and ``gofmt -l`` (nothing
listed) with the pinned Go toolchain, offline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import toolchains
from go_support import generate_module, run
from golden_cases import CASE_NAMES, expected_files, go_module

REPO = Path(__file__).resolve().parents[2]
REAL = REPO.parent / "shared" / "specs" / "real"
SPECS = [REPO / "spec" / "credits.yaml",
         *(REAL / name for name in ("oai-petstore.yaml", "oai-petstore-expanded.yaml",
                                    "oai-uspto.yaml"))]


@pytest.fixture(scope="session")
def go() -> toolchains.GoToolchain:
    return toolchains.go()


def _builds_and_vets(folder: Path, module: str, go: toolchains.GoToolchain) -> None:
    assert (folder / "go.mod").read_text(encoding="utf-8") == (
        f"module {module}\n\ngo 1.22\n"), "no require, go 1.22"
    assert run(go, ["gofmt", "-l", "."], folder) == "", "gofmt would change the output"
    run(go, ["vet", "./..."], folder)
    run(go, ["build", "./..."], folder)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.stem)
def test_builds_and_vets(spec: Path, tmp_path: Path, go: toolchains.GoToolchain) -> None:
    name = re.sub(r"[^a-z0-9]", "", spec.stem.lower())
    module = f"example.com/specgen/{name}"
    _builds_and_vets(generate_module(spec, tmp_path / name, module), module, go)


def _golden_module(case: str, folder: Path) -> Path:
    """Write ``case``'s committed Go golden (with the shared runtime) into ``folder``."""
    files = {rel.removeprefix("go/"): text for rel, text in expected_files(case).items()
             if rel.startswith("go/")}
    assert "go.mod" in files, f"{case} has no Go golden; run tests/test_goldens.py --update-goldens"
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))
    return folder


@pytest.mark.parametrize("case", CASE_NAMES)
def test_golden_builds_and_vets(case: str, tmp_path: Path, go: toolchains.GoToolchain) -> None:
    _builds_and_vets(_golden_module(case, tmp_path), go_module(case), go)


_NAMED_NULLABLE = """package nullable30

import (
	"encoding/json"
	"testing"
)

func TestNamedNullable(t *testing.T) {
	for _, in := range []string{
		`{"id":"a","nickname":null,"closed_at":"2024-01-01"}`,
		`{"id":"a","nickname":null,"closed_at":null}`,
		`{"id":"a","nickname":"n"}`,
	} {
		var p Profile
		if err := json.Unmarshal([]byte(in), &p); err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		request := func() ([]byte, error) { return requestOf(p) }
		for _, encode := range []func() ([]byte, error){p.MarshalJSON, request} {
			if out, err := encode(); err != nil || string(out) != in {
				t.Errorf("%s came back as %s (%v)", in, out, err)
			}
		}
	}
	var c ClosedAt
	if err := json.Unmarshal([]byte(`"x"`), &c); err != nil || c.Value != "x" || c.Null {
		t.Errorf("ClosedAt: %+v %v", c, err)
	}
}
"""


def test_a_named_nullable_schema_decodes_and_encodes(tmp_path: Path,
                                                     go: toolchains.GoToolchain) -> None:
    """``type ClosedAt Nullable[string]`` (a schema of its own that is nullable) takes a value
    and null, and writes them back, as ``Nullable[string]`` does: a defined type has none of
    its methods, so the models lend them."""
    folder = _golden_module("nullable_30", tmp_path)
    (folder / "named_nullable_test.go").write_text(_NAMED_NULLABLE, encoding="utf-8")
    run(go, ["test", "-run", "TestNamedNullable", "."], folder)


def test_the_readme_example_runs(tmp_path: Path, go: toolchains.GoToolchain) -> None:
    """The committed module's README example, as a program of its own, builds and reports the
    problems of its payload."""
    module = REPO / "generated" / "go"
    path = re.search(r"^module (\S+)$", (module / "go.mod").read_text(), re.MULTILINE)
    example = re.search(r"```go\n(.*?)```", (module / "README.md").read_text(), re.DOTALL)
    assert path is not None and example is not None
    program = tmp_path / "example"
    program.mkdir()
    (program / "go.mod").write_text(
        f"module example.com/readme\n\ngo 1.22\n\nrequire {path[1]} v0.0.0\n\n"
        f"replace {path[1]} => {module}\n", encoding="utf-8")
    (program / "main.go").write_text(example[1], encoding="utf-8")
    output = run(go, ["run", "."], program)
    assert "is missing the required property" in output, output


_NAMED_SPEC = """openapi: 3.1.0
info: {title: Named, version: "1"}
paths: {}
components:
  schemas:
    BigID:
      type: [integer, string]
      format: int64
    Anything: {}
    Holder:
      type: object
      required: [id, any]
      properties:
        id: {$ref: "#/components/schemas/BigID"}
        any: {$ref: "#/components/schemas/Anything"}
"""

_NAMED_TEST = """package named

import (
\t"encoding/json"
\t"testing"
)

func TestNamedTypes(t *testing.T) {
\tvar h Holder
\tif err := json.Unmarshal([]byte(`{"id":"9007199254740993","any":{"a":[1,"x"]}}`), &h); err != nil {
\t\tt.Fatal(err)
\t}
\tif out, err := json.Marshal(h); err != nil || string(out) != `{"id":9007199254740993,"any":{"a":[1,"x"]}}` {
\t\tt.Errorf("came back as %s (%v)", out, err)
\t}
}
"""


def test_named_int64_and_any_schemas_decode_and_encode(tmp_path: Path,
                                                       go: toolchains.GoToolchain) -> None:
    """A schema of its own that is a ProtoJSON int64 (``type BigID Int64``) or any JSON
    (``type Anything json.RawMessage``) decodes and encodes as ``Int64`` and ``json.RawMessage``
    do (the methods a defined type loses are lent back)."""
    spec = tmp_path / "named.yaml"
    spec.write_text(_NAMED_SPEC, encoding="utf-8")
    folder = generate_module(spec, tmp_path / "named", "example.com/specgen/named")
    (folder / "named_test.go").write_text(_NAMED_TEST, encoding="utf-8")
    run(go, ["vet", "."], folder)
    run(go, ["test", "-run", "TestNamedTypes", "."], folder)
