"""The TypeScript client against Python's, on the contract's §2 and §5 (docs/client-contract.md):
parameters checked before sending by the same compiled validators (every problem at
``/{in}/{name}`` with the same code, message and schema path as Python's client reports, the
body's beside them, nothing sent) and typed response headers (read as Python reads them; a
value that does not parse stays text). Node runs ``parity_driver.mjs`` against the scripted
loopback server of ``tests/client/client_support.py`` and against Prism (which refuses what the
client refuses); the Python clients are generated from the same specs and run in this process.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import math
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from specgen_testing import REPO
from typescript_support import compile_packages, generate_package

from generator import Settings, generate

sys.path.insert(0, str(REPO / "tests" / "client"))
from client_support import Reply, serving
from test_client_prism import _free_port, _wait_until_listening

DRIVER = Path(__file__).with_name("parity_driver.mjs")
SPECS = REPO / "tests" / "client" / "specs"
PARAMS = Path(__file__).with_name("specs") / "params.yaml"
JSON = {"Content-Type": "application/json"}
TODO = b'{"id": 7, "title": "milk", "done": false}'


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The todos, todos_io and params packages, compiled to JavaScript (index.js of each)."""
    work = tmp_path_factory.mktemp("ts-parity")
    specs = {"TODOS": SPECS / "todos.yaml", "IO": SPECS / "todos_io.yaml", "PARAMS": PARAMS}
    folders = {key: generate_package(spec, work, key.lower()) for key, spec in specs.items()}
    built = compile_packages(list(folders.values()), work / "build", emit=True)
    assert built.returncode == 0, built.stdout + built.stderr
    dist = work / "build" / "dist" / "typescript"
    return {key: str(dist / key.lower() / "src" / "index.js") for key in specs}


def _python(tmp: Path, spec: Path, package: str, module: str = "") -> Any:
    """The Python package of ``spec`` (or its ``module``), generated and imported."""
    generate(Settings(spec=spec, output=tmp, package=package, targets=("python",)))
    sys.path.insert(0, str(tmp / "python"))
    try:
        return importlib.import_module(f"{package}.{module}" if module else package)
    finally:
        sys.path.remove(str(tmp / "python"))


def drive(packages: dict[str, str], scenario: str, url: str, **env: str) -> Any:
    """Run one scenario of the driver; its result."""
    node = shutil.which("node")
    assert node is not None, "the TypeScript tests need Node.js 18 or later on PATH"
    done = subprocess.run([node, str(DRIVER), scenario], capture_output=True, text=True,
                          check=False, timeout=120,
                          env={**packages, **env, "URL": url, "PATH": str(Path(node).parent)})
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    assert answer["ok"], answer
    return answer["result"]


# -- §5 parameters checked before sending ------------------------------------------------------

def test_parameters_are_checked_before_sending(packages: dict[str, str]) -> None:
    """The Python client's own test (tests/client/test_client_io.py), in TypeScript: the same
    problems, in the same order, nothing sent; the valid call and the unchecked ones are."""
    with serving([Reply(200, b"[]", JSON), Reply(200, b"[]", JSON), Reply(200, b"[]", JSON),
                  Reply(201, {"id": "t1", "title": "milk"})]) as server:
        found = drive(packages, "parameters", server.url)
    schema = "todos_io.yaml#/paths/~1todos/get/parameters/0/schema/maximum"
    assert found[0] == [
        ["/query/limit", "maximum", "must be <= 100", schema],
        ["/header/X-Tenant", "pattern", "must match the pattern '^[a-z]+$'",
         "todos_io.yaml#/paths/~1todos/get/parameters/1/schema/pattern"],
        ["/cookie/session", "minLength", "must have at least 2 characters",
         "todos_io.yaml#/paths/~1todos/get/parameters/2/schema/minLength"],
    ]
    assert [p[0] for p in found[1]] == ["/path/todoId"]
    assert [(p[0], p[1]) for p in found[2]] == [("/header/Idempotency-Key", "minLength"),
                                                ("/title", "minLength")]
    assert found[3:] == ["sent"] * 4
    query = [parse_qsl(urlsplit(r.path).query) for r in server.requests]
    assert query == [[("limit", "100")], [("limit", "500")], [("limit", "500")], []]
    assert server.requests[3].headers["Idempotency-Key"] == "k-123456"


