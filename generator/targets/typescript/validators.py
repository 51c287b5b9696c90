"""The validators module ``src/validators.ts``: a validation model -> TypeScript source.

For each schema ``X`` it exports ``isValidX(value): boolean`` (stops at the first problem) and
``validateX(value): ValidationProblem[]`` (every problem). The runtime helpers they share are
the template's (``templates/typescript/validators.ts.jinja``); everything else is computed here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ...code import Code
from ...render import RenderJob
from ...validation.model import SchemaNode, ValidationModel
from .literals import doc
from .validator_blocks import block
from .validator_emit import Emitter, indent

__all__ = ["validators_job"]


RUNTIME = ("alwaysFalse", "alwaysTrue", "asInteger", "at", "codePoints", "contains", "decimal",
           "escape", "formatByte", "formatDate", "formatDateTime", "formatEmail", "formatUri",
           "formatUuid", "has", "isDigits", "integerText", "isIntegerIn", "isIntegerText",
           "isInteger", "isNumber", "isObject", "jsonEqual", "jsonIn", "multipleOfDecimal",
           "multipleOfInteger", "pyRepr", "site", "unique")
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
    functions: list[str] = []
    for d in model.definitions:
        functions.append(_function(em, em.def_names[d.name], d.schema, d.name))
        while pending := em.pending():
            functions += [_function(em, name, node, str(node.location)) for name, node in pending]
    roots = [_root(names[r.name], em.def_names[r.target], about.get(r.name))
             for r in model.roots if r.name in names]
    used = _called_or_passed(RUNTIME, (*em.constants, *functions))
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


def _function(em: Emitter, name: str, node: SchemaNode, where: str) -> str:
    """``function name(v0, p0, e): boolean`` checking ``node`` (see :mod:`.validator_emit`)."""
    body = block(em, node, "v0", "p0", 0)
    head = f"function {name}(v0: unknown, p0: string, e: ValidationProblem[] | null): boolean {{"
    lines = [*doc(where), head]
    if body:
        lines += indent(["let ok = true;", *body, "return ok;"])
    else:
        lines += ["  return true;"]
    return "\n".join([*lines, "}"])


def _root(type_name: str, function: str, parameter: str | None) -> str:
    """``isValidX`` and ``validateX``; ``parameter``: the parameter whose schema ``X`` is."""
    what = f"`{type_name}`" if parameter is None else f"value of {parameter}"
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
