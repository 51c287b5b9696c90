"""Data is never code: a hostile spec generates a package that imports and runs inertly.

The generated package is imported in a fresh interpreter with an audit hook that records process,
network and file-write events; every model is round-tripped and every client operation (when a
client is generated) is called against ``httpx.MockTransport``. Nothing may fire, the canary file
must not appear, and every wire string must appear in the source as an exact literal.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile_spec import hostile_spec

from generator import Settings, produce
from generator.write import write_tree

PROBE = r'''
import importlib, json, pkgutil, sys
sys.dont_write_bytecode = True
events = []
WATCH = ("os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork", "subprocess.Popen",
         "socket.connect", "socket.bind", "socket.getaddrinfo", "shutil.", "os.remove", "os.rename")
def hook(event, args):
    if event.startswith(WATCH):
        events.append(event)
    elif event == "open" and len(args) > 1 and isinstance(args[1], str) and set(args[1]) & set("wax+"):
        events.append(f"open-for-write {args[0]!r}")
sys.addaudithook(hook)
package = importlib.import_module(sys.argv[1])
names = [m.name for m in pkgutil.iter_modules(package.__path__)]
for name in names:
    importlib.import_module(f"{sys.argv[1]}.{name}")
models = importlib.import_module(f"{sys.argv[1]}.models")
payload = json.loads(sys.argv[2])
model = models.Payload.from_dict(payload)
assert models.Payload.from_dict(model.to_dict()) == model
model.validate()

# every operation, against a mock transport: path templates, parameter names, server URLs and
# security scheme names are all printed in these function bodies
import httpx, inspect
client_module = importlib.import_module(f"{sys.argv[1]}.client")
def answer(request):
    return httpx.Response(200, json=payload) if request.method == "POST" else httpx.Response(204)
client = client_module.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer)))
calls = 0
for name, method in vars(client_module.Client).items():
    if name.startswith("_") or not inspect.isfunction(method):
        continue
    params = list(inspect.signature(method).parameters.values())[1:]
    args = ["x" for p in params if p.default is p.empty and p.kind is p.POSITIONAL_OR_KEYWORD]
    kwargs = {"body": model} if any(p.name == "body" for p in params) else {}
    getattr(client, name)(*args, validate=False, **kwargs)
    calls += 1
print(json.dumps({"events": events, "modules": names, "calls": calls}))
'''


@pytest.fixture(scope="module")
def hostile_package(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, list[str]]]:
    root = tmp_path_factory.mktemp("hostile")
    canary = root / "CANARY"
    spec, literals = hostile_spec(canary)
    (root / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    generated = produce(Settings(spec=root / "spec.json", output=root / "out", package="hostile"))
    write_tree(generated.files, root / "out")
    return root, canary, literals


def _sources(package_root: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in (package_root / "hostile").glob("*.py")}


def test_importing_and_using_the_package_runs_nothing(
    hostile_package: tuple[Path, Path, dict[str, list[str]]]
) -> None:
    root, canary, literals = hostile_package
    payload = {name: name for name in literals["wire names"][:18]}
    env = {**os.environ, "PYTHONPATH": str(root / "out" / "python"), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "hostile", json.dumps(payload)],
        check=False, capture_output=True, text=True, env=env, cwd=root, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["events"] == []
    assert "models" in report["modules"] and "client" in report["modules"]
    assert report["calls"] == 2
    assert not canary.exists()


def test_every_wire_string_is_an_exact_literal(
    hostile_package: tuple[Path, Path, dict[str, list[str]]]
) -> None:
    root, _, literals = hostile_package
    constants: set[str] = set()
    for source in _sources(root / "out" / "python").values():
        constants.update(
            node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
        )
    for role, strings in literals.items():
        missing = [s for s in strings if s not in constants]
        assert missing == [], f"{role} not present as exact literals: {missing[:5]}"


def test_no_spec_text_on_the_first_two_lines(
    hostile_package: tuple[Path, Path, dict[str, list[str]]]
) -> None:
    root, _, _ = hostile_package
    for name, source in _sources(root / "out" / "python").items():
        head = source.splitlines()[:2]
        assert all(line.startswith(("# Code generated by specgen", "# Regenerate with"))
                   for line in head), (name, head)
