"""Groups, cycles and forward references in emission order (generator/analysis/order.py)."""

from __future__ import annotations

from pathlib import Path

from analysis_support import api_of, key

from generator.analysis.graph import components, on_cycles
from generator.analysis.order import Group, alias_refs, forward_aliases, order
from generator.diagnostics import Location
from generator.ir import Primitive, Ref, TypeDef, TypeExpr, UnionOf

SCHEMAS = """\
    Json:
      oneOf: [{type: string}, {type: array, items: {$ref: '#/components/schemas/Json'}},
              {type: object, additionalProperties: {$ref: '#/components/schemas/Json'}}]
    Tree:
      type: object
      properties:
        children: {type: array, items: {$ref: '#/components/schemas/Tree'}}
        meta: {type: object, properties: {note: {$ref: '#/components/schemas/Note'}}}
    Note: {oneOf: [{$ref: '#/components/schemas/Later'}, {type: integer}]}
    Later: {type: array, items: {type: string}}
    Ping: {type: object, properties: {pong: {$ref: '#/components/schemas/Pong'}}}
    Pong: {type: object, properties: {ping: {$ref: '#/components/schemas/Ping'}}}
    Early: {oneOf: [{$ref: '#/components/schemas/Json'}, {type: integer}]}
"""


def test_groups_hold_a_schema_with_its_inline_schemas_in_first_appearance_order(
    tmp_path: Path,
) -> None:
    api = api_of(tmp_path, SCHEMAS)
    o = order(api.definitions)
    assert o.groups == (  # the IR's order: spec order, what a schema uses first
        *(Group(root=n, keys=(key(n),)) for n in ["Json", "Later", "Note"]),
        Group(root="Tree", keys=(key("Tree/properties/meta"), key("Tree"))),
        *(Group(root=n, keys=(key(n),)) for n in ["Pong", "Ping", "Early"]),
    )
    assert [k for g in o.groups for k in g.keys] == [d.key for d in api.definitions]


def test_cycles_of_any_reference_and_of_aliases_alone(tmp_path: Path) -> None:
    o = order(api_of(tmp_path, SCHEMAS).definitions)
    assert o.recursive == {key("Json"), key("Tree"), key("Ping"), key("Pong")}
    assert o.alias_cycles == {key("Json")}  # Tree's cycle goes through a class


def test_forward_aliases(tmp_path: Path) -> None:
    o = order(api_of(tmp_path, SCHEMAS).definitions)
    # Json is on an alias cycle and Early names it; Note names Later, emitted before it
    assert o.forward == {key("Json"), key("Early")}


def _alias(key: str, name: tuple[str, ...], *names: str) -> TypeDef:
    variants: tuple[TypeExpr, ...] = (*(Ref(key=n) for n in names), Primitive(kind="integer"))
    return TypeDef(key=key, name=name, description=None, type=UnionOf(variants=variants),
                   location=Location(file="s.yaml", pointer=f"/{key}"))


def test_an_alias_naming_a_later_alias_of_its_group_is_forward() -> None:
    a = _alias("a", ("Box", "a"), "b")
    b = _alias("b", ("Box", "b"))
    other = _alias("other", ("Other",), "a")
    c = _alias("c", ("C",))
    defs = {d.key: d for d in [a, b, other, c]}
    aliases = {k: alias_refs(d.type, defs) for k, d in defs.items()}
    assert aliases == {"a": {"b"}, "b": set(), "other": {"a"}, "c": set()}
    assert order([b, a, other, c]).forward == frozenset()
    # a before b in one group: a is forward, and so is Other, which names it
    assert order([a, b, other, c]).forward == {"a", "other"}
    # b in another group: loaded, not forward
    b_elsewhere = _alias("b", ("B",))
    assert order([a, b_elsewhere, other, c]).forward == frozenset()
    # on a cycle of aliases: forward wherever it is
    assert forward_aliases([c, other], {"c": {"other"}, "other": set()}, frozenset({"other"})) == {
        "c", "other"}


def test_components_come_dependencies_first(tmp_path: Path) -> None:
    o = order(api_of(tmp_path, SCHEMAS).definitions)
    position = {k: i for i, c in enumerate(o.components) for k in c}
    assert position[key("Later")] < position[key("Note")] < position[key("Tree/properties/meta")]
    assert position[key("Json")] < position[key("Early")]
    assert position[key("Ping")] == position[key("Pong")]
    assert sorted(k for c in o.components for k in c) == sorted(position)


def test_components_are_deterministic_and_need_no_deep_recursion() -> None:
    graph = {"a": {"b"}, "b": {"c", "a"}, "c": set(), "d": {"d"}}
    assert components(graph) == (("c",), ("a", "b"), ("d",))
    assert on_cycles(graph) == {"a", "b", "d"}
    chain = {f"n{i}": {f"n{i + 1}"} for i in range(20_000)} | {"n20000": {"n0"}}
    assert on_cycles(chain) == set(chain)
    line = {f"n{i}": {f"n{i + 1}"} for i in range(20_000)} | {"n20000": set()}
    assert components(line)[0] == ("n20000",) and not on_cycles(line)
