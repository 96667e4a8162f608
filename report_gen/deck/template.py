"""An organisation's .pptx template: its layouts mapped to the kinds of slide the deck makes.

Slides come in three kinds, each put on a layout:

- `title`: the first slide (a layout with a centred-title placeholder);
- `content`: every slide with a title and content drawn below it (a title-only layout);
- `closing`: the last slide.

`open_template` opens a user's .pptx and `find_layouts` maps the slide kinds to
its layouts: by the names given in the data file's `style.deck.layouts`, else
by well-known names (English and Chinese PowerPoint), else by placeholder
types; a kind no layout can serve is a `PptxTemplateError` that lists the
template's layouts.
"""


from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping, Optional

from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.exc import PackageNotFoundError
from pptx.presentation import Presentation as PresentationType
from pptx.slide import SlideLayout
from pptx.util import Emu, Inches

from ..data.files import InputRefused, Reads
from ..errors import ReportError
from ..ooxml.pptx import drop_all_slides, inherited_insets
from ..ooxml.template_package import TemplateFault, clean_pptx_template
from .geometry import Box


class PptxTemplateError(ReportError):
    """A PowerPoint template cannot be read, or lacks a layout the deck needs."""

    def __init__(self, message: str, kind: Optional[str] = None):
        super().__init__(message)
        self.kind = kind
        """The kind of slide of `style.deck.layouts` whose named layout is at fault; None when the file itself is."""


TITLE, CONTENT, CLOSING = "title", "content", "closing"
KINDS = (TITLE, CONTENT, CLOSING)
"""The kinds of slide the deck puts on layouts."""


def open_template(path: Path, reads: Optional[Reads] = None) -> PresentationType:
    """Open an organisation's .pptx template, cleaned (ooxml/template_package.py): its masters, layouts and theme, no slides.

    The file is read through `reads`, the build's reader (None: one of its own).
    """
    try:
        data = (reads if reads is not None else Reads()).pptx_template(path)
    except InputRefused as error:
        raise PptxTemplateError(f"PowerPoint template {error}") from None
    try:
        prs = Presentation(io.BytesIO(clean_pptx_template(data)))
    except TemplateFault as error:
        raise PptxTemplateError(f"PowerPoint template {path}: {error}") from None
    except (PackageNotFoundError, KeyError, ValueError, OSError) as error:
        hint = "; save it from PowerPoint as a .pptx presentation" if path.suffix.lower() in (".potx", ".ppt", ".pot") else ""
        raise PptxTemplateError(f"PowerPoint template {path}: not a .pptx file python-pptx can open ({error}){hint}") from None
    drop_all_slides(prs)
    return prs


NAME_CANDIDATES = {
    TITLE: ("封面", "标题幻灯片", "标题页", "title slide", "title"),
    CONTENT: ("仅标题", "title only", "标题"),
    CLOSING: ("结束页", "封底", "结束", "致谢", "谢谢", "closing", "closing slide", "end", "thank you", "thanks"),
}
"""Layout names each kind is looked for under, best first; compared without case and surrounding spaces."""

SECTION_NAMES = ("节标题", "section header")
"""Names of the layout a closing slide falls back to when no closing layout exists."""

_TITLES = {PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE}
_FURNITURE = {PP_PLACEHOLDER.DATE, PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER}
_TEXT_BODIES = {PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE}


def _types(layout: SlideLayout) -> list:
    return [placeholder.placeholder_format.type for placeholder in layout.placeholders]


def all_layouts(prs: PresentationType) -> list[SlideLayout]:
    """Return the layouts of every master of a presentation, in order."""
    return [layout for master in prs.slide_masters for layout in master.slide_layouts]


def _describe(layout: SlideLayout) -> str:
    names = {
        PP_PLACEHOLDER.TITLE: "title", PP_PLACEHOLDER.CENTER_TITLE: "centred title", PP_PLACEHOLDER.SUBTITLE: "subtitle",
        PP_PLACEHOLDER.BODY: "text", PP_PLACEHOLDER.OBJECT: "content", PP_PLACEHOLDER.PICTURE: "picture",
    }
    kinds = [names.get(kind, "") for kind in _types(layout) if kind not in _FURNITURE]
    inside = ", ".join(kind for kind in kinds if kind) or "no placeholders"
    return f"'{layout.name}' ({inside})"


