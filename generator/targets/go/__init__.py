"""The Go target: a standard-library-only module under ``generated/go/``."""

from .target import TARGET

__all__ = ["TARGET"]
