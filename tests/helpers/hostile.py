"""Hostile files made from scratch: workbooks, Word and PowerPoint templates, each with one fault of issue 24.

The small ones are written into tests/fixtures/broken/files/ by
`python -m tests.helpers.hostile` and committed, each named by a data file
of the corpus beside them; the large ones (a workbook that unpacks to 90 MB,
a template of 100,000 styles) and the usable templates that try to reach the
network are made by the tests that need them. Every file is built from XML
written here, part by part, so what each holds is plain to read.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Callable, Iterable, Mapping

FILES = Path(__file__).resolve().parents[1] / "fixtures" / "broken" / "files"
"""Where the committed hostile files live, beside the corpus's data files."""

CONTENT = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
LONG_COMMENT = "<!--" + " padding" * 700 + " -->\n"
"""A comment over 4 KB, behind which a DTD once slipped past a check of the first 4,096 bytes."""


def package(parts: Mapping[str, bytes | str]) -> bytes:
    """Zip parts in the order given, each dated 1980-01-01, so the same parts give the same bytes."""
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return stream.getvalue()


def _encoded(data: bytes | str) -> bytes | str:
    """A part as stored: text starting with a byte-order mark in UTF-16 (with its mark), other text as it is."""
    return data[1:].encode("utf-16") if isinstance(data, str) and data.startswith("\ufeff") else data


def relationships(*entries: tuple[str, str, str] | tuple[str, str, str, str]) -> str:
    """A relationships part of (id, type, target[, "External"]) entries; a type without a scheme is under R."""
    lines = []
    for rel_id, kind, target, *mode in entries:
        kind = kind if kind.startswith("http") else f"{R}/{kind}"
        extra = f' TargetMode="{mode[0]}"' if mode else ""
        lines.append(f'<Relationship Id="{rel_id}" Type="{kind}" Target="{target}"{extra}/>')
    return HEAD + f'<Relationships xmlns="{RELS}">\n' + "\n".join(lines) + "\n</Relationships>"


# -- workbooks ---------------------------------------------------------------------------

FIGURE_HEADER = ["theme", "id", "label", "value", "unit", "period", "source", "excerpt"]
FIGURE_ROW = ["economy", "output", "地区生产总值", 12.5, "亿元", "2021年", "paper", "生产总值12.5亿元"]


def _cell(column: int, row: int, value, strings: list[str]) -> str:
    reference = f"{chr(ord('A') + column)}{row}"
    if isinstance(value, str):
        strings.append(value)
        return f'<c r="{reference}" t="s"><v>{len(strings) - 1}</v></c>'
    return f'<c r="{reference}"><v>{value}</v></c>'


def workbook(rows: Iterable[list] = (FIGURE_HEADER, FIGURE_ROW), sheet_xml: Callable[[str], str] = lambda xml: xml,
             strings_xml: Callable[[str], str] = lambda xml: xml) -> bytes:
    """An .xlsx of one sheet, `figures`, with shared strings; `sheet_xml` and `strings_xml` may spoil either part."""
    strings: list[str] = []
    body = "".join(
        f'<row r="{number}">' + "".join(_cell(column, number, value, strings) for column, value in enumerate(row)) + "</row>\n"
        for number, row in enumerate(rows, start=1)
    )
    sheet = HEAD + f'<worksheet xmlns="{SML}">\n<sheetData>\n{body}</sheetData>\n</worksheet>\n'
    table = HEAD + f'<sst xmlns="{SML}" count="{len(strings)}">\n' + "".join(f"<si><t>{text}</t></si>\n" for text in strings) + "</sst>\n"
    types = (HEAD + f'<Types xmlns="{CONTENT}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
             '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
             '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
             "</Types>")
    book = HEAD + f'<workbook xmlns="{SML}" xmlns:r="{R}"><sheets><sheet name="figures" sheetId="1" r:id="rId1"/></sheets></workbook>'
    parts = {
        "[Content_Types].xml": types,
        "_rels/.rels": relationships(("rId1", "officeDocument", "xl/workbook.xml")),
        "xl/workbook.xml": book,
        "xl/_rels/workbook.xml.rels": relationships(("rId1", "worksheet", "worksheets/sheet1.xml"),
                                                    ("rId2", "sharedStrings", "sharedStrings.xml")),
        "xl/worksheets/sheet1.xml": sheet_xml(sheet),
        "xl/sharedStrings.xml": strings_xml(table),
    }
    return package({name: _encoded(data) for name, data in parts.items()})


