"""The client contract (docs/client-contract.md §1-3) on a small API of one's own
(tests/client/specs/todos.yaml): errors say what the server said, responses come raw beside the
decoded body with their declared headers typed, and operations are grouped by tag. The generated
package runs against the scripted loopback server, and passes mypy --strict and ruff, with a
user's module that relies on the raw responses' and groups' types."""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from client_support import FakeClock, Reply, serving

from generator import Settings, generate
from generator.diagnostics import Diagnostic

HERE = Path(__file__).resolve().parent
JSON = {"Content-Type": "application/json"}
TODO = b'{"id": 7, "title": "milk", "done": false}'


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Diagnostic]]:
    out = tmp_path_factory.mktemp("todos")
    warnings, _ = generate(Settings(spec=HERE / "specs" / "todos.yaml", output=out,
                                    package="todo_client"))
    return out / "python", warnings


@pytest.fixture(scope="module")
def todo(generated: tuple[Path, list[Diagnostic]]) -> Any:
    sys.path.insert(0, str(generated[0]))
    try:
        return importlib.import_module("todo_client")
    finally:
        sys.path.remove(str(generated[0]))


def _client(todo: Any, url: str, **kw: Any) -> Any:
    kw.setdefault("token", "tok-SECRET")
    return todo.Client(base_url=url, clock=FakeClock(), **kw)


# -- §1 errors ---------------------------------------------------------------------------------

def test_a_404_says_what_the_server_said_at_the_real_url(todo: Any) -> None:
    body = {"code": "not_found", "message": "no todo 99"}
    with (
        serving([Reply(404, body, {"X-Request-Id": "r-1"})]) as server,
        _client(todo, server.url) as client,
        pytest.raises(todo.NotFoundError) as info,
    ):
        client.get_todo(99, verbose=True)
    error = info.value
    assert (error.operation, error.status_code, error.method) == ("getTodo", 404, "GET")
    assert error.url == f"{server.url}/todos/99?verbose=true"
    assert error.message == "no todo 99"
    assert error.model == todo.models.Error(code="not_found", message="no todo 99")
    assert error.code is None and error.details == []  # not a google.rpc.Status
    assert error.content == b'{"code": "not_found", "message": "no todo 99"}'
    assert error.headers["x-request-id"] == "r-1" and error.request_id == "r-1"
    assert str(error) == (f"getTodo: HTTP 404 from GET {server.url}/todos/99?verbose=true: "
                          "no todo 99 (request id r-1)")


ERROR_SHAPES = [
    # (operation, status, body, content type, message, model class or None)
    ("get", 404, {"message": "m", "error": "e"}, "application/json", "m", "Error"),
    ("get", 409, {"error": {"message": "taken", "type": "conflict"}}, "application/json",
     "taken", "Envelope"),
    # the declared field wins over a ``message`` the rule would try first at run time
    ("create", 422, {"title": "Unprocessable", "detail": "title is empty", "message": "no"},
     "application/problem+json", "title is empty", "Problem"),
    ("create", 422, {"title": "Unprocessable"}, "application/problem+json", "Unprocessable",
     "Problem"),
    ("delete", 503, {"errors": [{"message": "db down"}, {"message": "2nd"}]},
     "application/json", "db down", "ErrorList"),
    # undeclared: the runtime tries the rule's paths in order
    ("delete", 400, {"error_description": "bad grant", "detail": 1}, "application/json",
     "bad grant", None),
    ("delete", 400, {"error": "plain"}, "application/json", "plain", None),
    ("delete", 400, {"error": {"message": "nested"}, "title": "t"}, "application/json",
     "nested", None),
    ("delete", 400, {"errors": [], "detail": ""}, "application/json", "", None),
    ("delete", 400, b"oops\x00\n there", "text/plain", "oops there", None),
    ("delete", 400, b"\x89PNG", "application/octet-stream", "", None),
]


CALLS = {"get": ("getTodo", "GET", "/todos/1"), "create": ("createTodo", "POST", "/todos"),
         "delete": ("deleteTodo", "DELETE", "/todos/1")}


def _call(client: Any, which: str) -> Any:
    if which == "get":
        return client.get_todo(1)
    if which == "create":
        return client.create_todo(title="milk")
    return client.delete_todo(1, max_retries=0)


