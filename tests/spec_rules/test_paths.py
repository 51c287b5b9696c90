"""Paths, operations and their parameters: the OpenAPI MUSTs the structural lint misses
(E310, E311, E312-E316, W310, W312)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rules_support import document, op, path_param, validate

from generator import cli
from generator.build import build
from generator.load.loader import load


def test_response_keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    responses = {k: {"description": "d"} for k in ("200", "2XX", "default", "x-note", "2xx",
                                                   "600", "OK", "20")}
    doc = document(paths={"/a": {"get": {"responses": responses}}})
    status, found = validate(tmp_path, doc)
    assert (status, found) == (2, {("E312", "/paths/~1a/get/responses")})  # the lint's too
    assert cli.main(["validate", str(tmp_path / "api.json")]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert [line.split("'")[1] for line in lines] == ["2xx", "600", "OK", "20"]


def test_templates_that_do_not_parse(tmp_path: Path) -> None:
    paths = {p: {"get": op()} for p in ("/a/{id", "/b/{}", "/c/{x}}", "/d/{{x}}")}
    status, found = validate(tmp_path, document(paths=paths))
    assert status == 2
    assert {p for c, p in found if c == "E313"} == {
        "/paths/~1a~1{id", "/paths/~1b~1{}", "/paths/~1c~1{x}}", "/paths/~1d~1{{x}}"}


def test_a_template_naming_a_parameter_twice(tmp_path: Path) -> None:
    doc = document(paths={"/a/{id}/b/{id}": {"get": op(parameters=[path_param("id")])}})
    status, found = validate(tmp_path, doc)
    assert status == 2 and ("E313", "/paths/~1a~1{id}~1b~1{id}") in found


def test_a_parameter_declared_twice_in_one_list(tmp_path: Path) -> None:
    q = {"name": "q", "in": "query", "schema": {"type": "string"}}
    doc = document(
        paths={"/a": {
            "parameters": [q, {"$ref": "#/components/parameters/Q"}],
            "get": op(parameters=[q, {**q, "in": "header"}]),   # overrides; other location
        }},
        components={"parameters": {"Q": q}},
    )
    status, found = validate(tmp_path, doc)
    assert status == 2 and found == {("E314", "/paths/~1a/parameters/1")}


def test_path_parameters_are_required_and_templated(tmp_path: Path) -> None:
    doc = document(paths={"/a/{id}": {
        "parameters": [path_param("id"), path_param("other")],
        "get": op(parameters=[{"name": "id", "in": "path", "schema": {"type": "string"}}]),
    }})
    status, found = validate(tmp_path, doc)
    assert status == 2
    assert ("E315", "/paths/~1a~1{id}/parameters/1") in found   # not in the template
    assert ("E315", "/paths/~1a~1{id}/get/parameters/0") in found  # not required


def test_a_template_parameter_not_declared(tmp_path: Path) -> None:
    doc = document(paths={"/a/{id}/{sub}": {"get": op(parameters=[path_param("id")])}})
    status, found = validate(tmp_path, doc)
    assert status == 2 and ("E311", "/paths/~1a~1{id}~1{sub}/get") in found


def test_paths_that_are_one(tmp_path: Path) -> None:
    doc = document(paths={
        "/p/{a}": {"get": op(parameters=[path_param("a")])},
        "/p/{b}": {"get": op(parameters=[path_param("b")])},
        "/p/{c}": {"delete": op(parameters=[path_param("c")])},
        "/q/{a}/x": {"get": op(parameters=[path_param("a")])},
        "/q/x/{a}": {"get": op(parameters=[path_param("a")])},  # another shape
    })
    status, found = validate(tmp_path, doc)
    assert status == 2
    assert found == {("E316", "/paths/~1p~1{b}"), ("W312", "/paths/~1p~1{c}")}


def test_operation_ids_are_unique_across_webhooks_and_callbacks(tmp_path: Path) -> None:
    hook = {"post": op(operationId="list")}
    doc = document(
        paths={"/a": {"get": op(operationId="list", callbacks={"done": {"{$url}": {
            "post": op(operationId="list")}}})}},
        webhooks={"ping": hook},
    )
    status, found = validate(tmp_path, doc)
    assert status == 2
    assert {p for c, p in found if c == "E310"} == {
        "/webhooks/ping/post", "/paths/~1a/get/callbacks/done/{$url}/post"}


def test_header_parameters_openapi_ignores(tmp_path: Path) -> None:
    params = [{"name": n, "in": "header", "schema": {"type": "string"}}
              for n in ("Accept", "content-type", "AUTHORIZATION", "X-Trace")]
    doc = document(paths={"/a": {"get": op(parameters=params)}})
    status, found = validate(tmp_path, doc)
    assert status == 0
    assert found == {("W310", f"/paths/~1a/get/parameters/{i}") for i in range(3)}
    api, _ = build(load(tmp_path / "api.json"))
    assert [p.name for p in api.operations[0].parameters] == ["X-Trace"]


def test_derived_names_are_no_operation_ids(tmp_path: Path) -> None:
    """Operations without an ``operationId`` are named by specgen (``get_a_b``); a name that
    collides is renamed by the shared naming, it is no reused operationId (before: E310); an
    ``operationId`` the spec gives keeps its name, the derived ones yield; each renamed client
    method is listed (W503)."""
    doc = document(paths={"/a-b": {"get": op()}, "/a_b": {"get": op()},
                          "/x": {"get": op(operationId="get_a_b")}})
    assert validate(tmp_path, doc) == (0, {("W503", "/paths/~1a-b/get"),
                                           ("W503", "/paths/~1a_b/get")})
