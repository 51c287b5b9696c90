"""Every Python example of the generated README runs, in order, against a loopback server that
checks the TAMS-SHA256-RSA signature the README's httpx.Auth computes."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pytest
from client_support import CREDITS_OK, Seen, serving
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from specgen_testing import GENERATED_PY

README = GENERATED_PY / "README.md"


def _blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)


def _verify(seen: Seen, public_key: rsa.RSAPublicKey) -> dict[str, str]:
    scheme, _, rest = seen.headers["Authorization"].partition(" ")
    assert scheme == "TAMS-SHA256-RSA"
    fields = dict(part.split("=", 1) for part in rest.split(","))
    assert fields.keys() == {"app_id", "nonce_str", "timestamp", "signature"}
    head = f"{seen.method}\n{seen.path}\n{fields['timestamp']}\n{fields['nonce_str']}\n"
    public_key.verify(base64.b64decode(fields["signature"]), head.encode() + seen.body,
                      padding.PKCS1v15(), hashes.SHA256())
    return fields


def test_readme_has_the_promised_sections() -> None:
    text = README.read_text(encoding="utf-8")
    for heading in ("## Install", "## Authentication", "## Base URL",
                    "## A first call of each operation", "## Errors", "## Retries and timeouts"):
        assert heading in text
    assert "TAMS_CREDITS_TOKEN" in text and "TAMS-SHA256-RSA" in text
    assert len(_blocks()) >= 6


def test_readme_examples_run(
    generated_package: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    (tmp_path / "private_key.pem").write_bytes(pem)
    monkeypatch.chdir(tmp_path)
    with serving([CREDITS_OK]) as server:
        monkeypatch.setenv("TAMS_CREDITS_BASE_URL", server.url)
        monkeypatch.setenv("TAMS_CREDITS_TOKEN", "readme-token")
        for i, block in enumerate(_blocks()):
            namespace: dict[str, Any] = {"__name__": f"readme_block_{i}"}
            # running the README's examples as written is what this test is for
            exec(compile(block, f"README.md block {i}", "exec"), namespace)  # noqa: S102
    signed = [r for r in server.requests if r.headers["Authorization"].startswith("TAMS-")]
    bearer = [r for r in server.requests if r.headers["Authorization"] == "Bearer readme-token"]
    assert len(signed) == 1 and len(bearer) >= 4
    assert _verify(signed[0], key.public_key())["app_id"] == "my-app-id"
    with pytest.raises(InvalidSignature):
        _verify(signed[0], rsa.generate_private_key(public_exponent=65537,
                                                    key_size=2048).public_key())
    assert "credits=4.8" in capsys.readouterr().out
