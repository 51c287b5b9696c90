"""One call of a generated client method against ``httpx.MockTransport``.

Arguments come from the method's signature: path parameters and required arguments always,
optional query, header and cookie parameters of a primitive type (or, in a query, a list of
one) too, to check what is sent for each style: form, spaceDelimited and pipeDelimited queries,
exploded or not, object parameters in deepObject style (``name[key]=value``), simple headers
and the Cookie header. Strings carry a space, a slash and a non-ASCII letter so the path
escaping is seen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import importlib
import inspect
import json
import types
import typing
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

import httpx
from realworld_oracle import oracle
from realworld_support import Built, Resolver

from generator.ir import Operation, Parameter
from generator.targets.python.names import Scope, snake

__all__ = ["call_operation", "client_methods", "validator_names"]

_CONTROL = {"self", "timeout", "max_retries", "validate"}
BASE = "https://api.test/base"


def client_methods(cls: type) -> list[Any]:
    """The operation methods of a generated client class, in spec order."""
    return [v for k, v in vars(cls).items() if not k.startswith("_") and inspect.isfunction(v)]


def _unwrap(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _value(hint: Any, built: Built, models: Any) -> Any:
    hint = _unwrap(hint)
    origin = typing.get_origin(hint)
    if origin is list:
        return [_value(typing.get_args(hint)[0], built, models)]
    if origin is dict:
        return {}
    if origin is typing.Literal:
        return typing.get_args(hint)[0]
    if origin in (typing.Union, types.UnionType):
        return _value(typing.get_args(hint)[0], built, models)
    simple = {str: "a b/\u00fc", int: 7, float: 1.5, bool: True,
              dt.datetime: dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
              dt.date: dt.date(2024, 1, 2), uuid.UUID: uuid.UUID(int=1), bytes: b"\x00\x01"}
    if hint in simple:
        return simple[hint]
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return next(iter(hint))
    if isinstance(hint, type) and hasattr(hint, "from_dict"):
        return hint.from_dict(_schema_sample(hint.__name__, built))
    return "x"


def _schema_sample(class_name: str, built: Built) -> Any:
    key = next(k for k, v in built.classes.items() if v == class_name)
    definition = next(d for d in built.api.definitions if d.key == key)
    resolver = _resolver(built.doc.path)
    path = built.doc.path.parent / definition.location.file
    schema, path = resolver.at(definition.location.pointer, path)
    return resolver.sample(schema, path)


def _media_value(built: Built, pointer: str, file: str, media_type: str) -> tuple[Any, bool]:
    """A JSON value for the media type ``media_type`` of the request body or response at
    ``pointer`` of ``file``: the first of its examples, a sample of its schema with the spec's
    examples, one without, that the oracle finds valid; and whether one was (some schemas
    cannot be sampled simply: a ``pattern``, a ``oneOf`` whose first branch overlaps)."""
    check = oracle(built)
    pointer, path = check.resolver.final(pointer, built.doc.path.parent / file)
    node, _ = check.resolver.at(pointer, path)
    media = node["content"][media_type]
    schema = f"{pointer}/content/{media_type.replace('~', '~0').replace('/', '~1')}/schema"
    candidates = [media["example"]] if "example" in media else []
    if isinstance(media.get("examples"), dict):
        for example in media["examples"].values():
            example, _ = check.resolver.deref(example, path)
            if isinstance(example, dict) and "value" in example:
                candidates.append(example["value"])
    resolver = _resolver(built.doc.path)
    candidates += [resolver.sample(media.get("schema", {}), path),
                   resolver.sample(media.get("schema", {}), path, examples=False)]
    valid = [c for c in candidates if "schema" in media and check.valid(schema, c, path)]
    return (valid[0], True) if valid else (candidates[-1], "schema" not in media)


def _body(built: Built, op: Operation, hint: Any) -> tuple[Any, bool] | None:
    """The ``body`` argument from the request body's example or sample (see ``_media_value``)
    and whether it is valid; ``None`` when its type is not a model, a list of one or JSON."""
    rb = op.request_body
    if rb is None:
        return None
    raw, valid = _media_value(built, rb.location.pointer, rb.location.file, rb.media_type)
    item = typing.get_args(hint)[0] if typing.get_origin(hint) is list else None
    if isinstance(hint, type) and hasattr(hint, "from_dict") and isinstance(raw, dict):
        return hint.from_dict(raw), valid
    if hasattr(item, "from_dict") and isinstance(raw, list):
        return [item.from_dict(x) for x in raw], valid  # type: ignore[union-attr]
    if hint is Any or typing.get_origin(hint) is dict:
        return raw, valid
    return None


def validator_names(built: Built) -> dict[str, str]:
    """Definition key -> the suffix of its ``validate_*`` function, claimed as the generator
    claims them (``import`` -> ``validate_import_``)."""
    scope = Scope()
    return {key: scope.claim(snake(name)) for key, name in built.classes.items()}


@functools.cache
def _resolver(path: Path) -> Resolver:
    """One per document: Stripe's 4 MB of YAML is read once, not once per operation."""
    return Resolver(path)


