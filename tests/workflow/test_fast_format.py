"""The fast format path: ``ruff format`` gives black's bytes, and black in parallel gives the
same bytes as black in one process.

specgen emits code on which the two formatters agree (docstring quotes, conditional parentheses
and string pieces are placed where black would put them), so ``formatter = "ruff"`` is only a
speed choice. This is proved on the raw render of every golden case and of ``spec/credits.yaml``,
on ``generated/`` and on every golden's expected tree (no file changes under ruff). ruff is in the
test extra, so nothing here is skipped. ``bench/formatters.py`` runs the same comparison on the
real-world specs (Stripe, OpenAI, GitHub).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from golden_cases import expected_files
from specgen_testing import REPO
from workflow_support import PETS, raw_render, run, tree

from generator import cli
from generator.format import FormatFailure
from generator.targets.python.format import format_tree
from generator.targets.python.format import ruff as ruff_format

CASES = REPO / "tests" / "cases"
SPECS = sorted(CASES.glob("*/spec.yaml")) + [REPO / "spec" / "credits.yaml"]


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.parent.name)
def test_ruff_formats_the_raw_render_to_blacks_bytes(
    spec: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = raw_render(spec, monkeypatch)
    black_out = format_tree(raw, workers=1)
    ruff_out = format_tree(raw, formatter="ruff")
    assert [p for p in raw if ruff_out[p] != black_out[p]] == []
    assert ruff_out == black_out


def _python_files(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*.py")) if ".specgen-cache" not in p.parts}


@pytest.mark.parametrize("folder", [REPO / "generated", *sorted(CASES.glob("*/expected"))],
                         ids=lambda p: p.parent.name)
def test_ruff_leaves_committed_output_unchanged(folder: Path) -> None:
    files = _python_files(folder)
    assert files
    formatted = format_tree(files, formatter="ruff")
    assert [p for p in files if formatted[p] != files[p]] == []


def test_parallel_black_gives_the_same_bytes_as_sequential(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = raw_render(REPO / "spec" / "credits.yaml", monkeypatch)
    sequential = format_tree(raw, workers=1)
    assert format_tree(raw, workers=2) == sequential
    assert format_tree(raw, formatter="ruff", workers=2) == sequential


@pytest.fixture
def tiny_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    """ruff gets every block as a piece of its own and every piece as a batch of its own: the
    cuts, the batches sent while files are still coming (parsed back in fresh interpreters)
    and the fallback to whole modules all happen on small inputs."""
    monkeypatch.setattr(ruff_format, "_PIECE_LINES", 1)
    monkeypatch.setattr(ruff_format, "_BATCH_LINES", 1)


@pytest.mark.usefixtures("tiny_pieces")
def test_ruff_in_tiny_pieces_gives_blacks_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = raw_render(REPO / "spec" / "credits.yaml", monkeypatch)
    assert format_tree(raw, formatter="ruff") == format_tree(raw, workers=1)


@pytest.mark.usefixtures("tiny_pieces")
def test_a_cut_inside_a_string_makes_ruff_format_the_module_whole() -> None:
    source = 'class A:\n  x = 1\n\n\nX = """\n\n\nclass NotAClass:\n"""\n\n\nclass B:\n  pass\n'
    files = {"python/p/m.py": source, "python/p/n.py": "class C:\n  pass\n\n\nclass D:\n  y=2\n"}
    assert format_tree(files, formatter="ruff") == format_tree(files, workers=1)
    assert format_tree(files, workers=2) == format_tree(files, workers=1)  # black's workers too


def test_generate_with_ruff_writes_the_golden_tree(tmp_path: Path) -> None:
    case = "oneof_discriminator"
    done = run("generate", "--spec", str(CASES / case / "spec.yaml"), "--output", "out",
               "--package", f"{case}_api", "--formatter", "ruff", "--no-cache", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = tree(tmp_path / "out")
    written.pop(".specgen-manifest.json")  # the writer's record, not part of the golden tree
    written.pop("python/.specgen-format.json")  # the format manifest, not kept in goldens
    assert written == {rel: text.encode() for rel, text in expected_files(case).items()
                       if rel.startswith("python/")}  # the golden's other targets are not asked


def test_ruff_falls_back_to_whole_files_when_a_cut_lands_in_a_string() -> None:
    source = 'X = """\n\nclass NotAClass:\n"""\n\n\nclass A:\n  pass\n'
    files = {"python/p/m.py": source}
    assert format_tree(files, formatter="ruff") == format_tree(files)


@pytest.mark.parametrize("tiny", [False, True], ids=["whole", "tiny-pieces"])
def test_a_module_ruff_cannot_format_is_a_format_failure(
    tiny: bool, request: pytest.FixtureRequest
) -> None:
    if tiny:
        request.getfixturevalue("tiny_pieces")
    source = "class A:\n  x = 1\n\n\nclass B:\n  x = (\n"
    files = {"python/p/a.py": "a = 1\n", "python/p/m.py": source, "python/p/z.py": "z = 1\n"}
    with pytest.raises(FormatFailure) as info:
        format_tree(files, formatter="ruff")
    assert info.value.path == "python/p/m.py" and info.value.source == source


@pytest.mark.parametrize(("formatter", "workers", "tiny"),
                         [("ruff", 1, False), ("ruff", 2, False), ("ruff", None, True),
                          ("black", 1, False), ("black", 2, False)])
def test_output_that_formats_but_does_not_compile_is_a_format_failure(
    formatter: str, workers: int | None, tiny: bool, request: pytest.FixtureRequest
) -> None:
    """The parse-back compiles: ``return`` outside a function parses (``ast.parse``), and both
    formatters format it, but it cannot run. In tiny pieces the module is cut in two and
    parsed back in a fresh interpreter, then formatted whole, and fails again."""
    if tiny:
        request.getfixturevalue("tiny_pieces")
    source = "class A:\n    pass\n\n\ndef f():\n    pass\n\n\nreturn 1\n"
    with pytest.raises(FormatFailure) as info:
        format_tree({"python/p/m.py": source}, formatter=formatter, workers=workers)
    assert info.value.path == "python/p/m.py" and "'return' outside function" in str(info.value)
    assert formatter == "black" or info.value.source == source


def _pets_project(root: Path, table: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "pets.yaml").write_text(PETS, encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[tool.specgen]\nspec = "pets.yaml"\noutput = "sdk"\n' + table, encoding="utf-8")
    return root


def test_the_formatter_key_selects_ruff(tmp_path: Path) -> None:
    ruff_root = _pets_project(tmp_path / "ruff", 'formatter = "ruff"\n')
    black_root = _pets_project(tmp_path / "black", 'formatter = "black"\n')
    for root in (ruff_root, black_root):
        done = run("generate", "--no-cache", cwd=root)
        assert done.returncode == 0, done.stderr
    assert tree(ruff_root / "sdk") == tree(black_root / "sdk")


@pytest.mark.parametrize(("table", "expected"), [
    ('formatter = "rust"\n', ("pyproject.toml:4:1: E001 #/tool/specgen/formatter: unknown "
                              "formatter 'rust'; known: black, ruff")),
    ("  formatter = 3\n", ("pyproject.toml:4:3: E001 #/tool/specgen/formatter: formatter must "
                           "be a string")),
])
def test_bad_formatter_values_are_errors_at_their_place(
    tmp_path: Path, table: str, expected: str
) -> None:
    done = run("generate", cwd=_pets_project(tmp_path, table))
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == expected
    assert not (tmp_path / "sdk").exists()


def test_an_unknown_formatter_flag_is_a_usage_error(tmp_path: Path) -> None:
    done = run("generate", "--formatter", "rust", cwd=_pets_project(tmp_path, ""))
    assert done.returncode == 2 and "invalid choice: 'rust'" in done.stderr


def test_missing_ruff_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_ruff(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setattr(ruff_format, "import_module", no_ruff)
    monkeypatch.chdir(_pets_project(tmp_path, 'formatter = "ruff"\n'))
    assert cli.main(["generate", "-q"]) == 2
    assert "pip install 'specgen[fast]'" in capsys.readouterr().err
    assert not (tmp_path / "sdk").exists()


def test_emitter_shapes_where_black_and_ruff_would_differ() -> None:
    """The constructs the big specs showed (none is in a golden case): an ``if a and f(x):``
    whose head is exactly 88 columns, and a long union annotation of a parameter."""
    from generator.targets.python.client_signature import parameter
    from generator.targets.python.validator_lines import function

    long_if = "if v1 is not _MISSING and not is_valid_payment_method_details_card_wallet_apple_pay(v1):"
    source = function(["def f(v0: Any) -> bool:"], ["v1 = v0", long_if, "    return False",
                                                     "return True"]) + "\n"
    assert "    if v1 is not _MISSING:\n        if not is_valid" in source
    name = "initiating_payment_method_details"
    union = "PostTestHelpersTreasuryReceivedCreditsBodyInitiatin_4eaf7e59 | None"
    source += "\n\ndef g(\n    *,\n    " + parameter(name, union, None, 4) + ",\n) -> None:\n    pass\n"
    source += "\n\ndef h(\n    *,\n    " + parameter(name, union, "None", 4) + ",\n) -> None:\n    pass\n"
    assert f"{name}: ({union})" in source
    files = {"python/p/m.py": source}
    assert format_tree(files, formatter="ruff") == format_tree(files, workers=1)


_NO_ARGUMENTS = """\
openapi: 3.0.3
info: {title: Shapes, version: "1.0"}
paths:
  /codes_of_conduct:
    get:
      operationId: codes-of-conduct/get-all-codes-of-conduct
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: array, items: {$ref: "#/components/schemas/CodeOfConduct"}}
  /user:
    get:
      operationId: users/get-authenticated-user-of-this-installation
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                oneOf:
                  - $ref: "#/components/schemas/PrivateUserOfThisInstallation"
                  - $ref: "#/components/schemas/PublicUserOfThisInstallation"
