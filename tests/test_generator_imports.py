"""The shape of ``generator/``'s imports: no import circle, and the layers the design guide draws.

Read statically with ``ast`` (nothing is imported): every ``import``/``from … import`` anywhere in a
module (top level, inside functions, under ``if TYPE_CHECKING``), relative or absolute. An edge goes
to the module named, or to the package when the name imported from it is not a submodule. A package
``__init__`` importing its children is no circle by itself; a child importing its parent package is
one when that parent imports the child (directly or through others).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from specgen_testing import REPO

GENERATOR = REPO / "generator"

# Breaches tolerated while issue 19 removed them; all are gone, and the lists stay empty: each
# test also fails when an entry here no longer exists, so they can only shrink. Never add to them.
KNOWN_CIRCLES: frozenset[frozenset[str]] = frozenset()
KNOWN_LAYER_BREACHES: frozenset[tuple[str, str]] = frozenset()
KNOWN_PIPELINE_LANGUAGES: frozenset[str] = frozenset()

NEUTRAL_LAYERS = ("generator.validation", "generator.analysis")
LANGUAGES = frozenset({"python", "typescript", "go"})


@dataclass(frozen=True, slots=True)
class Edge:
    """``source`` imports ``target`` at ``line`` of ``path``."""

    source: str
    target: str
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.source} -> {self.target} ({self.path}:{self.line})"


def _modules(root: Path = GENERATOR) -> dict[str, Path]:
    """Dotted module name -> file, for every ``.py`` under ``root`` (a package is its ``__init__``)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imported(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> Iterator[str]:
    """The dotted names an import statement may refer to, most specific first per alias."""
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    if node.level:
        package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
        base = package[: len(package) - (node.level - 1)]
        name = ".".join(base + ([node.module] if node.module else []))
    else:
        name = node.module or ""
    for alias in node.names:
        yield f"{name}.{alias.name}|{name}" if name else alias.name


def _edges(modules: dict[str, Path], root: Path = GENERATOR) -> list[Edge]:
    """Every import of one module of ``modules`` (under ``root``) by another."""
    edges = []
    for module, path in modules.items():
        shown = path.relative_to(root.parent).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                continue
            for names in _imported(module, path, node):
                target = next((n for n in names.split("|") if n in modules), None)
                if target is not None and target != module:
                    edges.append(Edge(module, target, shown, node.lineno))
    return sorted(set(edges), key=lambda e: (e.source, e.line, e.target))


def _graph(edges: list[Edge]) -> dict[str, dict[str, Edge]]:
    graph: dict[str, dict[str, Edge]] = {}
    for edge in edges:
        graph.setdefault(edge.source, {}).setdefault(edge.target, edge)
    return graph


def _circles(graph: dict[str, dict[str, Edge]]) -> list[frozenset[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[frozenset[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, {}))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = {stack.pop()}
                    while node not in component:
                        component.add(stack.pop())
                    if len(component) > 1:
                        found.append(frozenset(component))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                work.append((child, iter(sorted(graph.get(child, {})))))
            elif child in stack:
                low[node] = min(low[node], index[child])
    return sorted(found, key=sorted)


def _loop(graph: dict[str, dict[str, Edge]], circle: frozenset[str]) -> list[Edge]:
    """A shortest loop through the circle's first module, as the edges that make it."""
    start = min(circle)
    came: dict[str, Edge] = {}
    frontier = [start]
    while frontier:
        nxt = []
        for node in frontier:
            for target, edge in sorted(graph.get(node, {}).items()):
                if target == start:
                    path = [edge]
                    while path[0].source != start:
                        path.insert(0, came[path[0].source])
                    return path
                if target in circle and target not in came:
                    came[target] = edge
                    nxt.append(target)
        frontier = nxt
    raise AssertionError(f"no loop through {start}")  # a strongly connected set always has one


def _describe(graph: dict[str, dict[str, Edge]], circle: frozenset[str]) -> str:
    loop = _loop(graph, circle)
    names = " -> ".join([loop[0].source, *(e.target for e in loop)])
    where = "".join(f"\n    {e}" for e in loop)
    return f"import circle: {names}{where}"


def test_no_import_circle_under_generator() -> None:
    graph = _graph(_edges(_modules()))
    circles = _circles(graph)
    new = [_describe(graph, c) for c in circles if c not in KNOWN_CIRCLES]
    if new:
        pytest.fail("\n".join(new), pytrace=False)
    gone = sorted(sorted(c) for c in KNOWN_CIRCLES - set(circles))
    assert gone == [], f"no longer circles: remove them from KNOWN_CIRCLES: {gone}"


def test_the_circle_finder_names_the_loop(tmp_path: Path) -> None:
    """On a made-up package: a child importing its parent that imports it is a circle; a parent
    importing a child that does not import back is none; relative and absolute both count."""
    root = tmp_path / "pkg"
    (root / "sub").mkdir(parents=True)
    (root / "__init__.py").write_text("from .a import A\nfrom . import free\n")
    (root / "a.py").write_text("from pkg.sub import deep\nA = 1\n")
    (root / "free.py").write_text("import json\n")
    (root / "sub" / "__init__.py").write_text("")
    (root / "sub" / "deep.py").write_text("import json\n\n\ndef f():\n    from .. import A\n")
    graph = _graph(_edges(_modules(root), root))
    circles = _circles(graph)
    assert circles == [frozenset({"pkg", "pkg.a", "pkg.sub.deep"})]
    message = _describe(graph, circles[0])
    assert message.splitlines()[0] == "import circle: pkg -> pkg.a -> pkg.sub.deep -> pkg"
    assert "pkg/sub/deep.py:5" in message


def test_neutral_layers_import_no_target() -> None:
    """``validation/`` and ``analysis/`` hold what is true of the API for every language."""
    edges = _edges(_modules())
    assert any(e.source.startswith("generator.validation") for e in edges)  # the check has teeth
    breaches = {(e.source, e.target) for e in edges
                if e.source.startswith(NEUTRAL_LAYERS) and e.target.startswith("generator.targets")}
    new = sorted(str(e) for e in edges if (e.source, e.target) in breaches - KNOWN_LAYER_BREACHES)
    assert new == [], "a language-neutral layer imports a target:\n" + "\n".join(new)
    gone = sorted(KNOWN_LAYER_BREACHES - breaches)
    assert gone == [], f"fixed: remove them from KNOWN_LAYER_BREACHES: {gone}"


def _words(name: str) -> Iterator[str]:
    """``python_jobs`` -> python, jobs; ``goTarget`` -> go, target; ``targets.python`` -> …"""
    for part in re.split(r"[._]", name):
        yield from (w.lower() for w in re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", part))


def _identifiers(tree: ast.AST) -> Iterator[tuple[str, int]]:
    """Every name the code spells (not strings or docstrings), with its line."""
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        match node:
            case ast.Name(id=name) | ast.Attribute(attr=name) | ast.arg(arg=name) \
                    | ast.keyword(arg=str() as name) | ast.alias(name=name):
                yield name, line
            case ast.FunctionDef(name=name) | ast.AsyncFunctionDef(name=name) \
                    | ast.ClassDef(name=name):
                yield name, line
            case ast.ImportFrom(module=str() as name):
                yield name, line
        if isinstance(node, ast.alias) and node.asname:
            yield node.asname, line


def test_pipeline_names_no_language() -> None:
    """``pipeline.py`` loops over the configured targets; no language is spelled in its code."""
    path = GENERATOR / "pipeline.py"
    found = {(word, name, line) for name, line in _identifiers(ast.parse(path.read_text()))
             for word in _words(name) if word in LANGUAGES}
    spelled = {word for word, _, _ in found}
    new = sorted(f"pipeline.py:{line}: {name}" for word, name, line in found
                 if word not in KNOWN_PIPELINE_LANGUAGES)
    assert new == [], "generator/pipeline.py names a language:\n" + "\n".join(new)
    gone = sorted(KNOWN_PIPELINE_LANGUAGES - spelled)
    assert gone == [], f"no longer named: remove them from KNOWN_PIPELINE_LANGUAGES: {gone}"


@pytest.mark.parametrize(("name", "words"), [
    ("python_jobs", ["python", "jobs"]), ("GoTarget", ["go", "target"]),
    ("targets.typescript", ["targets", "typescript"]), ("goal", ["goal"]), ("TSConfig", ["ts", "config"]),
])
def test_words_of_an_identifier(name: str, words: list[str]) -> None:
    assert list(_words(name)) == words
