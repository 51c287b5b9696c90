"""Python identifiers from spec names: allow-listed, never keywords, collisions resolved.

Identifiers are *built*, not escaped: a spec name is split into words by the shared splitter
(:func:`generator.analysis.naming.words`: ASCII letters and digits, after NFKD, so ``über``
becomes ``uber``), and the words are joined in the wanted casing. What is left is checked
against ``[A-Za-z_][A-Za-z0-9_]*`` and against the names a scope reserves; collisions (after
NFKC + casefold, the shared :class:`~generator.analysis.naming.Scope`) get a numeric suffix in
claim order, so the same spec always yields the same names and no two things ever share one.
"""

from __future__ import annotations

import builtins
import hashlib
import keyword
import re

from ...analysis import naming

__all__ = ["BUILTINS", "KEYWORDS", "Scope", "pascal", "snake", "upper_snake"]

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*\Z")
# Fixed sets, so the output does not depend on the Python that runs the generator (3.12 made
# ``type`` a soft keyword; 3.13 added builtins). Later additions are listed explicitly.
MAX_LENGTH = 60
KEYWORDS = frozenset(keyword.kwlist) | {"_", "case", "match", "type"}
BUILTINS = frozenset(dir(builtins)) | {
    "PythonFinalizationError", "EncodingWarning", "ExceptionGroup", "BaseExceptionGroup",
    "aiter", "anext",
}


def snake(name: str, *, fallback: str = "value") -> str:
    """``sdModel`` -> ``sd_model``, ``@type`` -> ``type``; empty results become ``fallback``."""
    words = [w.lower() for w in naming.words(name)]
    return _valid("_".join(words), fallback)


def pascal(*parts: str, fallback: str = "Model") -> str:
    """``("Stage", "videoDiffusion")`` -> ``StageVideoDiffusion``."""
    words = [w for part in parts for w in naming.words(part)]
    return _valid("".join(w[:1].upper() + w[1:] for w in words), fallback)


def upper_snake(name: str, *, fallback: str = "VALUE") -> str:
    """``Euler a`` -> ``EULER_A``; used for enum members."""
    return _valid("_".join(w.upper() for w in naming.words(name)), fallback)


def _valid(name: str, fallback: str) -> str:
    if not name:
        return fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}" if fallback[-1:].isalnum() else f"{fallback}{name}"
    if len(name) > MAX_LENGTH:  # keep lines readable and ruff-clean; the hash keeps names unique
        digest = hashlib.sha256(name.encode()).hexdigest()[:8]
        name = f"{name[:MAX_LENGTH - 9].rstrip('_')}_{digest}"
    assert _IDENT.match(name), name
    return name


class Scope(naming.Scope):
    """Hands out unique identifiers within one Python scope (a module, a class body).

    Keywords and soft keywords are always reserved; ``reserved`` adds the names the scope itself
    needs (a module: every builtin and import; a class body: the names its annotations use).
    A reserved name becomes ``wanted_``, a taken one (after NFKC + casefold) ``wanted_2`` …
    """

    def __init__(self, reserved: frozenset[str] | set[str] = frozenset()) -> None:
        # not copied when it is a frozenset: a package's module scopes share one of 4,000 names
        super().__init__(reserved, keywords=KEYWORDS)
