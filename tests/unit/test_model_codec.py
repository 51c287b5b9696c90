"""The ``from_dict``/``to_dict`` the runtime writes for a model (``_runtime._Model``, from the
class's fields, ``_wire_names`` and ``_shapes``) are the methods the generator writes into a
class that keeps its own: compared as syntax trees on every golden case, with the codec off
(every class written) against on (every class it can serve left to the runtime).

The one difference allowed: the runtime forwards ``request`` to every nested ``to_dict`` and
``_to_wire``, where a written method forwards it only to values that may hold a ``readOnly``
property (a ``to_dict`` of one that holds none ignores it), so calls are compared with
``request`` forwarded.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime
import importlib
import sys
from pathlib import Path
from typing import Any

import pytest
from golden_cases import CASE_NAMES, CASES, package

from generator.pipeline import produce
from generator.settings import Settings
from generator.targets.python import models

_ALL_DEEP = ("recursion",)  # every class of the case lies on a reference cycle


class _Forwarded(ast.NodeTransformer):
    """Calls of ``to_dict`` and ``_to_wire`` with ``request`` as their last positional
    argument; annotations and docstrings dropped (prose and types, not behaviour)."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
            node.func, "id", "")
        if name in ("to_dict", "_to_wire") and len(node.args) < 2 - (name == "to_dict"):
            node.keywords = []
            node.args.append(ast.Name(id="request", ctx=ast.Load()))
        elif name in ("to_dict", "_to_wire"):
            node.keywords = []
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        node.decorator_list, node.returns = [], None
        for arg in node.args.args:
            arg.annotation = None
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]
        node.body = [self.visit(statement) for statement in body]
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        assert node.value is not None
        return ast.Assign(targets=[node.target], value=self.visit(node.value), lineno=0)


def _tree(functions: list[ast.FunctionDef]) -> str:
    return "\n".join(ast.unparse(_Forwarded().visit(f)) for f in functions)


def _written(source: str) -> dict[str, list[ast.FunctionDef]]:
    """Each class of a module -> its written ``from_dict`` and ``to_dict``."""
    out = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.ClassDef):
            out[node.name] = [f for f in node.body if isinstance(f, ast.FunctionDef)
                              and f.name in ("from_dict", "to_dict")]
    return out


def _load(root: Path, name: str) -> Any:
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]
    sys.path.insert(0, str(root))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(root))


@pytest.mark.parametrize("case", CASE_NAMES)
def test_runtime_writes_the_methods_the_generator_writes(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(spec=CASES / case / "spec.yaml", package=package(case), formatter="ruff")
    shaped = produce(settings, store=False).files
    monkeypatch.setattr(models, "_shaped", lambda *_: None)
    written = produce(settings, store=False).files
    for rel, text in shaped.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    root = package(case)
    runtime = _load(tmp_path / "python", root)._runtime
    served = 0
    for rel in sorted(r for r in shaped if f"/{root}/models/" in r and "__init__" not in r):
        module = importlib.import_module(f"{root}.models.{Path(rel).stem}")
        for name, methods in _written(written[rel]).items():
            cls = getattr(module, name)
            if not methods:  # an enum
                continue
            if "from_dict" in vars(cls):  # the class writes its own in both trees
                assert _tree(methods) == _tree(_written(shaped[rel])[name])
                continue
            source = ast.parse(runtime._codec_source(cls)).body
            assert _tree(methods) == _tree([f for f in source if isinstance(f, ast.FunctionDef)]), name
            served += 1
    assert served or case in _ALL_DEEP, "no class served by the runtime"


def test_a_subclass_inherits_the_methods_of_its_model(tmp_path: Path) -> None:
    """As with written methods: a user's subclass decodes and encodes its model's fields (the
    runtime writes them onto the generated class, whichever class asks first)."""
    settings = Settings(spec=CASES / "allof" / "spec.yaml", package="sub_api")
    for rel, text in produce(settings, store=False).files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    models = _load(tmp_path / "python", "sub_api").models

    @dataclasses.dataclass(kw_only=True, slots=True)
    class Mine(models.Entity):  # type: ignore[misc,name-defined]
        note: str = ""

    mine = Mine.from_dict({"id": "a", "createdAt": "2024-01-02T03:04:05Z", "x": 1})
    assert type(mine) is Mine
    assert mine.created_at == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    assert mine.to_dict() == {"x": 1, "id": "a", "createdAt": "2024-01-02T03:04:05Z"}
    assert "from_dict" in vars(models.Entity) and "from_dict" not in vars(Mine)
