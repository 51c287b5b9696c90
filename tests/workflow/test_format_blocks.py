"""Formatting a module block by block gives the same bytes as formatting it whole.

This is what makes the formatter's per-block cache safe. It is proved here on every golden case,
on the curated spec behind ``generated/`` and on hand-made modules with the constructs where
black's blank-line rules depend on context (decorators, comments above a definition, code
between definitions, a cut that lands inside a string).
"""

from __future__ import annotations

from pathlib import Path

import black
import pytest
from specgen_testing import REPO
from workflow_support import raw_render

from generator.targets.python.format import black as black_format
from generator.targets.python.format import format_tree, split_blocks
from generator.targets.python.format.parse_back import black_mode

SPECS = sorted((REPO / "tests" / "cases").glob("*/spec.yaml")) + [REPO / "spec" / "credits.yaml"]

MODE = black_mode(black_format.MODE)  # black's Mode with specgen's settings


def _whole(files: dict[str, str]) -> dict[str, str]:
    return {p: black.format_str(t, mode=MODE) if p.endswith(".py") else t for p, t in files.items()}


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.parent.name)
def test_blocks_equal_whole_file_formatting(spec: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rendered = raw_render(spec, monkeypatch)
    assert any(len(split_blocks(t)) > 3 for p, t in rendered.items() if p.endswith(".py"))
    assert format_tree(rendered) == _whole(rendered)


TRICKY = '''\
# header comment
"""Module docstring."""
from __future__ import annotations
import dataclasses
X=1

@dataclasses.dataclass
class A:
  x:int=1

# a comment that belongs to B
class B(A):
  pass
Y = 2


Z = 3

# a comment with a blank line under it

def f(a,b): return a+b

@property
@staticmethod
def g(): ...
class C: ...
class D: ...



async def h():
  await f(1,2)
'''


def test_tricky_module_block_by_block() -> None:
    blocks = split_blocks(TRICKY)
    assert [b.split("\n", 1)[0] for b in blocks] == [
        "# header comment", "@dataclasses.dataclass", "# a comment that belongs to B",
        "def f(a,b): return a+b", "@property", "async def h():"]
    joined = "\n\n".join(black.format_str(b, mode=MODE) for b in blocks)  # no fallback here
    assert joined == black.format_str(TRICKY, mode=MODE)


def test_a_cut_inside_a_string_falls_back_to_the_whole_file() -> None:
    source = 'X = """\n\nclass NotAClass:\n"""\n\n\nclass A:\n  pass\n'
    with pytest.raises(black.InvalidInput):  # type: ignore[attr-defined]
        black.format_str(split_blocks(source)[0], mode=MODE)
    files = {"python/p/m.py": source}
    assert format_tree(files) == _whole(files)


def test_a_broken_module_still_fails_with_the_whole_source() -> None:
    from generator.format import FormatFailure

    with pytest.raises(FormatFailure) as info:
        format_tree({"python/p/m.py": "class A:\n  x = (\n\n\nclass B:\n  pass\n"})
    assert info.value.path == "python/p/m.py" and "class B" in info.value.source
