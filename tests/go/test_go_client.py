"""The Go client against real servers on loopback: the scripted, fault-injecting server of
``tests/client/client_support.py`` (retries, Retry-After, timeouts, resets, error messages,
redacted URLs, credentials, parameter styles) and Prism validating every request against
``spec/credits.yaml``.

Each Go test of ``tests/go/client/*_test.go`` is one scenario: the test binary (built once per
module with the pinned Go) runs it against a server scripted here, and this side checks what
the server received. The tests themselves assert the client's side.
"""

from __future__ import annotations

import base64
import email.utils
import json
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import toolchains
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from go_support import generate_module, prism, run
from specgen_testing import FIXTURES, REPO

sys.path.insert(0, str(REPO / "tests" / "client"))
from client_support import (  # the scripted server lives beside the Python client tests
    CREDITS_ENV_PREFIX,
    CREDITS_OK,
    ENV_AUTHORIZATIONS,
    RESET,
    RPC_400,
    Reply,
    Seen,
    credits_environment,
    serving,
)

HERE = Path(__file__).resolve().parent
PETS = REPO / "tests" / "client" / "specs" / "pets.yaml"
CREDITS = REPO / "spec" / "credits.yaml"
TODOS_IO = REPO / "tests" / "client" / "specs" / "todos_io.yaml"
TODOS = REPO / "tests" / "client" / "specs" / "todos.yaml"


@pytest.fixture(scope="module")
def go() -> toolchains.GoToolchain:
    return toolchains.go()


def _test_binary(spec: Path, name: str, folder: Path, go: toolchains.GoToolchain,
                 env_prefix: str = "") -> Path:
    """The module of ``spec`` with its client test, vetted, compiled into one test binary."""
    module = generate_module(spec, folder, f"example.com/specgen/{name}", env_prefix)
    shutil.copy(HERE / "client" / f"{name}_client_test.go", module)
    run(go, ["vet", "./..."], module)
    run(go, ["test", "-c", "-o", "client.test", "."], module)
    return module / "client.test"


@pytest.fixture(scope="module")
def pets_test(tmp_path_factory: pytest.TempPathFactory, go: toolchains.GoToolchain) -> Path:
    return _test_binary(PETS, "pets", tmp_path_factory.mktemp("go") / "pets", go)


@pytest.fixture(scope="module")
def credits_test(tmp_path_factory: pytest.TempPathFactory, go: toolchains.GoToolchain) -> Path:
    return _test_binary(CREDITS, "credits", tmp_path_factory.mktemp("go") / "credits", go,
                        CREDITS_ENV_PREFIX)


@pytest.fixture(scope="module")
def todosio_test(tmp_path_factory: pytest.TempPathFactory, go: toolchains.GoToolchain) -> Path:
    return _test_binary(TODOS_IO, "todosio", tmp_path_factory.mktemp("go") / "todosio", go)


@pytest.fixture(scope="module")
def todos_test(tmp_path_factory: pytest.TempPathFactory, go: toolchains.GoToolchain) -> Path:
    return _test_binary(TODOS, "todos", tmp_path_factory.mktemp("go") / "todos", go)


def go_test(binary: Path, name: str, url: str, **env: str) -> str:
    """Run the Go test ``name`` against ``url``; its output (it must pass)."""
    done = subprocess.run(
        [str(binary), "-test.run", f"^{name}$", "-test.v", "-test.count=1"],
        env={"PATH": "/usr/bin:/bin", "BASE_URL": url, **env}, capture_output=True, text=True,
        timeout=300, check=False)
    output = done.stdout + done.stderr
    assert done.returncode == 0 and f"--- PASS: {name} " in output, output
    return output


def _run(binary: Path, name: str, script: list[Reply | str]) -> list[Seen]:
    with serving(script) as server:
        go_test(binary, name, server.url)
    return server.requests


# -- pets: parameters, bodies, credentials, retries by method -----------------------------------

_PET = Reply(200, {"id": 1, "name": "Rex"})


