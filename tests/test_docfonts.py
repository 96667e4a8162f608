"""The briefing's fonts against this machine's: warnings once per missing font, and Simplified Chinese stand-ins."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import MINI
from report_gen.fonts import document as docfonts
from report_gen.fonts import fontconfig
from report_gen.cli import main
from report_gen.data.model import BriefingFonts

DEFAULTS = BriefingFonts()


@pytest.mark.parametrize(
    "name, style",
    [("仿宋_GB2312", "song"), ("宋体", "song"), ("方正小标宋简体", "song"), ("FangSong", "song"), ("楷体_GB2312", "kai"),
     ("KaiTi", "kai"), ("黑体", "hei"), ("Microsoft YaHei", "hei"), ("Times New Roman", None)],
)
def test_a_font_name_says_its_style_of_type(name, style):
    assert docfonts.style_of(name) == style


def test_each_font_is_named_once_with_every_role_it_fills():
    named = docfonts.named_fonts(DEFAULTS)
    assert list(named) == ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "Times New Roman"]
    assert named["仿宋_GB2312"] == ("body text", "level-3 headings")


def test_a_font_counts_as_installed_under_its_english_name():
    assert docfonts.is_installed("宋体", frozenset({"simsun"}))
    assert not docfonts.is_installed("仿宋_GB2312", frozenset({"fangsong"}))


def test_every_missing_font_is_reported_once_with_its_substitute(monkeypatch):
    monkeypatch.setattr(docfonts, "installed_families", lambda: frozenset({"times new roman"}))
    monkeypatch.setattr(fontconfig, "substitute", lambda name, config=None: f"替代{name}")
    missing = docfonts.missing_fonts(DEFAULTS)
    assert [font.name for font in missing] == ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"]
    assert missing[1].message() == (
        "font '仿宋_GB2312' (body text, level-3 headings) is not installed on this machine; rendering here draws 替代仿宋_GB2312 instead"
    )


def test_build_warns_once_per_missing_font_and_says_what_renders_instead(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(docfonts, "installed_families", lambda: frozenset({"times new roman"}))
    monkeypatch.setattr(fontconfig, "substitute", lambda name, config=None: "某替代字体")
    assert main(["build", str(MINI), "--out", str(tmp_path), "--only", "docx"]) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning: ")]
    for name in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体"):
        assert sum(f"'{name}'" in line for line in warnings) == 1, name
    assert all("某替代字体" in line for line in warnings[:-1])
    assert "style.briefing.fonts" in warnings[-1]


needs_fontconfig = pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig (fc-match) is not installed")


def matched(name: str, config) -> tuple[str, str]:
    """Return the family and file fontconfig draws `name` with for Simplified Chinese text."""
    found = subprocess.run(
        ["fc-match", "-f", "%{family[0]}|%{file}", f"{name}:lang=zh-cn"],
        capture_output=True, text=True, check=True, env=fontconfig.environment(config),
    ).stdout
    family, _, file = found.partition("|")
    return family, file


@needs_fontconfig
def test_rendering_here_draws_every_chinese_font_of_the_briefing_with_a_simplified_chinese_face():
    """The document says zh-CN; fontconfig, asked for zh-CN, picks SC faces.

    pdffonts cannot show this: Debian's Noto CJK collections share one CFF
    among their faces, so a PDF always names the font NotoSansCJKjp or
    NotoSerifCJKjp whichever face drew it. What picks the Simplified Chinese
    glyph forms is the face fontconfig chooses for the language.
    """
    if not any("cjk" in family or "wenkai" in family or "ukai" in family for family in docfonts.installed_families()):
        pytest.skip("no CJK font installed")
    with docfonts.render_config(DEFAULTS) as config:
        for name, roles in docfonts.named_fonts(DEFAULTS).items():
            if name == DEFAULTS.latin:
                continue
            family, _ = matched(name, config)
            assert family.endswith((" SC", " CN", " GB")) or "WenKai" in family, f"{name} ({roles}) → {family}"


@needs_fontconfig
def test_missing_fonts_render_in_a_stand_in_of_their_own_style():
    have = docfonts.installed_families()
    if "noto serif cjk sc" not in have or "noto sans cjk sc" not in have:
        pytest.skip("Noto Serif and Sans CJK SC are not both installed")
    with docfonts.render_config(DEFAULTS) as config:
        if docfonts.is_installed("仿宋_GB2312", have):
            pytest.skip("仿宋_GB2312 is installed here")
        assert matched("仿宋_GB2312", config)[0] == "Noto Serif CJK SC", "仿宋 is a Song-style face, not a sans"
        assert matched("黑体", config)[0] == "Noto Sans CJK SC"
        title_style = subprocess.run(
            ["fc-match", "-f", "%{style[0]}", "方正小标宋简体:lang=zh-cn"], capture_output=True, text=True,
            env=fontconfig.environment(config),
        ).stdout
        assert "Bold" in title_style, "小标宋 is a heavy Song"
