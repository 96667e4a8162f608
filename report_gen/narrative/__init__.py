"""The narrative: jinja2 templates and the data file's highlights rendered into cited paragraphs."""

from .narrative import Narrative, split_paragraphs

__all__ = ["Narrative", "split_paragraphs"]
