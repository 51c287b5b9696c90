"""The pre-commit hook and the documented CI step, run on a throwaway git repository.

Nothing is installed: the hook's ``entry`` (``specgen check``) runs as ``python -m generator
check`` with this interpreter, which is the same program (``test_cli_commands`` shows it).
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from specgen_testing import REPO
from workflow_support import PETS, run

HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
         "-c", "commit.gpgsign=false", *args],
        cwd=repo, capture_output=True, text=True, check=True,
    )
    return done.stdout


def _entry(command: str, repo: Path) -> subprocess.CompletedProcess[str]:
    argv = shlex.split(command)
    assert argv[0] == "specgen"
    return run(*argv[1:], cwd=repo)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "consumer"
    (root / "api").mkdir(parents=True)
    (root / "api" / "openapi.yaml").write_text(PETS, encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[project]\nname = "consumer"\nversion = "1.0.0"\n\n'
        '[tool.specgen]\nspec = "api/openapi.yaml"\noutput = "generated"\npackage = "pets"\n',
        encoding="utf-8")
    _git(root, "init", "-q")
    return root


def test_the_hook_is_declared_as_documented() -> None:
    (hook,) = HOOKS
    assert hook["id"] == "specgen-check"
    assert hook["entry"] == "specgen check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False


def test_the_hook_fails_on_a_stale_tree_and_passes_after_generate(repo: Path, tmp_path: Path) -> None:
    entry = HOOKS[0]["entry"]
    assert run("generate", cwd=repo).returncode == 0
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "spec and generated SDK")
    assert _entry(entry, repo).returncode == 0

    spec = repo / "api" / "openapi.yaml"
    spec.write_text(PETS.replace("        tag: {type: string}\n",
                                 "        tag: {type: string}\n        age: {type: integer}\n"))
    stale = _entry(entry, repo)
    assert stale.returncode == 1
    assert "--- a/python/pets/models/pet.py" in stale.stdout and "+    age: int | None" in stale.stdout
    assert "run specgen generate" in stale.stderr
    assert _git(repo, "status", "--porcelain") == " M api/openapi.yaml\n"  # check wrote nothing
    assert (repo / "generated" / ".specgen-cache" / ".gitignore").is_file()  # the cache hides

    assert run("generate", cwd=repo).returncode == 0
    assert _entry(entry, repo).returncode == 0
    changed = _git(repo, "status", "--porcelain").splitlines()
    assert " M generated/python/pets/models/pet.py" in changed
    assert " M generated/.specgen-manifest.json" in changed
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "add age")


def test_the_documented_ci_step_runs(repo: Path, tmp_path: Path) -> None:
    """The ``specgen`` lines of the GitHub Actions step in docs/build-step.md, as written."""
    page = (REPO / "docs" / "build-step.md").read_text(encoding="utf-8")
    workflow = yaml.safe_load(re.search(r"```yaml\n(# \.github.+?)```", page, re.DOTALL)[1])  # type: ignore[index]
    steps = workflow["jobs"]["generated-code-is-fresh"]["steps"]
    fresh = next(s for s in steps if s.get("name") == "generated/ matches the spec")
    commands = [line.strip() for line in fresh["run"].splitlines() if line.strip()]
    assert commands == ["specgen validate", "specgen check"]
    assert run("generate", cwd=repo).returncode == 0
    assert [_entry(c, repo).returncode for c in commands] == [0, 0]
    (repo / "api" / "openapi.yaml").write_text(PETS.replace("A pet.", "A pet!"))
    assert [_entry(c, repo).returncode for c in commands] == [0, 1]

    base = tmp_path / "base.yaml"
    base.write_text(PETS)
    (repo / "api" / "openapi.yaml").write_text(PETS.replace("        tag: {type: string}\n", ""))
    breaking = run("diff", str(base), "api/openapi.yaml", "--fail-on-breaking", cwd=repo)
    assert breaking.returncode == 1 and "suggested version bump: major" in breaking.stdout
