"""The README's two commands stay true: CI runs the README's test command verbatim."""

from __future__ import annotations

import re

from specgen_testing import REPO


def _commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text, flags=re.DOTALL)[:2]


def test_readme_starts_with_generate_then_test() -> None:
    generate, test = _commands()
    assert generate.endswith("specgen generate")
    assert test.endswith("python -m pytest")


def test_ci_runs_the_readme_test_command() -> None:
    _, test = _commands()
    assert test in (REPO / ".ci" / "run").read_text(encoding="utf-8")
