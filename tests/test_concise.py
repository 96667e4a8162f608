"""The default build is concise and loses nothing: at most 24 slides and 20 pages of text as LibreOffice lays them out
(then at most the 版记's unnumbered page and a blank one), every figure's written form in the briefing and on the
deck's slides or notes, no key-figure tile as a picture, no page of text left mostly empty, and a contents page,
when asked for, in step with LibreOffice's layout.

Reads the one build of the default data the suite shares (conftest.default_out); the page counts and the
layout checks need LibreOffice and poppler-utils and skip without them.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from pptx import Presentation

from tests.helpers import BEIBEI, rendering_missing
from tests.helpers.documents import docx_text
from tests.helpers.slides import all_shapes, descr, notes_of, slide_text
from report_gen.data.load import load_report
from report_gen.data.model import ChartKind
from report_gen.briefing.pagination import estimate_pages
from report_gen.data.written import write_figure

MISSING = rendering_missing()
needs_libreoffice = pytest.mark.skipif(MISSING is not None, reason=f"LibreOffice rendering not possible here: {MISSING}")
MM = 72 / 25.4
TEXT_TOP, TEXT_BOTTOM = 37 * MM, (37 + 225) * MM
"""The GB/T 9704 text area's top and bottom on the page, in points from the top."""


@pytest.fixture(scope="module")
def out(default_out) -> Path:
    return default_out


@pytest.fixture(scope="module")
def report():
    return load_report(BEIBEI)


def pdf_pages(pdf: Path) -> list[str]:
    """Return the bounding-box XML of each page of a PDF, as pdftotext writes it."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return xml.split("<page ")[1:]


def words(page: str) -> list[tuple[float, str]]:
    return [(float(y), word) for y, word in re.findall(r'yMax="([\d.]+)">([^<]*)</word>', page)]


def test_the_default_deck_has_at_most_24_slides(out):
    assert len(Presentation(out / "beibei.pptx").slides) <= 24


@needs_libreoffice
def test_the_default_briefing_has_at_most_20_pages_as_libreoffice_lays_it_out(out):
    """20 numbered pages of text at most; after them only the 版记's own page and a blank page, both unnumbered (GB/T 9704 7.5)."""
    pages = pdf_pages(out / "preview" / "briefing.pdf")
    text_pages = numbered(pages)
    unnumbered = pages[len(text_pages):]
    assert len(text_pages) <= 20 and pages[:len(text_pages)] == text_pages, "the numbered pages come first"
    assert len(unnumbered) <= 2 and "印发" in "".join(w for _, w in words(pages[-1]))
    assert len(pdf_pages(out / "preview" / "deck.pdf")) == len(Presentation(out / "beibei.pptx").slides)


def test_every_figure_s_written_form_is_in_the_briefing(out, report):
    text = docx_text(docx.Document(out / "beibei.docx"))
    assert [figure.id for _, figure in report.all_figures() if write_figure(figure) not in text] == []


def test_every_figure_s_written_form_is_on_the_deck_s_slides_or_in_its_notes(out, report):
    deck = Presentation(out / "beibei.pptx")
    described = [descr(shape) or "" for slide in deck.slides for shape in all_shapes(slide.shapes)]
    text = "\n".join([slide_text(slide) + "\n" + notes_of(slide) for slide in deck.slides] + described)
    assert [figure.id for _, figure in report.all_figures() if write_figure(figure) not in text] == []


def test_no_picture_in_either_document_is_a_key_figure_tile(out, report):
    tiles = {chart.id for _, chart in report.all_charts() if chart.kind is ChartKind.TILE}
    document = docx.Document(out / "beibei.docx")
    descriptions = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert descriptions and not [d for d in descriptions if d.startswith("关键数字：")]
    deck = Presentation(out / "beibei.pptx")
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    assert pictures and not [p.name for p in pictures if p.name.removeprefix("Chart ") in tiles]


def numbered(pages: list[str]) -> list[str]:
    """The pages that print a page number `— N —`: the text's, not the 版记's page or the blank page before it."""
    return [page for page in pages if re.search(r"—\s*\d+\s*—", " ".join(word for _, word in words(page)))]


@needs_libreoffice
def test_no_page_but_the_last_is_left_mostly_empty(out):
    pages = numbered(pdf_pages(out / "preview" / "briefing.pdf"))
    for number, page in enumerate(pages[:-1], start=1):
        lowest = max(y for y, _ in words(page) if y < TEXT_BOTTOM + 3)
        assert (lowest - TEXT_TOP) / (TEXT_BOTTOM - TEXT_TOP) > 0.5, f"page {number} is mostly empty"


@needs_libreoffice
def test_the_contents_and_the_estimate_give_the_pages_libreoffice_lays_out(tmp_path):
    """The default data with its contents asked for: under 30 pages the default briefing has none."""
    from report_gen.cli import main

    data = tmp_path / "beibei.yaml"
    data.write_text(BEIBEI.read_text(encoding="utf-8") + "\nstyle:\n  briefing:\n    toc: true\n", encoding="utf-8")
    assert main(["build", str(data), "--only", "docx", "--pdf", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    document = docx.Document(tmp_path / "out" / "beibei.docx")
    estimate = estimate_pages(document)
    text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "out" / "beibei.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [{re.sub(r"\s+", "", line) for line in page.splitlines()} for page in text.split("\f")[:-1]]
    assert estimate.pages == len(pages)
    listed = {p.text.split("\t")[0]: int(p.text.split("\t")[1]) for p in document.paragraphs if p.style.name.startswith("toc")}
    assert len(listed) == 9
    for heading in (p for p in document.paragraphs if p.style.name == "Heading 1"):
        rendered_on = next(number for number, lines in enumerate(pages[1:], start=2) if heading.text in lines)
        assert rendered_on == listed[heading.text] == estimate.page_of(heading._p), heading.text
