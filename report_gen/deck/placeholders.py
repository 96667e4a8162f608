"""Finding and tidying the placeholders a layout brings to a slide."""

from __future__ import annotations

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.slide import Slide

from ..ooxml.pptx import remove_shape


def find_placeholder(slide: Slide, *kinds):
    """Return the slide's first placeholder of the first of `kinds` it has, or None."""
    for kind in kinds:
        for placeholder in slide.placeholders:
            if placeholder.placeholder_format.type == kind:
                return placeholder
    return None


def placeholder_with_idx(slide: Slide, idx: int):
    for placeholder in slide.placeholders:
        if placeholder.placeholder_format.idx == idx:
            return placeholder
    return None


def other_body_placeholder(slide: Slide, exclude):
    """Return a text placeholder of the slide other than its title and `exclude`, or None."""
    for placeholder in slide.placeholders:
        kind = placeholder.placeholder_format.type
        if placeholder is not exclude and kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE):
            if exclude is None or placeholder.placeholder_format.idx != exclude.placeholder_format.idx:
                return placeholder
    return None


def drop_empty_placeholders(slide: Slide) -> None:
    """Remove placeholders left empty, so no 'click to add text' prompt shows in the editor."""
    for placeholder in list(slide.placeholders):
        if placeholder.has_text_frame and not placeholder.text_frame.text.strip():
            remove_shape(placeholder)
