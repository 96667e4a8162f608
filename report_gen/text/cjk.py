"""Chinese text as typesetters treat it: which characters are full width, where lines may break, what spacing to drop.

The one model every renderer shares. The briefing's page estimate, its
issuer-mark sizing, the deck's text fitting and the charts' label wrapping
all ask here whether a character is full width, whether a line may start or
end with it, where a number must not be split, and what gap a reader puts
between Chinese and Latin text.

Widths come in two kinds. Where real font metrics are at hand (the deck,
`report_gen.fonts.metrics`), a character's class says which font draws it.
Where they are not (the briefing's page estimate), `estimated_ems` gives a
full-width character one em and a Latin one its Times New Roman advance.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable, Iterable

FULL_WIDTH_MARKS = "“”‘’—…·"
"""Marks of ambiguous width that Chinese text sets full width: documents mark runs `w:hint="eastAsia"`, so the Chinese font draws them."""

AUTOSPACE_EM = 0.25
"""Gap a reader puts between a Chinese character and an adjacent Latin letter or digit (约 12.5 亿元), in ems.

Word's autoSpaceDE/DN and LibreOffice's "space between Asian and non-Asian
text" are on by default; measured on LibreOffice's layout of the default
briefing and deck.
"""

WRITER_AUTOSPACE_EM = 0.215
"""The same gap as LibreOffice Writer lays it in the briefing, in ems: 3.2 pt between the glyph boxes of a 16 pt line
plus the body's letter spacing, measured on the default briefing's PDF (the page estimate's line breaks match
LibreOffice's best with it)."""

WORD_JOINER = "\u2060"
"""Glues a citation mark to the character before it, so no line starts with the mark; it takes no room."""
NO_LINE_START = "，。、；：？！）》」』】〉”’％%,.;:?!)]…·—"
"""Characters a line may not begin with (closing punctuation): they keep to the character before them."""

NO_LINE_END = "（《「『【〈“‘([￥$"
"""Characters a line may not end with (opening punctuation): they keep to the character after them."""

HANGING = "，。、．,."
"""Commas and full stops that may hang past the margin after a Chinese character instead of starting a line."""

LATIN_EMS = {
    **{digit: 0.5 for digit in "0123456789"},
    " ": 0.25, ".": 0.25, ",": 0.25, ":": 0.278, ";": 0.278, "%": 0.833, "-": 0.333, "/": 0.278,
    "(": 0.333, ")": 0.333, "[": 0.333, "]": 0.333, "+": 0.564, "~": 0.541, "'": 0.18, '"': 0.408,
}
"""Advance widths of common Latin characters in Times New Roman (Liberation Serif), in ems."""
LATIN_LOWER_EMS = 0.46
LATIN_UPPER_EMS = 0.68

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,/%+\-·:]*|\s+|.")
"""A number or Latin word kept whole (12.5, 2.3万's 2.3, GB/T), a run of spaces, or any other single character."""


def is_wide(char: str) -> bool:
    """Tell whether a character is set full width in Chinese text: CJK characters, full-width forms and FULL_WIDTH_MARKS."""
    return unicodedata.east_asian_width(char) in ("W", "F") or char in FULL_WIDTH_MARKS


def is_mark(text: str) -> bool:
    """Tell whether text is only FULL_WIDTH_MARKS (“ ” ‘ ’ — … ·): a run the Chinese font must draw, in every slot."""
    return bool(text) and all(char in FULL_WIDTH_MARKS for char in text)


def mark_pieces(text: str) -> list[str]:
    """Split text so that each run of FULL_WIDTH_MARKS is a piece of its own: 探索“1+3+X” → 探索, “, 1+3+X, ”.

    A slide writes each such piece as a run whose Latin typeface is the
    Chinese one, so no renderer draws a Chinese quote in a Latin face (a
    narrow ” after X, a mark set apart from its text).
    """
    return [piece for piece in _MARKS.split(text) if piece]


_MARKS = re.compile(f"([{re.escape(FULL_WIDTH_MARKS)}]+)")


def is_ambiguous(char: str) -> bool:
    """Tell whether a renderer may draw a character in either the Latin or the Chinese font (“ ” … — ·)."""
    return unicodedata.east_asian_width(char) == "A"


def is_han(char: str) -> bool:
    """Tell whether a character is a Chinese character (a full-width letter, not a mark)."""
    return unicodedata.east_asian_width(char) in ("W", "F") and unicodedata.category(char).startswith("L")


def is_latin(char: str) -> bool:
    """Tell whether a character counts as Latin text for the Chinese–Latin gap: an ASCII letter, digit, % or the / of a unit (微克/立方米)."""
    return char.isascii() and (char.isalnum() or char in "%/")


