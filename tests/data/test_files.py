"""Inputs are read as regular files of bounded size: FIFOs, devices and links to them are refused unread."""

from __future__ import annotations

import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest

from tests.helpers import MINI
from report_gen.cli import main
from report_gen.data.files import InputRefused, Reads, changed_reads, check_zip_package, digest_now, read_regular, require_regular
from report_gen.errors import ReportError

POSIX = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")


def reason(path: Path, limit: int = 1000) -> str:
    with pytest.raises(InputRefused) as caught:
        read_regular(path, limit)
    return caught.value.reason


def test_a_regular_file_is_read(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"abc")
    assert read_regular(tmp_path / "a.txt", 3) == b"abc"


def test_a_missing_file_a_folder_and_an_oversized_file(tmp_path):
    (tmp_path / "big").write_bytes(b"x" * 2048)
    assert reason(tmp_path / "absent") == "no such file"
    assert reason(tmp_path) in ("is a folder, not a file", "is a folder, not a regular file; report_gen reads only regular files")
    assert reason(tmp_path / "big", 1024) == "is larger than 1 KB (2048 bytes); at most 1 KB is read"


@POSIX
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    assert reason(tmp_path / "pipe") == "is a FIFO (named pipe), not a regular file; report_gen reads only regular files"


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_and_a_link_to_it_are_refused_unread(tmp_path):
    (tmp_path / "zero").symlink_to("/dev/zero")
    expected = "is a character device, not a regular file; report_gen reads only regular files"
    assert reason(Path("/dev/zero")) == expected
    assert reason(tmp_path / "zero") == expected
    with pytest.raises(InputRefused):
        require_regular(tmp_path / "zero", 10**9)


@POSIX
def test_validate_refuses_a_fifo_as_the_data_file(tmp_path, capsys):
    os.mkfifo(tmp_path / "data.yaml")
    assert main(["validate", str(tmp_path / "data.yaml")]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{tmp_path / 'data.yaml'}: is a FIFO (named pipe), not a regular file; report_gen reads only regular files"
    )


@POSIX
@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_validate_refuses_a_source_text_linked_to_dev_zero(tmp_path, capsys):
    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "a.txt").symlink_to("/dev/zero")
    (sources / "b.txt").write_text("", encoding="utf-8")
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text(encoding="utf-8").replace('    date: "2022"\n', '    date: "2022"\n    file: a.txt\n'), encoding="utf-8")
    assert main(["validate", str(data), "--sources", str(sources)]) == 1
    assert f"{sources / 'a.txt'}: is a character device, not a regular file" in capsys.readouterr().err


