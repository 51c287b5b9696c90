"""The generated client against a fault-injecting server on loopback, with a fake clock.

Each test asserts the exact number of attempts, the exact waits and the exception's type and
fields. Jitter is pinned: the fake clock's random() is 0.5, so the first backoff is
0.5 s * (1 - 0.25 * 0.5) = 0.4375 s and the second 0.875 s.
"""

from __future__ import annotations

import asyncio
import email.utils
from pathlib import Path
from typing import Any

import pytest
from client_support import CREDITS_OK, RESET, RPC_400, FakeClock, Reply, serving

FIRST, SECOND = 0.4375, 0.875


@pytest.fixture()
def tams(generated_package: Path) -> Any:
    import tams_credits

    return tams_credits


def _client(tams: Any, url: str, clock: FakeClock, **kw: Any) -> Any:
    return tams.Client(base_url=url, token="tok-SECRET-123", clock=clock, **kw)


def _request(tams: Any) -> Any:
    return tams.CreditsRequest(stages=[tams.Stage(type_=tams.StageType.INPUT_INITIALIZE)])


def test_429_with_retry_after_seconds_is_retried_after_that_wait(tams: Any) -> None:
    clock = FakeClock()
    with (
        serving([Reply(429, RPC_400, {"Retry-After": "3"}), CREDITS_OK]) as server,
        _client(tams, server.url, clock) as client,
    ):
        result = client.calc_credits_job(_request(tams))
    assert isinstance(result, tams.CreditsResponse) and result.credits == 4.8
    assert len(server.requests) == 2
    assert clock.sleeps == [3.0]


def test_retry_after_as_an_http_date(tams: Any) -> None:
    clock = FakeClock()
    date = email.utils.formatdate(clock.now() + 7, usegmt=True)
    with (
        serving([Reply(503, b"", {"Retry-After": date}), CREDITS_OK]) as server,
        _client(tams, server.url, clock) as client,
    ):
        client.calc_credits_job(_request(tams))
    assert len(server.requests) == 2
    assert clock.sleeps == [7.0]


def test_retry_after_beyond_the_cap_gives_up(tams: Any) -> None:
    clock = FakeClock()
    with (
        serving([Reply(429, RPC_400, {"Retry-After": "3600"})]) as server,
        _client(tams, server.url, clock) as client,
        pytest.raises(tams.RateLimitError),
    ):
        client.calc_credits_job(_request(tams))
    assert len(server.requests) == 1
    assert clock.sleeps == []


def test_503_then_200_backs_off_once(tams: Any) -> None:
    clock = FakeClock()
    with (
        serving([Reply(503, b"busy"), CREDITS_OK]) as server,
        _client(tams, server.url, clock) as client,
    ):
        assert client.calc_credits_job(stages=_request(tams).stages).credits == 4.8
    assert len(server.requests) == 2
    assert clock.sleeps == [FIRST]


def test_persistent_503_exhausts_the_retries(tams: Any) -> None:
    clock = FakeClock()
    with (
        serving([Reply(503, RPC_400, {"x-request-id": "r-503"})]) as server,
        _client(tams, server.url, clock) as client,
        pytest.raises(tams.ServerError) as info,
    ):
        client.calc_credits_job(_request(tams))
    assert len(server.requests) == 3
    assert clock.sleeps == [FIRST, SECOND]
    assert info.value.status_code == 503 and info.value.request_id == "r-503"


def test_retries_are_configurable_per_client_and_per_call(tams: Any) -> None:
    clock = FakeClock()
    policy = tams.RetryPolicy(max_retries=4, initial_delay=1.0, jitter=0.0)
    with (
        serving([Reply(500, b"")]) as server,
        _client(tams, server.url, clock, retry=policy) as client,
    ):
        with pytest.raises(tams.ServerError):
            client.calc_credits_job(_request(tams))
        assert clock.sleeps == [1.0, 2.0, 4.0, 8.0]
        clock.sleeps.clear()
        with pytest.raises(tams.ServerError):
            client.calc_credits_job(_request(tams), max_retries=0)
    assert len(server.requests) == 5 + 1
    assert clock.sleeps == []


def test_connection_reset_is_retried(tams: Any) -> None:
    clock = FakeClock()
    with serving([RESET, CREDITS_OK]) as server, _client(tams, server.url, clock) as client:
        assert client.calc_credits_job(_request(tams)).credits == 4.8
    assert len(server.requests) == 2
    assert clock.sleeps == [FIRST]


def test_connection_reset_every_time_is_a_connection_error(tams: Any) -> None:
    clock = FakeClock()
    with (
        serving([RESET]) as server,
        _client(tams, server.url, clock) as client,
        pytest.raises(tams.ApiConnectionError) as info,
    ):
        client.calc_credits_job(_request(tams))
    assert len(server.requests) == 3 and clock.sleeps == [FIRST, SECOND]
    assert not isinstance(info.value, tams.ApiTimeoutError)
    assert info.value.operation == "calcCreditsJob" and info.value.path == "/v1/jobs/credits"


