"""Golden error lists of the generated credits validator for hand-written invalid payloads.

Each ``credits_errors/<name>.json`` payload sits next to ``<name>.errors.json``, the complete list
``validate_credits_request`` returns. ``pytest --update-goldens`` rewrites the expected lists.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

import generated

CASES = Path(__file__).parent / "credits_errors"
PAYLOADS = sorted(p for p in CASES.glob("*.json") if not p.name.endswith(".errors.json"))


@pytest.fixture(scope="module")
def module() -> Any:
    return generated.credits_module()


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: p.stem)
def test_error_list(module: Any, payload: Path, update_goldens: bool) -> None:
    value = json.loads(payload.read_text(encoding="utf-8"))
    errors = [dataclasses.asdict(e) for e in module.validate_credits_request(value)]
    assert errors, "a golden payload must be invalid"
    assert module.is_valid_credits_request(value) is False
    golden = payload.with_suffix(".errors.json")
    text = json.dumps(errors, indent=2, ensure_ascii=False) + "\n"
    if update_goldens:
        golden.write_text(text, encoding="utf-8")
    assert json.loads(golden.read_text(encoding="utf-8")) == errors


def _codes(module: Any, value: Any) -> set[tuple[str, str]]:
    return {(e.instance_path, e.code) for e in module.validate_credits_request(value)}


def test_api_error_codes(module: Any) -> None:
    width = {"width": 500, "height": 512, "prompts": [{"text": "a cat"}]}
    stage = {"type": "DIFFUSION", "diffusion": width}
    assert ("/stages/0/diffusion/width", "invalid_height_or_width") in _codes(
        module, {"stages": [stage]}
    )
    count = {"type": "INPUT_INITIALIZE", "inputInitialize": {"count": 9}}
    assert _codes(module, {"stages": [count]}) == {
        ("/stages/0/inputInitialize/count", "invalid_samples")
    }


def test_int64_rule_judges_a_decimal_string_by_its_integer(module: Any) -> None:
    def stage(height: Any) -> dict[str, Any]:
        diffusion = {"width": 512, "height": height, "prompts": [{"text": "a cat"}]}
        return {"stages": [{"type": "DIFFUSION", "diffusion": diffusion}]}

    at = "/stages/0/diffusion/height"
    assert _codes(module, stage(720)) == {(at, "invalid_height_or_width")}
    assert _codes(module, stage("720")) == {(at, "invalid_height_or_width")}
    assert _codes(module, stage("768")) == set() == _codes(module, stage("0768"))
    assert _codes(module, stage("-0")) == {(at, "minimum")}
    # beyond int64: a format problem in both forms (the string denotes no int64 to judge)
    assert _codes(module, stage("99999999999999999999")) == {(at, "format")}
    assert (at, "format") in _codes(module, stage(99999999999999999999))
    assert _codes(module, stage("9223372036854775808")) == {(at, "format")}
    assert (at, "format") not in _codes(module, stage("9223372036854775807"))
