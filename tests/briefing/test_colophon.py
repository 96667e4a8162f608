"""The 公文 form's 主送 and 版记, and where a 版记 or a 简报's 报尾 goes (GB/T 9704 §7.3.2, §7.4, §7.5).

Each briefing is reopened and read as a typist would check it; the
placement rules are pinned on plain documents whose length is known, and
LibreOffice's rendering of the default data, in both presets, shows the
pages as a reader gets them.
"""

from __future__ import annotations

import io
import re
import subprocess

import pytest
import yaml
from docx import Document
from docx.oxml.ns import qn

from tests.helpers import BEIBEI, MINI, rendering_missing
from tests.helpers.documents import stand_in_charts
from report_gen.briefing import briefing_bytes
from report_gen.briefing.colophon import imprint_lines, place_at_foot
from report_gen.briefing.layout import layout_of
from report_gen.cli import main
from report_gen.data.model import Imprint, Report
from report_gen.data.style import BriefingPreset
from report_gen.narrative import Narrative
from report_gen.briefing.pagination import estimate_pages

IMPRINT = {"copy_to": ["区委办公室", "区政府办公室"], "issued_by": "示例区委组织部办公室", "issued_on": "2021-05-02"}
ADDRESSEE = "各镇街党（工）委，区级各部门"


def mini_with(**report) -> dict:
    raw = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    raw["report"].update(report)
    return raw


def reopened(raw: dict, **options):
    report = Report.model_validate(raw)
    return Document(io.BytesIO(briefing_bytes(report, Narrative(report), stand_in_charts(report), **options)))


def footer_texts(section) -> list[str]:
    return [footer.paragraphs[0].text for footer in (section.footer, section.even_page_footer, section.first_page_footer)]


def has_page_field(section) -> bool:
    footers = (section.footer, section.even_page_footer, section.first_page_footer)
    return any("PAGE" in (instr.text or "") for footer in footers if not footer.is_linked_to_previous
               for instr in footer._element.iter(qn("w:instrText")))


# -- 主送 ---------------------------------------------------------------------------


def test_the_addressee_stands_under_the_title_block_flush_left_ending_with_a_colon():
    document = reopened(mini_with(addressee=ADDRESSEE))
    texts = [p.text for p in document.paragraphs]
    at = texts.index(ADDRESSEE + "：")
    assert texts[at - 1] == "2021年5月1日", "after the title, issuer and date"
    assert document.paragraphs[at + 1].text.startswith("一、")
    addressee = document.paragraphs[at]
    assert addressee.style.name == "Addressee"
    assert not addressee.style.paragraph_format.first_line_indent, "居左顶格"


def test_with_a_red_header_the_addressee_follows_the_title_a_line_below():
    document = reopened(mini_with(addressee=ADDRESSEE + "：", issuer_mark="中共示例区委组织部文件"))
    texts = [p.text for p in document.paragraphs]
    at = texts.index(ADDRESSEE + "：")
    assert texts[at - 2:at] == ["示例区党建工作简报", "——测试用数据"], "one colon, after the title block"
    assert document.paragraphs[at - 1].paragraph_format.space_after == layout_of(BriefingPreset.GBT9704).line_pitch


def test_a_jianbao_names_its_readers_in_the_colophon_not_an_addressee():
    from tests.helpers.documents import jianbao_raw

    raw = jianbao_raw()
    raw["report"].update(addressee=ADDRESSEE, imprint=IMPRINT)
    texts = [p.text for p in reopened(raw).paragraphs]
    assert ADDRESSEE + "：" not in texts and not any(text.startswith("抄送：") for text in texts)
    assert texts[-1] == "共印60份"


# -- 版记 ---------------------------------------------------------------------------


