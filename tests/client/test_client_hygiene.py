"""Secrets stay secret, TLS is verified, timeouts are finite, credentials stay on the base URL,
and a request that breaks the spec is never sent."""

from __future__ import annotations

import ssl
import traceback
from pathlib import Path
from typing import Any

import httpx
import pytest
from client_support import (
    CREDITS_ENV_PREFIX,
    CREDITS_OK,
    ENV_AUTHORIZATIONS,
    FakeClock,
    Reply,
    credits_environment,
    serving,
)

TOKEN = "tok-SECRET-123"


@pytest.fixture()
def tams(generated_package: Path) -> Any:
    import tams_credits

    return tams_credits


def _request(tams: Any) -> Any:
    return tams.CreditsRequest(stages=[tams.Stage(type_=tams.StageType.DIFFUSION)])


def test_token_is_not_in_reprs_exceptions_or_debug_logs(
    tams: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    for name in ("httpx", "httpcore", "tams_credits"):
        caplog.set_level("DEBUG", logger=name)
    with serving([Reply(503), Reply(401, {"code": 16, "message": "bad token"})]) as server:
        client = tams.Client(base_url=server.url, token=TOKEN, api_key="KEY-SECRET",
                             clock=FakeClock())
        with pytest.raises(tams.AuthenticationError) as info:
            client.calc_credits_job(_request(tams))
        client.close()
    assert server.requests[0].headers["Authorization"] == f"Bearer {TOKEN}"
    assert "retry 1 of 2" in caplog.text  # the retry was logged …
    chain = "".join(traceback.format_exception(info.value))
    for text in (caplog.text, repr(client), str(client), chain, repr(vars(client)),
                 repr(info.value.__dict__)):
        assert TOKEN not in text and "KEY-SECRET" not in text


def test_credentials_and_base_url_from_the_environment(
        tams: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The scenario every language's client runs (``ENV_AUTHORIZATIONS``): the base URL, token
    and API key from ``TAMS_CREDITS_*``; an argument wins over its variable."""
    with serving([CREDITS_OK]) as server:
        for name, value in credits_environment(server.url).items():
            monkeypatch.setenv(name, value)
        with tams.Client() as client:
            client.calc_credits_job(_request(tams))
        monkeypatch.setenv(f"{CREDITS_ENV_PREFIX}_BASE_URL", "http://127.0.0.1:9")
        with tams.Client(base_url=server.url, token="from-the-option") as client:
            client.calc_credits_job(_request(tams))
        with tams.Client(base_url=server.url, token="") as client:
            client.calc_credits_job(_request(tams))
    assert [s.headers["Authorization"] for s in server.requests] == ENV_AUTHORIZATIONS


def test_custom_httpx_auth_is_applied(tams: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TAMS_CREDITS_TOKEN", raising=False)

    class Signer(httpx.Auth):
        def auth_flow(self, request: httpx.Request) -> Any:
            request.headers["Authorization"] = f"Signed {len(request.content)}"
            yield request

    with serving([CREDITS_OK]) as server, tams.Client(base_url=server.url, auth=Signer()) as client:
        client.calc_credits_job(_request(tams))
    body = server.requests[0].body
    assert server.requests[0].headers["Authorization"] == f"Signed {len(body)}"


def test_redirects_are_not_followed(tams: Any) -> None:
    with serving([Reply(200, {"credits": 1})]) as elsewhere:
        moved = Reply(307, b"", {"Location": elsewhere.url + "/steal"})
        with (
            serving([moved]) as server,
            tams.Client(base_url=server.url, token=TOKEN, clock=FakeClock()) as client,
            pytest.raises(tams.ApiStatusError) as info,
        ):
            client.calc_credits_job(_request(tams))
    assert elsewhere.requests == [] and len(server.requests) == 1
    assert info.value.status_code == 307 and "redirect not followed" in info.value.note
    assert str(info.value) == f"calcCreditsJob: HTTP 307 from POST {server.url}/v1/jobs/credits"


def test_redirects_are_not_followed_even_with_a_following_http_client(tams: Any) -> None:
    with (
        serving([Reply(200, {"credits": 1})]) as elsewhere,
        serving([Reply(302, b"", {"Location": elsewhere.url})]) as server,
    ):
        http = httpx.Client(follow_redirects=True)
        client = tams.Client(base_url=server.url, token=TOKEN, http_client=http)
        with pytest.raises(tams.ApiStatusError):
            client.calc_credits_job(_request(tams))
        client.close()
        assert not http.is_closed  # a passed-in client is the caller's to close
        http.close()
    assert elsewhere.requests == []


def test_tls_is_verified_and_timeouts_are_finite_by_default(tams: Any) -> None:
    client = tams.Client(token=TOKEN)
    pool = client._http._transport._pool
    assert pool._ssl_context.verify_mode == ssl.CERT_REQUIRED
    assert pool._ssl_context.check_hostname is True
    seen: list[dict[str, Any]] = []
    hooks = {"request": [lambda r: seen.append(r.extensions["timeout"])]}
    with serving([CREDITS_OK]) as server:
        with tams.Client(base_url=server.url, http_client=httpx.Client(event_hooks=hooks)) as c:
            c.calc_credits_job(_request(tams), timeout=None)
        with tams.Client(base_url=server.url) as c:
            c._http.event_hooks = hooks
            c.calc_credits_job(_request(tams))
            c.calc_credits_job(_request(tams), timeout=httpx.Timeout(3.0, connect=1.0))
    assert seen[0] == {"connect": None, "read": None, "write": None, "pool": None}
    assert seen[1] == {"connect": 10.0, "read": 60.0, "write": 60.0, "pool": 60.0}
    assert seen[2] == {"connect": 1.0, "read": 3.0, "write": 3.0, "pool": 3.0}
    client.close()


class _Finding:
    def __init__(self, path: str, code: str, message: str) -> None:
        self.instance_path, self.code, self.message = path, code, message
        self.schema_path, self.keyword = "credits.yaml#/components/schemas/X", "minimum"


def _call(tams: Any, findings: list[_Finding]) -> Any:
    from tams_credits import _http

    return _http.Call(
        operation="calcCreditsJob", method="POST", path="/v1/jobs/credits",
        parse=lambda r: r.json(), body=_http.Body("application/json", {"stages": []}),
        validator=lambda value: findings, idempotent=True,
    )


def test_pre_send_validation_lists_every_problem_and_sends_nothing(tams: Any) -> None:
    findings = [_Finding("/stages/0/inputInitialize/count", "invalid_samples", "must be <= 4"),
                _Finding("/stages/1/diffusion/width", "invalid_height_or_width", "not x64")]
    options = {"timeout": tams.NOT_GIVEN, "max_retries": None}
    with serving([CREDITS_OK]) as server:
        with tams.Client(base_url=server.url, token=TOKEN) as client:
            with pytest.raises(tams.RequestValidationError) as info:
                client._send(_call(tams, findings), validate=None, **options)
            assert server.requests == []
            assert client._send(_call(tams, findings), validate=False, **options) == {
                "credits": 4.8}
        with tams.Client(base_url=server.url, token=TOKEN, validate=False) as client:
            client._send(_call(tams, findings), validate=None, **options)
    assert len(server.requests) == 2
    error = info.value
    assert [(p.pointer, p.code) for p in error.problems] == [
        ("/stages/0/inputInitialize/count", "invalid_samples"),
        ("/stages/1/diffusion/width", "invalid_height_or_width"),
    ]
    assert isinstance(error, tams.ApiError) and "nothing was sent" in str(error)
    assert "invalid_samples" in str(error) and "invalid_height_or_width" in str(error)
