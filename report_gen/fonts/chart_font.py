"""Which CJK font the charts are drawn with, where it came from, and a clear error when there is none.

matplotlib only warns when a glyph is missing (and draws a box), so every string
a chart draws is checked here first with `require_glyphs`.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence

from fontTools.ttLib import TTFont
from matplotlib import font_manager, ft2font

from ..errors import FontError
from ..data.files import MAX_FONT_BYTES, MEGABYTE
from ..data.style import ChartStyle
from ..data.types import FONT_FILE_ENDINGS
from . import fontconfig

ENV_VAR = "REPORT_GEN_FONT"
"""Environment variable naming a font file to use instead of searching the machine."""

PREFERRED_FAMILIES = tuple(ChartStyle().fonts)
"""The default of style.charts.fonts, best first: simplified-Chinese faces that draw GB 2312 text well."""

KNOWN_PATHS = (
    # Debian / Ubuntu (fonts-noto-cjk, fonts-wqy-*, fonts-droid-fallback)
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    # Fedora / Arch
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/adobe-source-han-sans/SourceHanSans-Regular.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
    # macOS
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Microsoft/SimHei.ttf",
    # Windows
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)
"""Files looked in for a listed family that neither matplotlib nor fontconfig knows."""


CJK_PROBE = "党建引领中国一二三"
"""Characters a font must have to count as a Chinese font."""

HOW_TO_FIX = (
    "install a Chinese font (Debian/Ubuntu: apt-get install fonts-noto-cjk), "
    f"or point {ENV_VAR} or --font at a .ttf/.otf/.ttc file that has Chinese glyphs"
)


@dataclass(frozen=True)
class CjkFont:
    """A registered CJK font: the family name matplotlib knows and the file it draws from."""

    family: str
    """Family name as registered with matplotlib, e.g. Noto Sans CJK SC."""
    path: Path
    """Font file (.ttf, .otf or .ttc) that matplotlib resolves the family to."""
    chosen_by: str = field(default="", compare=False)
    """What chose it: --font, REPORT_GEN_FONT or style.charts.fonts[i]; empty when not known."""
    passed_over: tuple[str, ...] = field(default=(), compare=False)
    """Entries of the list tried before it, each with why it was not used."""

    def __str__(self) -> str:
        return f"{self.family} ({self.path})"

    def describe(self) -> list[str]:
        """Return lines saying which font draws the charts, why, and what was passed over before it."""
        chosen = f", from {self.chosen_by}" if self.chosen_by else ""
        return [f"chart font: {self}{chosen}"] + [f"  passed over {entry}" for entry in self.passed_over]


def find_cjk_font(
    font_file: str | Path | None = None,
    candidates: Optional[Sequence[str]] = None,
    base_dir: str | Path | None = None,
) -> CjkFont:
    """Return the CJK font to draw with, registered with matplotlib.

    font_file (or else the REPORT_GEN_FONT environment variable) names exactly
    the file to use. Otherwise the candidates (a data file's style.charts.fonts;
    None means PREFERRED_FAMILIES) are tried in order: an entry ending in .ttf,
    .otf or .ttc is a file, relative to base_dir (None: the working directory),
    any other entry an installed family; the first that exists and has Chinese
    glyphs is used. Raise FontError when the file is unusable or no candidate is.
    """
    if font_file is not None and str(font_file).strip():
        return _font_from_file(str(font_file), "--font")
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return _font_from_file(from_env, ENV_VAR)
    listed = tuple(PREFERRED_FAMILIES if candidates is None else candidates)
    return _discover(listed, str(Path(base_dir).resolve()) if base_dir is not None else None)


def require_glyphs(text: str, font: CjkFont, what: str) -> None:
    """Raise FontError naming `what` unless the font has a glyph for every non-space character of text."""
    charset = _charset(font)
    missing: list[str] = []
    for char in text:
        if char.isspace() or ord(char) in charset or char in missing:
            continue
        missing.append(char)
    if missing:
        listed = ", ".join(f"'{char}' (U+{ord(char):04X})" for char in missing)
        raise FontError(
            f"{what}: the font {font.family} ({font.path}) has no glyph for {listed}; "
            f"change the text, or point {ENV_VAR} or --font at a font that has it"
        )


def register(font: CjkFont) -> CjkFont:
    """Register a font found in another process (a worker drawing charts) in this one; return it as drawn here."""
    return _register(font.path, font.family)


# --- discovery -------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _font_from_file(name: str, given_by: str) -> CjkFont:
    path = Path(name).expanduser()
    if path.exists() and not path.is_file():
        raise FontError(f"font file '{name}' given by {given_by} is not a regular file; point {ENV_VAR} or --font at a .ttf/.otf/.ttc file")
    if path.is_file() and path.stat().st_size > MAX_FONT_BYTES:
        raise FontError(
            f"font file '{name}' given by {given_by} is {path.stat().st_size / MEGABYTE:.0f} MB, "
            f"over the {MAX_FONT_BYTES // MEGABYTE} MB a font file may have"
        )
    if not path.is_file():
        raise FontError(
            f"font file '{name}' given by {given_by} does not exist; "
            f"point {ENV_VAR} or --font at a .ttf/.otf/.ttc file, or unset it to search installed fonts "
            "(Debian/Ubuntu: apt-get install fonts-noto-cjk)"
        )
    faces = _faces(path)
    if faces is None:
        raise FontError(
            f"font file '{name}' given by {given_by} is not a font matplotlib can read; "
            f"point {ENV_VAR} or --font at a .ttf/.otf/.ttc file that has Chinese glyphs"
        )
    chinese = [(index, family) for index, family, has_cjk in faces if has_cjk]
    if not chinese:
        raise FontError(f"font file '{name}' given by {given_by} has no Chinese glyphs; {HOW_TO_FIX}")
    _, family = min(chinese, key=lambda face: (_face_rank(face[1]), face[0]))
    font = _register(path, family)
    return CjkFont(font.family, font.path, chosen_by=given_by)


@functools.lru_cache(maxsize=None)
def _discover(candidates: tuple[str, ...] = PREFERRED_FAMILIES, base_dir: Optional[str] = None) -> CjkFont:
    """Return the first usable font of the list, with what was passed over; FontError naming each when none is."""
    installed: Optional[dict[str, list[Path]]] = None
    passed_over: list[str] = []
    not_installed: list[str] = []
    for index, entry in enumerate(candidates):
        where = f"style.charts.fonts[{index}] '{entry}'"
        if entry.lower().endswith(FONT_FILE_ENDINGS):
            font, reason = _listed_file(entry, base_dir)
        else:
            if installed is None:
                installed = _installed_families()
            font, reason = _listed_family(entry, installed)
            if font is None and reason == "not installed":
                not_installed.append(entry)
        if font is not None:
            return CjkFont(font.family, font.path, chosen_by=f"style.charts.fonts[{index}]", passed_over=tuple(passed_over))
        passed_over.append(f"{where}: {reason}")
    others = [reason for reason in passed_over if not reason.endswith(": not installed")]
    tried = "; ".join(([f"not installed: {', '.join(not_installed)}"] if not_installed else []) + others)
    raise FontError(
        f"no Chinese font found for the charts among style.charts.fonts ({tried}); "
        f"add an installed Chinese font or a font file to style.charts.fonts, or {HOW_TO_FIX}"
    )


def _listed_file(entry: str, base_dir: Optional[str]) -> tuple[Optional[CjkFont], str]:
    """Return the font of a listed file, or None and why it cannot be used."""
    path = Path(entry)
    if base_dir is not None:
        path = Path(base_dir) / path
    if not path.is_file():
        return None, f"no such file ({path})"
    faces = _faces(path)
    if faces is None:
        return None, f"not a font matplotlib can read ({path})"
    chinese = [(index, family) for index, family, has_cjk in faces if has_cjk]
    if not chinese:
        return None, f"has no Chinese glyphs ({path})"
    _, family = min(chinese, key=lambda face: (_face_rank(face[1]), face[0]))
    return _register(path, family), ""


def _listed_family(entry: str, installed: dict[str, list[Path]]) -> tuple[Optional[CjkFont], str]:
    """Return the font of a listed family name, or None and why it cannot be used."""
    paths = list(installed.get(entry.casefold(), []))
    for known in KNOWN_PATHS:
        path = Path(known)
        if path.is_file() and any(family.casefold() == entry.casefold() for _, family, _ in _faces(path) or []):
            paths.append(path)
    # matplotlib's font cache can outlive an uninstalled font.
    paths = [path for path in paths if path.is_file()]
    if not paths:
        return None, "not installed"
    for path in paths:
        faces = _faces(path) or []
        named = [(index, family) for index, family, has_cjk in faces if has_cjk and family.casefold() == entry.casefold()]
        # fontconfig may know a face by a localised name (文泉驿微米黑) that the file's English family differs from.
        chinese = named or [(index, family) for index, family, has_cjk in faces if has_cjk]
        if chinese:
            _, family = min(chinese, key=lambda face: (_face_rank(face[1]), face[0]))
            return _register(path, family), ""
    return None, f"has no Chinese glyphs ({paths[0]})"


def _installed_families() -> dict[str, list[Path]]:
    """Return the files of every regular face matplotlib or fontconfig knows, by case-folded family name."""
    found: dict[str, list[Path]] = {}
    for entry in font_manager.fontManager.ttflist:
        if entry.style == "normal" and entry.weight in (400, "normal", "regular"):
            found.setdefault(entry.name.casefold(), []).append(Path(entry.fname))
    for family, path in fontconfig.chinese_faces():
        paths = found.setdefault(family.casefold(), [])
        if path not in paths:
            paths.append(path)
    return found


def _faces(path: Path) -> list[tuple[int, str, bool]] | None:
    """Return (face index, family, has Chinese glyphs) for each face of a font file; None if unreadable."""
    try:
        first = ft2font.FT2Font(str(path))
        faces = [first] + [ft2font.FT2Font(str(path), face_index=i) for i in range(1, first.num_faces)]
    except (OSError, RuntimeError, ValueError):
        return None
    return [
        (index, face.family_name, all(face.get_char_index(ord(c)) for c in CJK_PROBE))
        for index, face in enumerate(faces)
    ]


def _face_rank(family: str) -> int:
    """Rank a face of a chosen file: preferred families first, then simplified-Chinese names, then the rest."""
    if family in PREFERRED_FAMILIES:
        return PREFERRED_FAMILIES.index(family)
    if re.search(r"\b(SC|CN|GB|Simplified)\b|简", family) and "Mono" not in family:
        return len(PREFERRED_FAMILIES)
    return len(PREFERRED_FAMILIES) + 1


def _register(path: Path, family: str) -> CjkFont:
    """Register a font file with matplotlib and return the face matplotlib draws `family` with."""
    known = {(Path(entry.fname).resolve(), entry.name) for entry in font_manager.fontManager.ttflist}
    if (path.resolve(), family) not in known:
        font_manager.fontManager.addfont(str(path))
    # Another file of the same family name may have been registered first; the
    # glyph check must look at the file that is really drawn.
    resolved = font_manager.fontManager.findfont(
        font_manager.FontProperties(family=family, style="normal", weight="normal"), fallback_to_default=False
    )
    return CjkFont(family=family, path=Path(str(resolved)))


# --- glyph coverage --------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _charset(font: CjkFont) -> frozenset[int]:
    """Return the code points the font's face for `font.family` maps (its cmap), read once per font."""
    index = face_index(font)
    try:
        with TTFont(str(font.path), fontNumber=index, lazy=True) as tt:
            cmap = tt.getBestCmap() or {}
    except Exception as error:  # fontTools raises many kinds of error on a damaged file
        raise FontError(f"cannot read the character map of {font.path}: {error}") from error
    return frozenset(cmap)


def face_index(font: CjkFont) -> int:
    """Return the face of font.path whose family is font.family (0 for a single-face file)."""
    for index, family, _ in _faces(font.path) or []:
        if family == font.family:
            return index
    return 0
