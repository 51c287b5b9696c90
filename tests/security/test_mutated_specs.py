"""The fuzz harness (issue 24 §4): hypothesis mutates real specs and runs the real CLI on them.

Every run must end in exit 0 or 2 (never 3, never a traceback), touch no file outside its output
folder, and on 0 leave a package that passes its self-check (``fuzz_support.SELF_CHECK``). CI
runs :data:`CI_EXAMPLES` examples, the same ones every run; ``pytest --fuzz-long`` runs
:data:`LONG_EXAMPLES` new ones. A failing example is saved to ``fuzz_regressions/`` (seed
name and document) before the test fails; every file there is replayed by
:func:`test_saved_regressions_stay_fixed`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from fuzz_support import SEEDS, Outcome, mutated, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REGRESSIONS = Path(__file__).parent / "fuzz_regressions"
CI_EXAMPLES = 40
LONG_EXAMPLES = 2000


def _problem(outcome: Outcome) -> str:
    """What is wrong with a run, or "" when nothing is."""
    if outcome.code not in (0, 2):
        return f"exit {outcome.code}: {outcome.printed[-2000:]}"
    if "Traceback (most recent call last)" in outcome.printed:
        return f"a traceback was printed: {outcome.printed[-2000:]}"
    if outcome.check:
        return f"the generated package failed its self-check: {outcome.check[-2000:]}"
    return ""


def _save(seed: str, text: str) -> Path:
    """The failing document as a regression case, named by its content."""
    REGRESSIONS.mkdir(exist_ok=True)
    path = REGRESSIONS / f"{seed}-{hashlib.sha256(text.encode()).hexdigest()[:12]}.json"
    path.write_text(json.dumps({"seed": seed, "document": text}, indent=1) + "\n", "utf-8")
    return path


def test_mutated_specs_end_in_output_or_placed_errors(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    long = bool(request.config.getoption("--fuzz-long"))
    failing: list[tuple[str, str]] = []  # the last failing example is hypothesis's shrunk one

    # CI draws the same examples every run (derandomized); --fuzz-long explores new ones
    @settings(max_examples=LONG_EXAMPLES if long else CI_EXAMPLES, deadline=None,
              database=None, derandomize=not long, suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def run(data: st.DataObject) -> None:
        seed = data.draw(st.sampled_from(sorted(SEEDS)), label="seed")
        doc: Any = mutated(seed, data)
        text = json.dumps(doc)
        try:
            outcome = run_cli(seed, text, tmp_path_factory.mktemp("fuzz"))
        except AssertionError:
            failing.append((seed, text))
            raise
        if problem := _problem(outcome):
            failing.append((seed, text))
        assert not problem, problem

    try:
        run()
    except (AssertionError, ExceptionGroup) as exc:
        # hypothesis replays each distinct shrunk failure last, one exception each
        count = len(exc.exceptions) if isinstance(exc, ExceptionGroup) else 1
        saved = sorted({_save(*case).name for case in failing[-count:]})
        raise AssertionError(f"saved as {', '.join(saved)}: {exc}") from exc


def _regressions() -> list[Path]:
    return sorted(REGRESSIONS.glob("*.json"))


@pytest.mark.parametrize("case", _regressions(), ids=lambda p: p.stem)
def test_saved_regressions_stay_fixed(case: Path, tmp_path: Path) -> None:
    saved = json.loads(case.read_text(encoding="utf-8"))
    problem = _problem(run_cli(saved["seed"], saved["document"], tmp_path))
    assert not problem, problem


def test_every_seed_generates_unmutated(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The seeds themselves pass the harness's checks with exit 0, so a mutant's failure is the
    mutation's doing."""
    for seed, path in SEEDS.items():
        text = json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")))
        outcome = run_cli(seed, text, tmp_path_factory.mktemp(seed))
        assert (outcome.code, outcome.check) == (0, ""), (seed, outcome)
