"""A Word paragraph's text as a reader sees it, runs cut at any character, tracked changes and comments written into it."""

from __future__ import annotations

import copy
import io

import docx
from docx.oxml import parse_xml
from lxml import etree

from report_gen.ooxml import comments, docx_text, revisions

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def paragraph(inner: str) -> etree._Element:
    return parse_xml(f"<w:p {W_NS}>{inner}</w:p>")


def test_the_text_is_what_word_shows_with_changes_accepted():
    p = paragraph(
        '<w:r><w:t>甲</w:t><w:tab/></w:r>'
        '<w:del w:id="1" w:author="x" w:date="2025-01-01T00:00:00Z"><w:r><w:delText>删</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="x" w:date="2025-01-01T00:00:00Z"><w:r><w:t>增</w:t></w:r></w:ins>'
        '<w:hyperlink><w:r><w:t>链</w:t></w:r></w:hyperlink>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    assert docx_text.paragraph_text(p) == "甲\t增链3"


def test_cutting_a_span_leaves_it_as_whole_runs_with_the_text_unchanged():
    p = paragraph('<w:r><w:rPr><w:b/></w:rPr><w:t>增速保持在10～20%之间</w:t></w:r>')
    runs = docx_text.isolate(p, 5, 11)
    assert ["".join(t.text for t in run.iter(f"{W}t")) for run in runs] == ["10～20%"]
    assert docx_text.paragraph_text(p) == "增速保持在10～20%之间"
    assert all(run.find(f"{W}rPr/{W}b") is not None for run in p.iter(f"{W}r"))


def test_a_tracked_change_deletes_and_inserts_with_the_runs_formatting():
    p = paragraph('<w:r><w:rPr><w:b/></w:rPr><w:t>比上年增长14545元</w:t></w:r>')
    ids = revisions.RevisionIds(p)
    assert revisions.can_track(p, 4, 5)
    revisions.track_change(p, 4, 5, "加", "report_gen", "2025-08-01T00:00:00Z", ids)
    assert docx_text.paragraph_text(p) == "比上年增加14545元"
    deleted = p.find(f"{W}del")
    assert "".join(t.text for t in deleted.iter(f"{W}delText")) == "长"
    inserted = p.find(f"{W}ins")
    assert inserted.getprevious() is deleted and inserted.find(f"{W}r/{W}rPr/{W}b") is not None
    assert deleted.get(f"{W}id") != inserted.get(f"{W}id")


def test_an_insertion_goes_at_its_point_and_at_the_start_of_a_paragraph():
    p = paragraph('<w:r><w:t>10～20%</w:t></w:r>')
    ids = revisions.RevisionIds(p)
    revisions.track_change(p, 2, 2, "%", "report_gen", "2025-08-01T00:00:00Z", ids)
    revisions.track_change(p, 0, 0, "约", "report_gen", "2025-08-01T00:00:00Z", ids)
    assert docx_text.paragraph_text(p) == "约10%～20%"


def test_a_span_across_a_hyperlink_and_plain_runs_is_not_tracked():
    p = paragraph('<w:r><w:t>见</w:t></w:r><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>')
    assert not revisions.can_track(p, 0, 2)
    assert revisions.can_track(p, 1, 3)


def test_text_boxes_are_read_once_without_their_fallback_copy():
    document = docx.Document()
    body_paragraph = document.add_paragraph("正文")
    box = (
        '<w:r xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' + W_NS + '><mc:AlternateContent>'
        '<mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>'
    )
    body_paragraph._p.append(parse_xml(box))
    element = copy.deepcopy(body_paragraph._p)
    assert docx_text.paragraph_text(element) == "正文"
    boxes = list(docx_text.text_box_paragraphs(element))
    assert [[docx_text.paragraph_text(p) for p in box] for box in boxes] == [["框内"]]


def test_a_comment_marks_exactly_its_span():
    document = docx.Document()
    p = document.add_paragraph("签订合作协议61余份。")._p
    assert comments.comment_on(document, p, 6, 9, "核实", "report_gen", "RG")
    start, end = p.find(f"{W}commentRangeStart"), p.find(f"{W}commentRangeEnd")
    between = []
    element = start.getnext()
    while element is not end:
        between.extend(t.text for t in element.iter(f"{W}t"))
        element = element.getnext()
    assert "".join(between) == "61余"
    stream = io.BytesIO()
    document.save(stream)
    again = docx.Document(io.BytesIO(stream.getvalue()))
    assert [comment.text for comment in again.comments] == ["核实"]
    assert any(style.style_id == "CommentReference" for style in again.styles)
