"""The real advance widths of the fonts a renderer will draw text with: one face per typeface, measured with fontTools.

A slide names two typefaces for each run: a Latin one for letters and digits
and an East Asian one for Chinese. `Measure` reads the advance widths of the
font files a renderer will draw those typefaces with (the file fontconfig or
matplotlib resolves the name to; for a Chinese typeface that is not
installed, the CJK font report_gen draws its charts with), so a line is as
wide here as on the slide. Which font draws a character is
`report_gen.text.cjk`'s call.
"""

from __future__ import annotations

import functools
from array import array
from pathlib import Path
from typing import Optional, Protocol, Sequence

from ..text.cjk import is_ambiguous, is_wide, line_ems
from . import fontconfig
from .chart_font import CJK_PROBE, face_index, find_cjk_font
from .fontconfig import FaceFile


class AdvanceStore(Protocol):
    """Where measured faces are kept between runs (the build's cache): reading a CJK face's tables takes a tenth of a second."""

    def load(self, face: FaceFile) -> Optional[bytes]:
        """Return what keep() was given for this face's file as it is now, or None."""

    def keep(self, face: FaceFile, data: bytes) -> None:
        """Keep a face's advances (see pack_advances) for later runs."""


def pack_advances(advances: dict[int, float]) -> bytes:
    """Return a face's advances (code point → em) as bytes: the count, the code points, then the advances."""
    codes = array("I", sorted(advances))
    widths = array("d", [advances[code] for code in codes])
    return array("I", [len(codes)]).tobytes() + codes.tobytes() + widths.tobytes()


def unpack_advances(data: bytes) -> Optional[dict[int, float]]:
    """Return the advances pack_advances wrote, or None when the bytes are not such a record."""
    head = array("I")
    if len(data) < head.itemsize:
        return None
    head.frombytes(data[:head.itemsize])
    count = head[0]
    codes, widths = array("I"), array("d")
    if len(data) != head.itemsize + count * (codes.itemsize + widths.itemsize):
        return None
    middle = head.itemsize + count * codes.itemsize
    codes.frombytes(data[head.itemsize:middle])
    widths.frombytes(data[middle:])
    return dict(zip(codes, widths))


def _read_advances(face: FaceFile) -> dict[int, float]:
    """Return a face's advances in em by code point, from its cmap and hmtx tables."""
    from fontTools.ttLib import TTFont  # loaded only when a face is not in the store

    with TTFont(str(face.path), fontNumber=face.index, lazy=True) as font:
        units = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        return {code: metrics[glyph][0] / units for code, glyph in (font.getBestCmap() or {}).items() if glyph in metrics}


class Face:
    """Advance widths of one font face, in em."""

    def __init__(self, face: FaceFile, store: Optional[AdvanceStore] = None):
        """Read a face's advances from `store` (the build's cache), else from the font file, keeping them in `store`."""
        self.file = face
        stored = store.load(face) if store is not None else None
        advances = unpack_advances(stored) if stored is not None else None
        if advances is None:
            advances = _read_advances(face)
            if store is not None:
                store.keep(face, pack_advances(advances))
        self._advances = advances

    def advance(self, char: str) -> Optional[float]:
        """Return a character's advance in em, or None when the face has no glyph for it."""
        return self._advances.get(ord(char))

    def covers(self, text: str) -> bool:
        """Tell whether the face has a glyph for every character of text."""
        return all(ord(char) in self._advances for char in text)


_faces: dict[FaceFile, Face] = {}
"""Faces measured in this process: a face file's advances are facts of the file, whichever store they came from."""


def face_of(face: FaceFile, store: Optional[AdvanceStore] = None) -> Face:
    """Return a face's advances, measured once in a process (from `store` when it holds them)."""
    found = _faces.get(face)
    if found is None:
        found = _faces[face] = Face(face, store)
    return found


def forget_faces() -> None:
    """Forget the faces measured in this process, so the next measure reads them again (from a store or the file)."""
    _faces.clear()


@functools.lru_cache(maxsize=None)
def locate(family: str, bold: bool) -> Optional[FaceFile]:
    """Return the face a renderer draws a typeface with (fontconfig's match, else matplotlib's); None if neither knows."""
    found = fontconfig.match_face(family, bold)
    if found is not None:
        return found
    from matplotlib import font_manager  # only where fontconfig is missing: keeps matplotlib off the deck's path

    try:
        path = font_manager.fontManager.findfont(
            font_manager.FontProperties(family=family, weight="bold" if bold else "normal"), fallback_to_default=True
        )
    except ValueError:
        return None
    return FaceFile(Path(path), 0)


class Measure:
    """Widths of text set in a Latin and an East Asian typeface, from the fonts that will draw them."""

    def __init__(self, latin: str, east_asian: str, store: Optional[AdvanceStore] = None):
        """Resolve both typefaces, regular and bold; a Chinese typeface that is not installed is measured with the charts' CJK font.

        `store` keeps measured faces between runs (the build's cache; None: each face is read from its file).
        """
        self.latin = latin
        self.east_asian = east_asian
        self.store = store
        self._faces: dict[tuple[str, bool], Face] = {}
        self._cache: dict[tuple[str, bool], float] = {}

    def _get(self, script: str, bold: bool) -> Face:
        key = (script, bold)
        if key not in self._faces:
            self._faces[key] = self._resolve(script, bold)
        return self._faces[key]

    def _resolve(self, script: str, bold: bool) -> Face:
        if script == "latin":
            found = locate(self.latin, bold) or locate(self.latin, False)
            if found is not None:
                return self._face(found)
            return self._get("ea", bold)
        found = locate(self.east_asian, bold)
        if found is not None and self._face(found).covers(CJK_PROBE):
            return self._face(found)
        cjk = find_cjk_font()
        if bold:
            bold_face = locate(cjk.family, True)
            if bold_face is not None and self._face(bold_face).covers(CJK_PROBE):
                return self._face(bold_face)
        return self._face(FaceFile(cjk.path, face_index(cjk)))

    def _face(self, face: FaceFile) -> Face:
        return face_of(face, self.store)

    def advance(self, char: str, bold: bool = False) -> float:
        """Return the advance of a character in em, in the font the renderer picks for it."""
        key = (char, bold)
        if key not in self._cache:
            latin = self._get("latin", bold).advance(char)
            wide = self._get("ea", bold).advance(char)
            if is_wide(char) or latin is None:
                value = wide if wide is not None else 1.0
            elif is_ambiguous(char) and wide is not None:
                value = max(latin, wide)
            else:
                value = latin
            self._cache[key] = value
        return self._cache[key]

    def width(self, text: str, bold: bool = False) -> float:
        """Return the width of one line of text in em, with the gaps a renderer may put between scripts."""
        return line_width(self, [(char, bold) for char in text])


def line_width(measure: Measure, chars: Sequence[tuple[str, bool]]) -> float:
    """Return the width in em of characters (each with whether it is bold) set on one line, with the Chinese–Latin gaps."""
    return line_ems(chars, measure.advance)
