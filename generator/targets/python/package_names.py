"""The Python package's three names: the import name (``package``), the distribution name
(``package_name``, what ``pip install`` takes) and the version (``package_version``).

Each setting is checked where it is given (:func:`module_problem`, :func:`distribution_problem`,
:func:`version_problem`: why a value is refused, for the settings' diagnostics), and each has a
default from the spec (:func:`package_names`): the import name from ``info.title``, the
distribution name from the import name (PEP 503's normal form: ``acme_client`` ->
``acme-client``), the version from ``info.version`` in PEP 440's normal form, or, when
``info.version`` is not a PEP 440 version, its leading numbers (``2024-05-01`` -> ``2024.5.1``,
``latest`` -> ``0.0.0``) with a warning (W510) at ``info.version``.
"""

from __future__ import annotations

import keyword
import re
import sys
from dataclasses import dataclass

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from ...diagnostics import Diagnostic, Location
from ...ir import Api
from .names import snake

__all__ = ["PackageNames", "distribution_problem", "module_problem", "package_names",
           "version_problem", "version_warning"]

_MODULE = re.compile(r"[a-z_][a-z0-9_]*")
_DISTRIBUTION = re.compile(r"[A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9]", re.IGNORECASE)  # PEP 508
# The standard library's top-level modules: this Python's, and those removed since 3.10 or
# added by 3.14, so a name is refused (or a default avoided) whatever Python runs specgen.
STDLIB = frozenset(sys.stdlib_module_names) | {
    "aifc", "asynchat", "asyncore", "audioop", "cgi", "cgitb", "chunk", "crypt", "distutils",
    "imghdr", "imp", "lib2to3", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev", "pipes",
    "smtpd", "sndhdr", "spwd", "sunau", "telnetlib", "uu", "xdrlib", "annotationlib",
    "compression",
}
SOFT_KEYWORDS = frozenset({"_", "case", "match", "type"})


def module_problem(value: str) -> str | None:
    """Why ``value`` cannot be the package's import name (``None``: it can; empty: the default):
    a dotted name, not a lower-case identifier, a keyword or soft keyword, or the name of a
    standard-library module (``json``, ``typing``), which the package would shadow."""
    if not value:
        return None
    if "." in value:
        return (f"package {value!r} is a dotted name; specgen writes one top-level package, "
                "so give a single module name")
    if not _MODULE.fullmatch(value):
        return (f"package {value!r} is not a valid module name (lower-case ASCII letters, "
                "digits and '_', not starting with a digit)")
    if keyword.iskeyword(value) or value in SOFT_KEYWORDS:
        soft = "soft " if value in SOFT_KEYWORDS else ""
        return f"package {value!r} is a Python {soft}keyword: `import {value}` would not work"
    if value in STDLIB:
        return (f"package {value!r} is a standard-library module: the package would shadow it "
                "(or be shadowed by it)")
    return None


def distribution_problem(value: str) -> str | None:
    """Why ``value`` cannot be the distribution's name (PEP 508: ASCII letters and digits,
    with ``.``, ``-``, ``_`` inside); ``None`` when it can or is empty (the default)."""
    if not value or _DISTRIBUTION.fullmatch(value):
        return None
    return (f"package_name {value!r} is not a valid distribution name (PEP 508: ASCII letters, "
            "digits, and '.', '-', '_' between them)")


def version_problem(value: str) -> str | None:
    """Why ``value`` cannot be the package's version (PEP 440); ``None`` when it can or is
    empty (the default, from ``info.version``)."""
    if not value:
        return None
    try:
        Version(value)
    except InvalidVersion:
        return f"package_version {value!r} is not a PEP 440 version (e.g. 1.2.0, 2.0.0rc1)"
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class PackageNames:
    """What the package is called and which version it is: ``package`` (the import name),
    ``distribution`` (the name ``pip install`` takes), ``version`` (PEP 440, normalised)."""

    package: str
    distribution: str
    version: str


def package_names(api: Api, package: str, distribution: str, version: str) -> PackageNames:
    """The settings' values, each defaulted from the spec when empty (see the module's
    docstring); a default import name that :func:`module_problem` would refuse (a title
    ``JSON``) gets ``_client``."""
    package = package or snake(api.title, fallback="api_client")
    if module_problem(package) is not None:
        package = f"{package}_client"
    return PackageNames(package=package,
                        distribution=canonicalize_name(distribution or package),
                        version=str(Version(version)) if version else _version(api.version))


def _version(raw: str) -> str:
    """``info.version`` as a PEP 440 version: normalised, or its leading numbers."""
    try:
        return str(Version(raw))
    except InvalidVersion:
        head = re.match(r"[vV]?([0-9][0-9.\-_]*)", raw)
        numbers = re.findall(r"[0-9]+", head[1]) if head else []
        return ".".join(str(int(n)) for n in numbers) or "0.0.0"


def version_warning(api: Api, version: str) -> Diagnostic | None:
    """W510 at ``info.version`` when the package's version is not ``info.version`` itself
    (nor its normal form) and ``package_version`` did not set one."""
    if version or version_problem(api.version) is None:
        return None
    return Diagnostic(
        code="W510", severity="warning",
        location=Location(file=api.source_name, pointer="/info/version"),
        message=f"info.version {api.version!r} is not a PEP 440 version; the Python package's "
                f"version is {_version(api.version)!r} (set [tool.specgen.python] "
                "package_version to choose another)")
