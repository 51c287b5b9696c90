"""The validators module ``src/validators.ts``: a validation model -> TypeScript source.

For each schema ``X`` it exports ``isValidX(value): boolean`` (stops at the first problem) and
``validateX(value): ValidationProblem[]`` (every problem). The runtime helpers they share are
the template's (``templates/typescript/validators.ts.jinja``); everything else is computed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ...analysis.graph import components, on_cycles
from ...code import Code
from ...render import RenderJob
from ...validation.model import SchemaNode, ValidationModel
from .literals import doc
from .validator_blocks import block
from .validator_emit import Emitter, indent

__all__ = ["validators_job"]


RUNTIME = ("DEEP", "alwaysFalse", "alwaysTrue", "asInteger", "at", "checkDeep", "codePoints",
           "collectDeep", "contains", "decimal", "deeper", "escape", "formatByte", "formatDate", "formatDateTime", "formatEmail", "formatUri",
           "formatUuid", "has", "isDigits", "integerText", "isIntegerIn", "isIntegerText",
           "isInteger", "isNumber", "isObject", "jsonEqual", "jsonIn", "multipleOfDecimal",
           "multipleOfInteger", "pyRepr", "site", "tagged", "taggedUnion", "unique")
"""What ``runtime.ts`` offers the compiled functions (each module imports what it uses)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidatorsView:
    header: Code
    imports: Code
    constants: tuple[Code, ...]
    functions: tuple[Code, ...]
    roots: tuple[Code, ...]


def validators_job(model: ValidationModel, names: dict[str, str], header: Code,
                   parameters: Mapping[str, str] | None = None) -> RenderJob:
    """The job of ``src/validators.ts``; ``names``: root -> the name its functions end in (a
    definition's type name); ``parameters``: root -> the parameter it checks, for the roots
    that are a parameter's own schema (their functions' docs name the parameter)."""
    about = parameters or {}
    em = Emitter(model)
    bodies: list[tuple[str, str, list[str]]] = []
    for d in model.definitions:
        bodies.append(_body(em, em.def_names[d.name], d.schema, d.name))
        while pending := em.pending():
            bodies += [_body(em, name, node, str(node.location)) for name, node in pending]
    cyclic, deep = _recursive(em.calls, [name for name, _, _ in bodies])
    functions = [_function(name, where, body, deep, name in cyclic) for name, where, body in bodies]
    roots = [_root(names[r.name], em.def_names[r.target], about.get(r.name),
                   em.def_names[r.target] in deep)
             for r in model.roots if r.name in names]
    used = _called_or_passed(RUNTIME, (*em.constants, *functions, *roots))
    if "deeper" in used:
        used.insert(0, "DEEP")  # compared with, never called
    imports = ['import type { ValidationProblem } from "./runtime.js";']
    if used:
        imports.append(_import(used))
    view = ValidatorsView(header=header, imports=Code("\n".join(imports)), constants=tuple(Code(c) for c in em.constants),
                          functions=tuple(Code(f) for f in functions),
                          roots=tuple(Code(r) for r in roots))
    return RenderJob(path="src/validators.ts", template="typescript/validators.ts.jinja",
                     context={"v": view})


def _called_or_passed(names: Iterable[str], code: Iterable[str]) -> list[str]:
    """The ``names`` that ``code`` calls (``name(``) or passes (``(name,``, ``, name)``), in
    their order: one scan of the code for all of them."""
    text = "\n".join(code)
    found = set(re.findall(r"\b(\w+)\(", text))
    found.update(re.findall(r"(?:(?<=[(,])|(?<=[(,] ))(\w+)[,)]", text))
    return [n for n in names if n in found]


def _import(names: list[str]) -> str:
    """``import { a, b } from "./runtime.js";``, wrapped at 100 columns."""
    line = f"import {{ {', '.join(names)} }} from \"./runtime.js\";"
    if len(line) <= 100:
        return line
    rows: list[str] = []
    for name in names:
        if rows and len(rows[-1]) + len(name) + 2 <= 98:
            rows[-1] += f" {name},"
        else:
            rows.append(f"  {name},")
    return "\n".join(["import {", *rows, "} from \"./runtime.js\";"])


def _body(em: Emitter, name: str, node: SchemaNode, where: str) -> tuple[str, str, list[str]]:
    """The function ``name`` checking ``node``: its name, where, statements (calls marked)."""
    em.current = name
    return name, where, block(em, node, "v0", "p0", 0)


def _recursive(calls: Mapping[str, set[str]], names: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The functions on a cycle of calls, and every function that reaches one (these take
    ``d``, how many calls deep they run)."""
    known = set(names)  # the runtime's alwaysTrue and alwaysFalse are not among them
    graph = {n: {c for c in calls.get(n, ()) if c in known} for n in names}
    parts = components(graph)
    cyclic = on_cycles(graph, parts)
    deep = set(cyclic)
    for part in parts:  # what a part calls comes before it
        if any(c in deep for n in part for c in graph[n]):
            deep.update(part)
    return cyclic, frozenset(deep)


_MARK = re.compile("\0([\\w,]+)\0")


def _function(name: str, where: str, body: list[str], deep: frozenset[str], cyclic: bool) -> str:
    """``function name(v0, p0, e[, d]): boolean`` (see :mod:`.validator_emit`): a function that
    can recurse takes ``d`` and passes ``d + 1``; one on a cycle hands a value deeper than
    ``DEEP`` calls to the runtime's work list."""
    takes = name in deep
    depth = ", d: number" if takes else ""
    head = f"function {name}(v0: unknown, p0: string, e: ValidationProblem[] | null{depth}): boolean {{"
    guard = [f"if (d > DEEP) return deeper({name}, v0, p0, e);"] if cyclic else []
    lines = [*doc(where), head]
    if body:
        lines += indent([*guard, "let ok = true;", *body, "return ok;"])
    else:
        lines += ["  return true;"]
    text = "\n".join([*lines, "}"])
    return _MARK.sub(lambda m: ", d + 1" if any(c in deep for c in m[1].split(",")) else "", text)


def _root(type_name: str, function: str, parameter: str | None, deep: bool) -> str:
    """``isValidX`` and ``validateX``; ``parameter``: the parameter whose schema ``X`` is;
    ``deep``: ``function`` can recurse (the runtime's ``checkDeep``/``collectDeep`` run it)."""
    what = f"`{type_name}`" if parameter is None else f"value of {parameter}"
    if deep:
        return "\n".join([
            *doc(f"Whether `value` (decoded JSON) is a valid {what}; stops at the first problem."),
            f"export function isValid{type_name}(value: unknown): boolean {{",
            f"  return checkDeep({function}, value);",
            "}",
            "",
            *doc(f"Every problem of `value` (decoded JSON) as a {what}: empty when it is valid."),
            f"export function validate{type_name}(value: unknown): ValidationProblem[] {{",
            f"  return collectDeep({function}, value);",
            "}",
        ])
    return "\n".join([
        *doc(f"Whether `value` (decoded JSON) is a valid {what}; stops at the first problem."),
        f"export function isValid{type_name}(value: unknown): boolean {{",
        f"  return {function}(value, \"\", null);",
        "}",
        "",
        *doc(f"Every problem of `value` (decoded JSON) as a {what}: empty when it is valid."),
        f"export function validate{type_name}(value: unknown): ValidationProblem[] {{",
        "  const e: ValidationProblem[] = [];",
        f"  {function}(value, \"\", e);",
        "  return e;",
        "}",
    ])
