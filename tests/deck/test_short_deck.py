"""The short deck, the default: a deck to present, each number on one slide only, nothing left out.

Built from the default data and from tests/fixtures/township.yaml, a small report
with no templates of its own; reopened with python-pptx and read as the
audience sees it (text on the slides and the charts' alt text, which states
every number a chart shows) and as the presenter does (the notes).
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from pptx import Presentation
from pptx.shapes.graphfrm import GraphicFrame
from pptx.shapes.group import GroupShape
from pptx.shapes.picture import Picture

from tests.helpers import BEIBEI, FIXTURES, MINI
from tests.helpers.slides import all_shapes, charted, descr, frame_overflows, kicker_of, notes_of, slide_text, title_of
from report_gen.cli import main
from report_gen.data.load import load_report
from report_gen.data.model import Report
from report_gen.deck import deck_bytes
from report_gen.deck.case_points import case_points, figure_numbers
from report_gen.narrative.notes import story_gist
from report_gen.deck.outline import short_outline
from report_gen.plan import plan_report
from report_gen.deck.pictures import SLIDE_HALF, slide_placements
from report_gen.text.cjk import tidy_spacing
from report_gen.data.written import write_figure

TOWNSHIP = FIXTURES / "township.yaml"
BULLETIN = FIXTURES / "bulletin.yaml"
REPORTS = {"beibei": BEIBEI, "township": TOWNSHIP, "mini": MINI, "bulletin": BULLETIN}


@pytest.fixture(scope="module", params=list(REPORTS))
def built(request) -> tuple[Report, Presentation]:
    """Each report's short deck with native charts, whose alt text states what each chart shows."""
    report = load_report(REPORTS[request.param])
    return report, Presentation(io.BytesIO(deck_bytes(report, {}, chart_mode="native")))


@pytest.fixture(scope="module")
def beibei() -> Report:
    return load_report(BEIBEI)


@pytest.fixture(scope="module")
def beibei_deck(beibei) -> Presentation:
    return Presentation(io.BytesIO(deck_bytes(beibei, {}, chart_mode="native")))


@pytest.fixture(scope="module")
def township() -> Report:
    return load_report(TOWNSHIP)


@pytest.fixture(scope="module")
def township_deck(township) -> Presentation:
    return Presentation(io.BytesIO(deck_bytes(township, {}, chart_mode="native")))


def shown_on(slide) -> str:
    """Return what a slide shows: its text, and the alt text of its charts, pictures and tile groups."""
    texts = [slide_text(slide)]
    texts += [descr(shape) or "" for shape in slide.shapes if isinstance(shape, (GraphicFrame, Picture, GroupShape))]
    return "\n".join(texts)


def written_forms(report: Report) -> set[str]:
    return {write_figure(figure) for _, figure in report.all_figures()}


# -- length -------------------------------------------------------------------


def test_the_default_deck_has_at_most_24_slides(beibei_deck):
    assert len(beibei_deck.slides) <= 24


def test_short_is_the_default_and_the_full_deck_can_be_chosen(beibei, beibei_deck):
    full = Presentation(io.BytesIO(deck_bytes(beibei, {}, chart_mode="native", length="full")))
    assert len(full.slides) > 40 > len(beibei_deck.slides)
    data = beibei.model_dump(mode="json", exclude_none=True)
    data["style"]["deck"]["length"] = "full"
    chosen = Presentation(io.BytesIO(deck_bytes(Report.model_validate(data), {}, chart_mode="native")))
    assert len(chosen.slides) == len(full.slides)


def test_build_takes_the_deck_length(tmp_path):
    assert main(["build", str(TOWNSHIP), "--out", str(tmp_path / "short"), "--only", "pptx", "--quiet"]) == 0
    assert main(["build", str(TOWNSHIP), "--out", str(tmp_path / "full"), "--only", "pptx", "--deck-length", "full",
                 "--quiet"]) == 0
    short = Presentation(tmp_path / "short" / "township.pptx")
    full = Presentation(tmp_path / "full" / "township.pptx")
    assert len(short.slides) < len(full.slides)
    assert sum(isinstance(shape, Picture) for slide in short.slides for shape in slide.shapes) == 4, \
        "every chart but the tile and the one repeating another's numbers is a picture"


# -- nothing twice, nothing lost -------------------------------------------------------


def shows(shown: str, figure) -> bool:
    """Tell whether a slide shows a figure: its number as written, and what it counts (two figures may both be 20条)."""
    written = re.search(rf"(?<![\d.]){re.escape(write_figure(figure))}", shown)
    return bool(written) and (figure.label in shown or figure.axis_label in shown)