components:
  schemas:
    CodeOfConduct: {type: object, properties: {key: {type: string}}}
    PrivateUserOfThisInstallation: {type: object, properties: {plan: {type: string}}}
    PublicUserOfThisInstallation: {type: object, properties: {login: {type: string}}}
"""


def test_a_long_builder_without_arguments_names_its_return_type(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GitHub's sixth shape: ``def name() -> _http.Call[...]:`` past 88 columns is split by
    black around the annotation (in parentheses) and by ruff inside ``Call[...]``; an alias
    (under ``TYPE_CHECKING``, so no model loads with the client) has no brackets to split."""
    spec = tmp_path / "shapes.yaml"
    spec.write_text(_NO_ARGUMENTS, encoding="utf-8")
    raw = raw_render(spec, monkeypatch)
    client = format_tree(raw, workers=1)["python/case_api/client.py"]
    assert "from typing import TYPE_CHECKING, Any, TypeAlias\n" in client
    assert ("if TYPE_CHECKING:\n    _CodesOfConductGetAllCodesOfConductCall: TypeAlias = "
            "_http.Call[\n        list[models.CodeOfConduct]\n    ]\n") in client
    assert ("def _users_get_authenticated_user_of_this_installation() -> (\n"
            "    _UsersGetAuthenticatedUserOfThisInstallationCall\n):\n") in client
    assert format_tree(raw, formatter="ruff") == format_tree(raw, workers=1)


