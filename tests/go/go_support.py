"""Shared by the Go target's tests: generate a spec's Go module into a folder, run the pinned Go."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from toolchains import GoToolchain

from generator import produce
from generator.settings import Settings
from generator.write import text_of

__all__ = ["generate_module", "prism", "run"]


def generate_module(spec: Path, folder: Path, module: str, env_prefix: str = "") -> Path:
    """Write the Go module of ``spec`` (module path ``module``; ``env_prefix``: the setting,
    empty for the default) into ``folder``; return it."""
    settings = Settings(spec=spec, output=Path("unused"), targets=("go",), env_prefix=env_prefix,
                        options={"go": {"module": module}})
    for rel, content in produce(settings).files.items():
        path = folder / rel.removeprefix("go/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text_of(content), encoding="utf-8")
    return folder


def run(toolchain: GoToolchain, args: list[str], cwd: Path, timeout: int = 900) -> str:
    """Run ``go args`` (or gofmt, when ``args[0]`` is ``"gofmt"``) in ``cwd``; the output, or an
    AssertionError that holds it."""
    command = [str(toolchain.gofmt), *args[1:]] if args[0] == "gofmt" else [toolchain.go, *args]
    done = subprocess.run(command, cwd=cwd, env=toolchain.env, capture_output=True, text=True,
                          check=False, timeout=timeout)
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"`{' '.join(args)}` in {cwd} failed:\n{output[-6000:]}"
    return output


_PRISM_STARTUP_SECONDS = 90


@contextmanager
def prism(executable: Path, spec: Path, log: Path) -> Iterator[str]:
    """Prism mocking ``spec`` on a free loopback port (``--errors``: a request that breaks the
    spec is a 4xx with an ``sl-violations`` header); yields its URL, stops it after."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = int(s.getsockname()[1])
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(executable), "mock", str(spec), "-h", "127.0.0.1", "-p", str(port), "--errors"],
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + _PRISM_STARTUP_SECONDS
        while "Prism is listening" not in log.read_text(errors="replace"):
            assert proc.poll() is None, f"prism exited:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, f"prism is not up:\n{log.read_text()[-3000:]}"
            time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
