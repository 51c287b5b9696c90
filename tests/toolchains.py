"""Tools from other ecosystems that the tests drive, installed on first use, pinned, into folders
git ignores, so the README's test command runs everything on a fresh machine with nothing skipped.

One function per toolchain returns its executable, installing it first when it is missing or was
installed at another pin; every pin is in :data:`PINS`. A file lock makes concurrent test
processes install once. A missing package manager (``npm``) is an error that says what to
install, never a skip. ``tsc`` is one pin and one three-line function; Go would be a function
that checks ``go version`` against its pin the same way.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PINS", "GoToolchain", "ToolchainError", "go", "prism", "tsc"]

TESTS = Path(__file__).resolve().parent
PINS = {
    # the mock server that validates every request of tests/client/test_client_prism.py
    "prism": "@stoplight/prism-cli@5.16.0",
    # the Go toolchain the Go target's tests build with: the oldest the generated module
    # declares (go 1.22), fetched by the local ``go`` through GOTOOLCHAIN (module proxy)
    "go": "go1.22.12",
    # the TypeScript compiler of tests/typescript/ (npm's ``latest`` is another major line:
    # the newest 5.x, from ``npm view typescript@5 version``)
    "tsc": "typescript@5.9.3",
}
_STAMP = ".specgen-pin"
_INSTALL_SECONDS = 600


class ToolchainError(Exception):
    """A tool the tests need could not be installed; the message says why and what to do."""


def prism() -> Path:
    """The ``prism`` executable (``PINS["prism"]``), under ``tests/client/.prism``."""
    return _npm_tool("prism", TESTS / "client" / ".prism", "prism")


@dataclass(frozen=True)
class GoToolchain:
    """The pinned Go: run ``go`` with :attr:`env`; :attr:`gofmt` is that toolchain's gofmt."""

    go: str
    gofmt: Path
    env: dict[str, str] = field(repr=False)


def go() -> GoToolchain:
    """The ``go`` on PATH running the toolchain ``PINS["go"]`` (GOTOOLCHAIN fetches it from the
    module proxy on first use; Go 1.21 or later on PATH can)."""
    pin = PINS["go"]
    found = shutil.which("go")
    if found is None:
        raise ToolchainError(f"the Go tests need {pin}, and go is not on PATH: install Go 1.21 or "
                             "later from https://go.dev/dl/ (it fetches the pinned toolchain)")
    env = {**os.environ, "GOTOOLCHAIN": pin, "GOFLAGS": "-mod=mod"}
    done = subprocess.run([found, "env", "GOVERSION", "GOROOT"], capture_output=True, text=True,
                          env=env, check=False, timeout=_INSTALL_SECONDS)
    lines = done.stdout.split()
    if done.returncode != 0 or not lines or lines[0] != pin:
        raise ToolchainError(f"`GOTOOLCHAIN={pin} go env GOVERSION` gave {lines[:1]} "
                             f"({done.returncode}): {done.stderr.strip()[-2000:]}; install "
                             f"{pin} or a Go that can fetch it (1.21 or later, network to the "
                             "module proxy)")
    return GoToolchain(go=found, gofmt=Path(lines[1]) / "bin" / "gofmt", env=env)
def tsc() -> Path:
    """The ``tsc`` executable (``PINS["tsc"]``), under ``tests/.toolchains/typescript``."""
    return _npm_tool("tsc", TESTS / ".toolchains" / "typescript", "tsc")


def _npm_tool(name: str, prefix: Path, binary: str) -> Path:
    """``npm install --prefix PREFIX PINS[name]`` unless that exact pin is already there;
    returns ``PREFIX/node_modules/.bin/BINARY``."""
    pin = PINS[name]
    executable = prefix / "node_modules" / ".bin" / binary
    stamp = prefix / _STAMP
    if _installed(executable, stamp, pin):
        return executable
    npm = shutil.which("npm")
    if npm is None:
        raise ToolchainError(f"the tests need {pin} from npm, and npm is not on PATH: install "
                             "Node.js 18 or later with npm (the tests then install it themselves)")
    prefix.mkdir(parents=True, exist_ok=True)
    with (prefix / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another test process may be installing it now
        if not _installed(executable, stamp, pin):
            _npm_install(npm, prefix, pin)
            if not executable.is_file():
                raise ToolchainError(f"npm installed {pin} but {executable} is missing")
            stamp.write_text(pin + "\n", encoding="utf-8")
    return executable


def _installed(executable: Path, stamp: Path, pin: str) -> bool:
    return executable.is_file() and stamp.is_file() and stamp.read_text().strip() == pin


def _npm_install(npm: str, prefix: Path, pin: str) -> None:
    command = [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", pin]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              timeout=_INSTALL_SECONDS)
    except subprocess.TimeoutExpired:
        raise ToolchainError(f"`{' '.join(command)}` took over {_INSTALL_SECONDS} s") from None
    if done.returncode != 0:
        raise ToolchainError(f"`{' '.join(command)}` failed ({done.returncode}):\n"
                             f"{(done.stdout + done.stderr)[-3000:]}")
