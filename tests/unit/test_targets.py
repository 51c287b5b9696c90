"""The targets registry: every registered target keeps the protocol, and the pipeline generates
whatever targets the settings name, each under ``<output>/<name>/``, without naming a language."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import MappingProxyType

import pytest

from generator import pipeline
from generator.diagnostics import Diagnostic, Location, SpecError
from generator.format import Formatter
from generator.format.manifest import Reuse
from generator.progress import Progress
from generator.render import RenderJob
from generator.settings import Settings
from generator.targets import KNOWN, target
from generator.targets.python.capabilities import CAPABILITIES
from generator.targets.target import Capabilities, Inputs, Options, Setting
from generator.write import Content

SPEC = """\
openapi: 3.1.0
info: {title: Zoo, version: "1"}
paths: {}
components:
  schemas:
    Pet: {type: object, properties: {name: {type: string}}}
"""


@pytest.mark.parametrize("name", KNOWN)
def test_a_registered_target_keeps_the_protocol(name: str) -> None:
    found = target(name)
    assert found.name == name
    assert isinstance(found.capabilities, Capabilities)
    assert (Path(__file__).parents[2] / "templates" / name).is_dir()
    for key, setting in found.settings.items():
        assert setting.problem(key, setting.default) is None, key


def test_the_python_capabilities_say_what_its_validators_honour() -> None:
    assert CAPABILITIES.regex.honours("^[a-z]+$")
    assert not CAPABILITIES.regex.honours("(?<=a")  # not a pattern at all
    assert "date-time" in CAPABILITIES.formats
    assert CAPABILITIES.integers.holds(2**80)


class _Echo:
    """A target of this test: one file per definition, formatted by upper-casing it."""

    name = "echo"
    settings: Mapping[str, Setting] = MappingProxyType(
        {"suffix": Setting(kind=str, default=".txt", doc="the files' suffix")})
    capabilities = CAPABILITIES

    def jobs(self, inputs: Inputs, options: Options) -> Iterator[RenderJob]:
        for d in inputs.api.definitions:  # py.typed.jinja renders nothing: a layout of no text
            yield RenderJob(path=f"{'_'.join(d.name)}{options['suffix']}",
                            template="python/py.typed.jinja", context={})

    def diagnostics(self, inputs: Inputs, options: Options) -> list[Diagnostic]:
        pet = inputs.api.definitions[0].location
        return [Diagnostic(code="W501", message="echo cannot honour Pet", location=pet,
                           severity="warning")]

    def formatting(self, options: Options, reuse: Reuse,
                   progress: Progress) -> AbstractContextManager[Formatter]:
        return _upper()


class _Upper:
    def __init__(self) -> None:
        self.files: dict[str, Content] = {}

    def add(self, path: str, chunks: Iterable[str]) -> None:
        self.files[path] = "".join(chunks).upper() + path.upper()

    def result(self) -> Mapping[str, Content]:
        return self.files


@contextmanager
def _upper() -> Iterator[Formatter]:
    yield _Upper()


def test_the_pipeline_runs_every_configured_target(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    echo = _Echo()
    monkeypatch.setattr(pipeline, "target", lambda name: echo if name == "echo" else target(name))
    options = MappingProxyType({"echo": MappingProxyType({"suffix": ".md"})})
    generated = pipeline.produce(Settings(spec=spec, targets=("echo", "python"), package="zoo",
                                          options=options))
    files = generated.files
    assert [(w.code, w.line) for w in generated.warnings] == [("W501", 6)]  # placed
    assert files["echo/Pet.md"] == "ECHO/PET.MD"
    assert "python/zoo/models/pet.py" in files
    assert not any(p.startswith(("echo/zoo", "python/Pet")) for p in files)


class _Refuses(_Echo):
    """A target that cannot generate this API as configured: an error stops the run."""

    name = "refuses"

    def diagnostics(self, inputs: Inputs, options: Options) -> list[Diagnostic]:
        where = Location(file=inputs.api.source_name)
        return [Diagnostic(code="E501", message="refuses needs a setting", location=where)]


def test_a_target_error_stops_the_run_with_every_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    refuses = _Refuses()
    monkeypatch.setattr(pipeline, "target",
                        lambda name: refuses if name == "refuses" else target(name))
    options = MappingProxyType({"refuses": MappingProxyType({"suffix": ".md"})})
    with pytest.raises(SpecError) as caught:
        pipeline.produce(Settings(spec=spec, targets=("refuses", "python"), package="zoo",
                                  options=options))
    assert [d.code for d in caught.value.diagnostics] == ["E501"]
