"""`serve` in a real browser: Debian's chromium, driven by Playwright, watches the page follow edits to the data file."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.helpers import BEIBEI, MINI, ROOT, rendering_missing

MINI_TEXT = MINI.read_text(encoding="utf-8")
CHROMIUM = os.environ.get("REPORT_GEN_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
WAIT_MS = 120_000
"""How long the browser waits for the page to show something; a bound, never a measured duration."""


class Server:
    """`python -m report_gen serve` in its own process; its address read from what it prints."""

    def __init__(self, data: Path, out: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "report_gen", "serve", str(data), "--out", str(out), "--jobs", "1"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        lines: "queue.Queue[str]" = queue.Queue()
        self.errors: list[str] = []
        self.readers = [
            threading.Thread(target=lambda: [lines.put(line) for line in self.process.stdout], daemon=True),
            threading.Thread(target=lambda: self.errors.extend(self.process.stderr), daemon=True),
        ]
        for reader in self.readers:
            reader.start()
        first = lines.get(timeout=60)
        assert first.startswith("serving the preview of "), first
        self.url = first.split(" at ")[1].split()[0]

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        finally:
            for reader in self.readers:
                reader.join(timeout=10)
            self.process.stdout.close()
            self.process.stderr.close()


@pytest.fixture
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"chromium is not installed at {CHROMIUM} (Debian: apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


def test_the_page_follows_edits_and_shows_a_located_error(browser, tmp_path):
    data = tmp_path / "data" / "mini.yaml"
    data.parent.mkdir()
    data.write_text(MINI_TEXT, encoding="utf-8")
    server = Server(data, tmp_path / "out")
    try:
        assert server.url.startswith("http://127.0.0.1:")
        page = browser.new_page()
        page.set_default_timeout(WAIT_MS)
        page.goto(server.url)
        chart = page.locator("#chart-platforms")
        chart.locator("figcaption", has_text="科技创新平台数量").wait_for()
        picture = chart.locator("img").get_attribute("src")
        with urllib.request.urlopen(server.url.rstrip("/") + picture) as response:
            assert response.headers["Content-Type"] == "image/png" and response.read().startswith(b"\x89PNG")

        data.write_text(MINI_TEXT.replace("title: 科技创新平台数量\n", "title: 科技创新平台数量变化\n").replace("value: 33\n", "value: 35\n"), encoding="utf-8")
        chart.locator("figcaption", has_text="科技创新平台数量变化").wait_for()
        assert chart.locator("img").get_attribute("src") != picture, "the picture is drawn again and the page loads the new one"
        assert page.locator("#status").inner_text() == "已更新"

        data.write_text(MINI_TEXT.replace("value: 12.5\n", "value: '12.5亿'\n"), encoding="utf-8")
        problems = page.locator("#problems")
        problems.wait_for(state="visible")
        assert problems.locator("li").all_inner_texts() == [f"{data}:44: themes[0].figures[0].value: expected a number, got '12.5亿'"]
        assert page.locator("#status").inner_text() == "数据有误"
        assert page.locator("#chart-platforms figcaption", has_text="科技创新平台数量变化").count() == 1, "the last good charts stay"

        data.write_text(MINI_TEXT, encoding="utf-8")
        problems.wait_for(state="hidden")
        if rendering_missing() is None:
            page.locator("#briefing img").first.wait_for()
            page.locator("#deck img").first.wait_for()
            assert page.locator("#briefing img").count() >= 2 and page.locator("#deck img").count() >= 5
    finally:
        status = server.stop()
    assert status == 0, "".join(server.errors)
    assert "Traceback" not in "".join(server.errors)


def test_a_failed_rebuild_shows_its_error_and_serve_keeps_following(tmp_path):
    """A bad value in a spreadsheet the data names: the page shows it at its cell, and the fix is built (no browser needed)."""
    from report_gen.pipeline import BuildOptions
    from report_gen.scaffold import create_report_folder
    from report_gen.tools.serve import Preview

    data = create_report_folder(tmp_path / "county")
    sheet = data.parent / "figures.xlsx"
    # The example's sources are at hand: warn of the changed value's excerpt rather than refuse it.
    preview = Preview(BuildOptions(data=data, out_dir=data.parent / "preview", jobs=1, source_check="warn"), dpi=20)
    stop = threading.Event()
    said: list[str] = []
    follower = threading.Thread(target=preview.follow, args=(stop, said.append), daemon=True)
    follower.start()

    def state_when(predicate) -> dict:
        deadline = time.monotonic() + WAIT_MS / 1000
        while time.monotonic() < deadline:
            state = preview.snapshot()[1]
            if predicate(state):
                return state
            time.sleep(0.2)
        raise AssertionError(f"not reached; said: {said}")

    try:
        state_when(lambda state: state["status"] == "ok")
        set_first_value(sheet, "1.1万")
        state = state_when(lambda state: state["status"] == "problems")
        assert [problem["where"] for problem in state["problems"]] == [f"{sheet}:figures!E2"], state["problems"]
        assert follower.is_alive()
        set_first_value(sheet, 2.5)
        state = state_when(lambda state: state["status"] == "ok" and state["changed"])
        assert "2 files written" in state["summary"], "the fixed value reaches the documents"
    finally:
        stop.set()
        follower.join(timeout=30)
    assert not follower.is_alive()


def set_first_value(workbook: Path, value) -> None:
    """Set the value cell of the first figure row of a workbook of figures."""
    import openpyxl

    book = openpyxl.load_workbook(workbook)
    sheet = book.worksheets[0]
    column = [cell.value for cell in sheet[1]].index("value") + 1
    sheet.cell(row=2, column=column, value=value)
    book.save(workbook)


@pytest.mark.skipif(rendering_missing() is not None or not Path("/proc/self/environ").exists(),
                    reason="needs LibreOffice, poppler and Linux's /proc")
def test_stopping_serve_while_it_renders_ends_libreoffice_too(tmp_path):
    from tests.convert.test_libreoffice import interrupt_once_libreoffice_runs, marked_processes, wait_for

    data = tmp_path / "beibei.yaml"  # a report LibreOffice takes a while over: stopped in the middle, not after
    shutil.copyfile(BEIBEI, data)
    mark = uuid.uuid4().hex
    rendering, status, stderr = interrupt_once_libreoffice_runs(
        ["serve", str(data), "--out", str(tmp_path / "out"), "--jobs", "1"], mark, seconds=120)
    assert rendering, "LibreOffice never started rendering the pages"
    assert status == 0, stderr
    assert wait_for(lambda: marked_processes(mark) == [], seconds=5), marked_processes(mark)


def listeners(mark: str) -> set[str]:
    """Return the pipes the LibreOffice processes of a marked command listen on."""
    from tests.convert.test_libreoffice import marked_processes

    return {part.split(";")[0] for line in marked_processes(mark) for part in line.split() if part.startswith("--accept=pipe")}


@pytest.mark.skipif(rendering_missing() is not None or not Path("/proc/self/environ").exists(),
                    reason="needs LibreOffice, poppler and Linux's /proc")
def test_serve_renders_every_edit_with_one_libreoffice_and_ends_it_when_stopped(tmp_path):
    import json

    from report_gen.convert import warm
    from report_gen.convert.libreoffice import find_soffice
    from tests.convert.test_libreoffice import MARK, marked_processes, wait_for

    if warm.uno_python(find_soffice()) is None:
        pytest.skip("no Python here imports LibreOffice's uno module (Debian: apt-get install python3-uno)")
    data = tmp_path / "mini.yaml"
    data.write_text(MINI_TEXT, encoding="utf-8")
    mark = uuid.uuid4().hex
    server = subprocess.Popen(
        [sys.executable, "-m", "report_gen", "serve", str(data), "--out", str(tmp_path / "out"), "--jobs", "1"],
        cwd=ROOT, env={**os.environ, MARK: mark}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )

    def state() -> dict:
        with urllib.request.urlopen(url + "state", timeout=30) as answer:
            return json.loads(answer.read())

    try:
        url = server.stdout.readline().split(" at ")[1].split()[0]
        assert wait_for(lambda: state()["render"]["state"] == "done" and state()["pages"]["deck"], seconds=WAIT_MS / 1000)
        first, running = state()["pages"], listeners(mark)
        assert len(running) == 1, f"one LibreOffice listening: {running}"
        data.write_text(MINI_TEXT.replace("value: 33\n", "value: 35\n"), encoding="utf-8")
        assert wait_for(lambda: state()["pages"] != first and state()["render"]["state"] == "done", seconds=WAIT_MS / 1000)
        assert listeners(mark) == running, "the same LibreOffice rendered the edit's pages"
        server.send_signal(signal.SIGINT)
        _, stderr = server.communicate(timeout=60)
    finally:
        if server.poll() is None:
            server.kill()
    assert server.returncode == 0, stderr
    assert wait_for(lambda: marked_processes(mark) == [], seconds=5), marked_processes(mark)
