"""Measure what a person editing a report feels in `serve`: the time from saving an edit to seeing its new pages.

    python bench/serve_latency.py                     # 5 edits, LibreOffice kept running, then started afresh
    python bench/serve_latency.py --edits 8 --modes warm

Each mode starts `python -m report_gen serve` on a copy of the default data
(data/ with its neighbours, in a temporary folder), waits for the first
build's pages, then, edit after edit, changes one charted figure's label
(back and forth) and polls the page's state (/state) every 50 ms until the
new charts show and until new pages show (every page's address carries a
hash of its bytes, so a page image that changed has a new address). The
times run from the moment the file is saved, the watcher's debounce
included, and each row gives the median, the fastest and the slowest edit; a third row
gives the part of it spent rendering pages (from the render's start, as
the page's state records it, to the new pages).

- warm: LibreOffice kept listening for the session (report_gen.convert.warm);
- cold: every render starts LibreOffice afresh, as where no Python with
  LibreOffice's `uno` module is found (REPORT_GEN_UNO_PYTHON set empty).

At the end of each mode serve is stopped with Ctrl-C, and the script says
whether any LibreOffice process of that serve outlived it.

Not a test: nothing here asserts, and the suite never looks at a duration.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Callable, Optional

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
LABELS = ("short_label: 新增市场主体\n", "short_label: 新登记市场主体\n")
"""The label a bar chart draws under one figure's bar (and the tables print), and what it is changed to; as bench.py."""
MARK = "REPORT_GEN_SERVE_LATENCY"
"""Environment variable marking the processes of one serve, to find any left behind."""
POLL_SECONDS = 0.05
WAIT_SECONDS = 300.0
"""How long to wait for a build or a render before giving up on the run."""


def state(url: str) -> dict:
    with urllib.request.urlopen(url + "state", timeout=30) as answer:
        return json.loads(answer.read())


def wait_until(url: str, done: Callable[[dict], bool]) -> Optional[dict]:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        now = state(url)
        if done(now):
            return now
        time.sleep(POLL_SECONDS)
    return None


def marked_processes(mark: str) -> list[str]:
    """Return the command lines of running processes whose environment carries the mark (Linux only)."""
    found = []
    for folder in Path("/proc").glob("[0-9]*"):
        try:
            if f"{MARK}={mark}".encode() in (folder / "environ").read_bytes().split(b"\0"):
                found.append((folder / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip())
        except OSError:
            continue
    return found


def start(data: Path, out: Path, env: dict) -> tuple[subprocess.Popen, str]:
    process = subprocess.Popen([sys.executable, "-m", "report_gen", "serve", str(data), "--out", str(out)],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines: "queue.Queue[str]" = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    first = lines.get(timeout=120)
    return process, first.split(" at ")[1].split()[0]


def run_mode(mode: str, edits: int) -> dict:
    """Serve a copy of the default data, edit it `edits` times; return each edit's seconds to new charts and new pages."""
    mark = uuid.uuid4().hex
    env = {**os.environ, MARK: mark, "PYTHONPATH": str(ROOT)}
    if mode == "cold":
        env["REPORT_GEN_UNO_PYTHON"] = ""
    with tempfile.TemporaryDirectory(prefix="report_gen_latency_") as scratch:
        folder = Path(scratch) / "data"
        shutil.copytree(DATA_DIR, folder)
        data = folder / "beibei.yaml"
        text = data.read_text(encoding="utf-8")
        assert LABELS[0] in text, "the label bench/serve_latency.py edits is no longer in the default data"
        process, url = start(data, Path(scratch) / "out", env)
        charts, pages, renders = [], [], []
        try:
            first = wait_until(url, lambda s: s["render"]["state"] == "done" and s["pages"]["deck"])
            if first is None:
                raise SystemExit(f"{mode}: the first pages never showed")
            for number in range(edits):
                before = state(url)
                old, new = LABELS[number % 2], LABELS[(number + 1) % 2]
                text = text.replace(old, new)
                saved = time.monotonic()
                data.write_text(text, encoding="utf-8")
                shown = wait_until(url, lambda s: s["charts"] != before["charts"] and s["status"] == "ok")
                charts.append(time.monotonic() - saved)
                running = wait_until(url, lambda s: s["render"]["state"] == "running" or s["pages"] != before["pages"])
                started = (running or {}).get("render", {}).get("started")
                shown = wait_until(url, lambda s: s["pages"] != before["pages"] and s["render"]["state"] == "done")
                if shown is None:
                    raise SystemExit(f"{mode}: edit {number + 1}'s pages never showed")
                pages.append(time.monotonic() - saved)
                if started:
                    renders.append(time.time() - started)
                time.sleep(1.0)  # let the machine settle between edits
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)
        time.sleep(2.0)
        left = marked_processes(mark) if Path("/proc/self/environ").exists() else []
    return {"mode": mode, "charts": charts, "pages": pages, "renders": renders, "left": left}


def row(name: str, seconds: list[float]) -> str:
    return (f"| {name} | {len(seconds)} | {statistics.median(seconds):.1f} | {min(seconds):.1f} | {max(seconds):.1f} |")


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5, help="edits per mode (default 5)")
    parser.add_argument("--modes", default="warm,cold", help="comma-separated: warm, cold (default both)")
    arguments = parser.parse_args(argv)
    results = [run_mode(mode.strip(), arguments.edits) for mode in arguments.modes.split(",") if mode.strip()]
    print("| serve, one label edited | edits | median (s) | fastest (s) | slowest (s) |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for result in results:
        print(row(f"{result['mode']}: saved → new charts", result["charts"]))
        print(row(f"{result['mode']}: saved → new pages", result["pages"]))
        if result["renders"]:
            print(row(f"{result['mode']}: of which LibreOffice and pdftoppm (render started → new pages)", result["renders"]))
    for result in results:
        each = ", ".join(f"{seconds:.1f}" for seconds in result["pages"])
        print(f"{result['mode']}: new pages after {each} s; processes left after Ctrl-C: {len(result['left'])}"
              + "".join(f"\n  {line}" for line in result["left"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