def test_every_number_is_shown_on_exactly_one_slide_besides_the_overview_s_headlines(built):
    report, deck = built
    slides_showing = defaultdict(list)
    for number, slide in enumerate(deck.slides, start=1):
        if title_of(slide).startswith("工作概览"):
            continue
        shown = shown_on(slide)
        for _, figure in report.all_figures():
            if shows(shown, figure):
                slides_showing[figure.id].append(number)
    repeated = {figure_id: numbers for figure_id, numbers in slides_showing.items() if len(numbers) > 1}
    assert repeated == {}, "the full deck repeats most of them"
    in_notes = {figure.id for slide in short_outline(report, plan_report(report)) for panel in slide.panels for figure in panel.unshown}
    assert set(slides_showing) == {figure.id for _, figure in report.all_figures()} - in_notes


def test_every_figure_is_on_a_slide_or_in_the_notes(built):
    report, deck = built
    everything = "\n".join(shown_on(slide) + "\n" + notes_of(slide) for slide in deck.slides)
    missing = [figure.id for _, figure in report.all_figures() if write_figure(figure) not in everything]
    assert missing == []


def test_notes_say_what_to_tell_the_room_in_two_to_four_sentences_a_slide(built):
    report, deck = built
    for slide in list(deck.slides)[1:-1]:
        sentences = len(re.findall("[。！？]", notes_of(slide)))
        assert 2 <= sentences <= 4, f"{title_of(slide)}: {notes_of(slide)}"


def test_the_sources_are_said_once_at_the_end_of_the_notes(built):
    report, deck = built
    slides = list(deck.slides)
    for source in report.sources:
        said = [number for number, slide in enumerate(slides, start=1)
                if f"《{tidy_spacing(source.title)}》" in notes_of(slide)]
        assert said and all(title_of(slides[number - 1]).startswith("资料来源") for number in said), source.id


# -- what the slides hold ---------------------------------------------------------


def test_small_charts_share_a_slide_under_their_own_headings(beibei_deck, beibei):
    slide = beibei_deck.slides[2]
    charts = [shape.name for _, shape in charted(beibei_deck) if _ == slide]
    assert charts == ["Chart service_center_items_growth", "Chart market_entities_2021"]
    headings = [shape.text_frame.text for shape in slide.shapes if shape.name.endswith(" heading")]
    assert headings == ["政务服务中心进驻事项变化", "2021年新增市场主体与民营企业"]
    assert kicker_of(slide) == "营商环境"
    assert title_of(slide) == "推进服务大厅集中后，进驻政务服务中心的事项数量约翻了一番", "the first chart's caption says it"
    assert not [shape for shape in slide.shapes if shape.has_text_frame
                and shape.text_frame.text == beibei.themes[0].charts[0].caption], "a caption the title says is not repeated"


def test_one_key_figures_slide_shows_eight_figures_no_chart_shows_and_its_notes_say_the_rest(beibei_deck, beibei):
    plan = plan_report(beibei)
    (slide,) = [s for s in beibei_deck.slides if kicker_of(s) == "营商环境" and
                any(shape.name == "Figure 1 value" for shape in s.shapes)]
    text, notes = slide_text(slide), notes_of(slide)
    listed = plan.table_figures["business"]
    assert len(listed) == 14
    on_slide = [figure for figure in listed if write_figure(figure) in text and figure.label in text]
    assert len(on_slide) == 8 and title_of(slide) == "年均新发展市场主体13500户", "the largest first"
    assert all(not figure.note and "，" not in figure.period for figure in on_slide), "what needs explaining is said"
    for figure in listed:
        if figure not in on_slide:
            assert write_figure(figure) in notes, figure.id
    assert "原文未注明调查年份" not in text and "原文未注明调查年份" in notes
    assert "约12.5亿元" not in text, "the tile chart shows it"


def test_tiles_are_shapes_never_pictures(beibei_deck):
    groups = [shape for _, shape in charted(beibei_deck) if isinstance(shape, GroupShape)]
    assert [group.name for group in groups][:2] == ["Chart lifan_q1_results", "Chart maotian_innovation"]
    assert "约12.5亿元" in "".join(shape.text_frame.text for shape in all_shapes(groups[0].shapes) if shape.has_text_frame)
    assert descr(groups[0]).startswith("关键数字：")