def test_slow_response_past_the_read_timeout(tams: Any) -> None:
    clock = FakeClock()
    with (
        serving([Reply(200, {"credits": 1}, delay=1.0)]) as server,
        _client(tams, server.url, clock, timeout=0.2) as client,
        pytest.raises(tams.ApiTimeoutError) as info,
    ):
        client.calc_credits_job(_request(tams), max_retries=1)
    assert len(server.requests) == 2 and clock.sleeps == [FIRST]
    assert "ReadTimeout" in info.value.reason
    assert isinstance(info.value, tams.ApiConnectionError)


def test_per_call_timeout_overrides_the_client_default(tams: Any) -> None:
    clock = FakeClock()
    with (
        serving([Reply(200, {"credits": 1}, delay=0.6)]) as server,
        _client(tams, server.url, clock) as client,
    ):
        with pytest.raises(tams.ApiTimeoutError):
            client.calc_credits_job(_request(tams), timeout=0.1, max_retries=0)
        assert client.calc_credits_job(_request(tams), timeout=5.0).credits == 1
    assert len(server.requests) == 2


def test_non_json_502_is_a_clear_server_error(tams: Any) -> None:
    clock = FakeClock()
    with (
        serving([Reply(502, "<html>Bad gateway</html>")]) as server,
        _client(tams, server.url, clock) as client,
        pytest.raises(tams.ServerError) as info,
    ):
        client.calc_credits_job(_request(tams), max_retries=0)
    error = info.value
    assert len(server.requests) == 1 and clock.sleeps == []
    assert error.status_code == 502 and error.body is None and error.model is None
    assert error.content == b"<html>Bad gateway</html>"
    # a text/* body that is not JSON is the message (the contract's message rule)
    assert error.message == "<html>Bad gateway</html>"
    assert str(error) == (f"calcCreditsJob: HTTP 502 from POST {server.url}/v1/jobs/credits: "
                          "<html>Bad gateway</html>")


def test_rpc_status_400_carries_the_documented_error_code(tams: Any) -> None:
    clock = FakeClock()
    with (
        serving([Reply(400, RPC_400, {"X-Request-Id": "req-400"})]) as server,
        _client(tams, server.url, clock) as client,
        pytest.raises(tams.BadRequestError) as info,
    ):
        client.calc_credits_job(_request(tams))
    error = info.value
    assert len(server.requests) == 1 and clock.sleeps == []  # a 400 is never retried
    assert (error.status_code, error.code, error.message) == (400, 3, "invalid parameters")
    assert error.reason == "invalid_samples"
    assert error.details[0]["@type"] == "type.googleapis.com/google.rpc.ErrorInfo"
    assert error.request_id == "req-400"
    assert isinstance(error.model, tams.Status) and error.model.code == 3
    assert isinstance(error, tams.ApiStatusError) and isinstance(error, tams.ApiError)
    assert str(error) == (f"calcCreditsJob: HTTP 400 from POST {server.url}/v1/jobs/credits: "
                          "invalid parameters (request id req-400)")


def test_401_is_an_authentication_error_without_the_token(tams: Any) -> None:
    clock = FakeClock()
    body = {"code": 16, "message": "unauthenticated", "details": []}
    with (
        serving([Reply(401, body)]) as server,
        _client(tams, server.url, clock) as client,
        pytest.raises(tams.AuthenticationError) as info,
    ):
        client.calc_credits_job(_request(tams))
    assert len(server.requests) == 1 and clock.sleeps == []
    assert server.requests[0].headers["Authorization"] == "Bearer tok-SECRET-123"
    assert info.value.code == 16 and info.value.reason is None
    for text in (str(info.value), repr(info.value), repr(vars(info.value))):
        assert "tok-SECRET-123" not in text


def test_undocumented_status_still_raises_clearly(tams: Any) -> None:
    with (
        serving([Reply(418, "short and stout")]) as server,
        _client(tams, server.url, FakeClock()) as client,
        pytest.raises(tams.ApiStatusError) as info,
    ):
        client.calc_credits_job(_request(tams))
    assert type(info.value) is tams.ApiStatusError
    assert info.value.status_code == 418 and "short and stout" in str(info.value)


def test_success_with_a_body_that_is_not_json(tams: Any) -> None:
    with (
        serving([Reply(200, "<html>")]) as server,
        _client(tams, server.url, FakeClock()) as client,
        pytest.raises(tams.ResponseDecodeError) as info,
    ):
        client.calc_credits_job(_request(tams))
    assert info.value.status_code == 200 and info.value.content == b"<html>"


def test_async_client_retries_with_the_same_rules(tams: Any) -> None:
    clock = FakeClock()

    async def run(url: str) -> Any:
        async with tams.AsyncClient(base_url=url, token="t", clock=clock) as client:
            return await client.calc_credits_job(_request(tams))

    with serving([Reply(503, b""), Reply(429, b"", {"Retry-After": "2"}), CREDITS_OK]) as server:
        result = asyncio.run(run(server.url))
    assert result.credits == 4.8
    assert len(server.requests) == 3 and clock.sleeps == [FIRST, 2.0]


def test_async_client_maps_errors(tams: Any) -> None:
    async def run(url: str) -> Any:
        async with tams.AsyncClient(base_url=url, token="t", clock=FakeClock()) as client:
            return await client.calc_credits_job(_request(tams))

    with serving([Reply(400, RPC_400)]) as server, pytest.raises(tams.BadRequestError) as info:
        asyncio.run(run(server.url))
    assert info.value.reason == "invalid_samples" and len(server.requests) == 1
