"""An organisation's Word template (`--docx-template`, `style.briefing.template`): its look, report_gen's structure.

Templates are made here with python-docx, as an office's IT person would:
their own Normal font, a header line, styles of their own or styles missing.
Each briefing is reopened and read for its fonts, header, East Asian slots
and styles.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Optional

import pytest
import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tests.helpers.documents import jianbao_raw, stand_in_charts
from tests.helpers import MINI, ROOT, rendering_missing
from report_gen.briefing import WordTemplateError, briefing_bytes, read_word_template
from report_gen.cli import main
from report_gen.data.model import Report
from report_gen.data.style import BriefingPreset, Style
from report_gen.fonts.document import is_installed
from report_gen.narrative import Narrative

HEADER = "示例区委组织部　内部资料"
LATIN = "DejaVu Serif"
EAST_ASIAN = "Noto Sans CJK SC"
SAMPLE = "模板里的示例文字，生成时应当删去。"


def make_template(path: Path, east_asian: Optional[str] = EAST_ASIAN, drop: tuple[str, ...] = (),
                  own_styles: tuple[str, ...] = (), no_theme_fonts: bool = False) -> Path:
    """Save a template made with python-docx: its own Normal font, a header line, 25 mm side margins."""
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = LATIN
    normal.font.size = Pt(12)
    if east_asian:
        normal.element.rPr.rFonts.set(qn("w:eastAsia"), east_asian)
    if no_theme_fonts:  # a template that names no East Asian typeface anywhere
        for rFonts in document.styles.element.iter(qn("w:rFonts")):
            rFonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    for name in drop:
        document.styles[name].delete()
    for name in own_styles:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(14 if "标题" in name else 12)
    document.sections[0].header.paragraphs[0].text = HEADER
    document.sections[0].left_margin = document.sections[0].right_margin = Mm(25)
    document.add_paragraph(SAMPLE)
    document.save(path)
    return path


def mini() -> Report:
    return Report.model_validate(yaml.safe_load(MINI.read_text(encoding="utf-8")))


def build_on(path: Path, report: Optional[Report] = None, styles: Optional[dict] = None, **options):
    report = report or mini()
    template = read_word_template(path, styles or {})
    data = briefing_bytes(report, Narrative(report), stand_in_charts(report), template=template, **options)
    return Document(io.BytesIO(data)), template


def east_asian_of(document, style_name: Optional[str]) -> Optional[str]:
    """The East Asian typeface a style (None: the document defaults) names itself."""
    if style_name is None:
        rPr = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    else:
        rPr = document.styles[style_name].element.rPr
    rFonts = rPr.find(qn("w:rFonts")) if rPr is not None else None
    return rFonts.get(qn("w:eastAsia")) if rFonts is not None else None


def east_asian_language(document) -> tuple[str, str]:
    lang = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    theme = document.settings.element.find(qn("w:themeFontLang"))
    return lang.get(qn("w:eastAsia")), theme.get(qn("w:eastAsia"))


@pytest.fixture(scope="module")
def template_path(tmp_path_factory) -> Path:
    return make_template(tmp_path_factory.mktemp("template") / "org.docx")


@pytest.fixture(scope="module")
def built(template_path):
    return build_on(template_path)


# -- the template's look --------------------------------------------------------------


def test_the_briefing_takes_the_template_s_normal_font_header_and_page(built):
    document, template = built
    assert template.fallbacks == () and template.warnings() == []
    assert document.sections[0].header.paragraphs[0].text == HEADER
    assert document.styles["Normal"].font.name == LATIN and document.styles["Normal"].font.size == Pt(12)
    assert east_asian_of(document, "Normal") == EAST_ASIAN
    assert round(document.sections[0].left_margin.mm) == 25 and document.sections[0].page_width == Document().sections[0].page_width
    body = [p for p in document.paragraphs if p.text.startswith("示例区以党建引领服务企业")]
    assert body and body[0].style.name == "Normal" and all(run.font.name is None for run in body[0].runs)


def test_report_gen_keeps_the_structure_in_the_template_s_styles(built):
    document, _ = built
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["一、党建引领营商环境"] == "Heading 1"
    assert styles["示例区党建工作简报"] == "Title"
    assert any(text.startswith("图1") and style == "Caption" for text, style in styles.items())
    assert styles["资料来源"] == "Heading 1"
    assert document.tables[0].style.name == "Table Grid"
    assert SAMPLE not in styles, "the template's sample text is gone"


def test_parts_without_a_role_take_the_template_s_typefaces(built):
    document, _ = built
    for name in ("Chart Source", "Table Text", "Briefing Meta"):
        style = document.styles[name]
        assert style.font.name == LATIN
        assert style.font.size <= Pt(12)
    for name in ("Table Text", "Briefing Meta"):
        assert east_asian_of(document, name) == EAST_ASIAN
    # The source line is set in the 楷体 role (report_gen.design.SOURCE_LINE_FONT): here, the template's level-2 face.
    assert east_asian_of(document, "Chart Source") == east_asian_of(document, "Heading 2")


def test_a_template_without_footers_gets_one_centred_page_number(built):
    document, _ = built
    footer = document.sections[0].footer
    assert not footer.is_linked_to_previous and footer.paragraphs[0].text.startswith("— ")
    assert not document.settings.odd_and_even_pages_header_footer


def test_a_template_s_own_footer_is_kept(tmp_path):
    path = make_template(tmp_path / "org.docx")
    document = Document(path)
    document.sections[0].footer.paragraphs[0].text = "内部资料　注意保存"
    document.save(path)
    built, template = build_on(path)
    assert template.has_footers
    assert built.sections[0].footer.paragraphs[0].text == "内部资料　注意保存"


# -- the East Asian slot and the language ------------------------------------------------


def test_an_empty_east_asian_slot_is_filled_by_role_and_chinese_stays_zh_cn(tmp_path):
    document, _ = build_on(make_template(tmp_path / "org.docx", east_asian=None, no_theme_fonts=True))
    assert east_asian_of(document, None) == "仿宋_GB2312"
    assert east_asian_of(document, "Normal") == "仿宋_GB2312"
    assert east_asian_of(document, "Heading 1") == "黑体"
    assert east_asian_of(document, "Heading 2") == "楷体_GB2312"
    assert east_asian_of(document, "Title") == "方正小标宋简体"
    assert document.styles["Normal"].font.name == LATIN, "the template's Latin font stays"
    assert east_asian_language(document) == ("zh-CN", "zh-CN")


def test_a_theme_east_asian_font_is_written_out_as_the_template_s_choice(tmp_path):
    document, _ = build_on(make_template(tmp_path / "org.docx", east_asian=None))
    # python-docx's theme leaves the East Asian slot empty and names 宋体 for Simplified Chinese.
    assert east_asian_of(document, None) == "宋体" and east_asian_of(document, "Heading 1") == "宋体"
    assert not list(document.styles.element.iter(qn("w:rFonts")))[0].get(qn("w:eastAsiaTheme"))
    assert not any(r.get(qn("w:eastAsiaTheme")) for r in document.styles.element.iter(qn("w:rFonts")))


# -- choosing styles, and styles missing ------------------------------------------------------


def test_a_missing_style_gets_report_gen_s_own_and_says_so(tmp_path):
    document, template = build_on(make_template(tmp_path / "org.docx", drop=("Caption",)))
    assert template.fallbacks == ("caption",)
    assert template.warnings() == [
        f"{tmp_path / 'org.docx'} has no style for chart and table captions (looked for Caption, 题注): "
        "report_gen's own style is used; name one under style.briefing.styles.caption"
    ]
    caption = document.styles["Caption"]
    assert east_asian_of(document, "Caption") == "楷体_GB2312"
    assert caption.font.size == Pt(10.5), "四号 on a 三号 body, scaled to the template's 12 pt body"
    assert any(p.text.startswith("图1") and p.style.name == "Caption" for p in document.paragraphs)


def test_a_template_as_word_saves_it_lacking_headings_and_table_grid_still_has_them(tmp_path):
    document, template = build_on(make_template(tmp_path / "org.docx", drop=("Heading 1", "Table Grid")))
    assert template.fallbacks == ("heading1", "table")
    heading = document.styles["Heading 1"]
    assert heading.element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0", "a heading for the navigation pane"
    assert east_asian_of(document, "Heading 1") == "黑体"
    assert next(p for p in document.paragraphs if p.text.startswith("一、")).style.name == "Heading 1"
    table = document.tables[0]
    assert table.style.name == "Table Grid"
    edges = table.style.element.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
    assert {edge.tag.split("}")[1] for edge in edges} == {"top", "left", "bottom", "right", "insideH", "insideV"}


def test_styles_named_in_the_data_take_their_roles_and_the_contents(tmp_path):
    path = make_template(tmp_path / "org.docx", own_styles=("公文正文", "一级标题"))
    report = mini().model_copy(update={"style": Report.model_validate(
        yaml.safe_load(MINI.read_text(encoding="utf-8")) | {"style": {"briefing": {"toc": True}}}).style})
    document, template = build_on(path, report, {"body": "公文正文", "heading1": "一级标题"})
    assert template.role_styles["body"] == "公文正文" and template.role_styles["sources"] == "公文正文"
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["一、党建引领营商环境"] == "一级标题"
    assert any(text.startswith("示例区以党建引领") and style == "公文正文" for text, style in styles.items())
    instruction = "".join(t.text for t in document.element.body.iter(qn("w:instrText")) if "TOC" in t.text)
    assert '\\t "一级标题,1"' in instruction
    assert [p.text.split("\t")[0] for p in document.paragraphs if p.style.name == "toc 1"][:2] == ["一、党建引领营商环境", "二、党建引领科技创新"]


def test_on_a_template_the_contents_are_estimated_on_its_page_and_updated_when_word_opens_the_file(tmp_path):
    """The cached page numbers come from the template's own page set-up; Word rewrites them from its own layout."""
    from report_gen.briefing.pagination import estimate_pages

    path = make_template(tmp_path / "org.docx")
    report = mini().model_copy(update={"style": Report.model_validate(
        yaml.safe_load(MINI.read_text(encoding="utf-8")) | {"style": {"briefing": {"toc": True}}}).style})
    document, _ = build_on(path, report)
    assert abs(document.sections[0].left_margin - Mm(25)) < Mm(0.1), "the template's page"
    estimate = estimate_pages(document)
    entries = [p for p in document.paragraphs if p.style.name == "toc 1"]
    headings = {p.text: p for p in document.paragraphs if p.style.name == "Heading 1"}
    assert [int(entry.text.split("\t")[1]) for entry in entries] == [estimate.page_of(headings[entry.text.split("\t")[0]]._p) for entry in entries]
    begin = next(document.element.body.iter(qn("w:fldChar")))
    assert begin.get(qn("w:fldCharType")) == "begin" and begin.get(qn("w:dirty")) == "true"
    assert document.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_a_style_named_in_the_data_that_the_template_lacks_is_refused_at_its_line(tmp_path, capsys):
    make_template(tmp_path / "org.docx")
    raw = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    raw["style"] = {"briefing": {"template": "org.docx", "styles": {"heading1": "一级标题"}}}
    data = tmp_path / "report.yaml"
    data.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    line = next(n for n, text in enumerate(data.read_text(encoding="utf-8").splitlines(), start=1) if "一级标题" in text)
    out = tmp_path / "out"
    assert main(["build", str(data), "--out", str(out), "--only", "docx", "--quiet"]) == 1
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"{data}:{line}: style.briefing.styles.heading1: the Word template org.docx has no paragraph style "
                            "'一级标题' for level-1 headings (一、); its paragraph styles are: ")
    assert "Heading 1" in first and not out.exists()


