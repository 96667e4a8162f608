"""Charts: what each chart means (spec) and how each kind is drawn with matplotlib (one module per kind).

The public interface: `render_charts` / `render_chart` draw charts for a
placement (`BRIEFING`, `SLIDE`) and return `RenderedChart`s; `alt_text`
describes a chart in words.
"""

from .canvas import BRIEFING, SLIDE, Placement
from .render import RenderedChart, render_chart, render_charts
from .spec import alt_text, axis_values

__all__ = ["BRIEFING", "SLIDE", "Placement", "RenderedChart", "alt_text", "axis_values", "render_chart", "render_charts"]
