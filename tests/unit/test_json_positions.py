"""A pure helper of diagnostics: JSON pointers placed in JSON text as the YAML composer places them."""

from __future__ import annotations

import json

import pytest
from specgen_testing import SHARED

from generator.load.positions import json_positions
from generator.load.yaml12 import positions_of

NAUGHTY: list[str] = json.loads((SHARED / "corpus/blns/blns.json").read_text(encoding="utf-8"))
PRINTABLE = [s for s in NAUGHTY if s.isprintable()]  # YAML refuses other raw characters
TEXTS = [
    '{"a": "x\u2028y", "b": [1, {"c\\u2028": 2}], "d\\/e~": {"f": null}}',
    '\r\n[\r 1,\r\n {"x":\t"\u0085q", "y": [ ]}, "\xe9\xe9", {"z": {}}]',
    "  {}",
    '{"a":{"b":{"c":[[1,2],[3,{"d":4}]]}}}',
    '{"p": {"/a~b": [true, false, {"": 1.5e3}]}, "q": []}',
    json.dumps({s: [s, {s: s}] for s in PRINTABLE}, indent=2, ensure_ascii=False),
    json.dumps(PRINTABLE, indent=1, ensure_ascii=False),
]


@pytest.mark.parametrize("text", TEXTS)
def test_json_positions_match_the_yaml_composer(text: str) -> None:
    every = positions_of(text)
    assert every is not None
    assert json_positions(text, every) == every


def test_json_positions_place_what_yaml_cannot_read() -> None:
    """Raw control characters and escaped surrogate pairs are JSON, but libyaml refuses them."""
    text = json.dumps({s: [s] for s in NAUGHTY}, indent=2, ensure_ascii=False)
    assert positions_of(text) is None
    found = json_positions(text, [f"/{s.replace('~', '~0').replace('/', '~1')}/0" for s in NAUGHTY])
    assert found is not None and len(found) == 1 + 2 * len(set(NAUGHTY))


def test_json_positions_follow_only_the_pointers_asked_for() -> None:
    text = '{"a": {"b": [10, {"c": 1}]}, "z": {"y": 2}}'
    assert json_positions(text, ["/a/b/1/c", "/a/missing/x"]) == {
        "": (1, 1), "/a": (1, 2), "/a/b": (1, 8), "/a/b/1": (1, 18), "/a/b/1/c": (1, 19),
    }
    assert json_positions("{not json", ["/a"]) is None
