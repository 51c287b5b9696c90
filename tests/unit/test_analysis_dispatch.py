"""The one union dispatch rule (generator/analysis/dispatch.py) on small specs."""

from __future__ import annotations

from pathlib import Path

from analysis_support import api_of, defs_of, key

from generator.analysis import analyse
from generator.analysis.dispatch import (
    AnyCase,
    ArrayCase,
    Dispatch,
    ItemTest,
    KeyTest,
    ObjectRule,
    ShapeCase,
    dispatch,
)
from generator.ir import Api, TypeDef, UnionOf

OBJECTS = """\
    A: {type: object, required: [a], properties: {a: {type: string}}}
    AB: {type: object, required: [a, b], properties: {a: {type: string}, b: {type: string}}}
    Free: {type: object, properties: {x: {type: string}}}
"""


def _rule(tmp_path: Path, schemas: str, name: str = "U") -> Dispatch:
    api = api_of(tmp_path, schemas)
    return dispatch(defs_of(api), _union(api, name))


def _union(api: Api, name: str) -> UnionOf:
    d = defs_of(api)[key(name)]
    assert isinstance(d, TypeDef) and isinstance(d.type, UnionOf)
    return d.type


def test_a_discriminator_dispatches_objects_by_tag(tmp_path: Path) -> None:
    rule = _rule(tmp_path, OBJECTS + """\
    Many: {type: array, items: {type: string}}
    U:
      oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/AB'},
              {$ref: '#/components/schemas/Many'}]
      discriminator:
        propertyName: kind
        mapping: {a: '#/components/schemas/A', ab: '#/components/schemas/AB',
                  many: '#/components/schemas/Many'}
""")
    # an array carries no tag: its shape decides
    assert rule.objects == ObjectRule(property="kind", tags=(("a", key("A")), ("ab", key("AB"))),
                                      keyed=(), rest=None)
    assert rule.cases == (ArrayCase(variants=(2,), tests=(), rest=2),)
    assert rule.raw_fallback  # an unknown tag keeps the raw object


def test_without_one_the_most_required_keys_win_and_a_free_object_ends_the_tests(
    tmp_path: Path,
) -> None:
    rule = _rule(tmp_path, OBJECTS + """\
    U: {oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/AB'}]}
""")
    assert rule == Dispatch(
        objects=ObjectRule(property=None, tags=(), rest=None, keyed=(
            KeyTest(key=key("AB"), required=("a", "b")), KeyTest(key=key("A"), required=("a",)))),
        cases=(), raw_fallback=True)
    api = api_of(tmp_path, OBJECTS + """\
    V:
      oneOf: [{$ref: '#/components/schemas/A'}, {$ref: '#/components/schemas/Free'},
              {$ref: '#/components/schemas/AB'}]
""")
    free = dispatch(defs_of(api), _union(api, "V"))
    assert free.objects is not None
    assert [t.key for t in free.objects.keyed] == [key("AB"), key("A"), key("Free")]
    assert not free.raw_fallback  # the free object takes any object


def test_an_object_no_test_takes_goes_to_the_map_variant(tmp_path: Path) -> None:
    rule = _rule(tmp_path, OBJECTS + """\
    U:
      oneOf: [{$ref: '#/components/schemas/A'},
              {type: object, additionalProperties: {type: integer}}, {type: string}]
""")
    assert rule.objects == ObjectRule(property=None, tags=(), rest=1,
                                      keyed=(KeyTest(key=key("A"), required=("a",)),))
    assert rule.cases == (ShapeCase(shape="string", variant=2),)
    assert not rule.raw_fallback


def test_scalars_by_shape_and_catch_alls_last(tmp_path: Path) -> None:
    rule = _rule(tmp_path, """\
    Big: {type: [integer, string], format: int64}
    Color: {enum: [red, green]}
    Mixed: {enum: [red, 1]}
    U:
      oneOf: [{}, {type: boolean}, {$ref: '#/components/schemas/Big'},
              {$ref: '#/components/schemas/Mixed'}, {$ref: '#/components/schemas/Color'},
              {type: number}, {type: 'null'}]
""")
    assert rule.objects is None
    assert rule.cases == (
        ShapeCase(shape="boolean", variant=1), ShapeCase(shape="int64", variant=2),
        ShapeCase(shape="string", variant=4), ShapeCase(shape="number", variant=5),
        ShapeCase(shape="null", variant=6), AnyCase(variant=0),  # anything: the last case
    )
    assert not rule.raw_fallback


def test_several_array_variants_are_told_apart_by_the_first_item(tmp_path: Path) -> None:
    rule = _rule(tmp_path, OBJECTS + """\
    U:
      oneOf:
        - {type: string}
        - {type: array, items: {$ref: '#/components/schemas/A'}}
        - {type: array, items: {}}
        - {type: array, items: {$ref: '#/components/schemas/AB'}}
        - {type: array, items: {type: integer}}
""")
    assert rule.cases == (
        ShapeCase(shape="string", variant=0),
        ArrayCase(variants=(1, 2, 3, 4), rest=2, tests=(  # empty: variant 1; untested: 2
            ItemTest(variant=3, shape="object", required=("a", "b")),
            ItemTest(variant=1, shape="object", required=("a",)),
            ItemTest(variant=4, shape="integer"),
        )),
    )


def test_the_analysis_holds_every_union_of_the_api_once(tmp_path: Path) -> None:
    api = api_of(tmp_path, OBJECTS + """\
    U: {oneOf: [{$ref: '#/components/schemas/A'}, {type: string}]}
    Holder:
      type: object
      properties:
        same: {oneOf: [{$ref: '#/components/schemas/A'}, {type: string}]}
        nested: {type: array, items: {anyOf: [{type: integer}, {type: boolean}]}}
""")
    analysis = analyse(api)
    u = _union(api, "U")
    assert analysis.dispatch(u) is analysis.unions[u]  # computed once, shared by equal unions
    assert len(analysis.unions) == 2
    assert analysis.dispatch(u) == dispatch(defs_of(api), u)