def test_query_header_and_cookie_styles(pets_test: Path) -> None:
    seen = _run(pets_test, "TestQueryHeaderAndCookieStyles", [Reply(200, b"[]")])[0]
    url = urlsplit(seen.path)
    assert url.path == "/api/v2/pets"
    assert parse_qsl(url.query) == [
        ("tags", "a"), ("tags", "b"), ("ids", "1,2"), ("names", "x|y"),
        ("filter[color]", "red"), ("filter[size]", "2"), ("kind", "cat"),
        ("api_key", "QKEY-SECRET"),
    ]
    assert seen.headers["X-Trace"] == "t-1"
    assert seen.headers["Cookie"] == "session=s%201"
    assert seen.headers["User-Agent"] == "pets/2.1.0 (specgen; Go)"


def test_cookie_api_key_shares_the_cookie_header(pets_test: Path) -> None:
    seen = _run(pets_test, "TestCookieAPIKey", [Reply(200, b"[]")])[0]
    assert seen.headers["Cookie"] == "session=s; sid=CK"
    assert "api_key" not in seen.path


def test_path_values_are_escaped_and_label_matrix_styles(pets_test: Path) -> None:
    seen = _run(pets_test, "TestPathStyles", [_PET, _PET, Reply(200, "lbl")])
    assert seen[0].path == "/api/v2/pets/..%2Fa%20b%2F%3F%23x"  # security: [] -> no key
    assert seen[1].path == "/api/v2/pets/%2E%2E"
    assert seen[2].path == "/api/v2/pets/.a,b/label;color=red;size=2?api_key=QKEY-SECRET"


def test_a_query_written_into_the_path_is_kept(pets_test: Path) -> None:
    first, second = (urlsplit(s.path) for s in _run(
        pets_test, "TestQueryInThePath", [Reply(200, "lbl"), Reply(200, "lbl")]))
    assert first.path == "/api/v2/pets/a%20b/label"
    assert parse_qsl(first.query) == [("beta", "true"), ("lang", "nb"), ("api_key", "QKEY-SECRET")]
    assert parse_qsl(second.query) == [("beta", "true"), ("api_key", "QKEY-SECRET")]


def test_several_success_statuses(pets_test: Path) -> None:
    seen = _run(pets_test, "TestSeveralSuccessStatuses",
                [Reply(204), Reply(200, {"id": 2, "name": "Tom"}), Reply(204)])
    assert [s.method for s in seen] == ["GET", "GET", "DELETE"]


def test_form_and_multipart_bodies(pets_test: Path) -> None:
    form, multipart = _run(pets_test, "TestFormAndMultipartBodies", [Reply(200, b"[]"), Reply(200)])
    assert form.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form.body == b"q=a+b&limit=3"
    kind = multipart.headers["Content-Type"]
    assert kind.startswith("multipart/form-data; boundary=")
    boundary = kind.split("boundary=")[1].encode()
    parts = multipart.body.split(b"--" + boundary)
    assert b'name="caption"\r\n\r\nhi\r\n' in parts[1] and b'name="weight"\r\n\r\n1.5\r\n' in parts[2]
    assert parts[3] == b"--\r\n"


def test_non_idempotent_post_is_not_retried_on_5xx(pets_test: Path) -> None:
    seen = _run(pets_test, "TestNonIdempotentPostIsNotRetried", [Reply(503), _PET])
    assert len(seen) == 1


def test_get_is_retried_on_5xx(pets_test: Path) -> None:
    assert len(_run(pets_test, "TestGetIsRetried", [Reply(503), _PET])) == 2


def test_post_is_retried_when_the_connection_was_never_made(pets_test: Path) -> None:
    with socket.socket() as s:  # a port that was free: nothing listens on it
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    go_test(pets_test, "TestPostIsRetriedWhenNothingWasSent", f"http://127.0.0.1:{port}")


def test_documented_error_model_and_redacted_url(pets_test: Path) -> None:
    _run(pets_test, "TestDocumentedErrorModel",
         [Reply(404, {"title": "no such owner"}, {"x-request-id": "req-404"})])


def test_an_invalid_body_is_not_sent_unless_validation_is_off(pets_test: Path) -> None:
    seen = _run(pets_test, "TestValidationBeforeSending", [Reply(201, {"id": 1, "name": "Rex"})])
    assert len(seen) == 1 and b'"kind":"bird"' in seen[0].body  # the second call only


