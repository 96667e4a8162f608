"""The look of the documents, the data file's optional `style` section: fonts, page presets, templates, chart modes.

Every field has a default (GB/T 9704 for the briefing, report_gen's own
design for the deck), so a data file need say only what it changes. The
docstrings are part of the data-format reference.
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Literal, Optional

from pydantic import Field, field_validator

from .types import FONT_FILE_ENDINGS, Model, Text, _leaves_folder, word_template_error

class BriefingFonts(Model):
    """Typefaces of the Word briefing by role, as written into the document (GB/T 9704 by default).

    A document cannot carry a fallback list: name the fonts the readers' machines have
    (many offices: 仿宋_GB2312, 楷体_GB2312, 方正小标宋简体; stock Windows: 仿宋, 楷体, 宋体).
    """

    title: Text = "方正小标宋简体"
    """The document title (小标宋)."""
    body: Text = "仿宋_GB2312"
    """Body text, tables and the sources list (仿宋)."""
    heading1: Text = "黑体"
    """Level-1 headings `一、` and table header rows (黑体)."""
    heading2: Text = "楷体_GB2312"
    """Level-2 headings `（一）`, captions and the subtitle (楷体)."""
    heading3: Optional[Text] = None
    """Level-3 headings `1.`: the titles of typical cases (仿宋); none means the body font."""
    page_number: Text = "宋体"
    """The page number in the footer (宋体)."""
    latin: Text = "Times New Roman"
    """Latin letters and digits everywhere."""


class DeckFonts(Model):
    """Typefaces written into the deck: Latin text uses `latin`, Chinese text `east_asian`."""

    latin: Text = "Arial"
    """Font for Latin letters and digits."""
    east_asian: Text = "微软雅黑"
    """Font for Chinese characters (Microsoft YaHei); written as the theme's East Asian font too."""


class BriefingPreset(str, Enum):
    """Page layouts of the Word briefing."""

    GBT9704 = "gbt9704"
    """GB/T 9704-2012: A4, margins 37 mm top and 28 mm left, 3号 (16 pt) text, 22 lines of 28 characters."""
    COMPACT = "compact"
    """The same type hierarchy on a denser page, for drafts and reading on screen: 四号 (14 pt) text, 28 lines of 32 characters."""
    JIANBAO = "jianbao"
    """The 简报 form on the GB/T 9704 page: the 报头 (name in red, issue, issuer and date, red rule) opens the first page in place of the 版头 and the document number, and the 报尾 (报/送/发, 共印N份) closes the last in place of the signature, from `report.bulletin`."""


class Citations(str, Enum):
    """How the Word briefing cites the sources of the figures it quotes."""

    NONE = "none"
    """No marks in the body and no 来源 column in the key-figure tables: the sources are named once, in the 资料来源 list at the end, as a 简报 or a 公文 does."""
    BRACKETS = "brackets"
    """A superscript [1], [1,2] after each sentence quoting figures and a 来源 column in the tables, pointing into the numbered 资料来源 list: a research paper's apparatus."""
    FOOTNOTES = "footnotes"
    """A Word footnote after each sentence quoting figures, naming its sources at the foot of the page; the tables' 来源 column gives the footnote's text in short, and the 资料来源 list closes the document."""


StyleRole = Literal["title", "body", "heading1", "heading2", "caption", "table", "sources"]
"""A part of the briefing a Word template's style can be chosen for."""


