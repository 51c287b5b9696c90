"""Go module paths, checked as ``golang.org/x/mod/module.CheckPath`` checks them."""

from __future__ import annotations

import re

from .literals import KEYWORDS

__all__ = ["module_problem", "package_of"]

_FIRST = re.compile(r"^[a-z0-9.-]+\Z")
_ELEMENT = re.compile(r"^[A-Za-z0-9._~-]+\Z")
_MAJOR = re.compile(r"^v[0-9]+\Z")
_WINDOWS = frozenset(["con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9"])


def module_problem(path: str) -> str | None:
    """Why ``path`` is not a valid Go module path (``None``: it is; empty: not set yet)."""
    if not path:
        return None
    elements = path.split("/")
    first = elements[0]
    why = next((w for e in elements if (w := _element_problem(e)) is not None), None)
    if why is not None:
        return f"module {path!r}: {why}"
    if not _FIRST.match(first) or "." not in first or first.startswith("-"):
        return (f"module {path!r}: the first element must be a domain: lower-case letters, "
                "digits, '.' and '-', with a dot, not starting with '-'")
    last = elements[-1]
    if len(elements) > 1 and _MAJOR.match(last) and last in ("v0", "v1"):
        return f"module {path!r}: a major version suffix must be /v2 or later"
    if len(elements) > 1 and _MAJOR.match(last) and last.startswith("v0"):
        return f"module {path!r}: a major version suffix has no leading zero"
    return None


def _element_problem(element: str) -> str | None:
    if not element:
        return "empty path element (a leading, trailing or doubled '/')"
    if not _ELEMENT.match(element):
        return f"element {element!r} has a character other than letters, digits and '._~-'"
    if element.startswith(".") or element.endswith("."):
        return f"element {element!r} starts or ends with '.'"
    if element.split(".")[0].lower() in _WINDOWS:
        return f"element {element!r} is a reserved file name on Windows"
    if re.search(r"~[0-9]+$", element.split(".")[0]):
        return f"element {element!r} looks like a Windows short name"
    return None


def package_of(module: str) -> str:
    """The package name a module path suggests: its last element that is not ``vN``,
    lower-cased, letters and digits only (``example.com/tams-credits/v2`` -> ``tamscredits``)."""
    elements = [e for e in module.split("/") if e]
    if len(elements) > 1 and _MAJOR.match(elements[-1]):
        elements.pop()
    name = re.sub(r"[^a-z0-9]", "", (elements[-1] if elements else "").lower())
    if not name or not name[0].isalpha():
        name = "api" + name
    return name + "_" if name in KEYWORDS else name
