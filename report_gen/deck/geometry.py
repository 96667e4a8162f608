"""Where things go on a slide: boxes in EMU, grids of cells, and items spread evenly over slides."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence



GAP = 228600
"""Room between cards and panels side by side, in EMU: a quarter inch."""


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in EMU."""

    left: int
    top: int
    width: int
    height: int

    @property
    def bottom(self) -> int:
        return self.top + self.height

    @property
    def right(self) -> int:
        return self.left + self.width


def paginate(items: Sequence, per_page: int) -> list[list]:
    """Split items into as few pages of at most per_page as possible, evenly (13 → 5 + 4 + 4, not 6 + 6 + 1)."""
    if not items:
        return []
    count = math.ceil(len(items) / per_page)
    base, extra = divmod(len(items), count)
    pages, start = [], 0
    for index in range(count):
        size = base + (1 if index < extra else 0)
        pages.append(list(items[start:start + size]))
        start += size
    return pages


def grid(area: Box, count: int, cols: int, rows: int, max_height: int, gap: int = GAP) -> Iterable[Box]:
    """Yield boxes for count cells laid out cols × rows in an area, centred vertically.

    A last row with fewer cells is centred horizontally.
    """
    gap = int(gap)
    width = (area.width - (cols - 1) * gap) // cols
    height = min((area.height - (rows - 1) * gap) // rows, int(max_height))
    top = area.top + (area.height - rows * height - (rows - 1) * gap) // 2
    for index in range(count):
        row, col = divmod(index, cols)
        in_row = min(cols, count - row * cols)
        offset = (cols - in_row) * (width + gap) // 2
        yield Box(area.left + offset + col * (width + gap), top + row * (height + gap), width, height)
