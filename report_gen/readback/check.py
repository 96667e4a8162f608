"""`check DOCUMENT --data DATA [--apply]`: the command's library half, after proofreading has read the document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..data.files import Reads
from ..data.located import LocatedReport
from .apply import Applied, apply_differences
from .compare import Comparison, compare, items_of
from .found import place_names, printed_figures


@dataclass
class ReadBack:
    """A document held to a data file: what differs, and (with --apply) what was written back."""

    document: Path
    data: Path
    located: LocatedReport
    comparison: Comparison
    applied: Optional[Applied] = None

    def lines(self) -> list[str]:
        """Return one line for each figure the document writes otherwise than the data, then one for each lost anchor."""
        name = self.document.name
        lines = [f"{name}: {difference.line()}" for difference in self.comparison.differences]
        for lost in self.comparison.lost:
            before = f", printed after “…{lost.before[-8:]}”" if lost.before else ""
            lines.append(f"{name}: note: {lost.figure}: its form as built ({lost.written}{before}) is found nowhere in the "
                         f"document, neither where its anchor {lost.anchor} marked nor elsewhere; nothing to compare")
        return lines

    @property
    def applicable(self) -> bool:
        """Whether --apply would write any difference back."""
        return any(difference.applicable for difference in self.comparison.differences)

    @property
    def agrees(self) -> bool:
        """Whether the document agrees with the data (after --apply: whether every difference was written back)."""
        if self.applied is None:
            return self.comparison.agrees
        written = len(self.applied.written)
        return written == len([d for d in self.comparison.differences if d.applicable]) == len(self.comparison.differences)

    def summary(self) -> str:
        """Return the closing line: how many figures agree and differ, and what was written back."""
        differences = self.comparison.differences
        counts = {kind: sum(1 for difference in differences if difference.kind == kind) for kind in _KIND_WORDS}
        said = ", ".join(f"{count} {_KIND_WORDS[kind]}" for kind, count in counts.items() if count) or "no figure differs"
        anchored = "" if self.comparison.anchored else " (the document holds no figure anchors: only the data's own forms were looked for)"
        text = f"{self.document.name} against {self.data}: {self.comparison.agreeing} figures as in the data, {said}{anchored}"
        if self.applied is not None:
            files = " and ".join(str(path) for path in self.applied.files)
            written = len(self.applied.written)
            text += f"; wrote {written} back into {files}" if written else "; wrote nothing back"
            if self.applied.skipped:
                text += f", left {len(self.applied.skipped)}"
        return text


_KIND_WORDS = {"differs": "differ", "conflict": "written two ways", "unreadable": "unreadable", "unknown": "not in the data"}


def read_back(draft, data: Path, reads: Optional[Reads] = None) -> ReadBack:
    """Read the figures of a proofread draft (proof.document.Draft) and hold them to the data file `data`."""
    from ..data.load import load_located

    located = load_located(data, reads)
    items, _ = items_of(located)
    printing = printed_figures(draft.document, place_names(draft.passages), items)
    return ReadBack(draft.path, data, located, compare(printing, located))


def apply(read: ReadBack) -> ReadBack:
    """Write the document's values back into the data (see `apply.apply_differences`); return the read-back with what was done."""
    read.applied = apply_differences(read.located, read.data, read.comparison.differences)
    return read
