"""``$ref``s that reach the wrong kind of object (E205), server URL variables (E317), HTTP
token names and OAuth/OpenID Connect URLs (E319), media type keys (E320), and the document's own
kind (E107)."""

from __future__ import annotations

from pathlib import Path

from rules_support import document, op, validate

from generator.build import build
from generator.load.loader import load

SCHEMA = {"type": "string"}


def test_a_ref_to_the_wrong_kind(tmp_path: Path) -> None:
    doc = document(
        paths={"/a": {"post": op(
            requestBody={"$ref": "#/components/schemas/S"},
            parameters=[{"$ref": "#/components/responses/R"},
                        {"$ref": "#/components/parameters/P"}],
            responses={"200": {"$ref": "#/components/parameters/P"}},
        )}},
        components={"schemas": {"S": SCHEMA, "T": {"$ref": "#/components/parameters/P/schema"}},
                    "parameters": {"P": {"name": "p", "in": "query", "schema": SCHEMA}},
                    "responses": {"R": {"description": "r"}}},
    )
    status, found = validate(tmp_path, doc)
    assert status == 2
    assert {p for c, p in found if c == "E205"} == {
        "/paths/~1a/post/requestBody/$ref", "/paths/~1a/post/parameters/0/$ref",
        "/paths/~1a/post/responses/200/$ref"}


def test_a_ref_into_another_file_keeps_its_kind(tmp_path: Path) -> None:
    (tmp_path / "common.json").write_text('{"Id": {"name": "id", "in": "query", '
                                          '"schema": {"type": "string"}}}', encoding="utf-8")
    good = document(paths={"/a": {"get": op(parameters=[{"$ref": "common.json#/Id"}])}})
    assert validate(tmp_path, good) == (0, set())
    bad = document(paths={"/a": {"get": op(parameters=[{"$ref": "common.json#/Id"}])}},
                   components={"schemas": {"S": {"$ref": "common.json#/Id"}}})
    status, found = validate(tmp_path, bad)
    assert status == 2 and {f for f in found if f[0][0] == "E"} == {
        ("E205", "/components/schemas/S/$ref")}


def test_server_variables(tmp_path: Path) -> None:
    doc = document(
        servers=[{"url": "https://{region}.example.com/{version}",
                  "variables": {"region": {"default": "eu", "enum": ["us", "asia"]}}},
                 {"url": "https://{host}", "variables": {"host": {"default": "x"}}}],
        paths={"/a": {"servers": [{"url": "/{v}"}], "get": op()}},
    )
    status, found = validate(tmp_path, doc)
    assert status == 2
    assert found == {("E317", "/servers/0/url"), ("E317", "/servers/0/variables/region/default"),
                     ("E317", "/paths/~1a/servers/0/url")}


def test_a_server_variable_without_default_is_the_lints(tmp_path: Path) -> None:
    doc = document(servers=[{"url": "https://x/{v}", "variables": {"v": {"enum": ["a"]}}}])
    assert validate(tmp_path, doc) == (2, {("E100", "/servers/0/variables/v")})


def test_header_cookie_and_api_key_names_are_tokens(tmp_path: Path) -> None:
    params = [{"name": n, "in": w, "schema": SCHEMA} for n, w in (
        ("X Trace", "header"), ("a;b", "cookie"), ("fine-name_1", "header"),
        ("any name", "query"))]
    doc = document(
        paths={"/a": {"get": op(parameters=params, responses={"200": {
            "description": "d", "headers": {"Bad Header": {"schema": SCHEMA},
                                            "X-Rate": {"schema": SCHEMA},
                                            "content-type": {"schema": SCHEMA}}}})}},
        components={"securitySchemes": {
            "k": {"type": "apiKey", "in": "cookie", "name": "sess id"},
            "q": {"type": "apiKey", "in": "query", "name": "api key"}}},
    )
    status, found = validate(tmp_path, doc)
    assert status == 2
    assert {p for c, p in found if c == "E319"} == {
        "/paths/~1a/get/parameters/0/name", "/paths/~1a/get/parameters/1/name",
        "/paths/~1a/get/responses/200/headers/Bad Header", "/components/securitySchemes/k/name"}
    assert ("W310", "/paths/~1a/get/responses/200/headers/content-type") in found


