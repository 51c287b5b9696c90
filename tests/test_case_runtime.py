"""Execute the golden cases: import each ``tests/cases/<feature>/expected`` package and check
that the generated models *behave* (round trips, unknown values, dispatch, null vs absent).

The goldens are what a user gets, so these tests import them, not a fresh generation;
``test_goldens.py`` keeps the two equal. A case's golden is put back together (its own files
and the shared runtime it lists) in a temporary folder once per session, and imported from there.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import importlib
import json
import shutil
import sys
import tempfile
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from golden_cases import CASES, materialise, package


@functools.cache
def _goldens() -> Path:
    """A temporary folder for the whole golden trees, removed when the session ends."""
    root = Path(tempfile.mkdtemp(prefix="specgen-goldens-"))
    atexit.register(shutil.rmtree, root, ignore_errors=True)
    return root


def models(case: str) -> ModuleType:
    """``<case>_api.models`` from the case's whole golden tree (each package name is unique)."""
    folder = _goldens() / case
    if not folder.is_dir():
        materialise(case, folder)
    if str(folder / "python") not in sys.path:
        sys.path.append(str(folder / "python"))  # appended: never shadows a real module
    return importlib.import_module(f"{package(case)}.models")


def round_trips(cls: Any, data: dict[str, Any]) -> Any:
    """Assert both round trips for ``data`` (through JSON text, like the wire) and return the model."""
    obj = cls.from_dict(json.loads(json.dumps(data)))
    assert obj.to_dict() == data
    assert cls.from_dict(obj.to_dict()) == obj
    return obj


# -- enums -------------------------------------------------------------------------------------


def test_enums_known_and_unknown_values() -> None:
    m = models("enums")
    order = round_trips(m.Order, {
        "id": "o1", "status": "shipped", "priority": 2, "mode": 0, "colour": "red",
        "channel": "in store", "history": ["pending", "shipped"],
    })
    assert order.status is m.Status.SHIPPED
    assert order.priority is m.Priority.VALUE_2
    assert order.mode is m.Mixed.VALUE_0 and m.Mixed.AUTO.value == "auto"
    assert order.channel is m.OrderChannel.IN_STORE
    assert order.history == [m.Status.PENDING, m.Status.SHIPPED]
    # Values the spec does not list are kept as plain values, and sent back unchanged.
    odd = round_trips(m.Order, {"id": "o2", "status": "returned", "priority": 9,
                                "mode": "manual", "history": ["lost"]})
    assert odd.status == "returned" and not isinstance(odd.status, m.Status)
    assert odd.priority == 9 and odd.history == ["lost"]


def test_enum_with_null_distinguishes_null_from_absent() -> None:
    m = models("enums")
    assert round_trips(m.Order, {"id": "o", "status": "pending", "colour": None}).colour is None
    assert round_trips(m.Order, {"id": "o", "status": "pending"}).colour is m.UNSET
    assert m.Order.from_dict({"id": "o", "status": "pending"}).to_dict() == {
        "id": "o", "status": "pending"}


# -- nullable ------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", ["nullable_30", "nullable_31"])
def test_required_nullable_is_required_and_may_be_null(case: str) -> None:
    m = models(case)
    data: dict[str, Any] = {"id": "p", "nickname": None}
    if case == "nullable_31":
        data["address"] = None
    profile = round_trips(m.Profile, data)
    assert profile.nickname is None
    with pytest.raises(KeyError):
        m.Profile.from_dict({"id": "p"})


def test_nullable_30_optional_nullable_keeps_null_and_absent_apart() -> None:
    m = models("nullable_30")
    absent = round_trips(m.Profile, {"id": "p", "nickname": "n"})
    nulls = round_trips(m.Profile, {"id": "p", "nickname": "n", "bio": None, "address": None,
                                    "tags": None})
    assert absent.bio is m.UNSET and absent.address is m.UNSET and absent.tags is m.UNSET
    assert nulls.bio is None and nulls.address is None and nulls.tags is None
    full = round_trips(m.Profile, {"id": "p", "nickname": "n", "address": {"city": "Oslo"}})
    assert full.address == m.Address(city="Oslo")
    via_ref = round_trips(m.Profile, {"id": "p", "nickname": "n", "closed_at": None})
    assert via_ref.closed_at is None and absent.closed_at is m.UNSET
    patch = round_trips(m.ProfilePatch, {"bio": None})
    assert patch.to_dict() == {"bio": None}  # "clear bio", and nickname is left alone
    assert m.ProfilePatch().to_dict() == {}


