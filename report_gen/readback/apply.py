"""`check --apply`: write the values a document gives its figures back into the data file and the spreadsheets it names.

Each difference that reads the same in every place the document prints it
is written where its figure comes from: the data file (targeted edits,
`write_yaml`) or the spreadsheet cell (`write_sheet`). Conflicts and forms
that do not read as their figure are never applied. Before anything is
written, the data is loaded again as it would read after the edits: it must
load without a problem, every applied figure must be written exactly as the
document writes it, and every other figure and structure must be as it was.
Then each changed file is replaced atomically (a temporary file beside it,
renamed into place), keeping its permissions; the document is only read.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..data.files import Reads
from ..data.located import LocatedReport, SheetRow
from ..data.model import Figure
from ..errors import DataError
from .compare import Difference, items_of
from .reading import Item, data_form
from .write_sheet import cell_edits, edited_csv, edited_workbook
from .write_yaml import Edit, Unwritable, apply_edits, compose, field_changes, yaml_edits


@dataclass
class Applied:
    """What `--apply` did: a line for each change written, and one for each difference left alone, with why."""

    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """What a person must still do: an excerpt that prints the old value."""
    files: list[Path] = field(default_factory=list)


class EditedReads(Reads):
    """A reader that serves edited bytes for files about to be written, so the data can be loaded as it will read."""

    def __init__(self, edited: dict[Path, bytes]):
        super().__init__()
        self.edited = {os.path.abspath(path): data for path, data in edited.items()}

    def read(self, path, limit: int, kind: str) -> bytes:
        data = self.edited.get(os.path.abspath(os.fspath(path)))
        return data if data is not None else super().read(path, limit, kind)


def apply_differences(located: LocatedReport, data_path: Path, differences: list[Difference]) -> Applied:
    """Write every applicable difference into its file; return what was written and what was left, with reasons.

    A difference the data would not take (the edited file would not load, or
    would say something else) is left with the reason, and the others are
    written without it.
    """
    applied = Applied()
    items, _ = items_of(located)
    wanted = []
    for difference in differences:
        if difference.applicable:
            wanted.append(difference)
        elif difference.kind != "unknown":
            applied.skipped.append(f"{difference.data_place}: {difference.figure}: {_why_not(difference)}")
    edited, done = _edited_files(located, data_path, wanted, items, applied.skipped)
    reason = _verify(data_path, edited, done, items) if edited else None
    if reason is not None:  # find the differences the data will not take, one at a time, and leave them
        kept = []
        for difference in done:
            alone, _ = _edited_files(located, data_path, [difference], items, [])
            why = _verify(data_path, alone, [difference], items)
            if why is None:
                kept.append(difference)
            else:
                applied.skipped.append(f"{difference.data_place}: {difference.figure}: the data would not take it: {why}")
        edited, done = _edited_files(located, data_path, kept, items, [])
        reason = _verify(data_path, edited, done, items) if edited else None
        if reason is not None:
            applied.skipped += [f"{d.data_place}: {d.figure}: the data would not take it: {reason}" for d in done]
            return applied
    for path, data in edited.items():
        _write_keeping_mode(path, data)
        applied.files.append(path)
    for difference in done:
        item = items[difference.figure]
        changes = _changes(item, difference)
        applied.written.append(f"{difference.data_place}: {difference.figure}: {', '.join(map(str, changes))} "
                               f"(the document's {difference.places[0].text})")
        old = next((change.before for change in changes if change.field in ("value", "shares")), None)
        excerpt = getattr(item, "excerpt", "")
        if old and old in excerpt:
            applied.notes.append(f"{difference.data_place}: {difference.figure}: its excerpt “{excerpt}” still prints {old}, "
                                 "as the source did; give the excerpt (and the source) that reports the new value, or "
                                 "`validate --sources` and the build's source check will refuse it")
    return applied


def _edited_files(located: LocatedReport, data_path: Path, differences: list[Difference], items: dict[str, Item],
                  skipped: list[str]) -> tuple[dict[Path, bytes], list[Difference]]:
    """Return the edited bytes of each file the differences change, and the differences they hold; the rest go to `skipped`."""
    in_data: list[Difference] = []
    sheets: dict[str, list[tuple[Difference, SheetRow]]] = {}
    for difference in differences:
        row = _row_of(located, difference)
        if row is None:
            in_data.append(difference)
        else:
            sheets.setdefault(row.file, []).append((difference, row))
    edited: dict[Path, bytes] = {}
    done: list[Difference] = []
    if in_data:
        data, kept = _yaml_file(data_path, in_data, items, skipped)
        if kept:
            edited[data_path], done = data, done + kept
    for name, rows in sheets.items():
        path = Path(name)  # the spreadsheet's path as the loader read it: the data file's folder joined with figure_files' entry
        data, kept = _sheet_file(path, rows, items, skipped)
        if kept:
            edited[path], done = data, done + kept
    return edited, done


def _why_not(difference: Difference) -> str:
    if difference.kind == "conflict":
        return "the document writes it two ways; make them agree, then check again"
    return "the document's form does not read as this figure"


def _row_of(located: LocatedReport, difference: Difference) -> Optional[SheetRow]:
    for length in range(len(difference.path), 0, -1):
        row = located.rows.get(difference.path[:length])
        if row is not None:
            return row
    return None


def _shares(difference: Difference) -> Optional[list[str]]:
    text = difference.places[0].text
    return text.split(":") if difference.reading is not None and difference.reading.shares else None


def _changes(item: Item, difference: Difference):
    assert difference.reading is not None
    return field_changes(item, difference.reading, _shares(difference))


def _yaml_file(path: Path, differences: list[Difference], items: dict[str, Item], skipped: list[str]) -> tuple[bytes, list[Difference]]:
    raw = Reads().read(path, 1 << 26, "data")
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    root = compose(text)
    edits: list[Edit] = []
    kept = []
    for difference in differences:
        try:
            edits += yaml_edits(text, root, difference.path, items[difference.figure], difference.reading, _shares(difference))
        except Unwritable as error:
            skipped.append(f"{difference.data_place}: {difference.figure}: {error}")
            continue
        kept.append(difference)
    return ("\ufeff" if bom else "").encode() + apply_edits(text, edits).encode("utf-8"), kept


def _sheet_file(path: Path, rows, items: dict[str, Item], skipped: list[str]) -> tuple[bytes, list[Difference]]:
    edits, kept = [], []
    for difference, row in rows:
        item = items[difference.figure]
        try:
            if not isinstance(item, Figure):
                raise Unwritable("a structure is not held in a spreadsheet")
            edits.append((row, cell_edits(row, item, difference.reading)))
        except Unwritable as error:
            skipped.append(f"{difference.data_place}: {difference.figure}: {error}")
            continue
        kept.append(difference)
    if not kept:
        return b"", []
    data = Reads().read(path, 1 << 26, "sheet")
    try:
        return (edited_csv(data, edits) if path.suffix.lower() == ".csv" else edited_workbook(data, edits)), kept
    except Unwritable as error:
        for difference in kept:
            skipped.append(f"{difference.data_place}: {difference.figure}: {error}; "
                                   f"set {', '.join(str(change) for change in _changes(items[difference.figure], difference))} by hand")
        return b"", []


def _verify(data_path: Path, edited: dict[Path, bytes], done: list[Difference], items: dict[str, Item]) -> Optional[str]:
    """Load the data as the edits leave it; return why not unless it loads, says what the document says and nothing else changed."""
    from ..data.load import load_located

    try:
        after = load_located(data_path, EditedReads(edited))
    except DataError as error:
        return "; ".join(str(problem) for problem in error.problems)
    new_items, _ = items_of(after)
    changed = {difference.figure: difference for difference in done}
    problems = []
    for item_id, item in items.items():
        new = new_items.get(item_id)
        difference = changed.get(item_id)
        if difference is None:
            if new != item:
                problems.append(f"{item_id} would change too")
            continue
        expected = difference.places[0].text
        form = difference.reading.form if difference.reading is not None else "text"
        if new is None or data_form(new, form) != expected:
            problems.append(f"{item_id} would be written {data_form(new, form) if new else 'nowhere'}, not {expected}")
    return "; ".join(problems) if problems else None


def _write_keeping_mode(path: Path, data: bytes) -> None:
    from ..output import write_atomically

    target = path.resolve()
    mode = target.stat().st_mode & 0o7777
    write_atomically(target, data)
    os.chmod(target, mode)

