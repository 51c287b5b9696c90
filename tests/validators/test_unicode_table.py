"""``\\p{..}`` comes from the table committed with the generator, not from ``unicodedata``.

The generated validators must be the same bytes whichever Python runs the generator, so the
ECMA -> Python translation expands Unicode general categories from
``generator/targets/python/unicode_categories.py`` (written by ``bench/unicode_categories.py``).
"""

from __future__ import annotations

import importlib.util
import sys
import types
import unicodedata
from pathlib import Path

import pytest

from generator.targets.python import ecma_regex
from generator.targets.python.unicode_categories import CATEGORIES, UNICODE_VERSION

REPO = Path(__file__).resolve().parents[2]
PATTERNS = ["^\\p{L}+$", "\\P{Nd}", "[\\p{Lu}\\p{Zs}_]", "\\p{General_Category=Cn}", "\\p{punct}"]


def _ranges(category: str) -> list[tuple[int, int]]:
    out = []
    for word in CATEGORIES[category].split():
        first, _, last = word.partition("-")
        out.append((int(first, 16), int(last or first, 16)))
    return out


def test_the_output_is_the_same_whatever_unicodedata_says(monkeypatch: pytest.MonkeyPatch) -> None:
    ecma_regex._category_ranges.cache_clear()
    before = [ecma_regex.translate(p) for p in PATTERNS]
    monkeypatch.setattr(unicodedata, "unidata_version", "1.1.0")
    monkeypatch.setattr(unicodedata, "category", lambda _: "Cn")
    monkeypatch.setitem(sys.modules, "unicodedata", types.ModuleType("unicodedata"))
    ecma_regex._category_ranges.cache_clear()
    try:
        assert [ecma_regex.translate(p) for p in PATTERNS] == before
    finally:
        ecma_regex._category_ranges.cache_clear()


def test_a_category_expands_to_the_committed_ranges() -> None:
    expected = "".join(
        f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in _ranges("Lu")
    )
    assert ecma_regex.translate("\\p{Lu}") == f"[{expected}]"
    assert ecma_regex.translate("\\p{Lu}").startswith("[\\U00000041-\\U0000005a")  # A-Z


def test_the_table_partitions_every_code_point_once() -> None:
    assert len(CATEGORIES) == 30
    assert UNICODE_VERSION.count(".") == 2
    runs = sorted(r for category in CATEGORIES for r in _ranges(category))
    position = 0
    for first, last in runs:
        assert first == position and last >= first
        position = last + 1
    assert position == 0x110000


def test_the_table_is_what_the_script_writes() -> None:
    """The committed file is the script's rendering of its own data (no hand edits)."""
    path = REPO / "bench/unicode_categories.py"
    spec = importlib.util.spec_from_file_location("unicode_script", path)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    of = [""] * 0x110000
    for category in CATEGORIES:
        for first, last in _ranges(category):
            of[first : last + 1] = [category] * (last - first + 1)
    script.unicodedata = types.SimpleNamespace(
        category=lambda c: of[ord(c)], unidata_version=UNICODE_VERSION
    )
    assert script.render() == script.TABLE.read_text(encoding="utf-8")
