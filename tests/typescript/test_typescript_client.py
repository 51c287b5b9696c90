"""The generated TypeScript client, compiled by ``tsc --strict`` and run by node against the
scripted, fault-injecting loopback server of ``tests/client/client_support.py``: what it sends
(auth header, int64 kept exact, query, header, cookie and path styles as the spec says), what
it does with failures (retries only when safe, ``Retry-After``, backoff, the timeout) and what
its errors say (class per status, the message rule, the URL with secrets redacted, no
credential anywhere). Node runs ``client_driver.mjs``; every wait the retry policy asks for is
recorded by the driver, never slept, so nothing here is timed.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from specgen_testing import REPO
from typescript_support import compile_packages, generate_package

sys.path.insert(0, str(REPO / "tests" / "client"))
from client_support import (
    CREDITS_OK,
    ENV_AUTHORIZATIONS,
    Reply,
    ScriptedServer,
    credits_environment,
    serving,
)

DRIVER = Path(__file__).with_name("client_driver.mjs")
PETS = REPO / "tests" / "client" / "specs" / "pets.yaml"
MEDIA = Path(__file__).with_name("specs") / "media.yaml"
STATUS = {"code": 3, "message": "width must be a multiple of 64", "details": [
    {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "invalid_height_or_width"}]}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The credits and pets packages, compiled to JavaScript (index.js of each)."""
    work = tmp_path_factory.mktemp("ts-client")
    folders = [generate_package(REPO / "spec" / "credits.yaml", work, "tams-credits"),
               generate_package(PETS, work, "pets"), generate_package(MEDIA, work, "media")]
    built = compile_packages(folders, work / "build", emit=True)
    assert built.returncode == 0, built.stdout + built.stderr
    dist = work / "build" / "dist" / "typescript"
    return {"CREDITS": str(dist / "tams-credits" / "src" / "index.js"),
            "PETS": str(dist / "pets" / "src" / "index.js"),
            "MEDIA": str(dist / "media" / "src" / "index.js")}


