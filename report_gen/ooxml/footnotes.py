"""Word footnotes: the footnotes part, its separators, and a reference run where a footnote is cited.

python-docx has no footnotes. A footnote is a `w:footnote` in the part
/word/footnotes.xml that the document part relates to; the body cites it
with a run holding `w:footnoteReference w:id=N`, and the footnote's own
paragraph opens with a `w:footnoteRef` run, which Word and LibreOffice
number alike (1, 2, …, in reading order). The part starts with the two
separators Word expects (ids -1 and 0). A document whose template already
has a footnotes part gets its footnotes appended there, numbered after the
template's own.
"""

from __future__ import annotations

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from lxml import etree

PART_NAME = "/word/footnotes.xml"

_EMPTY = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:separator/></w:r></w:p></w:footnote>"
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


class Footnotes:
    """The footnotes of one document: `add` cites a new footnote at the end of a paragraph."""

    def __init__(self, document: Document):
        self.document = document
        self.root = self._part().element
        ids = [int(note.get(qn("w:id"))) for note in self.root.findall(qn("w:footnote"))]
        self.next_id = max([0, *ids]) + 1

    def _part(self) -> XmlPart:
        """Return the document's footnotes part, made (with its separators) when it has none."""
        main = self.document.part
        for rel in main.rels.values():
            if rel.reltype == RT.FOOTNOTES and not rel.is_external:
                part = rel.target_part
                if isinstance(part, XmlPart):
                    return part
                made = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
                rel._target = made  # a template's part python-docx loaded as bytes: read it as XML from now on
                return made
        part = XmlPart(PackURI(PART_NAME), CT.WML_FOOTNOTES, parse_xml(_EMPTY), main.package)
        main.relate_to(part, RT.FOOTNOTES)
        return part

    def add(self, paragraph: Paragraph, text: str, reference_style_id: str, text_style_id: str = "") -> int:
        """Cite a new footnote saying `text` after what `paragraph` holds so far; return its id.

        The reference is superscript in the body and in the footnote (the
        character style `reference_style_id` plus vertAlign, so a template's
        style cannot set it on the line); `text_style_id` is the footnote
        paragraph's style, none for the document's default.
        """
        number = self.next_id
        self.next_id += 1
        reference = etree.SubElement(paragraph._p, qn("w:r"))
        reference.append(_superscript(reference_style_id))
        etree.SubElement(reference, qn("w:footnoteReference")).set(qn("w:id"), str(number))

        note = etree.SubElement(self.root, qn("w:footnote"))
        note.set(qn("w:id"), str(number))
        body = etree.SubElement(note, qn("w:p"))
        if text_style_id:
            etree.SubElement(etree.SubElement(body, qn("w:pPr")), qn("w:pStyle")).set(qn("w:val"), text_style_id)
        mark = etree.SubElement(body, qn("w:r"))
        mark.append(_superscript(reference_style_id))
        etree.SubElement(mark, qn("w:footnoteRef"))
        run = etree.SubElement(body, qn("w:r"))
        said = etree.SubElement(run, qn("w:t"))
        said.text = f"\u2002{text}"
        said.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return number


def _superscript(style_id: str) -> etree._Element:
    properties = etree.Element(qn("w:rPr"))
    if style_id:
        etree.SubElement(properties, qn("w:rStyle")).set(qn("w:val"), style_id)
    etree.SubElement(properties, qn("w:vertAlign")).set(qn("w:val"), "superscript")
    return properties


def footnote_texts(document: Document) -> dict[int, str]:
    """Return the text of each footnote (not the separators) by id; empty when the document has none."""
    for rel in document.part.rels.values():
        if rel.reltype == RT.FOOTNOTES and not rel.is_external:
            part = rel.target_part
            root = part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
            return {
                int(note.get(qn("w:id"))): "".join(t.text or "" for t in note.iter(qn("w:t"))).strip()
                for note in root.findall(qn("w:footnote")) if note.get(qn("w:type")) is None
            }
    return {}


def footnote_references(document: Document) -> list[int]:
    """Return the ids of the footnotes the body cites, in reading order."""
    return [int(reference.get(qn("w:id"))) for reference in document.element.body.iter(qn("w:footnoteReference"))]
