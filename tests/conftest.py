"""Fixtures the suite shares; helpers and paths are in tests/helpers."""

import contextlib
import functools
import io
import re
from pathlib import Path

import pytest

from tests.helpers import BEIBEI, PREVIEW_STDERR_NAME, SEEDS, SEEDS_MISSING, STDERR_NAME, rendering_missing


SLOW_SIGNS = re.compile(r"hypothesis|playwright|libreoffice|soffice|rendering_missing|default_out|subprocess|preview|\bpdf\b|\bbuild\(|main\(\[")
"""What makes a test module slow: LibreOffice, a browser, fuzzing, another process, or a whole build."""


@functools.lru_cache(maxsize=None)
def _is_slow(path: Path) -> bool:
    return SLOW_SIGNS.search(path.read_text(encoding="utf-8")) is not None


def pytest_collection_modifyitems(items):
    """Mark `slow` every test of a module that renders with LibreOffice, drives a browser, fuzzes, runs report_gen in
    another process or builds a whole report; the rest, `-m 'not slow'`, is the fast tier of unit tests."""
    for item in items:
        if _is_slow(Path(str(item.fspath))):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def default_out(tmp_path_factory) -> Path:
    """out/ after `build`, then `preview` (the README's order) of the default data, shared by the suite.

    Without LibreOffice it is the `build` alone. Building and rendering the
    default report is the slowest step of the suite, so the end-to-end tests
    read one build rather than making their own. The preview renders the
    documents the build left in the folder, though it rewrote none. What each
    command printed is kept beside out/, in STDERR_NAME and PREVIEW_STDERR_NAME.
    """
    from report_gen.cli import main

    folder = tmp_path_factory.mktemp("default") / "out"
    commands = {"build": STDERR_NAME} if rendering_missing() else {"build": STDERR_NAME, "preview": PREVIEW_STDERR_NAME}
    for command, kept in commands.items():
        said = io.StringIO()
        with contextlib.redirect_stderr(said):
            assert main([command, str(BEIBEI), "--out", str(folder)]) == 0
        (folder.parent / kept).write_text(said.getvalue(), encoding="utf-8")
    return folder


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(SEEDS_MISSING)
    return SEEDS
