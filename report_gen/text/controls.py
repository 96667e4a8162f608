"""Characters no text of a report may hold: control characters and the controls of bidirectional text.

A control character (U+0000–U+001F but tab and line breaks, U+007F–U+009F)
cannot be printed, and most of them cannot be held by a .docx or .pptx at
all. A bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
U+061C) is invisible but changes the order in which the characters around
it are shown: a label ending in U+202E RIGHT-TO-LEFT OVERRIDE makes
“600多台” read “台多006” and reverses the rest of its paragraph. Chinese
text never needs one, so every text a report is made from (the data file,
its spreadsheets, the narrative templates, an office's Word and PowerPoint
templates) is refused when it holds one, with the character named, and the
documents never carry one.

This is the one home of that rule: `first_forbidden` finds such a character,
`describe` names it for a message.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Optional

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
"""Arabic letter mark, left-to-right and right-to-left marks, embeddings, overrides, isolates and their ends."""

FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff{BIDI_CONTROLS}]")
"""Control characters (tab, line feed and carriage return are text), noncharacters and bidirectional controls."""

FORBIDDEN_BYTES = tuple(sorted({character.encode("utf-8") for character in BIDI_CONTROLS}))
"""The UTF-8 bytes of each bidirectional control, for looking through a document's parts without decoding them."""


def describe(character: str) -> str:
    """Name a forbidden character for a message: `U+202E RIGHT-TO-LEFT OVERRIDE`, `control character U+0007`."""
    code = f"U+{ord(character):04X}"
    if character in BIDI_CONTROLS:
        return f"{code} {unicodedata.name(character)}"
    return f"control character {code}"


def first_forbidden(text: str) -> Optional[str]:
    """Return the first control or bidirectional control character of `text`, or None when it holds none."""
    found = FORBIDDEN.search(text)
    return found.group() if found else None


def forbidden_message(text: str, holder: str = "documents") -> Optional[str]:
    """Say why `text` cannot be used (`contains U+202E RIGHT-TO-LEFT OVERRIDE, …`), or None when it can.

    `holder` names what cannot hold a control character: the documents, a data file.
    """
    character = first_forbidden(text)
    if character is None:
        return None
    if character in BIDI_CONTROLS:
        return (f"contains {describe(character)}, an invisible control that reorders the characters around it "
                "(a number can read backwards); delete it")
    return f"contains {describe(character)}, which {holder} cannot hold"
