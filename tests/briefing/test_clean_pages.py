"""Clean pages, as LibreOffice lays them out, and the page estimate held to LibreOffice's pages and lines.

The default briefing (the suite's shared build and preview), the same data
as a 简报, and the district fixture, each rendered once: no page ends more
than five lines early while its section goes on, no paragraph's last line
holds one character and its mark, no justified line is spread into
spaced-out characters, and the estimate that places the figures and tracks
the paragraphs breaks pages and lines where LibreOffice does. Skipped where
LibreOffice or poppler is not installed.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from tests.helpers import BEIBEI, FIXTURES, rendering_missing
from tests.helpers.rendered import early_pages, read_rendered, short_last_lines, spaced_lines
from report_gen.briefing.pagination import estimate_pages, lay_out_lines
from report_gen.cli import main
from report_gen.ooxml.flow import FlowParagraph, read_flow

pytestmark = pytest.mark.skipif(bool(rendering_missing()), reason=rendering_missing() or "")

DISTRICT = FIXTURES / "district" / "district.yaml"


@pytest.fixture(scope="module")
def briefings(default_out, tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    """Each briefing's .docx and the PDF LibreOffice made of it, by case."""
    made = {"gbt9704": (default_out / "beibei.docx", default_out / "preview" / "briefing.pdf")}
    for case, data, extra in (("jianbao", BEIBEI, ["--preset", "jianbao"]), ("district", DISTRICT, [])):
        out = tmp_path_factory.mktemp(case) / "out"
        assert main(["build", str(data), "--out", str(out), "--only", "docx", "--pdf", "--quiet", *extra]) == 0
        built = next(out.glob("*.docx"))
        made[case] = (built, built.with_suffix(".pdf"))
    return made


CASES = ["gbt9704", "jianbao", "district"]


@pytest.mark.parametrize("case", CASES)
def test_no_page_ends_more_than_five_lines_early_while_its_section_goes_on(briefings, case):
    docx_path, pdf = briefings[case]
    assert early_pages(read_rendered(pdf, docx_path)) == []


@pytest.mark.parametrize("case", CASES)
def test_no_paragraph_ends_with_a_line_of_one_character(briefings, case):
    docx_path, pdf = briefings[case]
    assert short_last_lines(read_rendered(pdf, docx_path)) == []


@pytest.mark.parametrize("case", CASES)
def test_no_line_is_justified_into_spaced_out_characters(briefings, case):
    docx_path, pdf = briefings[case]
    assert spaced_lines(read_rendered(pdf, docx_path)) == []


@pytest.mark.parametrize("case", CASES)
def test_the_estimate_puts_every_section_on_the_page_libreoffice_does(briefings, case):
    docx_path, pdf = briefings[case]
    document = docx.Document(str(docx_path))
    estimate = estimate_pages(document)
    rendered = read_rendered(pdf, docx_path)
    assert estimate.pages == len(rendered.pages)
    for heading in (p for p in document.paragraphs if p.style.name == "Heading 1" and p.text.strip()):
        wanted = re.sub(r"\s", "", heading.text)
        pages = [page.number for page in rendered.pages if any(re.sub(r"\s", "", line.text) == wanted for line in page.lines)]
        assert estimate.page_of(heading._p) in pages, heading.text


def _norm(text: str) -> str:
    return re.sub(r"[\s\u2060\u3000]", "", text)


@pytest.mark.parametrize("case, share", [("gbt9704", 0.85), ("jianbao", 0.85), ("district", 0.6)])
def test_the_estimate_breaks_most_lines_where_libreoffice_does(briefings, case, share):
    """Each line of a body paragraph of two lines or more, as the estimate breaks it, is a line of the PDF."""
    docx_path, pdf = briefings[case]
    rendered = {_norm(line.text) for page in read_rendered(pdf, docx_path).pages for line in page.lines}
    flow = read_flow(docx.Document(str(docx_path)))
    estimated = [
        _norm(line.text)
        for block in flow.blocks
        if isinstance(block, FlowParagraph) and not any(piece.picture for piece in block.pieces)
        for line in lay_out_lines(block, flow.width)
        if len(lay_out_lines(block, flow.width)) > 1
    ]
    matched = sum(1 for line in estimated if line in rendered)
    assert len(estimated) > 30 and matched >= share * len(estimated), (matched, len(estimated))
