"""The generated client against Prism, an independent server that validates every request
against spec/credits.yaml (mock mode, ``--errors``: a violation becomes a 4xx and an
``sl-violations`` header).

The test run installs Prism itself on first use (``toolchains.prism()``: the pinned
``@stoplight/prism-cli`` from npm into ``tests/client/.prism``, ignored by git); without npm these
tests fail, saying what to install — they never skip.
"""

from __future__ import annotations

import asyncio
import json
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from specgen_testing import FIXTURES, REPO

SPEC = REPO / "spec" / "credits.yaml"
STARTUP_SECONDS = 90


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_listening(proc: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"prism exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        if "Prism is listening" in log.read_text(errors="replace"):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                pass
        time.sleep(0.2)
    pytest.fail(f"prism did not listen within {STARTUP_SECONDS} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def prism(
    tmp_path_factory: pytest.TempPathFactory, prism_executable: Path
) -> Iterator[tuple[str, Path]]:
    port = _free_port()
    log = tmp_path_factory.mktemp("prism") / "prism.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(prism_executable), "mock", str(SPEC), "-h", "127.0.0.1", "-p", str(port), "--errors"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
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


def _requests() -> list[tuple[str, dict[str, Any]]]:
    files = sorted((FIXTURES / "requests").glob("*.json"))
    assert files
    return [(f.stem, json.loads(f.read_text(encoding="utf-8"))) for f in files]


class _Violations:
    """An httpx response hook that records Prism's ``sl-violations`` header."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.statuses: list[int] = []

    def __call__(self, response: httpx.Response) -> None:
        self.statuses.append(response.status_code)
        if "sl-violations" in response.headers:
            self.found.append(response.headers["sl-violations"])


def test_valid_requests_pass_prism_validation_sync(
    generated_package: Path, prism: tuple[str, Path]
) -> None:
    import tams_credits

    url, log = prism
    hook = _Violations()
    http = httpx.Client(event_hooks={"response": [hook]}, timeout=30)
    with tams_credits.Client(base_url=url, token="prism-token", http_client=http) as client:
        for name, data in _requests():
            result = client.calc_credits_job(tams_credits.CreditsRequest.from_dict(data))
            assert isinstance(result, tams_credits.CreditsResponse), name
            assert result.credits == 4.8, name
        stages = tams_credits.CreditsRequest.from_dict(_requests()[0][1]).stages
        assert client.calc_credits_job(stages=stages).credits == 4.8
    http.close()
    assert hook.found == [] and set(hook.statuses) == {200}
    assert "Violation" not in log.read_text(errors="replace")


def test_valid_requests_pass_prism_validation_async(
    generated_package: Path, prism: tuple[str, Path]
) -> None:
    import tams_credits

    url, _ = prism
    hook = _Violations()

    async def run() -> list[Any]:
        async def on_response(response: httpx.Response) -> None:
            hook(response)

        http = httpx.AsyncClient(event_hooks={"response": [on_response]}, timeout=30)
        async with tams_credits.AsyncClient(base_url=url, token="t", http_client=http) as client:
            out = [await client.calc_credits_job(tams_credits.CreditsRequest.from_dict(data))
                   for _, data in _requests()]
        await http.aclose()
        return out

    results = asyncio.run(run())
    assert all(isinstance(r, tams_credits.CreditsResponse) and r.credits == 4.8 for r in results)
    assert hook.found == [] and set(hook.statuses) == {200}


def test_prism_does_reject_what_breaks_the_spec(
    generated_package: Path, prism: tuple[str, Path]
) -> None:
    """The control: Prism really validates, so the clean runs above mean something."""
    import tams_credits

    url, _ = prism
    hook = _Violations()
    http = httpx.Client(event_hooks={"response": [hook]}, timeout=30)
    bad = tams_credits.CreditsRequest(stages=[tams_credits.Stage(type_="NOT_A_STAGE")])
    with (
        tams_credits.Client(base_url=url, token="t", http_client=http) as client,
        pytest.raises(tams_credits.BadRequestError) as info,
    ):
        client.calc_credits_job(bad, validate=False)
    http.close()
    assert info.value.code == 3 and isinstance(info.value.model, tams_credits.Status)
    assert len(hook.found) == 1 and "stages.0.type" in hook.found[0]
