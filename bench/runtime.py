"""Speed of the generated models against what users would otherwise reach for, in one run.

Run: ``.venv/bin/python bench/runtime.py`` (needs ``.[bench]`` plus ``msgspec``). On the credits
requests of ``_credits.payloads()`` (small, typical ~2 KB, large ~20 KB): the generated package's
``CreditsRequest.from_dict`` / ``to_dict`` (``generated/python/tams_credits``) against pydantic v2
``model_validate`` / ``model_dump(by_alias=True, exclude_none=True)`` and msgspec ``convert`` /
``to_builtins`` on equivalent models built from the same schema. Then the import time of the
generated package (median of fresh interpreters, ``python -X importtime``), with pydantic's and
msgspec's own import time as reference points.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
from typing import Any

import _credits
import _msgspec_models
import _pydantic_models
import msgspec
from validators import _seconds_per_call

sys.path.insert(0, str(_credits.ROOT / "generated" / "python"))

from tams_credits import CreditsRequest

GOALS = "goals: to_dict >= 2x faster than pydantic, <= 1.3x msgspec; from_dict faster than pydantic"


def _functions() -> dict[str, tuple[Any, Any]]:
    """name -> (decode(data) -> object, encode(object) -> data)."""
    schemas = _credits.json_schema()["components"]["schemas"]
    model = _pydantic_models.credits_request_model(schemas)
    struct = _msgspec_models.credits_request_struct(schemas)
    return {
        "specgen": (CreditsRequest.from_dict, CreditsRequest.to_dict),
        "pydantic": (model.model_validate,
                     lambda m: m.model_dump(by_alias=True, exclude_none=True)),
        "msgspec": (lambda d: msgspec.convert(d, struct), msgspec.to_builtins),
    }


def _check(functions: dict[str, tuple[Any, Any]], data: Any) -> None:
    """Every library must round-trip the payload to the same JSON data (or the race is unfair)."""
    for name, (decode, encode) in functions.items():
        back = encode(decode(data))
        if _ints(back) != _ints(data):
            print(f"note: {name} does not round-trip this payload exactly (drops unknown fields)")


def _ints(value: Any) -> Any:
    """ProtoJSON int64 strings as numbers: specgen decodes ``"123"`` to ``123`` on purpose."""
    if isinstance(value, dict):
        return {k: _ints(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_ints(v) for v in value]
    return int(value) if isinstance(value, str) and value.lstrip("-").isdigit() else value


def decode_encode() -> None:
    functions = _functions()
    names = list(functions)
    print(f"{'payload':<10}{'bytes':>7}  " + "".join(f"{n + ' µs':>14}" for n in names)
          + "   ratios (other / specgen)")
    for label, data in _credits.payloads().items():
        if label.endswith("invalid"):
            continue
        _check(functions, data)
        for op in ("from_dict", "to_dict"):
            times = {}
            for name, (decode, encode) in functions.items():
                if op == "from_dict":
                    times[name] = _seconds_per_call(lambda d=decode, x=data: d(x)) * 1e6
                else:
                    obj = decode(data)
                    times[name] = _seconds_per_call(lambda e=encode, o=obj: e(o)) * 1e6
            row = "".join(f"{times[n]:>14.2f}" for n in names)
            ratios = "  ".join(f"{n} {times[n] / times['specgen']:.2f}x" for n in names[1:])
            print(f"{label + ' ' + op[:-5]:<17}{_credits.size(data):>7}{row}   {ratios}")
    print(GOALS)


def _import_us(module: str, runs: int = 11) -> float:
    """Median cumulative import time of ``module`` in fresh interpreters (µs)."""
    env_path = str(_credits.ROOT / "generated" / "python")
    samples = []
    for _ in range(runs):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True, text=True, check=True, env={"PYTHONPATH": env_path},
        ).stderr
        last = [ln for ln in err.splitlines() if re.search(rf"\|\s*{module}$", ln)][-1]
        samples.append(int(last.split("|")[1]))
    return statistics.median(samples)


def import_times() -> None:
    print("\nimport time (median of 11 fresh interpreters, cumulative, -X importtime)")
    for module in ("tams_credits", "tams_credits.models", "pydantic", "msgspec"):
        print(f"  {module:<22}{_import_us(module) / 1000:>8.1f} ms")


if __name__ == "__main__":
    decode_encode()
    import_times()
