"""The Python target: IR -> an installable, typed package (``TARGET``, found by the registry)."""

from .jobs import python_jobs
from .target import TARGET

__all__ = ["TARGET", "python_jobs"]