def test_the_imprint_prints_copies_then_the_printing_office_and_date():
    assert imprint_lines(Imprint.model_validate(IMPRINT)) == ("抄送：区委办公室，区政府办公室。", "示例区委组织部办公室\t2021年5月2日印发")
    assert imprint_lines(Imprint.model_validate({**IMPRINT, "copy_to": []})) == ("示例区委组织部办公室\t2021年5月2日印发",)


def test_the_imprint_closes_the_gbt9704_briefing_in_one_frame_at_the_foot_between_thick_rules():
    document = reopened(mini_with(imprint=IMPRINT))
    copied, issued = document.paragraphs[-2:]
    assert [copied.text, issued.text] == list(imprint_lines(Imprint.model_validate(IMPRINT)))
    frames = [p._p.find(f"{qn('w:pPr')}/{qn('w:framePr')}") for p in (copied, issued)]
    assert all(frame is not None and frame.get(qn("w:yAlign")) == "bottom" for frame in frames)
    assert dict(frames[0].attrib) == dict(frames[1].attrib), "one frame"
    for paragraph in (copied, issued):
        rules = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
        assert {edge.tag.split("}")[1]: edge.get(qn("w:sz")) for edge in rules} == {"top": "8", "bottom": "8"}
    character = 14 * 12700
    assert copied.paragraph_format.left_indent == 4 * character and copied.paragraph_format.first_line_indent == -3 * character
    assert issued.paragraph_format.left_indent == character == issued.paragraph_format.right_indent
    assert issued.style.font.size.pt == 14, "4号"


def test_without_an_imprint_nothing_follows_the_sources():
    document = reopened(mini_with())
    assert document.paragraphs[-1].text.startswith("《示例报道乙》") and len(document.sections) == 1, "the last source"


def test_the_imprint_and_addressee_are_documented_in_the_schema():
    from report_gen.data.schema import data_schema

    text = str(data_schema())
    assert "主送机关" in text and "抄送机关" in text and "印发日期" in text


# -- §7.5: where the block goes, and the pages without a number --------------------------


def plain_document(lines: int):
    """A document of `lines` one-line paragraphs, numbered `— N —` in its footer."""
    from report_gen.ooxml.docx import add_page_number

    document = Document()
    add_page_number(document.sections[0].footer.paragraphs[0])
    for _ in range(lines):
        document.add_paragraph("一行")
    return document


@pytest.fixture(scope="module")
def lines_per_page() -> int:
    document = plain_document(200)
    estimate = estimate_pages(document)
    return sum(1 for page in estimate.starts.values() if page == 1)


def placed(lines: int, even_page: bool):
    document = plain_document(lines)
    text_pages = estimate_pages(document).pages
    block = place_at_foot(document, lambda: [document.add_paragraph(f"版记{n}") for n in range(4)],
                          layout_of(BriefingPreset.GBT9704), even_page)
    return document, text_pages, block


@pytest.mark.parametrize("pages, spare_lines, even_page, block_page, blank_page", [
    (2, 10, True, 2, None),     # text ends on an even page with room: the block shares it
    (1, 10, True, 1, None),     # a one-page document keeps it on its only page
    (2, 1, True, 4, 3),         # an even page without room: a blank page, then the block on the next even page
    (3, 10, True, 4, None),     # text ends on an odd page: the block on the even page after it, no blank page
    (3, 10, False, 3, None),    # printed on one side: any last page with room
    (3, 1, False, 4, None),     # printed on one side without room: the next page
])
def test_the_block_shares_the_last_page_when_it_fits_else_a_page_of_its_own(lines_per_page, pages, spare_lines,
                                                                             even_page, block_page, blank_page):
    document, text_pages, block = placed(pages * lines_per_page - spare_lines, even_page)
    assert text_pages == pages
    estimate = estimate_pages(document)
    assert {estimate.page_of_paragraph(p) for p in block} == {block_page}
    shares = block_page == text_pages
    assert len(document.sections) == (1 if shares else 2)
    if shares:
        return
    first, last = document.sections
    assert has_page_field(first) and not has_page_field(last), "the pages after the text carry no number"
    assert set(footer_texts(last)) == {""}
    opening = block[0]._p.getprevious()
    assert opening.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None, "the new section opens with an empty paragraph"
    blank = [p for p in document.paragraphs if p._p is opening]
    assert blank and blank[0].text == "" and estimate.page_of(opening) == (blank_page or block_page)
    assert bool(block[0].paragraph_format.page_break_before) == (blank_page is not None)


