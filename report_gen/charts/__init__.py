"""Charts: what each chart means (spec) and how each kind is drawn with matplotlib (one module per kind).

The public interface: `render_charts` / `render_chart` draw charts for a
placement (`BRIEFING`, `SLIDE`) and return `RenderedChart`s; `alt_text`
describes a chart in words.

The names are loaded on first use, so `report_gen.charts.spec` (the rules
`validate` checks) can be imported without importing matplotlib.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "BRIEFING": "canvas",
    "SLIDE": "canvas",
    "Placement": "canvas",
    "RenderedChart": "render",
    "render_chart": "render",
    "render_charts": "render",
    "render_planned": "render",
    "alt_text": "spec",
    "axis_values": "spec",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # loaded here, on first use, to keep matplotlib off the path of commands that only check (validate)
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
