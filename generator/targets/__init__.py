"""The language targets, found through one registry: one line per language.

Adding a language is a folder here (a module whose ``TARGET`` is a
:class:`~generator.targets.target.Target`), a folder under ``templates/``, and its line in
:data:`_REGISTRY`. A target's module is imported when it is first asked for, so a run imports
only the languages it generates.
"""

from __future__ import annotations

import importlib

from .target import Target

__all__ = ["KNOWN", "target"]

_REGISTRY = {  # name -> the module (under this package) whose ``TARGET`` it is
    "python": ".python",
    "go": ".go",
    "typescript": ".typescript",
}
KNOWN = tuple(_REGISTRY)


def target(name: str) -> Target:
    """The target called ``name`` (one of :data:`KNOWN`; a ``KeyError`` for another)."""
    found: Target = importlib.import_module(_REGISTRY[name], __name__).TARGET
    assert found.name == name, (found.name, name)
    return found
