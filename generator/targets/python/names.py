"""Python identifiers from spec names: allow-listed, never keywords, collisions resolved.

Identifiers are *built*, not escaped: a spec name is split into words, each word is reduced to
ASCII letters and digits (after NFKD, so ``über`` becomes ``uber``), and the words are joined in
the wanted casing. What is left is checked against ``[A-Za-z_][A-Za-z0-9_]*`` and against the
names a scope reserves; collisions (after NFKC + casefold) get a numeric suffix in spec order, so
the same spec always yields the same names and no two things ever share one.
"""

from __future__ import annotations

import builtins
import hashlib
import keyword
import re
import unicodedata

__all__ = ["BUILTINS", "KEYWORDS", "Scope", "pascal", "snake", "upper_snake"]

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+[0-9]*")
# Fixed sets, so the output does not depend on the Python that runs the generator (3.12 made
# ``type`` a soft keyword; 3.13 added builtins). Later additions are listed explicitly.
MAX_LENGTH = 60
KEYWORDS = frozenset(keyword.kwlist) | {"_", "case", "match", "type"}
BUILTINS = frozenset(dir(builtins)) | {
    "PythonFinalizationError", "EncodingWarning", "ExceptionGroup", "BaseExceptionGroup",
    "aiter", "anext",
}


def _words(name: str) -> list[str]:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _WORDS.findall(ascii_name)


def snake(name: str, *, fallback: str = "value") -> str:
    """``sdModel`` -> ``sd_model``, ``@type`` -> ``type``; empty results become ``fallback``."""
    words = [w.lower() for w in _words(name)]
    return _valid("_".join(words), fallback)


def pascal(*parts: str, fallback: str = "Model") -> str:
    """``("Stage", "videoDiffusion")`` -> ``StageVideoDiffusion``."""
    words = [w for part in parts for w in _words(part)]
    return _valid("".join(w[:1].upper() + w[1:] for w in words), fallback)


def upper_snake(name: str, *, fallback: str = "VALUE") -> str:
    """``Euler a`` -> ``EULER_A``; used for enum members."""
    return _valid("_".join(w.upper() for w in _words(name)), fallback)


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


class Scope:
    """Hands out unique identifiers within one Python scope (a module, a class body).

    Keywords and soft keywords are always reserved; ``reserved`` adds the names the scope itself
    needs (a module: every builtin and import; a class body: the names its annotations use).
    """

    def __init__(self, reserved: frozenset[str] | set[str] = frozenset()) -> None:
        self._taken: set[str] = set()
        # not copied when it is a frozenset: a package's module scopes share one of 4,000 names
        self._reserved = frozenset(reserved)

    def claim(self, wanted: str) -> str:
        """Return ``wanted``, or ``wanted_`` / ``wanted_2`` … if it is reserved or taken."""
        candidate = wanted
        if self._is_reserved(candidate):
            candidate = f"{wanted}_"
        n = 2
        while _fold(candidate) in self._taken or self._is_reserved(candidate):
            candidate = f"{wanted}_{n}"
            n += 1
        self._taken.add(_fold(candidate))
        return candidate

    def _is_reserved(self, name: str) -> bool:
        return name in KEYWORDS or name in self._reserved


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold()