def test_a_table_style_is_not_taken_for_a_paragraph_role(tmp_path):
    with pytest.raises(WordTemplateError, match="'Table Grid' in the Word template .* is not a paragraph style") as raised:
        read_word_template(make_template(tmp_path / "org.docx"), {"caption": "Table Grid"})
    assert raised.value.role == "caption"


# -- the file ------------------------------------------------------------------------------


def test_a_dotx_template_is_read_as_a_document(tmp_path):
    docx = make_template(tmp_path / "org.docx")
    dotx = tmp_path / "org.dotx"
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(dotx, "w") as target:
        for name in source.namelist():
            blob = source.read(name)
            if name == "[Content_Types].xml":
                blob = blob.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(name, blob)
    document, _ = build_on(dotx)
    assert document.sections[0].header.paragraphs[0].text == HEADER


def test_an_unreadable_template_is_refused_with_its_name_by_validate_and_build(tmp_path, capsys):
    broken = tmp_path / "org.docx"
    broken.write_bytes(b"not a zip")
    expected = f"error: Word template {broken}: not a .docx or .dotx file: its zip cannot be read: File is not a zip file"
    assert main(["validate", str(MINI), "--docx-template", str(broken)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == expected
    out = tmp_path / "out"
    assert main(["build", str(MINI), "--out", str(out), "--only", "docx", "--quiet", "--docx-template", str(broken)]) == 1
    error = capsys.readouterr().err
    assert error.splitlines()[0] == expected and "Traceback" not in error
    assert not out.exists()


def test_a_template_the_data_names_but_the_folder_lacks_is_refused_at_its_line(tmp_path, capsys):
    raw = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    raw["style"] = {"briefing": {"template": "org.docx"}}
    data = tmp_path / "report.yaml"
    data.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    line = next(n for n, text in enumerate(data.read_text(encoding="utf-8").splitlines(), start=1) if "org.docx" in text)
    assert main(["validate", str(data)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"{data}:{line}: style.briefing.template: Word template {tmp_path / 'org.docx'}: no such file"
    )


def test_the_data_file_names_its_template_beside_it_and_the_build_warns_of_a_fallback(tmp_path, capsys):
    make_template(tmp_path / "org.docx", drop=("Title",))
    raw = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    raw["style"] = {"briefing": {"template": "org.docx"}}
    data = tmp_path / "report.yaml"
    data.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    assert main(["build", str(data), "--out", str(tmp_path / "out"), "--only", "docx"]) == 0
    assert "warning: org.docx has no style for the title (looked for Title, 标题)" in capsys.readouterr().err
    document = Document(tmp_path / "out" / "mini.docx")
    assert document.sections[0].header.paragraphs[0].text == HEADER


@pytest.mark.parametrize("preset", [BriefingPreset.GBT9704, BriefingPreset.JIANBAO])
def test_a_template_with_native_charts_passes_the_ooxml_schemas(preset, template_path, tmp_path):
    audit = pytest.importorskip("openxml_audit")
    report = Report.model_validate(jianbao_raw())
    template = read_word_template(template_path, {})
    path = tmp_path / "templated.docx"
    path.write_bytes(briefing_bytes(report, Narrative(report), stand_in_charts(report), chart_mode="native",
                                    preset=preset, template=template))
    document = Document(path)
    assert any(name.startswith("word/charts/chart") for name in zipfile.ZipFile(path).namelist())
    if preset is BriefingPreset.JIANBAO:
        assert document.paragraphs[0].text == "示例区党建工作简报" and document.paragraphs[-1].text == "共印60份"
    result = audit.OpenXmlValidator().validate(str(path))
    assert [str(e) for e in result.errors if e.error_type.value == "schema"] == []


MISSING = rendering_missing()


@pytest.mark.skipif(MISSING is not None, reason=f"LibreOffice rendering not possible here: {MISSING}")
def test_libreoffice_prints_the_header_on_every_page_in_the_template_s_fonts(template_path, tmp_path):
    out = tmp_path / "out"
    assert main(["build", str(MINI), "--out", str(out), "--only", "docx", "--pdf", "--quiet",
                 "--docx-template", str(template_path)]) == 0
    pdf = out / "mini.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    for page in range(1, pages + 1):
        text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
                              capture_output=True, text=True, check=True).stdout
        assert "".join(HEADER.split()) in "".join(text.split()), f"page {page} lacks the template's header"
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    if is_installed(LATIN):
        assert "DejaVuSerif" in fonts, fonts
    if is_installed(EAST_ASIAN):
        assert "NotoSansCJK" in fonts, "the template's sans East Asian face, not report_gen's 仿宋"


def test_the_readme_s_template_settings_are_valid_data():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(block for block in re.findall(r"```yaml\n(.*?)```", text, re.S) if "公文模板.dotx" in block)
    briefing = Style.model_validate(yaml.safe_load(block)["style"]).briefing
    assert briefing.template == "公文模板.dotx" and briefing.styles["heading1"] == "一级标题"
