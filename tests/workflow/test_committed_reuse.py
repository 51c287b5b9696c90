"""The committed output is the formatter's cache: on a fresh clone (no ``.specgen-cache``),
``check`` formats nothing when the output is clean, a one-schema change formats only its blocks
in both format modes, and a hand edit or a damaged manifest is still reported by ``check``.

The formatter's work is counted through the progress report (the stage line
``format: N of M blocks formatted``, or ``pieces`` for ruff), not timed.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from specgen_testing import REPO

from generator.format.manifest import Recorder, Unit, text_hash
from generator.pipeline import check_drift, generate
from generator.progress import Progress
from generator.settings import CACHE_DIR, Settings
from generator.write import FORMAT_MANIFEST

CREDITS = REPO / "spec" / "credits.yaml"
MANIFEST = f"python/{FORMAT_MANIFEST}"


class Counting(Progress):
    """The format stage's report: how many units it formatted, of how many."""

    def __init__(self) -> None:
        super().__init__(None)
        self.formatted: list[tuple[int, int]] = []

    def stage(self, name: str, done: int = 0, total: int = 0) -> None:
        found = re.search(r"(\d+) of (\d+) (?:blocks|pieces) formatted", name)
        if found:
            self.formatted.append((int(found[1]), int(found[2])))


def _settings(tmp_path: Path, formatter: str, spec: Path = CREDITS) -> Settings:
    out = tmp_path / "out"
    return Settings(spec=spec, output=out, package="tams_credits", cache=out / CACHE_DIR,
                    formatter=formatter)


def _fresh_clone(settings: Settings) -> None:
    """What a fresh clone has: the committed output, no formatter cache."""
    assert settings.cache is not None
    shutil.rmtree(settings.cache, ignore_errors=True)


def _generated(settings: Settings) -> Counting:
    counting = Counting()
    generate(settings, counting)
    return counting


@pytest.mark.parametrize("formatter", ["black", "ruff"])
def test_check_on_a_fresh_clone_formats_nothing_when_clean(tmp_path: Path, formatter: str) -> None:
    settings = _settings(tmp_path, formatter)
    cold = _generated(settings)
    assert cold.formatted and cold.formatted[0][0] > 0
    _fresh_clone(settings)
    counting = Counting()
    stale, _ = check_drift(settings, counting)
    assert stale == []
    units = cold.formatted[0][1]
    assert counting.formatted == [(0, units)]  # every unit found in the committed output


@pytest.mark.parametrize("formatter", ["black", "ruff"])
def test_a_one_schema_change_formats_only_its_blocks_on_a_fresh_clone(
    tmp_path: Path, formatter: str
) -> None:
    spec = tmp_path / "credits.yaml"
    shutil.copy(CREDITS, spec)
    settings = _settings(tmp_path, formatter, spec)
    _generated(settings)
    text = spec.read_text(encoding="utf-8")
    before = "Number of final CLIP layers to skip"
    assert before in text
    spec.write_text(text.replace(before, "How many final CLIP layers to skip", 1), encoding="utf-8")
    _fresh_clone(settings)
    again = _generated(settings)
    formatted, units = again.formatted[0]
    # the blocks of one run (16 on average; of 228), or one piece of 52 with ruff
    assert 0 < formatted <= 40 and units >= 10 * formatted
    assert check_drift(settings)[0] == []
    cold = _settings(tmp_path / "cold", formatter, spec)
    generate(cold)  # the same bytes as formatting everything
    assert _files(cold.output) == _files(settings.output)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and CACHE_DIR not in p.parts}


def test_a_hand_edit_on_a_fresh_clone_is_stale_and_formatted_again(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "black")
    _generated(settings)
    _fresh_clone(settings)
    models = settings.output / "python" / "tams_credits" / "models"
    edited = next(p for p in sorted(models.glob("*.py")) if "class " in p.read_text())
    edited.write_text(edited.read_text().replace("class ", "class  ", 1), encoding="utf-8")
    counting = Counting()
    stale, diff = check_drift(settings, counting)
    assert stale == [edited.relative_to(settings.output).as_posix()] and "class  " in diff
    assert counting.formatted[0][0] >= 1  # the edited block, never the edit itself