def test_server_variables(pets_test: Path) -> None:
    go_test(pets_test, "TestServerVariables", "http://unused.invalid")


def test_secrets_never_reach_errors_formatting_or_logs(pets_test: Path) -> None:
    seen = _run(pets_test, "TestSecretsNeverPrinted", [Reply(500, {"message": "boom"})])
    assert len(seen) == 3 and all("api_key=QKEY-SECRET" in s.path for s in seen)


# -- todos_io: parameters checked, streams (the spec of the Python client's media tests) ---------

_TODO = Reply(201, {"id": "t1", "title": "milk"})
_NDJSON = (b'{"id":"t1","title":"milk"}\n\n{"id":"t2","title":"eggs","done":true}\r\n'
           b'{"id":"t3","title":"no newline at the end"}')
_SSE = (b": a comment\n"
        b"event: created\nid: 7\ndata: {\"id\":\"t1\",\n"
        b"data: \"title\":\"milk\"}\n\n"
        b"retry: 1500\r\ndata:{\"id\":\"t2\",\"title\":\"eggs\"}\r\n\r\n"
        b"event: ignored\n\n")
_NDJSON_REPLY = Reply(200, _NDJSON, {"Content-Type": "application/x-ndjson"})


def test_parameters_are_checked_before_sending(todosio_test: Path) -> None:
    """Path, query, header and cookie parameters go through the compiled validators (problems
    at /{in}/{name}, with the parameter schema's pointer); nothing is sent until they pass."""
    seen = _run(todosio_test, "TestParametersCheckedBeforeSending",
                [Reply(200, b"[]"), Reply(200, b"[]")])
    assert [parse_qsl(urlsplit(s.path).query) for s in seen] == [[("limit", "100")],
                                                                 [("limit", "500")]]
    assert seen[0].headers["X-Tenant"] == "acme"


def test_parameter_and_body_problems_are_reported_together(todosio_test: Path) -> None:
    seen = _run(todosio_test, "TestParameterAndBodyProblemsTogether", [_TODO])
    assert len(seen) == 1 and seen[0].headers["Idempotency-Key"] == "k-123456"
    assert json.loads(seen[0].body) == {"title": "milk"}


def test_ndjson_and_sse_streams(todosio_test: Path) -> None:
    seen = _run(todosio_test, "TestStreams", [
        _NDJSON_REPLY, Reply(200, _SSE, {"Content-Type": "text/event-stream"}),
        Reply(200, b"data: one\ndata: two\n\ndata:three\n\n",
              {"Content-Type": "text/event-stream"})])
    assert [s.path for s in seen] == ["/todos/export", "/todos/events", "/todos/log"]


def test_a_stream_closed_early_and_a_stream_that_does_not_decode(todosio_test: Path) -> None:
    _run(todosio_test, "TestStreamClosedEarlyAndErrors", [
        _NDJSON_REPLY, Reply(404, {"message": "gone"}),
        Reply(200, b'{"id": 1}\n', {"Content-Type": "application/x-ndjson"})])


def test_the_timeout_bounds_the_wait_for_a_streams_headers(todosio_test: Path) -> None:
    slow = Reply(200, _NDJSON, {"Content-Type": "application/x-ndjson"}, delay=1.5)
    assert len(_run(todosio_test, "TestStreamHeadersTimeOut", [slow])) == 1


def test_sse_is_parsed_by_the_whatwg_rules_across_reads(todosio_test: Path) -> None:
    assert _run(todosio_test, "TestSSEAcrossChunks", []) == []


# -- todos: typed response headers, credentials from the environment, the signer ---------------

_JSON = {"Content-Type": "application/json"}
_LIST = {**_JSON, "X-Rate-Limit-Remaining": "41", "X-Request-Cost": "cheap", "X-Flags": "1, 2,3",
         "X-Live": "true"}
_ODD = {**_JSON, "X-Rate-Limit-Remaining": "many", "X-Flags": "1,x", "X-Live": "maybe",
        "X-Request-Cost": "2.5"}
_TODO_7 = Reply(200, {"id": 7, "title": "milk", "done": False}, _JSON)


