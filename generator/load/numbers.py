"""Numbers no double can hold (E109), found while a file is parsed.

A JSON or YAML number literal is read as a Python ``float`` (an IEEE 754 double, the number of
JavaScript, of Go's ``float64`` and of every JSON Schema validator here). ``1e999`` becomes
``inf`` and ``1e-400`` becomes ``0.0`` without a word, so a ``multipleOf: 1e-400`` would turn into
a division by zero and a ``maximum: 1e999`` into a bound no client can write. Python's ``json``
also accepts ``NaN`` and ``Infinity``, which are not JSON, and YAML has ``.inf`` and ``.nan``,
which JSON cannot carry. Each of these is an error at its place, never a silent change.

The parse hooks here return an :class:`Unheld` (a ``float`` that remembers its literal) for
such a number, so the reader can find them afterwards (:func:`unheld_numbers`); it walks the
data for them only when a hook said it made one (:class:`JsonNumbers`, one per parse).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from ..diagnostics import pointer_token

__all__ = ["JsonNumbers", "Unheld", "construct_yaml_float", "unheld_numbers"]


class Unheld(float):
    """A number literal no double holds; ``problem`` says why (for the diagnostic)."""

    problem: str

    @classmethod
    def of(cls, value: float, problem: str) -> Unheld:
        """The float ``value`` marked with ``problem``."""
        made = cls(value)
        made.problem = problem
        return made


def _checked(text: str, value: float) -> float:
    """``value`` (read from the literal ``text``), or an :class:`Unheld` if no double holds it."""
    if "inf" in text.lower() or math.isnan(value):
        return Unheld.of(value, f"{text} is not a number JSON can carry")
    if math.isinf(value):
        return Unheld.of(value, f"the number {text} is beyond a double's range (±1.8e308)")
    if value == 0.0 and any(c in "123456789" for c in text.partition("e")[0].partition("E")[0]):
        return Unheld.of(value, f"the number {text} is too small for a double: it would read as 0")
    return value


class JsonNumbers:
    """The number hooks of one ``json.loads`` call; ``unheld`` says whether one made an
    :class:`Unheld` (then the reader walks the data for them)."""

    def __init__(self) -> None:
        self.unheld = False

    def parse_float(self, text: str) -> float:
        """``parse_float``: the literal's value, marked when no double holds it."""
        value = float(text)
        if value == 0.0 or math.isinf(value):
            value = _checked(text, value)
            self.unheld = self.unheld or isinstance(value, Unheld)
        return value

    def parse_constant(self, text: str) -> float:
        """``parse_constant`` (``NaN``, ``Infinity``, ``-Infinity``): never JSON."""
        self.unheld = True
        return Unheld.of(float(text), f"{text} is not JSON (no JSON number is infinite or NaN)")


def construct_yaml_float(loader: Any, node: Any) -> float:
    """The YAML float constructor; ``.inf``, ``.nan`` and literals no double holds are each
    an E109 problem of the loader (``loader._problem``), at the scalar."""
    value: float = loader.construct_yaml_float(node)
    if value == 0.0 or math.isinf(value) or math.isnan(value):
        checked = _checked(str(node.value), value)
        if isinstance(checked, Unheld):
            loader._problem("E109", checked.problem, node)
    return value


def unheld_numbers(data: Any) -> Iterator[tuple[str, str]]:
    """Each :class:`Unheld` in ``data`` as ``(pointer, problem)``, in document order."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        pointer, node = stack.pop()
        if isinstance(node, Unheld):
            yield pointer, node.problem
        elif isinstance(node, dict):
            items = [(f"{pointer}/{pointer_token(str(k))}", v) for k, v in node.items()]
            stack.extend(reversed(items))
        elif isinstance(node, list):
            stack.extend(reversed([(f"{pointer}/{i}", v) for i, v in enumerate(node)]))