_NULLABLE_AND_QUOTED = """\
openapi: 3.1.0
info: {title: Shapes, version: "1.0"}
paths: {}
components:
  schemas:
    IssueEvent:
      description: The event, as GitHub calls it "an issue event"
      type: object
      required: [performed_via_github_app, created_at]
      properties:
        performed_via_github_app:
          oneOf: [{$ref: "#/components/schemas/GithubApp"}, {type: "null"}]
        created_at: {type: [string, "null"], format: date-time}
    GithubApp: {type: object, properties: {id: {type: integer}}}
"""


def test_long_nullable_entries_and_a_final_quote_format_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shapes found on OpenAI's and GitHub's models: a required nullable field's ``to_dict``
    entry too long for its line (black parenthesises the conditional, ruff does not: it is
    emitted in parentheses), and a docstring whose text ends with a quote (black pads an
    escaped final quote with a space, ruff does not: it is emitted as ``\\x22``)."""
    from generator.targets.python import models

    spec = tmp_path / "shapes.yaml"
    spec.write_text(_NULLABLE_AND_QUOTED, encoding="utf-8")
    # the methods written in the class (as a class on a reference cycle has them), not the
    # runtime's (``_runtime._Model``)
    monkeypatch.setattr(models, "_shaped", lambda *_: None)
    raw = raw_render(spec, monkeypatch)
    formatted = format_tree(raw, workers=1)
    model = formatted["python/case_api/models/issue_event.py"]
    assert ('            "performed_via_github_app": (\n                None\n'
            "                if self.performed_via_github_app is None\n") in model
    assert '"""The event, as GitHub calls it "an issue event\\x22"""' in model
    tree = ast.parse(model)
    event = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "IssueEvent")
    assert ast.get_docstring(event) == 'The event, as GitHub calls it "an issue event"'
    assert format_tree(raw, formatter="ruff") == formatted


def test_a_long_if_with_a_string_literal_is_split_alike() -> None:
    """OpenAI's shape: ``if t == "X" and not is_valid_x(v):`` whose head is exactly 88
    columns, with a discriminator value in it; its brackets and `` and `` are not code."""
    from generator.targets.python.validator_lines import function

    value = "Input and (Text] Content, version 12"
    long_if = f'if t2 == "{value}" and not is_valid_input_text_content(v2):'
    assert 4 + long_if.index("(v2)") + 1 == 88  # the head up to the bracket, indented once
    source = function(["def f(v0: Any, v2: Any) -> bool:"],
                      ["t2 = v0", long_if, "    return False", "return True"]) + "\n"
    assert f'    if t2 == "{value}":\n        if not is_valid_input_text_content(v2):' in source
    files = {"python/p/m.py": source}
    assert format_tree(files, formatter="ruff") == format_tree(files, workers=1)


