"""Figure anchors in a Word document: a bookmark around the characters that print a figure, and a part that lists them.

The briefing writes each figure's written form (约12.5亿元) between a
`w:bookmarkStart` and a `w:bookmarkEnd` named for the figure, so that
`report_gen check --data` finds the figure again after Word, WPS or
LibreOffice saved the file. Bookmarks were chosen over content controls by a
round trip through LibreOffice (`soffice --headless --convert-to docx` of a
built briefing, LibreOffice 7.4): every bookmark came back with its name and
the very characters it held (the runs split, the range kept), while an
inline content control (`w:sdt` with a `w:tag`) came back with an empty
`w:sdtPr`, its tag gone. A bookmark shows nothing on the page.

Names: Word allows 40 characters, starting with a letter: `rg_<figure id>_<n>`
(the n-th place the figure is printed), or `rgk<k>_<n>` for an id too long
for that, k its number in the list. The list (a custom XML part,
`customXml/itemN.xml`, which Word, WPS and LibreOffice keep; LibreOffice
writes it twice, which reads the same) names every anchor's figure, its
written form and the text either side, so an anchor an editor deleted can
be looked for by its context.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

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
    """A figure anchor found in a document: its bookmark, its paragraph (w:p) and the span of that paragraph's text it holds.

    `collapsed` says the bookmark holds no text any more (its text was typed
    over); `start == end` then marks where it stood.
    """

    name: str
    figure: str
    paragraph: etree._Element
    start: int
    end: int

    @property
    def collapsed(self) -> bool:
        return self.start == self.end


class FigureAnchors:
    """Wraps runs of a document's body in bookmarks named for figures, and lists them in the document.

    One for a document being written: it numbers each figure's places and
    gives every bookmark an id above those the document holds already.
    """

    def __init__(self, document: Document):
        self.document = document
        self.places: dict[str, int] = {}
        """Figure id → how many places print it so far."""
        self.keys: dict[str, int] = {}
        """Figure id → its number, for ids too long to name a bookmark."""
        self._next_id: Optional[int] = None

    def name(self, figure_id: str) -> str:
        """Return the bookmark name of the figure's next place."""
        place = self.places.get(figure_id, 0) + 1
        self.places[figure_id] = place
        name = f"{PREFIX}{figure_id}_{place}"
        if len(name) > MAX_NAME_CHARACTERS:
            key = self.keys.setdefault(figure_id, len(self.keys) + 1)
            name = f"{MAPPED_PREFIX}{key}_{place}"
        return name

    def wrap(self, runs: Iterable[etree._Element], figure_id: str) -> Optional[str]:
        """Put a bookmark for the figure around consecutive runs (w:r) of one paragraph; return its name (None for no runs)."""
        runs = list(runs)
        if not runs:
            return None
        if self._next_id is None:
            ids = [int(value) for value in self.document.element.body.xpath("//w:bookmarkStart/@w:id") if value.isdigit()]
            self._next_id = max(ids, default=0) + 1
        name = self.name(figure_id)
        start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
        start.set(qn("w:id"), str(self._next_id))
        start.set(qn("w:name"), name)
        end.set(qn("w:id"), str(self._next_id))
        self._next_id += 1
        runs[0].addprevious(start)
        runs[-1].addnext(end)
        return name

    def list_in_document(self, identifier: str) -> None:
        """Add the list of every figure anchor in the body, with its written form and context, as a custom XML part.

        `identifier` makes the part's item id (a GUID derived from it), so identical input gives an identical file.
        """
        long_ids = {key: figure_id for figure_id, key in self.keys.items()}
        root = etree.Element(f"{{{NAMESPACE}}}figures", nsmap={None: NAMESPACE})
        for anchored in find_anchors(self.document, long_ids):
            written, before, after = context_of(anchored)
            etree.SubElement(root, f"{{{NAMESPACE}}}anchor", name=anchored.name, figure=anchored.figure,
                             written=written, before=before, after=after)
        _add_custom_xml(self.document, etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True),
                        uuid.uuid5(uuid.NAMESPACE_URL, f"{NAMESPACE}/{identifier}"))


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
    """Return every figure anchor in the document's body, in reading order, with the span of its paragraph's text it holds.

    A bookmark whose end an editor moved into another paragraph holds the
    rest of its first paragraph; one whose start or end stands between
    paragraphs is taken to the nearest paragraph.
    """
    body = document.element.body
    starts: dict[str, tuple[str, etree._Element, int]] = {}
    ends: dict[str, tuple[etree._Element, int]] = {}
    for element in body.iter(qn("w:bookmarkStart"), qn("w:bookmarkEnd")):
        if element.tag == qn("w:bookmarkStart"):
            name = element.get(qn("w:name"), "")
            if _NAME.match(name) and (paragraph := _paragraph_at(element, "following")) is not None:
                starts[element.get(qn("w:id"), "")] = (name, paragraph, _position(paragraph, element))
        elif (paragraph := _paragraph_at(element, "preceding")) is not None:
            ends[element.get(qn("w:id"), "")] = (paragraph, _position(paragraph, element))
    found = []
    for bookmark_id, (name, paragraph, start) in starts.items():
        figure = figure_of(name, long_ids)
        if figure is None:
            continue
        end_paragraph, end = ends.get(bookmark_id, (None, start))
        if end_paragraph is not paragraph:
            end = len(docx_text.paragraph_text(paragraph)) if end_paragraph is not None else start
        found.append(Anchored(name, figure, paragraph, start, max(start, end)))
    return found


def _paragraph_at(element: etree._Element, side: str) -> Optional[etree._Element]:
    """Return the w:p holding a bookmark mark, or for one between paragraphs the next (or previous) paragraph."""
    for ancestor in element.iterancestors(qn("w:p")):
        return ancestor
    found = element.xpath(f"{side}::w:p[1]", namespaces={"w": docx_text.W_NAMESPACE})
    return found[0] if found else None


def _position(paragraph: etree._Element, mark: etree._Element) -> int:
    """Return how many characters of the paragraph's text come before a bookmark mark (its end, for one outside it)."""
    if mark not in set(paragraph.iter()):
        following = mark.xpath("following::w:p[1]", namespaces={"w": docx_text.W_NAMESPACE})
        return 0 if following and following[0] is paragraph else len(docx_text.paragraph_text(paragraph))
    order = {element: index for index, element in enumerate(paragraph.iter())}
    at = order[mark]
    return sum(len(piece.text) for piece in docx_text.pieces(paragraph) if order.get(piece.element, -1) < at)


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


def context_of(anchored: Anchored) -> tuple[str, str, str]:
    """Return an anchor's text and up to CONTEXT_CHARACTERS of its line on either side."""
    line, offset = line_of(anchored.paragraph)
    start, end = offset + anchored.start, offset + anchored.end
    return line[start:end], line[max(0, start - CONTEXT_CHARACTERS):start], line[end:end + CONTEXT_CHARACTERS]


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
