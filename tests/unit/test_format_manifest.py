"""The format manifest: the committed output is the formatter's cache, for any target.

Both streams (a block stream and a command stream, with the toy formatter of
``test_format_streams``) reuse the committed text of a unit whose source did not change, only
after checking the committed bytes; every fault (a hand edit, a missing file, bad JSON, another
schema, a path out of the target folder, a forged hash, another formatter) costs reuse only.
How many units were formatted is counted by the stream (``formatted``), not timed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from test_format_streams import _block_style, _command_style, toy  # noqa: F401 (a fixture)

from generator.format.blocks import runs
from generator.format.blockstream import BlockStream
from generator.format.commandstream import CommandStream
from generator.format.manifest import SCHEMA, Reuse
from generator.progress import SILENT
from generator.write import FORMAT_MANIFEST

MODULE = "header\n" + "".join(f"fn f{i}\n  body {i}\n" for i in range(6))
OTHER = "fn z\n  zed\n"
Files = dict[str, str]
Run = Callable[[Files, Reuse], tuple[Files, int]]


def _block_run(module: str) -> Run:
    def run(files: Files, reuse: Reuse) -> tuple[Files, int]:
        with BlockStream(_block_style(module), reuse, SILENT, 1) as stream:
            for path, text in files.items():
                stream.add(path, [text])
            return _texts(stream.result()), stream.formatted
    return run


def _command_run(module: str) -> Run:
    def run(files: Files, reuse: Reuse) -> tuple[Files, int]:
        with CommandStream(_command_style(module), reuse, workers=1) as stream:
            for path, text in files.items():
                stream.add(path, [text])
            return _texts(stream.result()), stream.formatted
    return run


def _texts(result: dict[str, str | Path]) -> Files:
    return {p: c if isinstance(c, str) else c.read_text(encoding="utf-8")
            for p, c in result.items()}


@pytest.fixture(params=["blocks", "command"])
def run(request: pytest.FixtureRequest, toy: str) -> Run:  # noqa: F811
    return _block_run(toy) if request.param == "blocks" else _command_run(toy)


def _commit(out: Path, files: Files) -> None:
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")


@pytest.fixture
def committed(tmp_path: Path, run: Run) -> tuple[Path, Files]:
    """A cold run's output, committed under ``tmp_path / "out"``: a fresh clone."""
    files, formatted = run({"toy/m.toy": MODULE, "toy/n.toy": OTHER}, Reuse())
    assert formatted == 8 and f"toy/{FORMAT_MANIFEST}" in files
    _commit(tmp_path / "out", files)
    return tmp_path / "out", files


SOURCES = {"toy/m.toy": MODULE, "toy/n.toy": OTHER}


def test_a_clean_run_on_a_fresh_clone_formats_nothing(
    run: Run, committed: tuple[Path, Files]
) -> None:
    out, files = committed
    again, formatted = run(SOURCES, Reuse(committed=out))
    assert formatted == 0
    assert again == files  # the manifest too: byte for byte


def test_a_changed_block_is_the_only_one_formatted(
    run: Run, committed: tuple[Path, Files]
) -> None:
    out, _ = committed
    changed = {**SOURCES, "toy/m.toy": MODULE.replace("body 3", "body three")}
    again, formatted = run(changed, Reuse(committed=out))
    assert formatted == 1
    assert again["toy/m.toy"] == changed["toy/m.toy"].upper()


def test_a_hand_edit_is_formatted_again_not_reused(
    run: Run, committed: tuple[Path, Files]
) -> None:
    out, files = committed
    edited = files["toy/m.toy"].replace("BODY 2", "BODY 2 # EDITED")
    (out / "toy/m.toy").write_text(edited, encoding="utf-8")
    again, formatted = run(SOURCES, Reuse(committed=out))
    assert formatted >= 1  # the edited block, and those its new length moved
    assert again == files  # what the formatter makes, not the edit


def test_a_missing_file_is_formatted_again(
    run: Run, committed: tuple[Path, Files]
) -> None:
    out, files = committed
    (out / "toy/n.toy").unlink()
    again, formatted = run(SOURCES, Reuse(committed=out))
    assert formatted == 1 and again == files


