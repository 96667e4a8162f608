"""One LibreOffice kept listening for a session: it converts as a fresh one does, and leaves nothing running behind it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import docx
import pptx
import pytest
from docx.enum.text import WD_BREAK

from tests.convert.test_libreoffice import MARK, marked_processes, wait_for
from tests.helpers import ROOT
from report_gen.convert import libreoffice, warm
from report_gen.convert.libreoffice import find_soffice

SOFFICE = find_soffice()
PDFINFO = shutil.which("pdfinfo")
UNO_MISSING = (
    "LibreOffice is not installed" if SOFFICE is None
    else "pdfinfo (poppler-utils) is not installed" if PDFINFO is None
    else None if warm.uno_python(SOFFICE) else "no Python here imports LibreOffice's uno module (Debian: apt-get install python3-uno)"
)
needs_listener = pytest.mark.skipif(UNO_MISSING is not None, reason=str(UNO_MISSING))
needs_proc = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs Linux's /proc to find processes by environment")


@pytest.fixture
def documents(tmp_path) -> list[Path]:
    """A briefing of three pages and a deck of four slides, with Chinese and Latin text side by side."""
    briefing = docx.Document()
    for number in range(1, 4):
        briefing.add_paragraph(f"第{number}页：2024年完成投资约12.5亿元")
        if number < 3:
            briefing.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    deck = pptx.Presentation()
    for number in range(1, 5):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = f"第{number}张（2021年）"
    briefing.save(tmp_path / "briefing.docx")
    deck.save(tmp_path / "deck.pptx")
    return [tmp_path / "briefing.docx", tmp_path / "deck.pptx"]


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


@needs_listener
def test_documents_converted_by_the_listener_have_the_pages_of_a_fresh_conversion(documents, tmp_path):
    cold = libreoffice.convert_to_pdf(documents, tmp_path / "cold", SOFFICE)
    with warm.WarmOffice(SOFFICE) as office:
        kept = libreoffice.convert_to_pdf(documents, tmp_path / "warm", SOFFICE, office=office)
        assert office.starts == 1, "the listener converted them"
    assert [page_count(pdf) for pdf in kept] == [page_count(pdf) for pdf in cold] == [3, 4]


@needs_listener
def test_the_briefing_s_pdf_is_the_same_whichever_converts_it(documents, tmp_path):
    import datetime as dt

    moment = dt.datetime(2024, 12, 31, tzinfo=dt.timezone.utc)
    (cold,) = libreoffice.convert_to_pdf(documents[:1], tmp_path / "cold", SOFFICE, filter_name="pdf:writer_pdf_Export")
    with warm.WarmOffice(SOFFICE) as office:
        (kept,) = libreoffice.convert_to_pdf(documents[:1], tmp_path / "warm", SOFFICE, filter_name="pdf:writer_pdf_Export",
                                             office=office)
    assert libreoffice.reproducible_pdf(kept.read_bytes(), moment) == libreoffice.reproducible_pdf(cold.read_bytes(), moment)


@needs_listener
@needs_proc
def test_one_listener_serves_the_session_and_closing_ends_it_and_its_profile(documents, tmp_path):
    mark = uuid.uuid4().hex
    env = {**os.environ, MARK: mark}
    office = warm.WarmOffice(SOFFICE)
    try:
        for round_ in ("first", "second"):
            libreoffice.convert_to_pdf(documents, tmp_path / round_, SOFFICE, env, office=office)
        assert office.starts == 1
        running = marked_processes(mark)
        assert any("soffice" in line and "--accept=pipe" in line for line in running), running
        profile = next(Path(part.split("=", 1)[1].removeprefix("file://")) for line in running
                       for part in line.split() if part.startswith("-env:UserInstallation="))
        assert profile.is_dir() and profile.name == "profile", "a profile of its own, not the user's"
    finally:
        office.close()
    assert wait_for(lambda: marked_processes(mark) == [], seconds=10), marked_processes(mark)
    assert not profile.parent.exists(), "its folder is removed"


@needs_listener
@needs_proc
def test_a_listener_that_dies_is_started_again_and_the_conversion_still_happens(documents, tmp_path):
    mark = uuid.uuid4().hex
    env = {**os.environ, MARK: mark}
    with warm.WarmOffice(SOFFICE) as office:
        libreoffice.convert_to_pdf(documents[:1], tmp_path / "first", SOFFICE, env, office=office)
        os.killpg(office.pid, signal.SIGKILL)  # LibreOffice and its bridge crash
        assert wait_for(lambda: marked_processes(mark) == [], seconds=10)
        (pdf,) = libreoffice.convert_to_pdf(documents[:1], tmp_path / "again", SOFFICE, env, office=office)
        assert page_count(pdf) == 3
        libreoffice.convert_to_pdf(documents[:1], tmp_path / "after", SOFFICE, env, office=office)
        assert office.starts == 2 and office.unavailable is None
    assert wait_for(lambda: marked_processes(mark) == [], seconds=10), marked_processes(mark)


@needs_listener
@needs_proc
def test_a_listener_whose_command_is_killed_ends_too(documents, tmp_path):
    mark = uuid.uuid4().hex
    ready = tmp_path / "ready"
    script = (
        "import sys, time\nfrom pathlib import Path\n"
        "from report_gen.convert import libreoffice, warm\n"
        "office = warm.WarmOffice(libreoffice.find_soffice())\n"
        f"libreoffice.convert_to_pdf([Path({str(documents[0])!r})], Path({str(tmp_path / 'pdf')!r}), office.soffice, office=office)\n"
        f"Path({str(ready)!r}).touch()\ntime.sleep(600)\n"
    )
    command = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, env={**os.environ, MARK: mark})
    try:
        assert wait_for(ready.exists, seconds=120), "the command never converted"
        assert any("--accept=pipe" in line for line in marked_processes(mark))
        command.kill()  # SIGKILL: no clean-up of the command's runs
        command.wait(timeout=30)
    finally:
        if command.poll() is None:
            command.kill()
    assert wait_for(lambda: marked_processes(mark) == [], seconds=10), marked_processes(mark)


def test_without_a_python_that_has_uno_the_office_declines_and_libreoffice_starts_afresh(documents, tmp_path, monkeypatch):
    monkeypatch.setenv(warm.UNO_PYTHON_ENV, "")
    warm.uno_python.cache_clear()
    try:
        office = warm.WarmOffice(SOFFICE or "soffice")
        assert office.unavailable and office.convert(documents, tmp_path / "pdf", "pdf", None, "converting") is None
        if SOFFICE is not None and PDFINFO is not None:
            (pdf,) = libreoffice.convert_to_pdf(documents[:1], tmp_path / "pdf", SOFFICE, office=office)
            assert page_count(pdf) == 3
    finally:
        warm.uno_python.cache_clear()


def test_a_closed_office_converts_nothing_and_starts_nothing(documents, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a program was started after the session ended")

    monkeypatch.setattr(libreoffice.subprocess, "Popen", refuse)
    office = warm.WarmOffice("soffice", python=sys.executable)
    office.stopping()
    with pytest.raises(warm.Stopped, match="ended with the command"):
        libreoffice.convert_to_pdf(documents, tmp_path / "pdf", "soffice", office=office)


@needs_listener
def test_a_listener_that_cannot_start_leaves_every_conversion_to_a_fresh_libreoffice(documents, tmp_path):
    false = shutil.which("false")
    if false is None:
        pytest.skip("no `false` program to stand in for a LibreOffice that will not start")
    with warm.WarmOffice(false) as office:  # a "LibreOffice" that ends at once
        assert office.convert(documents, tmp_path / "pdf", "pdf", None, "converting") is None
        assert "cannot start LibreOffice listening" in str(office.unavailable)
        assert office.pid is None
        (pdf,) = libreoffice.convert_to_pdf(documents[:1], tmp_path / "pdf", SOFFICE, office=office)
        assert page_count(pdf) == 3 and office.starts == 1, "converted afresh, without trying the listener again"
