"""Cited text: a string with its figures' sources beside it, kept through joins, tidying and splitting, cited per sentence."""

from __future__ import annotations

import re

from report_gen.text.cited import Citation, CitedText, Mark, Segment, join, sentence_segments, tidy


def test_a_figure_as_printed_cites_its_source_at_its_end():
    figure = CitedText.of("约12.5亿元", "b")
    assert figure.plain == "约12.5亿元" and figure.citations == (Citation(len("约12.5亿元"), "b"),)
    assert str(figure) is figure, "jinja2 prints str(value): the citations must survive it"


def test_joining_keeps_each_piece_s_citations_in_place():
    text = join(["营收", CitedText.of("约12.5亿元", "b"), "，增长", CitedText.of("48%", "a")])
    assert text.plain == "营收约12.5亿元，增长48%"
    assert [(c.at, c.source) for c in text.citations] == [(9, "b"), (15, "a")]
    assert text.sources == ("b", "a")


def test_tidying_spaces_moves_citations_with_the_text():
    text = join(["新 增", CitedText.of("两万户", "b"), "。 下 一句"])
    tidied = tidy(text)
    assert tidied.plain == "新增两万户。下一句"
    assert tidied.slice(0, tidied.citations[0].at).plain == "新增两万户"


def test_splitting_and_stripping_keep_citations_with_their_pieces():
    text = join([" 甲", CitedText.of("1个", "a"), "|乙", CitedText.of("2个", "b"), " "])
    first, second = text.split_at(re.compile(r"\|"))
    assert (first.strip().plain, first.strip().sources) == ("甲1个", ("a",))
    assert (second.strip().plain, second.strip().sources) == ("乙2个", ("b",))


def test_a_sentence_quoting_a_figure_cites_its_source_before_the_full_stop():
    text = join(["新增", CitedText.of("2.5万户", "b"), "。"])
    assert sentence_segments(text) == [Segment("新增2.5万户", ("b",)), Segment("。")]


def test_sentences_citing_the_same_source_are_cited_once_after_the_last():
    text = join(["甲", CitedText.of("1个", "a"), "。乙", CitedText.of("2个", "a"), "。丙", CitedText.of("3个", "b"), "。无数字。"])
    assert sentence_segments(text) == [Segment("甲1个。乙2个", ("a",)), Segment("。丙3个", ("b",)), Segment("。无数字。")]


def test_a_sentence_quoting_two_sources_cites_both_in_order_of_mention():
    text = join([CitedText.of("1个", "b"), "和", CitedText.of("2个", "a"), "“引文”。"])
    assert sentence_segments(text) == [Segment("1个和2个“引文”", ("b", "a")), Segment("。")]


def test_a_citation_after_the_full_stop_belongs_to_that_sentence():
    assert sentence_segments(CitedText.of("进驻事项翻了一番。", "a")) == [Segment("进驻事项翻了一番", ("a",)), Segment("。")]


def test_text_without_figures_is_one_segment_citing_nothing():
    assert sentence_segments("没有数字的一段话。") == [Segment("没有数字的一段话。")]


# -- marks: where each figure's written form stands --------------------------------


def test_a_figure_s_written_form_is_marked_with_its_id_through_joins_tidying_and_slices():
    text = tidy(join(["营业 收入", CitedText.of("约12.5亿元", "b", "revenue"), "，同比增长48%。"]))
    assert text.plain == "营业收入约12.5亿元，同比增长48%。"
    (mark,) = text.marks
    assert (text.plain[mark.start:mark.end], mark.figure) == ("约12.5亿元", "revenue")
    assert text.slice(2, 12).marks == (Mark(2, 9, "revenue"),)
    assert text.slice(0, 6).marks == (), "a mark cut by a slice is dropped, never shortened"


def test_a_statement_marks_only_the_span_of_its_written_form():
    said = CitedText.stating("进驻事项由500余项增加到1000余项", "a", "matters", (13, 19))
    assert said.plain[said.marks[0].start:said.marks[0].end] == "1000余项"
    assert CitedText.stating("无数字", "a", "x", None).marks == CitedText.stating("无数字", "a", "x", (5, 9)).marks == ()
    assert CitedText.of("无数字", "a").marks == (), "text that cites a source is not a figure's form unless it says whose"


def test_segments_carry_the_marks_of_their_own_text():
    text = join(["甲", CitedText.of("1个", "a", "one"), "。乙", CitedText.of("2个", "b", "two"), "。"])
    first, second, last = sentence_segments(text)
    assert (first.text, first.marks) == ("甲1个", (Mark(1, 3, "one"),))
    assert (second.text, second.marks) == ("。乙2个", (Mark(2, 4, "two"),))
    assert last.marks == ()