@pytest.mark.parametrize(("which", "status", "body", "kind", "message", "model"), ERROR_SHAPES)
def test_the_message_rule(
    todo: Any, which: str, status: int, body: Any, kind: str, message: str, model: str | None
) -> None:
    with (
        serving([Reply(status, body, {"Content-Type": kind})]) as server,
        _client(todo, server.url) as client,
        pytest.raises(todo.ApiStatusError) as info,
    ):
        _call(client, which)
    error = info.value
    assert error.message == message
    if model is None:
        assert error.model is None
    else:
        assert type(error.model) is getattr(todo.models, model)
    operation, method, path = CALLS[which]
    text = f"{operation}: HTTP {status} from {method} {server.url}{path}"
    assert str(error) == (f"{text}: {message}" if message else text)


TEXTS = ["bad \x01request", "line\n\tbreak\r\n", "  padded  ", "nbsp\u00a0and\u2028sep",
         "bom\ufeff kept", "c1\x85\x9f gone", "\x00" * 3, "\U0001f600" * 600,
         '\ufeffbom first', '\ufeff{"message": "json after a BOM"}',
         "a" * 499 + "\U0001f600b", "x" * 498 + "\n\ny", "",
         "null", " null\r\n", " \t\r\n ", "NaN", "-Infinity", "404"]
"""Texts whose message tells the rule's details apart (the TypeScript and Go tests use the
same list)."""


def test_a_text_error_body_is_read_by_the_shared_rule(todo: Any) -> None:
    """Each text body's message is :func:`generator.analysis.errors.text_body_message` of it
    (its text by ``text_message``; a body that is JSON, ``null`` too, read as JSON), as in
    TypeScript and Go; an SSE body gives none."""
    from generator.analysis.errors import text_body_message

    text = {"Content-Type": "text/plain; charset=utf-8"}
    script = [Reply(400, t.encode(), text) for t in TEXTS]
    script.append(Reply(400, b"data: x\n\n", {"Content-Type": "text/event-stream"}))
    found = []
    with serving(script) as server, _client(todo, server.url) as client:
        for _ in script:
            with pytest.raises(todo.ApiStatusError) as info:
                client.get_todo(1)
            found.append(info.value.message)
    assert found == [*(text_body_message(t) for t in TEXTS), ""]


def test_error_classes_by_status(todo: Any) -> None:
    script = [Reply(409, {}), Reply(503, {}), Reply(418, {})]
    with serving(script) as server, _client(todo, server.url) as client:
        for cls in (todo.ConflictError, todo.ServerError, todo.ApiStatusError):
            with pytest.raises(cls) as info:
                client.delete_todo(1, max_retries=0)
            assert type(info.value) is cls
            status = info.value.status_code
            assert str(info.value) == f"deleteTodo: HTTP {status} from DELETE {server.url}/todos/1"


def test_secrets_are_redacted_from_the_url(todo: Any) -> None:
    host = "127.0.0.1"
    with serving([Reply(400, {"message": "bad"})]) as server:
        url = server.url.replace(f"//{host}", f"//user:pw-SECRET@{host}")
        with (
            todo.Client(base_url=url, api_key="KEY-SECRET", clock=FakeClock()) as client,
            pytest.raises(todo.BadRequestError) as info,
        ):
            client.list_todos(limit=5, q="milk", access_token="TOKEN-SECRET")
    sent = server.requests[0].path
    assert "KEY-SECRET" in sent and "TOKEN-SECRET" in sent  # they were sent …
    error = info.value
    assert error.url == (f"http://{host}:{server.url.rsplit(':', 1)[1]}/todos?limit=5&q=milk"
                         "&access_token=REDACTED&k=REDACTED")  # … and are not shown
    for text in (str(error), repr(error), repr(vars(error))):
        assert "SECRET" not in text


