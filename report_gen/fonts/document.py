"""The fonts the briefing names, against the fonts this machine has.

A .docx names its fonts and cannot carry a fallback: Word, WPS or
LibreOffice on a machine without a named font substitutes one of its own.
Here `missing_fonts` lists each font the briefing names that is not
installed, with what rendering here will draw instead, so `build` can say
how many are missing in one line (`missing_summary`) and, with --verbose,
each with its role and stand-in; `render_config` writes the fontconfig file LibreOffice is run
with for `build --pdf`, mapping each missing font to an installed stand-in of
the same style (a Song-style face for 宋体, 仿宋 and 小标宋, a Kai face for 楷体,
a sans face for 黑体) instead of fontconfig's default, which draws every
Chinese font in one sans face. Substitutes are asked of fontconfig
(`fc-match`) for Simplified Chinese (`:lang=zh-cn`), the language the
briefing declares.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence
from xml.sax.saxutils import escape

from ..data.style import BriefingFonts
from . import fontconfig

ALIASES: dict[str, tuple[str, ...]] = {
    "宋体": ("SimSun", "Songti SC", "STSong"),
    "黑体": ("SimHei", "Heiti SC", "STHeiti"),
    "仿宋": ("FangSong", "STFangsong"),
    "楷体": ("KaiTi", "Kaiti SC", "STKaiti"),
    "仿宋_GB2312": ("FangSong_GB2312",),
    "楷体_GB2312": ("KaiTi_GB2312",),
    "方正小标宋简体": ("FZXiaoBiaoSong-B05S",),
    "微软雅黑": ("Microsoft YaHei",),
}
"""Other names a font is installed under (English family names, macOS families)."""

STAND_INS: dict[str, tuple[str, ...]] = {
    "song": ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN", "AR PL SungtiL GB"),
    "kai": ("LXGW WenKai", "AR PL UKai CN", "AR PL KaitiM GB", "Noto Serif CJK SC", "Source Han Serif SC"),
    "hei": ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "WenQuanYi Micro Hei"),
}
"""Free faces that stand in for each style of Chinese type when rendering here, best first."""

ROLE_NAMES = {
    "title": "title",
    "body": "body text",
    "heading1": "level-1 headings",
    "heading2": "level-2 headings and captions",
    "heading3": "level-3 headings",
    "page_number": "page numbers",
    "latin": "Latin text",
}


def style_of(name: str) -> Optional[str]:
    """Say which style of Chinese type a font name stands for: song, kai, hei, or None when the name does not say."""
    lowered = name.lower()
    if "楷" in name or "kai" in lowered:
        return "kai"
    if "黑" in name or "雅黑" in name or "hei" in lowered or "yahei" in lowered:
        return "hei"
    if "宋" in name or "仿宋" in name or "song" in lowered or "fang" in lowered or "ming" in lowered:
        return "song"
    return None


@dataclass(frozen=True)
class MissingFont:
    """A font the briefing names that this machine does not have."""

    name: str
    roles: tuple[str, ...]
    """What the font is used for, in words (body text, level-1 headings)."""
    substitute: Optional[str]
    """What rendering here draws instead; None when fontconfig is not there to say."""

    def message(self) -> str:
        """Say what is missing and what rendering here draws instead, in one line."""
        instead = f"rendering here draws {self.substitute} instead" if self.substitute else "LibreOffice here substitutes a font of its choice"
        return f"font '{self.name}' ({', '.join(self.roles)}) is not installed on this machine; {instead}"


FONTS_HELP = "README.md, “Fonts on this machine”"
"""Where to read more about the fonts the briefing names, as the one warning line says."""


def missing_summary(missing: list[MissingFont]) -> str:
    """Say in one line how many of the briefing's fonts are missing here, and where to read more."""
    count = len(missing)
    names = "、".join(font.name for font in missing)
    return (f"{count} font{'s' if count != 1 else ''} the briefing names {'are' if count != 1 else 'is'} not installed here "
            f"({names}); rendering here draws stand-ins. --verbose lists each with its role and stand-in; see {FONTS_HELP}")


