"""An organisation's Word template: its styles, page set-up, headers and footers under report_gen's structure.

As pandoc's reference document does, the template supplies the look and
report_gen the structure: heading levels, captions, numbering, citations
and tables. Each role report_gen writes takes one of the template's styles:

- by the name given in the data file's `style.briefing.styles` (a name the
  template lacks is an error naming the style, the template and the styles
  it has);
- else by Word's name for it (Title, Normal, Heading 1, Heading 2, Caption,
  Table Grid, Bibliography) or the Chinese one (标题, 正文, 标题 1 …); the
  sources list falls back to the body style;
- else report_gen's own style for the role is added to the document, sized
  to the template's body text, and the build warns.

Every other part (chart notes, table text, the 报头 …) takes report_gen's
style of that name: the template's, if it defines one, else one made from
the template's own typefaces and body size. Where the template leaves the
East Asian typeface empty, `style.briefing.fonts` fills it, and Chinese
text is marked zh-CN whatever the template says.
"""

from __future__ import annotations

import dataclasses
import io
import math
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Length, Mm, Pt
from docx.styles.style import BaseStyle

from ..data.files import InputRefused, Reads
from ..data.style import BriefingFonts
from ..errors import ReportError
from ..ooxml import docx as docx_xml
from ..ooxml import docx_template
from ..ooxml.template_package import TemplateFault, clean_word_template
from .layout import PageLayout
from .styles import (
    PARAGRAPH_STYLES,
    STYLE_CAPTION,
    STYLE_SOURCE,
    STYLE_TABLE,
    STYLE_TITLE,
    add_character_styles,
    finish_style,
    paragraph_style,
)


class WordTemplateError(ReportError):
    """A Word template cannot be read, or lacks a style the data file names for a role."""

    def __init__(self, message: str, role: Optional[str] = None):
        super().__init__(message)
        self.role = role
        """The role of `style.briefing.styles` whose style is missing; None when the file itself is the fault."""


ROLES = ("title", "body", "heading1", "heading2", "caption", "table", "sources")
"""The parts of the briefing a template's style can be chosen for (the keys of `style.briefing.styles`)."""

OWN_STYLES = {
    "title": STYLE_TITLE, "body": "Normal", "heading1": "Heading 1", "heading2": "Heading 2",
    "caption": STYLE_CAPTION, "table": STYLE_TABLE, "sources": STYLE_SOURCE,
}
"""report_gen's own style for each role: the name the writer asks for."""

WORD_NAMES = {
    "title": ("Title", "标题"),
    "body": ("Normal", "正文"),
    "heading1": ("Heading 1", "标题 1"),
    "heading2": ("Heading 2", "标题 2"),
    "caption": ("Caption", "题注"),
    "table": ("Table Grid", "网格型"),
    "sources": ("Bibliography", "书目"),
}
"""Names a role's style is looked for under when the data file names none: Word's, then Chinese Word's and WPS's."""

HEADING_LEVELS = {"Heading 1": 1, "Heading 2": 2}
"""report_gen's own heading styles and their outline levels, given to one added in place of a template's."""

DESCRIPTIONS = {
    "title": "the title", "body": "body text", "heading1": "level-1 headings (一、)", "heading2": "level-2 headings （一）",
    "caption": "chart and table captions", "table": "tables", "sources": "the sources list",
}


def _kind(role: str) -> WD_STYLE_TYPE:
    return WD_STYLE_TYPE.TABLE if role == "table" else WD_STYLE_TYPE.PARAGRAPH


def _find(document: DocumentObject, name: str, kind: WD_STYLE_TYPE) -> Optional[BaseStyle]:
    """Return the template's style of a kind by name, compared without case; None when it has none."""
    wanted = name.strip().casefold()
    return next((style for style in document.styles if style.type == kind and (style.name or "").casefold() == wanted), None)


@dataclass(frozen=True)
class WordTemplate:
    """A Word template, read and checked: its package and the style each role takes."""

    source: str
    """The template's path as messages show it."""
    package: bytes
    """The template as .docx bytes (a .dotx's main part declared a document's)."""
    styles: Mapping[str, str]
    """report_gen's own style name → the template's style that takes its place, for each role the template serves."""
    fallbacks: tuple[str, ...] = ()
    """Roles the template has no style for, set in report_gen's own style."""
    has_footers: bool = False
    """The template has footers of its own, which the briefing keeps in place of report_gen's page numbers."""
    role_styles: Mapping[str, str] = field(default_factory=dict)
    """Role → the template's style name, for each role the template serves."""

    def warnings(self) -> list[str]:
        """Say, once per role, which roles the template has no style for and what the briefing does instead."""
        return [
            f"{self.source} has no style for {DESCRIPTIONS[role]} (looked for {', '.join(WORD_NAMES[role])}): "
            f"report_gen's own style is used; name one under style.briefing.styles.{role}"
            for role in self.fallbacks
        ]

    def open(self) -> DocumentObject:
        """Return a fresh copy of the template with its sample content removed."""
        document = Document(io.BytesIO(self.package))
        docx_template.clear_body(document)
        return document