def test_nullable_31_type_arrays_and_any_of_null() -> None:
    m = models("nullable_31")
    p = round_trips(m.Profile, {"id": "p", "nickname": "n", "address": {"city": "Oslo"},
                                "previousAddress": None, "score": None, "labels": ["a"]})
    assert p.address == m.Address(city="Oslo") and p.previous_address is None
    q = round_trips(m.Profile, {"id": "p", "nickname": None, "address": None,
                                "previousAddress": {"city": "Rome"}})
    assert q.previous_address == m.Address(city="Rome")
    assert "previousAddress" not in m.Profile.from_dict(
        {"id": "p", "nickname": None, "address": None}).to_dict()


# -- allOf ---------------------------------------------------------------------------------------


def test_all_of_merges_properties_and_required() -> None:
    m = models("allof")
    dog = round_trips(m.Dog, {"id": "d", "createdAt": "2024-01-01T00:00:00Z", "name": "Rex",
                              "breed": "collie", "goodBoy": False, "tag": "x"})
    assert (dog.id, dog.name, dog.breed, dog.good_boy) == ("d", "Rex", "collie", False)
    with pytest.raises(KeyError):  # createdAt is required in Dog, not in Pet
        m.Dog.from_dict({"id": "d", "name": "Rex", "breed": "collie"})
    assert m.Pet.from_dict({"id": "p", "name": "Tom"}).created_at is None
    assert m.Alias is m.Entity


# -- oneOf + discriminator -------------------------------------------------------------------------


def test_discriminator_explicit_and_implicit_mapping() -> None:
    m = models("oneof_discriminator")
    drawing = round_trips(m.Drawing, {
        "shapes": [{"kind": "circle", "radius": 1.5}, {"kind": "square", "side": 2.0}],
        "highlight": {"kind": "square", "side": 3.0},
        "owner": {"petType": "Dog", "barks": True},
    })
    assert [type(s) for s in drawing.shapes] == [m.Circle, m.Square]
    assert isinstance(drawing.highlight, m.Square) and isinstance(drawing.owner, m.Dog)


def test_discriminator_dispatches_on_the_tag_never_by_trial() -> None:
    m = models("oneof_discriminator")
    # Shaped like a Circle, tagged as a square: the tag decides (a trial decoder would pick
    # Circle, or fail on Square's missing "side").
    with pytest.raises(KeyError):
        m.Drawing.from_dict({"shapes": [{"kind": "square", "radius": 1.0}]})
    cat = m.Drawing.from_dict({"shapes": [], "owner": {"petType": "Cat", "barks": True}}).owner
    assert isinstance(cat, m.Cat) and cat.additional_properties == {"barks": True}


def test_discriminator_unknown_tag_keeps_the_raw_dict() -> None:
    m = models("oneof_discriminator")
    raw = {"kind": "hexagon", "sides": 6}
    drawing = round_trips(m.Drawing, {"shapes": [raw], "owner": {"petType": "Parrot"}})
    assert drawing.shapes == [raw] and drawing.owner == {"petType": "Parrot"}
    with pytest.raises(TypeError):
        m.Drawing.from_dict({"shapes": ["circle"]})


# -- anyOf without discriminator ------------------------------------------------------------------


def test_any_of_without_discriminator_uses_required_keys_then_shape() -> None:
    m = models("anyof_plain")
    result = round_trips(m.SearchResult, {
        "hits": [{"login": "ada"}, {"fullName": "a/b", "stars": 3}, {"other": 1}],
        "best": {"fullName": "a/b", "stars": 3, "login": "ada"},
        "key": 7, "query": ["a", "b"],
    })
    assert [type(h) for h in result.hits] == [m.User, m.Repo, dict]
    # Both variants' required keys are present: the more specific one (more required keys) wins.
    assert isinstance(result.best, m.Repo)
    assert result.best.additional_properties == {"login": "ada"}
    assert m.SearchResult.from_dict({"hits": [], "query": "word"}).query == "word"
    user = m.SearchResult.from_dict({"hits": [], "query": {"login": "x"}}).query
    assert isinstance(user, m.User)