def _reply(built: Built, op: Operation) -> tuple[httpx.Response, bool]:
    """The first documented 2xx response with its example (or a sample) body; and whether one
    is documented."""
    ok = next((r for r in op.responses if r.status.startswith("2")), None)
    if ok is None:
        return httpx.Response(204), False
    status = 200 if ok.status == "2XX" else int(ok.status)
    if ok.media_type is None:
        return httpx.Response(status), True
    body, _ = _media_value(built, ok.location.pointer, ok.location.file, ok.media_type)
    if "json" in ok.media_type:
        return httpx.Response(status, content=json.dumps(body).encode(),
                              headers={"content-type": ok.media_type}), True
    text = body if isinstance(body, str) else json.dumps(body)
    return httpx.Response(status, text=text, headers={"content-type": ok.media_type}), True


def _conforms(value: Any, hint: Any) -> bool:
    if hint is Any or hint is object:
        return True
    if hint is None or hint is type(None):
        return value is None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(value, a) for a in typing.get_args(hint))
    if origin is list:
        return isinstance(value, list) and all(_conforms(v, typing.get_args(hint)[0]) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    if origin is typing.Literal:
        return value in typing.get_args(hint)
    if hint is float:
        return isinstance(value, (int, float))
    return isinstance(value, hint) if isinstance(hint, type) else True


@dataclasses.dataclass
class _Expected:
    path: str
    query: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    headers: dict[str, str] = dataclasses.field(default_factory=dict)
    cookies: list[str] = dataclasses.field(default_factory=list)


def _expected(op: Operation, args: dict[str, Any]) -> _Expected:
    """The raw path, and the query values, headers and cookies the call must send."""
    by_name = {snake(p.name, fallback="param"): p for p in op.parameters}
    path, _, fixed = op.path.partition("?")  # OpenAI writes ``?beta=true`` into some paths
    out = _Expected(BASE.removeprefix("https://api.test") + path)
    for key, value in parse_qsl(fixed):
        out.query.setdefault(key, []).append(value)
    for name, value in args.items():
        # the client renames what would shadow a builtin or keyword: ``id`` -> ``id_``
        p: Parameter | None = by_name.get(name) or by_name.get(name.removesuffix("_"))
        if p is None or isinstance(value, dict):
            continue
        if hasattr(value, "to_dict"):  # an object parameter: deepObject, ``name[key]=value``
            if p.location_in == "query" and p.style == "deepObject":
                for key, item in value.to_dict(request=True).items():
                    if not isinstance(item, (dict, list)):
                        out.query[f"{p.name}[{key}]"] = [_wire(item)]
            continue
        if p.location_in == "path" and not isinstance(value, list):
            out.path = out.path.replace("{" + p.name + "}", quote(_wire(value), safe=""))
        elif p.location_in == "query" and isinstance(value, list):
            items = [_wire(v) for v in value]
            sep = {"spaceDelimited": " ", "pipeDelimited": "|"}.get(p.style, ",")
            out.query[p.name] = items if p.explode else [sep.join(items)]
        elif p.location_in == "query":
            out.query[p.name] = [_wire(value)]
        elif p.location_in == "header" and not isinstance(value, list):
            out.headers[p.name] = _wire(value)
        elif p.location_in == "cookie" and not isinstance(value, list):
            out.cookies.append(f"{p.name}={quote(_wire(value), safe='')}")
    return out


def _wire(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat().replace("+00:00", "Z")
    return str(value)


def call_operation(built: Built, module: Any, op: Operation, method: Any) -> str | None:
    """Call ``method`` once and check the request and the type of what it returns. Returns the
    operation when no valid body could be made for it (then sent with ``validate=False``)."""
    models = importlib.import_module(built.package + ".models")
    hints = typing.get_type_hints(method, vars(module))
    checked = {snake(p.name, fallback="param"): p for p in op.parameters}
    checked |= {n + "_": p for n, p in checked.items()}
    args: dict[str, Any] = {}
    valid_body = True
    for name, param in inspect.signature(method).parameters.items():
        if name in _CONTROL:
            continue
        required = param.default is inspect.Parameter.empty
        hint = _unwrap(hints[name])
        primitive = hint in (str, int, bool)
        listed = typing.get_origin(hint) is list and _unwrap(typing.get_args(hint)[0]) in (
            str, int, bool)
        p = checked.get(name)
        query_list = p is not None and p.location_in == "query" and listed
        if name == "body" and (value := _body(built, op, hint)) is not None:
            args[name], valid_body = value
        elif required or name == "body" or (p is not None and (primitive or query_list)):
            args[name] = _value(hints[name], built, models)
            if p is not None and p.location_in == "header" and isinstance(args[name], str):
                args[name] = "a b/c"  # header values must be ASCII (the client says so)
    seen: list[httpx.Request] = []
    reply, documented = _reply(built, op)

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return reply

    http = httpx.Client(transport=httpx.MockTransport(handler))
    client = module.Client(base_url=BASE, http_client=http, **_credentials(module.Client))
    where = f"{op.method.upper()} {op.path} {args}"
    # a body the oracle refuses would be refused by the client's own check before sending
    refused = importlib.import_module(built.package + ".errors").RequestValidationError
    try:
        result = method(client, **args) if valid_body else method(client, **args, validate=False)
    except refused as exc:  # parameters are checked too: only ones the oracle refuses
        _refused_parameters(built, op, args, exc.problems)
        seen.clear()
        result = method(client, **args, validate=False)
    assert len(seen) == 1, where
    request = seen[0]
    expected = _expected(op, args)
    assert request.method == op.method.upper(), where
    assert request.url.raw_path.decode().split("?")[0] == expected.path, (where, request.url)
    for wire, values in expected.query.items():
        assert request.url.params.get_list(wire) == values, (where, request.url)
    for wire, text in expected.headers.items():
        assert request.headers.get_list(wire) == [text], (where, request.headers)
    if expected.cookies:
        assert request.headers.get_list("Cookie") == ["; ".join(expected.cookies)], where
    body = args.get("body")
    if op.request_body is not None and "json" in op.request_body.media_type and body is not None:
        sent = json.loads(request.content)
        # what the client sends: readOnly properties left out at any depth
        expected = ([_sent(x) for x in body] if isinstance(body, list) else _sent(body))
        assert sent == expected, where
    if documented:
        assert _conforms(result, hints["return"]), (where, hints["return"], result)
    return None if valid_body else f"{op.method.upper()} {op.path}"


def _refused_parameters(built: Built, op: Operation, args: dict[str, Any],
                        problems: Any) -> None:
    """Each problem the client found before sending is a parameter's (at ``/{in}/{name}``)
    whose value (as sent: JSON) the oracle refuses too. The sample values carry a space, a
    slash and a non-ASCII letter: a ``pattern`` or ``format`` may refuse them."""
    check = oracle(built)
    by_name = {snake(p.name, fallback="param"): p for p in op.parameters}
    values = {(p.location_in, p.name): v for n, v in args.items()
              if (p := by_name.get(n) or by_name.get(n.removesuffix("_"))) is not None}
    for problem in problems:
        where, _, name = problem.pointer.removeprefix("/").partition("/")
        name = name.split("/", 1)[0].replace("~1", "/").replace("~0", "~")
        param = next(p for p in op.parameters if (p.location_in, p.name) == (where, name))
        pointer, path = check.resolver.final(param.location.pointer,
                                             built.doc.path.parent / param.location.file)
        node, _ = check.resolver.at(pointer, path)
        media = next(iter(node.get("content", {})), None)  # ``content`` instead of ``schema``
        schema = "/schema" if media is None else f"/content/{media.replace('/', '~1')}/schema"
        value = _json_value(values[where, name])
        assert not check.valid(pointer + schema, value, path), (op.operation_id, problem)


def _json_value(value: Any) -> Any:
    """What the client validates and sends of an argument: JSON data."""
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if hasattr(value, "to_dict"):
        return value.to_dict(request=True)
    if isinstance(value, (enum.Enum, dt.date, dt.datetime, uuid.UUID)):
        return _wire(value) if not isinstance(value, enum.Enum) else value.value
    return value


def _sent(value: Any) -> Any:
    return value.to_dict(request=True) if hasattr(value, "to_dict") else value


def _credentials(cls: type) -> dict[str, str]:
    """A value for every credential argument of the client's constructor."""
    known = {"base_url", "auth", "timeout", "retry", "validate", "http_client", "clock", "self"}
    hints = typing.get_type_hints(vars(cls)["__init__"])
    return {n: "secret" for n in inspect.signature(cls).parameters
            if n not in known and _unwrap(hints.get(n)) is str}
