"""The specs the benchmarks run on, by short name (real-world ones from ../shared/specs/real/)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT.parent / "shared" / "specs" / "real"

SPECS = {
    "petstore": REAL / "oai-petstore.yaml",
    "credits": ROOT / "spec" / "credits.yaml",
    "stripe": REAL / "stripe-spec3.yaml",
    "openai": REAL / "openai-openapi.yaml",
    "github": REAL / "github-api.github.com.json",
}


def resolve(name: str) -> Path:
    """A short name from :data:`SPECS`, or a path to a spec."""
    path = SPECS.get(name, Path(name))
    if not path.is_file():
        raise SystemExit(f"no spec {name!r}: use one of {', '.join(SPECS)} or a file path")
    return path.resolve()
