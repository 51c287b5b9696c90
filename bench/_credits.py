"""Shared setup of the validator benchmarks: the credits request schema, payloads, and compilers."""

from __future__ import annotations

import copy
import json
import sys
import types
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.diagnostics import Location
from generator.load.loader import load
from generator.targets.python.capabilities import CAPABILITIES
from generator.targets.python.validators import validators_source
from generator.validation import build_validation

SPEC = ROOT / "spec" / "credits.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "requests"
POINTER = "/components/schemas/CreditsRequest"


def specgen_module() -> types.ModuleType:
    """Generate the validators of CreditsRequest and import them."""
    document = load(SPEC)
    roots = [("credits_request", Location(file=SPEC.name, pointer=POINTER))]
    openapi = document.files[SPEC.name]["openapi"]
    model = build_validation(document, openapi, roots, capabilities=CAPABILITIES)
    module = types.ModuleType("credits_validators")
    sys.modules[module.__name__] = module
    exec(  # noqa: S102 - running the code we just generated is the point
        compile(validators_source(model), "credits_validators.py", "exec"),
        module.__dict__,
    )
    return module


def json_schema() -> dict[str, Any]:
    """CreditsRequest as one JSON Schema document for the reference libraries (2020-12)."""
    spec = load(SPEC).files[SPEC.name]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$ref": "#" + POINTER,
        "components": {"schemas": spec["components"]["schemas"]},
    }


def _fixture(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def payloads() -> dict[str, Any]:
    """small / typical (~2 KB) / large (~20 KB) requests, valid and invalid."""
    small = _fixture("minimal.json")
    typical = _fixture("int64-as-strings.json")
    typical["stages"] += _fixture("video-diffusion.json")["stages"]
    every = _fixture("all-stage-types.json")["stages"]
    large = {"stages": [copy.deepcopy(stage) for stage in every * 4]}
    out = {"small": small, "typical": typical, "large": large}
    for name, valid in list(out.items()):
        out[f"{name}-invalid"] = _break(valid)
    return out


def _break(payload: Any) -> Any:
    """Three problems: width not a multiple of 64, a bad stage type, count out of range."""
    bad = copy.deepcopy(payload)
    stages = bad["stages"]
    for stage in stages:
        if "diffusion" in stage:
            stage["diffusion"]["width"] = 500
            break
    stages[0]["type"] = "NOT_A_STAGE"
    stages.append({"type": "INPUT_INITIALIZE", "inputInitialize": {"count": 9}})
    return bad


def size(payload: Any) -> int:
    return len(json.dumps(payload))