def needs_autospace(before: str, after: str) -> bool:
    """Tell whether a reader puts AUTOSPACE_EM between two neighbouring characters (a Chinese character and Latin text)."""
    return (is_han(before) and is_latin(after) and after != "%") or (is_latin(before) and is_han(after))


def estimated_ems(char: str) -> float:
    """Return a character's advance in ems without font files: one for full width, Times New Roman's for Latin."""
    if is_wide(char):
        return 1.0
    if unicodedata.category(char) == "Cf":
        return 0.0  # a word joiner or zero-width space takes no room
    if char in LATIN_EMS:
        return LATIN_EMS[char]
    return LATIN_UPPER_EMS if char.isupper() else LATIN_LOWER_EMS


WRITER_EMS = {"%": 0.9}
"""Where LibreOffice Writer's layout of the briefing sets a Latin character wider than Times New Roman's advance
(a per cent sign after digits), as measured on the default and district briefings' PDFs."""


def writer_ems(char: str) -> float:
    """Return a character's advance in ems as LibreOffice Writer lays out the briefing (estimated_ems, WRITER_EMS)."""
    return WRITER_EMS.get(char) or estimated_ems(char)


def text_ems(text: str, gaps: bool = True) -> float:
    """Return the estimated width of one line of text in ems of its type, with the Chinese–Latin gaps unless `gaps` is false.

    Without gaps the width counts characters the way GB/T 9704 places a
    signature: a Chinese character one, a digit half.
    """
    return line_ems(((char, False) for char in text), _estimated, gaps=gaps)


def _estimated(char: str, bold: bool) -> float:
    return estimated_ems(char)


def line_ems(chars: Iterable[tuple[str, bool]], advance: Callable[[str, bool], float], previous: str = "", gaps: bool = True) -> float:
    """Return the width in ems of characters (each with whether it is bold) set on one line after `previous` ('' at its start).

    The one sum of a line's width, whatever measures a character (`advance`:
    an estimate here, a font's real advance in `report_gen.fonts.metrics`):
    each character's advance, and with `gaps` the Chinese–Latin gap a
    renderer puts between scripts.
    """
    total = 0.0
    for char, bold in chars:
        total += advance(char, bold)
        if gaps and previous and needs_autospace(previous, char):
            total += AUTOSPACE_EM
        previous = char
    return total


QUOTES = "“”‘’"
"""Quotation marks, which Unicode's line breaking (UAX #14 before Unicode 15.1, as LibreOffice 7 applies it) never breaks
beside: 探索“1+3+X”， is one piece, so a line does not end with 探索 and start with “."""


def tokens(text: str, glued: str = "") -> list[str]:
    """Split text into the pieces a line may break between: characters, but numbers and words whole.

    Closing punctuation stays with what precedes it and opening punctuation
    with what follows, so no line starts with ）or ends with （. A character
    of `glued` (QUOTES, for a renderer that never breaks beside them) joins
    both the piece before it and the piece after it.
    """
    found: list[str] = []
    carry = ""
    join_next = False  # the piece before was a glued mark (or an opening mark after one): join this one to it
    for piece in _TOKEN.findall(text):
        if piece in glued:
            if found and not carry and not found[-1].isspace():
                found[-1] += piece
            else:
                carry += piece
            join_next = True
        elif join_next and found and not carry and not piece.isspace():
            found[-1] += piece
            join_next = piece in NO_LINE_END
        elif piece in NO_LINE_END:
            carry += piece
            join_next = False
        elif found and not carry and piece in NO_LINE_START:
            found[-1] += piece
            join_next = False
        else:
            found.append(carry + piece)
            carry = ""
            join_next = False
    if carry:
        found.append(carry)
    return found


_CJK_OR_MARK = "\u2014\u2018\u2019\u201c\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
SPACING_RULES = (
    re.compile(f"(?<=[{_CJK_OR_MARK}])\\s+(?=[{_CJK_OR_MARK}])"),
    re.compile(r"(?<=[。，、；：！？）》」』”])\s+|\s+(?=[（《「『“])"),
)
"""White space Chinese text does not keep, applied in order: between two Chinese characters or marks, then beside full-width punctuation."""


def tidy_spacing(text: str) -> str:
    """Remove the white space YAML folding (`>-`) leaves in Chinese text.

    Spaces go between two Chinese characters or marks, after a full-width
    closing mark and before a full-width opening one (见图3（见下）, never
    见图3 （见下）): full-width punctuation carries its own space. A space
    between two Latin words stays.
    """
    for rule in SPACING_RULES:
        text = rule.sub("", text)
    return text
