"""The 简报 form (`style.briefing.preset: jianbao`): the 报头 opens the first page, the 报尾 closes the last.

Each briefing is reopened with python-docx and read as a typist would check
it; LibreOffice's rendering shows where the 报尾 really lands.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import pytest
import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from tests.helpers.documents import jianbao_raw, stand_in_charts
from tests.helpers import BEIBEI, MINI, rendering_missing
from report_gen.briefing import briefing_bytes, briefing_document
from report_gen.briefing.bulletin import distribution_lines
from report_gen.briefing.styles import RED
from report_gen.cli import main
from report_gen.data.model import Bulletin, Report
from report_gen.data.style import BriefingPreset
from report_gen.narrative import Narrative
from report_gen.briefing.pagination import estimate_pages

COLOPHON = ["报：区委办公室。", "送：区人大常委会办公室。", "发：各镇街党（工）委，区级各部门。", "共印60份"]


def document_of(raw: dict, **options):
    report = Report.model_validate(raw)
    document, estimate = briefing_document(report, Narrative(report), stand_in_charts(report), **options)
    return document, estimate


@pytest.fixture(scope="module")
def jianbao():
    return document_of(jianbao_raw())


def frame_of(paragraph) -> dict[str, str]:
    frame = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:framePr')}")
    return {} if frame is None else {key.split("}")[1]: value for key, value in frame.attrib.items()}


def rules_of(paragraph) -> dict[str, dict[str, str]]:
    borders = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
    if borders is None:
        return {}
    return {edge.tag.split("}")[1]: {key.split("}")[1]: value for key, value in edge.attrib.items()} for edge in borders}


# -- the 报头 ------------------------------------------------------------------


def test_the_masthead_opens_the_first_page_name_issue_unit_and_date(jianbao):
    document, _ = jianbao
    name, issue, byline, title = document.paragraphs[:4]
    assert name.text == "示例区党建工作简报"
    assert name.style.name == "Bulletin Name" and name.style.font.color.rgb == RED
    assert name.alignment is None and name.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert issue.text == "第3期"
    assert byline.text == "示例区委组织部\t2021年5月1日", "the compiling unit on the left, the date on the right"
    assert title.text == "示例区党建工作简报" and title.style.name == "Briefing Title"


def test_the_masthead_ends_in_a_red_rule_across_the_text_and_the_date_sits_one_character_in(jianbao):
    document, _ = jianbao
    byline = document.paragraphs[2]
    assert rules_of(byline)["bottom"]["color"] == str(RED)
    stops = byline.paragraph_format.tab_stops
    text_width = document.sections[0].page_width - document.sections[0].left_margin - document.sections[0].right_margin
    assert len(stops) == 1 and abs(stops[0].position - (text_width - byline.paragraph_format.right_indent)) < Pt(1)
    assert byline.paragraph_format.left_indent == byline.paragraph_format.right_indent > 0


def test_the_masthead_replaces_the_red_header_and_the_signature(jianbao):
    raw = jianbao_raw()
    raw["report"]["issuer_mark"] = "中共示例区委组织部文件"
    document, _ = document_of(raw)
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "中共示例区委组织部文件" not in texts
    assert texts[:2] == ["示例区党建工作简报", "第3期"]
    assert "2021年5月1日" not in texts, "the date is in the 报头, not signed again at the end"


def test_a_long_name_is_set_smaller_to_stay_on_one_line():
    document, _ = document_of(jianbao_raw(name="中共示例区委组织部党建工作情况简报（内部）"))
    sizes = {run.font.size.pt for run in document.paragraphs[0].runs}
    assert max(sizes) < 42 and max(sizes) * 21 <= 156 / 25.4 * 72


# -- the 报尾 ------------------------------------------------------------------


def test_the_colophon_closes_the_document_with_the_distribution_in_order_and_the_print_run(jianbao):
    document, _ = jianbao
    assert [paragraph.text for paragraph in document.paragraphs[-4:]] == COLOPHON
    copies = document.paragraphs[-1]
    assert copies.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_the_colophon_is_one_frame_at_the_foot_of_the_text_between_two_rules(jianbao):
    document, _ = jianbao
    colophon = document.paragraphs[-4:]
    frames = [frame_of(paragraph) for paragraph in colophon]
    assert frames[0]["yAlign"] == "bottom" and frames[0]["vAnchor"] == "margin"
    assert all(frame == frames[0] for frame in frames), "one frame: the same frame properties throughout"
    rules = [rules_of(paragraph) for paragraph in colophon]
    assert set(rules[0]) == {"top", "bottom"} and all(rule == rules[0] for rule in rules), "drawn once above and once below"
    indents = {(p.paragraph_format.left_indent, p.paragraph_format.first_line_indent) for p in colophon}
    assert len(indents) == 1, "a wrapped recipient line aligns after 报："


def page_of_colophon(document) -> int:
    return estimate_pages(document).page_of_paragraph(document.paragraphs[-4])


def test_printed_on_both_sides_the_colophon_lands_on_an_even_page():
    raw = jianbao_raw()
    raw["themes"] = raw["themes"][:1]
    raw["themes"][0]["charts"] = raw["themes"][0]["charts"][:1]  # this text ends on page 3, room left for the 报尾
    single, _ = document_of(jianbao_raw(double_sided=False) | {"themes": raw["themes"], "style": raw["style"]})
    assert page_of_colophon(single) == 3 and len(single.sections) == 1, "printed on one side it shares the last page"
    assert not any(p.paragraph_format.page_break_before for p in single.paragraphs)
    double, estimate = document_of(raw)
    assert page_of_colophon(double) == 4 == estimate.pages
    assert not any(p.paragraph_format.page_break_before for p in double.paragraphs), "page 4 follows page 3: no blank page"
    # Page 4 holds the 报尾 alone: it starts a section of its own whose footers print no number (GB/T 9704 §7.5).
    assert len(double.sections) == 2
    last = double.sections[-1]
    assert all(not footer.is_linked_to_previous and footer.paragraphs[0].text == ""
               for footer in (last.footer, last.even_page_footer, last.first_page_footer))
    assert frame_of(double.paragraphs[-5]) == {} and double.paragraphs[-5].text == "", "an empty paragraph opens it"


def test_the_default_data_prints_its_bulletin(tmp_path):
    raw = yaml.safe_load(BEIBEI.read_text(encoding="utf-8"))
    report = Report.model_validate(raw)
    document = Document(io.BytesIO(briefing_bytes(report, Narrative(report), stand_in_charts(report), preset=BriefingPreset.JIANBAO)))
    texts = [paragraph.text for paragraph in document.paragraphs]
    bulletin = report.report.bulletin
    assert texts[:2] == [bulletin.name, bulletin.issue]
    assert texts[-1] == f"共印{bulletin.copies}份"
    assert [text[:2] for text in texts[-4:-1]] == ["报：", "送：", "发："]


def test_the_jianbao_briefing_passes_the_ooxml_schemas_with_native_charts(tmp_path):
    audit = pytest.importorskip("openxml_audit")
    report = Report.model_validate(jianbao_raw())
    path = tmp_path / "jianbao.docx"
    path.write_bytes(briefing_bytes(report, Narrative(report), stand_in_charts(report), chart_mode="native"))
    names = zipfile.ZipFile(path).namelist()
    assert any(name.startswith("word/charts/chart") for name in names)
    result = audit.OpenXmlValidator().validate(str(path))
    assert [str(e) for e in result.errors if e.error_type.value == "schema"] == []


# -- the command line ------------------------------------------------------------


def test_preset_on_the_command_line_asks_the_data_for_the_bulletin(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(MINI), "--preset", "jianbao", "--out", str(out), "--quiet"]) == 1
    error = capsys.readouterr().err
    assert error.splitlines()[0] == (
        f"{MINI}:2: report.bulletin: the jianbao preset (--preset jianbao) prints the 简报's 报头 and 报尾 "
        "from report.bulletin, which is missing: give name, issue, distribution, copies"
    )
    assert "Traceback" not in error and not out.exists()


MISSING = rendering_missing()


@pytest.mark.skipif(MISSING is not None, reason=f"LibreOffice rendering not possible here: {MISSING}")
def test_libreoffice_puts_the_colophon_at_the_foot_of_the_last_even_page(tmp_path):
    data = tmp_path / "jianbao.yaml"
    raw = jianbao_raw()
    raw["themes"] = raw["themes"][1:]
    data.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(data), "--out", str(out), "--only", "docx", "--pdf", "--quiet"]) == 0
    pdf = out / "mini.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    assert pages % 2 == 0
    last = subprocess.run(["pdftotext", "-f", str(pages), "-l", str(pages), "-bbox", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    page_height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', last).group(1))
    words = re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', last)
    copies_bottom = next(float(y) for y, word in words if word.startswith("共印"))
    text_bottom = page_height - 35 / 25.4 * 72  # GB/T 9704: the text area ends 35 mm above the page's foot
    assert text_bottom - 30 < copies_bottom <= text_bottom, "the print run sits on the last line of the text area"
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "示例区党建工作简报" in first and "第3期" in first


def test_the_readme_s_bulletin_is_the_default_data_s_and_prints_as_the_pictures_show():
    text = (BEIBEI.parent.parent / "README.md").read_text(encoding="utf-8")
    block = next(block for block in re.findall(r"```yaml\n(.*?)```", text, re.S) if "bulletin:" in block)
    bulletin = Bulletin.model_validate(yaml.safe_load(block)["report"]["bulletin"])
    assert bulletin == Report.model_validate(yaml.safe_load(BEIBEI.read_text(encoding="utf-8"))).report.bulletin
    assert distribution_lines(bulletin) == ["报：区委办公室。", "送：区人大常委会办公室，区政府办公室，区政协办公室。", "发：各镇街党（工）委，区级各部门党组（党委）。"]
