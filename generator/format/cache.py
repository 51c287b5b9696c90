"""A content-addressed cache of the formatter's work, shared by runs and by projects.

Entries are keyed by the SHA-256 of everything that decides the output (the unformatted source,
black's version, the mode, this cache's format version), so a hit is always correct and nothing
ever needs invalidating. The cache is best effort: an unreadable, corrupt or read-only cache is a
miss, never an error.

- Concurrent runs are safe: an entry is written to a unique temporary file in the same folder and
  renamed over its final name, so readers see a whole entry or none. Each entry also carries the
  SHA-256 of its text, so a damaged one is ignored.
- Bounded: after a run that added entries, the least recently used ones are removed until the
  cache is under ``max_bytes`` (a hit refreshes an entry's modification time).
- Ignorable: by default it is ``<output>/.specgen-cache`` (so a run writes nowhere but its output
  folder), which is never in the manifest and holds its own ``.gitignore`` (``*``) and a
  ``CACHEDIR.TAG``, so git and backup tools skip it. It can be deleted at any time.
- ``readonly``: ``specgen check`` reads the cache but never writes to it (it touches nothing).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

__all__ = ["FormatCache", "digest"]

_VERSION = "format-v1"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This file is a cache directory tag created by specgen. See https://bford.info/cachedir/\n")


def digest(*parts: str) -> str:
    """SHA-256 hex of ``parts`` joined unambiguously."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


class FormatCache:
    """Key -> formatted text, stored as files under ``folder/format-v1/``."""

    def __init__(self, folder: Path, *, max_bytes: int = 512 * 1024 * 1024,
                 readonly: bool = False) -> None:
        self.root = folder
        self.folder = folder / _VERSION
        self.max_bytes = max_bytes
        self.readonly = readonly
        self.added = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str) -> str | None:
        """The text stored under ``key``, or ``None`` (missing, unreadable or damaged)."""
        path = self._path(key)
        try:
            raw = path.read_bytes()
            check, _, body = raw.partition(b"\n")
            if hashlib.sha256(body).hexdigest().encode() != check:
                return None
            if not self.readonly:
                os.utime(path)  # least recently used goes first when the cache is trimmed
            return body.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    def put(self, key: str, text: str) -> None:
        """Store ``text`` under ``key`` atomically; failures are ignored (it is only a cache)."""
        if self.readonly:
            return
        body = text.encode("utf-8")
        data = hashlib.sha256(body).hexdigest().encode() + b"\n" + body
        path = self._path(key)
        try:
            if not path.parent.is_dir():
                path.parent.mkdir(parents=True, exist_ok=True)
                self._mark()
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
            try:
                try:
                    os.write(fd, data)  # a short write cannot pass the digest check on read
                finally:
                    os.close(fd)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            self.added += 1
        except OSError:
            return

    def _mark(self) -> None:
        """Tell git and backup tools to skip the cache (written once, same bytes every time)."""
        for name, text in ((".gitignore", "# specgen's formatter cache\n*\n"), ("CACHEDIR.TAG", _TAG)):
            if not (self.root / name).is_file():
                (self.root / name).write_text(text, encoding="utf-8")

    def trim(self) -> None:
        """Remove least recently used entries until the cache holds at most ``max_bytes``."""
        if not self.added:
            return
        entries = []
        try:
            for sub in os.scandir(self.folder):
                if sub.is_dir():
                    for entry in os.scandir(sub.path):
                        st = entry.stat()
                        entries.append((st.st_mtime, st.st_size, entry.path))
        except OSError:
            return
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            try:
                os.unlink(path)
            except OSError:
                pass
            total -= size
