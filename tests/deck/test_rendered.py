"""The default deck as LibreOffice renders it, set as a typesetter would set it: no gap after an opening mark or before
a closing one, no line of one character, and what every card, title and note holds.

Reads the one build and preview of the default data the suite shares (conftest.default_out): the render checks need
LibreOffice and poppler-utils and skip without them; the others read the .pptx.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from report_gen.data.load import load_report
from report_gen.data.written import write_figure
from report_gen.deck.fit import wrap
from report_gen.deck.style import CARD_LOOK
from report_gen.deck.titles import is_type_word
from report_gen.fonts.metrics import Measure
from report_gen.text.cjk import FULL_WIDTH_MARKS, is_mark
from tests.helpers import BEIBEI, rendering_missing
from tests.helpers.slides import all_shapes, descr, kicker_of, notes_of, slide_text, title_of

MISSING = rendering_missing()
needs_libreoffice = pytest.mark.skipif(MISSING is not None, reason=f"LibreOffice rendering not possible here: {MISSING}")
OPENING, CLOSING = "“‘（《〔【", "”’）》〕】"
CARD = re.compile(r"(Figure|Tile|Case|Card) \d+$")


@pytest.fixture(scope="module")
def out(default_out) -> Path:
    return default_out


@pytest.fixture(scope="module")
def deck(out):
    return Presentation(out / "beibei.pptx")


@pytest.fixture(scope="module")
def report():
    return load_report(BEIBEI)


def rendered_lines(pdf: Path) -> list[list[str]]:
    """Return each page's lines of text as LibreOffice laid them out, as pdftotext reads them."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [["".join(re.findall(r">([^<]*)</word>", line)) for line in re.findall(r"<line [^>]*>(.*?)</line>", page, re.S)]
            for page in xml.split("<page ")[1:]]


@needs_libreoffice
def test_no_gap_after_an_opening_mark_or_before_a_closing_one_as_rendered(out):
    text = subprocess.run(["pdftotext", str(out / "preview" / "deck.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    gaps = re.findall(rf"\S?[{OPENING}][ \t]+\S|\S[ \t]+[{CLOSING}]", text)
    assert gaps == []
    assert "“1+3+X”" in text.replace("\n", "")


@needs_libreoffice
def test_no_rendered_line_holds_a_single_character(out):
    stranded = []
    for number, lines in enumerate(rendered_lines(out / "preview" / "deck.pdf"), start=1):
        for line in lines:
            core = re.sub(rf"[●\s，。、；：？！{OPENING}{CLOSING}{FULL_WIDTH_MARKS}]", "", line)
            if len(core) == 1 and re.match(r"[\u3400-\u9fff]", core):
                stranded.append((number, line))
    assert stranded == []


def test_no_content_title_is_a_type_word_and_no_two_are_alike(deck):
    titles = [title_of(slide) for slide in deck.slides]
    assert len(set(titles)) == len(titles)
    assert not [title for slide, title in zip(deck.slides, titles) if kicker_of(slide) and is_type_word(title)]


def test_no_slide_shows_more_than_eight_figures(deck, report):
    for slide in deck.slides:
        if title_of(slide).startswith("工作概览"):
            continue  # the overview's headlines, one a theme
        shown = slide_text(slide) + "".join(descr(shape) or "" for shape in slide.shapes)
        figures = [figure for _, figure in report.all_figures()
                   if write_figure(figure) in shown and (figure.label in shown or figure.axis_label in shown)]
        assert len(figures) <= 8, title_of(slide)


def test_the_whole_deck_s_notes_fit_a_fifteen_minute_talk(deck, report):
    assert report.style.deck.minutes == 15
    assert sum(len(notes_of(slide).replace("\n", "")) for slide in deck.slides) <= 3500


def test_every_card_is_drawn_one_way_a_pale_card_under_an_accent_band(deck):
    kinds = set()
    for slide in deck.slides:
        shapes = {shape.name: shape for shape in all_shapes(slide.shapes)}
        for name, card in shapes.items():
            if not CARD.fullmatch(name):
                continue
            kinds.add(name.split()[0])
            band = shapes[f"{name} band"]
            assert (band.left, band.top, band.width, band.height) == (card.left, card.top, card.width, CARD_LOOK.band_height)
            fills = [shape.fill.fore_color.theme_color for shape in (card, band)]
            assert fills == [CARD_LOOK.fill, CARD_LOOK.band], name
        assert not [name for name in shapes if name.endswith(" bar") and not name.startswith(("Panel", "Source"))], \
            "no key figure or case is drawn with a bar down its side"
    assert kinds == {"Figure", "Tile", "Case", "Card"}


def test_chinese_marks_are_runs_of_their_own_in_the_chinese_face(deck):
    checked = 0
    for slide in deck.slides:
        for run in slide._element.iter(qn("a:r")):
            text = run.findtext(qn("a:t")) or ""
            if any(char in FULL_WIDTH_MARKS for char in text):
                assert is_mark(text), text
                rPr = run.find(qn("a:rPr"))
                assert rPr.find(qn("a:latin")).get("typeface") == rPr.find(qn("a:ea")).get("typeface") == "微软雅黑"
                checked += 1
    assert checked > 20


def test_no_bulleted_point_ends_in_a_line_of_one_character_at_its_measure(deck):
    measure = Measure("Arial", "微软雅黑")
    checked = 0
    for slide in deck.slides:
        for shape in slide.shapes:
            if not shape.name.endswith(" points"):
                continue
            for paragraph in shape.text_frame.paragraphs:
                pPr = paragraph._p.pPr
                width = Emu(shape.width - int(pPr.get("marL", "0")) - int(pPr.get("marR", "0"))).pt
                size = paragraph.runs[0].font.size.pt
                lines = wrap(measure, [(paragraph.text, False)], size, width)
                assert len(lines) == 1 or len(lines[-1].text.strip("，。；：”’）")) > 1, paragraph.text
                checked += 1
    assert checked > 30
