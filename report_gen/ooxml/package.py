"""Make an Office file's bytes depend only on its content: the last step before a .docx or .pptx is written.

python-docx and python-pptx write the current time into every zip entry, and
python-pptx leaves its own author, description and 2013 dates in the core
properties, so two builds of the same data differ byte for byte. Here the
zip is rewritten with its entries in a fixed order, each dated with one
moment and given fixed attributes, and `docProps/core.xml` is rewritten to
say what the report is and when it was made.

The moment is midnight (UTC) of the report's date, or the time in the
`SOURCE_DATE_EPOCH` environment variable when it is set, the convention of
reproducible builds (https://reproducible-builds.org/specs/source-date-epoch/).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from dataclasses import dataclass
from typing import Mapping, Optional

from lxml import etree

from ..errors import BuildError
from ..text.controls import FORBIDDEN_BYTES, describe

SOURCE_DATE_EPOCH = "SOURCE_DATE_EPOCH"
"""Environment variable holding the build time as whole seconds since 1970-01-01 UTC."""

CONTENT_TYPES = "[Content_Types].xml"
CORE_PROPERTIES = "docProps/core.xml"
FIRST_ENTRIES = (CONTENT_TYPES, "_rels/.rels")
"""Entries kept at the front of the zip, where Office puts them; the rest follow sorted by name."""

MAX_PROPERTY_CHARACTERS = 255
"""Longest text a core property (title, subject, creator, keywords) may hold, as python-docx and python-pptx enforce."""

ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.timezone.utc)
ZIP_END = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.timezone.utc)
"""The range a zip entry's date can hold."""

_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "dcmitype": "http://purl.org/dc/dcmitype/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def _qn(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{_NS[prefix]}}}{local}"


@dataclass(frozen=True)
class CoreProperties:
    """What `docProps/core.xml` says: when the document was made and, optionally, what it is.

    A field left None keeps whatever the writer put there.
    """

    moment: dt.datetime
    """Creation and modification time, timezone-aware."""
    title: Optional[str] = None
    subject: Optional[str] = None
    creator: Optional[str] = None
    """Author; also written as the last one to modify the document."""
    keywords: Optional[str] = None
    language: Optional[str] = None
    description: Optional[str] = None
    """Comments; "" removes the writer's own note (python-pptx says "generated using python-pptx")."""


def build_moment(date: dt.date, environ: Mapping[str, str] = os.environ) -> dt.datetime:
    """Return when the documents say they were made: SOURCE_DATE_EPOCH when set, else midnight UTC of `date`."""
    value = environ.get(SOURCE_DATE_EPOCH, "").strip()
    if not value:
        return dt.datetime.combine(date, dt.time(), tzinfo=dt.timezone.utc)
    if not value.isdigit():
        raise BuildError(f"{SOURCE_DATE_EPOCH} must be whole seconds since 1970-01-01 UTC, got {value!r}")
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.timezone.utc)
    except (OverflowError, OSError, ValueError):
        raise BuildError(f"{SOURCE_DATE_EPOCH} is out of range: {value}") from None


def normalise_package(package: bytes, properties: CoreProperties) -> bytes:
    """Return the Office file rewritten so that its bytes depend only on its content and `properties`."""
    source = zipfile.ZipFile(io.BytesIO(package))
    names = source.namelist()
    order = [name for name in FIRST_ENTRIES if name in names] + sorted(set(names) - set(FIRST_ENTRIES))
    stamp = _zip_time(properties.moment)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in order:
            data = source.read(name)
            _refuse_bidi_controls(name, data)
            if name == CORE_PROPERTIES:
                data = _core_xml(data, properties)
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0  # as Office writes it, whatever the machine
            info.external_attr = 0
            target.writestr(info, data, compresslevel=6)
    return out.getvalue()


_BIDI_BYTES = re.compile(b"|".join(re.escape(code) for code in FORBIDDEN_BYTES))


def _refuse_bidi_controls(name: str, data: bytes) -> None:
    """Raise BuildError when a part would carry a bidirectional control: the documents never do (text/controls.py).

    Every input is checked where it is read; this is the last guard, for text
    that reaches a document some other way.
    """
    found = _BIDI_BYTES.search(data) if name.endswith((".xml", ".rels")) else None
    if found is not None:
        character = found.group().decode("utf-8")
        raise BuildError(f"{name} of the document would carry {describe(character)}, an invisible control that reorders "
                         "the text around it; report_gen writes none: remove it from the data, spreadsheet or template it came from")


def _zip_time(moment: dt.datetime) -> tuple[int, int, int, int, int, int]:
    moment = min(max(moment.astimezone(dt.timezone.utc), ZIP_EPOCH), ZIP_END)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def _w3cdtf(moment: dt.datetime) -> str:
    return moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _core_xml(xml: bytes, properties: CoreProperties) -> bytes:
    root = etree.fromstring(xml)

    def put(name: str, text: Optional[str], typed: bool = False) -> None:
        if text is None:
            return
        element = root.find(_qn(name))
        if element is None:
            element = etree.SubElement(root, _qn(name))
        element.text = text or None  # one spelling of empty: <dc:description/>
        if typed:
            element.set(_qn("xsi:type"), "dcterms:W3CDTF")

    stamp = _w3cdtf(properties.moment)
    put("dc:title", properties.title)
    put("dc:subject", properties.subject)
    put("dc:creator", properties.creator)
    put("cp:keywords", properties.keywords)
    put("dc:description", properties.description)
    put("cp:lastModifiedBy", properties.creator)
    put("cp:revision", "1")
    put("dcterms:created", stamp, typed=True)
    put("dcterms:modified", stamp, typed=True)
    put("dc:language", properties.language)
    for name in ("cp:lastPrinted",):
        element = root.find(_qn(name))
        if element is not None:
            root.remove(element)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
