"""Helpers: import generated validator modules, and the `jsonschema` oracle configured like them."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from specgen_testing import integer_format, with_int64_rule

from generator.diagnostics import Location
from generator.load.loader import load
from generator.targets.python.capabilities import CAPABILITIES
from generator.targets.python.validators import validators_source
from generator.validation import build_validation

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "credits.yaml"
CREDITS_REQUEST = "/components/schemas/CreditsRequest"


def import_source(source: str, name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    sys.modules[name] = module
    exec(  # noqa: S102 - running the code we just generated is the point
        compile(source, f"{name}.py", "exec"), module.__dict__
    )
    return module


def credits_module() -> types.ModuleType:
    document = load(SPEC)
    roots = [("credits_request", Location(file=SPEC.name, pointer=CREDITS_REQUEST))]
    openapi = document.files[SPEC.name]["openapi"]
    model = build_validation(document, openapi, roots, capabilities=CAPABILITIES)
    return import_source(validators_source(model), "credits_validators")


def credits_schema() -> dict[str, Any]:
    spec = load(SPEC).files[SPEC.name]
    return {"$ref": "#" + CREDITS_REQUEST, "components": spec["components"]}


def oracle(schema: Any) -> Any:
    """``jsonschema`` with the format semantics specgen documents (int32/int64 asserted) and
    the int64 rule (a decimal string of a ProtoJSON int64 is judged by its integer)."""
    checker = FormatChecker(formats=())
    checker.checks("int32")(integer_format(32))
    checker.checks("int64")(integer_format(64))
    return with_int64_rule(Draft202012Validator)(schema, format_checker=checker)
