"""The briefing speaks as the office: it reports on the district, names its sources once, and cites them as asked.

Each test builds the default report's briefing (stand-in chart pictures, real
text), reopens the .docx and reads it as a reader would.
"""

from __future__ import annotations

import io
import re

import pytest
from docx import Document

from tests.helpers import BEIBEI
from tests.helpers.documents import stand_in_charts
from report_gen.briefing import briefing_bytes
from report_gen.data.load import load_report
from report_gen.data.model import Report
from report_gen.data.style import BriefingPreset, Citations
from report_gen.narrative import Narrative
from report_gen.ooxml.footnotes import footnote_references, footnote_texts

PRESETS = (BriefingPreset.GBT9704, BriefingPreset.JIANBAO)

NARRATING = re.compile(r"报道(?!时)")
"""A sentence that speaks of the articles (两篇报道介绍了…, 报道称…, 据报道…); 截至报道时 dates a figure and is not counted."""

MARK = re.compile(r"\[\d+(?:[,\-]\d+)*\]")
"""A [n] reference mark: [1], [1,2], [1-3]."""


def styled(report: Report, **briefing) -> Report:
    """The report with `briefing` settings changed."""
    style = report.style.model_copy(update={"briefing": report.style.briefing.model_copy(update=briefing)})
    return report.model_copy(update={"style": style})


def built(report: Report):
    return Document(io.BytesIO(briefing_bytes(report, Narrative(report), stand_in_charts(report))))


@pytest.fixture(scope="module")
def beibei() -> Report:
    return load_report(BEIBEI)


@pytest.fixture(scope="module", params=PRESETS, ids=lambda preset: preset.value)
def default_briefing(request, beibei):
    """The default briefing in one preset, as `build` (or `build --preset jianbao`) makes it."""
    return built(styled(beibei, preset=request.param))


def body_paragraphs(document) -> list[str]:
    """The paragraphs before the 资料来源 list: everything the office says about the district."""
    texts = [paragraph.text for paragraph in document.paragraphs]
    return texts[:len(texts) - texts[::-1].index("资料来源") - 1]


def sentences(texts: list[str]) -> list[str]:
    return [sentence for text in texts for sentence in re.split(r"(?<=[。！？])", text) if sentence.strip()]


def narrating_sentences(document) -> list[str]:
    return [sentence for sentence in sentences(body_paragraphs(document)) if NARRATING.search(sentence)]


def test_fewer_than_four_sentences_speak_of_the_articles(default_briefing):
    assert len(narrating_sentences(default_briefing)) < 4, narrating_sentences(default_briefing)


def test_the_two_sources_disagreeing_is_said_once_plainly(default_briefing):
    said = [s for s in sentences(body_paragraphs(default_briefing)) if "口径不同" in s or "不作合并" in s]
    assert len(said) == 1 and "500余名" in said[0], said


def test_by_default_no_mark_in_the_body_no_source_column_and_the_sources_named_once_at_the_end(default_briefing, beibei):
    body = "\n".join(body_paragraphs(default_briefing))
    cells = [cell.text for table in default_briefing.tables for row in table.rows for cell in row.cells]
    assert MARK.findall(body) == [] and MARK.findall("\n".join(cells)) == []
    assert "来源" not in [cell.text for table in default_briefing.tables for cell in table.rows[0].cells]
    texts = [paragraph.text for paragraph in default_briefing.paragraphs]
    start = texts.index("资料来源")
    listed = [text for text in texts[start + 1:] if text.startswith(tuple("、".join(s.authors) or "《" for s in beibei.sources))]
    assert len(listed) == len(beibei.sources)
    for source in beibei.sources:
        assert sum(f"《{source.title}》" in text for text in texts[start:]) == 1


def test_every_caption_is_a_sentence_that_states_a_point(default_briefing, beibei):
    notes = [paragraph.text for paragraph in default_briefing.paragraphs if paragraph.style.name == "Chart Note"]
    captions = [chart.caption for _, chart in beibei.all_charts()]
    assert len([note for note in notes if note in captions]) == len(captions)
    for caption in captions:
        assert caption.endswith("。") and not re.search(r"(?:数量|户数|人次|情况|规模|长度)。$", caption), caption


