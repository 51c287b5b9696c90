"""Speed of the generated code against what users would otherwise reach for, in one run.

Run: ``.venv/bin/python bench/runtime.py [--only credits,github,client,imports]`` (needs
``.[bench]`` plus ``msgspec``). Sections:

- ``credits``: the credits requests of ``_credits.payloads()`` (small, typical ~2 KB, large
  ~13 KB): the generated ``CreditsRequest.from_dict`` / ``to_dict`` against pydantic v2
  ``model_validate`` / ``model_dump(by_alias=True, exclude_none=True)``, msgspec ``convert`` /
  ``to_builtins`` (models built from the same schema) and a hand-written ``to_dict``
  (``_handwritten.py``).
- ``github``: large real payloads (``_github.py``): GitHub's own examples of a pull request and a
  repository (~23 KB each), through models generated from GitHub's description and pydantic /
  msgspec models built from the same schemas.
- ``client``: client overhead per call: the credits call through the generated ``Client`` against
  the same request through a plain ``httpx.Client``, both to a canned server on 127.0.0.1
  (``_loopback.py``).
- ``imports``: import time of the generated package (median of fresh interpreters,
  ``python -X importtime``), with pydantic's and msgspec's as reference points.

Times are medians of interleaved batches (every library measured in each round, so a change of
load on a shared machine hits all of them alike); ratios come from the same run.
``--package-dir`` points at another generated tree (to measure an older commit's output).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import _credits

GOALS = ("goals: to_dict >= 2x faster than pydantic and within 1.3x of msgspec; "
         "from_dict faster than pydantic; client overhead < 10% of a plain httpx call")
ROUNDS = 9  # batches per measurement; the median is reported


def per_call_us(functions: dict[str, Callable[[], object]], rounds: int = ROUNDS) -> dict[str, float]:
    """Median µs per call of each function, batches interleaved across functions."""
    loops = {}
    for name, fn in functions.items():
        n = 1
        while True:  # a batch of at least ~20 ms
            start = time.perf_counter()
            for _ in range(n):
                fn()
            if time.perf_counter() - start > 0.02:
                break
            n *= 2
        loops[name] = n
    samples: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(rounds):
        for name, fn in functions.items():
            n = loops[name]
            start = time.perf_counter()
            for _ in range(n):
                fn()
            samples[name].append((time.perf_counter() - start) / n * 1e6)
    return {name: statistics.median(s) for name, s in samples.items()}


def _codecs() -> dict[str, tuple[Any, Any]]:
    """name -> (decode(data) -> object, encode(object) -> data); ``None``: not measured."""
    import _handwritten
    import _msgspec_models
    import _pydantic_models
    import msgspec
    from tams_credits import CreditsRequest

    schemas = _credits.json_schema()["components"]["schemas"]
    model = _pydantic_models.credits_request_model(schemas)
    struct = _msgspec_models.credits_request_struct(schemas)
    return {
        "specgen": (CreditsRequest.from_dict, CreditsRequest.to_dict),
        "hand-written": (None, _handwritten.credits_request),
        "pydantic": (model.model_validate,
                     lambda m: m.model_dump(by_alias=True, exclude_none=True)),
        "msgspec": (lambda d: msgspec.convert(d, struct), msgspec.to_builtins),
    }


def _check(codecs: dict[str, tuple[Any, Any]], data: Any) -> None:
    """Every library must round-trip the payload to the same JSON data (or the race is unfair)."""
    decode = codecs["specgen"][0]
    for name, (dec, enc) in codecs.items():
        back = enc((dec or decode)(data))
        if _ints(back) != _ints(data):
            print(f"note: {name} does not round-trip this payload exactly (drops unknown fields)")


def _ints(value: Any) -> Any:
    """ProtoJSON int64 strings as numbers: specgen decodes ``"123"`` to ``123`` on purpose."""
    if isinstance(value, dict):
        return {k: _ints(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_ints(v) for v in value]
    return int(value) if isinstance(value, str) and value.lstrip("-").isdigit() else value


def print_table(title: str, codecs: dict[str, tuple[Any, Any]], payloads: dict[str, Any]) -> None:
    """One row per payload and direction: µs per call, then each library's time / specgen's."""
    names = list(codecs)
    print(f"\n{title} (µs per call, median of {ROUNDS} interleaved batches)")
    width = max(len(label) for label in payloads) + len(" from_dict") + 1
    print(f"{'payload':<{width}}{'bytes':>7}" + "".join(f"{n:>14}" for n in names)
          + "   ratio other / specgen (> 1: specgen faster)")
    for label, data in payloads.items():
        _check(codecs, data)
        for op in ("from_dict", "to_dict"):
            fns: dict[str, Callable[[], object]] = {}
            for name, (decode, encode) in codecs.items():
                if op == "from_dict" and decode is not None:
                    fns[name] = lambda d=decode, x=data: d(x)
                elif op == "to_dict":
                    obj = (decode or codecs["specgen"][0])(data)
                    fns[name] = lambda e=encode, o=obj: e(o)
            times = per_call_us(fns)
            row = "".join(f"{times[n]:>14.2f}" if n in times else f"{'-':>14}" for n in names)
            ratios = "  ".join(f"{n} {times[n] / times['specgen']:.2f}x"
                               for n in names[1:] if n in times)
            print(f"{label + ' ' + op:<{width}}{_credits.size(data):>7}{row}   {ratios}")


def credits() -> None:
    payloads = {k: v for k, v in _credits.payloads().items() if not k.endswith("invalid")}
    print_table("credits request", _codecs(), payloads)


def client_overhead(calls: int = 300, rounds: int = ROUNDS) -> None:
    """The credits call through the generated client against plain httpx, same server."""
    import _loopback
    import httpx
    from tams_credits import Client, CreditsRequest

    data = _credits.payloads()["typical"]
    request = CreditsRequest.from_dict(data)
    with _loopback.server() as url, httpx.Client(base_url=url) as plain, \
            Client(token="t0ken", base_url=url) as ours, \
            Client(token="t0ken", base_url=url, validate=False) as unchecked:
        headers = {"Authorization": "Bearer t0ken"}

        def raw() -> object:
            response = plain.post("/v1/jobs/credits", json=data, headers=headers)
            response.raise_for_status()
            return response.json()

        fns = {
            "plain httpx (dict in, dict out)": raw,
            "specgen, validate=True (default)": lambda: ours.calc_credits_job(request),
            "specgen, validate=False": lambda: unchecked.calc_credits_job(request),
        }
        samples: dict[str, list[float]] = {name: [] for name in fns}
        for fn in fns.values():  # warm the connections and the lazy imports
            fn()
        for _ in range(rounds):
            for name, fn in fns.items():
                for _ in range(calls // rounds):
                    start = time.perf_counter()
                    fn()
                    samples[name].append((time.perf_counter() - start) * 1e6)
    base = statistics.median(samples["plain httpx (dict in, dict out)"])
    print(f"\nclient overhead, credits call on loopback (typical request, "
          f"{_credits.size(data)} bytes; median µs per call of {calls}, interleaved)")
    for name, s in samples.items():
        median = statistics.median(s)
        extra = f"   overhead {median - base:+8.1f} µs ({(median / base - 1) * 100:+.1f}%)"
        print(f"  {name:<36}{median:>9.1f} µs{'' if median == base else extra}")


def _import_us(module: str, package_dir: Path, runs: int = 11) -> float:
    """Median cumulative import time of ``module`` in fresh interpreters (µs)."""
    samples = []
    for _ in range(runs):
        err = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True, text=True, check=True, env={"PYTHONPATH": str(package_dir)},
        ).stderr
        last = [ln for ln in err.splitlines() if re.search(rf"\|\s*{module}$", ln)][-1]
        samples.append(int(last.split("|")[1]))
    return statistics.median(samples)


def import_times(package_dir: Path) -> None:
    print("\nimport time (median of 11 fresh interpreters, cumulative, -X importtime)")
    for module in ("tams_credits", "tams_credits.models", "pydantic", "msgspec"):
        print(f"  {module:<22}{_import_us(module, package_dir) / 1000:>8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="credits,github,client,imports")
    parser.add_argument("--package-dir", type=Path,
                        default=_credits.ROOT / "generated" / "python")
    args = parser.parse_args()
    sys.path.insert(0, str(args.package_dir))
    sections = args.only.split(",")
    if "credits" in sections:
        credits()
    if "github" in sections:
        import _github

        _github.main(print_table)
    if "client" in sections:
        client_overhead()
    if "imports" in sections:
        import_times(args.package_dir)
    print(GOALS)


if __name__ == "__main__":
    main()
