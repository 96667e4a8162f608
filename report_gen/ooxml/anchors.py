"""Figure anchors in a Word document: a bookmark naming each figure a paragraph prints, and a part that lists where.

The briefing marks every paragraph (or table cell) that prints a figure's
written form (约12.5亿元) with a bookmark named for the figure, so that
`report_gen check --data` finds the figure again after Word, WPS or
LibreOffice saved the file. Bookmarks were chosen over content controls by a
round trip through LibreOffice (`soffice --headless --convert-to docx` of a
built briefing, LibreOffice 7.4): every bookmark came back with its name
and place, while an inline content control (`w:sdt` with a `w:tag`) came
back with an empty `w:sdtPr`, its tag gone.

Each bookmark is a point at the very start of its paragraph, not a range
around the figure's characters: LibreOffice lays a paragraph out in
portions and breaks them at every bookmark, which changes how it spaces a
justified Chinese line and where it breaks one (a range around 48天 moved a
line break of the built briefing; one ending at a paragraph's end pushed a
closing 。 onto a line of its own). A point at a paragraph's start changes
no line of any page. Where in its paragraph the figure stands is kept in
the list of anchors (a custom XML part, `customXml/itemN.xml`, which Word,
WPS and LibreOffice keep; LibreOffice writes it twice, which reads the
same): the figure's written form as built and the text either side, which
also finds a figure whose bookmark an editor deleted.

Names: Word allows 40 characters, starting with a letter: `rg_<figure id>_<n>`
(the n-th place the figure is printed), or `rgk<k>_<n>` for an id too long
for that, k its number in the list.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Iterator, Optional

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from . import docx_text
from .safe_xml import UnsafeXml, parse_part

PREFIX = "rg_"
"""Bookmark names of figures whose id fits: rg_lifan_q1_revenue_1."""
MAPPED_PREFIX = "rgk"
"""Bookmark names of figures whose id is too long for a bookmark name: rgk3_1, the figure named in the list."""
MAX_NAME_CHARACTERS = 40
"""Word keeps bookmark names of up to 40 characters."""
CONTEXT_CHARACTERS = 16
"""Characters of context kept either side of an anchor in the list, to find it again without its bookmark."""
CELL_SEPARATOR = "\t"
"""Joins a table row's cells into one line of text, for contexts that reach across cells."""

NAMESPACE = "urn:report_gen:figure-anchors:1"
"""The namespace of the list of anchors in its custom XML part."""
_CUSTOM_XML_PROPERTIES = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"
_DATASTORE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_NAME = re.compile(r"^(?:rg_(?P<id>[a-z][a-z0-9_]*)|rgk(?P<key>\d+))_(?P<n>\d+)$")


@dataclass(frozen=True)
class Listed:
    """One anchor as the list in the document names it: its figure, the form written there, and the text either side."""

    name: str
    figure: str
    written: str
    before: str
    after: str


@dataclass(frozen=True)
class Anchored:
    """A figure anchor found in a document: its bookmark's name, the figure it names, and the paragraph (w:p) it marks."""

    name: str
    figure: str
    paragraph: etree._Element


@dataclass
class _Mark:
    paragraph: etree._Element
    start: int
    end: int
    figure: str
    written: str


