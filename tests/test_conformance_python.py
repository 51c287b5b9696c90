"""The shared conformance suite (``tests/conformance/``, data only) run against the Python target.

Every vector is checked: a ``validate`` vector's payload text is parsed by Python's own ``json``
and given to the generated ``validate_<schema>``; the problems it reports (code, instance path,
schema path, keyword, message) must be exactly the expected ones, and ``is_valid_<schema>`` must
agree. ``jsonschema`` is the oracle of validity: it must agree with the vector unless the vector
says why plain JSON Schema differs (``json_schema``), in which case it must disagree and the same
library taught the int64 rule must agree. A ``decode`` vector's payload goes through the model's
``from_dict``; its re-encodings and model facts must be the expected ones. The format is described
in ``tests/conformance/README.md``; Python's entry in ``exclusions.json`` must stay empty.
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import importlib
import json
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_schema_validator import OAS30Validator, oas30_format_checker
from specgen_testing import GENERATED_PY, REPO, integer_format, with_int64_rule

from generator import produce
from generator.settings import Settings
from generator.targets.python.names import pascal, snake

SUITE = REPO / "tests" / "conformance"
CREDITS = "spec/credits.yaml"
PROBLEM_FIELDS = ("instance_path", "keyword", "schema_path", "message", "code")
# the string formats specgen's validators assert (README: "Validators compiled to plain Python")
STRING_FORMATS = ("date-time", "date", "uuid", "email", "uri", "byte")


def _vectors() -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in sorted((SUITE / "vectors").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for vector in data["vectors"]:
            out.append({"spec": data["spec"], "file": path.name, **vector})
    return out


VECTORS = _vectors()
EXCLUSIONS = json.loads((SUITE / "exclusions.json").read_text(encoding="utf-8"))


def test_suite_shape() -> None:
    """Ids are unique, there are at least 200 vectors, and Python excludes none."""
    ids = Counter(v["id"] for v in VECTORS)
    assert [i for i, n in ids.items() if n > 1] == []
    assert len(VECTORS) >= 200
    assert EXCLUSIONS["python"] == {}
    for target, excluded in EXCLUSIONS.items():
        assert set(excluded) <= set(ids), f"{target} excludes unknown vectors"
        assert all(isinstance(r, str) and r for r in excluded.values()), "every exclusion says why"
    for v in VECTORS:
        assert v["kind"] in ("validate", "decode"), v["id"]
        assert (REPO / v["spec"]).is_file(), v["id"]
        assert v["id"].startswith(Path(v["file"]).stem + "/") and v.get("note"), v["id"]
        if v["kind"] == "validate":
            assert v["id"].endswith("-valid") is (v["problems"] == []), "-valid names valid ones"


class _Packages:
    """The generated package of each spec: the committed one for the curated spec, the others
    generated once into a temporary folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.loaded: dict[str, ModuleType] = {}

    def package(self, spec: str) -> ModuleType:
        if spec not in self.loaded:
            self.loaded[spec] = self._load(spec)
        return self.loaded[spec]

    def _load(self, spec: str) -> ModuleType:
        if spec == CREDITS:
            root, name = GENERATED_PY, "tams_credits"
        else:
            name = "conformance_" + Path(spec).stem
            settings = Settings(spec=REPO / spec, output=Path("unused"), package=name,
                                cache=self.folder / "cache")
            root = self.folder / name
            for rel, text in produce(settings).files.items():
                path = root / rel
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            root = next(p.parent.parent for p in root.rglob(f"{name}/__init__.py"))
        if str(root) not in sys.path:
            sys.path.append(str(root))
        return importlib.import_module(name)


@pytest.fixture(scope="session")
def packages(tmp_path_factory: pytest.TempPathFactory) -> _Packages:
    return _Packages(tmp_path_factory.mktemp("conformance"))


def _canonical(value: Any) -> str:
    """JSON text that tells ``1`` from ``1.0`` and keeps big integers exact; key order ignored."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("vector", [v for v in VECTORS if v["kind"] == "validate"],
                         ids=lambda v: v["id"])
def test_validate(vector: dict[str, Any], packages: _Packages) -> None:
    validators = importlib.import_module(packages.package(vector["spec"]).__name__ + ".validators")
    value = json.loads(vector["payload"])
    name = snake(vector["schema"])
    found = [dataclasses.asdict(e) for e in getattr(validators, f"validate_{name}")(value)]
    expected = vector["problems"]
    assert all(set(p) == set(PROBLEM_FIELDS) for p in expected), "a problem has every field"
    assert Counter(map(_canonical, found)) == Counter(map(_canonical, expected)), found
    assert getattr(validators, f"is_valid_{name}")(value) is (expected == [])
    _oracle_agrees(vector, value, expected == [])


def _oracle_agrees(vector: dict[str, Any], value: Any, valid: bool) -> None:
    """``jsonschema`` agrees on validity, or the vector says why it does not (for the int64
    rule, the same validator taught the rule must then agree)."""
    spec = _spec(vector["spec"])
    root = {"$ref": "#/components/schemas/" + vector["schema"], "components": spec["components"]}
    v30 = str(spec["openapi"]).startswith("3.0")
    cls = OAS30Validator if v30 else Draft202012Validator
    checker = _checker()
    plain = cls(_openapi(root), format_checker=checker).is_valid(value)
    if "json_schema" not in vector:
        assert plain is valid, "jsonschema disagrees; say why in json_schema if that is right"
        return
    assert plain is not valid, "jsonschema agrees: drop json_schema"
    if vector["json_schema"].startswith("int64 rule"):
        taught = with_int64_rule(cls)(_openapi(root), format_checker=checker)
        assert taught.is_valid(value) is valid


def _openapi(schema: Any) -> Any:
    """OpenAPI's reading, as specgen's validators apply it: a ``readOnly`` or ``writeOnly``
    property is never required (one validator serves requests and responses)."""
    if isinstance(schema, list):
        return [_openapi(s) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {k: _openapi(v) for k, v in schema.items()}
    properties = schema.get("properties")
    if isinstance(properties, dict) and isinstance(schema.get("required"), list):
        out["required"] = [n for n in schema["required"] if not (
            isinstance(properties.get(n), dict)
            and (properties[n].get("readOnly") or properties[n].get("writeOnly")))]
    return out


_SPECS: dict[str, Any] = {}


def _spec(path: str) -> Any:
    if path not in _SPECS:
        import yaml

        _SPECS[path] = yaml.safe_load((REPO / path).read_text(encoding="utf-8"))
    return _SPECS[path]


def _checker() -> FormatChecker:
    """The formats specgen asserts, with ``jsonschema``'s own checkers (``byte``: the OpenAPI
    validator's; ``int32``/``int64``: the integer range, as specgen documents it)."""
    theirs = {**FormatChecker.checkers, "byte": oas30_format_checker.checkers["byte"]}
    checker = FormatChecker(formats=())
    for name in STRING_FORMATS:
        function, raises = theirs[name]
        checker.checks(name, raises)(function)
    checker.checks("int32")(integer_format(32))
    checker.checks("int64")(integer_format(64))
    return checker


