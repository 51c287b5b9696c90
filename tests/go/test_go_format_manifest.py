"""The Go target's format stage reuses the committed output: a unit per ``.go`` file (gofmt
formats whole files), reused only after its committed bytes are hashed; a hand edit is
formatted again. Counted by the formatter (``formatted``: files handed to gofmt), not timed;
with the pinned toolchain's gofmt."""

from __future__ import annotations

import json
from pathlib import Path

import toolchains

from generator.format.manifest import Reuse
from generator.targets.go.format import GoFormatter
from generator.write import FORMAT_MANIFEST, text_of

SOURCES = {
    "go/a.go": "package a\n\nfunc A()   int { return 1 }\n",
    "go/b.go": "package a\n\ntype B struct{X int;Y string}\n",
    "go/go.mod": "module example.com/a\n\ngo 1.22\n",
}


def _run(reuse: Reuse) -> tuple[dict[str, str], int]:
    formatter = GoFormatter(str(toolchains.go().gofmt), reuse)
    for path, text in SOURCES.items():
        formatter.add(path, [text])
    return {p: text_of(c) for p, c in formatter.result().items()}, formatter.formatted


def _commit(out: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")


def test_gofmt_runs_only_on_files_the_committed_output_lacks(tmp_path: Path) -> None:
    cold, formatted = _run(Reuse())
    assert formatted == 2 and cold["go/a.go"] == "package a\n\nfunc A() int { return 1 }\n"
    manifest = json.loads(cold[f"go/{FORMAT_MANIFEST}"])
    assert manifest["formatter"].startswith("gofmt go1.") and sorted(manifest["files"]) == [
        "a.go", "b.go"]  # go.mod is not formatted
    _commit(tmp_path, cold)
    assert _run(Reuse(committed=tmp_path)) == (cold, 0)
    edited = cold["go/b.go"].replace("X int", "X  int")
    (tmp_path / "go/b.go").write_text(edited, encoding="utf-8")
    assert _run(Reuse(committed=tmp_path)) == (cold, 1)  # the edit is formatted again
