"""Stage 7, write: build the new tree aside, swap it in, keep a manifest of what specgen owns.

Each target folder (``generated/python``) is built complete in a staging folder next to it, then
swapped in with two renames. A file's content is given as its text or as a file that holds it
(the formatter's output: hashed in blocks, never read whole, and hard-linked into the staging
folder, or copied when it lies on another file system). Files whose bytes did not change are
hard-linked from the live tree, so their modification times stay. Files specgen does not own
(not in the manifest) are carried over untouched; owned files that are no longer generated
disappear with the old tree. A crash at any point leaves either the old tree or the new one (a
leftover swap is repaired on the next run).
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = ["FORBIDDEN_FILES", "FORMAT_MANIFEST", "MANIFEST", "Content", "UnsafePath", "WriteResult", "drift", "text_of",
           "write_tree"]

Content = str | Path
"""A file's content: its text, or a file that holds it."""

MANIFEST = ".specgen-manifest.json"
FORMAT_MANIFEST = ".specgen-format.json"
"""A target folder's format manifest (:mod:`generator.format.manifest`): the one dot-file a
target writes, owned and checked like the others."""
FORBIDDEN_FILES = frozenset({"conftest.py", "setup.py", "sitecustomize.py", "usercustomize.py"})
"""File names no target may write anywhere (a test runner, pip or Python itself would run them);
a target names no generated file after a spec name in this set (it renames it instead)."""
_DOTFILES = {".gitignore"}  # the only hidden files a target may write


