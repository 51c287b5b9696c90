"""The writer: atomic swap, manifest of owned files, nothing else ever deleted."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator import write as write_mod
from generator.write import MANIFEST, UnsafePath, drift, write_tree

V1 = {"python/pkg/__init__.py": "a = 1\n", "python/pkg/models.py": "b = 2\n"}


def test_first_write_creates_files_and_manifest(tmp_path: Path) -> None:
    result = write_tree(V1, tmp_path)
    assert sorted(result.written) == sorted(V1)
    assert (tmp_path / "python/pkg/models.py").read_text() == "b = 2\n"
    assert (tmp_path / MANIFEST).is_file()
    assert not list(tmp_path.glob(".specgen-staging-*"))


def test_unchanged_files_keep_their_mtime(tmp_path: Path) -> None:
    write_tree(V1, tmp_path)
    target = tmp_path / "python/pkg/__init__.py"
    os.utime(target, (1_000_000, 1_000_000))
    result = write_tree({**V1, "python/pkg/models.py": "b = 3\n"}, tmp_path)
    assert result.written == ("python/pkg/models.py",)
    assert target.stat().st_mtime == 1_000_000
    assert write_tree({**V1, "python/pkg/models.py": "b = 3\n"}, tmp_path).written == ()


def test_user_files_survive_and_stale_owned_files_go(tmp_path: Path) -> None:
    write_tree(V1, tmp_path)
    (tmp_path / "python/pkg/user_notes.txt").write_text("mine")
    (tmp_path / "python/.git").mkdir()
    (tmp_path / "python/.git/HEAD").write_text("ref")
    (tmp_path / "README.user").write_text("keep")
    result = write_tree({"python/pkg/__init__.py": "a = 1\n"}, tmp_path)
    assert result.removed == ("python/pkg/models.py",)
    assert not (tmp_path / "python/pkg/models.py").exists()
    assert (tmp_path / "python/pkg/user_notes.txt").read_text() == "mine"
    assert (tmp_path / "python/.git/HEAD").read_text() == "ref"
    assert (tmp_path / "README.user").read_text() == "keep"


def test_a_failure_midway_leaves_the_old_tree_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(V1, tmp_path)
    before = {p: (tmp_path / p).read_text() for p in V1}
    calls = {"n": 0}
    real = Path.write_bytes

    def failing(self: Path, data: bytes) -> int:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    new = {"python/pkg/__init__.py": "a = 9\n", "python/pkg/models.py": "b = 9\n",
           "python/pkg/extra.py": "c = 9\n"}
    with pytest.raises(OSError, match="disk full"):
        write_tree(new, tmp_path)
    monkeypatch.undo()
    assert {p: (tmp_path / p).read_text() for p in V1} == before
    assert not (tmp_path / "python/pkg/extra.py").exists()
    assert not list(tmp_path.glob(".specgen-staging-*"))


def test_an_interrupted_swap_is_repaired(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(V1, tmp_path)
    real_rename = os.rename
    calls = {"n": 0}

    def crash_between_renames(src: str | Path, dst: str | Path) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the process dies between the two renames of the swap
        real_rename(src, dst)

    monkeypatch.setattr(write_mod.os, "rename", crash_between_renames)
    monkeypatch.setattr(write_mod.shutil, "rmtree", lambda *a, **k: None)  # a crash cleans nothing
    with pytest.raises(KeyboardInterrupt):
        write_tree({"python/pkg/__init__.py": "a = 2\n"}, tmp_path)
    monkeypatch.undo()
    assert not (tmp_path / "python").exists()  # the live tree is mid-swap
    write_tree({"python/pkg/__init__.py": "a = 2\n"}, tmp_path)
    assert (tmp_path / "python/pkg/__init__.py").read_text() == "a = 2\n"
    assert not list(tmp_path.glob(".specgen-staging-*"))


@pytest.mark.parametrize(
    "path",
    ["../evil.py", "/abs.py", "python/../../x.py", "python/.hidden.py", "python/conftest.py",
     "python/sub/setup.py", "python/sitecustomize.py", "toplevel.py", "python\\win.py"],
)
def test_unsafe_paths_are_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(UnsafePath):
        write_tree({path: "x"}, tmp_path / "out")
    assert not (tmp_path / "out" / MANIFEST).exists()


def test_case_insensitive_collisions_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsafePath, match="case-insensitive"):
        write_tree({"python/pkg/Pet.py": "a", "python/pkg/pet.py": "b"}, tmp_path)


def test_drift_reports_changes_without_touching_disk(tmp_path: Path) -> None:
    write_tree(V1, tmp_path)
    (tmp_path / "python/pkg/models.py").write_text("edited\n")
    stale, diff = drift(V1, tmp_path)
    assert stale == ["python/pkg/models.py"]
    assert "-edited" in diff and "+b = 2" in diff
    assert (tmp_path / "python/pkg/models.py").read_text() == "edited\n"
    assert drift({**V1, "python/pkg/new.py": "n\n"}, tmp_path)[0] == [
        "python/pkg/models.py", "python/pkg/new.py"]