@pytest.mark.parametrize("keyword", ["if", "elif"])
def test_a_long_if_in_a_chain_ends_without_a_bracket(keyword: str) -> None:
    """OpenAI's shape again, where the ``if`` (or an ``elif``) is part of a chain and cannot be
    nested: ``not f(x)`` becomes ``f(x) is False``, so neither formatter splits at a bracket."""
    from generator.targets.python.validator_lines import function

    value = "Input and (Text] Content, version 12"[: 38 - len(keyword)]  # the head ends at 88
    long_if = f'{keyword} t2 == "{value}" and not is_valid_input_text_content(v2):'
    assert 4 + long_if.index("(v2)") + 1 == 88
    chain = ['if t2 == "A":', "    pass"] if keyword == "elif" else []
    body = ["t2 = v0", *chain, long_if, "    return False", 'elif t2 == "B":', "    pass",
            "else:", "    return False", "return True"]
    source = function(["def f(v0: Any, v2: Any) -> bool:"], body) + "\n"
    assert "and is_valid_input_text_content(v2) is False:\n" in source
    files = {"python/p/m.py": source}
    assert format_tree(files, formatter="ruff") == format_tree(files, workers=1)


_TWO_MEDIA = """\
openapi: 3.1.0
info: {title: Shapes, version: "1.0"}
paths:
  /audio/translations/with/a/long/path:
    post:
      operationId: createTranslationOfTheUploadedAudio
      requestBody:
        content:
          multipart/form-data:
            schema: {$ref: "#/components/schemas/CreateTranscriptionRequest"}
          application/sdp:
            schema: {type: string}
      responses:
        "204": {description: done}
  /audio/transcriptions/with/a/long/path:
    post:
      operationId: createTranscriptionOfTheUploadedAudio
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema: {$ref: "#/components/schemas/CreateTranscriptionRequest"}
          application/sdp:
            schema: {type: string}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: "#/components/schemas/MessageContentImageFileObject"}
components:
  schemas:
    CreateTranscriptionRequest:
      type: object
      properties: {file: {type: string}}
    MessageContentImageFileObject:
      type: object
      properties:
        detail: {$ref: "#/components/schemas/MessageContentImageFileObjectImageFileDetail"}
    MessageContentImageFileObjectImageFileDetail:
      type: string
      enum: [auto, low, high]
"""


def test_openai_shapes_format_alike(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenAI's shapes: a body of two media types, whose ``body=`` is a conditional expression
    (in another, when the body is optional) black parenthesises when it splits it (the emitter
    writes the parentheses); a parameter's union ``str | list[…]`` whose bracket holds more
    than a line;
    and a property check ``if (v1 := …) is not _MISSING and not is_valid_…(v1):`` too long
    for the page, which black splits at its first bracket and ruff around the whole condition
    (the emitter binds ``v1`` on the line before)."""
    spec = tmp_path / "shapes.yaml"
    spec.write_text(_TWO_MEDIA, encoding="utf-8")
    raw = raw_render(spec, monkeypatch)
    black = format_tree(raw, workers=1)
    assert "        body=(\n            body.body(" in black["python/case_api/client.py"]
    from generator.targets.python.validator_lines import function

    long_if = ('if (v1 := v0.get("detail", _MISSING)) is not _MISSING and not '
               "is_valid_message_content_image_file_object_image_file_detail(v1):")
    source = function(["def f(v0: Any, e: list[Any]) -> None:"],
                      [long_if, "    e.append(v1)"]) + "\n"
    assert '    v1 = v0.get("detail", _MISSING)\n    if v1 is not _MISSING and not is_valid' \
        in source
    from generator.targets.python.client_signature import parameter

    union = ("str | list[models.MessageContentImageFileObject | models.MessageContentImageUrlObject"
             " | models.MessageRequestContentTextObject | dict[str, Any]]")
    source += "\n\ndef g(\n    *,\n    " + parameter("content", union, None, 4) + ",\n) -> None:\n"
    source += "    pass\n"
    assert f"content: ({union})" in source
    files = {**raw, "python/p/m.py": source}
    assert format_tree(files, formatter="ruff") == format_tree(files, workers=1)


def test_no_template_docstring_closes_past_the_page() -> None:
    """A docstring whose last line, closing quotes included, passes 88 columns: black moves the
    quotes to a line of their own, ruff does not (twice a runtime template broke every SDK's
    black/ruff agreement this way)."""
    long = [f"{path.name}:{number}"
            for path in sorted((REPO / "templates" / "python").glob("*.jinja"))
            for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
            if line.rstrip().endswith('"""') and not line.strip().startswith('"""')
            and "{{" not in line and len(line) > 88]
    assert long == []