# (Python method, its positional arguments, keyword arguments; TypeScript function, params, body)
VECTORS: list[tuple[str, list[Any], dict[str, Any], str, dict[str, Any], Any]] = [
    ("get_item", ["x"], {"page": 0, "ids": [11, 11, 1, 2], "code": "abcd", "x_weight": 0.3,
                         "odd_name": "a", "tags": ["A", "b"]},
     "getItem", {"itemId": "x", "page": 0, "ids": [11, 11, 1, 2], "code": "abcd",
                 "xWeight": 0.3, "oddName": "a", "tags": ["A", "b"]}, None),
    ("get_item", ["i1"], {"x_weight": -1.0, "ids": [1, 2, 3, 4]},
     "getItem", {"itemId": "i1", "xWeight": -1.0, "ids": [1, 2, 3, 4]}, None),
    ("get_item", [5], {"page": "2", "ids": "1", "flag": "yes", "tags": [1]},
     "getItem", {"itemId": 5, "page": "2", "ids": "1", "flag": "yes", "tags": [1]}, None),
    ("get_item", ["i1"], {"page": 2, "ids": [1, 2], "code": "ABC", "x_weight": 1.5,
                          "odd_name": "ab", "flag": True, "tags": ["a"]},
     "getItem", {"itemId": "i1", "page": 2, "ids": [1, 2], "code": "ABC", "xWeight": 1.5,
                 "oddName": "ab", "flag": True, "tags": ["a"]}, None),
    ("put_item", ["bad"], {"page": 0, "name": "", "size": -1},
     "putItem", {"itemId": "bad", "page": 0}, {"name": "", "size": -1}),
    ("put_item", ["i2"], {"page": 1, "name": "box"},
     "putItem", {"itemId": "i2", "page": 1}, {"name": "box"}),
]


def _python_outcome(client: Any, errors: Any, method: str, args: list[Any],
                    kwargs: dict[str, Any]) -> Any:
    try:
        getattr(client, method)(*args, **kwargs)
    except errors.RequestValidationError as error:
        return [[p.pointer, p.code, p.message, p.schema_path] for p in error.problems]
    return "sent"


def test_parameter_problems_are_python_s(packages: dict[str, str], tmp_path: Path) -> None:
    """Every call of :data:`VECTORS` (shared and ``$ref`` parameters, arrays, a named alias,
    a name that needs JSON-pointer escaping, values of the wrong type, a body beside them):
    the TypeScript client reports exactly the problems the Python client does, or sends."""
    py = _python(tmp_path, PARAMS, "params_parity")
    calls = [{"op": ts, "params": given, **({} if body is None else {"body": body})}
             for _, _, _, ts, given, body in VECTORS]
    with serving([Reply(204)]) as server:
        found = drive(packages, "vectors", server.url, VECTORS=json.dumps(calls))
        with py.Client(base_url=server.url) as client:
            expected = [_python_outcome(client, py, m, a, k) for m, a, k, _, _, _ in VECTORS]
    assert found == expected
    assert ["/query/odd~0~1name", "minLength"] in [p[:2] for p in found[0]]
    assert sum(1 for x in found if x == "sent") == 2
    assert len(server.requests) == 4  # each call that was sent, by each client


# -- §2 typed response headers -----------------------------------------------------------------

def test_typed_response_headers(packages: dict[str, str]) -> None:
    listed = {**JSON, "X-Rate-Limit-Remaining": "41", "X-Request-Cost": "cheap",
              "X-Flags": "1, 2,3", "X-Live": "true"}
    odd = {**JSON, "X-Rate-Limit-Remaining": "many", "X-Flags": "1,x", "X-Live": "maybe",
           "X-Request-Cost": "2.5"}
    script = [Reply(200, b"[]", listed), Reply(200, b"[]", odd), Reply(200, b"[]", JSON),
              Reply(201, TODO, {**JSON, "Location": "/todos/7"}), Reply(200, TODO, JSON)]
    with serving(script) as server:
        found = drive(packages, "headers", server.url)
    assert found["listed"] == [
        {"xRateLimitRemaining": 41, "xRequestCost": "cheap", "xFlags": [1, 2, 3], "xLive": True},
        {"xRateLimitRemaining": "many", "xRequestCost": 2.5, "xFlags": "1,x", "xLive": "maybe"},
        dict.fromkeys(["xRateLimitRemaining", "xRequestCost", "xFlags", "xLive"], "undefined"),
    ]
    assert found["created"] == [201, {"location": "/todos/7"}]
    assert found["got"] == [200, None]  # getTodo declares no header


HEADER_VALUES = ["42", "+5", "-0", "", "0x10", "9007199254740993", "1e3", ".5", "5.", "-inf",
                 "NaN", "TRUE", "1", "0", "False", "yes", "1, 2 ,3", "1,,2", "7 , 8", "2,a",
                 "1_000", "1e400", "Infinity", "0x1p3"]
"""Header texts (HTTP drops the spaces around a whole value, so none has them)."""


