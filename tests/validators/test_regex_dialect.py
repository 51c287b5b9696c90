"""The Python target's regex dialect: an ECMA-262 pattern it cannot honour exactly is an ``E403``
at the pattern's pointer, never a pattern Python ``re`` reads with a meaning of its own."""

from __future__ import annotations

import pytest

from generator.diagnostics import SpecError
from generator.targets.python.capabilities import CAPABILITIES, regex
from generator.validation import schema_model

PYTHON_ONLY = ["\\Aabc", "abc\\Z", "(?i)abc", "(?P<x>a)", "a{,3}", "\\N{DIGIT ONE}", "(?#c)a"]


@pytest.mark.parametrize("pattern", PYTHON_ONLY)
def test_python_only_syntax_is_refused_at_its_pointer(pattern: str) -> None:
    schema = {"pattern": pattern, "patternProperties": {pattern: True}}
    with pytest.raises(SpecError) as caught:
        schema_model(schema, "2020-12", capabilities=CAPABILITIES)
    found = [(d.code, d.location.pointer) for d in caught.value.diagnostics]
    escaped = pattern.replace("~", "~0").replace("/", "~1")
    assert found == [("E403", "/pattern"), ("E403", f"/patternProperties/{escaped}")]
    assert CAPABILITIES.pattern_problem(pattern) is not None


@pytest.mark.parametrize(
    ("pattern", "python"),
    [
        ("(?:a)(?=b)(?!c)", "(?:a)(?=b)(?!c)"),
        ("(?<=a)b(?<!c)", "(?<=a)b(?<!c)"),
        ("(?<n>a)\\k<n>", "(?P<n>a)(?P=n)"),
        ("a{1,3}[{,]\\{,", "a{1,3}[{,]\\{,"),
    ],
)
def test_ecma_groups_and_quantifiers_are_honoured(pattern: str, python: str) -> None:
    assert CAPABILITIES.pattern_problem(pattern) is None
    assert regex(pattern) == python