def test_a_missing_or_forged_manifest_is_stale_output(tmp_path: Path) -> None:
    settings = _settings(tmp_path, "black")
    _generated(settings)
    _fresh_clone(settings)
    manifest = settings.output / MANIFEST
    good = manifest.read_text(encoding="utf-8")
    manifest.unlink()
    counting = Counting()
    assert check_drift(settings, counting)[0] == [MANIFEST]
    assert counting.formatted[0][0] == counting.formatted[0][1]  # nothing to reuse
    manifest.write_text(re.sub(r'\["(\w+)", "\w+"', r'["\1", "' + "0" * 32 + '"', good, count=5),
                        encoding="utf-8")
    counting = Counting()
    assert check_drift(settings, counting)[0] == [MANIFEST]
    assert 0 < counting.formatted[0][0] <= 5 * 40  # the blocks of the forged runs only


def test_the_two_modes_write_and_reuse_the_same_manifest(tmp_path: Path) -> None:
    """ruff's bytes are black's, so its manifest is black's (the same runs, black's version):
    a tree made in one mode is checked in the other without formatting anything."""
    settings = _settings(tmp_path, "black")
    _generated(settings)
    _fresh_clone(settings)
    counting = Counting()
    assert check_drift(replace(settings, formatter="ruff"), counting)[0] == []
    assert counting.formatted[0][0] == 0


def test_another_formatter_version_reuses_nothing_and_only_the_manifest_differs(
    tmp_path: Path,
) -> None:
    settings = _settings(tmp_path, "black")
    _generated(settings)
    _fresh_clone(settings)
    manifest = settings.output / MANIFEST
    text = manifest.read_text(encoding="utf-8")
    older = re.sub(r'"formatter": "black [^ ]+', '"formatter": "black 25.1.0', text)
    assert older != text
    manifest.write_text(older, encoding="utf-8")
    counting = Counting()
    stale, diff = check_drift(settings, counting)
    assert stale == [MANIFEST] and '-  "formatter": "black 25.1.0' in diff
    assert counting.formatted[0][0] == counting.formatted[0][1]  # every block, to be safe


def _forge(out: Path, rel: str) -> None:
    """Edit the first run of ``python/rel`` and rewrite the manifest to match: what only a
    forger does, who can commit anything."""
    path = out / "python" / rel
    data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    first, *rest = data["files"][rel]
    original = path.read_bytes()
    forged = original[:first[2]] + b"# forged\n" + original[first[2]:]
    path.write_bytes(forged)
    recorder = Recorder(data["formatter"], data["joiner"])
    for name, units in data["files"].items():
        if name == rel:
            units = [[first[0], text_hash(forged[:first[2] + 9]), first[2] + 9], *rest]
        recorder.record(f"python/{name}", [Unit(*unit) for unit in units])
    (out / MANIFEST).write_text(recorder.manifests()[MANIFEST], encoding="utf-8")


def test_no_cache_trusts_nothing_committed(tmp_path: Path) -> None:
    """The limit of reuse, and its remedy: a hand edit whose manifest is forged to match passes
    a reusing ``check`` (the manifest's claim "this source formats to these bytes" cannot be
    checked without formatting); ``--no-cache`` formats everything and reports it."""
    settings = _settings(tmp_path, "black")
    _generated(settings)
    _fresh_clone(settings)
    _forge(settings.output, "tams_credits/errors.py")
    assert check_drift(settings)[0] == []
    stale, diff = check_drift(replace(settings, cache=None))
    assert stale == [MANIFEST, "python/tams_credits/errors.py"] and "-# forged" in diff