class BriefingStyle(Model):
    """How the Word briefing looks."""

    fonts: BriefingFonts = BriefingFonts()
    """Font names by role."""
    preset: BriefingPreset = BriefingPreset.GBT9704
    """Page layout: gbt9704, compact or jianbao (the 简报 form, which needs `report.bulletin`); `build --preset` overrides it."""
    toc: Optional[bool] = None
    """Table of contents on the first page, after the title: true always, false never; none (the default) when the briefing is estimated to run to more than `toc_above_pages` pages. The jianbao preset never prints one: a 简报's 报头 is followed by its title and text."""
    toc_above_pages: Annotated[int, Field(ge=1, le=999)] = 30
    """Estimated length in pages above which a table of contents is added when `toc` is none. GB/T 9704 has no contents page: a 公文 of up to 30 pages (15 sheets printed on both sides) is found by its 一、 headings, so the default briefing has none."""
    toc_levels: Annotated[int, Field(ge=1, le=2)] = 1
    """Heading levels the table of contents lists: 1 (一、…) or 2 (also （一）…)."""
    citations: Citations = Citations.NONE
    """How the sources of the figures are cited: none (the default in every preset: the sources listed once in 资料来源 at the end, no marks in the body), brackets ([1] marks and a 来源 column in the tables) or footnotes (Word footnotes at the foot of the page)."""
    charts: Literal["image", "native"] = "image"
    """How charts are put in the briefing: image (a picture) or native (a Word chart whose data is in an embedded workbook, editable in Word; key-figure tiles are a panel of text either way); `build --charts` overrides it."""
    template: Optional[Text] = None
    """An organisation's Word template (.docx or .dotx, relative to the data file) whose styles, page set-up, headers and footers the briefing uses; `fonts` then only fill an East Asian slot the template leaves empty. None means report_gen's own design; `build --docx-template` overrides it."""
    styles: dict[StyleRole, Text] = {}
    """Names of the template's styles for report_gen's roles: title, body, heading1, heading2, caption, table, sources. A role left out is looked for under Word's names (Title, Normal, Heading 1, Heading 2, Caption, Table Grid, Bibliography, or 标题, 正文, 标题 1 …; sources falls back to the body style); a role the template lacks gets report_gen's own style and a warning, and a name given here that the template lacks is an error."""

    @field_validator("template")
    @classmethod
    def _template_beside_the_data(cls, entry: Optional[str]) -> Optional[str]:
        error = word_template_error(entry) if entry else None
        if error:
            raise ValueError(error)
        return entry


class DeckStyle(Model):
    """How the PowerPoint deck looks."""

    fonts: DeckFonts = DeckFonts()
    """Font names for Latin and Chinese text. With a `template`, the template's theme fonts are used unless this is given."""
    charts: Literal["image", "native"] = "image"
    """How charts are drawn: image (a picture, as in the briefing) or native (a PowerPoint chart holding the figures' values, editable in PowerPoint); `build --charts` overrides it."""
    template: Optional[Text] = None
    """An organisation's .pptx template (relative to the data file) whose layouts and theme the deck uses; none means report_gen's own design. `build --pptx-template` overrides it."""
    layouts: dict[Literal["title", "content", "closing"], Text] = {}
    """Names of the template's layouts to use for the title slide, content slides and the closing slide; a kind left out is matched by layout name (Title Slide / 标题幻灯片, Title Only / 仅标题) or by placeholder type."""
    closing: Text = "谢谢"
    """Text of the closing slide, over the issuer and the date."""
    length: Literal["short", "full"] = "short"
    """short: a deck to present, each number on one slide only besides the overview's headlines (small charts share a slide, one 关键数字 slide of at most eight of the figures no chart shows, the rest in its notes, cases as short points), with notes to speak from; full: a slide per chart, every figure on the 关键数字 slides, whole case stories and longer notes. `build --deck-length` overrides it."""
    minutes: Annotated[int, Field(ge=1, le=240)] = 15
    """Length of the talk the short deck is presented in, in minutes: its speaker notes, read aloud at about 230 characters a minute, stay within minutes × 230 characters (15: 3450), saying less of each slide where they would run over."""


class ChartStyle(Model):
    """How the charts are drawn: the font, chosen from an explicit list."""

    fonts: Annotated[list[Text], Field(min_length=1)] = [
        "Noto Sans CJK SC",
        "Noto Serif CJK SC",
        "Source Han Sans SC",
        "Source Han Sans CN",
        "WenQuanYi Micro Hei",
        "WenQuanYi Zen Hei",
        "Microsoft YaHei",
        "SimHei",
        "PingFang SC",
        "Heiti SC",
        "Droid Sans Fallback",
    ]
    """Fonts to draw every chart with, best first: installed family names or font files (.ttf, .otf, .ttc; relative to the data file). The first one found that has Chinese glyphs is used; `--font` or REPORT_GEN_FONT overrides the list, and `--verbose` prints the font used."""

    @field_validator("fonts")
    @classmethod
    def _files_stay_in_the_data_folder(cls, entries: list[str]) -> list[str]:
        for entry in entries:
            looks_like_file = "/" in entry or "\\" in entry or entry.lower().endswith(FONT_FILE_ENDINGS)
            if looks_like_file and _leaves_folder(entry):
                raise ValueError(
                    f"font file '{entry}' is outside the data file's folder; put the font beside the data file, "
                    "name an installed font by its family, or pass the file with --font or REPORT_GEN_FONT"
                )
        return entries


class Style(Model):
    """Settings of the documents' look; every field has a default, so the section is optional."""

    briefing: BriefingStyle = BriefingStyle()
    """Settings of the Word briefing."""
    deck: DeckStyle = DeckStyle()
    """Settings of the PowerPoint deck."""
    charts: ChartStyle = ChartStyle()
    """Settings of the charts."""