def test_typed_response_headers(todos_test: Path) -> None:
    """Each declared header in its schema's type (a list item by item), a value that does not
    parse kept as text, an absent one not present; an operation without declared headers
    returns a plain Response."""
    seen = _run(todos_test, "TestTypedResponseHeaders", [
        Reply(200, b'[{"id": 7, "title": "milk"}]', _LIST), Reply(200, b"[]", _ODD),
        Reply(200, b"[]", _JSON), Reply(201, {"id": 7, "title": "milk"}, {"Location": "/todos/7"}),
        _TODO_7])
    assert [s.path for s in seen] == ["/todos?limit=1", "/todos", "/todos", "/todos",
                                      "/todos/7"]


def test_credentials_and_base_url_from_the_environment(credits_test: Path) -> None:
    """The scenario every language's client runs (``ENV_AUTHORIZATIONS``): the base URL, token
    and API key from ``TAMS_CREDITS_*``; an option wins over its variable."""
    with serving([CREDITS_OK]) as server:
        go_test(credits_test, "TestCredentialsFromTheEnvironment", "",
                **credits_environment(server.url))
    assert [s.headers["Authorization"] for s in server.requests] == ENV_AUTHORIZATIONS


def test_the_default_prefix_is_the_spec_title(todos_test: Path) -> None:
    """Without ``env_prefix`` or a top-level ``package``, the variables are named after the
    spec's title (``Todo API``: ``TODO_API_*``), whatever the Go package is called."""
    with serving([_TODO_7]) as server:
        go_test(todos_test, "TestTitlePrefix", "", TODO_API_BASE_URL=server.url,
                TODO_API_TOKEN="from-the-env")
    assert [s.headers["Authorization"] for s in server.requests] == ["Bearer from-the-env"]


_TEXTS = ["bad \x01request", "line\n\tbreak\r\n", "  padded  ", "nbsp\u00a0and\u2028sep",
          "bom\ufeff kept", "c1\x85\x9f gone", "\x00" * 3, "\U0001f600" * 600,
          '\ufeffbom first', '\ufeff{"message": "json after a BOM"}',
          "a" * 499 + "\U0001f600b", "x" * 498 + "\n\ny", "",
         "null", " null\r\n", " \t\r\n ", "NaN", "-Infinity", "404"]
"""Texts whose message tells the rule's details apart (the TypeScript parity test's)."""


def test_a_text_error_body_is_read_by_the_shared_rule(todos_test: Path) -> None:
    """Each text body's message is :func:`generator.analysis.errors.text_body_message` of it
    (as in Python and TypeScript); a ``text/*`` body that is JSON (``null`` too) is read as
    JSON (after a byte order mark too, as Python's and TypeScript's clients read it); an SSE
    body and a non-text body give no message."""
    from generator.analysis.errors import text_body_message

    text = {"Content-Type": "text/plain; charset=utf-8"}
    script: list[Reply | str] = [Reply(400, t.encode(), text) for t in _TEXTS]
    script += [Reply(400, b"bad\n\trequest\xc2\x85!", {"Content-Type": "TEXT/Plain ;x=1"}),
               Reply(400, b'{"message": "from json"}', text),
               Reply(400, b'\xef\xbb\xbf{"message": "json after a BOM"}', text),
               Reply(400, b"data: x\n\n", {"Content-Type": "text/event-stream"}),
               Reply(400, b"not text", {"Content-Type": "application/octet-stream"})]
    with serving(script) as server:
        output = go_test(todos_test, "TestTextMessages", server.url, TEXT_COUNT=str(len(script)))
    found = json.loads(output.split("MESSAGES: ", 1)[1].splitlines()[0])
    assert found[:len(_TEXTS)] == [text_body_message(t) for t in _TEXTS]
    assert found[len(_TEXTS):] == ["bad request!", "from json", "json after a BOM", "", ""]


def test_a_bad_base_url_error_leaves_its_userinfo_out(todos_test: Path) -> None:
    go_test(todos_test, "TestABadBaseURLKeepsItsPassword", "",
            TODO_API_BASE_URL="ftp://user:s3cret@files.example/x")