def _plain(value: Any) -> Any:
    """A typed header value as JSON can carry it, the same from Python and from the driver."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("-" if value < 0 else "") + "Infinity"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53 - 1:
        return f"{value}n"
    return "undefined" if value is None else value


def test_header_values_read_as_python_reads_them(packages: dict[str, str],
                                                 tmp_path: Path) -> None:
    """Each value in every header of ``listTodos`` (integer, number, list of integers,
    boolean): TypeScript's typed value is Python's (big integers exact, text kept)."""
    import httpx

    headers = _python(tmp_path, SPECS / "todos.yaml", "todos_parity", "response_headers")
    names = ["X-Rate-Limit-Remaining", "X-Request-Cost", "X-Flags", "X-Live"]
    script = [Reply(200, b"[]", {**JSON, **dict.fromkeys(names, v)}) for v in HEADER_VALUES]
    with serving([*script, Reply(201, TODO, JSON), Reply(200, TODO, JSON)]) as server:
        found = drive(packages, "headers", server.url, READS=str(len(script)))
    reader = headers.ListTodosResponseHeaders.from_headers
    expected = []
    for value in HEADER_VALUES:
        typed = reader(httpx.Headers(dict.fromkeys(names, value)))
        expected.append([_plain(getattr(typed, f.name)) for f in dataclasses.fields(typed)])
    assert [list(row.values()) for row in found["listed"]] == expected


@pytest.fixture(scope="module")
def prism(tmp_path_factory: pytest.TempPathFactory, prism_executable: Path) -> Iterator[str]:
    """Prism mocking the params spec, validating every request (``--errors``)."""
    port = _free_port()
    log = tmp_path_factory.mktemp("prism-params") / "prism.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(prism_executable), "mock", str(PARAMS), "-h", "127.0.0.1", "-p", str(port),
             "--errors"], stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        _wait_until_listening(proc, port, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def test_prism_refuses_what_the_client_refuses(packages: dict[str, str], prism: str) -> None:
    """Prism, an independent validator, judges each call of :data:`VECTORS` whose values have
    the types the spec declares (a query string cannot tell ``"2"`` from ``2``) sent without
    the client's check: it refuses (422) exactly the calls the client refuses before sending."""
    calls = [{"op": ts, "params": given, **({} if body is None else {"body": body})}
             for i, (_, _, _, ts, given, body) in enumerate(VECTORS) if i != 2]
    found = drive(packages, "prism", prism, VECTORS=json.dumps(calls))
    assert [(checked == "sent", answer) for checked, answer in found] == [
        (False, 422), (False, 422), (True, "sent"), (False, 422), (True, "sent")]


# -- §1 the message of a text error body -------------------------------------------------------

TEXTS = ["bad \x01request", "line\n\tbreak\r\n", "  padded  ", "nbsp\u00a0and\u2028sep",
         "bom\ufeff kept", "c1\x85\x9f gone", "\x00" * 3, "\U0001f600" * 600,
         '\ufeffbom first', '\ufeff{"message": "json after a BOM"}',
         "a" * 499 + "\U0001f600b", "x" * 498 + "\n\ny", "",
         "null", " null\r\n", " \t\r\n ", "NaN", "-Infinity", "404"]
"""Texts whose message tells the rule's details apart: control characters, every kind of white
space, U+FEFF, astral characters at the 500-character cut (JavaScript counts them twice)."""


def test_a_text_error_body_is_read_by_the_shared_rule(packages: dict[str, str]) -> None:
    """``textMessage`` is :func:`generator.analysis.errors.text_message`; each text body's
    message is :func:`~generator.analysis.errors.text_body_message` of it (a ``text/*`` body
    that is JSON — ``null`` too — is read as JSON, as Python and Go read it), an SSE body gives
    no message."""
    from generator.analysis.errors import text_body_message, text_message

    plain = {"Content-Type": "text/plain; charset=utf-8"}
    script = [Reply(400, t.encode(), plain) for t in TEXTS]
    script += [Reply(400, b"bad\n\trequest\xc2\x85!", plain),
               Reply(400, b'{"message": "from json"}', {"Content-Type": "text/plain"}),
               Reply(400, b"data: x\n\n", {"Content-Type": "text/event-stream"})]
    with serving(script) as server:
        found = drive(packages, "textMessages", server.url, TEXTS=json.dumps(TEXTS),
                      COUNT=str(len(script)))
    assert found["read"] == [text_message(t) for t in TEXTS]
    assert found["read"][:2] == ["bad request", "line break"]
    assert found["read"][7] == "\U0001f600" * 500  # code points, not UTF-16 units
    assert found["thrown"][:len(TEXTS)] == [text_body_message(t) for t in TEXTS]
    assert found["thrown"][len(TEXTS):] == ["bad request!", "from json", ""]