def test_media_type_keys(tmp_path: Path) -> None:
    good = ["application/json", "application/json; charset=utf-8", "text/plain;charset=\"a;b\"",
            "*/*", "image/*", "application/vnd.github.v3+json", "application/json;",
            "multipart/form-data; boundary=x ; a=b", "APPLICATION/JSON"]
    bad = ["json", "", "application/", "a/b/c", "*/json", "text/plain; charset", "text /plain",
           "application/json; a=\"unclosed", "text/plain; a=b c", "application/json\n",
           "text/plain; a=\"x\r\nX-Evil: 1\"", "text/plain; a=\"\x00\""]
    content = {key: {"schema": SCHEMA} for key in good + bad}
    param = {"name": "q", "in": "query", "content": {"jsn": {"schema": SCHEMA}}}
    doc = document(paths={"/a": {"post": op(
        parameters=[param], requestBody={"content": content},
        responses={"200": {"description": "ok", "content": {"text": {"schema": SCHEMA}},
                           "headers": {"X": {"content": {"a b/c": {"schema": SCHEMA}}}}}})}})
    status, found = validate(tmp_path, doc)
    assert status == 2
    escaped = [key.replace("/", "~1") for key in bad]
    assert {p for c, p in found if c == "E320"} == {
        *(f"/paths/~1a/post/requestBody/content/{key}" for key in escaped),
        "/paths/~1a/post/parameters/0/content/jsn", "/paths/~1a/post/responses/200/content/text",
        "/paths/~1a/post/responses/200/headers/X/content/a b~1c"}


def test_a_trailing_newline_is_no_part_of_a_name(tmp_path: Path) -> None:
    """``$`` matches before a final newline: every name rule matches the whole string."""
    doc = document(paths={"/a": {"get": op(
        parameters=[{"name": "X-A\n", "in": "header", "schema": SCHEMA}],
        responses={"200\n": {"description": "ok"}, "204": {"description": "none",
                   "headers": {"X-B\n": {"schema": SCHEMA}}}})}},
        components={"securitySchemes": {"k": {"type": "apiKey", "in": "header", "name": "K\n"},
                                        "o": {"type": "openIdConnect",
                                              "openIdConnectUrl": "https://x.example/\n"}}})
    status, found = validate(tmp_path, doc)
    assert status == 2
    assert {(c, p) for c, p in found if c in ("E312", "E319")} == {
        ("E319", "/paths/~1a/get/parameters/0/name"), ("E312", "/paths/~1a/get/responses"),
        ("E319", "/paths/~1a/get/responses/204/headers/X-B\n"),
        ("E319", "/components/securitySchemes/k/name"),
        ("E319", "/components/securitySchemes/o/openIdConnectUrl")}


def test_oauth_and_openid_urls(tmp_path: Path) -> None:
    flows = {"authorizationCode": {"authorizationUrl": "https://x.example/auth",
                                   "tokenUrl": "/oauth/token", "refreshUrl": "not a url",
                                   "scopes": {}},
             "clientCredentials": {"tokenUrl": "ftp://x.example/token", "scopes": {}}}
    doc = document(components={"securitySchemes": {
        "o": {"type": "oauth2", "flows": flows},
        "oidc": {"type": "openIdConnect", "openIdConnectUrl": "https://x.example/.well-known"},
        "bad": {"type": "openIdConnect", "openIdConnectUrl": "https://"}}})
    status, found = validate(tmp_path, doc)
    assert status == 2
    assert {p for c, p in found if c == "E319"} == {
        "/components/securitySchemes/o/flows/authorizationCode/refreshUrl",
        "/components/securitySchemes/o/flows/clientCredentials/tokenUrl",
        "/components/securitySchemes/bad/openIdConnectUrl"}


def test_no_openapi_key_is_refused(tmp_path: Path) -> None:
    status, found = validate(tmp_path, {"info": {"title": "t"}, "paths": {},
                                        "type": "object"})
    assert (status, found) == (2, {("E107", "")})


def test_a_bare_json_schema_says_so(tmp_path: Path) -> None:
    doc = {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "Point",
           "type": "object", "properties": {"x": {"type": "number"}}}
    assert validate(tmp_path, doc) == (0, set())
    api, _ = build(load(tmp_path / "api.json"))
    assert [d.name for d in api.definitions] == [("Point",)]
