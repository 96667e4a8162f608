"""What a build is asked to do (BuildOptions), what it tells as it goes (BuildEvents), and what it did (BuildResult)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Optional, Union

from . import cache as caching
from ..errors import ReportError

if TYPE_CHECKING:
    pass


Progress = Callable[[str], None]
"""Receives one line per step of a long build, for the user to see."""


DEFAULT_DATA_DIR = Path("data")


DEFAULT_DATA_NAME = "beibei.yaml"


def default_data_file() -> Path:
    """Return the data file to use when none is named: data/beibei.yaml, or the only YAML file in data/."""
    preferred = DEFAULT_DATA_DIR / DEFAULT_DATA_NAME
    if preferred.is_file():
        return preferred
    candidates = sorted(DEFAULT_DATA_DIR.glob("*.yaml")) + sorted(DEFAULT_DATA_DIR.glob("*.yml"))
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise ReportError(
            f"no data file given and none found in {DEFAULT_DATA_DIR}/; name one, e.g. "
            "`python -m report_gen build data/my_report.yaml`, or start a new report with `python -m report_gen init my_report`"
        )
    names = ", ".join(str(c) for c in candidates)
    raise ReportError(f"no data file given and {DEFAULT_DATA_DIR}/ holds several ({names}); name the one to build")


@dataclass(frozen=True)
class BuildOptions:
    """What to build and where; every field has the default `report_gen build` uses."""

    data: Path
    """The YAML data file."""
    out_dir: Path = Path("out")
    """Folder the documents and charts are written to; created when missing."""
    templates_dir: Optional[Path] = None
    """Folder of jinja2 narrative templates; None means the templates shipped with report_gen."""
    font_file: Optional[Path] = None
    """CJK font file for the charts; None means search the machine."""
    briefing: bool = True
    """Write the Word briefing."""
    deck: bool = True
    """Write the PowerPoint deck."""
    pdf: bool = False
    """Also write the briefing as out/<name>.pdf, converted by LibreOffice."""
    pptx_template: Optional[Path] = None
    """An organisation's .pptx whose layouts and theme the deck uses; None means the data file's style.deck.template, else report_gen's design."""
    charts: Optional[str] = None
    """How both documents put charts: "image" or "native" (PowerPoint charts, Word charts); None means the data file's style.deck.charts and style.briefing.charts."""
    deck_length: Optional[str] = None
    """"short" (a deck to present) or "full" (a slide per chart, every figure on the 关键数字 slides); None means the data file's style.deck.length."""
    docx_template: Optional[Path] = None
    """An organisation's Word template (.docx or .dotx) whose styles, page set-up, headers and footers the briefing uses; None means the data file's style.briefing.template, else report_gen's design."""
    preset: Optional[str] = None
    """The briefing's page preset: "gbt9704", "compact" or "jianbao" (the 简报 form); None means the data file's style.briefing.preset."""
    use_cache: bool = True
    """Reuse charts and documents from the cache and store new ones there; False draws and writes everything afresh."""
    cache_dir: Optional[Path] = None
    """The cache folder; None means $REPORT_GEN_CACHE, else <out_dir>/.cache."""
    jobs: Optional[int] = None
    """Most worker processes to draw charts (or build reports) in, and whether the briefing is made beside the deck; None means one per core, 1 means none."""
    source_check: str = "refuse"
    """When every source's file is at hand (sources/ beside the data file), what a figure that disagrees with its source does: "refuse" the build, or "warn" and build."""

    def cache(self) -> caching.Cache:
        """Return the cache this build reads and fills (a disabled one without use_cache)."""
        if not self.use_cache:
            return caching.Cache(None)
        return caching.Cache(self.cache_dir if self.cache_dir is not None else caching.cache_dir(self.out_dir))


class BuildEvents:
    """What a build says while it runs; this base says nothing. The command line shows it (tools/progress)."""

    def stage(self, text: str) -> None:
        """A step begins."""

    def begin(self, task: str, total: int) -> None:
        """A counted step begins: `total` items of `task` (charts, documents, reports)."""

    def advance(self, task: str, item: str, reused: bool = False) -> None:
        """One item of a counted step is done; `reused` when it came from the cache."""


class _Lines(BuildEvents):
    """Events as lines for a Progress callable: stages and counted steps, not each item."""

    def __init__(self, say: Progress):
        self.say = say

    def stage(self, text: str) -> None:
        self.say(text)


def as_events(progress: Union[Progress, BuildEvents, None]) -> BuildEvents:
    """Return build events from a Progress callable (lines), events, or None (silence)."""
    if progress is None:
        return BuildEvents()
    return progress if isinstance(progress, BuildEvents) else _Lines(progress)


@dataclass
class BuildResult:
    """What a build wrote, what it left as it was, and what it reused."""

    written: list[Path] = field(default_factory=list)
    """Files written (their bytes changed)."""
    font: str = ""
    warnings: list[str] = field(default_factory=list)
    """Things the user should know that did not stop the build (a font the briefing names is not installed)."""
    font_details: list[str] = field(default_factory=list)
    """Which font drew the charts, from where, and what the list passed over (printed with --verbose)."""
    warning_details: list[str] = field(default_factory=list)
    """What the warnings sum up, one line each (printed with --verbose): each missing font, its role and stand-in."""
    unchanged: list[Path] = field(default_factory=list)
    """Files the build produced with the bytes they already had, so they were not written."""
    reused: dict[str, int] = field(default_factory=dict)
    """Charts and documents taken from the cache, by kind."""
    made: dict[str, int] = field(default_factory=dict)
    """Charts and documents drawn or assembled afresh, by kind."""
    seconds: float = 0.0
    """Wall time of the build."""
    out_dir: Optional[Path] = None
    """The output folder the files went to."""
    charts: int = 0
    """Charts in the data (what `validate` counts)."""
    pictures: dict[str, int] = field(default_factory=dict)
    """Chart pictures drawn for each use ("briefing": one per chart, also written to out/charts/; "slide": the deck's, at slide size)."""

    @property
    def outputs(self) -> list[Path]:
        """Return every file the build produced, written or unchanged."""
        return self.written + self.unchanged

    def summary(self) -> str:
        """Return the one line every build ends with: the documents and where they went, files written, time taken, cache hits."""
        documents = " ".join(path.name for path in self.outputs if path.suffix in (".docx", ".pptx", ".pdf")) or "nothing"
        where = f" in {self.out_dir.as_posix().rstrip('/')}/" if self.out_dir is not None else ""
        if "builds" in self.reused:
            return f"{documents}{where}: nothing changed, {len(self.unchanged)} files left as they were, in {self.seconds:.1f} s"
        hits = [self._from_cache(kind) for kind in ("charts", "documents") if kind in self.reused or kind in self.made]
        return (
            f"{documents}{where}: {len(self.written)} files written, {len(self.unchanged)} unchanged, "
            f"in {self.seconds:.1f} s; from the cache: {', '.join(hits) or 'nothing'}"
        )

    def _from_cache(self, kind: str) -> str:
        """Say how many of a kind came from the cache; chart pictures with the charts they show (validate's count) and their uses."""
        reused, total = self.reused.get(kind, 0), self.reused.get(kind, 0) + self.made.get(kind, 0)
        if kind != "charts":
            return f"{reused} of {total} {kind}"
        uses = [f"{self.pictures[role]} for the {name}" for role, name in (("briefing", "briefing"), ("slide", "deck")) if self.pictures.get(role)]
        shown = f" ({self.charts} charts: {', '.join(uses)})" if self.charts and uses else ""
        return f"{reused} of {total} chart pictures{shown}"
