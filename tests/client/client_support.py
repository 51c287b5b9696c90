"""A scripted, fault-injecting HTTP server on loopback and a fake clock, for the client tests.

Each request the server receives takes the next step of its script (the last step repeats):
a status with headers and a body, a connection reset, or a response that comes too late.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

RESET = "reset"


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes | dict[str, Any] | str = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0

    def payload(self) -> tuple[bytes, str]:
        if isinstance(self.body, dict):
            return json.dumps(self.body).encode(), "application/json"
        if isinstance(self.body, str):
            return self.body.encode(), "text/html"
        return self.body, "application/octet-stream"


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class ScriptedServer:
    """``script`` entries are :class:`Reply` or :data:`RESET`; ``requests`` records what came."""

    def __init__(self, script: list[Reply | str]) -> None:
        self.script = list(script)
        self.requests: list[Seen] = []
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def next_step(self, seen: Seen) -> Reply | str:
        with self._lock:
            self.requests.append(seen)
            return self.script.pop(0) if len(self.script) > 1 else self.script[0]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                seen = Seen(self.command, self.path, dict(self.headers.items()),
                            self.rfile.read(length))
                step = server.next_step(seen)
                if step == RESET or not isinstance(step, Reply):
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                               struct.pack("ii", 1, 0))
                    self.connection.close()
                    self.close_connection = True
                    return
                time.sleep(step.delay)
                data, kind = step.payload()
                self.send_response(step.status)
                headers = {"Content-Type": kind, **step.headers}
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _any

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def start(self) -> None:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def serving(script: list[Reply | str]) -> Iterator[ScriptedServer]:
    server = ScriptedServer(script)
    server.start()
    try:
        yield server
    finally:
        server.stop()


class FakeClock:
    """Records every wait instead of sleeping; ``now`` is fixed, jitter uses ``rand``."""

    def __init__(self, now: float = 1_700_000_000.0, rand: float = 0.5) -> None:
        self.sleeps: list[float] = []
        self._now = now
        self._rand = rand

    def now(self) -> float:
        return self._now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    async def asleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)

    def random(self) -> float:
        return self._rand


CREDITS_OK = Reply(200, {"credits": 4.8}, {"x-request-id": "req-ok"})
RPC_400 = {
    "code": 3,
    "message": "invalid parameters",
    "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo",
                 "reason": "invalid_samples", "domain": "tensorart.cloud"}],
}

CREDITS_ENV_PREFIX = "TAMS_CREDITS"
"""The prefix of the credits clients' environment variables in every language's test (the
committed Python package's ``env_prefix``; TypeScript's from its package ``tams-credits``)."""
ENV_AUTHORIZATIONS = ["Bearer env-token", "Bearer from-the-option", "env-key"]
"""What the server receives from the environment-credentials scenario, in every language:
(1) a client given nothing: the base URL and token from the environment; (2) the base URL
variable pointed at a closed port, the client given the base URL and a token: the options win;
(3) the client given the base URL and an empty token: no token (an empty argument wins over its
variable and is no credential), so the API key from the environment."""


def credits_environment(url: str) -> dict[str, str]:
    """The environment variables of that scenario, the same names in Python, TypeScript and Go:
    ``TAMS_CREDITS_BASE_URL``, ``TAMS_CREDITS_TOKEN``, ``TAMS_CREDITS_API_KEY``."""
    return {f"{CREDITS_ENV_PREFIX}_BASE_URL": url, f"{CREDITS_ENV_PREFIX}_TOKEN": "env-token",
            f"{CREDITS_ENV_PREFIX}_API_KEY": "env-key"}
