"""Parse the XML of a package someone else made: no DTD, no entities, no network, whatever its encoding.

Office files never declare a DTD. One that does is either broken or an
attack: an internal entity that expands a billion times, or one that names a
file (`SYSTEM "file:///etc/hostname"`) for the reader to fetch. So every XML
part report_gen reads from a user's workbook or template goes through here:

- lxml parses it with entities left unresolved, no DTD loaded and no network;
- a part whose document type declaration is found (the parser reads the
  prolog whatever its encoding, UTF-16 included, and however long the
  comments before it) is refused, before anything of it is used;
- a part that is not well-formed (a truncated file) is refused with its line.

Errors are `UnsafeXml`, naming the part and, where known, the line.
"""

from __future__ import annotations

from typing import IO, Iterable, Iterator, Optional

from lxml import etree

PARSER_OPTIONS = {"resolve_entities": False, "load_dtd": False, "no_network": True, "huge_tree": False, "dtd_validation": False}
"""What every parser here is told: leave entities alone, load no DTD, fetch nothing, keep lxml's size guards."""

DTD_MESSAGE = "declares a DTD (<!DOCTYPE>), which Office files never do; refused"


class UnsafeXml(ValueError):
    """An XML part that declares a DTD or is not well-formed; `str()` names the part and line."""

    def __init__(self, part: str, message: str, line: Optional[int] = None):
        self.part = part
        self.line = line
        self.message = message
        super().__init__(f"{part}:{line}: {message}" if line else f"{part}: {message}")


def _declares_dtd(element: etree._Element) -> bool:
    info = element.getroottree().docinfo
    return bool(info.doctype) or info.internalDTD is not None or info.externalDTD is not None


def _syntax(part: str, error: etree.XMLSyntaxError) -> UnsafeXml:
    return UnsafeXml(part, "not well-formed XML; the file is damaged or truncated", error.lineno or None)


def parse_part(data: bytes, part: str, strip: bool = False) -> etree._Element:
    """Return the root of an XML part; raise UnsafeXml when it declares a DTD or is not well-formed.

    With `strip`, comments and processing instructions are left out, as for a
    part that is written again into a document.
    """
    parser = etree.XMLParser(**PARSER_OPTIONS, remove_comments=strip, remove_pis=strip)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise _syntax(part, error) from None
    if root is None:
        raise UnsafeXml(part, "holds no XML element; the file is damaged or truncated")
    if _declares_dtd(root):
        raise UnsafeXml(part, DTD_MESSAGE)
    return root


def declares_dtd(chunks: Iterable[bytes]) -> bool:
    """Tell whether XML read in `chunks` declares a DTD, reading only as far as its first element.

    Data that is not XML (a picture) or breaks off before its first element
    declares none; reading it stops at the first error.
    """
    parser = etree.XMLPullParser(events=("start",), **PARSER_OPTIONS)
    try:
        for chunk in chunks:
            parser.feed(chunk)
            for _, element in parser.read_events():
                return _declares_dtd(element)
    except etree.XMLSyntaxError:
        return False
    return False


def iterparse(stream: IO[bytes], part: str, tag: Optional[str] = None) -> Iterator[tuple[str, etree._Element]]:
    """Yield ("start" | "end", element) events of a large part read as a stream; UnsafeXml as `parse_part` raises it.

    The caller clears what it has read, so memory stays bounded however large
    the part. `tag` limits the events to elements of that name (Clark notation).
    """
    events = etree.iterparse(stream, events=("start", "end"), tag=tag, remove_comments=True, remove_pis=True, **PARSER_OPTIONS)
    checked = False
    try:
        for event, element in events:
            if not checked:
                if _declares_dtd(element):
                    raise UnsafeXml(part, DTD_MESSAGE)
                checked = True
            yield event, element
    except etree.XMLSyntaxError as error:
        raise _syntax(part, error) from None