def _damage(out: Path, change: Callable[[dict[str, object]], object]) -> None:
    path = out / "toy" / FORMAT_MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    changed = change(data)
    path.write_text(changed if isinstance(changed, str) else json.dumps(data), encoding="utf-8")


def _forge_hash(data: dict[str, object]) -> None:
    units = data["files"]["m.toy"]  # type: ignore[index]
    units[2][1] = "0" * 32


def _escape(data: dict[str, object]) -> None:
    data["files"] = {"../outside.toy": data["files"]["m.toy"]}  # type: ignore[index]


FAULTS: dict[str, Callable[[dict[str, object]], object]] = {
    "bad JSON": lambda data: '{"schema": ',
    "another schema": lambda data: data.update(schema="specgen-format-manifest/0"),
    "not a list of units": lambda data: data.update(files={"m.toy": {"a": 1}}),
    "a unit of another shape": lambda data: data.update(files={"m.toy": [["x", "y", -1]]}),
    "another formatter": lambda data: data.update(formatter="toy 2"),
    "a forged hash": _forge_hash,
}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_damaged_or_forged_manifest_costs_reuse_only(
    fault: str, run: Run, committed: tuple[Path, Files]
) -> None:
    out, files = committed
    _damage(out, FAULTS[fault])
    again, formatted = run(SOURCES, Reuse(committed=out))
    assert formatted >= 1 and again == files


def test_a_path_out_of_the_target_folder_is_never_read(
    run: Run, committed: tuple[Path, Files]
) -> None:
    out, files = committed
    (out / "outside.toy").write_text(files["toy/m.toy"], encoding="utf-8")  # the right bytes
    (out / "toy/m.toy").unlink()
    _damage(out, _escape)
    assert run(SOURCES, Reuse(committed=out))[1] == 8  # the manifest is refused whole


def test_a_symbolic_link_out_of_the_target_folder_is_never_read(
    run: Run, committed: tuple[Path, Files]
) -> None:
    out, files = committed
    (out / "outside.toy").write_text(files["toy/m.toy"], encoding="utf-8")
    (out / "toy/m.toy").unlink()
    os.symlink(out / "outside.toy", out / "toy/m.toy")
    again, formatted = run(SOURCES, Reuse(committed=out))
    assert formatted == 7 and again == files  # n.toy's block is reused, m.toy's are not


def test_the_manifest_is_deterministic_and_lists_every_unit(run: Run, tmp_path: Path) -> None:
    first, _ = run(SOURCES, Reuse())
    second, _ = run(dict(reversed(SOURCES.items())), Reuse())
    manifest = first[f"toy/{FORMAT_MANIFEST}"]
    assert manifest == second[f"toy/{FORMAT_MANIFEST}"]  # files sorted, whatever the order
    data = json.loads(manifest)
    assert data["schema"] == SCHEMA and list(data["files"]) == ["m.toy", "n.toy"]
    assert [len(units) for units in data["files"].values()] == [7, 1]
    assert all(len(u[0]) == len(u[1]) == 32 for units in data["files"].values() for u in units)


def test_a_changed_block_changes_one_run_of_blocks() -> None:
    """Where runs end depends on the blocks, not on their place: an edit shifts nothing."""
    blocks = [f"fn f{i}\n" + "  x\n" * (i % 5) for i in range(200)]
    cut = _cut_blocks
    before = ["".join(run) for run in runs(["".join(blocks)], 10_000, cut, 4)]
    blocks[100] = blocks[100].replace("fn f100", "fn f100_changed")
    after = ["".join(run) for run in runs(["".join(blocks)], 10_000, cut, 4)]
    assert 10 < len(before) < 150
    assert len(set(before) - set(after)) <= 2 and len(set(after) - set(before)) <= 2


def _cut_blocks(text: str) -> list[str]:
    starts = [i for i in range(len(text))
              if text.startswith("fn ", i) and (i == 0 or text[i - 1] == "\n")]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