def test_a_signer_failure_is_its_own_error(todos_test: Path) -> None:
    assert _run(todos_test, "TestSignerFailureIsNotAConnectionError", []) == []


def test_typed_headers_against_prism(todos_test: Path, tmp_path: Path,
                                     prism_executable: Path) -> None:
    """The Location header Prism sends for a created todo is typed."""
    with prism(prism_executable, TODOS, tmp_path / "prism.log") as url:
        go_test(todos_test, "TestPrism", url)


def test_parameter_checks_agree_with_prism(todosio_test: Path, tmp_path: Path,
                                           prism_executable: Path) -> None:
    """Parameters the client passes, Prism accepts; a query and a header parameter the client
    refuses before sending, Prism refuses when they are sent."""
    with prism(prism_executable, TODOS_IO, tmp_path / "prism.log") as url:
        go_test(todosio_test, "TestPrism", url)


# -- credits: retries, timeouts, error bodies ---------------------------------------------------

def _credits(binary: Path, name: str, script: list[Reply | str]) -> list[Seen]:
    seen = _run(binary, name, script)
    for s in seen:
        assert s.headers["Authorization"] == "Bearer tok-SECRET-123"
        assert s.path == "/v1/jobs/credits" and s.method == "POST"
    return seen


def test_retry_after_seconds(credits_test: Path) -> None:
    seen = _credits(credits_test, "TestRetryAfterSeconds",
                    [Reply(429, RPC_400, {"Retry-After": "3"}), CREDITS_OK])
    assert len(seen) == 2 and seen[0].body == seen[1].body == b'{"stages":[{"type":"INPUT_INITIALIZE"}]}'


def test_retry_after_as_an_http_date(credits_test: Path) -> None:
    date = email.utils.formatdate(1_700_000_000 + 7, usegmt=True)
    seen = _credits(credits_test, "TestRetryAfterDate",
                    [Reply(503, b"", {"Retry-After": date}), CREDITS_OK])
    assert len(seen) == 2


def test_retry_after_beyond_the_cap_gives_up(credits_test: Path) -> None:
    seen = _credits(credits_test, "TestRetryAfterBeyondTheCap",
                    [Reply(429, RPC_400, {"Retry-After": "120"}), CREDITS_OK])
    assert len(seen) == 1


def test_503_then_200_backs_off_once(credits_test: Path) -> None:
    assert len(_credits(credits_test, "TestBackoffThenSuccess", [Reply(503), CREDITS_OK])) == 2


def test_persistent_503_exhausts_the_retries(credits_test: Path) -> None:
    assert len(_credits(credits_test, "TestRetriesExhausted", [Reply(503)])) == 3


def test_the_retry_policy_is_configurable(credits_test: Path) -> None:
    assert len(_credits(credits_test, "TestRetryPolicyIsConfigurable", [Reply(503)])) == 5


def test_connection_reset_is_retried(credits_test: Path) -> None:
    assert len(_credits(credits_test, "TestConnectionResetIsRetried", [RESET, CREDITS_OK])) == 2


def test_connection_reset_every_time(credits_test: Path) -> None:
    assert len(_credits(credits_test, "TestConnectionResetEveryTime", [RESET])) == 3


def test_a_slow_response_times_out(credits_test: Path) -> None:
    assert len(_credits(credits_test, "TestTimeout", [Reply(200, {"credits": 1}, delay=1.5)])) == 1


def test_the_context_deadline_bounds_the_call(credits_test: Path) -> None:
    _credits(credits_test, "TestContextDeadline", [Reply(200, {"credits": 1}, delay=1.5)])


def test_non_json_502_gives_its_text(credits_test: Path) -> None:
    _credits(credits_test, "TestNonJSONServerError",
             [Reply(502, "<html>Bad\x07 gateway</html>".replace("\x07 ", " "))])


def test_rpc_status_400(credits_test: Path) -> None:
    _credits(credits_test, "TestRPCStatus400", [Reply(400, RPC_400, {"x-request-id": "req-400"})])


def test_undocumented_status(credits_test: Path) -> None:
    _credits(credits_test, "TestUndocumentedStatus", [Reply(418, {"message": "teapot"})])


