"""``tests/toolchains.py``: a tool is installed once at its pin, again when the pin changes, and a
machine without its package manager gets an error that says what to install (never a skip)."""

from __future__ import annotations

from pathlib import Path

import pytest
import toolchains


@pytest.fixture
def installs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """npm stood in for: each install is recorded and leaves the tool's executable behind."""
    done: list[str] = []

    def install(npm: str, prefix: Path, pin: str) -> None:
        done.append(pin)
        executable = prefix / "node_modules" / ".bin" / "tool"
        executable.parent.mkdir(parents=True, exist_ok=True)
        executable.write_text("#!/bin/sh\n")

    monkeypatch.setattr(toolchains.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(toolchains, "_npm_install", install)
    return done


def test_installed_once_then_again_at_a_new_pin(
    tmp_path: Path, installs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(toolchains.PINS, "tool", "tool@1.0.0")
    first = toolchains._npm_tool("tool", tmp_path / "prefix", "tool")
    assert first == tmp_path / "prefix" / "node_modules" / ".bin" / "tool" and first.is_file()
    assert toolchains._npm_tool("tool", tmp_path / "prefix", "tool") == first
    assert installs == ["tool@1.0.0"]
    monkeypatch.setitem(toolchains.PINS, "tool", "tool@2.0.0")
    toolchains._npm_tool("tool", tmp_path / "prefix", "tool")
    assert installs == ["tool@1.0.0", "tool@2.0.0"]


def test_without_npm_the_error_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(toolchains.shutil, "which", lambda name: None)
    with pytest.raises(toolchains.ToolchainError, match="npm is not on PATH: install Node.js"):
        toolchains._npm_tool("prism", tmp_path / "prefix", "prism")
    assert not (tmp_path / "prefix").exists()


def test_every_pin_is_exact_or_a_major_line() -> None:
    """``name@X.Y.Z`` (or ``name@X`` where the registry's ``latest`` is another major line);
    Go's is an exact toolchain name, ``goX.Y.Z``."""
    for name, pin in toolchains.PINS.items():
        version = pin.removeprefix("go") if name == "go" else pin.rsplit("@", 1)[1]
        assert version.replace(".", "").isdigit(), pin
    assert toolchains.PINS["go"].count(".") == 2, "an exact Go release, not a line"


def test_without_go_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(toolchains.shutil, "which", lambda name: None)
    with pytest.raises(toolchains.ToolchainError, match="go is not on PATH: install Go"):
        toolchains.go()