def test_the_text_leaves_the_key_figure_panels_numbers_to_them(default_briefing, beibei):
    """A number a key-figure panel shows is not said again in the narrative (the case may tell its story)."""
    from report_gen.data.model import ChartKind
    from report_gen.data.written import write_figure

    figures = beibei.figure_index()
    panel = {write_figure(figures[figure_id]) for _, chart in beibei.all_charts() if chart.kind is ChartKind.TILE
             for figure_id in chart.figures}
    narrative = [paragraph.text for paragraph in default_briefing.paragraphs if paragraph.style.name == "Normal"
                 and not (paragraph.runs and paragraph.runs[0].style.name == "Case Title")  # a case, 1. or alone
                 and not re.match(r"\d+\.", paragraph.text)]
    said = sorted(written for written in panel if any(written in text for text in narrative))
    assert said == [], said


def test_brackets_put_marks_in_the_body_a_source_column_and_a_numbered_list(beibei):
    document = built(styled(beibei, citations=Citations.BRACKETS))
    assert len(MARK.findall("\n".join(body_paragraphs(document)))) > 20
    assert all(table.rows[0].cells[-1].text == "来源" for table in document.tables if table.rows[0].cells[0].text == "指标")
    assert [text for text in (p.text for p in document.paragraphs) if text.startswith("[")][-2:][0].startswith("[1] ")


def test_footnotes_are_word_footnotes_naming_the_sources_and_nothing_in_brackets(beibei):
    document = built(styled(beibei, citations=Citations.FOOTNOTES))
    notes, cited = footnote_texts(document), footnote_references(document)
    assert cited and sorted(cited) == sorted(notes) == list(range(1, len(cited) + 1)), "each footnote cited once, in order"
    titles = [f"《{source.title}》" for source in beibei.sources]
    assert all(any(title in text for title in titles) for text in notes.values())
    assert MARK.findall("\n".join(body_paragraphs(document))) == []
    assert "来源" not in [cell.text for table in document.tables for cell in table.rows[0].cells]
    reference = document.element.body.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}footnoteReference")
    run = next(reference).getparent()
    assert run.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}vertAlign").get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "superscript"


def test_the_citation_form_is_in_the_schema_and_defaults_to_none(beibei):
    from report_gen.data.schema import schema_json

    schema = schema_json()
    assert beibei.style.briefing.citations is Citations.NONE
    assert '"footnotes"' in schema and '"citations"' in schema


USAGE_RULES = ("stat.rank", "punct.quote-nesting", "stat.period-repeated", "stat.unit-scale", "stat.approx-yu",
               "punct.pairs", "stat.amount-change")
"""The usage the office's text must get right, checked on what the briefing prints."""


def test_the_printed_text_has_no_usage_fault_but_a_number_kept_as_its_source_printed_it(default_briefing, beibei):
    """第13位, ‘ ’ inside “ ”, one period a sentence, one scale a sentence; 61余份 only where the data keeps it on purpose."""
    from report_gen.proof import proofread_texts

    texts = [(f"¶{n}", p.text) for n, p in enumerate(default_briefing.paragraphs)]
    texts += [(f"cell {n}", cell.text) for n, cell in enumerate(
        cell for table in default_briefing.tables for row in table.rows for cell in row.cells)]
    kept = {figure.excerpt for _, figure in beibei.all_figures() if figure.as_printed}
    findings = [f for f in proofread_texts(texts) if f.rule.id in USAGE_RULES
                and not (f.rule.id == "stat.approx-yu" and any(f.quote in excerpt for excerpt in kept))]
    assert [finding.line() for finding in findings] == []
    printed = "\n".join(text for _, text in texts)
    assert "居全国第13位" in printed and "名列全国13位" not in printed
    assert "2.5万户" in printed and not re.search(r"2\.5万户[^。]*13500户|13500户[^。]*2\.5万户", printed)
    assert "照录" in printed, "61余份 is printed as its source has it, with a note saying so"
