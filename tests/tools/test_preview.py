"""Readers nobody here wrote: openxml-audit checks the default report's documents against the OOXML schemas,
and LibreOffice opens and converts them, through `report_gen preview`.

The default report is built and previewed once for the module (LibreOffice
takes 10-20 s a document). Without LibreOffice or poppler the conversion
tests skip, saying what is missing; the schema checks still run.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation

from tests.helpers import FIXTURES, PREVIEW_STDERR_NAME, rendering_missing
from report_gen.convert import libreoffice
from report_gen.tools import preview as preview_module
from report_gen.cli import main
from report_gen.tools.preview import CONTACT_SHEET, SHEET_WIDTH, contact_sheet

SMALL = FIXTURES / "corpus_base.yaml"


MISSING = rendering_missing()


@pytest.fixture(scope="module")
def out(default_out) -> Path:
    """out/ after `report_gen preview` of the default data, or after `build` when LibreOffice is missing."""
    return default_out


needs_libreoffice = pytest.mark.skipif(MISSING is not None, reason=f"LibreOffice rendering not possible here: {MISSING}")


def pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.mark.parametrize("name", ["beibei.docx", "beibei.pptx"])
def test_the_documents_have_no_schema_errors(out, name):
    audit = pytest.importorskip("openxml_audit")
    result = audit.OpenXmlValidator().validate(str(out / name))
    schema = [str(error) for error in result.errors if error.error_type.value == "schema"]
    assert schema == []


@needs_libreoffice
def test_libreoffice_converts_the_deck_one_page_per_slide(out):
    slides = len(Presentation(out / "beibei.pptx").slides)
    assert slides > 3
    assert pdf_pages(out / "preview" / "deck.pdf") == slides
    assert len(list((out / "preview").glob("deck-*.png"))) == slides


@needs_libreoffice
def test_libreoffice_converts_the_briefing_to_a_few_pages(out):
    pages = pdf_pages(out / "preview" / "briefing.pdf")
    assert 2 <= pages <= 60
    images = sorted((out / "preview").glob("briefing-*.png"))
    assert [image.name for image in images] == [f"briefing-{n:02d}.png" for n in range(1, pages + 1)]
    with Image.open(images[0]) as first:
        assert abs(first.width / first.height - 210 / 297) < 0.01, "pages are A4 portrait"


@needs_libreoffice
def test_preview_after_a_build_renders_what_the_folder_holds(out):
    said = (out.parent / PREVIEW_STDERR_NAME).read_text(encoding="utf-8").splitlines()
    assert any("nothing changed" in line for line in said), "the preview's build found the documents as the build left them"
    assert f"rendering {out / 'beibei.docx'}, {out / 'beibei.pptx'} with LibreOffice into {out / 'preview'}" in said
    assert said[-1].startswith("wrote page images (beibei.docx ")


@needs_libreoffice
def test_the_contact_sheet_shows_every_page(out):
    with Image.open(out / "preview" / CONTACT_SHEET) as sheet:
        assert sheet.format == "PNG"
        assert sheet.width == SHEET_WIDTH
        assert sheet.height > 600


def png(size: tuple[int, int]) -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", size, "white").save(stream, format="PNG")
    return stream.getvalue()


def test_contact_sheet_lays_pages_out_in_labelled_rows():
    pages = [png((210, 297))] * 3 + [png((320, 180))] * 9
    sheet = Image.open(io.BytesIO(contact_sheet([("briefing: 3 pages", pages[:3]), ("deck: 9 slides", pages[3:])])))
    assert sheet.width == SHEET_WIDTH
    single_row = preview_module.THUMBNAIL_HEIGHT + 2 * preview_module.MARGIN + 30
    assert sheet.height > 2 * single_row, "the nine slides wrap onto a second row"


def test_preview_says_what_to_install_before_building(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv(libreoffice.SOFFICE_ENV, raising=False)
    monkeypatch.setattr(libreoffice.shutil, "which", lambda name: None)
    monkeypatch.setattr(libreoffice, "SOFFICE_PLACES", ())
    out = tmp_path / "out"
    assert main(["preview", str(SMALL), "--out", str(out)]) == 1
    stderr = capsys.readouterr().err
    assert stderr.startswith("error: preview needs LibreOffice (soffice)")
    assert "libreoffice-writer" in stderr and "poppler-utils" in stderr
    assert not out.exists(), "nothing is built when the preview cannot be made"
