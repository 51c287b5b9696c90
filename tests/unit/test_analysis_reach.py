"""Which definitions reach a readOnly / writeOnly property (generator/analysis/reach.py)."""

from __future__ import annotations

from pathlib import Path

from analysis_support import api_of, defs_of, key

from generator.analysis import analyse
from generator.analysis.reach import enum_users, read_only_keys, write_only_keys
from generator.ir import ArrayOf, MapOf, Primitive, Ref, UnionOf

SCHEMAS = """\
    Id: {type: object, properties: {id: {type: string, readOnly: true}}}
    Secret: {type: object, properties: {password: {type: string, writeOnly: true}}}
    InList: {type: object, properties: {ids: {type: array, items: {$ref: '#/components/schemas/Id'}}}}
    InMap: {type: object, additionalProperties: {$ref: '#/components/schemas/InList'}}
    Alias: {oneOf: [{type: string}, {$ref: '#/components/schemas/InMap'}]}
    UsesAlias: {type: object, properties: {a: {$ref: '#/components/schemas/Alias'}}}
    Node:
      type: object
      properties:
        next: {$ref: '#/components/schemas/Node'}
        secret: {$ref: '#/components/schemas/Secret'}
    Plain: {type: object, properties: {name: {type: string}, node: {$ref: '#/components/schemas/Plain'}}}
    Color: {enum: [red]}
"""


def test_read_only_reaches_through_lists_maps_unions_and_aliases(tmp_path: Path) -> None:
    defs = defs_of(api_of(tmp_path, SCHEMAS))
    assert read_only_keys(defs) == {key(n) for n in ["Id", "InList", "InMap", "Alias", "UsesAlias"]}


def test_write_only_reaches_through_a_cycle_and_a_cycle_alone_reaches_nothing(
    tmp_path: Path,
) -> None:
    defs = defs_of(api_of(tmp_path, SCHEMAS))
    assert write_only_keys(defs) == {key("Secret"), key("Node")}  # Plain's cycle terminates


def test_a_type_expression_carries_what_it_names(tmp_path: Path) -> None:
    analysis = analyse(api_of(tmp_path, SCHEMAS))
    inner = ArrayOf(items=MapOf(values=Ref(key=key("InList"))))
    assert analysis.carries_read_only(UnionOf(variants=(Primitive(kind="string"), inner)))
    assert not analysis.carries_read_only(Ref(key=key("Plain")))
    assert not analysis.carries_read_only(Ref(key=key("Color")))
    assert analysis.carries_write_only(ArrayOf(items=Ref(key=key("Node"))))
    assert not analysis.carries_write_only(Ref(key=key("Id")))


ENUMS = """\
    Color: {enum: [red, blue]}
    Paint: {type: object, properties: {color: {$ref: '#/components/schemas/Color'}}}
    Palette: {type: array, items: {$ref: '#/components/schemas/Paint'}}
    ByName: {type: object, additionalProperties: {$ref: '#/components/schemas/Palette'}}
    Either: {oneOf: [{type: string}, {$ref: '#/components/schemas/ByName'}]}
    Loop: {type: object, properties: {next: {$ref: '#/components/schemas/Loop'}, e: {$ref: '#/components/schemas/Either'}}}
    Plain: {type: object, properties: {name: {type: string}, self: {$ref: '#/components/schemas/Plain'}}}
"""


def test_enum_users_reach_through_lists_maps_unions_and_cycles_but_not_the_enums(
    tmp_path: Path,
) -> None:
    api = api_of(tmp_path, ENUMS)
    expected = {key(n) for n in ["Paint", "Palette", "ByName", "Either", "Loop"]}
    assert enum_users(defs_of(api)) == expected
    assert analyse(api).enum_users == expected
