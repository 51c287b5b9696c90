"""specgen reads nothing outside the spec folder, opens no socket, writes only its output."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from specgen_testing import REPO

RUNNER = r'''
import json, os, sys
events = []
def hook(event, args):
    if event == "open":
        events.append(["open", os.path.realpath(str(args[0])) if isinstance(args[0], (str, bytes, os.PathLike)) else str(args[0]), str(args[1])])
    elif event.startswith(("socket.", "urllib.", "http.")):
        events.append([event, "", ""])
from generator.cli import main   # imports happen before the hook: they are not the spec's doing
sys.addaudithook(hook)
code = main(sys.argv[1:])
print(json.dumps({"code": code, "events": events}))
'''


def _run(args: list[str], cwd: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run([sys.executable, "-c", RUNNER, *args], cwd=cwd, env=env,
                          check=True, capture_output=True, text=True, timeout=120)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _allowed(path: str, roots: list[Path]) -> bool:
    return any(Path(path).is_relative_to(r) for r in roots)


def test_generation_stays_inside_its_folders(tmp_path: Path) -> None:
    spec_dir = tmp_path / "spec"
    shutil.copytree(REPO / "tests/cases/external_refs", spec_dir)
    out = tmp_path / "out"
    report = _run(["generate", "--spec", str(spec_dir / "spec.yaml"), "--output", str(out),
                   "--package", "sandboxed"], cwd=tmp_path)
    assert report["code"] == 0
    events = report["events"]
    assert isinstance(events, list)
    assert not [e for e in events if e[0] != "open"], "network activity"
    roots = [spec_dir.resolve(), out.resolve(), (REPO / "templates").resolve(),
             Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve(), (REPO / "generator").resolve()]
    outside = [e for e in events if not _allowed(e[1], roots) and not e[1].startswith("/dev/")]
    assert outside == []
    writes = [e for e in events if set(e[2]) & set("wax+") and e[2] not in ("r", "rb")]
    assert writes and all(Path(e[1]).is_relative_to(out.resolve()) for e in writes)


def test_refs_that_escape_or_go_remote_are_never_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("type: string\n", encoding="utf-8")
    spec_dir = tmp_path / "spec"
    spec_dir.mkdir()
    (spec_dir / "link.yaml").symlink_to(secret)
    (spec_dir / "spec.yaml").write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A: {$ref: '../secret.yaml'}\n    B: {$ref: 'link.yaml'}\n"
        "    C: {$ref: 'http://127.0.0.1:9/x.yaml'}\n    D: {$ref: '/etc/passwd'}\n",
        encoding="utf-8",
    )
    report = _run(["validate", "--spec", str(spec_dir / "spec.yaml")], cwd=tmp_path)
    assert report["code"] == 2
    events = report["events"]
    assert isinstance(events, list)
    opened = {e[1] for e in events if e[0] == "open"}
    assert str(secret.resolve()) not in opened
    assert "/etc/passwd" not in opened
    assert not [e for e in events if e[0] != "open"], "network activity"


def test_spec_root_is_the_sandbox(tmp_path: Path) -> None:
    """With ``--spec-root``, files under it are read, and nothing above it (nor via symlinks)."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("type: string\n", encoding="utf-8")
    project = tmp_path / "project"
    (project / "common").mkdir(parents=True)
    (project / "spec").mkdir()
    (project / "common" / "Shared.yaml").write_text("type: integer\n", encoding="utf-8")
    (project / "common" / "link.yaml").symlink_to(secret)
    spec = project / "spec" / "spec.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
        "    A: {$ref: '../common/Shared.yaml'}\n    B: {$ref: '../../secret.yaml'}\n"
        "    C: {$ref: '../common/link.yaml'}\n",
        encoding="utf-8",
    )
    report = _run(["validate", "--spec", str(spec), "--spec-root", str(project)], cwd=tmp_path)
    assert report["code"] == 2  # B and C leave the spec root
    events = report["events"]
    assert isinstance(events, list)
    opened = {e[1] for e in events if e[0] == "open"}
    assert str((project / "common" / "Shared.yaml").resolve()) in opened
    assert str(secret.resolve()) not in opened
    assert not [e for e in events if e[0] != "open"], "network activity"
