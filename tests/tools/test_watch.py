"""`watch`: rebuild on every change, say what changed and what was rebuilt, show a data error with its place and go on."""

from __future__ import annotations

import queue
import threading
import time

from tests.helpers import MINI
from report_gen.pipeline import BuildOptions
from report_gen.tools.watch import watch

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


def test_watch_ignores_its_own_outputs_and_other_reports(tmp_path):
    from report_gen.tools.watch import Inputs
    import watchfiles

    data = tmp_path / "mini.yaml"
    data.write_text(MINI_TEXT, encoding="utf-8")
    inputs = Inputs(BuildOptions(data=data, out_dir=tmp_path / "out"))
    modified = watchfiles.Change.modified
    assert inputs.matter(modified, str(data))
    assert inputs.matter(modified, str(tmp_path / "fonts" / "MyFont.ttf")), "a font file beside the data"
    assert not inputs.matter(modified, str(tmp_path / "out" / "mini.docx"))
    assert not inputs.matter(modified, str(tmp_path / "out" / ".cache" / "charts" / "ab" / "manifest.json"))
    assert not inputs.matter(modified, str(tmp_path / "other_report.yaml"))
    assert not inputs.matter(modified, str(tmp_path / ".mini.yaml.swp"))
