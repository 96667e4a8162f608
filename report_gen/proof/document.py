"""Read any .docx into passages to proofread: body paragraphs under their headings, table cells, text boxes, headers, footers.

The file is read as every input is (`data.files`: a regular file within its
size, a zip whose parts unpack within their limit and hold no DTD), so a
FIFO, a zip bomb or an encrypted file gets a message, not a hang or a
traceback. Places are named for people: the section heading and the paragraph's
number under it (一、总体情况 ¶3), table 2 row 3 col 1, text box 1, header of
section 1.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from ..data.files import MAX_DOCX_BYTES, MAX_DOCX_EXPANDED_BYTES, InputRefused, check_zip_package, read_regular
from .model import PageSetup, Passage

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The first bytes of an OLE compound file: a password-protected .docx, or an old .doc."""

_HEADING_STYLE = re.compile(r"^(heading|标题)\s*\d|^(title|标题)$", re.IGNORECASE)
_HEADING_LABEL = re.compile(r"^\s*([一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)")
MAX_HEADING_CHARACTERS = 40
"""A labelled paragraph longer than this is a run-in heading followed by its text: named by its label only."""


@dataclass
class Draft:
    """A .docx read for proofreading: the python-docx document, its passages in reading order and its sections' pages."""

    path: Path
    document: object
    passages: list[Passage]
    pages: list[PageSetup]


def open_docx(path: Path):
    """Return a python-docx Document for a .docx read as a bounded, checked input; raise InputRefused with a plain reason otherwise."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    data = read_regular(path, MAX_DOCX_BYTES)
    if data.startswith(OLE_SIGNATURE):
        raise InputRefused(path, "is a password-protected (encrypted) document or an old binary .doc, not a .docx; "
                                 "save it from Word or WPS as an unprotected .docx first")
    if not data.startswith(b"PK"):
        raise InputRefused(path, "is not a .docx file (a Word document is a zip package; this file is not one)")
    try:
        check_zip_package(path, data, MAX_DOCX_EXPANDED_BYTES)
    except InputRefused as error:
        raise InputRefused(path, f"not a .docx file: {error.reason}") from None
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as error:
        reason = str(error).strip("'\"") or type(error).__name__
        raise InputRefused(path, f"is not a Word document that can be read: {reason}") from None
    except Exception as error:  # a package python-docx cannot make sense of (content types, relationships out of shape)
        raise InputRefused(path, f"is not a Word document that can be read: {type(error).__name__}: {error}") from None


def read_draft(path: Path) -> Draft:
    """Read a .docx into passages and page set-ups; raise InputRefused for a file that is not a readable .docx."""
    document = open_docx(path)
    return Draft(path, document, list(_passages(document)), _pages(document))


def _passages(document) -> Iterator[Passage]:
    from ..ooxml import docx_text

    names = {style.style_id: style.name or "" for style in document.styles}
    headings: list[tuple[int, str]] = []
    heading, number, tables, boxes = "top", 0, 0, 0
    for kind, element in docx_text.body_items(document):
        if kind == "tbl":
            tables += 1
            yield from _table_passages(element, f"table {tables}", names)
            continue
        text = docx_text.paragraph_text(element)
        style = names.get(docx_text.style_id(element), "")
        if text.strip():
            level = _heading_level(text, style)
            if level:
                headings = [item for item in headings if item[0] < level] + [(level, _heading_name(text))]
                heading, number = " › ".join(name for _, name in headings), 0
                yield Passage(f"heading {heading}", text, "body", style, element)
            else:
                number += 1
                yield Passage(f"{heading} ¶{number}", text, "body", style, element)
        for box in docx_text.text_box_paragraphs(element):
            boxes += 1
            for index, paragraph in enumerate(_with_text(box), start=1):
                yield Passage(f"text box {boxes} ¶{index}", docx_text.paragraph_text(paragraph), "textbox",
                              names.get(docx_text.style_id(paragraph), ""), paragraph)
    for kind, label, paragraphs in docx_text.header_footer_paragraphs(document):
        for index, paragraph in enumerate(_with_text(paragraphs), start=1):
            yield Passage(f"{label} ¶{index}", docx_text.paragraph_text(paragraph), kind, "", paragraph)


def _table_passages(table, label: str, names: dict[str, str]) -> Iterator[Passage]:
    from ..ooxml import docx_text

    for row, column, paragraphs in docx_text.table_cells(table):
        filled = _with_text(paragraphs)
        for index, paragraph in enumerate(filled, start=1):
            suffix = f" ¶{index}" if len(filled) > 1 else ""
            yield Passage(f"{label} row {row} col {column}{suffix}", docx_text.paragraph_text(paragraph), "table",
                          names.get(docx_text.style_id(paragraph), ""), paragraph)


def _with_text(paragraphs) -> list:
    from ..ooxml import docx_text

    return [paragraph for paragraph in paragraphs if docx_text.paragraph_text(paragraph).strip()]


def _heading_level(text: str, style: str) -> int:
    """Return a paragraph's heading level (1 for Title, Heading 1 or 一、…, 2 for Heading 2 or （一）…), 0 for a paragraph of text."""
    found = _HEADING_STYLE.search(style)
    if found:
        digits = re.search(r"\d+", style)
        return int(digits.group()) if digits else 1
    stripped = text.strip()
    label = _HEADING_LABEL.match(stripped)
    if not label or len(stripped) > MAX_HEADING_CHARACTERS or stripped.endswith(("。", "；", "：")):
        return 0
    return 1 if label.group(1).endswith("、") else 2


def _heading_name(text: str) -> str:
    stripped = " ".join(text.split())
    if len(stripped) > MAX_HEADING_CHARACTERS:
        match = _HEADING_LABEL.match(stripped)
        return match.group(1) if match else stripped[:MAX_HEADING_CHARACTERS] + "…"
    return stripped


def _pages(document) -> list[PageSetup]:
    from docx.enum.text import WD_LINE_SPACING

    from ..ooxml import docx_text

    normal = next((style for style in document.styles if style.style_id == "Normal" or style.name == "Normal"), None)
    size = normal.font.size.pt if normal is not None and normal.font.size is not None else None
    letter_spacing = docx_text.style_letter_spacing(normal.element if normal is not None else None) / 20
    exact_line: Optional[int] = None
    if normal is not None and normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY:
        exact_line = normal.paragraph_format.line_spacing.twips
    pages = []
    for number, (section, properties) in enumerate(zip(document.sections, docx_text.section_properties(document)), start=1):
        grid_type, line_pitch, char_space = docx_text.section_grid(properties)
        pitch = line_pitch if grid_type in ("lines", "linesAndChars", "snapToChars") and line_pitch else exact_line
        char_pitch = None
        if size is not None:
            char_pitch = size + (char_space / 4096 if grid_type in ("linesAndChars", "snapToChars") and char_space else letter_spacing)
        pages.append(PageSetup(
            f"page set-up of section {number}",
            _twips(section.page_width), _twips(section.page_height), _twips(section.top_margin), _twips(section.bottom_margin),
            _twips(section.left_margin), _twips(section.right_margin), pitch, char_pitch,
        ))
    return pages


def _twips(length) -> Optional[int]:
    return None if length is None else int(round(length.twips))
