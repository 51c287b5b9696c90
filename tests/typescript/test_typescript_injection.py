"""Spec text never becomes TypeScript code: the hostile spec of ``tests/security`` (every string
that reaches generated code is an attack) with payloads aimed at TypeScript added (closing a
JSDoc comment, a string of either quote, a template literal, a ``${}``, line terminators) is
generated, compiled by ``tsc --strict`` and imported by node; every validator runs, nothing
exits, and the hostile enum values and property names come back as exact data."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from specgen_testing import REPO
from typescript_support import compile_packages, generate_package

ATTACKS = [
    "*/ globalThis.process.exit(7); /*",
    '"; process.exit(7); "',
    "'; process.exit(7); '",
    "`; process.exit(7); `",
    "${process.exit(7)}",
    "\nprocess.exit(7) //",
    "\u2028process.exit(7)\u2029",
    "\\\"; process.exit(7); //",
    "__proto__",
    "constructor",
]


def test_hostile_text_stays_data(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "tests" / "security"))
    try:
        from hostile_spec import hostile_spec
    finally:
        sys.path.remove(str(REPO / "tests" / "security"))
    spec, literals = hostile_spec(tmp_path / "CANARY")
    payload = spec["components"]["schemas"]["Payload"]
    payload["description"] += ATTACKS[0]
    payload["properties"].update({a: {"type": "string", "description": a} for a in ATTACKS})
    kind = payload["properties"]["kind"]
    kind["enum"] = [*kind["enum"], *ATTACKS]
    spec["components"]["schemas"]["Attack"] = {
        "description": ATTACKS[0], "type": "object", "additionalProperties": False,
        "properties": {a: {"type": "string", "enum": ATTACKS, "description": a} for a in ATTACKS}}
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    folder = generate_package(path, tmp_path / "gen", "hostile")
    built = compile_packages([folder], tmp_path / "gen" / "build", emit=True)
    assert built.returncode == 0, built.stdout[-5000:] + built.stderr
    index = tmp_path / "gen" / "build" / "dist" / "typescript" / "hostile" / "src" / "index.js"
    values = literals["enum values"] + ATTACKS
    script = tmp_path / "run.mjs"
    script.write_text(
        f"const m = await import({json.dumps(str(index))});\n"
        "for (const [name, f] of Object.entries(m)) {\n"
        "  if (name.startsWith('validate')) f({});\n"
        "}\n"
        f"const values = {json.dumps(values)};\n"
        "const wrong = values.filter((v) => m.validatePayload({kind: v}).some("
        "(p) => p.keyword === 'enum'));\n"
        f"const attack = Object.fromEntries({json.dumps(ATTACKS)}.map((a) => [a, a]));\n"
        "const problems = m.validateAttack(JSON.parse(JSON.stringify(attack)));\n"
        "process.stdout.write(JSON.stringify({wrong, problems}));\n", encoding="utf-8")
    node = shutil.which("node")
    assert node is not None
    done = subprocess.run([node, str(script)], capture_output=True, text=True, check=False,
                          timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result == {"wrong": [], "problems": []}
    assert not (tmp_path / "CANARY").exists()