class UnsafePath(Exception):
    """An output path that would leave the output folder or is otherwise not allowed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class WriteResult:
    written: tuple[str, ...]
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]


def text_of(content: Content) -> str:
    """The text of ``content`` (a file is read as UTF-8, its line ends as they are)."""
    return content if isinstance(content, str) else content.read_bytes().decode("utf-8")


def _check_paths(files: Mapping[str, Content]) -> None:
    """Raise :class:`UnsafePath` for a path that is absolute, holds a backslash or an empty,
    ``.`` or ``..`` part, is hidden (``.gitignore`` and a target's format manifest aside),
    names a file of :data:`FORBIDDEN_FILES`, is not inside a target's folder, or equals
    another path of ``files`` but for case."""
    folded: dict[str, str] = {}
    for path in files:
        parts = PurePosixPath(path).parts
        # no dot-file but a target folder's format manifest, <target>/.specgen-format.json
        dotless = parts[:1] if parts[1:] == (FORMAT_MANIFEST,) else parts
        bad = (
            not parts or path.startswith("/") or "\\" in path
            or any(p in ("", ".", "..") for p in parts)
            or any(p.startswith(".") and p not in _DOTFILES for p in dotless)
            or parts[-1] in FORBIDDEN_FILES or len(parts) < 2
        )
        if bad:
            raise UnsafePath(f"refusing to write {path!r}")
        key = path.casefold()
        if key in folded:
            raise UnsafePath(f"{path!r} and {folded[key]!r} collide on case-insensitive file systems")
        folded[key] = path


def _manifest(out: Path) -> dict[str, str]:
    """The files the manifest in ``out`` says specgen owns (path -> digest); none when it is
    missing or unreadable (then nothing is removed as stale)."""
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get("files", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def _digest(content: Content) -> str:
    """The SHA-256 of ``content`` (text as UTF-8, a file as its bytes), in hex."""
    if isinstance(content, str):
        return hashlib.sha256(content.encode("utf-8")).hexdigest()
    with content.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def write_tree(files: Mapping[str, Content], out: Path) -> WriteResult:
    """Make ``out`` hold exactly ``files`` (relative posix paths) plus what specgen does not own."""
    _check_paths(files)
    out.mkdir(parents=True, exist_ok=True)
    _repair(out)
    owned = _manifest(out)
    digests = {p: _digest(t) for p, t in files.items()}
    unchanged = {p for p, d in digests.items() if owned.get(p) == d and (out / p).is_file()}
    stale = sorted(set(owned) - set(files))
    if len(unchanged) == len(files) and not stale:
        return WriteResult(written=(), unchanged=tuple(sorted(unchanged)), removed=())
    staging = Path(tempfile.mkdtemp(prefix=".specgen-staging-", dir=out))
    try:
        targets = sorted({PurePosixPath(p).parts[0] for p in files})
        for target in targets:
            _stage(out, staging, target, files, owned, unchanged)
        for target in targets:
            _swap(out, staging, target)
        for path in stale:
            if PurePosixPath(path).parts[0] not in targets:
                (out / path).unlink(missing_ok=True)
        _write_manifest(out, digests)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    written = tuple(sorted(set(files) - unchanged))
    return WriteResult(written=written, unchanged=tuple(sorted(unchanged)), removed=tuple(stale))


def _stage(
    out: Path, staging: Path, target: str, files: Mapping[str, Content],
    owned: dict[str, str], unchanged: set[str],
) -> None:
    """Build the ``target`` folder in ``staging``: each of its ``files`` (one already ``unchanged``
    in ``out`` linked, not rewritten), then every file of the live folder specgen does not own
    (``owned``: the manifest's files), so user files survive the swap."""
    live = out / target
    for path, content in files.items():
        if PurePosixPath(path).parts[0] != target:
            continue
        dest = staging / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        if path in unchanged:
            _link_or_copy(out / path, dest)
        elif isinstance(content, str):
            dest.write_bytes(content.encode("utf-8"))
        else:
            _link_or_copy(content, dest)
    if live.is_dir():  # carry over everything specgen does not own
        for source in live.rglob("*"):
            rel = source.relative_to(out).as_posix()
            if source.is_file() and rel not in owned and rel not in files:
                dest = staging / rel
                dest.parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(source, dest)


def _link_or_copy(source: Path, dest: Path) -> None:
    """``dest`` as a hard link to ``source``, or a copy where links are not possible."""
    try:
        os.link(source, dest)
    except OSError:
        shutil.copy2(source, dest)


def _swap(out: Path, staging: Path, target: str) -> None:
    """Put the staged ``target`` folder in place of the live one (kept in ``staging`` as
    ``old-<target>`` until the run's clean-up; :func:`_repair` undoes a half-done swap)."""
    live, new, old = out / target, staging / target, staging / f"old-{target}"
    if live.exists():
        os.rename(live, old)
    os.rename(new, live)


def _repair(out: Path) -> None:
    """Undo a swap that a crash interrupted, then drop leftover staging folders."""
    for leftover in out.glob(".specgen-staging-*"):
        for old in leftover.glob("old-*"):
            live = out / old.name[len("old-"):]
            if not live.exists():
                os.rename(old, live)
        shutil.rmtree(leftover, ignore_errors=True)


def _write_manifest(out: Path, digests: dict[str, str]) -> None:
    """Replace the manifest in ``out`` atomically: the files specgen owns and their digests,
    sorted."""
    body = json.dumps({"generator": "specgen", "files": dict(sorted(digests.items()))}, indent=2)
    tmp = out / f"{MANIFEST}.tmp"
    tmp.write_text(body + "\n", encoding="utf-8")
    os.replace(tmp, out / MANIFEST)


def drift(files: dict[str, str], out: Path) -> tuple[list[str], str]:
    """Compare ``files`` with ``out`` without touching it: (changed paths, unified diff)."""
    owned = _manifest(out)
    changed: list[str] = []
    chunks: list[str] = []
    for path in sorted(set(files) | set(owned)):
        new = files.get(path)
        try:
            old = (out / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            old = None
        if old == new:
            continue
        changed.append(path)
        chunks.extend(difflib.unified_diff(
            (old or "").splitlines(keepends=True), (new or "").splitlines(keepends=True),
            fromfile=f"a/{path}" if old is not None else "/dev/null",
            tofile=f"b/{path}" if new is not None else "/dev/null",
        ))
    return changed, "".join(chunks)
