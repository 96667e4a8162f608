"""The PowerPoint deck: a builder, one module per kind of slide, text fitted by real font metrics, the master, templates.

The public interface: `deck_bytes(report, charts, ...)` returns the .pptx.
"""

from .builder import deck_bytes
from .template import PptxTemplateError

__all__ = ["PptxTemplateError", "deck_bytes"]