def _is_title_layout(layout: SlideLayout) -> bool:
    types = _types(layout)
    return PP_PLACEHOLDER.CENTER_TITLE in types or (PP_PLACEHOLDER.TITLE in types and PP_PLACEHOLDER.SUBTITLE in types)


def _is_title_only(layout: SlideLayout) -> bool:
    types = [kind for kind in _types(layout) if kind not in _FURNITURE]
    return types == [PP_PLACEHOLDER.TITLE]


def _is_title_and_content(layout: SlideLayout) -> bool:
    types = [kind for kind in _types(layout) if kind not in _FURNITURE]
    return (PP_PLACEHOLDER.TITLE in types and len(types) == 2
            and any(kind in (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT) for kind in types))


def _has_title(layout: SlideLayout) -> bool:
    return any(kind in _TITLES for kind in _types(layout))


def _by_name(layouts: Iterable[SlideLayout], names: Iterable[str]) -> Optional[SlideLayout]:
    by_name = {}
    for layout in layouts:
        by_name.setdefault(layout.name.strip().casefold(), layout)
    for name in names:
        if name.casefold() in by_name:
            return by_name[name.casefold()]
    return None


@dataclass(frozen=True)
class Layouts:
    """The layout each kind of slide goes on, and where content goes on a content slide."""

    title: SlideLayout
    content: SlideLayout
    closing: SlideLayout
    title_box: Box
    """The content layout's title placeholder."""
    area: Box
    """Where slide content goes: below the title, above the footer."""
    body_placeholder_idx: Optional[int] = None
    """The content layout's body placeholder whose place `area` takes (removed from each slide); None for a title-only layout."""


def find_layouts(prs: PresentationType, chosen: Mapping[str, str], source: str) -> Layouts:
    """Map the slide kinds to layouts of a presentation; raise PptxTemplateError naming what is missing.

    `chosen` maps kinds to layout names the user picked (style.deck.layouts);
    `source` names the template in messages.
    """
    layouts = all_layouts(prs)
    listing = "; its layouts are: " + ", ".join(_describe(layout) for layout in layouts) if layouts else "; it has no layouts"
    found: dict[str, SlideLayout] = {}
    for kind, name in chosen.items():
        layout = _by_name(layouts, [name])
        if layout is None:
            raise PptxTemplateError(f"{source}: style.deck.layouts.{kind} names layout '{name}', which the template does not have{listing}", kind)
        if kind in (TITLE, CONTENT) and not _has_title(layout):
            raise PptxTemplateError(f"{source}: layout '{name}' chosen for {kind} slides has no title placeholder{listing}", kind)
        found[kind] = layout

    if TITLE not in found:
        layout = _by_name([l for l in layouts if _has_title(l)], NAME_CANDIDATES[TITLE])
        layout = layout or next((l for l in layouts if _is_title_layout(l)), None)
        if layout is None:
            raise PptxTemplateError(
                f"{source}: no layout for the title slide: expected one named 'Title Slide' or '标题幻灯片', "
                f"or one with a centred-title placeholder (or a title and a subtitle){listing}; "
                "or name one in the data file under style.deck.layouts.title"
            )
        found[TITLE] = layout
    if CONTENT not in found:
        layout = _by_name([l for l in layouts if _has_title(l)], NAME_CANDIDATES[CONTENT])
        layout = layout or next((l for l in layouts if _is_title_only(l)), None)
        layout = layout or next((l for l in layouts if _is_title_and_content(l)), None)
        if layout is None:
            raise PptxTemplateError(
                f"{source}: no layout for content slides: expected one named 'Title Only' or '仅标题', "
                f"or one with a title placeholder and at most one content placeholder{listing}; "
                "or name one in the data file under style.deck.layouts.content"
            )
        found[CONTENT] = layout
    if CLOSING not in found:
        found[CLOSING] = (
            _by_name([l for l in layouts if _has_title(l)], NAME_CANDIDATES[CLOSING])
            or _by_name([l for l in layouts if _has_title(l)], SECTION_NAMES)
            or found[TITLE]
        )
    for layout in {id(layout._element): layout for layout in found.values()}.values():
        check_placeholders(layout, int(prs.slide_width), int(prs.slide_height), source)
    title_box, area, body_idx = content_geometry(found[CONTENT], prs.slide_width, prs.slide_height)
    if area.width < MIN_AREA[0] or area.height < MIN_AREA[1]:
        raise PptxTemplateError(
            f"{source}: layout '{found[CONTENT].name}' leaves {Emu(area.width).mm:.0f} mm × {Emu(area.height).mm:.0f} mm "
            f"for the content under its title; the deck needs at least {Emu(MIN_AREA[0]).mm:.0f} mm × {Emu(MIN_AREA[1]).mm:.0f} mm"
        )
    return Layouts(found[TITLE], found[CONTENT], found[CLOSING], title_box, area, body_idx)