MISSING_ADVICE = (
    "the briefing still names these fonts for its readers' machines (Word and WPS use them where installed); "
    "install them here to render the briefing as printed, or name others in the data file's style.briefing.fonts"
)
"""Said once after the warnings about missing fonts."""


def named_fonts(fonts: BriefingFonts) -> dict[str, tuple[str, ...]]:
    """Return each font name the briefing writes with the roles it fills, in the order of the settings."""
    roles: dict[str, list[str]] = {}
    for field, label in ROLE_NAMES.items():
        name = getattr(fonts, field) or (fonts.body if field == "heading3" else None)
        if name:
            roles.setdefault(name, []).append(label)
    return {name: tuple(labels) for name, labels in roles.items()}


def missing_fonts(fonts: BriefingFonts) -> list[MissingFont]:
    """Return the fonts the briefing names that are not installed, once each, with what renders in their place."""
    have = installed_families()
    missing = [(name, roles) for name, roles in named_fonts(fonts).items() if not is_installed(name, have)]
    if not missing:
        return []
    with render_config(fonts) as config:
        return [MissingFont(name, roles, fontconfig.substitute(name, config)) for name, roles in missing]


def is_installed(name: str, have: frozenset[str] | None = None) -> bool:
    """Say whether a font family is installed, under its own name or one of its ALIASES."""
    have = installed_families() if have is None else have
    names = {name, *ALIASES.get(name, ())}
    return any(candidate.casefold() in have for candidate in names)


def installed_families() -> frozenset[str]:
    """Return the installed font family names (case-folded): fontconfig's list, else matplotlib's."""
    families = fontconfig.installed_families()
    if families:
        return families
    from matplotlib import font_manager  # only without fontconfig (Windows): keeps matplotlib off the build's path

    return frozenset(entry.name.casefold() for entry in font_manager.fontManager.ttflist)


class render_config:
    """Context manager: a temporary fontconfig file mapping each missing font (the briefing's, and `also`) to a stand-in of its style.

    Yields the file's path, or None when nothing needs mapping or the machine
    has no fontconfig; the file is removed on exit.
    """

    def __init__(self, fonts: BriefingFonts, folder: Optional[Path] = None, also: Sequence[str] = ()):
        self.fonts = fonts
        self.folder = folder
        self.also = tuple(also)
        self.path: Optional[Path] = None

    def __enter__(self) -> Optional[Path]:
        text = fontconfig_text(self.fonts, self.also)
        if text is None:
            return None
        handle, name = tempfile.mkstemp(prefix="report_gen_fonts_", suffix=".conf", dir=self.folder)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        self.path = Path(name)
        return self.path

    def __exit__(self, *exc: object) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def fontconfig_text(fonts: BriefingFonts, also: Sequence[str] = ()) -> Optional[str]:
    """Return a fontconfig file that includes the system's and maps each missing font to an installed stand-in.

    `also` names more fonts to map, the deck's (微软雅黑 to a sans face for Simplified Chinese, whose quotes are
    full width). None when the machine has no fontconfig, or every font is installed or has no stand-in here.
    """
    if not fontconfig.available():
        return None
    have = installed_families()
    rules = []
    for name in dict.fromkeys([*named_fonts(fonts), *also]):
        if is_installed(name, have):
            continue
        style = style_of(name)
        stand_in = next((face for face in STAND_INS.get(style or "", ()) if face.casefold() in have), None)
        if stand_in is None:
            continue
        bold = "小标宋" in name or "标宋" in name
        edits = f'<edit name="family" mode="assign" binding="strong"><string>{escape(stand_in)}</string></edit>'
        if bold:
            edits += '<edit name="weight" mode="assign" binding="strong"><const>bold</const></edit>'
        rules.append(
            f'  <match target="pattern"><test name="family"><string>{escape(name)}</string></test>{edits}</match>'
        )
    if not rules:
        return None
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{fontconfig.SYSTEM_CONFIG}</include>\n' + "\n".join(rules) + "\n</fontconfig>\n"
    )