def streamed_workbook(path: Path, rows: Iterable[str]) -> Path:
    """Write an .xlsx whose sheet is `rows` of raw XML streamed into the zip (tens of megabytes, never held at once)."""
    small = zipfile.ZipFile(io.BytesIO(workbook([["theme"]])))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in small.namelist():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, small.read(name))
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(f'{HEAD}<worksheet xmlns="{SML}"><sheetData>'.encode())
            for chunk in rows:
                sheet.write(chunk.encode())
            sheet.write(b"</sheetData></worksheet>")
    return path


def one_row_of_empty_cells(path: Path, cells: int = 24_000_000) -> Path:
    """Issue 24's 95 KB workbook: one row of 24 million empty cells, 91 MB unpacked."""
    return streamed_workbook(path, ['<row r="1">', *("<c/>" * 1_000_000 for _ in range(cells // 1_000_000)), "</row>"])


def millions_of_rows(path: Path, rows: int = 3_800_000) -> Path:
    """Issue 24's 241 KB workbook: 3.8 million rows of one cell each."""
    return streamed_workbook(path, ("<row><c><v>1</v></c></row>" * 100_000 for _ in range(rows // 100_000)))


# -- Word templates ----------------------------------------------------------------------

WORD_STYLES = [
    ("paragraph", "Normal", "Normal", None, '<w:pPr><w:spacing w:line="360" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="28"/></w:rPr>'),
    ("paragraph", "Title", "Title", "Normal", '<w:rPr><w:b/><w:sz w:val="44"/></w:rPr>'),
    ("paragraph", "Heading1", "heading 1", "Normal", '<w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr>'),
    ("paragraph", "Heading2", "heading 2", "Normal", '<w:pPr><w:keepNext/></w:pPr><w:rPr><w:sz w:val="30"/></w:rPr>'),
]
"""(type, id, name, based on, properties) of the styles of the plain Word template, one a line of styles.xml."""


def word_styles(styles=WORD_STYLES, extra: str = "") -> str:
    lines = []
    for kind, style_id, name, base, properties in styles:
        based = f'<w:basedOn w:val="{base}"/>' if base else ""
        lines.append(f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/>{based}{properties}</w:style>')
    return (HEAD + f'<w:styles xmlns:w="{W}">\n'
            '<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults>\n'
            + "\n".join(lines) + f"\n{extra}</w:styles>\n")


SECTION = ('<w:sectPr><w:headerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/>'
           '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>')


def word_template(styles: str | None = None, section: str = SECTION, header: str = "示例区委组织部　内部资料",
                  theme: str | None = None, spoil: Callable[[dict], None] = lambda parts: None) -> bytes:
    """A small Word template: four styles, an A4 page with a header; each argument replaces one part's content."""
    document = (HEAD + f'<w:document xmlns:w="{W}" xmlns:r="{R}">\n<w:body>\n'
                '<w:p><w:r><w:t>模板示例文字</w:t></w:r></w:p>\n' + section + "\n</w:body>\n</w:document>\n")
    parts = {
        "[Content_Types].xml": (
            HEAD + f'<Types xmlns="{CONTENT}">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
            '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
            '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
            '<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
            "</Types>"),
        "_rels/.rels": relationships(("rId1", "officeDocument", "word/document.xml")),
        "word/document.xml": document,
        "word/_rels/document.xml.rels": relationships(("rId1", "styles", "styles.xml"), ("rId2", "settings", "settings.xml"),
                                                      ("rId3", "header", "header1.xml"), ("rId4", "theme", "theme/theme1.xml")),
        "word/styles.xml": styles if styles is not None else word_styles(),
        "word/settings.xml": HEAD + f'<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="420"/></w:settings>\n',
        "word/header1.xml": HEAD + f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>{header}</w:t></w:r></w:p></w:hdr>\n',
        "word/theme/theme1.xml": theme if theme is not None else (
            HEAD + '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"/>\n'),
    }
    spoil(parts)
    return package({name: _encoded(data) for name, data in parts.items()})


def with_style_property(style_id: str, properties: str) -> str:
    """The plain template's styles, one style's properties replaced."""
    return word_styles([(kind, sid, name, base, properties if sid == style_id else props)
                        for kind, sid, name, base, props in WORD_STYLES])


def based_on(pairs: Mapping[str, str]) -> str:
    """The plain template's styles with some styles' `basedOn` changed."""
    return word_styles([(kind, sid, name, pairs.get(sid, base), props) for kind, sid, name, base, props in WORD_STYLES])


def many_styles(count: int = 100_000) -> bytes:
    """Issue 24's 535 KB template: 100,000 styles more than the plain ones."""
    extra = "".join(f'<w:style w:type="paragraph" w:styleId="S{n}"><w:name w:val="S{n}"/></w:style>\n' for n in range(count))
    return word_template(styles=word_styles(extra=extra))


def cut(text: str) -> str:
    """A part broken off halfway, as a truncated download leaves it."""
    return text[: len(text) // 2]


WORD_TEMPLATES: dict[str, Callable[[], bytes]] = {
    "based_on_itself": lambda: word_template(styles=based_on({"Heading1": "Heading1"})),
    "based_on_each_other": lambda: word_template(styles=based_on({"Heading1": "Heading2", "Heading2": "Heading1"})),
    "no_section": lambda: word_template(section=""),
    "truncated_styles": lambda: word_template(styles=cut(word_styles())),
    "truncated_content_types": lambda: word_template(spoil=lambda parts: parts.update({"[Content_Types].xml": cut(parts["[Content_Types].xml"])})),
    "line_spacing_zero": lambda: word_template(styles=with_style_property("Normal", '<w:pPr><w:spacing w:line="0" w:lineRule="auto"/></w:pPr>')),
    "half_point_size": lambda: word_template(styles=with_style_property("Normal", '<w:rPr><w:sz w:val="21.5"/></w:rPr>')),
    "page_width_a4": lambda: word_template(section=SECTION.replace('w:w="11906"', 'w:w="A4"')),
    "page_size_zero": lambda: word_template(section=SECTION.replace('w:w="11906" w:h="16838"', 'w:w="0" w:h="0"')),
    "page_size_huge": lambda: word_template(section=SECTION.replace('w:w="11906" w:h="16838"', 'w:w="999999999" w:h="999999999"')),
    "margins_wider_than_page": lambda: word_template(section=SECTION.replace('w:right="1474"', 'w:right="7000"').replace('w:left="1588"', 'w:left="7000"')),
    "dtd_behind_a_comment": lambda: word_template(styles=word_styles().replace(
        HEAD, HEAD + LONG_COMMENT + '<!DOCTYPE w:styles [<!ENTITY n "&#x4E2D;">]>\n').replace('w:val="Title"', 'w:val="Title&n;"')),
    "dtd_in_utf16": lambda: word_template(theme="\ufeff" + '<?xml version="1.0" encoding="UTF-16"?>\n'
                                          '<!DOCTYPE a:theme SYSTEM "file:///etc/hostname">\n'
                                          '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office"/>\n'),
    "bidi_in_header": lambda: word_template(header="示例区委组织部\u202e600多台"),
}
"""Word templates that cannot be used, by the name of their file in FILES (`<name>.docx`)."""


# -- PowerPoint templates ----------------------------------------------------------------


def pptx_template(spoil: Callable[[dict], None] = lambda parts: None) -> bytes:
    """python-pptx's own template without its thumbnail and printer settings; `spoil` may change any part (text)."""
    import pptx

    source = zipfile.ZipFile(Path(pptx.__file__).parent / "templates" / "default.pptx")
    parts: dict = {name: source.read(name) for name in source.namelist()
                   if not name.startswith(("docProps/thumbnail", "ppt/printerSettings"))}
    for name in parts:
        if name.endswith((".xml", ".rels")):
            parts[name] = parts[name].decode("utf-8")
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail" Target="docProps/thumbnail.jpeg"/>', "")
    parts["ppt/_rels/presentation.xml.rels"] = parts["ppt/_rels/presentation.xml.rels"].replace(
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings" Target="printerSettings/printerSettings1.bin"/>', "")
    spoil(parts)
    return package(parts)


TITLE_ONLY = "ppt/slideLayouts/slideLayout6.xml"
"""The layout named Title Only, the one the deck puts content slides on."""


def _spoil(part: str, old: str, new: str, count: int = 1) -> Callable[[dict], None]:
    def change(parts: dict) -> None:
        assert old in parts[part], (part, old)
        parts[part] = parts[part].replace(old, new, count)
    return change


def _unplace_title(parts: dict) -> None:
    """Take every position from the title placeholders of the master and the Title Only layout."""
    import re

    for name in (TITLE_ONLY, "ppt/slideMasters/slideMaster1.xml"):
        parts[name] = re.sub(r'(<p:ph type="title"/>.*?<p:spPr)>.*?</p:spPr>', r"\1/>", parts[name], count=1, flags=re.S)


PPTX_TEMPLATES: dict[str, Callable[[], bytes]] = {
    "placeholder_without_position": lambda: pptx_template(_unplace_title),
    "title_one_emu_tall": lambda: pptx_template(lambda parts: (_unplace_title(parts), _spoil(
        TITLE_ONLY, '<p:spPr/>', '<p:spPr><a:xfrm><a:off x="457200" y="274638"/><a:ext cx="8229600" cy="1"/></a:xfrm></p:spPr>')(parts))),
    "title_negative_height": lambda: pptx_template(lambda parts: (_unplace_title(parts), _spoil(
        TITLE_ONLY, '<p:spPr/>', '<p:spPr><a:xfrm><a:off x="457200" y="274638"/><a:ext cx="8229600" cy="-5"/></a:xfrm></p:spPr>')(parts))),
    "truncated_layout": lambda: pptx_template(lambda parts: parts.update({TITLE_ONLY: cut(parts[TITLE_ONLY])})),
    "entity_in_layout": lambda: pptx_template(lambda parts: parts.update({TITLE_ONLY: parts[TITLE_ONLY].replace(
        "?>", '?>\n<!DOCTYPE p:sldLayout [<!ENTITY n "&#x4E2D;">]>', 1).replace('name="Title Only"', 'name="Title Only&n;"')})),
    "slide_size_zero": lambda: pptx_template(_spoil("ppt/presentation.xml", '<p:sldSz cx="9144000" cy="6858000" type="screen4x3"/>',
                                                    '<p:sldSz cx="0" cy="0"/>')),
    "bidi_in_layout_name": lambda: pptx_template(_spoil(TITLE_ONLY, 'name="Title Only"', 'name="Title Only\u202e"')),
}
"""PowerPoint templates that cannot be used, by the name of their file in FILES (`<name>.pptx`)."""


# -- figures ----------------------------------------------------------------------------

WORKBOOKS: dict[str, Callable[[], bytes]] = {
    "truncated_sheet": lambda: workbook(sheet_xml=cut),
    "shared_string_out_of_range": lambda: workbook(sheet_xml=lambda xml: xml.replace("<v>2</v>", "<v>99</v>", 1)),
    "dtd_behind_a_comment": lambda: workbook(sheet_xml=lambda xml: xml.replace(
        HEAD, HEAD + LONG_COMMENT + '<!DOCTYPE worksheet [<!ENTITY n "x">]>\n')),
    "dtd_in_utf16": lambda: workbook(strings_xml=lambda xml: "\ufeff" + xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace(
        "?>\n", '?>\n<!DOCTYPE sst [<!ENTITY label "地区生产总值">]>\n', 1).replace("<t>地区生产总值</t>", "<t>&label;</t>")),
    "bidi_in_label": lambda: workbook([FIGURE_HEADER, [*FIGURE_ROW[:2], "地区生产总值\u202e", *FIGURE_ROW[3:]]]),
}
"""Workbooks of figures that cannot be read, by the name of their file in FILES (`<name>.xlsx`)."""

CSV_FILES: dict[str, bytes] = {
    "nul_in_label": (",".join(FIGURE_HEADER) + "\n" + "economy,output,地区\0生产总值,12.5,亿元,2021年,paper,生产总值12.5亿元\n").encode("utf-8"),
    "bidi_in_label": (",".join(FIGURE_HEADER) + "\n" + "economy,output,地区生产总值\u202e,12.5,亿元,2021年,paper,生产总值12.5亿元\n").encode("utf-8"),
    "not_figures": b"root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
}
"""CSV files of figures that cannot be read, by the name of their file in FILES (`<name>.csv`)."""


def write_files(folder: Path = FILES) -> list[Path]:
    """Write every small hostile file into `folder`; return them."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for makers, ending in ((WORKBOOKS, "xlsx"), (WORD_TEMPLATES, "docx"), (PPTX_TEMPLATES, "pptx")):
        for name, make in makers.items():
            written.append(folder / f"{name}.{ending}")
            written[-1].write_bytes(make())
    for name, data in CSV_FILES.items():
        written.append(folder / f"{name}.csv")
        written[-1].write_bytes(data)
    return written


if __name__ == "__main__":
    for path in write_files():
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)


# -- usable templates that reach out ----------------------------------------------------

PICTURE = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WORDPROCESSING_DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
DRAWING = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _linked_picture(rel_id: str) -> str:
    """A header picture shown from a link (`r:link`), which a reader fetches."""
    return (f'<w:r><w:drawing><wp:inline xmlns:wp="{WORDPROCESSING_DRAWING}"><wp:extent cx="914400" cy="457200"/>'
            '<wp:docPr id="9" name="beacon"/><a:graphic xmlns:a="' + DRAWING + '"><a:graphicData uri="' + PICTURE + '">'
            f'<pic:pic xmlns:pic="{PICTURE}"><pic:nvPicPr><pic:cNvPr id="9" name="beacon.png"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:link="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="457200"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr>'
            "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>")


def reaching_word_template(address: str) -> bytes:
    """A Word template (python-docx's, a header added) that reaches `address` every way issue 24 found, and carries macros.

    Its settings attach a remote template; its header shows a linked picture,
    an INCLUDEPICTURE field (simple and complex), a `file:` hyperlink and an
    OLE object; it holds vbaProject.bin and declares itself macro-enabled.
    """
    from docx import Document

    document = Document()
    document.sections[0].header.paragraphs[0].text = "示例区委组织部　内部资料"
    stream = io.BytesIO()
    document.save(stream)
    source = zipfile.ZipFile(stream)
    parts: dict = {name: source.read(name) for name in source.namelist()}
    header_rels = relationships(
        ("rIdL", "image", f"{address}/header.png", "External"),
        ("rIdH", "hyperlink", "file:///etc/passwd", "External"),
        ("rIdO", "oleObject", "../embeddings/oleObject1.bin"),
    )
    fields = (f'<w:p><w:fldSimple w:instr=\' INCLUDEPICTURE "{address}/simple.png" \\d \'><w:r><w:t>图</w:t></w:r></w:fldSimple></w:p>'
              '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
              f'<w:r><w:instrText xml:space="preserve"> INCLUDEPICTURE "{address}/complex.png" \\d </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + _linked_picture("rIdL") +
              '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
              f'<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDETEXT "{address}/text.docx" </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
              '<w:p><w:hyperlink r:id="rIdH"><w:r><w:t>内部链接</w:t></w:r></w:hyperlink></w:p>'
              '<w:p>' + _linked_picture("rIdL") + '</w:p>'
              '<w:p><w:r><w:object><o:OLEObject xmlns:o="urn:schemas-microsoft-com:office:office" Type="Embed" ProgID="Package" '
              'ShapeID="_x0000_i1025" DrawAspect="Icon" ObjectID="_1" r:id="rIdO"/></w:object></w:r></w:p>')
    header = parts["word/header1.xml"].decode("utf-8")
    header = header.replace("</w:hdr>", fields + "</w:hdr>")
    if 'xmlns:r="' not in header.split(">", 2)[1]:
        header = header.replace("<w:hdr ", f'<w:hdr xmlns:r="{R}" ', 1)
    parts["word/header1.xml"] = header
    parts["word/_rels/header1.xml.rels"] = header_rels
    parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0 an OLE object"
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macros"
    settings = parts["word/settings.xml"].decode("utf-8")
    parts["word/settings.xml"] = settings.replace("<w:defaultTabStop", '<w:attachedTemplate r:id="rIdT"/><w:defaultTabStop', 1)
    parts["word/_rels/settings.xml.rels"] = relationships(("rIdT", "attachedTemplate", f"{address}/template.dotm", "External"))
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", '<Relationship Id="rIdV" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        'Target="vbaProject.bin"/></Relationships>')
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace(
        "wordprocessingml.document.main+xml", "wordprocessingml.document.main+xml-placeholder").replace(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml-placeholder",
        "application/vnd.ms-word.document.macroEnabled.main+xml").replace(
        "<Default Extension=\"jpeg\"", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Default Extension="jpeg"')
    return package(parts)


def reaching_pptx_template(address: str) -> bytes:
    """python-pptx's template whose master background is a picture linked from `address` (an `r:link` beacon), with macros."""
    def spoil(parts: dict) -> None:
        master = "ppt/slideMasters/slideMaster1.xml"
        parts[master] = parts[master].replace(
            "<p:cSld>", '<p:cSld><p:bg><p:bgPr><a:blipFill><a:blip r:link="rIdBeacon"/><a:stretch><a:fillRect/></a:stretch>'
            '</a:blipFill><a:effectLst/></p:bgPr></p:bg>', 1)
        rels = "ppt/slideMasters/_rels/slideMaster1.xml.rels"
        parts[rels] = parts[rels].replace("</Relationships>", f'<Relationship Id="rIdBeacon" Type="{R}/image" '
                                          f'Target="{address}/master.png" TargetMode="External"/></Relationships>')
        parts["ppt/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 macros"
        presentation = "ppt/_rels/presentation.xml.rels"
        parts[presentation] = parts[presentation].replace(
            "</Relationships>", '<Relationship Id="rIdV" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
            'Target="vbaProject.bin"/></Relationships>')
    return pptx_template(spoil)
