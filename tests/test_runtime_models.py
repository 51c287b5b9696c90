"""Import the generated package and round-trip real payloads through its models."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from specgen_testing import FIXTURES, REPO

REQUESTS = sorted((FIXTURES / "requests").glob("*.json"))


def _int64_normalised(data: Any, key: str | None = None) -> Any:
    """ProtoJSON int64 strings become numbers once decoded (documented in the README)."""
    if isinstance(data, dict):
        return {k: _int64_normalised(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_int64_normalised(v, key) for v in data]
    if isinstance(data, str) and key in _INT64_FIELDS and data.lstrip("-").isdigit():
        return int(data)
    return data


def _int64_fields() -> set[str]:
    spec = yaml.safe_load((REPO / "spec" / "credits.yaml").read_text(encoding="utf-8"))
    found = set()
    for schema in spec["components"]["schemas"].values():
        for name, prop in (schema.get("properties") or {}).items():
            if prop.get("format") == "int64" and isinstance(prop.get("type"), list):
                found.add(name)
    return found


_INT64_FIELDS = _int64_fields()


@pytest.mark.parametrize("path", REQUESTS, ids=[p.stem for p in REQUESTS])
def test_request_fixtures_round_trip(generated_package: Path, path: Path) -> None:
    from tams_credits import CreditsRequest

    data = json.loads(path.read_text(encoding="utf-8"))
    original = copy.deepcopy(data)
    model = CreditsRequest.from_dict(data)
    assert data == original, "from_dict must not mutate its input"
    assert model.to_dict() == _int64_normalised(data)
    assert CreditsRequest.from_dict(model.to_dict()) == model


def test_spec_examples_round_trip(generated_package: Path) -> None:
    import tams_credits

    spec = yaml.safe_load((REPO / "spec" / "credits.yaml").read_text(encoding="utf-8"))
    op = spec["paths"]["/v1/jobs/credits"]["post"]
    examples = op["requestBody"]["content"]["application/json"]["examples"]
    assert examples
    for example in examples.values():
        value = example["value"]
        model = tams_credits.CreditsRequest.from_dict(value)
        assert model.to_dict() == _int64_normalised(value)
    for name, schema in spec["components"]["schemas"].items():
        cls = getattr(tams_credits, name)
        for value in schema.get("examples", []) + ([schema["example"]] if "example" in schema else []):
            if isinstance(value, dict) and hasattr(cls, "from_dict"):
                assert cls.from_dict(value).to_dict() == _int64_normalised(value), name


def test_int64_accepts_number_or_string(generated_package: Path) -> None:
    from tams_credits import InputInitializeInput

    assert InputInitializeInput.from_dict({"seed": "-1"}).seed == -1
    assert InputInitializeInput.from_dict({"seed": 4294967295}).seed == 4294967295


def test_unknown_fields_are_kept(generated_package: Path) -> None:
    from tams_credits import CreditsRequest

    data = {"stages": [{"type": "DIFFUSION", "futureField": {"x": 1}}], "requestId": "abc"}
    model = CreditsRequest.from_dict(data)
    assert model.additional_properties == {"requestId": "abc"}
    assert model.stages[0].additional_properties == {"futureField": {"x": 1}}
    assert model.to_dict() == data


def test_unknown_enum_values_do_not_crash(generated_package: Path) -> None:
    from tams_credits import Stage, StageType

    assert Stage.from_dict({"type": "DIFFUSION"}).type_ is StageType.DIFFUSION
    future = Stage.from_dict({"type": "VIDEO_DIFFUSION"})
    assert future.type_ == "VIDEO_DIFFUSION"
    assert future.to_dict() == {"type": "VIDEO_DIFFUSION"}


def test_optional_fields_are_omitted_not_null(generated_package: Path) -> None:
    from tams_credits import DiffusionInput, Prompt

    model = DiffusionInput(width=512, height=512, prompts=[Prompt(text="a cat")])
    assert model.to_dict() == {"width": 512, "height": 512, "prompts": [{"text": "a cat"}]}


def test_response_zero_credits_may_be_absent(generated_package: Path) -> None:
    from tams_credits import CreditsResponse

    assert CreditsResponse.from_dict({}).credits is None
    assert CreditsResponse.from_dict({"credits": 4.8}).credits == 4.8


def _invalid_request() -> Any:
    from tams_credits import CreditsRequest, DiffusionInput, InputInitializeInput, Prompt, Stage

    diffusion = DiffusionInput(width=500, height=720, prompts=[Prompt(text="cat")], steps=5)
    return CreditsRequest(stages=[
        Stage(type_="DIFFUSION", diffusion=diffusion),
        Stage(type_="INPUT_INITIALIZE", input_initialize=InputInitializeInput(count=9)),
    ])


def test_models_validate_with_the_api_error_codes(generated_package: Path) -> None:
    request = _invalid_request()
    found = {(e.instance_path, e.keyword, e.code) for e in request.validate()}
    assert found == {
        ("/stages/0/diffusion/width", "minimum", "minimum"),
        ("/stages/0/diffusion/width", "multipleOf", "invalid_height_or_width"),
        ("/stages/0/diffusion/height", "multipleOf", "invalid_height_or_width"),
        ("/stages/0/diffusion/steps", "minimum", "minimum"),
        ("/stages/1/inputInitialize/count", "maximum", "invalid_samples"),
    }
    assert not request.is_valid()
    for path in REQUESTS:
        from tams_credits import CreditsRequest

        model = CreditsRequest.from_dict(json.loads(path.read_text(encoding="utf-8")))
        assert model.validate() == [] and model.is_valid(), path.name


def test_client_refuses_to_send_an_invalid_request(generated_package: Path) -> None:
    import httpx
    from tams_credits import Client, RequestValidationError

    sent: list[httpx.Request] = []
    transport = httpx.MockTransport(lambda r: sent.append(r) or httpx.Response(200, json={}))
    client = Client(token="t", http_client=httpx.Client(transport=transport))
    with pytest.raises(RequestValidationError) as info:
        client.calc_credits_job(_invalid_request())
    assert sent == []
    assert "invalid_samples" in str(info.value) and "invalid_height_or_width" in str(info.value)
    assert client.calc_credits_job(_invalid_request(), validate=False).credits is None
    assert len(sent) == 1
