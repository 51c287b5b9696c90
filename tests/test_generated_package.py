"""The generated Python package as a user finds it, in ``generated/python`` and every golden
case: a ``.gitignore`` for build output, a ``pyproject.toml`` with bare keys and the right
names, a README whose install line names the distribution, whose auth section has no empty
entries, and whose examples use enum members and import only what they use."""

from __future__ import annotations

import re
import subprocess
import tomllib
from pathlib import Path

import pytest
from golden_cases import CASE_NAMES, materialise
from specgen_testing import GENERATED_PY, PYTHON

_IGNORED = ("__pycache__/", "build/", "dist/", "*.egg-info/", ".mypy_cache/")


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each golden case's Python folder, and ``generated/python`` as ``credits``."""
    into = tmp_path_factory.mktemp("cases")
    found = {case: materialise(case, into / case) / "python" for case in CASE_NAMES}
    return {**found, "credits": GENERATED_PY}


def _blocks(root: Path) -> list[str]:
    text = (root / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)


def test_gitignore_covers_build_output(packages: dict[str, Path]) -> None:
    for name, root in packages.items():
        lines = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
        assert [p for p in _IGNORED if p not in lines] == [], name


def test_pyproject_uses_bare_keys_and_the_package_names(packages: dict[str, Path]) -> None:
    for name, root in packages.items():
        text = (root / "pyproject.toml").read_text(encoding="utf-8")
        assert not re.search(r'^"[A-Za-z0-9_-]+" =|^\[.*"', text, re.MULTILINE), name
        project = tomllib.loads(text)["project"]
        package = next(p.parent.name for p in root.glob("*/__init__.py"))
        assert project["name"] == package.replace("_", "-"), name
        readme = (root / "README.md").read_text(encoding="utf-8")
        assert f"The distribution is `{project['name']}`" in readme, name
        assert f"it is imported as `{package}`" in readme, name
        assert "pip install .  " in readme, name


def test_auth_section_has_no_empty_entries(packages: dict[str, Path]) -> None:
    for name, root in packages.items():
        readme = (root / "README.md").read_text(encoding="utf-8")
        # a scheme's entry is its name, then its description as a block quote
        empty = re.findall(r"^`[^`\n]+`:\n\n(?!> )", readme, re.MULTILINE)
        assert empty == [], name


def test_readme_examples_use_enum_members(packages: dict[str, Path]) -> None:
    text = "\n".join(_blocks(packages["credits"]))
    assert "StageType.DEFAULT" in text and "StageType(" not in text
    enums = "\n".join(_blocks(packages["enums"]))
    assert not re.search(r"\b[A-Z]\w*\('", enums), enums


def test_readme_examples_have_no_unused_imports(
    packages: dict[str, Path], tmp_path: Path
) -> None:
    files = []
    for name, root in packages.items():
        for i, block in enumerate(_blocks(root)):
            files.append(tmp_path / f"{name}_{i}.py")
            files[-1].write_text(block, encoding="utf-8")
    done = subprocess.run(
        [PYTHON, "-m", "ruff", "check", "--no-cache", "--isolated", "--output-format", "concise",
         "--select", "F", *map(str, files)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
