"""Reproducible builds: the same data gives the same bytes, dated by the report or by SOURCE_DATE_EPOCH."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from tests.helpers import FIXTURES
from report_gen.pipeline import BuildOptions, build
from report_gen.errors import BuildError
from report_gen.ooxml.package import SOURCE_DATE_EPOCH, CoreProperties, build_moment, normalise_package

SMALL = FIXTURES / "corpus_base.yaml"
"""A small report (one chart): two builds of it take seconds."""
EPOCH = 1_700_000_000
"""2023-11-14 22:13:20 UTC."""


def files_under(folder: Path) -> dict[str, bytes]:
    """The outputs under a folder; the cache beside them (out/.cache/) is no output."""
    files = (path for path in sorted(folder.rglob("*")) if path.is_file() and ".cache" not in path.relative_to(folder).parts)
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in files}


def build_into(out: Path, data: Path = SMALL, epoch: int | None = None) -> dict[str, bytes]:
    with pytest.MonkeyPatch.context() as patch:
        if epoch is None:
            patch.delenv(SOURCE_DATE_EPOCH, raising=False)
        else:
            patch.setenv(SOURCE_DATE_EPOCH, str(epoch))
        build(BuildOptions(data=data, out_dir=out))
    return files_under(out)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    return build_into(tmp_path_factory.mktemp("first")), build_into(tmp_path_factory.mktemp("second"))


def core_xml(package: bytes) -> str:
    return zipfile.ZipFile(io.BytesIO(package)).read("docProps/core.xml").decode("utf-8")


def test_two_builds_are_byte_identical(two_builds):
    first, second = two_builds
    assert {name for name in first if name.endswith((".docx", ".pptx", ".png"))} >= {"corpus.docx", "corpus.pptx", "charts/key_figures.png"}
    assert list(first) == list(second)
    assert [name for name in first if first[name] != second[name]] == []


@pytest.mark.parametrize("name", ["corpus.docx", "corpus.pptx"])
def test_every_entry_is_dated_with_the_report_date(two_builds, name):
    entries = zipfile.ZipFile(io.BytesIO(two_builds[0][name])).infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert {entry.date_time for entry in entries} == {(2021, 5, 1, 0, 0, 0)}
    names = [entry.filename for entry in entries[2:]]
    assert names == sorted(names)


@pytest.mark.parametrize("name", ["corpus.docx", "corpus.pptx"])
def test_both_documents_say_what_the_report_is_and_nothing_of_the_tools(two_builds, name):
    data = two_builds[0][name]
    properties = (Document if name.endswith(".docx") else Presentation)(io.BytesIO(data)).core_properties
    assert properties.title == "示例区工作简报"
    assert properties.author == properties.last_modified_by == "示例区委办公室"
    naive = [moment.replace(tzinfo=None) for moment in (properties.created, properties.modified)]  # python-docx adds UTC
    assert naive == [dt.datetime(2021, 5, 1)] * 2
    assert properties.revision == 1
    assert "python-pptx" not in core_xml(data) and "Steve Canny" not in core_xml(data)


@pytest.mark.parametrize("name", ["corpus.docx", "corpus.pptx"])
def test_built_documents_pass_the_ooxml_schemas(two_builds, name, tmp_path):
    audit = pytest.importorskip("openxml_audit")
    path = tmp_path / name
    path.write_bytes(two_builds[0][name])
    result = audit.OpenXmlValidator().validate(str(path))
    assert [str(error) for error in result.errors if error.error_type.value == "schema"] == []


def test_source_date_epoch_dates_the_documents_and_their_entries(tmp_path):
    built = build_into(tmp_path / "epoch", SMALL, epoch=EPOCH)
    for name in ("corpus.docx", "corpus.pptx"):
        assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2023-11-14T22:13:20Z</dcterms:created>" in core_xml(built[name])
        assert "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2023-11-14T22:13:20Z</dcterms:modified>" in core_xml(built[name])
        entries = zipfile.ZipFile(io.BytesIO(built[name])).infolist()
        assert {entry.date_time for entry in entries} == {(2023, 11, 14, 22, 13, 20)}


def test_without_source_date_epoch_the_report_date_is_used():
    assert build_moment(dt.date(2021, 5, 1), {}) == dt.datetime(2021, 5, 1, tzinfo=dt.timezone.utc)
    assert build_moment(dt.date(2021, 5, 1), {SOURCE_DATE_EPOCH: str(EPOCH)}) == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)


@pytest.mark.parametrize("value", ["yesterday", "-5", "1.5", "99999999999999999999"])
def test_a_malformed_source_date_epoch_is_a_message(value):
    with pytest.raises(BuildError, match=SOURCE_DATE_EPOCH):
        build_moment(dt.date(2021, 5, 1), {SOURCE_DATE_EPOCH: value})


def test_times_a_zip_cannot_hold_are_clamped_but_the_properties_keep_them(two_builds):
    moment = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    package = normalise_package(two_builds[0]["corpus.pptx"], CoreProperties(moment))
    assert {entry.date_time for entry in zipfile.ZipFile(io.BytesIO(package)).infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "1970-01-01T00:00:00Z" in core_xml(package)


def test_normalising_twice_changes_nothing(two_builds):
    properties = CoreProperties(dt.datetime(2021, 5, 1, tzinfo=dt.timezone.utc))
    once = two_builds[0]["corpus.docx"]
    assert normalise_package(once, properties) == once

