"""The shared naming primitives: word splitting, NFKC + casefold collision keys, claiming."""

from __future__ import annotations

import json
from pathlib import Path

from analysis_support import api_of, key

from generator.analysis.naming import (
    Claim,
    Scope,
    claim_order,
    claimed,
    fold,
    operation_claim_order,
    rename_warnings,
    words,
)
from generator.build import build
from generator.load.loader import load
from generator.targets.python.names import Scope as PythonScope


def test_words_split_case_digits_and_punctuation() -> None:
    assert words("sdModel") == ["sd", "Model"]
    assert words("HTTPServer2") == ["HTTP", "Server2"]
    assert words("Euler a") == ["Euler", "a"]
    assert words("@type") == ["type"]
    assert words("über-Größe") == ["uber", "Groe"]  # NFKD, then ASCII letters and digits only
    assert words("x_y.z") == ["x", "y", "z"]
    assert words("日本") == []
    assert words("") == []


def test_fold_is_nfkc_then_casefold() -> None:
    assert fold("Pet") == fold("pet") == fold("PET") == fold("Ｐet")  # fullwidth P
    assert fold("ﬁle") == fold("FILE")  # the fi ligature
    assert fold("Straße") == fold("STRASSE")
    assert fold("Pet") != fold("Pets")


def test_scope_resolves_collisions_after_folding_in_claim_order() -> None:
    names = ["Pet", "pet", "PET", "ﬁle", "file", "Ｐet"]
    scope = Scope()
    claimed = [scope.claim(n) for n in names]
    assert claimed == ["Pet", "pet_2", "PET_3", "ﬁle", "file_2", "Ｐet_4"]
    assert len({fold(n) for n in claimed}) == len(claimed)
    assert scope.renamed == (("pet", "pet_2"), ("PET", "PET_3"), ("file", "file_2"),
                             ("Ｐet", "Ｐet_4"))
    again = Scope()
    assert [again.claim(n) for n in names] == claimed  # deterministic
    assert [Scope().claim(n) for n in names] == names  # separate scopes do not interfere


def test_scope_reserved_and_keywords_are_escaped_then_numbered() -> None:
    scope = Scope({"Client"}, keywords=frozenset({"type"}))
    assert scope.claim("type") == "type_"
    assert scope.claim("Client") == "Client_"
    assert scope.claim("type") == "type_2"
    assert scope.claim("TYPE_") == "TYPE__2"  # taken: "type_" was claimed
    # keywords and reserved names match exactly (they are the target's, in its own case);
    # what was claimed matches after folding
    assert scope.claim("client") == "client"
    assert scope.claim("Type") == "Type"  # "type" was only ever handed out suffixed
    assert scope.claim("TYPE") == "TYPE_3"  # "Type" took it; "type_2" folds as "TYPE_2"


def test_scope_separator_is_the_targets_choice() -> None:
    scope = Scope({"Error"}, sep="")
    assert [scope.claim(n) for n in ["Error", "Pet", "pet", "PET"]] == [
        "Error2", "Pet", "pet2", "PET3"]


def test_python_scope_is_the_shared_scope_with_python_keywords() -> None:
    scope = PythonScope({"models"})
    assert [scope.claim(n) for n in ["match", "models", "Models", "class", "value"]] == [
        "match_", "models_", "Models", "class_", "value"]


def test_components_claim_names_before_inline_schemas(tmp_path: Path) -> None:
    api = api_of(tmp_path, """\
    Owner:
      type: object
      properties:
        pet: {type: object, properties: {name: {type: string}}}
    OwnerPet: {type: object, properties: {id: {type: integer}}}
    Zoo: {type: object, properties: {id: {type: integer}}}
""")
    inline = key("Owner/properties/pet")
    assert [d.key for d in api.definitions] == [inline, key("Owner"), key("OwnerPet"), key("Zoo")]
    order = [d.key for d in claim_order(api.definitions)]
    assert order == [key("Owner"), key("OwnerPet"), key("Zoo"), inline]
    scope = Scope()
    names = {d.key: scope.claim("".join(w[:1].upper() + w[1:] for p in d.name for w in words(p)))
             for d in claim_order(api.definitions)}
    assert names[key("OwnerPet")] == "OwnerPet"  # the component keeps its name
    assert names[inline] == "OwnerPet_2"


def test_an_operation_id_the_spec_gives_claims_before_a_derived_name(tmp_path: Path) -> None:
    spec = tmp_path / "ops.yaml"
    none = {"responses": {"204": {"description": "none"}}}
    paths = {"/a-b": {"get": none}, "/x": {"get": {**none, "operationId": "get_a_b"}},
             "/a_b": {"get": none}, "/y": {"get": {**none, "operationId": "other"}}}
    spec.write_text(json.dumps({"openapi": "3.1.0", "info": {"title": "t", "version": "1"},
                                "paths": paths}), encoding="utf-8")
    api, _ = build(load(spec))
    assert [op.derived_id for op in api.operations] == [True, False, True, False]
    assert operation_claim_order(api.operations) == (1, 3, 0, 2)
    scope = Scope()
    given = claimed(api.operations, lambda op: scope.claim(op.operation_id))
    assert given == ["get_a_b_2", "get_a_b", "get_a_b_3", "other"]  # in spec order
    warnings = rename_warnings([Claim(op.location, "the method", op.operation_id, name)
                                for op, name in zip(api.operations, given, strict=True)], "why")
    assert [(w.code, w.location.pointer, w.message) for w in warnings] == [
        ("W503", "/paths/~1a-b/get", "the method is get_a_b_2: get_a_b is taken (why)"),
        ("W503", "/paths/~1a_b/get", "the method is get_a_b_3: get_a_b is taken (why)")]