def zip_of(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def test_a_package_that_unpacks_past_its_limit_is_refused_before_unpacking(tmp_path):
    data = zip_of({"ppt/media/zeros.bin": b"\0" * 3_000_000})
    assert len(data) < 10_000
    with pytest.raises(InputRefused) as caught:
        check_zip_package(tmp_path / "bomb.pptx", data, expanded_limit=1_000_000)
    assert caught.value.reason == "unpacks to 2 MB; at most 976 KB is unpacked"


def test_a_package_with_corrupt_compressed_data_is_refused(tmp_path):
    data = bytearray(zip_of({"ppt/presentation.xml": b"<p>" + b"x" * 5000 + b"</p>"}))
    middle = data.index(b"PK\x01\x02") // 2
    data[middle:middle + 8] = b"\xff" * 8
    with pytest.raises(InputRefused) as caught:
        check_zip_package(tmp_path / "corrupt.pptx", bytes(data))
    assert caught.value.reason.startswith("its zip cannot be read: ")


def test_a_package_part_declaring_entities_is_refused(tmp_path):
    bomb = b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><p>&b;</p>'
    with pytest.raises(InputRefused) as caught:
        check_zip_package(tmp_path / "entities.pptx", zip_of({"ppt/presentation.xml": bomb}))
    assert caught.value.reason == "part ppt/presentation.xml declares a DTD (<!DOCTYPE>), which Office files never do; refused"


def test_a_spreadsheet_of_figures_that_unpacks_too_far_is_refused_located(tmp_path, capsys):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        with package.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for _ in range(110):
                part.write(b"\0" * (1 << 20))
    (tmp_path / "bomb.xlsx").write_bytes(buffer.getvalue())
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text(encoding="utf-8").replace("sources:\n", "figure_files: [bomb.xlsx]\n\nsources:\n", 1), encoding="utf-8")
    assert main(["validate", str(data)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{data}:12: figure_files[0]: bomb.xlsx: cannot be read as an Excel workbook (.xlsx): unpacks to 110 MB; at most 100 MB is unpacked"
    )


@POSIX
def test_a_spreadsheet_of_figures_that_is_a_fifo_is_refused_unread(tmp_path, capsys):
    os.mkfifo(tmp_path / "figures.csv")
    data = tmp_path / "mini.yaml"
    data.write_text(MINI.read_text(encoding="utf-8").replace("sources:\n", "figure_files: [figures.csv]\n\nsources:\n", 1), encoding="utf-8")
    assert main(["validate", str(data)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{data}:12: figure_files[0]: figures.csv: is a FIFO (named pipe), not a regular file; report_gen reads only regular files"
    )


def test_validate_and_build_refuse_a_zip_bomb_given_as_the_deck_template(tmp_path, capsys):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        with package.open("ppt/media/image1.bin", "w", force_zip64=True) as part:
            for _ in range(210):
                part.write(b"\0" * (1 << 20))
    bomb = tmp_path / "bomb.pptx"
    bomb.write_bytes(buffer.getvalue())
    expected = f"error: PowerPoint template {bomb}: not a .pptx file: unpacks to 210 MB; at most 200 MB is unpacked"
    assert main(["validate", str(MINI), "--pptx-template", str(bomb)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == expected
    assert main(["build", str(MINI), "--out", str(tmp_path / "out"), "--pptx-template", str(bomb), "--quiet"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == expected
    assert not (tmp_path / "out").exists()


# -- the one reader of a build ---------------------------------------------------------


def test_the_reader_reads_a_file_once_and_records_the_bytes_it_returned(tmp_path):
    path = tmp_path / "data.yaml"
    path.write_bytes(b"first")
    reads = Reads()
    assert reads.read(path, 100, "data") == b"first"
    path.write_bytes(b"second, saved meanwhile")
    assert reads.read(path, 100, "data") == b"first", "a build sees one version of a file"
    assert reads.record() == {str(path): hashlib.sha256(b"first").hexdigest()}
    assert list(changed_reads(reads.entries())) == [str(path)], "and the next build sees the change"


def test_the_reader_records_what_it_looked_for_and_did_not_find(tmp_path):
    reads = Reads()
    reads.missing(tmp_path / "own" / "theme.md.j2", "template")
    with pytest.raises(InputRefused):
        reads.read(tmp_path / "figures.xlsx", 100, "sheet")
    assert reads.record() == {str(tmp_path / "figures.xlsx"): None, str(tmp_path / "own" / "theme.md.j2"): None}
    assert list(changed_reads(reads.entries())) == []
    (tmp_path / "figures.xlsx").write_bytes(b"now there")
    assert list(changed_reads(reads.entries())) == [str(tmp_path / "figures.xlsx")]


def test_a_fingerprint_hashes_a_file_another_library_opens(tmp_path):
    font = tmp_path / "font.ttf"
    font.write_bytes(b"\0" * 3_000_000)
    reads = Reads()
    assert reads.fingerprint(font, 10_000_000) == hashlib.sha256(font.read_bytes()).hexdigest() == digest_now(font)
    assert reads.record(kinds=("font",)) == {str(font): digest_now(font)}
    assert reads.record(kinds=("template",)) == {}


@POSIX
def test_checking_a_recorded_file_again_never_waits_on_a_fifo(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    assert digest_now(tmp_path / "pipe") is None


def test_an_output_never_replaces_an_input(tmp_path):
    data = tmp_path / "report.yaml"
    data.write_bytes(b"report: {}")
    reads = Reads()
    reads.read(data, 100, "data")
    with pytest.raises(ReportError, match=r"report\.yaml: is the data file .*choose another --output"):
        reads.refuse_overwriting([data], "--output")
    if hasattr(os, "symlink"):
        os.symlink(data, tmp_path / "link.yaml")
        with pytest.raises(ReportError, match="is the data file"):
            reads.refuse_overwriting([tmp_path / "link.yaml"], "--output")
    with pytest.raises(ReportError, match="is a Word template"):
        reads.refuse_overwriting([tmp_path / "office.docx"], "--out", {tmp_path / "office.docx": "docx template"})
    reads.refuse_overwriting([tmp_path / "out" / "report.docx"], "--out")