MIN_TEXT_BOX = (int(Inches(0.3)), int(Inches(0.15)))
"""The least width and height a placeholder leaves for text inside its margins: a line of small type."""

MIN_AREA = (int(Inches(4)), int(Inches(2.5)))
"""The least room a content layout leaves for a slide's charts, figures and cases under its title."""


def check_placeholders(layout: SlideLayout, width: int, height: int, source: str) -> None:
    """Raise PptxTemplateError for a placeholder of `layout` with no position, no room for text, or off the slide."""
    where = f"{source}: {layout.part.partname.lstrip('/')}: layout '{layout.name}'"
    for placeholder in layout.placeholders:
        name = f"placeholder '{placeholder.name}'"
        if None in (placeholder.left, placeholder.top, placeholder.width, placeholder.height):
            raise PptxTemplateError(f"{where}: {name} has no position or size, on the layout or on its master; "
                                    "give it one in PowerPoint's slide master view")
        box = placeholder_box(placeholder)
        left, top, right, bottom = inherited_insets(placeholder)
        inner_width, inner_height = box.width - left - right, box.height - top - bottom
        if inner_width < MIN_TEXT_BOX[0] or inner_height < MIN_TEXT_BOX[1]:
            raise PptxTemplateError(f"{where}: {name} leaves {Emu(max(inner_width, 0)).mm:.1f} mm × "
                                    f"{Emu(max(inner_height, 0)).mm:.1f} mm for text inside its margins; at least "
                                    f"{Emu(MIN_TEXT_BOX[0]).mm:.0f} mm × {Emu(MIN_TEXT_BOX[1]).mm:.0f} mm is needed")
        slack_x, slack_y = width // 20, height // 20
        if box.left < -slack_x or box.top < -slack_y or box.right > width + slack_x or box.bottom > height + slack_y:
            raise PptxTemplateError(f"{where}: {name} lies outside the slide "
                                    f"({Emu(width).mm:.0f} mm × {Emu(height).mm:.0f} mm); move it onto the slide")


def placeholder_box(placeholder) -> Box:
    """Return where a (layout) placeholder is, as inherited from its master when it does not say."""
    return Box(int(placeholder.left), int(placeholder.top), int(placeholder.width), int(placeholder.height))


def content_geometry(layout: SlideLayout, width: int, height: int) -> tuple[Box, Box, Optional[int]]:
    """Return a content layout's title box, the area for content, and the body placeholder the area replaces.

    The area is the layout's content placeholder when it has one; otherwise
    the space between the title and the footer placeholders (or the slide's
    bottom margin), as wide as the title.
    """
    title = next(p for p in layout.placeholders if p.placeholder_format.type in _TITLES)
    title_box = placeholder_box(title)
    bodies = [p for p in layout.placeholders if p.placeholder_format.type not in _TITLES | _FURNITURE]
    if bodies:
        body = max(bodies, key=lambda p: int(p.width) * int(p.height))
        return title_box, placeholder_box(body), body.placeholder_format.idx
    gap = Inches(0.25)
    top = title_box.bottom + gap
    furniture_tops = [int(p.top) for p in layout.placeholders
                      if p.placeholder_format.type in _FURNITURE and int(p.top) > height // 2]
    bottom = (min(furniture_tops) if furniture_tops else height - Inches(0.5)) - Inches(0.1)
    bottom = max(bottom, top + height // 3)
    return title_box, Box(title_box.left, top, title_box.width, bottom - top), None
