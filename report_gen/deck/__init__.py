"""The PowerPoint deck: a builder, one module per kind of slide, text fitted by real font metrics, the master, templates.

The public interface: `deck_bytes(report, charts, ...)` returns the .pptx. It is
loaded on first use, so the modules that plan the short deck without drawing it
(`outline`, `titles`, `script`) can be read, by `validate`, without python-pptx.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {"deck_bytes": "builder", "PptxTemplateError": "template"}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
