"""Lines of Python in a generated package, per part, and the models' lines per construct.

Run: ``.venv/bin/python bench/lines.py <package folder> [--constructs]`` on a package generated
in ruff mode (which gives black's bytes), e.g. ``specgen generate <spec> --target python -o
/tmp/out --formatter ruff`` then ``bench/lines.py /tmp/out/python/<package>``. Parts: the
``models/`` package, ``validators.py``, ``client.py`` and the rest (package ``__init__``,
runtime files). Constructs (``--constructs``): each line of a ``models/`` module is counted to the
top-level statement, class member or method it belongs to (blank lines apart); the
issue 23 §2 tables of docs/benchmarks.md come from here.
"""

from __future__ import annotations

import argparse
import ast
from collections import Counter
from pathlib import Path

_METHODS = {"from_dict": "from_dict", "_fill": "from_dict", "to_dict": "to_dict", "_wire": "to_dict"}


def parts(root: Path) -> Counter[str]:
    """Lines of each part of the package at ``root``."""
    counts: Counter[str] = Counter()
    for path in root.rglob("*.py"):
        lines = path.read_text(encoding="utf-8").count("\n")
        if "models" in path.relative_to(root).parts:
            counts["models"] += lines
        elif path.name in ("validators.py", "client.py"):
            counts[path.stem] += lines
        else:
            counts["rest"] += lines
    return counts


def _member(owner: list[str], node: ast.stmt, first: bool) -> None:
    """Count the lines of class member ``node`` (``first``: the class's first statement)."""
    what = "class member"
    if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
        what = "class docstring" if first else "field docstring"
    elif isinstance(node, ast.AnnAssign):
        extras = isinstance(node.target, ast.Name) and node.target.id == "additional_properties"
        what = "extras field" if extras else "field"
    elif isinstance(node, ast.Assign):
        what = "class data (_schema, _wire_names, _shapes)"
    elif isinstance(node, ast.FunctionDef):
        what = _METHODS.get(node.name, node.name)
    _mark(owner, node, what)


def _mark(owner: list[str], node: ast.stmt, what: str) -> None:
    start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    assert node.end_lineno is not None
    for line in range(start, node.end_lineno + 1):
        owner[line] = what


def constructs(root: Path) -> Counter[str]:
    """Lines of the ``models/`` modules of the package at ``root``, per construct."""
    counts: Counter[str] = Counter()
    for path in root.rglob("models/*.py"):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        owner = ["header"] * (len(lines) + 1)
        for node in ast.parse(source).body:
            if isinstance(node, ast.ClassDef) and any("Enum" in ast.unparse(b) for b in node.bases):
                _mark(owner, node, "enum")
            elif isinstance(node, ast.ClassDef):
                _mark(owner, node, "class line and decorator")
                for i, member in enumerate(node.body):
                    _member(owner, member, i == 0)
            else:
                kind = {ast.Import: "imports", ast.ImportFrom: "imports", ast.If: "imports",
                        ast.AnnAssign: "alias (or the index's table)",
                        ast.Assign: "__all__ (or the index's lookup)",
                        ast.FunctionDef: "decoding function"}
                _mark(owner, node, kind.get(type(node), "other module statement"))
        for number, text in enumerate(lines, start=1):
            counts["blank" if not text.strip() else owner[number]] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", type=Path)
    parser.add_argument("--constructs", action="store_true")
    args = parser.parse_args()
    counts = parts(args.package)
    print(", ".join(f"{k} {v:,}" for k, v in counts.most_common()),
          f"total {sum(counts.values()):,}")
    if args.constructs:
        for what, lines in constructs(args.package).most_common():
            print(f"  {what:<45}{lines:>10,}")


if __name__ == "__main__":
    main()
