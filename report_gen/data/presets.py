"""What a briefing preset needs from the data: the jianbao preset's `report.bulletin`.

The model lets every field of `report.bulletin` be left out, since only the
简报 form prints them; this check runs once the preset is known (the data
file's `style.briefing.preset`, or `build --preset`) and names each field
the 报头 or 报尾 would miss, at its place in the data file.
"""

from __future__ import annotations

from typing import Optional

from ..errors import DataError
from .located import LocatedReport, Path_
from .model import Report
from .style import BriefingPreset

BULLETIN: Path_ = ("report", "bulletin")

NEEDED_BY_JIANBAO = (
    ("name", "the 报头 prints it in red at the head of the first page, e.g. name: 党建工作简报"),
    ("issue", "the 报头 prints it under the name, e.g. issue: 第3期"),
    ("distribution", "the 报尾 prints a line for each of 报, 送 and 发 given, e.g. distribution: {报: [区委办公室]}"),
    ("copies", "the 报尾 prints the print run as 共印N份, e.g. copies: 60"),
)
"""The fields of `report.bulletin` the 简报 form prints, and where it prints them."""


def preset_problems(report: Report, preset: BriefingPreset, chosen_by: str) -> list[tuple[Path_, str]]:
    """Return each field the preset needs and the data lacks, as (path, message); `chosen_by` says where the preset was chosen."""
    if preset is not BriefingPreset.JIANBAO:
        return []
    bulletin = report.report.bulletin
    if bulletin is None:
        fields = ", ".join(name for name, _ in NEEDED_BY_JIANBAO)
        return [(BULLETIN, f"the jianbao preset ({chosen_by}) prints the 简报's 报头 and 报尾 from report.bulletin, which is missing: give {fields}")]
    return [
        ((*BULLETIN, name), f"required by the jianbao preset ({chosen_by}): {why}")
        for name, why in NEEDED_BY_JIANBAO
        if not getattr(bulletin, name)
    ]


def check_preset(located: LocatedReport, preset: Optional[BriefingPreset] = None) -> None:
    """Raise DataError, located in the data file, when the preset (None: the data file's own) lacks fields it needs."""
    chosen_by = "style.briefing.preset" if preset is None else f"--preset {preset.value}"
    preset = preset or located.report.style.briefing.preset
    problems = [located.problem(path, message) for path, message in preset_problems(located.report, preset, chosen_by)]
    if problems:
        raise DataError(problems)
