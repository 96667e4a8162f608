"""The choices that make a document, each settled in one place: the command line's option, else the data file's style.

A build settles them once, after its checks (`report_gen.pipeline.resolved`),
and hands them down; the writers' own conveniences (`deck_bytes`,
`briefing_bytes` called with None for a choice) settle theirs here too, so a
default is written once. A new option is a field here, a line in the
function that settles it, and, for a build, a field of `BuildOptions`: the
cache keys and the build's record take every field of these classes.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from .style import BriefingPreset, Style

IMAGE = "image"
"""Charts as pictures."""
NATIVE = "native"
"""Charts as Office charts (Word charts in the briefing, PowerPoint charts in the deck)."""
CHART_MODES = (IMAGE, NATIVE)

SHORT = "short"
"""The deck to present: message titles, small charts sharing slides, notes for a short talk."""
FULL = "full"
"""The full deck: a slide per chart, every figure on the 关键数字 slides."""
DECK_LENGTHS = (SHORT, FULL)


@dataclass(frozen=True)
class BriefingChoices:
    """How the briefing is made."""

    chart_mode: str
    """"image" or "native"."""
    preset: BriefingPreset
    """The page preset (gbt9704, compact, jianbao)."""
    template_path: Optional[Path] = None
    """The office's Word template the briefing is built on; None for report_gen's own design."""

    def key(self) -> dict[str, Any]:
        """Return every choice as plain values, for cache keys and the build's record."""
        return _plain(self)


@dataclass(frozen=True)
class DeckChoices:
    """How the deck is made."""

    chart_mode: str
    """"image" or "native"."""
    length: str
    """"short" or "full"."""
    template_path: Optional[Path] = None
    """The organisation's .pptx whose layouts and theme the deck uses; None for report_gen's design."""

    def key(self) -> dict[str, Any]:
        """Return every choice as plain values, for cache keys and the build's record."""
        return _plain(self)


def briefing_choices(style: Style, data_dir: Optional[Path] = None, *, chart_mode: Optional[str] = None,
                     preset: Optional[BriefingPreset] = None, template: Optional[Path] = None) -> BriefingChoices:
    """Settle the briefing's choices: each option given, else the data file's style (its template found beside `data_dir`)."""
    own = style.briefing
    if template is None and own.template and data_dir is not None:
        template = data_dir / own.template
    return BriefingChoices(_mode(chart_mode or own.charts), preset or own.preset, template)


def deck_choices(style: Style, data_dir: Optional[Path] = None, *, chart_mode: Optional[str] = None,
                 length: Optional[str] = None, template: Optional[Path] = None) -> DeckChoices:
    """Settle the deck's choices: each option given, else the data file's style (its template found beside `data_dir`)."""
    own = style.deck
    if template is None and own.template and data_dir is not None:
        template = data_dir / own.template
    length = length or own.length
    if length not in DECK_LENGTHS:
        raise ValueError(f"deck length must be '{SHORT}' or '{FULL}', not {length!r}")
    return DeckChoices(_mode(chart_mode or own.charts), length, template)


def _mode(mode: str) -> str:
    if mode not in CHART_MODES:
        raise ValueError(f"chart mode must be '{IMAGE}' or '{NATIVE}', not {mode!r}")
    return mode


def _plain(choices: Any) -> dict[str, Any]:
    return {item.name: str(getattr(choices, item.name)) for item in dataclasses.fields(choices)}