@pytest.mark.parametrize(("url", "shown"), [
    ("https://u:p@h.example/x?sig=1&Api_Key=2&page=3&Design=4#f",
     "https://h.example/x?sig=REDACTED&Api_Key=REDACTED&page=3&Design=4#f"),
    ("https://h.example/a%20b?k=1&author=me&assignee=you&flag",
     "https://h.example/a%20b?k=REDACTED&author=me&assignee=you&flag"),
    ("https://h.example/?X-Amz-Signature=1&apiKey=2&APIKEY=3&accessToken=4&keyboard=5",
     ("https://h.example/?X-Amz-Signature=REDACTED&apiKey=REDACTED&APIKEY=REDACTED"
     "&accessToken=REDACTED&keyboard=5")),
    ("https://h.example", "https://h.example"),
])
def test_the_redaction_rule(todo: Any, url: str, shown: str) -> None:
    """A name is a secret by its whole words (``sig``, ``key``, ``signature``, ``token`` …),
    split at punctuation and lower-to-upper case: ``Design``, ``author``, ``assignee`` and
    ``keyboard`` are not (docs/client-contract.md §1)."""
    assert todo.errors.redact_url(url, ["k"]) == shown


def test_the_rule_is_the_shared_analysis_data(todo: Any) -> None:
    from generator.analysis.errors import MESSAGE_PATHS, SECRET_WORDS

    assert todo.errors.MESSAGE_PATHS == MESSAGE_PATHS
    assert todo.errors._SECRET_WORDS == frozenset(SECRET_WORDS)


# -- §2 raw responses and typed headers --------------------------------------------------------

LIST_HEADERS = {**JSON, "X-Rate-Limit-Remaining": "41", "X-Request-Cost": "cheap",
                "X-Flags": "1, 2,3", "X-Live": "true"}


def test_raw_response_with_typed_headers(todo: Any) -> None:
    with (
        serving([Reply(200, b"[" + TODO + b"]", LIST_HEADERS)]) as server,
        _client(todo, server.url) as client,
    ):
        raw = client.with_raw_response.list_todos(limit=1)
    assert isinstance(raw, todo.ApiResponse)
    assert raw.status_code == 200 and raw.headers["x-live"] == "true"
    assert raw.http_response.request.url.params["limit"] == "1"
    assert raw.data == [todo.models.Todo(id=7, title="milk", done=False)]
    headers = raw.typed_headers
    assert isinstance(headers, todo.response_headers.ListTodosResponseHeaders)
    assert headers.x_rate_limit_remaining == 41 and headers.x_live is True
    assert headers.x_request_cost == "cheap"  # does not parse as a number: kept as text
    assert headers.x_flags == [1, 2, 3]
    # the $ref to components/headers is followed; Content-Type is not a declared header
    fields = [f.name for f in dataclasses.fields(headers)]
    assert fields == ["x_rate_limit_remaining", "x_request_cost", "x_flags", "x_live"]


def test_headers_that_do_not_parse_or_are_absent(todo: Any) -> None:
    odd = {**JSON, "X-Rate-Limit-Remaining": "many", "X-Flags": "1,x", "X-Live": "maybe",
           "X-Request-Cost": "2.5"}
    script = [Reply(200, b"[]", odd), Reply(200, b"[]", JSON)]
    with serving(script) as server, _client(todo, server.url) as client:
        first = client.with_raw_response.list_todos().typed_headers
        second = client.with_raw_response.list_todos().typed_headers
    assert (first.x_rate_limit_remaining, first.x_flags, first.x_live, first.x_request_cost) \
        == ("many", "1,x", "maybe", 2.5)
    assert second == todo.response_headers.ListTodosResponseHeaders()  # every field None


def test_raw_response_of_every_operation(todo: Any) -> None:
    created = {**JSON, "Location": "/todos/7"}
    script = [Reply(201, TODO, created), Reply(200, TODO, JSON), Reply(204)]
    with serving(script) as server, _client(todo, server.url) as client:
        made = client.with_raw_response.create_todo(title="milk")
        got = client.with_raw_response.get_todo(7)
        gone = client.with_raw_response.delete_todo(7)
    assert made.status_code == 201 and made.typed_headers.location == "/todos/7"
    assert made.data.title == "milk" and got.data.id == 7
    assert got.typed_headers is None  # getTodo declares no header
    assert (gone.status_code, gone.data, gone.typed_headers) == (204, None, None)


def test_raw_response_still_raises_status_errors(todo: Any) -> None:
    with (
        serving([Reply(404, {"message": "no todo 3"})]) as server,
        _client(todo, server.url) as client,
        pytest.raises(todo.NotFoundError, match="no todo 3"),
    ):
        client.with_raw_response.get_todo(3)


