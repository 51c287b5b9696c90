"""What validators answer where the stack is no limit: run as a script (``python deep_oracle.py``)
by ``test_deep_validators.py``, in a process of its own with a recursion limit of a million and
a thread of a 1 GiB stack, so plain recursion reaches the bottom of any case.

Reads one JSON request from stdin: ``{"cases": [{"schema": ..., "modules": [[name, source or
null, package folder or null], ...], "root": name, "texts": [json text, ...]}, ...]}``. For
each case and text it writes ``jsonschema``'s answer (valid or not, and the ``(instance
path, keyword)`` of each error it yields) and each module's ``is_valid_<root>`` and
``validate_<root>`` (the problems as lists): the answers the tests expect from deep in a normal
stack.
"""

from __future__ import annotations

import importlib
import json
import sys
import threading
from pathlib import Path
from typing import Any

sys.path[:0] = [str(Path(__file__).parent), str(Path(__file__).parents[1])]

import generated


def _pointer(path: Any) -> str:
    return "".join("/" + str(x).replace("~", "~0").replace("/", "~1") for x in path)


def _module(name: str, source: str | None, package: str | None) -> Any:
    if source is not None:
        return generated.import_source(source, name)
    assert package is not None
    sys.path.insert(0, package)
    return importlib.import_module(name)


def _answers(case: dict[str, Any]) -> list[dict[str, Any]]:
    oracle = generated.oracle(case["schema"])
    modules = [_module(*m) for m in case["modules"]]
    root = case["root"]
    out = []
    for text in case["texts"]:
        value = json.loads(text)
        errors = sorted({(_pointer(e.absolute_path), e.validator) for e in oracle.iter_errors(value)})
        answer: dict[str, Any] = {"valid": oracle.is_valid(value), "errors": errors, "modules": []}
        for module in modules:
            found = getattr(module, f"validate_{root}")(value)
            answer["modules"].append({
                "is_valid": getattr(module, f"is_valid_{root}")(value),
                "validate": [[x.instance_path, x.keyword, x.schema_path, x.message, x.code]
                             for x in found],
            })
        out.append(answer)
    return out


def main() -> None:
    request = json.load(sys.stdin)
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(1 << 30)
    result: list[Any] = []
    worker = threading.Thread(target=lambda: result.extend(_answers(c) for c in request["cases"]))
    worker.start()
    worker.join()
    assert len(result) == len(request["cases"]), "the oracle failed (see stderr)"
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main()
