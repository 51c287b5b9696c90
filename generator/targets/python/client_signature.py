"""How an operation's method is declared in ``client.py``: its arguments, one per line.

:class:`Args` collects them (:mod:`.client_ops` walks the parameters, :mod:`.client_body` the
body's fields); :func:`parameter` writes each as black and ``ruff format`` both leave it, so
either formatter gives the same bytes; :func:`overloads` declares the keyword form of a body;
:func:`call_alias` names a builder's return type that would not fit on its line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...code import Code
from .literals import last_opening
from .names import pascal

__all__ = ["BUILDER_COLUMN", "METHOD_COLUMN", "Args", "call_alias", "overloads", "parameter"]

# where the formatted ``def``s of templates/python/client.py.jinja put an argument
_WIDTH, BUILDER_COLUMN, METHOD_COLUMN = 88, 4, 8


@dataclass(slots=True)
class Args:
    """Arguments collected while walking parameters and body: (name, annotation, default).

    ``positional`` and ``keyword``: the method's arguments; ``docs``: their lines of the
    docstring."""

    positional: list[tuple[str, str, str | None]]
    keyword: list[tuple[str, str, str | None]]
    docs: list[str]
    # the keyword form of a body (see ``overloads``): the body's name and annotation, and
    # each field as the keyword form's overload declares it
    body: tuple[str, str] | None = None
    fields: list[tuple[str, str, str | None]] = field(default_factory=list)


def overloads(args: Args) -> tuple[tuple[Code, ...], ...]:
    """The ``@overload`` signatures of a method whose body may be given as keyword fields, one
    of them required: the body alone, or the fields with the required ones required, so a
    type checker catches a missing one (the method's own signature takes both, all optional).
    """
    if args.body is None or all(default is not None for _, _, default in args.fields):
        return ()
    fields = {name for name, _, _ in args.fields}
    body, rest = args.body, [k for k in args.keyword if k[0] not in fields]
    with_body = [(n, a, d) if n != body[0] else (n, body[1], None) for n, a, d in args.positional]
    without = [k for k in args.positional if k[0] != body[0]]
    return tuple(
        tuple(Code(line) for line in [
            *(parameter(n, a, d, METHOD_COLUMN) for n, a, d in positional), "*",
            *(parameter(n, a, d, METHOD_COLUMN) for n, a, d in keyword)])
        for positional, keyword in ((with_body, rest), (without, rest + args.fields))
    )


def call_alias(builder: str, returns: str, claim: Callable[[str], str]) -> str | None:
    """A name for the return type of a builder without arguments whose ``def`` line is too long.

    black wraps such an annotation in parentheses, ``ruff format`` splits it inside
    ``Call[...]`` (and removes given parentheses); an annotation without brackets they wrap
    alike. The alias is defined under ``TYPE_CHECKING``: at run time the annotation is never
    evaluated, and the ``models`` it names are not loaded."""
    if len(f"def {builder}() -> _http.Call[{returns}]:") <= _WIDTH:
        return None
    return claim(f"_{pascal(builder)}Call")


def parameter(name: str, annotation: str, default: str | None, column: int) -> str:
    """``name: annotation = default``, the annotation parenthesised where black will split it
    (a union on a line too long): black adds these parentheses, ``ruff format`` keeps given
    ones but adds none. A union ending in ``]`` with one ``|`` black may split at the bracket
    instead, so it is left as it is, unless what that bracket holds is too long for a line."""
    text = f"{name}: {annotation}" + (f" = {default}" if default else "")
    bars = _top_level(annotation).count("|")
    if column + len(text) + 1 > _WIDTH and (bars > 1 or (bars == 1 and (
            annotation[-1] != "]" or column + 8 + len(_last_inside(annotation)) > _WIDTH))):
        return f"{name}: ({annotation})" + (f" = {default}" if default else "")
    return text


def _last_inside(expression: str) -> str:
    """What the final bracket pair of ``expression`` (ending in ``]``) holds: when it does not
    fit on a line of its own, black parenthesises the union around it (OpenAI's
    ``str | list[A | B | C]``) rather than split at that bracket."""
    at = last_opening(expression)
    return expression[at + 1:-1] if at >= 0 else expression


def _top_level(expression: str) -> str:
    """``expression`` without what is inside brackets."""
    out, depth = [], 0
    for char in expression:
        depth += char in "([{"
        depth -= char in ")]}"
        out.append(char if depth == 0 else "")
    return "".join(out)