def test_several_array_variants_are_told_apart_by_the_first_item() -> None:
    m = models("anyof_plain")

    def listing(items: list[Any]) -> Any:
        return round_trips(m.SearchResult, {"hits": [], "listing": items}).listing

    assert [type(x) for x in listing([{"fullName": "a/b", "stars": 1}])] == [m.Repo]
    assert [type(x) for x in listing([{"login": "ada"}, {"login": "bo"}])] == [m.User] * 2
    assert listing([3, 4]) == [3, 4]
    assert listing([]) == []
    with pytest.raises(TypeError):
        listing(["a string fits no item type"])


# -- recursion -----------------------------------------------------------------------------------


def test_self_recursive_tree_at_depth() -> None:
    m = models("recursion")
    data: dict[str, Any] = {"value": 0}
    for i in range(1, 200):
        data = {"value": i, "children": [data, {"value": -i}], "parent": {"value": 1000 + i}}
    tree = round_trips(m.TreeNode, data)
    depth = 0
    while tree.children:
        assert isinstance(tree.children[0], m.TreeNode) and isinstance(tree.parent, m.TreeNode)
        tree, depth = tree.children[0], depth + 1
    assert depth == 199 and tree.value == 0


def test_mutual_recursion() -> None:
    m = models("recursion")
    dep = round_trips(m.Department, {
        "title": "R&D", "head": {"name": "Ada", "department": {"title": "Board"}},
        "staff": [{"name": "Bob"}],
    })
    assert isinstance(dep.head.department, m.Department) and dep.head.department.title == "Board"
    assert isinstance(dep.staff[0], m.Employee)


def test_recursive_array_alias_decodes_every_level() -> None:
    m = models("recursion")
    layout = [{"value": 1}, [{"value": 2}, [{"value": 3}]]]
    forest = round_trips(m.Forest, {"layout": layout})
    assert isinstance(forest.layout[0], m.TreeNode)
    assert isinstance(forest.layout[1][0], m.TreeNode)
    assert isinstance(forest.layout[1][1][0], m.TreeNode)


# -- additionalProperties ----------------------------------------------------------------------------


def test_maps_and_typed_additional_properties() -> None:
    m = models("additional_properties")
    inv = round_trips(m.Inventory, {
        "items": {"a": {"sku": "A"}}, "labels": {"x": "y"}, "metadata": {"any": [1, {"b": None}]},
        "strict": {"name": "s", "surprise": 1}, "counters": {"total": 3, "red": 1, "blue": 2},
        "inlineMap": {"k": {"sku": "K", "extra": True}}, "nested": {"n": [{"sku": "N"}]},
    })
    assert inv.items == {"a": m.Item(sku="A")}
    assert inv.inline_map["k"].additional_properties == {"extra": True}
    assert isinstance(inv.nested["n"][0], m.Item)
    assert inv.counters.total == 3 and inv.counters.additional_properties == {"red": 1, "blue": 2}
    # additionalProperties: false: a newer server's extra field is kept, not a crash.
    assert inv.strict.additional_properties == {"surprise": 1}


# -- int64 ---------------------------------------------------------------------------------------------


def test_protojson_int64_accepts_strings_and_writes_numbers() -> None:
    m = models("int64")
    big = 2**63 - 1
    entry = m.Entry.from_dict({"id": str(big), "amount": 5, "parentId": "7",
                               "shards": ["1", 2], "balances": {"a": "-3"}})
    assert (entry.id, entry.parent_id, entry.shards, entry.balances) == (big, 7, [1, 2], {"a": -3})
    assert entry.to_dict() == {"id": big, "amount": 5, "parentId": 7, "shards": [1, 2],
                               "balances": {"a": -3}}
    round_trips(m.Entry, {"id": 1, "amount": 2, "parentId": None})
    assert m.Entry.from_dict({"id": 1, "amount": 2}).to_dict() == {"id": 1, "amount": 2}


# -- names ---------------------------------------------------------------------------------------------