def drive(packages: dict[str, str], scenario: str, url: str,
          env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run one scenario of the driver (``env``: more environment variables); its JSON answer."""
    node = shutil.which("node")
    assert node is not None, "the TypeScript tests need Node.js 18 or later on PATH"
    done = subprocess.run([node, str(DRIVER), scenario], capture_output=True, text=True,
                          check=False, timeout=120, env={**packages, "URL": url,
                                                         "PATH": str(Path(node).parent),
                                                         **(env or {})})
    assert done.returncode == 0, done.stderr
    answer: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer


def _headers(seen: Any) -> dict[str, str]:
    """The request's headers by lowercase name (fetch sends lowercase names)."""
    return {k.lower(): v for k, v in seen.headers.items()}


def _secretless(answer: dict[str, Any], *secrets: str) -> None:
    text = json.dumps(answer)
    for secret in secrets:
        assert secret not in text, f"{secret} leaked: {text}"


def test_a_call_sends_the_token_and_exact_int64_and_decodes_the_reply(
        packages: dict[str, str]) -> None:
    with serving([Reply(200, {"credits": 1.5, "extra": True})]) as server:
        answer = drive(packages, "credits", server.url)
    assert answer["ok"], answer
    result = answer["result"]
    assert result["data"] == {"credits": 1.5, "extra": True} == result["grouped"]
    assert result["status"] == 200 and result["contentType"] == "application/json"
    assert len(server.requests) == 2
    seen = server.requests[0]
    assert (seen.method, seen.path) == ("POST", "/v1/jobs/credits")
    headers = _headers(seen)
    assert headers["authorization"] == "Bearer TOKEN-SECRET"
    assert headers["content-type"] == "application/json"
    assert headers["accept"] == "application/json"
    assert b'"seed":4294967295' in seen.body  # a bigint, written as a JSON number
    assert json.loads(seen.body)["stages"][1]["diffusion"]["height"] == "768"  # as given
    _secretless(result["shown"], "TOKEN-SECRET")
    assert result["shown"][0].startswith("Client(") and "token=***" in result["shown"][0]


def test_the_standalone_function_and_the_api_key_header(packages: dict[str, str]) -> None:
    with serving([Reply(200, {"credits": 2})]) as server:
        answer = drive(packages, "standalone", server.url)
    assert answer == {"ok": True, "result": {"credits": 2}, "sleeps": []}
    assert _headers(server.requests[0])["authorization"] == "KEY-SECRET"


def test_credentials_and_base_url_from_the_environment(packages: dict[str, str]) -> None:
    """The scenario every language's client runs (``ENV_AUTHORIZATIONS``): the base URL, token
    and API key from ``TAMS_CREDITS_*`` (``process.env``); an option wins over its variable.
    A credential from the environment is never shown either."""
    with serving([CREDITS_OK]) as server:
        answer = drive(packages, "environment", "", credits_environment(server.url))
    assert answer["ok"], answer
    assert [_headers(s)["authorization"] for s in server.requests] == ENV_AUTHORIZATIONS
    shown = answer["result"]["shown"]
    assert shown[:3] == [f"Client({server.url}/, apiKey=***, token=***)",  # redactUrl's form
                         f"CoreClient({server.url}/, apiKey=***, token=***)",
                         f"Client({server.url}/, apiKey=***)"]
    _secretless(answer, "env-token", "env-key", "from-the-option")


def test_without_process_env_the_client_reads_no_environment(packages: dict[str, str]) -> None:
    """Where there is no ``process`` (a browser), or reading the environment throws (Deno
    without ``--allow-env``), the client is made from its options alone."""
    answer = drive(packages, "withoutProcess", "", credits_environment("http://127.0.0.1:9"))
    assert answer == {"ok": True, "sleeps": [], "result": {"shown": [
        "Client(https://ap-east-1.tensorart.cloud/)",
        "Client(https://ap-east-1.tensorart.cloud/, apiKey=***)"]}}


def test_retry_after_is_obeyed_for_an_idempotent_operation(packages: dict[str, str]) -> None:
    with serving([Reply(503, headers={"Retry-After": "2"}), Reply(429, {}),
                  Reply(200, {"credits": 3})]) as server:
        answer = drive(packages, "retryAfter", server.url)
    assert answer["ok"] and answer["result"] == {"credits": 3}, answer
    assert len(server.requests) == 3
    assert answer["sleeps"][0] == 2000
    assert 150 <= answer["sleeps"][1] <= 200  # the second wait: backoff 200 ms, 25 % jitter


def test_retries_end_and_the_last_error_is_thrown(packages: dict[str, str]) -> None:
    with serving([Reply(500, "boom")]) as server:
        answer = drive(packages, "retryAfter", server.url)
    assert not answer["ok"] and answer["error"]["name"] == "ServerError"
    assert len(server.requests) == 3 and len(answer["sleeps"]) == 2
    assert 75 <= answer["sleeps"][0] <= 100 and 150 <= answer["sleeps"][1] <= 200


def test_a_retry_after_beyond_the_limit_ends_the_retries(packages: dict[str, str]) -> None:
    with serving([Reply(503, headers={"Retry-After": "3600"})]) as server:
        answer = drive(packages, "retryAfter", server.url)
    assert answer["error"]["status"] == 503 and answer["sleeps"] == []
    assert len(server.requests) == 1


def test_a_post_that_is_not_idempotent_is_not_retried(packages: dict[str, str]) -> None:
    with serving([Reply(500, {"title": "down"})]) as server:
        answer = drive(packages, "problem", server.url)
    assert answer["error"]["name"] == "ServerError" and len(server.requests) == 1
    with serving([Reply(502), Reply(200, {"id": 1, "name": "Rex"})]) as server:
        answer = drive(packages, "getRetried", server.url)
    assert answer["result"] == {"id": 1, "name": "Rex"} and len(server.requests) == 2


def test_the_timeout_ends_an_attempt_and_is_retried_when_safe(packages: dict[str, str]) -> None:
    with serving([Reply(200, {"credits": 1}, delay=1.5)]) as server:
        answer = drive(packages, "timeout", server.url)
    error = answer["error"]
    assert error["name"] == "ApiTimeoutError", answer
    assert error["classes"] == ["ApiTimeoutError", "ApiConnectionError", "ApiError"]
    assert error["message"] == (f"calcCreditsJob: POST {server.url}/v1/jobs/credits failed: "
                                "no response within 300 ms")
    assert len(server.requests) == 3 and len(answer["sleeps"]) == 2


def test_a_status_error_says_what_the_server_said(packages: dict[str, str]) -> None:
    reply = Reply(400, STATUS, headers={"x-request-id": "req-7"})
    with serving([reply]) as server:
        answer = drive(packages, "statusError", server.url)
    error = answer["error"]
    assert error["classes"] == ["BadRequestError", "ApiStatusError", "ApiError"]
    assert error["message"] == (
        f"calcCreditsJob: HTTP 400 from POST {server.url}/v1/jobs/credits: "
        "width must be a multiple of 64 (request id req-7)")
    assert error["status"] == 400 and error["method"] == "POST"
    assert error["serverMessage"] == "width must be a multiple of 64"
    assert (error["code"], error["reason"], error["requestId"]) == (3, "invalid_height_or_width", "req-7")
    assert json.loads(error["body"]) == STATUS == error["model"]
    assert error["inspected"].startswith("BadRequestError: calcCreditsJob: HTTP 400")
    _secretless(answer, "TOKEN-SECRET")


def test_an_error_url_has_its_secrets_redacted(packages: dict[str, str]) -> None:
    with serving([Reply(404, {"title": "no such owner"})]) as server:
        answer = drive(packages, "problem", server.url)
    error = answer["error"]
    assert error["name"] == "NotFoundError"
    assert error["message"] == (f"createPet: HTTP 404 from POST {server.url}/api/v2/pets"
                                "?api_key=REDACTED: no such owner")
    assert "QKEY-SECRET" in server.requests[0].path  # it was sent, and shown nowhere
    _secretless(answer, "QKEY-SECRET")
    redacted = drive(packages, "redact", server.url)["result"]["redacted"]
    assert redacted == "https://h.example/x?token=REDACTED&a=2&my_sig=REDACTED&api_key=REDACTED&q=REDACTED"


def test_a_text_error_body_is_the_message(packages: dict[str, str]) -> None:
    with serving([Reply(400, b"bad \x01request", headers={"Content-Type": "text/plain"})]) as server:
        answer = drive(packages, "statusError", server.url)
    assert answer["error"]["serverMessage"] == "bad request"


def test_an_invalid_body_is_refused_before_sending_with_every_problem(
        packages: dict[str, str]) -> None:
    with serving([Reply(200, {"credits": 1})]) as server:
        answer = drive(packages, "invalid", server.url)
        unchecked = drive(packages, "unchecked", server.url)
    error = answer["error"]
    assert error["name"] == "RequestValidationError"
    problems = {(p["instancePath"], p["code"]) for p in error["problems"]}
    assert ("/stages/0/diffusion/width", "invalid_height_or_width") in problems
    assert ("/stages/0/diffusion/height", "minimum") in problems
    assert len(error["problems"]) >= 3
    assert unchecked["ok"] and len(server.requests) == 1  # only the unchecked call was sent


def test_query_header_and_cookie_styles(packages: dict[str, str]) -> None:
    with serving([Reply(200, b"[]", headers={"Content-Type": "application/json"})]) as server:
        answer = drive(packages, "query", server.url)
    assert answer["ok"] and answer["result"] == [], answer
    seen = server.requests[0]
    url = urlsplit(seen.path)
    assert url.path == "/api/v2/pets"
    assert parse_qsl(url.query) == [
        ("tags", "a"), ("tags", "b"), ("ids", "1,2"), ("names", "x|y"),
        ("filter[color]", "red"), ("filter[size]", "2"), ("kind", "cat"),
        ("api_key", "QKEY-SECRET"),
    ]
    assert _headers(seen)["x-trace"] == "t-1"
    assert _headers(seen)["cookie"] == "session=s%201"


def test_path_values_are_escaped_and_label_matrix_styles(packages: dict[str, str]) -> None:
    pet = {"id": 1, "name": "Rex"}
    with serving([Reply(200, pet), Reply(200, "lbl", {"Content-Type": "text/plain"}),
                  Reply(200, "beta", {"Content-Type": "text/plain"})]) as server:
        answer = drive(packages, "paths", server.url)
        dots = drive(packages, "dots", server.url)
    assert answer["result"] == [pet, "lbl", "beta"], answer
    # a URL resolves "..", encoded or not: refused before sending (httpx can send %2E%2E)
    assert dots["error"] == {**dots["error"], "name": "RangeError",
                             "message": 'getPet: the path parameter petId cannot be ".."'}
    paths = [r.path for r in server.requests]
    assert len(paths) == 3
    assert paths[0] == "/api/v2/pets/..%2Fa%20b%2F%3F%23x"  # security: [] -> no key either
    assert paths[1].startswith("/api/v2/pets/.a,b/label;color=red;size=2?")
    first = urlsplit(paths[2])
    assert first.path == "/api/v2/pets/a%20b/label"
    assert parse_qsl(first.query) == [("beta", "true"), ("lang", "nb"), ("api_key", "QKEY-SECRET")]


def test_server_variables_fill_in_the_base_url(packages: dict[str, str]) -> None:
    answer = drive(packages, "serverVariables", "http://unused")
    assert answer["result"] == {"baseUrl": "https://us.pets.example/api/v2",
                                "fallback": "https://eu.pets.example/api/v2"}


def test_scripted_server_records_nothing_unasked(packages: dict[str, str]) -> None:
    """A connection reset on a POST that is not idempotent is an ApiConnectionError, once."""
    server = ScriptedServer(["reset"])
    server.start()
    try:
        answer = drive(packages, "problem", server.url)
    finally:
        server.stop()
    assert answer["error"]["name"] == "ApiConnectionError" and len(server.requests) == 1
    assert answer["error"]["url"] == f"{server.url}/api/v2/pets?api_key=REDACTED"


def test_streams_are_async_iterators_and_bodies_go_by_media_kind(packages: dict[str, str]) -> None:
    """NDJSON: one decoded value a line (int64 text to a number, beyond 2^53 exact); SSE:
    events with JSON data, the last id and retry kept as the stream sets them; a text body sent as given, bytes back as bytes."""
    ndjson = b'{"id": "9007199254740993", "kind": "a"}\n\n{"id": 2}\n'
    sse = (b": comment\nevent: tick\nid: 7\ndata: {\"id\": \"5\",\n"
           b"data: \"kind\": \"b\"}\nretry: 1500\n\ndata: {\"id\": 6}\n\n")
    with serving([Reply(200, ndjson, {"Content-Type": "application/x-ndjson"}),
                  Reply(200, sse, {"Content-Type": "text/event-stream"}),
                  Reply(200, b"\x00\x01")]) as server:
        answer = drive(packages, "streams", server.url)
    assert answer["ok"], answer
    assert answer["result"] == {
        "lines": [{"id": 9007199254740993, "kind": "a"}, {"id": 2}],
        "events": [{"event": "tick", "data": {"id": 5, "kind": "b"}, "id": "7", "retry": 1500},
                   {"event": "message", "data": {"id": 6}, "id": "7", "retry": 1500}],
        "stored": [0, 1],
    }
    put = server.requests[2]
    assert (put.method, put.body, _headers(put)["content-type"]) == ("PUT", b"a note", "text/plain")


def test_a_redirect_is_not_followed_so_credentials_stay_with_the_base_url(
        packages: dict[str, str]) -> None:
    with serving([Reply(200, {"credits": 9})]) as elsewhere, serving(
            [Reply(307, headers={"Location": f"{elsewhere.url}/v1/jobs/credits"})]) as server:
        answer = drive(packages, "statusError", server.url)
    assert answer["error"]["status"] == 307 and answer["error"]["name"] == "ApiStatusError"
    assert len(server.requests) == 1 and elsewhere.requests == []


def test_a_nested_deep_object_is_sent_as_stripe_reads_it(packages: dict[str, str]) -> None:
    with serving([Reply(200, {})]) as server:
        answer = drive(packages, "deepObject", server.url)
    assert answer["ok"], answer
    url = urlsplit(server.requests[0].path)
    assert parse_qsl(url.query) == [
        ("created[gte]", "1"), ("created[range][lt]", "9007199254740993"),
        ("created[ids][0]", "a"), ("created[ids][1]", "b c"), ("expand", "x"), ("expand", "y"),
    ]
