"""What the tests share: where the data is, whether documents can be rendered here, stand-in chart pictures.

Tests import from here (`from tests.helpers import MINI`); fixtures live in
tests/conftest.py. Tests that need the source articles (SEEDS) take the
`seeds` fixture, which skips where they are absent, as in a user's clone.
"""

from __future__ import annotations

import io
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure

ROOT = Path(__file__).resolve().parents[2]
"""The repository."""
FIXTURES = ROOT / "tests" / "fixtures"
"""Data files made for the tests: mini.yaml, the bulletins, the broken corpus."""
MINI = FIXTURES / "mini.yaml"
"""A small report with one chart of each of the first six kinds."""
BEIBEI = ROOT / "data" / "beibei.yaml"
"""The default report."""
SEEDS = ROOT.parent / "shared" / "seeds"
"""The source articles; present in the project's workspace and CI, absent in a user's clone (use the `seeds` fixture)."""
SEEDS_MISSING = "the source articles are not here (looked in ../shared/seeds beside the repository)"
"""Why the tests that need the source articles skip: said the same on every machine, naming no folder of this one."""
STDERR_NAME = "stderr.txt"
"""Where the `default_out` fixture keeps what its build printed, beside out/."""
PREVIEW_STDERR_NAME = "preview-stderr.txt"
"""Where the `default_out` fixture keeps what its preview (after the build) printed, beside out/."""


def rendering_missing() -> str | None:
    """Say what is missing to render documents here (LibreOffice, poppler), or None when nothing is."""
    from report_gen.errors import ReportError
    from report_gen.tools.preview import find_tools

    try:
        find_tools()
    except ReportError as error:
        return str(error)
    return None


def stand_in_png(width_mm: float, height_mm: float, dpi: int) -> bytes:
    """A quickly drawn bar picture of a given size, standing in for a chart in tests of the documents rather than the charts."""
    figure = MplFigure(figsize=(width_mm / 25.4, height_mm / 25.4), dpi=dpi)
    FigureCanvasAgg(figure)
    figure.add_subplot().bar(["a", "b", "c"], [3, 1, 2], color="#C00000")
    stream = io.BytesIO()
    figure.savefig(stream, format="png", dpi=dpi)
    return stream.getvalue()


def expectation(path: Path) -> str:
    """The message a file of the bad-input corpus must give: from NAME.expect beside it, else its `# expect: ` line.

    FILE stands for the data file as given on the command line, DIR/ for its folder (`located` fills them in).
    """
    beside = path.with_name(path.name + ".expect")
    if beside.exists():
        return beside.read_text(encoding="utf-8").strip()
    for line in path.read_text(encoding="utf-8").splitlines()[:3]:
        if line.startswith("# expect: "):
            return line.removeprefix("# expect: ")
    raise AssertionError(f"{path.name} says nothing about what it expects")


def located(expected: str, shown: Path) -> str:
    """An expectation with its placeholders filled: FILE is the data file as given, DIR/ the folder it is in."""
    return expected.replace("DIR/", f"{shown.parent}/").replace("FILE", str(shown))
