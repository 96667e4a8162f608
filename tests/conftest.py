"""Shared paths and fixtures for the suite."""

import contextlib
import io
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini.yaml"
BEIBEI = ROOT / "data" / "beibei.yaml"
SEEDS = ROOT.parent / "shared" / "seeds"
STDERR_NAME = "stderr.txt"
"""Where `default_out` keeps what its build printed, beside out/."""
"""The source articles; present in the project's workspace and CI, absent in a user's clone."""


def rendering_missing() -> str | None:
    """Say what is missing to render documents here (LibreOffice, poppler), or None when nothing is."""
    from report_gen.errors import ReportError
    from report_gen.tools.preview import find_tools

    try:
        find_tools()
    except ReportError as error:
        return str(error)
    return None


@pytest.fixture(scope="session")
def default_out(tmp_path_factory) -> Path:
    """out/ after one `preview` of the default data (a plain `build` without LibreOffice), shared by the suite.

    Building and rendering the default report is the slowest step of the suite,
    so the end-to-end tests read one build rather than making their own. What
    the command printed is kept beside out/, in STDERR_NAME.
    """
    from report_gen.cli import main

    folder = tmp_path_factory.mktemp("default") / "out"
    command = "build" if rendering_missing() else "preview"
    said = io.StringIO()
    with contextlib.redirect_stderr(said):
        assert main([command, str(BEIBEI), "--out", str(folder)]) == 0
    (folder.parent / STDERR_NAME).write_text(said.getvalue(), encoding="utf-8")
    return folder


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"source articles not present at {SEEDS}")
    return SEEDS
