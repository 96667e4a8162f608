"""The briefing's fonts against this machine's: one warning line for the missing ones, details with --verbose, and Simplified Chinese stand-ins."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.helpers import MINI
from report_gen.fonts import document as docfonts
from report_gen.fonts import fontconfig
from report_gen.cli import main
from report_gen.data.style import BriefingFonts

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


def test_build_folds_missing_fonts_into_one_warning_line(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(docfonts, "installed_families", lambda: frozenset({"times new roman"}))
    monkeypatch.setattr(fontconfig, "substitute", lambda name, config=None: "某替代字体")
    assert main(["build", str(MINI), "--out", str(tmp_path)]) == 0
    said = capsys.readouterr().err.splitlines()
    warnings = [line for line in said if line.startswith("warning: ") and not line.startswith("warning: proofreading")]
    assert len(warnings) == 1
    assert warnings[0].startswith("warning: 5 fonts the briefing names are not installed here (方正小标宋简体、仿宋_GB2312、")
    assert "--verbose" in warnings[0] and "README.md" in warnings[0]
    assert "某替代字体" not in warnings[0]


def test_verbose_lists_each_missing_font_with_its_role_and_stand_in(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(docfonts, "installed_families", lambda: frozenset({"times new roman"}))
    monkeypatch.setattr(fontconfig, "substitute", lambda name, config=None: "某替代字体")
    assert main(["build", str(MINI), "--out", str(tmp_path), "--only", "docx", "--verbose"]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert sum(line.startswith("warning: ") and not line.startswith("warning: proofreading") for line in lines) == 1
    for name, role in (("方正小标宋简体", "title"), ("仿宋_GB2312", "body text"), ("黑体", "level-1 headings"),
                       ("楷体_GB2312", "level-2 headings"), ("宋体", "page numbers")):
        (line,) = [line for line in lines if f"'{name}'" in line]
        assert role in line and "某替代字体" in line
    assert any("style.briefing.fonts" in line for line in lines)


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
