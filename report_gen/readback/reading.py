"""What a written form in a document says about one figure of the data: the inverse of `data.written`, held to a round trip.

约13亿元 read as the figure `lifan_q1_revenue` is 13 in 亿元 with 约. A form
is read with the wording engine (`text.wording.parse_written`, after the
frame of a difference or a rank: 高于全市平均水平…, 居六区两县第…位), and the
reading counts only if the figure, given the number, unit and qualifier
read, is written back exactly as the document writes it, by one of the
writers the documents use (the text's and tables' form, a key-figure
panel's number, a chart label's). A unit may change its magnitude (12.5亿元
typed as 125000万元) but not what it counts, so 500余名党员 is no reading of
500余名. A structure's 8.3:71.1:20.6 is read as its shares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

from ..data.model import Figure, Qualifier, Structure
from ..data.written import headline, write_figure, write_plotted, write_structure_shares
from ..text.numbers import decimals_of
from ..text.units import split_unit
from ..text.wording import parse_written

Item = Figure | Structure
"""What the documents print and check reads back: a figure, or a structure's shares."""

_RANK = re.compile(r"^(?:居(?P<among>.+?))?第(?P<place>\d+)(?P<unit>位|名)$")
_SHARES = re.compile(r"^\d+(?:\.\d+)?(?::\d+(?:\.\d+)?)+$")

FORMS: dict[str, Callable[[Figure], str]] = {
    "text": write_figure,
    "panel": lambda figure: headline(figure)[0],
    "label": write_plotted,
}
"""The writers a document prints a figure with: in the text and tables, as a key-figure panel's number, as a chart's label."""


@dataclass(frozen=True)
class Reading:
    """A written form read as a figure: the number(s), unit and qualifier it says, and the decimals it shows.

    `shares` holds a structure's shares, with `value` unused. `form` names the writer that writes it so (FORMS).
    """

    value: float
    unit: str
    qualifier: Optional[str]
    decimals: int
    form: str
    shares: tuple[float, ...] = ()

    @property
    def key(self) -> tuple:
        """What two places must share to say the same: the numbers, unit, qualifier and shown decimals."""
        return (self.value, self.unit, self.qualifier, self.decimals, self.shares)


def data_form(item: Item, form: str = "text") -> str:
    """Return how the data writes an item in a form: 约12.5亿元; a structure's shares 8.3:71.1:20.6."""
    if isinstance(item, Structure):
        return write_structure_shares(item)
    return FORMS[form](item)


def read_as(item: Item, text: str) -> Optional[Reading]:
    """Return what `text` says as the item, or None when no writer of the item would print it so (white space around it included)."""
    if not text or text != text.strip():
        return None
    if isinstance(item, Structure):
        return _read_shares(item, text)
    for candidate in _candidates(item, text):
        updated = with_reading(item, candidate)
        for form, writer in FORMS.items():
            try:
                if writer(updated) == text:
                    return Reading(candidate.value, candidate.unit, candidate.qualifier, candidate.decimals, form)
            except ValueError:
                continue
    return None


def with_reading(figure: Figure, reading: Reading) -> Figure:
    """Return the figure as the reading says it: its value, unit, qualifier and decimals replaced (not validated)."""
    decimals = reading.decimals if reading.decimals else None
    qualifier = Qualifier(reading.qualifier) if reading.qualifier else None
    return figure.model_copy(update={"value": reading.value, "unit": reading.unit, "qualifier": qualifier, "decimals": decimals})


def _candidates(figure: Figure, text: str) -> list[Reading]:
    """Return the readings the text may give: of its frame (rank, difference), else of the wording engine."""
    if figure.among is not None:
        match = _RANK.match(text)
        if match is None:
            return []
        return [Reading(float(int(match["place"])), match["unit"], None, 0, "")]
    sign = 1.0
    if figure.against is not None:
        if text == f"与{figure.against}持平":
            return [Reading(0.0, figure.unit, None, 0, "")]
        for word, signed in (("高于", 1.0), ("低于", -1.0)):
            if text.startswith(word + figure.against):
                text, sign = text[len(word + figure.against):], signed
                break
        else:  # a panel's number alone keeps the data's side
            sign = -1.0 if figure.value < 0 else 1.0
    try:
        parsed = parse_written(text)
    except ValueError:
        return []
    if split_unit(parsed.unit)[1] != figure.base_unit:
        return []  # 500余名党员 is not 500余名: a unit may change its 万 or 亿, not what it counts
    value = parsed.value if parsed.value < 0 else parsed.value * sign  # a chart label's -1246元 carries its own sign
    return [Reading(value, parsed.unit, parsed.qualifier, parsed.decimals, "")]


def _read_shares(structure: Structure, text: str) -> Optional[Reading]:
    if not _SHARES.match(text):
        return None
    parts = text.split(":")
    if len(parts) != len(structure.periods[-1].shares):
        return None
    decimals = max(decimals_of(part) or 0 for part in parts)
    return Reading(0.0, "%", None, decimals, "text", tuple(float(part) for part in parts))


def readings_agree(readings: Sequence[Reading]) -> bool:
    """Say whether readings all say the same (a figure written one way wherever it is printed)."""
    return len({reading.key for reading in readings}) <= 1


def reading_of_data(item: Item) -> Reading:
    """Return the data's own reading of an item: its form in the text, read back."""
    reading = read_as(item, data_form(item))
    if reading is None:  # every figure reads back as the data writes it; a test holds the writers to that
        raise ValueError(f"{item.id}: {data_form(item)!r} does not read back")
    return reading