def read_word_template(path: Path, chosen: Mapping[str, str], source: Optional[str] = None,
                       reads: Optional[Reads] = None) -> WordTemplate:
    """Read a Word template and find the style of every role; raise WordTemplateError when it is unusable.

    `chosen` maps roles to the style names the data file gives
    (`style.briefing.styles`); `source` names the template in messages;
    `reads` is the build's reader, which the file is read through.
    """
    source = source or str(path)
    try:
        package = clean_word_template((reads if reads is not None else Reads()).docx_template(path))
        document = Document(io.BytesIO(package))
    except InputRefused as error:
        raise WordTemplateError(f"Word template {source}: {error.reason}") from None
    except TemplateFault as error:
        raise WordTemplateError(f"Word template {source}: {error}") from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        hint = "; save it from Word or WPS as a .docx document or .dotx template" if path.suffix.lower() in (".doc", ".dot", ".dotm", ".wps") else ""
        raise WordTemplateError(f"Word template {source}: not a .docx or .dotx file python-docx can open ({error}){hint}") from None
    styles: dict[str, str] = {}
    roles: dict[str, str] = {}
    fallbacks: list[str] = []
    for role in ROLES:
        found = _role_style(document, role, chosen.get(role), source)
        if found is None and role == "sources":
            found = roles.get("body")
        if found is None:
            fallbacks.append(role)
            continue
        roles[role] = found
        styles[OWN_STYLES[role]] = found
    section = document.sections[-1]
    has_footers = any(not footer.is_linked_to_previous for footer in (section.footer, section.even_page_footer, section.first_page_footer))
    return WordTemplate(source, package, styles, tuple(fallbacks), has_footers, roles)


def _role_style(document: DocumentObject, role: str, chosen: Optional[str], source: str) -> Optional[str]:
    kind = _kind(role)
    if chosen is None:
        return next((style.name for name in WORD_NAMES[role] if (style := _find(document, name, kind)) is not None), None)
    style = _find(document, chosen, kind)
    if style is not None:
        return style.name
    other = next((s for s in document.styles if (s.name or "").casefold() == chosen.strip().casefold()), None)
    what = "table" if kind == WD_STYLE_TYPE.TABLE else "paragraph"
    if other is not None:
        problem = f"'{chosen}' in the Word template {source} is not a {what} style"
    else:
        problem = f"the Word template {source} has no {what} style '{chosen}'"
    names = sorted(s.name for s in document.styles if s.type == kind and s.name)
    raise WordTemplateError(f"{problem} for {DESCRIPTIONS[role]}; its {what} styles are: {', '.join(names) or 'none'}", role)


# -- the template's page and styles under report_gen's roles -------------------------


def _size_pt(document: DocumentObject, name: Optional[str]) -> Optional[float]:
    return docx_template.effective_size_pt(document, document.styles[name]) if name else None


def _line_pt(document: DocumentObject, name: str, size_pt: float) -> float:
    """Return the height of one line of a style's text: its exact spacing, or its multiple of a single line."""
    style: Optional[BaseStyle] = document.styles[name]
    seen: set[int] = set()
    while style is not None and id(style.element) not in seen:  # template_checks refuses a loop; never hang on one
        seen.add(id(style.element))
        spacing = style.paragraph_format.line_spacing
        if isinstance(spacing, Length):
            return spacing.pt
        if spacing is not None:
            return size_pt * 1.3 * spacing
        style = style.base_style
    return size_pt * 1.3


def template_layout(document: DocumentObject, template: WordTemplate, base: PageLayout) -> PageLayout:
    """Return a preset's measures with the template's page, margins and type sizes."""
    section = document.sections[-1]

    def mm(length: Optional[Length], default_mm: float) -> float:
        return Length(length).mm if length is not None else default_mm

    width, height = mm(section.page_width, base.page_width_mm), mm(section.page_height, base.page_height_mm)
    left, top = mm(section.left_margin, base.margin_left_mm), mm(section.top_margin, base.margin_top_mm)
    text_width = width - left - mm(section.right_margin, base.margin_right_mm)
    text_height = height - top - mm(section.bottom_margin, base.margin_bottom_mm)
    roles = template.role_styles
    body_pt = _size_pt(document, roles.get("body")) or 10.5
    scale = body_pt / base.body_pt
    line_pt = _line_pt(document, roles["body"], body_pt) if "body" in roles else body_pt * 1.3
    return dataclasses.replace(
        base,
        page_width_mm=width, page_height_mm=height, margin_top_mm=top, margin_left_mm=left,
        text_width_mm=text_width, text_height_mm=text_height,
        lines_per_page=max(1, math.floor(Mm(text_height).pt / line_pt)),
        chars_per_line=max(1, math.floor(Mm(text_width).pt / body_pt)),
        body_pt=body_pt,
        title_pt=_size_pt(document, roles.get("title")) or base.title_pt * scale,
        caption_pt=_size_pt(document, roles.get("caption")) or base.caption_pt * scale,
        table_pt=round(base.table_pt * scale * 2) / 2,
        page_number_pt=round(base.page_number_pt * scale * 2) / 2,
        chart_width_mm=min(base.chart_width_mm, text_width),
    )


