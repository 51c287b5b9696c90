"""The shared conformance suite (``tests/conformance/``, data only) run against the TypeScript
target: every spec of the suite is generated into a temporary folder, compiled by ``tsc``
(strict), and ``node --test tests/typescript/conformance.test.mjs`` checks every ``validate``
vector with the generated validators (a disagreement names the vector and both answers), and
that ``parseJson``/``stringifyJson`` carry every payload of the suite without losing a digit.
A ``decode`` vector's payload goes through ``parseJson`` and the generated ``decodeX``; its
encodings (``stringifyJson``, and ``encodeX`` for what is sent) and facts must be the expected
ones. The models are plain objects, so a fact reads the wire name itself; an ``enum_member`` is
a value listed by the enum's ``as const`` object (the enum found here from the IR at the
fact's pointer); a ``variant`` is a value its ``isValidX`` accepts (TypeScript narrows a union
by its tag; there is no class to see), or, when none, the raw object kept as it came. A vector
the runner cannot pass is listed in ``exclusions.json`` under ``typescript`` with its reason;
an excluded vector that passes fails (the list cannot go stale).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from specgen_testing import REPO
from typescript_support import compile_packages, enum_at, generate_package, schema_names

SUITE = REPO / "tests" / "conformance"
RUNNER = Path(__file__).with_name("conformance.test.mjs")


def _vectors() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted((SUITE / "vectors").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out += [{"spec": data["spec"], **v} for v in data["vectors"]]
    return out


def test_typescript_agrees_with_every_vector(tmp_path: Path) -> None:
    """Every vector passes, or is excluded with a reason and still fails."""
    vectors = _vectors()
    excluded: dict[str, str] = json.loads(
        (SUITE / "exclusions.json").read_text(encoding="utf-8"))["typescript"]
    assert set(excluded) <= {v["id"] for v in vectors}, "typescript excludes unknown vectors"
    decode = {v["id"] for v in vectors if v["kind"] == "decode"}
    specs = sorted({v["spec"] for v in vectors})
    folders = {s: generate_package(REPO / s, tmp_path, f"conformance-{Path(s).stem}")
               for s in specs}
    built = compile_packages(list(folders.values()), tmp_path / "build", emit=True)
    assert built.returncode == 0, built.stdout + built.stderr
    plan = []
    for spec in specs:
        names = schema_names(REPO / spec)
        dist = tmp_path / "build" / "dist" / "typescript" / folders[spec].name / "src"
        for v in vectors:
            if v["spec"] != spec:
                continue
            if v["kind"] == "decode":
                plan.append(_decode_entry(v, dist, REPO / spec, names, excluded.get(v["id"])))
                continue
            plan.append({"id": v["id"], "validators": str(dist / "validators.js"),
                         "json": str(dist / "json.js"), "validate": f"validate{names[v['schema']]}",
                         "isValid": f"isValid{names[v['schema']]}", "payload": v["payload"],
                         "problems": v["problems"], "excluded": excluded.get(v["id"])})
    payloads = [{"id": v["id"], "payload": v["payload"],
                 "json": str(tmp_path / "build" / "dist" / "typescript" / folders[v["spec"]].name
                             / "src" / "json.js")} for v in vectors]
    (tmp_path / "plan.json").write_text(json.dumps({"vectors": plan, "payloads": payloads}),
                                        encoding="utf-8")
    node = shutil.which("node")
    assert node is not None, "the TypeScript tests need Node.js 18 or later on PATH"
    done = subprocess.run([node, "--test", "--test-reporter=dot", str(RUNNER)],
                          capture_output=True, text=True, check=False, timeout=600,
                          env={"PLAN": str(tmp_path / "plan.json"), "PATH": str(Path(node).parent)})
    ran, skipped = len(plan), len(excluded)
    print(f"typescript conformance: {ran - len([p for p in plan if p['excluded']])} passed, "
          f"{skipped} excluded (of {len(decode)} decode vectors: "
          f"{len(decode - set(excluded))} passed)")
    if done.returncode != 0:
        pytest.fail(done.stdout[-20000:] + done.stderr[-5000:], pytrace=False)


def _decode_entry(v: dict[str, Any], dist: Path, spec: Path, names: dict[str, str],
                  excluded: str | None) -> dict[str, Any]:
    """The plan of a decode vector: the compiled modules, its functions, and each fact with
    the TypeScript name of the enum (``enum_member``) or of the variant (``variant``)."""
    facts = []
    for fact in v.get("facts", []):
        fact = dict(fact)
        if "enum_member" in fact:
            fact["enum"] = enum_at(spec, v["schema"], fact["at"])
        if isinstance(fact.get("variant"), str):
            fact["variant"] = names[fact["variant"]]
        facts.append(fact)
    return {"id": v["id"], "kind": "decode", "codecs": str(dist / "codecs.js"),
            "models": str(dist / "models.js"), "validators": str(dist / "validators.js"),
            "json": str(dist / "json.js"), "decode": f"decode{names[v['schema']]}",
            "encode": f"encode{names[v['schema']]}", "payload": v["payload"],
            "encoded": v["encoded"], "request_encoded": v.get("request_encoded"),
            "facts": facts, "excluded": excluded}
