"""The request body of an operation in ``client.py``: its argument, its keyword fields, the
``_http.Body`` the call sends and the validator that checks it first.

A required JSON, form or multipart body of an object with at most :data:`KEYWORD_FIELDS_MAX`
fields to send may also be given as keyword arguments, one per field (:func:`keyword_object`);
a media type the client does not encode is sent as the bytes or text the caller gives.
"""

from __future__ import annotations

from collections.abc import Callable

from ...analysis.media import media_kind
from ...code import Code
from ...ir import ObjectDef, Ref, RequestBody
from .capabilities import CAPABILITIES
from .client_signature import Args
from .formats import FILE
from .literals import literal, split_safe
from .models import CLASS_MEMBERS
from .names import Scope, snake
from .types import TypeMapper, union

__all__ = ["IMPORT_VALIDATORS", "KEYWORD_FIELDS_MAX", "Validators", "body_fields",
           "keyword_object", "request_body"]

_FIELD_COLUMN = 8  # where the formatted ``_http.Call(...)`` puts its fields
_FORM_MEDIA = ("json", "form", "multipart")  # the kinds whose body is a model's fields
KEYWORD_FIELDS_MAX = 255
"""A body with more fields to send is passed as its model only: a method of thousands of
keyword arguments helps no reader, and CPython compiles a call's keywords pairwise (a body of
32k fields took 14 s to compile, quadratic in the fields)."""

Validators = Callable[[RequestBody], Code | None]
IMPORT_VALIDATORS = "from . import validators"  # loaded on the first call that needs it


def request_body(
    rb: RequestBody, scope: Scope, mapper: TypeMapper, args: Args, build: list[str]
) -> str:
    """The ``_http.Body`` of the call (an expression), its argument added to ``args`` (and
    its keyword fields, where it has them), and the lines that build it added to ``build``."""
    name = scope.claim("body")
    typed = media_kind(rb.media_type) in CAPABILITIES.requests
    ann = _body_annotation(rb, mapper, typed)
    # the other declared media types: a ``RawBody`` the caller gives (contract §4)
    others = tuple(m.split(";")[0].strip().lower() for m in rb.media_types if m != rb.media_type)
    raw_ann = " | _http.RawBody" if others else ""
    obj = keyword_object(rb, mapper)
    if obj is not None:
        args.positional.append((name, union(f"{ann}{raw_ann}", "None"), "None"))
        args.body = (name, f"{ann}{raw_ann}")
        _fields(obj, name, mapper.runtime(obj.key), scope, mapper, args, build)
    elif rb.required:
        args.positional.append((name, f"{ann}{raw_ann}", None))
    else:
        args.positional.append((name, union(f"{ann}{raw_ann}", "None"), "None"))
    if rb.description:
        args.docs.append(f"{name}: {rb.description}")
    # readOnly left out; a body the client cannot encode is sent as given (W601)
    wire = (mapper.encode(rb.type, name, request="True") or name) if typed else name
    made = f"_http.Body({literal(rb.media_type)}, {wire})"
    if others:
        declared = literal(tuple(dict.fromkeys((rb.media_type.split(";")[0].strip().lower(),
                                               *others))))
        made = f"{name}.body({declared}) if isinstance({name}, _http.RawBody) else {made}"
    if not rb.required:  # a conditional inside another is parenthesised by black: given here
        made = f"None if {name} is None else {f'({made})' if others else made}"
    elif not others:
        return made
    return split_safe(made, _FIELD_COLUMN + len("body="))  # a conditional expression now


def _body_annotation(rb: RequestBody, mapper: TypeMapper, typed: bool) -> str:
    """The typed body's annotation; ``str`` for text; bytes or text the caller gives for a
    kind the client does not encode (a binary schema keeps its file annotation)."""
    ann = mapper.annotation(rb.type)
    if media_kind(rb.media_type) == "text":
        return "str"
    if typed or ann == FILE:
        return ann
    return "bytes | str"


def body_fields(rb: RequestBody, body: str, validator: Validators, build: list[str]) -> list[str]:
    """``body=`` of the ``_http.Call``, and ``validator=`` where the body can be checked."""
    fields = [f"body={body}"]
    check = validator(rb) if _checkable(rb) else None
    if check is not None:  # the validators module loads on the first call that needs it
        build.insert(0, IMPORT_VALIDATORS)
        fields.append(f"validator={check}")
    return fields


def _checkable(rb: RequestBody) -> bool:
    """JSON and url-encoded bodies are validated before sending; multipart and binary bodies
    carry files (bytes, file objects), which a JSON Schema of ``type: string`` cannot check,
    and a raw body is sent as given."""
    return media_kind(rb.media_type) in ("json", "form")


def keyword_object(rb: RequestBody, mapper: TypeMapper) -> ObjectDef | None:
    """The object whose fields may be passed as keywords instead of the body (required bodies
    with at most :data:`KEYWORD_FIELDS_MAX` fields to send).

    The client's signature and the README's keyword example both follow it."""
    kind = media_kind(rb.media_type)
    if not rb.required or not isinstance(rb.type, Ref) or kind not in _FORM_MEDIA:
        return None
    definition = mapper.defs[rb.type.key]
    if not isinstance(definition, ObjectDef) or not definition.properties:
        return None
    sent = sum(not p.read_only for p in definition.properties)
    return definition if sent <= KEYWORD_FIELDS_MAX else None


def _fields(
    obj: ObjectDef, body: str, cls: str, scope: Scope, mapper: TypeMapper, args: Args,
    build: list[str],
) -> None:
    """Keyword arguments for the body's fields, and the lines that build the body from them."""
    model_scope = Scope(CLASS_MEMBERS)  # the same names models.py gives the fields
    kwargs, names = [], []
    for p in obj.properties:
        attr = model_scope.claim(snake(p.name, fallback="field"))
        if p.read_only:  # set by the server, never sent: no keyword for it
            continue
        name = scope.claim(attr)
        ann = union(mapper.annotation(p.type), *(("None",) if p.nullable else ()))
        if p.nullable:  # ``None`` is a value: the sentinel says "not given"
            args.keyword.append((name, union(ann, "_http.Unset"), "_http.UNSET"))
        else:
            args.keyword.append((name, union(ann, "None"), "None"))
        args.fields.append((name, ann, None) if p.required else args.keyword[-1])
        # a conditional, not a call: mypy infers ``object`` for a generic call on a union
        given = f"not isinstance({name}, _http.Unset)" if p.nullable else f"{name} is not None"
        missing = f"{name} if {given} else _http.missing({literal(name)})"
        # a keyword argument of the model's call, alone on its line at column 12 when split
        value = split_safe(missing, 12 + len(attr) + 1) if p.required else name
        kwargs.append(f"{attr}={value}")
        names.append(name)
    build += [
        f"if {body} is None:",
        f"    {body} = {cls}({', '.join(kwargs)})",
        f"elif _http.any_given({', '.join(names)}):",
        f"    raise TypeError({literal('pass the body or its fields, not both')})",
    ]