def test_names_are_distinct_and_wire_names_exact() -> None:
    m = models("names")
    assert len({m.Pet, m.Pet_2, m.PET_3}) == 3
    wire = {"class": "c", "import": "i", "type": "t", "match": "m", "self": "s",
            "from_dict": "f", "to_dict": "t2", "additional_properties": "ap", "fooBar": 1,
            "foo_bar": 2, "3d": True, "@type": "at", "über": {"naïve": True},
            "pet": {"nickname": "p"}, "PET": {"code": "P"}, "klass": {"id": "k"},
            "mode": "A", "unknown": 0}
    k = round_trips(m.Keywords, wire)
    assert (k.class_, k.import_, k.type_, k.match_, k.self_) == ("c", "i", "t", "m", "s")
    assert (k.from_dict_, k.to_dict_, k.additional_properties_) == ("f", "t2", "ap")
    assert (k.foo_bar, k.foo_bar_2, k.field_3d, k.type_2) == (1, 2, True, "at")
    assert k.uber == m.Uber(naive=True)
    assert isinstance(k.pet, m.Pet_2) and isinstance(k.pet_2, m.PET_3)
    assert k.additional_properties == {"unknown": 0}
    assert k.mode is m.Colliding.A_2
    values = [member.value for member in m.Colliding]
    assert values == ["a", "A", "a-b", "a_b", "", "1st", "None"]


# -- readOnly / writeOnly / formats / external refs ----------------------------------------------------


def test_read_only_and_write_only_are_optional_in_the_model() -> None:
    m = models("readonly_writeonly")
    response = round_trips(m.Account, {"id": "a1", "email": "e@x", "createdAt": "2024-01-01T00:00:00Z"})
    assert response.password is None  # never returned by the server: must not crash
    request = m.Account(email="e@x", password="pw")
    assert request.to_dict() == {"email": "e@x", "password": "pw"}


_ACCOUNT = {
    "id": "a1", "email": "e@x", "password": "pw", "createdAt": "2024-01-01T00:00:00Z",
    "profile": {"displayName": "Ann", "verifiedAt": "2024-01-02"},
    "sessions": [{"id": "s1", "label": "phone"}],
    "devices": {"d1": {"id": "s2", "label": "laptop"}},
    "contact": {"phone": "+47", "checkedAt": "2024-01-03"},
    "preferences": {"theme": "dark"},
}
_SENT = {
    "email": "e@x", "password": "pw", "profile": {"displayName": "Ann"},
    "sessions": [{"label": "phone"}], "devices": {"d1": {"label": "laptop"}},
    "contact": {"phone": "+47"}, "preferences": {"theme": "dark"},
}


def test_read_only_round_trips_but_is_left_out_of_requests_at_any_depth() -> None:
    m = models("readonly_writeonly")
    account = round_trips(m.Account, _ACCOUNT)  # a response, readOnly fields and all
    assert account.to_dict(request=True) == _SENT
    assert m.Preferences(theme="x").to_dict(request=True) == {"theme": "x"}


def test_client_never_sends_read_only_properties() -> None:
    httpx = pytest.importorskip("httpx")
    m = models("readonly_writeonly")
    client_module = importlib.import_module("readonly_writeonly_api.client")
    sent: list[Any] = []

    def answer(request: Any) -> Any:
        sent.append(json.loads(request.content))
        return httpx.Response(201, json=_ACCOUNT)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = client_module.Client(base_url="https://api.test", http_client=http)
    created = client.create_account(m.Account.from_dict(_ACCOUNT))  # validated before sending
    assert sent == [_SENT]
    assert created == m.Account.from_dict(_ACCOUNT)  # and the response keeps them all
    client.create_account(email="e@x", password="pw")  # no keyword for readOnly fields
    assert sent[1] == {"email": "e@x", "password": "pw"}


def test_formats_become_python_types_and_round_trip() -> None:
    m = models("formats")
    data = {"id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "createdAt": "2024-02-29T23:59:59Z",
            "day": "2024-02-29", "checksum": "q83vEjRWeJA=", "content": "\u0000raw",
            "size": 1, "ratio": 0.5, "homepage": "https://x", "owner": "a@b",
            "history": ["2024-01-01T00:00:00.25+01:00", "2024-01-01T00:00:00-05:30"],
            "deletedAt": "2024-03-01T00:00:00Z", "when": "2024-03-01T10:00:00Z"}
    record = round_trips(m.FileRecord, data)
    utc = dt.UTC
    assert record.id == uuid.UUID(data["id"])
    assert record.created_at == dt.datetime(2024, 2, 29, 23, 59, 59, tzinfo=utc)
    assert record.day == dt.date(2024, 2, 29) and record.checksum == bytes.fromhex("abcdef1234567890")
    assert record.history[0].utcoffset() == dt.timedelta(hours=1)
    assert record.history[0].microsecond == 250000
    assert record.when == dt.datetime(2024, 3, 1, 10, tzinfo=utc)
    assert round_trips(m.FileRecord, {**data, "when": 7}).when == 7