@pytest.mark.parametrize("vector", [v for v in VECTORS if v["kind"] == "decode"],
                         ids=lambda v: v["id"])
def test_decode(vector: dict[str, Any], packages: _Packages) -> None:
    package = packages.package(vector["spec"])
    cls = getattr(package, pascal(vector["schema"]))
    model = cls.from_dict(json.loads(vector["payload"]))
    assert _canonical(model.to_dict()) == _canonical(json.loads(vector["encoded"]))
    if "request_encoded" in vector:
        sent = model.to_dict(request=True)
        assert _canonical(sent) == _canonical(json.loads(vector["request_encoded"]))
    again = cls.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again == model, "decoding the encoding gives the same model"
    for fact in vector.get("facts", []):
        _fact(package, model, fact)


def _fact(package: ModuleType, model: Any, fact: dict[str, Any]) -> None:
    """One model fact at a wire pointer: ``absent``/``null`` (kept apart), the exact
    ``integer``, whether an ``enum`` value is a member or kept as is, the union ``variant``."""
    parent, token, value = _walk(model, fact["at"])
    unset = importlib.import_module(package.__name__ + "._runtime").UNSET
    wire = parent.to_dict() if hasattr(parent, "to_dict") else parent
    if "is" in fact:
        kinds = {"absent": token not in wire and value in (None, unset),
                 "null": token in wire and wire[token] is None and value is None,
                 "value": token in wire and value not in (None, unset)}
        assert kinds[fact["is"]], (fact, value)
    if "integer" in fact:
        assert type(value) is int and value == int(fact["integer"]), (fact, value)
    if "enum_member" in fact:
        assert isinstance(value, enum.Enum) is fact["enum_member"], (fact, value)
    if "variant" in fact:
        shown = type(value).__name__ if dataclasses.is_dataclass(value) else None
        assert shown == (None if fact["variant"] is None else pascal(fact["variant"])), fact


def _walk(model: Any, pointer: str) -> tuple[Any, Any, Any]:
    """(parent, last token, value) at a JSON pointer of wire names through the model."""
    tokens = [t.replace("~1", "/").replace("~0", "~") for t in pointer.split("/")[1:]]
    parent: Any = None
    token: Any = None
    value = model
    for raw in tokens:
        parent, token = value, raw
        if isinstance(value, list):
            token = int(raw)
            value = value[token]
        elif isinstance(value, dict):
            value = value.get(raw)
        else:
            value = getattr(value, _attribute(value, raw))
    return parent, token, value


_MARK = "conformance-marker"


class _Marker:
    """Stands for a field's value while :func:`_attribute` finds the field's wire name."""

    def to_dict(self, request: bool = False) -> dict[str, Any]:
        return {_MARK: True}

    def __iter__(self) -> Any:
        return iter([self])

    def items(self) -> Any:
        return [("k", self)]


def _attribute(model: Any, wire: str) -> str:
    """The attribute of ``model`` that ``to_dict`` writes as ``wire``: set each field in turn
    to a marker and see where the marker lands; for a field the marker cannot stand in for
    (a formatted string), see which key goes when the field is unset."""
    fields = [f.name for f in dataclasses.fields(model) if f.name != "additional_properties"]
    for name in fields:
        probe = copy.copy(model)
        setattr(probe, name, _Marker())
        try:
            out = probe.to_dict()
        except (AttributeError, TypeError, ValueError):
            continue
        if wire in out and _MARK in json.dumps(out[wire], default=lambda m: _MARK):
            return name
    if wire in model.to_dict():
        unset = importlib.import_module(type(model).__module__.split(".")[0] + "._runtime").UNSET
        for name in fields:
            for nothing in (None, unset):
                probe = copy.copy(model)
                setattr(probe, name, nothing)
                try:
                    if wire not in probe.to_dict():
                        return name
                except (AttributeError, TypeError, ValueError):
                    continue
    if wire in model.additional_properties:
        raise AssertionError(f"{wire!r} is an unknown field, kept in additional_properties")
    raise AssertionError(f"no field of {type(model).__name__} is written as {wire!r}")