def test_the_text_section_ends_with_the_text_and_keeps_its_footers():
    document = reopened(mini_with(imprint=IMPRINT, issuer_mark="中共示例区委组织部文件"))
    if len(document.sections) == 1:
        pytest.skip("the imprint shares the last page here")
    ending = [p for p in document.paragraphs if p._p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    assert len(ending) == 1 and ending[0].text.startswith("《示例报道乙》"), "the last source ends the text's section"
    assert has_page_field(document.sections[0]) and not has_page_field(document.sections[1])


# -- the default data, rendered by LibreOffice ---------------------------------------------


MISSING = rendering_missing()
needs_rendering = pytest.mark.skipif(MISSING is not None, reason=f"LibreOffice rendering not possible here: {MISSING}")
PAGE_NUMBER = re.compile(r"—\s*\d+\s*—")


def pages_of(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.fixture(scope="module")
def rendered_presets(default_out, tmp_path_factory) -> dict[str, list[str]]:
    """The text of every page of the default briefing in both presets, as LibreOffice lays them out."""
    jianbao = tmp_path_factory.mktemp("jianbao") / "out"
    assert main(["build", str(BEIBEI), "--preset", "jianbao", "--only", "docx", "--pdf", "--out", str(jianbao), "--quiet"]) == 0
    return {"gbt9704": pages_of(default_out / "preview" / "briefing.pdf"), "jianbao": pages_of(jianbao / "beibei.pdf")}


@needs_rendering
@pytest.mark.parametrize("preset, closing", [("gbt9704", "印发"), ("jianbao", "共印")])
def test_no_blank_or_closing_page_of_its_own_carries_a_number(rendered_presets, preset, closing):
    pages = rendered_presets[preset]
    body = [re.sub(r"\s+", "", PAGE_NUMBER.sub("", page)) for page in pages]
    last = pages[-1]
    assert closing in last and len(pages) % 2 == 0, "the closing block is on the last, even page"
    for number, (page, text) in enumerate(zip(pages, body), start=1):
        own = text == "" or (closing in page and "资料来源" not in page and not text.startswith("[") and number == len(pages))
        if text == "" or own:
            assert not PAGE_NUMBER.search(page), f"page {number} of {preset} is blank or holds the closing block alone, yet numbered"
        else:
            assert PAGE_NUMBER.search(page), f"page {number} of {preset} holds text but no number"


@needs_rendering
def test_the_jianbao_has_no_contents_and_no_section_has_a_lone_first_part(rendered_presets):
    for preset, pages in rendered_presets.items():
        text = "".join(pages)
        assert text.count("（一）") == text.count("（二）"), f"{preset}: a （一） without a （二）"
    assert not re.search(r"目\s*录", "".join(rendered_presets["jianbao"]))
    assert not re.search(r"目\s*录", "".join(rendered_presets["gbt9704"])), "the default briefing is under 30 pages"


@needs_rendering
def test_the_gbt9704_briefing_prints_the_default_data_s_addressee_and_imprint(rendered_presets):
    report = Report.model_validate(yaml.safe_load(BEIBEI.read_text(encoding="utf-8")))
    text = re.sub(r"\s+", "", "".join(rendered_presets["gbt9704"]))
    assert report.report.addressee + "：" in text
    assert f"抄送：{'，'.join(report.report.imprint.copy_to)}。" in text
    assert text.endswith("2026年11月23日印发") or "2026年11月23日印发" in re.sub(r"\s+", "", rendered_presets["gbt9704"][-1])
