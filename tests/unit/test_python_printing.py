"""Pure helpers of the Python target: identifiers, literals, docstrings, TOML, on hostile text."""

from __future__ import annotations

import ast
import json
import keyword
import re
import tomllib

import pytest
from specgen_testing import SHARED

from generator.targets.python.literals import docstring, literal, sentence
from generator.targets.python.names import Scope, pascal, snake, upper_snake
from generator.targets.python.toml import dump_toml
from generator.targets.python.types import union

NAUGHTY: list[str] = json.loads((SHARED / "corpus/blns/blns.json").read_text(encoding="utf-8"))
EXTRA = ['"""', "'''", '\\', 'a"', '""""""', "\\x00", "\x00", "\r\nx", "\u2028", "\ud800",
         "# -*- coding: latin-1 -*-", "{__import__('os').system('id')}", "\"\"\"; import os; \"\"\""]
STRINGS = NAUGHTY + EXTRA
IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("make", [snake, pascal, upper_snake])
def test_identifiers_are_allow_listed(make: object) -> None:
    assert callable(make)
    scope = Scope()
    for text in STRINGS:
        name = scope.claim(make(text))
        assert IDENT.match(name), (text, name)
        assert not keyword.iskeyword(name) and name not in {"match", "case", "type", "_"}


def test_scope_resolves_case_and_unicode_collisions_deterministically() -> None:
    names = ["Pet", "pet", "PET", "ﬁle", "file", "Ｐet"]
    first = [Scope().claim(n) for n in names]
    scope = Scope()
    claimed = [scope.claim(n) for n in names]
    assert len({n.casefold() for n in claimed}) == len(claimed)
    assert claimed == ["Pet", "pet_2", "PET_3", "ﬁle", "file_2", "Ｐet_4"]
    assert first == names  # separate scopes do not interfere
    again = Scope()
    assert [again.claim(n) for n in names] == claimed


def test_literals_evaluate_back_to_the_value() -> None:
    for text in STRINGS:
        if re.search(r"[\ud800-\udfff]", text):
            continue
        assert ast.literal_eval(literal(text)) == text


@pytest.mark.parametrize("indent", [0, 4])
def test_docstrings_never_break_out_and_keep_the_text(indent: int) -> None:
    for text in STRINGS:
        body = docstring(text, indent=indent)
        if body is None:
            assert not text.strip()
            continue
        source = f'def f():\n    """{body}"""\n    return 1\n'
        tree = ast.parse(source)
        func = tree.body[0]
        assert isinstance(func, ast.FunctionDef) and len(func.body) == 2, text
        value = ast.get_docstring(func, clean=False)
        assert value is not None
        expected = re.sub(r"[\ud800-\udfff]", "", text.replace("\r", "\n").replace("\u2028", "\n"))
        assert _squash(value) == _squash(expected.replace("\u2029", "\n")), text


def test_toml_round_trips_hostile_strings() -> None:
    doc = {"project": {"name": "x", "description": "".join(s for s in STRINGS if "\ud800" not in s)}}
    assert tomllib.loads(dump_toml(doc)) == doc


def test_toml_keys_are_bare_where_toml_allows() -> None:
    doc = {"build-system": {"requires": ["a"]}, "tool": {"setuptools": {"package-data": {
        "acme_client": ["py.typed"], "a b": ["x"], "é": ["y"]}}}}
    text = dump_toml(doc)
    assert "[build-system]\nrequires = " in text
    assert "[tool.setuptools.package-data]\nacme_client = " in text
    assert '"a b" = ' in text and '"é" = ' in text
    assert tomllib.loads(text) == doc


@pytest.mark.parametrize(("text", "expected"), [
    ("subscription information", "Subscription information."),
    ("To be used as a version parameter value", "To be used as a version parameter value."),
    ("the id (a UUID)", "The id (a UUID)."),
    ("Already a sentence.", "Already a sentence."),
    ("iPhone model", "iPhone model."),  # not a plain lower-case word: left as written
    ("`code` first", "`code` first."),
    ("ends with a colon:", "Ends with a colon:"),  # no full stop after a colon
    ("e.g. this", "e.g. this."),
    ("", ""), (None, None),
])
def test_model_docstrings_read_as_sentences(text: str | None, expected: str | None) -> None:
    assert sentence(text) == expected


@pytest.mark.parametrize(("parts", "expected"), [
    (("str | None", "Unset"), "str | Unset | None"),
    (("str | None", "int | None"), "str | int | None"),
    (("None", "list[int | None]"), "list[int | None] | None"),
    (("dict[str, int | None] | None", "None"), "dict[str, int | None] | None"),
])
def test_unions_name_each_member_once_with_none_last(parts: tuple[str, ...], expected: str) -> None:
    assert union(*parts) == expected
