"""The client generator is general over the IR: a second spec (tests/client/specs/pets.yaml) with
path, query, header and cookie parameters in every style, JSON, form and multipart bodies, several
success statuses, server variables and API keys in query and cookie. Its generated package passes
mypy --strict and ruff, and runs against a loopback server."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from client_support import FakeClock, Reply, serving

from generator import Settings, generate

HERE = Path(__file__).resolve().parent
FIRST, SECOND = 0.4375, 0.875


@pytest.fixture(scope="module")
def pets_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pets")
    generate(Settings(spec=HERE / "specs" / "pets.yaml", output=out, package="pets_client"))
    return out / "python"


@pytest.fixture(scope="module")
def pets(pets_root: Path) -> Any:
    sys.path.insert(0, str(pets_root))
    try:
        return importlib.import_module("pets_client")
    finally:
        sys.path.remove(str(pets_root))


def _client(pets: Any, url: str, **kw: Any) -> Any:
    kw.setdefault("api_key_query", "QKEY-SECRET")
    return pets.Client(base_url=url + "/api/v2", clock=FakeClock(), **kw)


def test_generated_pets_package_is_mypy_strict_and_ruff_clean(pets_root: Path) -> None:
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "--python-version", "3.10", "pets_client"], cwd=pets_root,
                          check=False, capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--select",
                           "E,F,W,I,B,UP", "--target-version", "py310", "--line-length", "100",
                           "."], cwd=pets_root, check=False, capture_output=True, text=True)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr


def test_query_header_and_cookie_styles(pets: Any) -> None:
    with serving([Reply(200, b"[]")]) as server, _client(pets, server.url) as client:
        assert client.list_pets(
            tags=["a", "b"], ids=[1, 2], names=["x", "y"],
            filter_=pets.Filter(color="red", size=2), x_trace="t-1", session="s 1",
            kind=pets.Kind.CAT,
        ) == []
    seen = server.requests[0]
    url = urlsplit(seen.path)
    assert url.path == "/api/v2/pets"
    assert parse_qsl(url.query) == [
        ("tags", "a"), ("tags", "b"), ("ids", "1,2"), ("names", "x|y"),
        ("filter[color]", "red"), ("filter[size]", "2"), ("kind", "cat"),
        ("api_key", "QKEY-SECRET"),
    ]
    assert seen.headers["X-Trace"] == "t-1"
    assert seen.headers["Cookie"] == "session=s%201"


def test_cookie_api_key_shares_the_cookie_header(pets: Any) -> None:
    with (
        serving([Reply(200, b"[]")]) as server,
        _client(pets, server.url, api_key_query=None, api_key_cookie="CK") as client,
    ):
        client.list_pets(session="s")
    seen = server.requests[0]
    assert seen.headers["Cookie"] == "session=s; sid=CK"
    assert "api_key" not in seen.path


def test_path_values_are_escaped_and_label_matrix_styles(pets: Any) -> None:
    pet = {"id": 1, "name": "Rex"}
    with (
        serving([Reply(200, pet), Reply(200, pet), Reply(200, "lbl")]) as server,
        _client(pets, server.url) as client,
    ):
        assert client.get_pet("../a b/?#x").name == "Rex"
        client.get_pet("..")
        assert client.pet_label(["a", "b"], pets.Filter(color="red", size=2)) == "lbl"
    paths = [r.path for r in server.requests]
    assert paths[0] == "/api/v2/pets/..%2Fa%20b%2F%3F%23x"  # security: [] -> no key either
    assert paths[1] == "/api/v2/pets/%2E%2E"
    assert paths[2].startswith("/api/v2/pets/.a,b/label;color=red;size=2?")


def test_a_query_written_into_the_path_is_sent_with_the_parameters(pets: Any) -> None:
    with (
        serving([Reply(200, "lbl"), Reply(200, "lbl")]) as server,
        _client(pets, server.url) as client,
    ):
        assert client.pet_label_beta("a b", lang="nb") == "lbl"
        assert client.pet_label_beta("c") == "lbl"
    first, second = (urlsplit(r.path) for r in server.requests)
    assert first.path == "/api/v2/pets/a%20b/label"
    assert parse_qsl(first.query) == [("beta", "true"), ("lang", "nb"), ("api_key", "QKEY-SECRET")]
    assert parse_qsl(second.query) == [("beta", "true"), ("api_key", "QKEY-SECRET")]


def test_several_success_statuses(pets: Any) -> None:
    with (
        serving([Reply(204), Reply(200, {"id": 2, "name": "Tom"}), Reply(204)]) as server,
        _client(pets, server.url) as client,
    ):
        assert client.get_pet("1") is None
        assert client.get_pet("2") == pets.Pet(id=2, name="Tom")
        assert client.delete_pet("3") is None


def test_form_and_multipart_bodies(pets: Any) -> None:
    with serving([Reply(200, b"[]"), Reply(200)]) as server, _client(pets, server.url) as client:
        client.search_pets(q="a b", limit=3)
        client.upload_photo(7, caption="hi", weight=1.5)
    form, multipart = server.requests
    assert form.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form.body == b"q=a+b&limit=3"
    assert multipart.path.startswith("/api/v2/pets/7/photo")
    assert multipart.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert b'name="caption"\r\n\r\nhi\r\n' in multipart.body
    assert b'name="weight"\r\n\r\n1.5\r\n' in multipart.body


def test_body_or_keyword_fields(pets: Any) -> None:
    pet = {"id": 1, "name": "Rex"}
    with serving([Reply(201, pet)]) as server, _client(pets, server.url) as client:
        assert client.create_pet(name="Rex", kind=pets.Kind.DOG).id == 1
        assert client.create_pet(pets.NewPet(name="Rex")).id == 1
        with pytest.raises(TypeError):
            client.create_pet(pets.NewPet(name="Rex"), name="Other")
        with pytest.raises(TypeError):
            client.create_pet()
    assert [r.body for r in server.requests] == [b'{"name":"Rex","kind":"dog"}', b'{"name":"Rex"}']


def test_non_idempotent_post_is_not_retried_on_5xx(pets: Any) -> None:
    clock = FakeClock()
    with (
        serving([Reply(503), Reply(201, {"id": 1, "name": "x"})]) as server,
        pets.Client(base_url=server.url, clock=clock) as client,
        pytest.raises(pets.ServerError),
    ):
        client.create_pet(name="x")
    assert len(server.requests) == 1 and clock.sleeps == []


def test_get_is_retried_on_5xx(pets: Any) -> None:
    clock = FakeClock()
    with (
        serving([Reply(500), Reply(200, b"[]")]) as server,
        pets.Client(base_url=server.url, clock=clock) as client,
    ):
        assert client.list_pets() == []
    assert len(server.requests) == 2 and clock.sleeps == [FIRST]


def test_post_is_retried_when_the_connection_was_never_made(pets: Any) -> None:
    with serving([Reply(200)]) as server:
        dead = server.url  # nothing listens there once the server stops
    clock = FakeClock()
    with pets.Client(base_url=dead, clock=clock) as client, pytest.raises(pets.ApiConnectionError):
        client.create_pet(name="x")
    assert clock.sleeps == [FIRST, SECOND]


def test_documented_error_model_is_decoded(pets: Any) -> None:
    with (
        serving([Reply(404, {"title": "no such pet"})]) as server,
        _client(pets, server.url) as c,
        pytest.raises(pets.NotFoundError) as info,
    ):
        c.create_pet(name="x")
    assert info.value.model == pets.models.Problem(title="no such pet")
    assert info.value.code is None  # not a google.rpc.Status


def test_server_variables_and_base_url(pets: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PETS_CLIENT_BASE_URL", raising=False)
    assert pets.Client().base_url == "https://eu.pets.example/api/v2"
    assert pets.Client(region="us", version="v3").base_url == "https://us.pets.example/api/v3"
    assert pets.Client(base_url="http://localhost:1/x/").base_url == "http://localhost:1/x"
    monkeypatch.setenv("PETS_CLIENT_BASE_URL", "http://127.0.0.1:9")
    assert pets.Client().base_url == "http://127.0.0.1:9"


def test_query_api_key_never_reaches_logs_or_reprs(
    pets: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    for name in ("httpx", "httpcore", "pets_client"):
        caplog.set_level("DEBUG", logger=name)
    with serving([Reply(503), Reply(401, {"title": "x"})]) as server:
        client = _client(pets, server.url)
        with pytest.raises(pets.AuthenticationError) as info:
            client.list_pets()
        client.close()
    assert "QKEY-SECRET" in server.requests[0].path  # it was sent …
    assert "api_key=***" in caplog.text  # … httpx logged the URL, masked
    for text in (caplog.text, repr(client), str(info.value), repr(vars(client))):
        assert "QKEY-SECRET" not in text
