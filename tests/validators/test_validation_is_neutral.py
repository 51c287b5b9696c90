"""``generator/validation/`` is language-neutral: it imports nothing from ``generator/targets/``.

A target hands the build stage its capabilities; it is never imported by it.
"""

from __future__ import annotations

import ast
from pathlib import Path

VALIDATION = Path(__file__).resolve().parents[2] / "generator" / "validation"


def _imported(source: str) -> list[str]:
    """Every module a module of ``generator.validation`` imports (at any depth), dotted."""
    package = ["generator", "validation"]
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            names += [module] + [f"{module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return names


def test_validation_imports_no_target() -> None:
    modules = sorted(VALIDATION.glob("*.py"))
    assert len(modules) > 10
    found = {
        f"{path.name}: {name}"
        for path in modules
        for name in _imported(path.read_text(encoding="utf-8"))
        if name.startswith("generator.targets")
    }
    assert found == set()


def test_the_check_sees_an_import_of_a_target_anywhere() -> None:
    """Not vacuous: a relative import inside a function (as ``compile_schema_source`` had)."""
    source = "def f():\n    from ..targets.python.validators import validators_source\n"
    assert "generator.targets.python.validators" in _imported(source)
    assert "generator.targets" in _imported("import generator.targets\n")
