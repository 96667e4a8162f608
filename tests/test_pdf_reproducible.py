"""`build --pdf` gives the same bytes every time: LibreOffice's clock date, random /ID and checksum are rewritten."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest

from tests.helpers import MINI, ROOT
from report_gen.convert.libreoffice import find_soffice, reproducible_pdf

MOMENT = dt.datetime(2021, 5, 1, tzinfo=dt.timezone.utc)


def libreoffice_pdf(clock: str, document_id: str, checksum: str) -> bytes:
    """A PDF trailer and info dictionary as LibreOffice writes them, with a given clock, /ID and checksum."""
    return (
        b"%PDF-1.6\n1 0 obj\n<</Title<FEFF>\n/Creator<FEFF0057>\n/CreationDate(D:" + clock.encode() + b"Z')>>\nendobj\n"
        b"xref\n0 2\ntrailer\n<</Size 2/Info 1 0 R\n/ID [ <" + document_id.encode() + b">\n<" + document_id.encode()
        + b"> ]\n/DocChecksum /" + checksum.encode() + b"\n>>\nstartxref\n9\n%%EOF\n"
    )


def test_two_conversions_that_differ_only_in_clock_and_id_become_the_same_bytes():
    first = libreoffice_pdf("20261127142906", "4F7DA48BBB43A5B5F00B49161DF7BBD1", "D00FBF808044B4120D066C4924143474")
    second = libreoffice_pdf("20261127143015", "0123456789ABCDEF0123456789ABCDEF", "FEDCBA9876543210FEDCBA9876543210")
    made = reproducible_pdf(first, MOMENT)
    assert made == reproducible_pdf(second, MOMENT)
    assert len(made) == len(first), "no offset in the file moves"
    assert b"/CreationDate(D:20210501000000Z')" in made
    (identifier,) = set(re.findall(rb"<([0-9A-F]{32})>", made))
    assert identifier not in first and re.search(rb"/DocChecksum /" + identifier, made)


def test_a_different_document_gets_a_different_id():
    one = reproducible_pdf(libreoffice_pdf("20261127142906", "0" * 32, "1" * 32), MOMENT)
    other = reproducible_pdf(libreoffice_pdf("20261127142906", "0" * 32, "1" * 32).replace(b"<FEFF0057>", b"<FEFF0058>"), MOMENT)
    assert re.findall(rb"<([0-9A-F]{32})>", one) != re.findall(rb"<([0-9A-F]{32})>", other)


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is needed to convert the briefing")
def test_build_pdf_twice_gives_the_same_bytes_dated_by_source_date_epoch(tmp_path):
    environment = dict(os.environ, SOURCE_DATE_EPOCH="1620000000", PYTHONPATH=str(ROOT))
    pdfs = []
    for run in ("first", "second"):
        command = [sys.executable, "-m", "report_gen", "build", str(MINI), "--out", str(tmp_path / run), "--only", "docx", "--pdf", "--quiet"]
        finished = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
        assert finished.returncode == 0, finished.stderr
        pdfs.append((tmp_path / run / "mini.pdf").read_bytes())
    assert pdfs[0] == pdfs[1]
    assert b"/CreationDate(D:20210503000000" in pdfs[0]