def test_a_success_that_is_not_json(credits_test: Path) -> None:
    _credits(credits_test, "TestSuccessThatIsNotJSON", [Reply(200, b"not json")])


def test_an_invalid_body_is_not_sent(credits_test: Path) -> None:
    assert _run(credits_test, "TestInvalidBodyIsNotSent", [CREDITS_OK]) == []


@pytest.fixture(scope="module")
def prism_url(tmp_path_factory: pytest.TempPathFactory,
              prism_executable: Path) -> Iterator[str]:
    log = tmp_path_factory.mktemp("prism") / "prism.log"
    with prism(prism_executable, CREDITS, log) as url:
        yield url


def test_credits_against_prism(credits_test: Path, prism_url: str) -> None:
    """Every fixture request passes Prism's validation and gets the credits back; a request
    that breaks the spec (validation off) is refused by Prism, with its Status body."""
    go_test(credits_test, "TestPrism", prism_url, FIXTURES=str(FIXTURES / "requests"))


# -- the generated README's client examples, as programs of their own ---------------------------

def _readme_program(name: str, marker: str, folder: Path, go: toolchains.GoToolchain) -> Path:
    """The committed module's README block that contains ``marker``, built as a program."""
    module = REPO / "generated" / "go"
    path = re.search(r"^module (\S+)$", (module / "go.mod").read_text(), re.MULTILINE)
    blocks = re.findall(r"```go\n(.*?)```", (module / "README.md").read_text(), re.DOTALL)
    found = [b for b in blocks if marker in b]
    assert path is not None and len(found) == 1, marker
    program = folder / name
    program.mkdir()
    (program / "go.mod").write_text(
        f"module example.com/readme\n\ngo 1.22\n\nrequire {path[1]} v0.0.0\n\n"
        f"replace {path[1]} => {module}\n", encoding="utf-8")
    (program / "main.go").write_text(found[0], encoding="utf-8")
    run(go, ["vet", "."], program)
    run(go, ["build", "-o", "example", "."], program)
    return program


def test_the_readme_client_example_runs_against_prism(
        tmp_path: Path, go: toolchains.GoToolchain, prism_url: str) -> None:
    """The README's first call, copied as it is, gets the credits back from Prism: the client
    reads its base URL and token from $TAMS_CREDITS_BASE_URL and $TAMS_CREDITS_TOKEN."""
    program = _readme_program("client", "credits.NewClient()", tmp_path, go)
    done = subprocess.run([str(program / "example")], cwd=program, capture_output=True, text=True,
                          env={"TAMS_CREDITS_BASE_URL": prism_url,
                               "TAMS_CREDITS_TOKEN": "readme-token"},
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert json.loads(done.stdout) == {"credits": 4.8}


def test_the_readme_signer_signs_what_it_sends(tmp_path: Path, go: toolchains.GoToolchain) -> None:
    """The README's TAMS-SHA256-RSA Signer (standard library only) signs every request so that
    the signature verifies with the public key, over the method, path, timestamp, nonce and
    the exact body bytes."""
    program = _readme_program("signer", "TAMS-SHA256-RSA", tmp_path, go)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    (program / "private_key.pem").write_bytes(key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    with serving([Reply(503), CREDITS_OK]) as server:
        done = subprocess.run([str(program / "example")], cwd=program, capture_output=True,
                              text=True, env={"TAMS_CREDITS_BASE_URL": server.url}, timeout=120,
                              check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert len(server.requests) == 2  # a retry is signed afresh
    nonces = set()
    for seen in server.requests:
        scheme, _, rest = seen.headers["Authorization"].partition(" ")
        fields = dict(part.split("=", 1) for part in rest.split(","))
        assert scheme == "TAMS-SHA256-RSA" and fields["app_id"] == "my-app-id"
        head = f"{seen.method}\n{seen.path}\n{fields['timestamp']}\n{fields['nonce_str']}\n"
        key.public_key().verify(base64.b64decode(fields["signature"]), head.encode() + seen.body,
                                padding.PKCS1v15(), hashes.SHA256())
        nonces.add(fields["nonce_str"])
    assert len(nonces) == 2
