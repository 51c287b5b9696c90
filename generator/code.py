"""The one type templates may print: :class:`Code`, source text a target's view built on purpose.

Jinja's ``finalize`` hook (see :mod:`generator.render`) refuses any plain ``str``. A spec string can
therefore only reach generated source after a view turned it into a literal (``repr``), a docstring
body (escaped), or an identifier (allow-listed) — a template that prints spec text by mistake fails
loudly instead of injecting code.
"""

from __future__ import annotations

__all__ = ["Code"]


class Code(str):
    """Trusted source text produced by a target view (never raw spec text)."""

    __slots__ = ()
