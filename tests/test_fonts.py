"""The CJK font: found on the machine, or named by file; glyphs checked before anything is drawn."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager

from report_gen import fonts
from report_gen.errors import FontError
from report_gen.fonts import CjkFont, find_cjk_font, require_glyphs

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


def test_no_chinese_font_on_the_machine_says_how_to_install_one(monkeypatch):
    monkeypatch.setattr(font_manager.fontManager, "ttflist", [])
    monkeypatch.setattr(fonts, "_fontconfig_chinese", lambda: [])
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