class FigureAnchors:
    """Records where a document being written prints each figure, then marks those paragraphs and lists the places.

    One for a document being written: `mark` as figures are written,
    `list_in_document` once the document is whole.
    """

    def __init__(self, document: Document):
        self.document = document
        self.places: dict[str, int] = {}
        """Figure id → how many places print it so far."""
        self.keys: dict[str, int] = {}
        """Figure id → its number, for ids too long to name a bookmark."""
        self.marks: list[_Mark] = []

    def name(self, figure_id: str) -> str:
        """Return the bookmark name of the figure's next place."""
        place = self.places.get(figure_id, 0) + 1
        self.places[figure_id] = place
        name = f"{PREFIX}{figure_id}_{place}"
        if len(name) > MAX_NAME_CHARACTERS:
            key = self.keys.setdefault(figure_id, len(self.keys) + 1)
            name = f"{MAPPED_PREFIX}{key}_{place}"
        return name

    def mark(self, paragraph: etree._Element, start: int, end: int, figure_id: str) -> None:
        """Record that characters start..end of a paragraph's text, as it reads now, print the figure's written form."""
        written = docx_text.paragraph_text(paragraph)[start:end]
        self.marks.append(_Mark(paragraph, start, end, figure_id, written))

    def list_in_document(self, identifier: str) -> None:
        """Mark each recorded paragraph with a bookmark per figure, and list every anchor with its form and context.

        `identifier` makes the list's item id (a GUID derived from it), so identical input gives an identical file.
        """
        ids = [int(value) for value in self.document.element.body.xpath("//w:bookmarkStart/@w:id") if value.isdigit()]
        next_id = max(ids, default=0) + 1
        root = etree.Element(f"{{{NAMESPACE}}}figures", nsmap={None: NAMESPACE})
        placed: dict[etree._Element, etree._Element] = {}  # a paragraph → the end of the last bookmark put at its start
        for mark in self.marks:
            name = self.name(mark.figure)
            placed[mark.paragraph] = _point_bookmark(mark.paragraph, placed.get(mark.paragraph), next_id, name)
            next_id += 1
            line, offset = line_of(mark.paragraph)
            start = offset + _where_now(docx_text.paragraph_text(mark.paragraph), mark)
            end = start + len(mark.written)
            etree.SubElement(root, f"{{{NAMESPACE}}}anchor", name=name, figure=mark.figure, written=line[start:end],
                             before=line[max(0, start - CONTEXT_CHARACTERS):start], after=line[end:end + CONTEXT_CHARACTERS])
        if self.marks:
            _add_custom_xml(self.document, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
                            uuid.uuid5(uuid.NAMESPACE_URL, f"{NAMESPACE}/{identifier}"))


def _where_now(text: str, mark: _Mark) -> int:
    """Return where a marked form stands in its paragraph now: where it was marked, or the nearest place it stands
    if the paragraph was changed since (a character put in before it to keep a line whole)."""
    if text[mark.start:mark.end] == mark.written:
        return mark.start
    places = [at for at in range(len(text)) if text.startswith(mark.written, at)]
    return min(places, key=lambda at: abs(at - mark.start)) if places else mark.start


def _point_bookmark(paragraph: etree._Element, after: Optional[etree._Element], bookmark_id: int, name: str) -> etree._Element:
    """Put an empty bookmark at the start of a paragraph (after its properties and any bookmark put there before); return its end."""
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(bookmark_id))
    if after is not None:
        after.addnext(start)
    else:
        properties = paragraph.find(qn("w:pPr"))
        paragraph.insert(0 if properties is None else paragraph.index(properties) + 1, start)
    start.addnext(end)
    return end


def _add_custom_xml(document: Document, blob: bytes, item_id: uuid.UUID) -> None:
    package = document.part.package
    taken = {str(part.partname) for part in package.iter_parts()}
    number = next(n for n in range(1, len(taken) + 2) if f"/customXml/item{n}.xml" not in taken)
    item = Part(PackURI(f"/customXml/item{number}.xml"), "application/xml", blob, package)
    properties = etree.Element(f"{{{_DATASTORE}}}datastoreItem", nsmap={"ds": _DATASTORE})
    properties.set(f"{{{_DATASTORE}}}itemID", "{" + str(item_id).upper() + "}")
    references = etree.SubElement(properties, f"{{{_DATASTORE}}}schemaRefs")
    etree.SubElement(references, f"{{{_DATASTORE}}}schemaRef").set(f"{{{_DATASTORE}}}uri", NAMESPACE)
    props_blob = etree.tostring(properties, xml_declaration=True, encoding="UTF-8", standalone=False)
    item.relate_to(Part(PackURI(f"/customXml/itemProps{number}.xml"), _CUSTOM_XML_PROPERTIES, props_blob, package), RT.CUSTOM_XML_PROPS)
    document.part.relate_to(item, RT.CUSTOM_XML)


