"""`watch`: rebuild on every change, say what changed and what was rebuilt, show a data error with its place and go on."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time

import pytest
import watchfiles

from tests.helpers import MINI, ROOT
from report_gen.data.files import Reads
from report_gen.narrative.environment import TEMPLATES_DIR
from report_gen.pipeline import BuildOptions
from report_gen.scaffold import create_report_folder
from report_gen.tools.watch import Watched, build_once, watch

MINI_TEXT = MINI.read_text(encoding="utf-8")
WAIT = 60
"""Seconds to wait for a build to be reported; a generous bound, never a measured duration."""


class Watching:
    """`watch` running in a thread, its lines in a queue."""

    def __init__(self, options: BuildOptions):
        self.lines: "queue.Queue[str]" = queue.Queue()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=watch, args=(options, self.lines.put, self.stop), daemon=True)
        self.thread.start()

    def until(self, predicate) -> list[str]:
        """Return the lines said until one satisfies the predicate (that one included)."""
        said = []
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=1)
            except queue.Empty:
                continue
            said.append(line)
            if predicate(line):
                return said
        raise AssertionError(f"not said within {WAIT} s; said: {said}")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=WAIT)
        assert not self.thread.is_alive()


def test_watch_rebuilds_on_a_change_and_keeps_watching_through_a_data_error(tmp_path):
    data = tmp_path / "data" / "mini.yaml"
    data.parent.mkdir()
    data.write_text(MINI_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    watching = Watching(BuildOptions(data=data, out_dir=out, jobs=1))
    try:
        said = watching.until(lambda line: line.startswith("built "))
        assert said[0].startswith("watching ") and "12 files written" in said[-1]
        time.sleep(0.5)  # let the watcher settle on the folder before the first edit

        data.write_text(MINI_TEXT.replace("label: 已办结问题", "label: 已经办结的问题"), encoding="utf-8")
        said = watching.until(lambda line: line.startswith("rebuilt "))
        assert f"changed: {data}" in said
        assert "4 files written, 8 unchanged" in said[-1] and "6 of 8 chart pictures" in said[-1]

        data.write_text(MINI_TEXT.replace("value: 12.5\n", "value: '12.5亿'\n"), encoding="utf-8")
        said = watching.until(lambda line: "watching for the next change" in line)
        assert f"{data}:44: themes[0].figures[0].value: expected a number, got '12.5亿'" in said
        assert said[-1].startswith("1 problem found")

        data.write_text(MINI_TEXT, encoding="utf-8")
        said = watching.until(lambda line: line.startswith("rebuilt "))
        assert "from the cache: 8 of 8 chart pictures (5 charts: 5 for the briefing, 3 for the deck), 2 of 2 documents" in said[-1]
    finally:
        watching.close()
    assert (out / "mini.docx").is_file()


def test_watch_follows_exactly_the_files_the_build_read(tmp_path):
    folder = tmp_path / "county"
    data = create_report_folder(folder)
    own_templates = tmp_path / "my_templates"
    own_templates.mkdir()
    options = BuildOptions(data=data, out_dir=folder / "out", templates_dir=own_templates, jobs=1)
    outcome = build_once(options)
    assert outcome.result is not None, outcome.problems
    watched = Watched(options)
    watched.follow(outcome.reads)
    modified = watchfiles.Change.modified
    for read in (data, folder / "figures.xlsx", folder / "sources" / "bulletin_2024.txt", TEMPLATES_DIR / "briefing" / "theme.md.j2", TEMPLATES_DIR / "deck" / "notes" / "chart.md.j2"):
        assert watched.matter(modified, str(read)), read
    assert watched.matter(watchfiles.Change.added, str(own_templates / "briefing" / "theme.md.j2")), "a template the folder lacks, added"
    for other in ("README.md", "notes.txt", "sources/other.txt", "other_report.yaml", ".report.yaml.swp", "report.yaml~",
                  "out/county.docx", "out/.cache/records/ab.json", "watch.log"):
        assert not watched.matter(modified, str(folder / other)), other
    folders, skipped = watched.folders()
    assert str(folder) in folders and str(own_templates) in folders and skipped == []
    assert watched.matter(watchfiles.Change.added, str(own_templates / "briefing")), "a folder on the way to a missing template"
    assert not any(path.startswith(str(folder / "out")) for path in folders), "output and cache folders are never watched"


def spawn(*args: str) -> "Spawned":
    return Spawned([sys.executable, "-m", "report_gen", *args])


class Spawned:
    """A report_gen command in its own process, its lines (stdout and stderr) gathered in a list."""

    def __init__(self, command: list[str]):
        self.process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.said: list[str] = []
        self.reader = threading.Thread(target=lambda: self.said.extend(line.rstrip("\n") for line in self.process.stdout), daemon=True)
        self.reader.start()

    def count(self, start: str) -> int:
        return sum(1 for line in list(self.said) if line.startswith(start))

    def wait_for(self, start: str, count: int = 1) -> None:
        deadline = time.monotonic() + WAIT * 2
        while time.monotonic() < deadline and self.count(start) < count and self.process.poll() is None:
            time.sleep(0.2)
        assert self.count(start) >= count, self.said

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=WAIT)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.reader.join(timeout=10)
        self.process.stdout.close()


QUIET_SECONDS = 8
"""How long watch and serve are left alone to see that neither rebuilds without an edit (a span, not a measured duration)."""


def test_watch_and_serve_side_by_side_stay_idle_and_rebuild_once_after_one_edit(tmp_path):
    data = tmp_path / "data" / "mini.yaml"
    data.parent.mkdir()
    data.write_text(MINI_TEXT, encoding="utf-8")
    (data.parent / "README.md").write_text("notes beside the data\n", encoding="utf-8")
    watcher = spawn("watch", str(data), "--out", str(data.parent / "out"), "--jobs", "1")
    server = spawn("serve", str(data), "--out", str(data.parent / "preview"), "--jobs", "1", "--dpi", "20")
    try:
        watcher.wait_for("built ")
        server.wait_for("built ")
        (data.parent / "README.md").write_text("notes beside the data, edited\n", encoding="utf-8")
        (data.parent / "watch.log").write_text("a log kept beside the data\n", encoding="utf-8")
        time.sleep(QUIET_SECONDS)
        assert (watcher.count("rebuilt "), server.count("rebuilt ")) == (0, 0), (watcher.said, server.said)

        data.write_text(MINI_TEXT.replace("label: 已办结问题", "label: 已经办结的问题"), encoding="utf-8")
        watcher.wait_for("rebuilt ")
        server.wait_for("rebuilt ")
        time.sleep(QUIET_SECONDS)
        assert (watcher.count("rebuilt "), server.count("rebuilt ")) == (1, 1), (watcher.said, server.said)
        assert f"changed: {data}" in watcher.said and f"changed: {data}" in server.said
    finally:
        watcher.stop()
        server.stop()


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_symlink_loop_and_an_unreadable_folder_beside_the_data_are_skipped_not_fatal(tmp_path):
    data = tmp_path / "data" / "mini.yaml"
    data.parent.mkdir()
    data.write_text(MINI_TEXT, encoding="utf-8")
    (data.parent / "deeper").mkdir()
    os.symlink("..", data.parent / "deeper" / "up")
    locked = data.parent / "locked"
    locked.mkdir()
    locked.chmod(0)
    watching = Watching(BuildOptions(data=data, out_dir=tmp_path / "out", jobs=1))
    try:
        watching.until(lambda line: line.startswith("built "))
        time.sleep(0.5)
        os.symlink("loop", data.parent / "loop")  # made while watching: an event for a path that resolves nowhere
        os.symlink("loop_b", data.parent / "loop_a")
        os.symlink("loop_a", data.parent / "loop_b")
        time.sleep(1)
        data.write_text(MINI_TEXT.replace("label: 已办结问题", "label: 已经办结的问题"), encoding="utf-8")
        said = watching.until(lambda line: line.startswith("rebuilt "))
        assert f"changed: {data}" in said
    finally:
        watching.close()
        locked.chmod(0o755)


def test_a_folder_that_cannot_be_watched_is_said_and_skipped(tmp_path):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI_TEXT, encoding="utf-8")
    options = BuildOptions(data=data, out_dir=tmp_path / "out")
    watched = Watched(options)
    reads = Reads()
    reads.missing(tmp_path / "loop" / "theme.md.j2", "template")
    reads.missing(tmp_path / "gone" / "theme.md.j2", "template")
    if hasattr(os, "symlink"):
        os.symlink("loop", tmp_path / "loop")
    watched.follow(reads)
    folders, skipped = watched.folders()
    assert folders == [str(tmp_path)], "the folders that exist and can be read, or the nearest above one not there yet"
    assert watched.matter(watchfiles.Change.added, str(tmp_path / "gone")), "the missing folder appearing is watched for"
    if hasattr(os, "symlink"):
        assert skipped == [f"not watching {tmp_path / 'loop'}/: a symbolic-link loop"]


def test_the_data_file_is_watched_even_when_the_output_folder_is_its_own(tmp_path):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI_TEXT, encoding="utf-8")
    options = BuildOptions(data=data, out_dir=tmp_path)
    watched = Watched(options)
    watched.follow(Reads())
    assert watched.folders()[0] == [str(tmp_path)]
    assert watched.matter(watchfiles.Change.modified, str(data))
    assert not watched.matter(watchfiles.Change.modified, str(tmp_path / "mini.docx"))
    assert not watched.matter(watchfiles.Change.modified, str(tmp_path / ".cache" / "records" / "ab.json"))
