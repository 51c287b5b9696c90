"""Validations per second on credits requests: specgen vs fastjsonschema, jsonschema, jsonschema-rs
and pydantic v2, in one run. Run: ``.venv/bin/python bench/validators.py``.

Valid input: each library's yes/no path (specgen ``is_valid_*``, fastjsonschema's compiled
function, ``is_valid``, ``model_validate``). Invalid input: each library's "all errors" path where
it has one (specgen ``validate_*``, ``iter_errors``, pydantic's error list); fastjsonschema stops
at the first error, so its invalid column measures less work.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import _credits
import _pydantic_models
import fastjsonschema
import jsonschema
import jsonschema_rs
import pydantic


def _seconds_per_call(fn: Callable[[], object]) -> float:
    loops = 1
    while True:
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        elapsed = time.perf_counter() - start
        if elapsed > 0.05:
            break
        loops *= 4
    best = elapsed / loops
    for _ in range(4):
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        best = min(best, (time.perf_counter() - start) / loops)
    return best


def _libraries() -> dict[str, Callable[[Any, bool], Callable[[], object]]]:
    ours = _credits.specgen_module()
    schema = _credits.json_schema()
    fast = fastjsonschema.compile(schema)
    reference = jsonschema.Draft202012Validator(schema)
    rust = jsonschema_rs.validator_for(schema)
    model = _pydantic_models.credits_request_model(schema["components"]["schemas"])

    def fast_call(data: Any) -> object:
        try:
            return fast(data)
        except fastjsonschema.JsonSchemaValueException as exc:
            return exc

    def pydantic_call(data: Any) -> object:
        try:
            return model.model_validate(data)
        except pydantic.ValidationError as exc:
            return exc.errors()

    return {
        "specgen": lambda d, ok: (
            (lambda: ours.is_valid_credits_request(d))
            if ok
            else (lambda: ours.validate_credits_request(d))
        ),
        "fastjsonschema": lambda d, ok: lambda: fast_call(d),
        "jsonschema": lambda d, ok: (
            (lambda: reference.is_valid(d)) if ok else (lambda: list(reference.iter_errors(d)))
        ),
        "jsonschema-rs": lambda d, ok: (
            (lambda: rust.is_valid(d)) if ok else (lambda: list(rust.iter_errors(d)))
        ),
        "pydantic": lambda d, ok: lambda: pydantic_call(d),
    }


def main() -> None:
    libraries = _libraries()
    names = list(libraries)
    header = f"{'payload':<16}{'bytes':>7}" + "".join(f"{n + ' µs':>18}" for n in names)
    print(header + "   ratios (other / specgen)")
    for label, data in _credits.payloads().items():
        valid = not label.endswith("invalid")
        times = {n: _seconds_per_call(make(data, valid)) * 1e6 for n, make in libraries.items()}
        ours = times["specgen"]
        row = f"{label:<16}{_credits.size(data):>7}" + "".join(f"{times[n]:>18.2f}" for n in names)
        ratios = "  ".join(f"{n} {times[n] / ours:.1f}x" for n in names[1:])
        print(f"{row}   {ratios}")


if __name__ == "__main__":
    main()
