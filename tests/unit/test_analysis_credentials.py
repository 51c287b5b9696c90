"""One rule names the clients' credentials and environment variables in every language
(``generator/analysis/credentials.py``): the prefix from ``env_prefix``, else the top-level
``package``, else ``info.title``; never one language's package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import produce
from generator.analysis.credentials import credentials, env_prefix, env_prefix_problem
from generator.build import build
from generator.load.loader import load
from generator.settings import Settings
from generator.write import text_of

SPEC = """\
openapi: 3.1.0
info: {title: Acme Store, version: "1"}
servers: [{url: "https://api.example.test"}]
security: [{bearerAuth: []}]
paths:
  /ping:
    get:
      operationId: ping
      responses: {"204": {description: ok}}
components:
  securitySchemes:
    bearerAuth: {type: http, scheme: bearer}
    oauth: {type: oauth2, flows: {clientCredentials: {tokenUrl: "https://t.example", scopes: {}}}}
    apiKeyHeader: {type: apiKey, in: header, name: X-Key}
    query_key: {type: apiKey, in: query, name: key}
    basic: {type: http, scheme: basic}
"""
ENV = {"ACME_STORE_BEARER_AUTH_TOKEN", "ACME_STORE_OAUTH_TOKEN", "ACME_STORE_API_KEY_HEADER",
       "ACME_STORE_QUERY_KEY", "ACME_STORE_BASE_URL"}


@pytest.mark.parametrize(("configured", "name", "title", "expected"), [
    ("ACME_V2", "acme_client", "Acme API", "ACME_V2"),  # the setting, as it is
    ("", "acme_client", "Acme API", "ACME_CLIENT"),  # the top-level package's words
    ("", "@acme/sdk-js", "Acme API", "ACME_SDK_JS"),
    ("", "", "TAMS API — job credits", "TAMS_API_JOB_CREDITS"),  # else the title's
    ("", "", "3D Models", "API_3_D_MODELS"),  # a variable name starts with a letter
    ("", "", "—", "API"),
])
def test_the_prefix(configured: str, name: str, title: str, expected: str) -> None:
    assert env_prefix(configured, name, title) == expected


@pytest.mark.parametrize(("value", "ok"), [
    ("ACME", True), ("ACME_API_2", True), ("", True), ("acme", False), ("ACME__API", False),
    ("_ACME", False), ("ACME_", False), ("2ACME", False), ("ACME-API", False), (3, False),
])
def test_a_prefix_setting_is_checked(value: object, ok: bool) -> None:
    assert (env_prefix_problem(value) is None) is ok


def test_each_credential_is_named_by_its_scheme_when_there_are_several(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    api, _ = build(load(spec))
    found = [(c.scheme.name, c.kind, c.words, c.single, c.env)
             for c in credentials(api, "ACME_STORE")]
    assert found == [
        ("bearerAuth", "bearer", ("bearer", "Auth", "token"), False, "ACME_STORE_BEARER_AUTH_TOKEN"),
        ("oauth", "bearer", ("oauth", "token"), False, "ACME_STORE_OAUTH_TOKEN"),
        ("apiKeyHeader", "header", ("api", "Key", "Header"), False, "ACME_STORE_API_KEY_HEADER"),
        ("query_key", "query", ("query", "key"), False, "ACME_STORE_QUERY_KEY"),
    ]  # basic has no credential: an auth hook serves it


_READ = {  # where each client names its environment variables
    "python/acme_sdk/client.py": r'"([A-Z0-9_]+)"',
    "typescript/acme-sdk/src/config.ts": r'(?:env|baseUrlEnv): "([A-Z0-9_]+)"',
    "go/client.go": r'"([A-Z][A-Z0-9_]+)",',
}


def _variables(tmp_path: Path, **settings: str) -> dict[str, set[str]]:
    spec = tmp_path / "s.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    files = produce(Settings(spec=spec, output=Path("unused"),
                             targets=("python", "typescript", "go"),
                             options={"python": {"package": "acme_sdk"},
                                      "typescript": {"package": "acme-sdk"},
                                      "go": {"module": "example.com/acme/gosdk"}},
                             **settings)).files
    found = {}
    for rel, pattern in _READ.items():
        text = text_of(files[rel])
        block = text[text.index("env"):] if rel.endswith(".py") else text
        found[rel] = {v for v in re.findall(pattern, block) if v.startswith("ACME")}
    return found


def test_the_three_clients_read_the_same_variables(tmp_path: Path) -> None:
    """Each target's own package name (``acme_sdk``, ``acme-sdk``, ``gosdk``) plays no part:
    the title names them, or the ``env_prefix`` setting."""
    found = _variables(tmp_path)
    assert all(names == ENV for names in found.values()), found
    renamed = _variables(tmp_path, env_prefix="ACME")
    expected = {name.replace("ACME_STORE", "ACME") for name in ENV}
    assert all(names == expected for names in renamed.values()), renamed


_CLASHING = """\
openapi: 3.1.0
info: {title: Clash, version: "1"}
servers: [{url: "https://api.example.test"}]
security: [{api-key: []}]
paths:
  /ping:
    get:
      operationId: ping
      responses: {"204": {description: ok}}
components:
  securitySchemes:
    api-key: {type: apiKey, in: header, name: X-Key}
    apiKey: {type: apiKey, in: query, name: key}
    base_url: {type: apiKey, in: cookie, name: u}
"""


def test_schemes_whose_words_agree_get_distinct_names_in_every_client(tmp_path: Path) -> None:
    """``api-key`` and ``apiKey`` have the same words, and a scheme named ``base_url`` the base
    URL's variable: each later one is numbered (``CK_API_KEY_2``), so no two credentials, nor a
    credential and the base URL, read one variable, and Python's constructor generates."""
    spec = tmp_path / "s.yaml"
    spec.write_text(_CLASHING, encoding="utf-8")
    api, _ = build(load(spec))
    assert [c.env for c in credentials(api, "CK")] == ["CK_API_KEY", "CK_API_KEY_2",
                                                       "CK_BASE_URL_2"]
    files = produce(Settings(spec=spec, output=Path("unused"), env_prefix="CK",
                             targets=("python", "typescript", "go"),
                             options={"python": {"package": "ck"},
                                      "typescript": {"package": "ck"},
                                      "go": {"module": "example.com/ck"}})).files
    for rel in ("python/ck/client.py", "typescript/ck/src/config.ts", "go/client.go"):
        text = text_of(files[rel])
        assert all(name in text for name in ("CK_API_KEY_2", "CK_BASE_URL_2")), rel
    compile(text_of(files["python/ck/client.py"]), "client.py", "exec")
