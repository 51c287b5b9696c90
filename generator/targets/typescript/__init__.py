"""The TypeScript target: a zero-dependency ESM npm package under ``generated/typescript/``."""

from .target import TARGET

__all__ = ["TARGET"]
