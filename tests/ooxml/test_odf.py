"""An .odp LibreOffice wrote, set as PowerPoint sets Chinese text: no gap between Chinese and Latin text in any style."""

from __future__ import annotations

import io
import zipfile

from report_gen.ooxml.odf import without_autospace

STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
STYLES = (
    f'<office:document-styles xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="{STYLE}">'
    '<office:styles><style:default-style style:family="graphic">'
    '<style:paragraph-properties style:text-autospace="ideograph-alpha" style:line-break="strict"/>'
    '</style:default-style></office:styles></office:document-styles>'
)
CONTENT = (
    f'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="{STYLE}">'
    '<office:automatic-styles><style:style style:name="P1" style:family="paragraph">'
    '<style:paragraph-properties style:text-autospace="ideograph-alpha"/></style:style>'
    '</office:automatic-styles></office:document-content>'
)


def odp(**parts: str) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.presentation", compress_type=zipfile.ZIP_STORED)
        for name, text in parts.items():
            package.writestr(f"{name}.xml", text, compress_type=zipfile.ZIP_DEFLATED)
    return stream.getvalue()


def test_every_style_that_sets_the_gap_turns_it_off_and_the_rest_is_kept():
    result = zipfile.ZipFile(io.BytesIO(without_autospace(odp(styles=STYLES, content=CONTENT))))
    assert result.namelist()[0] == "mimetype" and result.getinfo("mimetype").compress_type == zipfile.ZIP_STORED
    for part in ("styles.xml", "content.xml"):
        text = result.read(part).decode()
        assert 'text-autospace="none"' in text and "ideograph-alpha" not in text
    assert 'style:line-break="strict"' in result.read("styles.xml").decode()


def test_a_default_style_without_the_setting_gets_it():
    bare = STYLES.replace(' style:text-autospace="ideograph-alpha"', "")
    result = zipfile.ZipFile(io.BytesIO(without_autospace(odp(styles=bare, content=CONTENT))))
    assert 'text-autospace="none"' in result.read("styles.xml").decode()
