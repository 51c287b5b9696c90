"""Regeneration touches only what changed: unchanged files keep their bytes, inode and mtime, and
the formatter's cache makes a second run reformat only the blocks whose source changed."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import black
import pytest
from workflow_support import PETS, run

from generator.format.cache import FormatCache
from generator.targets.python.format import format_tree
from generator.write import MANIFEST


def _stamp(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(folder).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in folder.rglob("*")
            if p.is_file() and p.name != MANIFEST and ".specgen-cache" not in p.parts}


def test_only_changed_files_are_rewritten(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(PETS, encoding="utf-8")
    args = ("generate", "--spec", "api.yaml", "--output", "out", "--package", "pets")
    assert run(*args, cwd=tmp_path).returncode == 0
    for path in (tmp_path / "out").rglob("*"):  # an old mtime, so a rewrite cannot hide in 1 tick
        os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = _stamp(tmp_path / "out")
    again = run(*args, cwd=tmp_path)
    assert again.stderr.startswith("specgen: 0 written"), again.stderr
    assert _stamp(tmp_path / "out") == before
    (tmp_path / "api.yaml").write_text(PETS.replace("A pet.", "A pet, changed."), encoding="utf-8")
    changed = run(*args, cwd=tmp_path)
    assert changed.stderr.startswith("specgen: 2 written"), changed.stderr
    after = _stamp(tmp_path / "out")
    assert {p for p in before if after[p] != before[p]} == {
        "python/pets/models/pet.py", "python/.specgen-format.json"}  # and its runs' record


def test_a_second_run_formats_only_changed_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real = black.format_str

    def counting(source: str, *, mode: black.Mode) -> str:
        calls.append(source)
        return real(source, mode=mode)

    monkeypatch.setattr(black, "format_str", counting)
    cache = FormatCache(tmp_path / "cache")
    v1 = {"python/p/m.py": "class A:\n  x=1\n\n\nclass B:\n  y=2\n", "python/p/t.txt": "t"}
    first = format_tree(v1, cache)
    assert len(calls) == 2 and cache.added == 2
    calls.clear()
    v2 = {**v1, "python/p/m.py": "class A:\n  x=1\n\n\nclass B:\n  y=3\n"}
    second = format_tree(v2, FormatCache(tmp_path / "cache"))
    assert calls == ["class B:\n  y=3\n"]
    assert second["python/p/m.py"] == "class A:\n    x = 1\n\n\nclass B:\n    y = 3\n"
    assert first["python/p/t.txt"] == "t"


def test_damaged_entries_are_misses_and_writes_are_atomic(tmp_path: Path) -> None:
    cache = FormatCache(tmp_path)
    cache.put("ab" * 32, "formatted\n")
    assert cache.get("ab" * 32) == "formatted\n"
    entry = next((tmp_path / "format-v1").rglob("abab*"))
    entry.write_bytes(entry.read_bytes()[:-3])
    assert cache.get("ab" * 32) is None
    assert not [p for p in (tmp_path / "format-v1").rglob(".tmp-*")]


def test_concurrent_writers_never_expose_a_partial_entry(tmp_path: Path) -> None:
    key, texts = "cd" * 32, ["x" * 200_000 + "\n", "y" * 200_000 + "\n"]
    seen: list[str | None] = []

    def writer(text: str) -> None:
        for _ in range(30):
            FormatCache(tmp_path).put(key, text)

    def reader() -> None:
        for _ in range(200):
            seen.append(FormatCache(tmp_path).get(key))

    threads = [threading.Thread(target=writer, args=(t,)) for t in texts]
    threads.append(threading.Thread(target=reader))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert {s for s in seen if s is not None} <= set(texts)


def test_the_cache_is_bounded(tmp_path: Path) -> None:
    cache = FormatCache(tmp_path, max_bytes=50_000)
    for i in range(20):
        cache.put(f"{i:064x}", "z" * 10_000)
        os.utime(cache._path(f"{i:064x}"), (i, i))  # oldest first
    cache.trim()
    left = sorted(p.name for p in (tmp_path / "format-v1").rglob("*") if p.is_file())
    assert sum(p.stat().st_size for p in (tmp_path / "format-v1").rglob("*") if p.is_file()) <= 50_000
    assert left == [f"{i:064x}" for i in range(16, 20)]


def test_an_unwritable_cache_is_only_a_miss(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = FormatCache(blocker)
    cache.put("ef" * 32, "x\n")
    assert cache.get("ef" * 32) is None
    assert format_tree({"python/p/m.py": "x=1\n"}, cache) == {"python/p/m.py": "x = 1\n"}
