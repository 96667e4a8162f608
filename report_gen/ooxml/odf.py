"""An OpenDocument presentation LibreOffice wrote, set as PowerPoint sets Chinese text: no gap between Chinese and Latin.

LibreOffice Impress puts a fifth of an em between every Asian and non-Asian
run of text it lays out ("Apply spacing between Asian and non-Asian text",
ODF `style:text-autospace`), and it counts full-width punctuation as Asian,
so （2021年） is drawn （ 2021 年） and 探索“1+3+X” as 探索“ 1+3+X”.
PowerPoint adds no such space, and a .pptx cannot ask LibreOffice to leave
it out: its import reads no attribute for it. `without_autospace` turns it
off in an .odp that LibreOffice converted the deck to, so the deck's PDF
shows the text as PowerPoint sets it. Only `report_gen.convert.libreoffice`
uses it, for previews.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from .safe_xml import parse_part

STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
AUTOSPACE = f"{{{STYLE_NS}}}text-autospace"
PARAGRAPH_PROPERTIES = f"{{{STYLE_NS}}}paragraph-properties"
DEFAULT_STYLE = f"{{{STYLE_NS}}}default-style"
FAMILY = f"{{{STYLE_NS}}}family"
STYLED_PARTS = ("styles.xml", "content.xml")
"""The parts of an .odp whose styles set paragraph properties: the document's styles and the slides' own."""


def _without_autospace(xml: bytes, part: str) -> bytes:
    root = parse_part(xml, part)
    for properties in root.iter(PARAGRAPH_PROPERTIES):
        if properties.get(AUTOSPACE) is not None:
            properties.set(AUTOSPACE, "none")
    for default in root.iter(DEFAULT_STYLE):
        if default.get(FAMILY) == "graphic":
            properties = default.find(PARAGRAPH_PROPERTIES)
            if properties is None:
                properties = etree.SubElement(default, PARAGRAPH_PROPERTIES)
            properties.set(AUTOSPACE, "none")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def without_autospace(odp: bytes) -> bytes:
    """Return an .odp with the gap between Asian and non-Asian text turned off in every style that sets it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(odp)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename in STYLED_PARTS:
                data = _without_autospace(data, info.filename)
            # mimetype stays first and stored, as ODF requires; the rest as LibreOffice wrote them
            target.writestr(info, data, compress_type=info.compress_type)
    return out.getvalue()
