"""The generated TypeScript client against Prism (an independent server that validates every
request against spec/credits.yaml; ``--errors``: a violation becomes a 4xx), and the package
README's examples as a user runs them: the package built and installed in ``node_modules``,
every ``ts`` block compiled by ``tsc --strict`` (resolving the package through its
``exports``), the first call run against Prism unchanged (a preloaded module points the
default server's origin at Prism's), and the TAMS-SHA256-RSA ``auth`` hook run against the
scripted server, its signature checked here with ``cryptography``.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import toolchains
from specgen_testing import FIXTURES, REPO
from typescript_support import STRICT, generate_package

sys.path.insert(0, str(REPO / "tests" / "client"))
from client_support import Reply, serving
from test_client_prism import _free_port, _wait_until_listening

SPEC = REPO / "spec" / "credits.yaml"
PRELOAD = """\
// Sends every fetch to the test's server: the example runs as written, default server and all.
const target = new URL(process.env.TARGET);
const real = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  const url = new URL(request.url);
  url.protocol = target.protocol;
  url.host = target.host;
  const body = ["GET", "HEAD"].includes(request.method) ? undefined : await request.arrayBuffer();
  return real(url, { method: request.method, headers: request.headers, body, redirect: "manual" });
};
"""
SIGNED = """\
import { generateKeyPairSync } from "node:crypto";
import { signedClient } from "./signed.js";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const der = privateKey.export({ type: "pkcs8", format: "der" });
const client = await signedClient("app-1", der.buffer.slice(der.byteOffset, der.byteOffset + der.length));
console.log(JSON.stringify({ result: await client.calcCreditsJob({ stages: [{ type: "DEFAULT" }] }),
                             key: publicKey.export({ type: "spki", format: "pem" }) }));
"""
FIXTURES_RUN = """\
import { createClient, parseJson } from "tams-credits";

const client = createClient({ baseUrl: process.env.TARGET, token: "prism-token" });
const out = [];
for (const text of JSON.parse(process.env.BODIES)) out.push(await client.calcCreditsJob(parseJson(text)));
const bad = await client.calcCreditsJob({ stages: [{ type: "NOT_A_STAGE" }] }, { validate: false })
  .catch((e) => [e.name, e.status, e.code, e.serverMessage !== ""]);
console.log(JSON.stringify({ out, bad }));
"""


@pytest.fixture(scope="module")
def prism(tmp_path_factory: pytest.TempPathFactory, prism_executable: Path) -> Iterator[tuple[str, Path]]:
    port = _free_port()
    log = tmp_path_factory.mktemp("prism-ts") / "prism.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(prism_executable), "mock", str(SPEC), "-h", "127.0.0.1", "-p", str(port), "--errors"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_until_listening(proc, port, log)
        yield f"http://127.0.0.1:{port}", log
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An app with the package installed and built, and every README block compiled."""
    work = tmp_path_factory.mktemp("ts-readme")
    folder = generate_package(SPEC, work / "gen", "tams-credits")
    app = work / "app"
    installed = app / "node_modules" / "tams-credits"
    shutil.copytree(folder, installed)
    tsc = str(toolchains.tsc())
    built = subprocess.run([tsc, "-p", str(installed)], capture_output=True, text=True,
                           check=False, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    blocks = re.findall(r"```ts\n(.+?)```", (folder / "README.md").read_text(encoding="utf-8"),
                        flags=re.DOTALL)
    assert len(blocks) == 4, "first call, standalone call, signature hook, validators"
    names = ["first", "standalone", "signed", "validators"]
    for name, block in zip(names, blocks):
        (app / f"{name}.ts").write_text(block, encoding="utf-8")
    (app / "package.json").write_text('{"type": "module", "private": true}\n', encoding="utf-8")
    (app / "tsconfig.json").write_text(json.dumps({
        "compilerOptions": {**STRICT, "types": []},
        "files": [f"{n}.ts" for n in names]}), encoding="utf-8")
    compiled = subprocess.run([tsc, "-p", str(app)], capture_output=True, text=True,
                              check=False, timeout=600)
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (app / "preload.mjs").write_text(PRELOAD, encoding="utf-8")
    (app / "signed-run.mjs").write_text(SIGNED, encoding="utf-8")
    (app / "fixtures.mjs").write_text(FIXTURES_RUN, encoding="utf-8")
    return app


def _node(app: Path, script: str, target: str, **env: str) -> str:
    node = shutil.which("node")
    assert node is not None, "the TypeScript tests need Node.js 18 or later on PATH"
    ran = subprocess.run([node, "--import", str(app / "preload.mjs"), str(app / script)],
                         capture_output=True, text=True, check=False, timeout=120, cwd=app,
                         env={"PATH": str(Path(node).parent), "TARGET": target, **env})
    assert ran.returncode == 0, ran.stdout + ran.stderr
    return ran.stdout


def test_the_readme_first_call_runs_against_prism(app: Path, prism: tuple[str, Path]) -> None:
    url, log = prism
    first = (app / "first.ts").read_text(encoding="utf-8").strip().splitlines()
    assert len(first) == 4 and first[0].startswith("import { createClient }")  # five lines, blank included
    assert _node(app, "first.js", url).strip() == "{ credits: 4.8 }"
    assert _node(app, "standalone.js", url) == ""
    assert "Violation" not in log.read_text(errors="replace")


def test_every_request_fixture_passes_prism_and_a_bad_one_is_refused(
        app: Path, prism: tuple[str, Path]) -> None:
    url, _ = prism
    bodies = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "requests").glob("*.json"))]
    assert len(bodies) >= 5
    answer = json.loads(_node(app, "fixtures.mjs", url, BODIES=json.dumps(bodies)))
    assert answer["out"] == [{"credits": 4.8}] * len(bodies)
    assert answer["bad"] == ["BadRequestError", 400, 3, True]  # Prism's google.rpc.Status


def test_the_readme_signature_hook_signs_what_is_sent(app: Path) -> None:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    with serving([Reply(200, {"credits": 1})]) as server:
        answer = json.loads(_node(app, "signed-run.mjs", server.url))
    assert answer["result"] == {"credits": 1}
    seen = server.requests[0]
    header = {k.lower(): v for k, v in seen.headers.items()}["authorization"]
    assert header.startswith("TAMS-SHA256-RSA app_id=app-1,")
    fields = dict(part.split("=", 1) for part in header.removeprefix("TAMS-SHA256-RSA ").split(","))
    text = "\n".join(["POST", seen.path, fields["timestamp"], fields["nonce_str"], ""]).encode()
    key = serialization.load_pem_public_key(answer["key"].encode())
    assert isinstance(key, rsa.RSAPublicKey)
    key.verify(base64.b64decode(fields["signature"]), text + seen.body, padding.PKCS1v15(),
               hashes.SHA256())  # raises if the signature is not over what was sent