@pytest.mark.parametrize(("wire", "python", "written"), [
    ("2024-01-02T03:04:05z", dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
     "2024-01-02T03:04:05Z"),
    ("2024-01-02t03:04:05.123456789Z",  # nanoseconds (ProtoJSON, Go): cut to microseconds
     dt.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=dt.UTC), "2024-01-02T03:04:05.123456Z"),
    ("2024-01-02T03:04:05.100-00:00", dt.datetime(2024, 1, 2, 3, 4, 5, 100000, tzinfo=dt.UTC),
     "2024-01-02T03:04:05.1Z"),
    ("2024-01-02T03:04:05+05:45",
     dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=45))),
     "2024-01-02T03:04:05+05:45"),
    ("2016-12-31T23:59:60Z",  # a leap second: the last representable instant before the next
     dt.datetime(2016, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC),
     "2016-12-31T23:59:59.999999Z"),
    ("2024-01-02T03:04:05", dt.datetime(2024, 1, 2, 3, 4, 5), "2024-01-02T03:04:05"),  # naive
    ("2024-01-02 03:04:05+00:00", dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
     "2024-01-02T03:04:05Z"),
])
def test_rfc3339_date_times(wire: str, python: dt.datetime, written: str) -> None:
    m = models("formats")
    record = m.FileRecord.from_dict({"id": str(uuid.uuid4()), "createdAt": wire})
    assert record.created_at == python
    assert record.to_dict()["createdAt"] == written


@pytest.mark.parametrize(("field", "value"), [
    ("createdAt", "2024-02-30T00:00:00Z"), ("createdAt", "yesterday"), ("createdAt", 5),
    ("createdAt", "2024-01-02T24:00:00Z"),  # newer Pythons' fromisoformat reads it as midnight
    ("day", "2024-1-2"), ("id", "not-a-uuid"), ("checksum", "***"), ("history", ["x"]),
])
def test_malformed_formatted_values_name_the_field(field: str, value: Any) -> None:
    m = models("formats")
    data = {"id": str(uuid.uuid4()), "createdAt": "2024-01-01T00:00:00Z", field: value}
    with pytest.raises(ValueError, match=f"^{field}: invalid"):
        m.FileRecord.from_dict(data)


def test_base64_accepts_url_safe_and_unpadded_and_writes_standard() -> None:
    m = models("formats")
    record = m.FileRecord.from_dict({"id": str(uuid.uuid4()), "createdAt": "2024-01-01T00:00:00Z",
                                     "checksum": "-_8"})
    assert record.checksum == b"\xfb\xff" and record.to_dict()["checksum"] == "+/8="


