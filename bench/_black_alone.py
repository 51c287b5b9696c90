"""black's own time on the lines specgen emits: the work of a cold black-mode format stage, alone.

    python bench/_black_alone.py prepare SPEC FOLDER   # untimed: write the blocks to format
    python bench/_black_alone.py format FOLDER         # timed by bench/generation.py

``prepare`` renders the spec's Python target unformatted, exactly as ``specgen generate`` does
(the pipeline's own render stage), and cuts each module into the blocks the format stage cuts it
into (:class:`~generator.format.blockstream.BlockStream`: runs of blocks by the Python target's
rule, each distinct block once), in chunks of as many lines as the stage's: ``chunkN.json``
files of ``[key, block]`` pairs, and black's settings in ``mode.json``.

``format`` is what the stage's cold run does with them and nothing else: one fresh interpreter per
CPU (the stage's :class:`~generator.format.worker.Worker`), each handed chunks by a thread as the
last one is done, calls ``black.format_str`` on every block with the stage's settings. Left out:
rendering, hashing, the cache, the parse-back of each block and the joining of the modules:
specgen's cost beyond the formatter. Its top level imports only the standard library: a worker
loads this file by path.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

__all__ = ["black_only"]


def black_only(source: str, target: str, mode: dict[str, Any]) -> dict[str, Any]:
    """black's output (``None`` where it refuses) for each block of the chunk ``source``,
    written to ``target`` as JSON (what the stage's workers write)."""
    if mode["path"] not in sys.path:
        sys.path.append(mode["path"])
    import black

    style = black.Mode(target_versions={black.TargetVersion[v] for v in mode["target_versions"]},
                       line_length=mode["line_length"])
    out: list[str | None] = []
    for _, block in json.loads(Path(source).read_text(encoding="utf-8")):
        try:
            out.append(black.format_str(block, mode=style))
        except (black.InvalidInput, SyntaxError, ValueError):
            out.append(None)
    Path(target).write_text(json.dumps(out), encoding="utf-8")
    return {}


def prepare(spec: Path, folder: Path) -> None:
    """Write the chunks a cold black-mode run of ``spec`` formats into ``folder``."""
    root = Path(__file__).resolve().parents[1]
    sys.path.insert(0, str(root))
    from generator.format.blocks import runs
    from generator.format.cache import digest
    from generator.pipeline import _render
    from generator.progress import SILENT
    from generator.settings import Settings
    from generator.targets import target
    from generator.targets.python.format.black import BLACK, MODE

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mode.json").write_text(json.dumps(MODE), encoding="utf-8")
    seen: set[str] = set()
    batch: list[tuple[str, str]] = []
    lines = [0, 0, 0]  # in the chunk being filled, in all chunks; chunks written

    def close() -> None:
        (folder / f"chunk{lines[2]}.json").write_text(json.dumps(batch), encoding="utf-8")
        batch.clear()
        lines[0] = 0
        lines[2] += 1

    class Recorder:
        def add(self, path: str, chunks: Any) -> None:
            if not path.endswith(".py"):
                return
            for blocks in runs(chunks, BLACK.chunk_lines, BLACK.cut, BLACK.run_blocks):
                for block in blocks:
                    key = digest(BLACK.key, block)
                    if key in seen:
                        continue
                    seen.add(key)
                    batch.append((key, block))
                    lines[0] += block.count("\n")
                    lines[1] += block.count("\n")
                    if lines[0] >= BLACK.chunk_lines:
                        close()

    settings = Settings(spec=spec, output=folder / "unused", package="sdk", formatter="black")
    _render(settings, SILENT, [(target("python"), Recorder())])  # type: ignore[list-item]
    if batch:
        close()
    print(f"{len(seen)} blocks, {lines[1]} lines (unformatted)")


def format_all(folder: Path) -> None:
    """Format every chunk of ``folder`` as the stage's workers do, one process per CPU."""
    import os
    from concurrent.futures import ThreadPoolExecutor

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from generator.format.worker import Workers

    mode = json.loads((folder / "mode.json").read_text(encoding="utf-8"))
    chunks = sorted((p for p in folder.glob("chunk*.json") if not p.name.endswith(".out.json")),
                    key=lambda p: int(p.stem[5:]))
    workers = Workers()

    def one(chunk: Path) -> None:
        with workers.lend() as worker:
            worker.call((__file__, "black_only"), str(chunk),
                        str(chunk.with_suffix(".out.json")), mode)

    try:
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            list(pool.map(one, chunks))
    finally:
        workers.close()


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(Path(sys.argv[2]).resolve(), Path(sys.argv[3]))
    else:
        format_all(Path(sys.argv[2]))
