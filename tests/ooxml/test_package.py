"""Normalising an Office package: entries in a fixed order, one date, fixed attributes, and core properties that say what the report is."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from report_gen.ooxml.package import CONTENT_TYPES, CORE_PROPERTIES, CoreProperties, normalise_package

CORE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        b'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        b'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>python-docx</dc:creator></cp:coreProperties>')


def package(order: list[str]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for name in order:
            archive.writestr(name, CORE if name == CORE_PROPERTIES else b"<x/>")
    return stream.getvalue()


MOMENT = dt.datetime(2021, 5, 1, tzinfo=dt.timezone.utc)


def test_the_same_content_in_any_order_gives_the_same_bytes():
    names = ["word/document.xml", CORE_PROPERTIES, CONTENT_TYPES, "_rels/.rels"]
    first = normalise_package(package(names), CoreProperties(MOMENT, title="简报"))
    second = normalise_package(package(list(reversed(names))), CoreProperties(MOMENT, title="简报"))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.namelist()[:2] == [CONTENT_TYPES, "_rels/.rels"]
        assert {info.date_time for info in archive.infolist()} == {(2021, 5, 1, 0, 0, 0)}


def test_the_core_properties_say_what_the_report_is_and_when():
    normalised = normalise_package(package([CONTENT_TYPES, CORE_PROPERTIES]), CoreProperties(MOMENT, title="简报", creator="示例区委"))
    with zipfile.ZipFile(io.BytesIO(normalised)) as archive:
        core = archive.read(CORE_PROPERTIES).decode("utf-8")
    assert "<dc:title>简报</dc:title>" in core and "<dc:creator>示例区委</dc:creator>" in core
    assert "2021-05-01T00:00:00Z" in core and "python-docx" not in core
