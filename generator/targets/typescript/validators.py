"""The validators module ``src/validators.ts``: a validation model -> TypeScript source.

For each schema ``X`` it exports ``isValidX(value): boolean`` (stops at the first problem) and
``validateX(value): ValidationProblem[]`` (every problem). The runtime helpers they share are
the template's (``templates/typescript/validators.ts.jinja``); everything else is computed here.
"""

from __future__ import annotations

import re
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
           "formatUuid", "has", "integerText", "isIntegerIn", "isInteger", "isNumber", "isObject",
           "jsonEqual", "jsonIn", "multipleOfDecimal", "multipleOfInteger", "pyRepr", "site",
           "unique")
"""What ``runtime.ts`` offers the compiled functions (each module imports what it uses)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidatorsView:
    header: Code
    imports: Code
    constants: tuple[Code, ...]
    functions: tuple[Code, ...]
    roots: tuple[Code, ...]


def validators_job(model: ValidationModel, names: dict[str, str], header: Code) -> RenderJob:
    """The job of ``src/validators.ts``; ``names``: definition key -> its type name."""
    em = Emitter(model)
    functions: list[str] = []
    for d in model.definitions:
        functions.append(_function(em, em.def_names[d.name], d.schema, d.name))
        while pending := em.pending():
            functions += [_function(em, name, node, str(node.location)) for name, node in pending]
    roots = [_root(names[r.name], em.def_names[r.target]) for r in model.roots if r.name in names]
    text = "\n".join((*em.constants, *functions))  # searched once per name, not per function
    used = [n for n in RUNTIME if re.search(rf"\b{n}\(|[(,] ?{n}[,)]", text)]
    imports = ['import type { ValidationProblem } from "./runtime.js";']
    if used:
        imports.append(_import(used))
    view = ValidatorsView(header=header, imports=Code("\n".join(imports)), constants=tuple(Code(c) for c in em.constants),
                          functions=tuple(Code(f) for f in functions),
                          roots=tuple(Code(r) for r in roots))
    return RenderJob(path="src/validators.ts", template="typescript/validators.ts.jinja",
                     context={"v": view})


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


def _root(type_name: str, function: str) -> str:
    return "\n".join([
        *doc(f"Whether `value` (decoded JSON) is a valid `{type_name}`; stops at the first "
             "problem."),
        f"export function isValid{type_name}(value: unknown): boolean {{",
        f"  return {function}(value, \"\", null);",
        "}",
        "",
        *doc(f"Every problem of `value` (decoded JSON) as a `{type_name}`: empty when it is "
             "valid."),
        f"export function validate{type_name}(value: unknown): ValidationProblem[] {{",
        "  const e: ValidationProblem[] = [];",
        f"  {function}(value, \"\", e);",
        "  return e;",
        "}",
    ])