def test_raw_responses_async(todo: Any) -> None:
    async def run(url: str) -> tuple[Any, Any, Any]:
        async with todo.AsyncClient(base_url=url, token="t", clock=FakeClock()) as client:
            listed = await client.with_raw_response.list_todos()
            grouped = await client.todos.with_raw_response.create_todo(title="milk")
            plain = await client.todos.list_todos()
            return listed, grouped, plain

    script = [Reply(200, b"[]", LIST_HEADERS), Reply(201, TODO, {**JSON, "Location": "/t/7"}),
              Reply(200, b"[" + TODO + b"]", JSON)]
    with serving(script) as server:
        listed, grouped, plain = asyncio.run(run(server.url))
    assert listed.data == [] and listed.typed_headers.x_rate_limit_remaining == 41
    assert grouped.status_code == 201 and grouped.typed_headers.location == "/t/7"
    assert plain[0].title == "milk"
    assert [r.method for r in server.requests] == ["GET", "POST", "GET"]


LAZY = """
import sys, todo_client
client = todo_client.AsyncClient(base_url="http://127.0.0.1:9")
client.with_raw_response, client.todos.with_raw_response, client.close_
loaded = sorted(m for m in sys.modules if m.startswith("todo_client."))
assert "todo_client.response_headers" not in loaded and "todo_client.validators" not in loaded
assert not [m for m in loaded if m.startswith("todo_client.models.")], loaded
"""


def test_raw_responses_and_groups_load_nothing_until_called(
    generated: tuple[Path, list[Diagnostic]]
) -> None:
    """The typed headers' module loads on the first call that returns some (GitHub declares
    headers on 242 operations: a module of as many dataclasses)."""
    done = subprocess.run([sys.executable, "-c", LAZY], cwd=generated[0], check=False,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# -- §3 groups ---------------------------------------------------------------------------------

def test_groups_and_flat_names(todo: Any) -> None:
    script = [Reply(200, b"[]", JSON), Reply(200, TODO, JSON), Reply(204),
              Reply(200, TODO, {**JSON})]
    with serving(script) as server, _client(todo, server.url) as client:
        assert client.todos.list_todos() == []
        assert client.todos_2.get_todo(7).id == 7  # tag "Todos": "todos" is taken
        assert client.close_.delete_todo(7) is None  # tag "close": a client method
        assert client.todos_2.with_raw_response.get_todo(7).status_code == 200
        assert client.todos is client.todos  # made once, on first use
        assert not hasattr(client.todos, "get_todo")  # a group holds its tag's operations
    assert [r.path for r in server.requests] == ["/todos", "/todos/7", "/todos/7", "/todos/7"]
    assert callable(todo.Client.close) and todo.Client.close.__qualname__ == "SyncClient.close"


def test_groups_async(todo: Any) -> None:
    async def run(url: str) -> Any:
        async with todo.AsyncClient(base_url=url, token="t", clock=FakeClock()) as client:
            await client.close_.delete_todo(1)
            return await client.todos_2.get_todo(7)

    with serving([Reply(204), Reply(200, TODO, JSON)]) as server:
        assert asyncio.run(run(server.url)).title == "milk"
    assert [r.method for r in server.requests] == ["DELETE", "GET"]


def test_renamed_groups_are_reported(generated: tuple[Path, list[Diagnostic]]) -> None:
    found = [(w.code, w.location.pointer) for w in generated[1] if w.code == "W502"]
    assert found == [("W502", "/paths/~1todos~1{todoId}/get/tags/0"),
                     ("W502", "/paths/~1todos~1{todoId}/delete/tags/0")]


# -- the package is typed: what a user writes type-checks, and a wrong call does not -----------

USER = '''
from __future__ import annotations

import asyncio

from todo_client import ApiResponse, AsyncClient, Client
from todo_client.models import Todo
from todo_client.response_headers import ListTodosResponseHeaders


def use(client: Client) -> int | str | None:
    raw: ApiResponse[list[Todo], ListTodosResponseHeaders] = (
        client.with_raw_response.list_todos(limit=1))
    nothing: ApiResponse[Todo, None] = client.todos_2.with_raw_response.get_todo(1)
    todo: Todo = client.todos.create_todo(title="milk")
    print(nothing.data, todo)
    return raw.typed_headers.x_rate_limit_remaining


async def use_async(client: AsyncClient) -> list[Todo]:
    raw = await client.todos.with_raw_response.list_todos()
    flags: list[int] | str | None = raw.typed_headers.x_flags
    print(flags)
    return raw.data


asyncio.run(use_async(AsyncClient()))
'''


def _mypy(root: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental",
                           "--python-version", "3.10", *targets], cwd=root, check=False,
                          capture_output=True, text=True)


