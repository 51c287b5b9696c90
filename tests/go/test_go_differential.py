"""Go and Python report the same problems beyond the shared vectors: every validate vector's
payload is mutated (a key dropped or added, a number turned into text, a huge or fractional
number, an empty or overlong string, an emptied or repeated array...), the Python target's
validators give the expected problems of each mutant, and the Go runner of the conformance
suite (``test_go_conformance.run_suite``) must report exactly those, with ``IsValid`` agreeing.
"""

from __future__ import annotations

import copy
import dataclasses
import importlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from test_go_conformance import SUITE, run_suite

from generator import produce
from generator.settings import Settings
from generator.targets.python.names import snake
from generator.write import text_of

REPO = Path(__file__).resolve().parents[2]
PER_VECTOR = 12


def _mutants(value: Any) -> Iterator[Any]:
    """Small deterministic changes of a JSON value, at every depth (parents first)."""
    match value:
        case dict():
            for key in list(value)[:4]:
                yield {k: v for k, v in value.items() if k != key}
            yield {**value, "zz~extra/key": True}
            for key, item in list(value.items())[:6]:
                for changed in _mutants(item):
                    yield {**value, key: changed}
        case list():
            yield []
            if value:
                yield [*value, copy.deepcopy(value[0])]
                for changed in _mutants(value[0]):
                    yield [changed, *value[1:]]
        case bool() | None:
            yield "true" if value else 0
        case int() | float():
            yield from (str(value), -1, 1.5, 2**64, 63.99999999999999, 1e300)
        case str():
            yield from ("", 12, "x" * 300, "-9223372036854775809", "2024-02-30")


def _validators(spec: str, folder: Path) -> Any:
    name = "diff_" + Path(spec).stem
    settings = Settings(spec=REPO / spec, output=Path("unused"), package=name,
                        cache=folder / "cache")
    for rel, content in produce(settings).files.items():
        path = folder / name / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text_of(content), encoding="utf-8")
    root = next(p.parent.parent for p in (folder / name).rglob(f"{name}/__init__.py"))
    sys.path.insert(0, str(root))
    return importlib.import_module(f"{name}.validators")


def test_go_agrees_with_python_on_mutated_payloads(tmp_path: Path) -> None:
    suite = tmp_path / "suite"
    (suite / "vectors").mkdir(parents=True)
    (suite / "exclusions.json").write_text(json.dumps({"go": {}}))
    modules: dict[str, Any] = {}
    total = 0
    for path in sorted((SUITE / "vectors").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        spec = data["spec"]
        if spec not in modules:
            modules[spec] = _validators(spec, tmp_path / "python")
        out = []
        for v in data["vectors"]:
            if v["kind"] != "validate":
                continue
            seen = set()
            for mutant in _mutants(json.loads(v["payload"])):
                try:
                    text = json.dumps(mutant, allow_nan=False)
                except ValueError:  # a payload holding 1e400 reads as inf: not JSON again
                    continue
                if text in seen or len(seen) >= PER_VECTOR:
                    continue
                seen.add(text)
                problems = [dataclasses.asdict(e)
                            for e in getattr(modules[spec], f"validate_{snake(v['schema'])}")(
                                json.loads(text))]
                out.append({"id": f"{path.stem}/{v['id'].split('/', 1)[1]}-m{len(seen)}",
                            "kind": "validate", "schema": v["schema"], "payload": text,
                            "problems": problems})
        total += len(out)
        if out:
            (suite / "vectors" / path.name).write_text(json.dumps({"spec": spec, "vectors": out}))
    assert total > 2000
    print(run_suite(suite, tmp_path / "go"))

