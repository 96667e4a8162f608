"""Which CJK font the charts are drawn with, where it came from, and a clear error when there is none.

matplotlib only warns when a glyph is missing (and draws a box), so every string
a chart draws is checked here first with `require_glyphs`.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from matplotlib import font_manager, ft2font

from .errors import FontError

ENV_VAR = "REPORT_GEN_FONT"
"""Environment variable naming a font file to use instead of searching the machine."""

PREFERRED_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Heiti SC",
    "Droid Sans Fallback",
)
"""Families searched for, best first: simplified-Chinese faces that draw GB 2312 text well."""

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
"""Files tried when neither matplotlib nor fontconfig lists a preferred family."""

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

    def __str__(self) -> str:
        return f"{self.family} ({self.path})"


def find_cjk_font(font_file: str | Path | None = None) -> CjkFont:
    """Return the CJK font to draw with, registered with matplotlib.

    font_file (or else the REPORT_GEN_FONT environment variable) names exactly
    the file to use; None searches the machine in PREFERRED_FAMILIES order.
    Raise FontError when the file is unusable or no Chinese font is found.
    """
    if font_file is not None and str(font_file).strip():
        return _font_from_file(str(font_file), "--font")
    from_env = os.environ.get(ENV_VAR, "").strip()
    if from_env:
        return _font_from_file(from_env, ENV_VAR)
    return _discover()


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


# --- discovery -------------------------------------------------------------


@functools.lru_cache(maxsize=None)
def _font_from_file(name: str, given_by: str) -> CjkFont:
    path = Path(name).expanduser()
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
    return _register(path, family)


@functools.lru_cache(maxsize=None)
def _discover() -> CjkFont:
    candidates: dict[str, Path] = {}
    for entry in font_manager.fontManager.ttflist:
        if entry.name in PREFERRED_FAMILIES and entry.style == "normal" and entry.weight in (400, "normal", "regular"):
            candidates.setdefault(entry.name, Path(entry.fname))
    for family, path in _fontconfig_chinese():
        if family in PREFERRED_FAMILIES:
            candidates.setdefault(family, path)
    if not any(family in candidates for family in PREFERRED_FAMILIES[:2]):
        for known in KNOWN_PATHS:
            path = Path(known)
            if path.is_file():
                for _, family, has_cjk in _faces(path) or []:
                    if has_cjk and family in PREFERRED_FAMILIES:
                        candidates.setdefault(family, path)
    for family in PREFERRED_FAMILIES:
        # matplotlib's font cache can outlive an uninstalled font.
        if family in candidates and candidates[family].is_file():
            return _register(candidates[family], family)
    raise FontError(f"no Chinese font found for the charts; {HOW_TO_FIX}")


def _fontconfig_chinese() -> list[tuple[str, Path]]:
    """Return (family, file) for every face fontconfig says covers Chinese; empty without fc-list."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return []
    try:
        listing = subprocess.run(
            [fc_list, ":lang=zh", "family", "file"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in listing.splitlines():
        file, _, families = line.partition(": ")
        for family in families.split(","):
            found.append((family.strip(), Path(file.strip())))
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
    from fontTools.ttLib import TTFont

    index = _face_index(font)
    try:
        with TTFont(str(font.path), fontNumber=index, lazy=True) as tt:
            cmap = tt.getBestCmap() or {}
    except Exception as error:  # fontTools raises many kinds of error on a damaged file
        raise FontError(f"cannot read the character map of {font.path}: {error}") from error
    return frozenset(cmap)


def _face_index(font: CjkFont) -> int:
    """Return the face of font.path whose family is font.family (0 for a single-face file)."""
    for index, family, _ in _faces(font.path) or []:
        if family == font.family:
            return index
    return 0