def test_cases_are_short_points_with_what_to_say_in_the_notes(beibei_deck, beibei):
    (slide,) = [s for s in beibei_deck.slides if kicker_of(s) == "营商环境" and
                any(shape.name == "Case 1 points" for shape in s.shapes)]
    case = beibei.themes[0].cases[0]
    assert title_of(slide) == f"{case.title}等四个案例"
    points = next(shape for shape in slide.shapes if shape.name == "Case 1 points")
    assert [p.text for p in points.text_frame.paragraphs] == list(case.points)
    assert all(p._p.pPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}buChar") is not None
               for p in points.text_frame.paragraphs), "a bullet of the paragraph's own, not a typed ●"
    notes = notes_of(slide)
    assert all(other.title in notes for other in beibei.themes[0].cases)
    assert story_gist(case.text) in notes and tidy_spacing(case.text) not in notes, "its gist, not the whole story"
    assert all(len(shape.text_frame.text) <= 3 * 41 for shape in slide.shapes if shape.name.endswith(" points"))


def test_points_come_from_the_story_passing_over_the_figures_numbers(township):
    shown = figure_numbers(figure for _, figure in township.all_figures())
    helped, returned = township.themes[0].cases
    assert case_points(helped, shown) == ["年初，镇里安排机关干部与重点企业结对，每周到企业走访一次",
                                          "一家食品企业反映冷库用电紧张，干部协调供电所当月完成增容"]
    assert all("1300" not in point for point in case_points(returned, shown))
    long = helped.model_copy(update={"text": "镇里" + "安排机关干部与重点企业结对走访，" * 4 + "成效明显。"})
    assert all(len(point) <= 40 for point in case_points(long, shown))


def test_the_overview_shows_each_theme_with_its_headline_figure_and_goals(beibei_deck, beibei):
    slide = beibei_deck.slides[1]
    assert title_of(slide) == "工作概览"
    text = slide_text(slide)
    assert "八个一流：一流营商环境" in text and "四篇文章：民营经济" in text
    for theme in beibei.themes:
        assert theme.short_title in text and write_figure(theme.figures[0]) in text


def test_a_theme_with_only_its_summary_gets_a_summary_slide(township_deck, township):
    (slide,) = [s for s in township_deck.slides if kicker_of(s) == "下半年打算"]
    assert title_of(slide) == township.themes[-1].title
    assert township.themes[-1].summary in slide_text(slide)


def test_the_theme_s_first_slide_notes_open_it(beibei_deck, beibei):
    first = next(s for s in beibei_deck.slides if kicker_of(s) == "科创中心")
    assert notes_of(first).startswith(f"接下来讲{beibei.themes[1].title}。")


def test_a_chart_that_repeats_another_s_numbers_is_left_out(township_deck):
    names = [shape.name for _, shape in charted(township_deck)]
    assert "Chart entities" in names and "Chart entities_h" not in names


# -- sizes and fit --------------------------------------------------------------


def test_pictures_are_drawn_for_the_panel_they_go_in(beibei):
    placements = slide_placements(beibei, "short", plan_report(beibei))
    assert placements["service_center_items_growth"] == SLIDE_HALF
    assert "lifan_q1_results" not in placements, "a tile is shapes"
    outline = short_outline(beibei, plan_report(beibei))
    alone = [panel.chart.id for slide in outline if not slide.shared for panel in slide.panels if panel.chart]
    assert all(placements[chart_id].name == "slide" for chart_id in alone if chart_id in placements)


@pytest.mark.parametrize("name", ["beibei", "township"])
def test_every_text_frame_fits_its_box(name):
    report = load_report(REPORTS[name])
    deck = Presentation(io.BytesIO(deck_bytes(report, {}, chart_mode="native")))
    measures: dict = {}
    problems = []
    for number, slide in enumerate(deck.slides, start=1):
        for shape in all_shapes(slide.shapes):
            if shape.has_text_frame and shape.text_frame.text.strip():
                problems += [f"slide {number}: {problem}" for problem in frame_overflows(shape, measures)]
    assert problems == []


def test_the_short_deck_is_valid_against_the_ooxml_schemas(tmp_path, township_deck):
    openxml_audit = pytest.importorskip("openxml_audit")
    path = tmp_path / "township.pptx"
    township_deck.save(path)
    result = openxml_audit.validate_pptx(path)
    assert [error.description for error in result.errors if error.error_type.value == "schema"] == []


def test_case_points_are_checked_when_read(tmp_path):
    data = yaml.safe_load(TOWNSHIP.read_text(encoding="utf-8"))
    data["themes"][0]["cases"][0]["points"] = ["甲", "乙", "丙", "丁"]
    path = Path(tmp_path) / "four.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