def listed_anchors(document: Document) -> dict[str, Listed]:
    """Return the anchors the document's list names, by bookmark name; empty when it has no list (not report_gen's, or lost)."""
    listed: dict[str, Listed] = {}
    for relationship in document.part.rels.values():
        if relationship.reltype != RT.CUSTOM_XML or relationship.is_external:
            continue
        try:
            root = parse_part(relationship.target_part.blob, str(relationship.target_part.partname))
        except UnsafeXml:
            continue
        if root.tag != f"{{{NAMESPACE}}}figures":
            continue
        for entry in root.iterchildren(f"{{{NAMESPACE}}}anchor"):
            name, figure = entry.get("name"), entry.get("figure")
            if name and figure:
                listed.setdefault(name, Listed(name, figure, entry.get("written", ""), entry.get("before", ""), entry.get("after", "")))
    return listed


def figure_of(name: str, long_ids: dict[int, str]) -> Optional[str]:
    """Return the figure id a bookmark name anchors (rg_<id>_<n>, or rgk<k>_<n> through the list's ids); None for any other bookmark."""
    match = _NAME.match(name)
    if match is None:
        return None
    if match["id"] is not None:
        return match["id"]
    return long_ids.get(int(match["key"]))


def long_ids_of(listed: dict[str, Listed]) -> dict[int, str]:
    """Return the ids of the list's mapped anchors (rgk<k>_<n>), by k."""
    found: dict[int, str] = {}
    for name, entry in listed.items():
        match = _NAME.match(name)
        if match is not None and match["key"] is not None:
            found[int(match["key"])] = entry.figure
    return found


def find_anchors(document: Document, long_ids: dict[int, str]) -> list[Anchored]:
    """Return every figure anchor in the document's body, in reading order, with the paragraph it marks.

    A bookmark an editor left between paragraphs marks the paragraph after it.
    """
    found = []
    for start in document.element.body.iter(qn("w:bookmarkStart")):
        name = start.get(qn("w:name"), "")
        figure = figure_of(name, long_ids)
        paragraph = _paragraph_at(start) if figure is not None else None
        if paragraph is not None:
            found.append(Anchored(name, figure, paragraph))
    return found


def _paragraph_at(element: etree._Element) -> Optional[etree._Element]:
    """Return the w:p holding a bookmark, or for one between paragraphs the next paragraph."""
    for ancestor in element.iterancestors(qn("w:p")):
        return ancestor
    found = element.xpath("following::w:p[1]", namespaces={"w": docx_text.W_NAMESPACE})
    return found[0] if found else None


# -- lines of text and the context of an anchor -------------------------------------------


def line_of(paragraph: etree._Element) -> tuple[str, int]:
    """Return the line a paragraph's text belongs to and where in it the paragraph starts.

    A paragraph outside tables is a line of its own; a table row is one line,
    its cells joined by a tab and a cell's paragraphs by a line break, so a
    figure in a cell is found again by the label in its row.
    """
    row = next(paragraph.iterancestors(qn("w:tr")), None)
    if row is None:
        return docx_text.paragraph_text(paragraph), 0
    parts: list[str] = []
    offset, length = 0, 0
    for cell in row.iterchildren(qn("w:tc")):
        if parts:
            parts.append(CELL_SEPARATOR)
            length += 1
        for index, inner in enumerate(p for p in cell.iter(qn("w:p"))):
            if index:
                parts.append("\n")
                length += 1
            if inner is paragraph:
                offset = length
            text = docx_text.paragraph_text(inner)
            parts.append(text)
            length += len(text)
    return "".join(parts), offset


def body_lines(document: Document) -> Iterator[tuple[str, list[tuple[etree._Element, int]]]]:
    """Yield every line of the body (a paragraph, or a table row) with its paragraphs and where each starts in it."""
    seen: set[etree._Element] = set()
    for paragraph in document.element.body.iter(qn("w:p")):
        row = next(paragraph.iterancestors(qn("w:tr")), None)
        holder = row if row is not None else paragraph
        if holder in seen:
            continue
        seen.add(holder)
        if row is None:
            yield docx_text.paragraph_text(paragraph), [(paragraph, 0)]
            continue
        line, _ = line_of(paragraph)
        members = [(inner, line_of(inner)[1]) for inner in row.iter(qn("w:p"))]
        yield line, members
