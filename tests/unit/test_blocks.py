"""``blocks.pieces``: a module that arrives in chunks is cut where ``split_blocks`` cuts it whole."""

from __future__ import annotations

from itertools import accumulate

import pytest
from specgen_testing import REPO

from generator.format.blocks import group, pieces
from generator.targets.python.format.blocks import split_blocks

MODULES = sorted((REPO / "generated" / "python").rglob("*.py"))


def _cuts(blocks: list[str]) -> set[int]:
    return set(accumulate(len(b) for b in blocks))


@pytest.mark.parametrize("chunk", [1, 7, 100, 10**9])
@pytest.mark.parametrize("lines", [1, 30, 10**6])
def test_pieces_of_chunks_are_runs_of_whole_blocks(chunk: int, lines: int) -> None:
    for module in MODULES:
        text = module.read_text(encoding="utf-8")
        chunks = [text[i:i + chunk] for i in range(0, len(text), chunk)]
        got = list(pieces(chunks, lines, split_blocks))
        assert "".join(got) == "".join(split_blocks(text)), module
        assert _cuts(got) <= _cuts(split_blocks(text)), module
        assert all(p.count("\n") >= lines for p in got[:-1]), module
        if chunk >= len(text):  # one chunk: exactly the grouping of the whole text
            assert got == group(split_blocks(text), lines)


def test_an_empty_module_is_one_empty_piece() -> None:
    assert list(pieces([], 10, split_blocks)) == [""]
    assert list(pieces(["", ""], 10, split_blocks)) == [""]
