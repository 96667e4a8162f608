"""Fixtures the suite shares; helpers and paths are in tests/helpers."""

import contextlib
import io
from pathlib import Path

import pytest

from tests.helpers import BEIBEI, SEEDS, STDERR_NAME, rendering_missing


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