def _template_fonts(document: DocumentObject, roles: Mapping[str, str], own: BriefingFonts) -> BriefingFonts:
    """Return the typefaces the template gives each font role, report_gen's own where it gives none."""

    def east_asian(role: str, fallback: str) -> str:
        name = roles.get(role)
        return (docx_template.effective_font(document, document.styles[name], "eastAsia") if name else None) or fallback

    body = roles.get("body")
    latin = (docx_template.effective_font(document, document.styles[body], "ascii") if body else None) or own.latin
    body_font = east_asian("body", own.body)
    return BriefingFonts(
        title=east_asian("title", own.title), body=body_font, heading1=east_asian("heading1", own.heading1),
        heading2=east_asian("heading2", own.heading2), heading3=body_font, page_number=body_font, latin=latin,
    )


ROLE_FONTS = {"title": "title", "body": "body", "heading1": "heading1", "heading2": "heading2", "caption": "heading2", "table": "body", "sources": "body"}
"""The field of `style.briefing.fonts` that fills each role's East Asian slot when the template leaves it empty."""


def set_up_template_styles(document: DocumentObject, template: WordTemplate, fonts: BriefingFonts, layout: PageLayout) -> None:
    """Keep the template's styles for the roles, fill their empty East Asian slots, and add the styles the briefing needs."""
    docx_xml.drop_styles_with_effects(document)
    docx_xml.set_chinese_language(document)
    docx_template.set_styles_chinese(document)
    _fill_east_asian_slots(document, template, fonts)
    _keep_headings_and_captions_with_what_follows(document, template)
    _add_missing_styles(document, template, fonts, layout)
    add_character_styles(document, None, layout)


def _fill_east_asian_slots(document: DocumentObject, template: WordTemplate, fonts: BriefingFonts) -> None:
    """Write theme fonts out as the faces they name; give a role whose East Asian slot stays empty its font from `fonts`."""
    docx_template.resolve_east_asian_theme_fonts(document)
    docx_template.prefer_east_asian_for_shared_marks(document)
    unset = [role for role, name in template.role_styles.items()
             if docx_template.effective_font(document, document.styles[name], "eastAsia") is None]
    if docx_template.effective_font(document, None, "eastAsia") is None:
        docx_template.set_default_east_asian_font(document, fonts.body)
    for role in unset:
        docx_template.set_east_asian_font(document.styles[template.role_styles[role]], getattr(fonts, ROLE_FONTS[role]))


def _keep_headings_and_captions_with_what_follows(document: DocumentObject, template: WordTemplate) -> None:
    """Structure the template's styles may not say: a heading or caption never ends a page alone."""
    specs = {spec.name: spec for spec in PARAGRAPH_STYLES}
    for own_name, name in template.styles.items():
        spec = specs.get(own_name)
        style = document.styles[name]
        if spec is not None and spec.keep_with_next and style.type == WD_STYLE_TYPE.PARAGRAPH and style.paragraph_format.keep_with_next is None:
            style.paragraph_format.keep_with_next = True


def _add_missing_styles(document: DocumentObject, template: WordTemplate, fonts: BriefingFonts, layout: PageLayout) -> None:
    """Add report_gen's own style for each role the template lacks, and each other style of the briefing it does not define.

    A role's style is report_gen's look (`fonts`), sized to the template's
    body; any other part takes the template's typefaces.
    """
    if "table" in template.fallbacks:
        table = _find(document, STYLE_TABLE, WD_STYLE_TYPE.TABLE) or document.styles.add_style(STYLE_TABLE, WD_STYLE_TYPE.TABLE)
        docx_template.give_table_style_grid(table)
        docx_xml.set_style_fonts(table, fonts.latin, fonts.body)
        table.font.size = Pt(layout.table_pt)
    body = template.role_styles.get("body", "Normal")
    own = _template_fonts(document, template.role_styles, fonts)
    fallback_names = {OWN_STYLES[role] for role in template.fallbacks}
    for spec in PARAGRAPH_STYLES:
        if spec.name in template.styles:
            continue
        if spec.name in fallback_names:
            style = paragraph_style(document, spec, fonts, layout, base=body)
            if spec.name in HEADING_LEVELS:
                docx_xml.set_outline_level(style, HEADING_LEVELS[spec.name])
        elif _find(document, spec.name, WD_STYLE_TYPE.PARAGRAPH) is None:
            style = paragraph_style(document, spec, own, layout, base=body)
        else:
            continue  # the template styles this part itself
        finish_style(style, spec, layout)