def test_formatted_parameters_are_serialised() -> None:
    httpx = pytest.importorskip("httpx")
    models("formats")
    client_module = importlib.import_module("formats_api.client")
    seen: list[Any] = []

    def answer(request: Any) -> Any:
        seen.append(request)
        return httpx.Response(200, json=[{"id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
                                          "createdAt": "2024-01-01T00:00:00Z"}])

    http = httpx.Client(transport=httpx.MockTransport(answer))
    client = client_module.Client(base_url="https://api.test", http_client=http)
    file_id = uuid.UUID("3f2504e0-4f89-11d3-9a0c-0305e82c3301")
    since = dt.datetime(2024, 1, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    versions = client.list_versions(file_id, since=since, days=[dt.date(2024, 1, 1),
                                    dt.date(2024, 1, 2)], x_as_of=dt.date(2024, 2, 1))
    request = seen[0]
    assert request.url.path == f"/files/{file_id}/versions"
    assert request.url.params["since"] == "2024-01-01T12:30:00+02:00"
    assert request.url.params["days"] == "2024-01-01,2024-01-02"
    assert request.headers["X-As-Of"] == "2024-02-01"
    assert versions[0].created_at == dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def test_external_refs_become_named_models() -> None:
    m = models("external_refs")
    page = round_trips(m.PetList, {"items": [{"id": 1, "name": "Rex", "owner": {"name": "Ann"}}],
                                   "next": "c2"})
    assert isinstance(page.items[0], m.Pet) and isinstance(page.items[0].owner, m.Owner)
    assert m.Cursor is str
    assert m.Error.from_dict({"code": 1, "message": "no"}) == m.Error(code=1, message="no")


# -- files ----------------------------------------------------------------------------------------


def _files_client(reply: Any) -> tuple[Any, list[Any]]:
    httpx = pytest.importorskip("httpx")
    models("files")
    client_module = importlib.import_module("files_api.client")
    seen: list[Any] = []

    def answer(request: Any) -> Any:
        seen.append(request)
        return reply(httpx)

    http = httpx.Client(transport=httpx.MockTransport(answer))
    return client_module.Client(base_url="https://api.test", http_client=http), seen


def test_binary_body_takes_bytes_or_a_file_object(tmp_path: Any) -> None:
    client, seen = _files_client(lambda httpx: httpx.Response(204))
    assert client.put_blob("a b", b"\x00\x01") is None
    path = tmp_path / "blob.bin"
    path.write_bytes(b"\xffdata")
    with path.open("rb") as f:
        client.put_blob("c", f)
    assert [r.content for r in seen] == [b"\x00\x01", b"\xffdata"]
    assert seen[0].url.raw_path == b"/blobs/a%20b"
    assert seen[0].headers["Content-Type"] == "application/octet-stream"


def test_binary_response_returns_bytes() -> None:
    png = b"\x89PNG\r\n\x1a\n"
    client, _ = _files_client(lambda httpx: httpx.Response(200, content=png,
                                                           headers={"content-type": "image/png"}))
    assert client.upload_avatar(file=b"x") == png
    client, _ = _files_client(lambda httpx: httpx.Response(200, content=b"\x00"))
    assert client.get_blob("a") == b"\x00"


def test_multipart_file_parts_from_bytes_files_and_triples(tmp_path: Any) -> None:
    path = tmp_path / "me.jpg"
    path.write_bytes(b"JPEG")
    client, seen = _files_client(lambda httpx: httpx.Response(200, content=b""))
    with path.open("rb") as f:
        client.upload_avatar(file=("a.png", b"PNG", "image/png"), caption="hi",
                             extras=[f, b"raw"])
    request = seen[0]
    content_type = request.headers["Content-Type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    parts = _parts(request.content, content_type.split("boundary=")[1])
    assert parts == [
        ('form-data; name="file"; filename="a.png"', "image/png", b"PNG"),
        ('form-data; name="caption"', None, b"hi"),
        ('form-data; name="extras"; filename="me.jpg"', "application/octet-stream", b"JPEG"),
        ('form-data; name="extras"; filename="extras"', "application/octet-stream", b"raw"),
    ]


def _parts(body: bytes, boundary: str) -> list[tuple[str, str | None, bytes]]:
    """(Content-Disposition, Content-Type, data) of each part, read with the email parser."""
    import email.parser
    import email.policy

    head = f"Content-Type: multipart/form-data; boundary={boundary}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    out = []
    for part in message.iter_parts():
        kind = part.get("Content-Type")
        out.append((str(part["Content-Disposition"]), str(kind) if kind else None,
                    part.get_payload(decode=True)))
    return out


def test_non_ascii_header_values_are_refused_by_name() -> None:
    models("formats")
    serialize = importlib.import_module("formats_api._serialize")
    ok = serialize.Param("header", "X-Tag", "caf\u00e9", "simple", False)
    with pytest.raises(ValueError, match="'X-Tag'"):
        serialize.header_pairs([ok])
    cookie = serialize.Param("cookie", "tag", "caf\u00e9", "form", True)
    assert serialize.header_pairs([cookie]) == [("Cookie", "tag=caf%C3%A9")]


def test_formats_example_validates_and_round_trips_canonically() -> None:
    """The spec's example passes the validator; to_dict writes it back in canonical spelling
    (here the fraction ``.5`` of a UTC time is already canonical, so it is unchanged)."""
    import yaml

    m = models("formats")
    validators = importlib.import_module("formats_api.validators")
    spec = yaml.safe_load((CASES / "formats" / "spec.yaml").read_text(encoding="utf-8"))
    example = spec["components"]["schemas"]["FileRecord"]["example"]
    assert validators.validate_file_record(example) == []
    record = round_trips(m.FileRecord, example)
    assert record.created_at == dt.datetime(2024, 2, 29, 23, 59, 59, 500000, tzinfo=dt.UTC)
    assert record.validate() == []
