"""Each document's choices are settled in one place: the command line's option, else the data file's style."""

from __future__ import annotations

from pathlib import Path

import pytest

from report_gen.data.choices import BriefingChoices, DeckChoices, briefing_choices, deck_choices
from report_gen.data.style import BriefingPreset, Style


def test_an_option_given_wins_over_the_style_and_the_style_fills_the_rest():
    style = Style.model_validate({"deck": {"length": "full", "charts": "native", "template": "org.pptx"}, "briefing": {"preset": "jianbao"}})
    assert deck_choices(style, Path("reports")) == DeckChoices("native", "full", Path("reports/org.pptx"))
    assert deck_choices(style, Path("reports"), chart_mode="image", length="short", template=Path("mine.pptx")) == \
        DeckChoices("image", "short", Path("mine.pptx"))
    assert briefing_choices(style) == BriefingChoices("image", BriefingPreset.JIANBAO, None)
    assert briefing_choices(style, preset=BriefingPreset.COMPACT).preset is BriefingPreset.COMPACT


def test_a_template_the_style_names_is_found_beside_the_data_file_only():
    style = Style.model_validate({"briefing": {"template": "office.dotx"}})
    assert briefing_choices(style, Path("data")).template_path == Path("data/office.dotx")
    assert briefing_choices(style).template_path is None, "a writer called without the data's folder uses report_gen's design"


def test_every_choice_is_in_the_key_the_cache_and_the_record_take():
    chosen = deck_choices(Style(), chart_mode="native")
    assert chosen.key() == {"chart_mode": "native", "length": "short", "template_path": "None"}
    assert deck_choices(Style()).key() != chosen.key()


def test_a_mode_or_length_that_is_not_one_is_refused():
    with pytest.raises(ValueError, match="chart mode"):
        deck_choices(Style(), chart_mode="vector")
    with pytest.raises(ValueError, match="deck length"):
        deck_choices(Style(), length="medium")
