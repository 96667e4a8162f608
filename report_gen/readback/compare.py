"""Hold a document's figures to the data: each figure written otherwise than the data writes it, one line each.

A figure printed in several places and read the same in all of them, but
not as the data says, is a difference `--apply` can write back. Printed two
ways in one document, it is a conflict, which is listed and never applied.
A form that does not read as its figure (typed as 十三亿元, or with a unit no
writer prints) is listed for a person. An anchor of a figure the data does
not hold says the document was built from other data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..data.located import LocatedReport, Path_
from .found import Lost, Printed, Printing
from .reading import Item, Reading, data_form, reading_of_data

DIFFERS, CONFLICT, UNREADABLE, UNKNOWN = "differs", "conflict", "unreadable", "unknown"

MAX_PLACES_NAMED = 3
"""Places a line names where a figure differs; more are counted."""


@dataclass(frozen=True)
class Difference:
    """A figure the document writes otherwise than the data: where, how, and where the data holds it."""

    figure: str
    kind: str
    """differs (one new form everywhere: applicable), conflict (two forms in the document), unreadable, or unknown (not in the data)."""
    places: tuple[Printed, ...]
    data_form: str = ""
    data_place: str = ""
    """Where the data holds the value: data/beibei.yaml:215, or figures.xlsx:figures!E7."""
    reading: Optional[Reading] = None
    """What the document says, for a difference that can be applied."""
    path: Path_ = ()
    """The item's path in the data: ('themes', 0, 'figures', 3)."""

    @property
    def applicable(self) -> bool:
        return self.kind == DIFFERS and self.reading is not None

    def line(self) -> str:
        """Return the difference as one line: place, figure id, the document's form and the data's, and the data's line."""
        first = self.places[0] if self.places else None
        where = first.place if first else "document"
        data = f"the data has {self.data_form} ({self.data_place})"
        if self.kind == DIFFERS:
            places = list(dict.fromkeys(printed.place for printed in self.places))
            where = " and ".join(places[:MAX_PLACES_NAMED]) + (f" and {len(places) - MAX_PLACES_NAMED} more" if len(places) > MAX_PLACES_NAMED else "")
            return f"{where}: {self.figure}: the document has {first.text}, {data}"
        if self.kind == CONFLICT:
            forms = "; ".join(f"{printed.text or '(nothing)'} at {printed.place}" for printed in self.places)
            return f"{where}: {self.figure}: conflict, written two ways in the document: {forms}; {data}"
        if self.kind == UNREADABLE:
            texts = "; ".join(f"{printed.text or '(nothing)'} at {printed.place}" for printed in self.places if printed.reading is None)
            return f"{where}: {self.figure}: the document has {texts}, which does not read as this figure; {data}"
        return f"{where}: {self.figure}: the document anchors a figure the data does not have (was it built from another data file?)"


@dataclass
class Comparison:
    """A document held to its data: the differences, the figures that agree, and the anchors lost."""

    differences: list[Difference] = field(default_factory=list)
    agreeing: int = 0
    """Figures printed in the document exactly as the data writes them."""
    lost: list[Lost] = field(default_factory=list)
    anchored: bool = True

    @property
    def agrees(self) -> bool:
        return not self.differences


def compare(printing: Printing, located: LocatedReport) -> Comparison:
    """Compare every place the document prints a figure with the data's figure."""
    items, paths = items_of(located)
    by_figure: dict[str, list[Printed]] = {}
    for printed in printing.printed:
        by_figure.setdefault(printed.figure, []).append(printed)
    comparison = Comparison(lost=list(printing.lost), anchored=printing.anchored)
    for figure_id, places in by_figure.items():
        item = items.get(figure_id)
        if item is None:
            comparison.differences.append(Difference(figure_id, UNKNOWN, tuple(places)))
            continue
        difference = _difference(item, places, located, paths[figure_id])
        if difference is None:
            comparison.agreeing += 1
        else:
            comparison.differences.append(difference)
    return comparison


def _difference(item: Item, places: list[Printed], located: LocatedReport, path: Path_) -> Optional[Difference]:
    own = reading_of_data(item)
    readings = [printed.reading for printed in places]
    if all(reading is not None and reading.key == own.key for reading in readings):
        return None
    form = next((reading.form for reading in readings if reading is not None), "text")
    said = dict(data_form=data_form(item, form), data_place=data_place(located, path, item), path=path)
    if any(reading is None for reading in readings):
        return Difference(item.id, UNREADABLE, tuple(places), **said)
    keys = {reading.key for reading in readings if reading is not None}
    if len(keys) > 1:
        return Difference(item.id, CONFLICT, tuple(places), **said)
    return Difference(item.id, DIFFERS, tuple(places), reading=readings[0], **said)


def items_of(located: LocatedReport) -> tuple[dict[str, Item], dict[str, Path_]]:
    """Return every figure and structure of the data by id, and each one's path in it."""
    items: dict[str, Item] = {}
    paths: dict[str, Path_] = {}
    for t, theme in enumerate(located.report.themes):
        for f, figure in enumerate(theme.figures):
            items[figure.id], paths[figure.id] = figure, ("themes", t, "figures", f)
        for s, structure in enumerate(theme.structures):
            items[structure.id], paths[structure.id] = structure, ("themes", t, "structures", s)
    return items, paths


def data_place(located: LocatedReport, path: Path_, item: Item) -> str:
    """Return where the data holds an item's value: FILE:LINE of `value` (a structure's latest shares), or a sheet's cell."""
    if path[2] == "structures":
        inside: Path_ = ("periods", len(item.periods) - 1, "shares")  # type: ignore[union-attr]
    else:
        inside = ("value",)
    problem = located.problem(path + inside, "")
    where = problem.cell or problem.line
    return f"{problem.file}:{where}" if where else problem.file
