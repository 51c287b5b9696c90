"""specgen: OpenAPI 3.0/3.1 documents -> typed SDK code.

The pipeline (``generator.pipeline``), a folder per stage::

    load ─▶ build ─▶ check ─▶ analysis ─▶ validation ─▶ for each target: view ─▶ render ─▶ format ─▶ write
    load/    build/   build/    analysis/   validation/   targets/<lang>/      render/   format/   write/

- ``load``: YAML/JSON safely and with bounds, ``$ref`` targets, ``file:line:col`` positions, and
  the structural lint (run by every command; ``examine`` gathers every problem for all three).
- ``build``: the document -> the frozen, language-neutral IR of ``ir``; ``build.check``:
  semantic rules on the IR.
- ``analysis``: language-neutral facts from the IR, computed once per run and shared by every
  target: readOnly/writeOnly reach, the union dispatch rule, emission groups and cycles, naming
  primitives (word splitting, NFKC + casefold collisions, claiming names).
- ``validation``: schemas -> a language-neutral validation model (checks, codes, one message
  table) that targets compile to validators; it asks the target's capabilities which patterns
  and formats it honours.
- ``targets``: the registry of languages and the ``Target`` protocol; ``targets.python``: the
  IR -> view models (names, annotations, literal source, imports), its capabilities, and its
  format stage (black or ruff, compiled back).
- ``render``: Jinja2 templates in ``templates/`` (layout only; prints only ``Code``).
- ``format``: the language-neutral machinery of each target's format stage (blocks, the
  content-hash cache, worker processes, block and command streams).
- ``write``: build aside, swap in atomically, manifest of owned files; ``drift`` for ``check``.
- ``diff``: two IRs compared for ``specgen diff`` (breaking or not, semver bump).

Beside the stages: ``examine`` runs load to lint once for ``validate``, ``generate`` and ``check``
(one report for all three); ``catalog`` holds every diagnostic code, which ``diagnostics``
enforces and ``docs/diagnostics.md`` lists.
"""

from .pipeline import check_drift, generate, produce
from .settings import Settings

__all__ = ["Settings", "check_drift", "generate", "produce"]
