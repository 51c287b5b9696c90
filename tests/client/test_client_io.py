"""Every media type honest, parameters checked like bodies (docs/client-contract.md §4, §5).

A small todo API of its own (tests/client/specs/todos_io.yaml): a bounded query parameter, a
path parameter with a pattern, header and cookie parameters, an XML-only body, JSON beside XML,
form and multipart bodies, text and binary responses, NDJSON and SSE streams, a discriminated
oneOf with single-value tags. Its generated package passes mypy --strict and ruff, and runs
against the scripted loopback server, sync and async.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from client_support import FakeClock, Reply, serving

from generator import Settings, generate
from generator.pipeline import produce

HERE = Path(__file__).resolve().parent
SPEC = HERE / "specs" / "todos_io.yaml"
TODO = {"id": "t1", "title": "milk"}


@pytest.fixture(scope="module")
def io_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("todos_io")
    generate(Settings(spec=SPEC, output=out, package="todos_io"))
    return out / "python"


@pytest.fixture(scope="module")
def io(io_root: Path) -> Any:
    sys.path.insert(0, str(io_root))
    try:
        return importlib.import_module("todos_io")
    finally:
        sys.path.remove(str(io_root))


def _client(io: Any, url: str, **kw: Any) -> Any:
    return io.Client(base_url=url, clock=FakeClock(), **kw)


def _async_client(io: Any, url: str, **kw: Any) -> Any:
    return io.AsyncClient(base_url=url, clock=FakeClock(), **kw)


def test_generated_package_is_mypy_strict_and_ruff_clean(io_root: Path) -> None:
    mypy = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "--python-version", "3.10", "todos_io"], cwd=io_root,
                          check=False, capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout + mypy.stderr
    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--select",
                           "E,F,W,I,B,UP", "--target-version", "py310", "--line-length", "100",
                           "."], cwd=io_root, check=False, capture_output=True, text=True)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr


def test_the_package_readme_says_which_methods_stream_or_take_raw_bodies(io_root: Path) -> None:
    text = (io_root / "README.md").read_text(encoding="utf-8")
    streams = text[text.index("## Streams"):text.index("## Bodies sent as given")]
    assert "`export_todos`, `watch_todos` and `tail_log`." in streams
    example = streams[streams.index("```python\n") + 10:streams.rindex("```")]
    compile(example, "README.md", "exec")
    given = text[text.index("## Bodies sent as given"):text.index("## Errors")]
    assert "\n`import_todos`.\n" in given and "\n`create_todo`.\n" in given


# --- §4 requests ------------------------------------------------------------------------------

def test_an_xml_only_body_is_warned_about_and_sent_as_given(io: Any) -> None:
    warnings = produce(Settings(spec=SPEC, output=Path("unused"), package="todos_io")).warnings
    w601 = [(w.code, w.location.pointer) for w in warnings if w.code == "W601"]
    assert w601 == [("W601", "/paths/~1todos~1import/post/requestBody/content/application~1xml")]
    assert "importTodos" in str(next(w for w in warnings if w.code == "W601"))
    xml = "<todos><todo>milk</todo></todos>"
    with serving([Reply(204)]) as server, _client(io, server.url) as client:
        assert client.import_todos(xml) is None
        assert client.import_todos(xml.encode()) is None
        with pytest.raises(TypeError, match="sent as given"):  # never silently JSON
            client.import_todos({"a": "hi"})
    first, second = server.requests
    assert first.headers["Content-Type"] == "application/xml"
    assert first.body == second.body == xml.encode()


def test_json_first_and_the_other_media_types_raw(io: Any) -> None:
    with (
        serving([Reply(201, TODO)]) as server,
        _client(io, server.url) as client,
    ):
        assert client.create_todo(title="milk").title == "milk"
        xml = io.RawBody(b"<todo><title>milk</title></todo>", "application/xml")
        assert client.create_todo(xml).id == "t1"
        with pytest.raises(ValueError, match="not one the operation takes"):
            client.create_todo(io.RawBody(b"x", "text/csv"))
        bad = io.RawBody(b"<todo/>", "application/xml")  # raw: not validated, sent as given
        client.create_todo(bad)
    sent = [(r.headers["Content-Type"], r.body) for r in server.requests]
    assert sent == [("application/json", b'{"title":"milk"}'),
                    ("application/xml", b"<todo><title>milk</title></todo>"),
                    ("application/xml", b"<todo/>")]


def test_text_form_and_multipart_bodies(io: Any) -> None:
    with (
        serving([Reply(204), Reply(200, b"[]"), Reply(204)]) as server,
        _client(io, server.url) as client,
    ):
        client.put_note("t1", "buy oat milk ✓")
        client.search_todos(q="oat milk", done=False)
        client.upload_attachment("t1", file=("a.txt", b"hello", "text/plain"), label="x")
    text, form, multipart = server.requests
    assert (text.headers["Content-Type"], text.body) == ("text/plain",
                                                         "buy oat milk ✓".encode())
    assert (form.headers["Content-Type"], form.body) == ("application/x-www-form-urlencoded",
                                                         b"q=oat+milk&done=false")
    assert multipart.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert (b'name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n'
            in multipart.body)
    assert b'name="label"\r\n\r\nx\r\n' in multipart.body


# --- §4 responses -----------------------------------------------------------------------------

def test_text_and_binary_responses(io: Any) -> None:
    png = bytes(range(256))
    with (
        serving([Reply(200, b"caf\xc3\xa9", {"Content-Type": "text/plain; charset=utf-8"}),
                 Reply(200, png)]) as server,
        _client(io, server.url) as client,
    ):
        note = client.get_note("t1")
        data = client.download_attachment("t1")
    assert (note, type(note)) == ("café", str)
    assert (data, type(data)) == (png, bytes)


NDJSON = (b'{"id":"t1","title":"milk"}\n\n{"id":"t2","title":"eggs","done":true}\r\n'
          b'{"id":"t3","title":"no newline at the end"}')
SSE = (b": a comment\n"
       b"event: created\nid: 7\ndata: {\"id\":\"t1\",\n"
       b"data: \"title\":\"milk\"}\n\n"
       b"retry: 1500\r\ndata:{\"id\":\"t2\",\"title\":\"eggs\"}\r\n\r\n"
       b"event: ignored\n\n"
       b"data: [DONE]\n\n"
       b"data: {\"id\":\"t9\",\"title\":\"never ended\"}")


def _events(io: Any, stream: Any) -> list[tuple[str, Any, str | None, int | None]]:
    return [(e.event, e.data, e.id, e.retry) for e in stream]


def test_ndjson_and_sse_streams_sync(io: Any) -> None:
    with (
        serving([Reply(200, NDJSON, {"Content-Type": "application/x-ndjson"}),
                 Reply(200, SSE, {"Content-Type": "text/event-stream"}),
                 Reply(200, b"data: one\ndata: two\n\ndata:three\n\n",
                       {"Content-Type": "text/event-stream"})]) as server,
        _client(io, server.url) as client,
    ):
        with client.export_todos() as todos:
            assert [t.id for t in todos] == ["t1", "t2", "t3"]
        assert todos.response.is_closed
        watched = client.watch_todos()
        assert _events(io, watched) == [
            ("created", io.models.Todo(id="t1", title="milk"), "7", None),
            ("message", io.models.Todo(id="t2", title="eggs"), "7", 1500),
        ]
        assert watched.response.is_closed
        assert _events(io, client.tail_log()) == [("message", "one\ntwo", None, None),
                                                   ("message", "three", None, None)]


def test_ndjson_and_sse_streams_async(io: Any) -> None:
    async def run(url: str) -> tuple[list[str], list[Any], bool]:
        async with _async_client(io, url) as client:
            exported = await client.export_todos()
            ids = [t.id async for t in exported]
            async with await client.watch_todos() as watched:
                events = [(e.event, e.data.title, e.id) async for e in watched]
            return ids, events, exported.response.is_closed

    with serving([Reply(200, NDJSON, {"Content-Type": "application/x-ndjson"}),
                  Reply(200, SSE, {"Content-Type": "text/event-stream"})]) as server:
        ids, events, closed = asyncio.run(run(server.url))
    assert ids == ["t1", "t2", "t3"]
    assert events == [("created", "milk", "7"), ("message", "eggs", "7")]
    assert closed


def test_a_stream_broken_off_is_closed_and_an_error_status_raises(io: Any) -> None:
    with (
        serving([Reply(200, NDJSON, {"Content-Type": "application/x-ndjson"}),
                 Reply(404, {"message": "gone"}),
                 Reply(200, b'{"id": 1}\n', {"Content-Type": "application/x-ndjson"})]) as server,
        _client(io, server.url) as client,
    ):
        todos = client.export_todos()
        assert next(iter(todos)).id == "t1"
        todos.close()
        assert todos.response.is_closed
        with pytest.raises(io.NotFoundError):
            client.export_todos()
        with pytest.raises(io.ResponseDecodeError):
            list(client.export_todos())  # the item lacks its required title


def test_sse_is_parsed_by_the_whatwg_rules_across_chunks(io: Any) -> None:
    """Lines end at CRLF, LF or CR, even split between chunks; a leading BOM is dropped; a
    field without a colon has an empty value; one space after the colon is dropped."""
    fmt = io._http.Sse(str, json=False)
    events = []
    text = "\ufeffdata:  two spaces\r\rdata\rdata: x\r\n\r\nid: a\0b\ndata: y\n\n"
    raw = text.encode()
    for i in range(len(raw)):  # byte by byte: every split, through multi-byte characters too
        events += fmt.feed(raw[i:i + 1])
    events += fmt.end()
    assert [(e.data, e.id) for e in events] == [(" two spaces", None), ("\nx", None),
                                                ("y", None)]


# --- §5 parameters ----------------------------------------------------------------------------

def test_parameters_are_checked_before_sending(io: Any) -> None:
    with serving([Reply(200, b"[]")]) as server, _client(io, server.url) as client:
        with pytest.raises(io.RequestValidationError) as info:
            client.list_todos(limit=500, x_tenant="ACME", session="s")
        problems = [(p.pointer, p.code) for p in info.value.problems]
        assert problems == [("/query/limit", "maximum"), ("/header/X-Tenant", "pattern"),
                            ("/cookie/session", "minLength")]
        schema = info.value.problems[0].schema_path
        assert schema == "todos_io.yaml#/paths/~1todos/get/parameters/0/schema/maximum"
        with pytest.raises(io.RequestValidationError) as path_info:
            client.get_todo("x1")
        assert [p.pointer for p in path_info.value.problems] == ["/path/todoId"]
        assert server.requests == []  # nothing was sent
        assert client.list_todos(limit=100, x_tenant="acme") == []
        assert client.list_todos(limit=500, validate=False) == []
    query = [parse_qsl(urlsplit(r.path).query) for r in server.requests]
    assert query == [[("limit", "100")], [("limit", "500")]]


def test_parameter_and_body_problems_are_reported_together(io: Any) -> None:
    with serving([Reply(201, TODO)]) as server, _client(io, server.url) as client:
        with pytest.raises(io.RequestValidationError) as info:
            client.create_todo(title="", idempotency_key="short")
        assert [(p.pointer, p.code) for p in info.value.problems] == [
            ("/header/Idempotency-Key", "minLength"), ("/title", "minLength")]
        assert server.requests == []
        client.create_todo(title="milk", idempotency_key="k-123456")
    assert server.requests[0].headers["Idempotency-Key"] == "k-123456"


def test_async_parameters_are_checked(io: Any) -> None:
    async def run(url: str) -> None:
        async with _async_client(io, url) as client:
            await client.list_todos(limit=0)

    with serving([Reply(200, b"[]")]) as server, pytest.raises(io.RequestValidationError):
        asyncio.run(run(server.url))
    assert server.requests == []


# --- §5 keyword forms and discriminators ------------------------------------------------------

def test_a_single_value_tag_is_filled_in_and_written(io: Any) -> None:
    push = io.models.PushReminder(device="phone")
    email = io.models.EmailReminder(address="a@b.c")
    assert push.to_dict() == {"kind": "push", "device": "phone"}
    assert email.to_dict() == {"kind": "email", "address": "a@b.c"}
    with (
        serving([Reply(201, {"kind": "email", "address": "a@b.c"})]) as server,
        _client(io, server.url) as client,
    ):
        assert client.create_reminder(push) == email
    assert json.loads(server.requests[0].body) == {"kind": "push", "device": "phone"}


MYPY_USER = '''
from todos_io import Client, models

client = Client()
client.create_todo(title="milk")
client.create_todo(models.NewTodo(title="milk"))
client.create_todo(priority=1)
client.create_todo()
models.PushReminder(device="phone")
'''


def test_mypy_catches_a_missing_required_keyword(io_root: Path, tmp_path: Path) -> None:
    user = tmp_path / "user.py"
    user.write_text(MYPY_USER, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "--python-version", "3.10", str(user)], cwd=io_root, check=False,
                          capture_output=True, text=True,
                          env={**os.environ, "MYPYPATH": str(io_root)})
    lines = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert [int(line.split(":")[1]) for line in lines] == [7, 8], done.stdout
    assert all(line.endswith("[call-overload]") for line in lines), done.stdout
