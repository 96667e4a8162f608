"""The CJK font: found on the machine, or named by file; glyphs checked before anything is drawn."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager

from report_gen.fonts import chart_font as fonts
from report_gen.errors import FontError
from report_gen.fonts.chart_font import CjkFont, find_cjk_font, require_glyphs

NOTO_TTC = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


@pytest.fixture(autouse=True)
def no_font_from_environment(monkeypatch):
    monkeypatch.delenv(fonts.ENV_VAR, raising=False)


@pytest.fixture(scope="module")
def font() -> CjkFont:
    return find_cjk_font()


def test_a_cjk_font_is_found_and_registered(font):
    assert font.family in fonts.PREFERRED_FAMILIES
    assert font.path.is_file()
    resolved = font_manager.fontManager.findfont(
        font_manager.FontProperties(family=font.family), fallback_to_default=False
    )
    assert Path(str(resolved)).resolve() == font.path.resolve()


@pytest.mark.skipif(not NOTO_TTC.is_file(), reason="Debian's fonts-noto-cjk is not installed")
def test_the_simplified_chinese_face_of_a_ttc_is_used_not_the_japanese_one(font):
    assert font.family == "Noto Sans CJK SC"
    assert find_cjk_font(NOTO_TTC).family == "Noto Sans CJK SC"


def test_discovery_is_cached():
    assert find_cjk_font() is find_cjk_font()


def test_require_glyphs_passes_for_chinese_text(font):
    require_glyphs("党建引领", font, "chart 'x' label '党建引领'")
    require_glyphs("约12.5亿元，30%以上；《示例报道》 资料来源：\n", font, "mixed")


def test_require_glyphs_names_what_and_the_missing_character(font):
    with pytest.raises(FontError) as caught:
        require_glyphs("科技\ue000基地", font, "chart 'platforms' label '科技\ue000基地'")
    message = str(caught.value)
    assert message.startswith("chart 'platforms' label")
    assert "U+E000" in message
    assert font.family in message


def test_require_glyphs_ignores_whitespace(font):
    require_glyphs(" \t\n\u3000", font, "blank")


def test_a_missing_font_file_says_how_to_fix_it():
    with pytest.raises(FontError) as caught:
        find_cjk_font("/nonexistent/fonts/FangSong.ttf")
    message = str(caught.value)
    assert "/nonexistent/fonts/FangSong.ttf" in message
    assert "does not exist" in message
    assert "REPORT_GEN_FONT" in message and "--font" in message
    assert "apt-get install fonts-noto-cjk" in message


def test_the_environment_variable_names_the_font_file(monkeypatch):
    monkeypatch.setenv(fonts.ENV_VAR, "/nonexistent/simhei.ttf")
    with pytest.raises(FontError, match="/nonexistent/simhei.ttf' given by REPORT_GEN_FONT does not exist"):
        find_cjk_font()


@pytest.mark.skipif(not NOTO_TTC.is_file(), reason="Debian's fonts-noto-cjk is not installed")
def test_the_font_argument_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv(fonts.ENV_VAR, "/nonexistent/simhei.ttf")
    assert find_cjk_font(NOTO_TTC).family == "Noto Sans CJK SC"


def test_a_font_without_chinese_glyphs_is_refused():
    with pytest.raises(FontError, match="has no Chinese glyphs"):
        find_cjk_font(DEJAVU)


def test_a_file_that_is_not_a_font_is_refused(tmp_path):
    fake = tmp_path / "notes.ttf"
    fake.write_text("not a font", encoding="utf-8")
    with pytest.raises(FontError, match="is not a font matplotlib can read"):
        find_cjk_font(fake)


def test_a_font_file_that_is_not_a_regular_file_is_refused_without_being_read(tmp_path):
    import os

    fifo = tmp_path / "font.ttf"
    os.mkfifo(fifo)
    with pytest.raises(FontError, match="is not a regular file"):
        find_cjk_font(fifo)


def test_a_font_file_over_the_size_limit_is_refused(font, monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "MAX_FONT_BYTES", fonts.MEGABYTE)
    named = tmp_path / Path(font.path).name
    named.symlink_to(font.path)
    with pytest.raises(FontError, match=r"is \d+ MB, over the 1 MB a font file may have"):
        find_cjk_font(named)


def test_no_chinese_font_on_the_machine_says_how_to_install_one(monkeypatch):
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(fonts.fontconfig, "chinese_faces", lambda: ())
    monkeypatch.setattr(fonts, "KNOWN_PATHS", ())
    fonts._discover.cache_clear()
    try:
        with pytest.raises(FontError) as caught:
            find_cjk_font()
    finally:
        fonts._discover.cache_clear()
    message = str(caught.value)
    assert "no Chinese font found" in message
    assert "apt-get install fonts-noto-cjk" in message
    assert "REPORT_GEN_FONT" in message and ".ttc" in message


# --- an explicit list: style.charts.fonts -------------------------------------


def test_the_default_list_is_the_models_default():
    from report_gen.data.style import ChartStyle

    assert fonts.PREFERRED_FAMILIES == tuple(ChartStyle().fonts)
    assert find_cjk_font().chosen_by.startswith("style.charts.fonts[")


def test_the_first_usable_entry_is_used_and_those_before_it_say_why_not(font, tmp_path):
    chosen = find_cjk_font(candidates=["No Such Family SC", "missing.ttf", str(DEJAVU), font.family], base_dir=tmp_path)
    assert chosen == font
    assert chosen.chosen_by == "style.charts.fonts[3]"
    assert chosen.passed_over == (
        "style.charts.fonts[0] 'No Such Family SC': not installed",
        f"style.charts.fonts[1] 'missing.ttf': no such file ({tmp_path / 'missing.ttf'})",
        f"style.charts.fonts[2] '{DEJAVU}': has no Chinese glyphs ({DEJAVU})",
    )
    assert chosen.describe() == [
        f"chart font: {font.family} ({font.path}), from style.charts.fonts[3]",
        *(f"  passed over {entry}" for entry in chosen.passed_over),
    ]


def test_a_listed_file_is_found_relative_to_the_data_folder(font, tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "mine.ttc").symlink_to(font.path)
    chosen = find_cjk_font(candidates=["fonts/mine.ttc"], base_dir=tmp_path)
    assert (chosen.family, chosen.chosen_by, chosen.passed_over) == (font.family, "style.charts.fonts[0]", ())


def test_family_names_match_whatever_their_case(font):
    assert find_cjk_font(candidates=[font.family.lower()]).family == font.family


def test_a_list_with_nothing_usable_names_every_entry(tmp_path):
    with pytest.raises(FontError) as caught:
        find_cjk_font(candidates=["No Such Family SC", "Another Missing", "fonts/gone.otf"], base_dir=tmp_path)
    message = str(caught.value)
    assert message.startswith("no Chinese font found for the charts among style.charts.fonts")
    assert "not installed: No Such Family SC, Another Missing" in message
    assert f"style.charts.fonts[2] 'fonts/gone.otf': no such file ({tmp_path / 'fonts' / 'gone.otf'})" in message
    assert "style.charts.fonts" in message and "apt-get install fonts-noto-cjk" in message and "--font" in message


def test_the_font_argument_and_the_environment_come_before_the_list(font, monkeypatch):
    assert find_cjk_font(font.path, candidates=["No Such Family SC"]).chosen_by == "--font"
    monkeypatch.setenv(fonts.ENV_VAR, str(font.path))
    assert find_cjk_font(candidates=["No Such Family SC"]).chosen_by == fonts.ENV_VAR