def test_generated_todo_package_and_its_user_type_check(
    generated: tuple[Path, list[Diagnostic]]
) -> None:
    root = generated[0]
    (root / "user_code.py").write_text(USER, encoding="utf-8")
    (root / "user_wrong.py").write_text(
        "from todo_client import Client\n\n"
        "Client().with_raw_response.list_todos(limit='1')\n"
        "Client().todos.get_todo(1)\n", encoding="utf-8")
    try:
        done = _mypy(root, "todo_client", "user_code.py")
        assert done.returncode == 0, done.stdout + done.stderr
        wrong = _mypy(root, "user_wrong.py")
        assert 'user_wrong.py:3: error: Argument "limit" has incompatible type "str"' \
            in wrong.stdout, wrong.stdout
        assert '"TodosGroup" has no attribute "get_todo"' in wrong.stdout, wrong.stdout
        ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--select",
                               "E,F,W,I,B,UP", "--target-version", "py310", "--line-length",
                               "100", "todo_client"], cwd=root, check=False,
                              capture_output=True, text=True)
        assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    finally:
        (root / "user_code.py").unlink()
        (root / "user_wrong.py").unlink()


CLASHES = """
openapi: 3.1.0
info: {title: Clash, version: "1"}
paths:
  /a: {get: {operationId: listModels, tags: [Models], responses: {'204': {description: x}}}}
  /b: {get: {operationId: b, tags: [functools], responses: {'204': {description: x}}}}
  /c: {get: {operationId: c, tags: [todo items], responses: {'204': {description: x}}}}
  /d: {get: {operationId: d, tags: [Todo-Items], responses: {'204': {description: x}}}}
  /e: {get: {operationId: e, tags: [list models], responses: {'204': {description: x}}}}
  /f: {get: {operationId: f, tags: [class], responses: {'204': {description: x}}}}
"""


def test_group_names_never_shadow_what_the_client_class_uses(tmp_path: Path) -> None:
    """A group named ``models`` would shadow the models module in every annotation of the
    class after it (mypy reads them in the class scope; OpenAI has a tag ``Models``), one named
    ``functools`` the decorator of the groups after it; a tag may name a method, a keyword, or
    another tag's group in Python casing."""
    (tmp_path / "clash.yaml").write_text(CLASHES, encoding="utf-8")
    warnings, _ = generate(Settings(spec=tmp_path / "clash.yaml", output=tmp_path / "out",
                                    package="clash"))
    renamed = [w.message.split(" is ")[1].split(":")[0] for w in warnings if w.code == "W502"]
    assert renamed == ["'models_'", "'functools_'", "'todo_items_2'", "'list_models_'",
                       "'class_'"]
    root = tmp_path / "out" / "python"
    done = _mypy(root, "clash")
    assert done.returncode == 0, done.stdout + done.stderr
    probe = ("import clash; c = clash.Client(base_url='http://127.0.0.1:9'); "
             "assert c.models_.list_models.__func__ is clash.Client.list_models; "
             "assert c.todo_items_2.d and c.class_.f and c.functools_.b")
    run = subprocess.run([sys.executable, "-c", probe], cwd=root, check=False,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_a_base_url_with_userinfo_is_never_printed(todo: Any) -> None:
    """httpx sends a URL's userinfo as basic auth: it is a credential, so neither the client's
    ``repr`` nor its config's shows it."""
    client = todo.Client(base_url="https://user:PASSWORD-SECRET@h.example/v1", token="t")
    try:
        shown = [repr(client), repr(client._config)]
    finally:
        client.close()
    assert "PASSWORD-SECRET" not in "".join(shown)
    assert "https://h.example/v1" in shown[0]
