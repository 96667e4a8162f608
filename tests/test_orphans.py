"""A build killed from outside leaves no process of it behind: its chart workers, its briefing's fork, its batch workers.

Each test runs a real `build` in a session of its own, with the work that
its workers do replaced by a long sleep (so they are surely running when the
build is killed), waits until the workers exist, sends the build SIGKILL,
which no clean-up code can catch, and then finds every process of that
session gone within a few seconds (`pipeline/lifeline.py`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import MINI, ROOT

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists() or not hasattr(os, "fork"),
                                reason="needs fork and /proc to find a session's processes")

SLEEPING = {
    "charts": "import report_gen.charts as target; target.render_planned = sleep",
    "briefing": "import report_gen.pipeline.documents as target; target._make_briefing = sleep",
    "batch": "import report_gen.tools.batch as target; target.build = sleep",
}
"""Whose work each build's workers do instead: sleep, far longer than the test waits."""

DRIVER = """
import os, sys, time
from pathlib import Path
def sleep(*args, **kwargs):
    Path(sys.argv[1], str(os.getpid())).touch()  # this worker is running: the test may kill the build
    time.sleep(600)
{patch}
from report_gen.cli import main
sys.exit(main(sys.argv[2:]))
"""


def session_processes(session: int) -> dict[int, str]:
    """Return the processes of a session that are still running (not zombies), with their state."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, session_id = fields[0], int(fields[3])
        if session_id == session and state not in ("Z", "X"):
            found[int(entry.name)] = state
    return found


def wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return condition()


@pytest.mark.parametrize("work, workers", [("charts", 2), ("briefing", 1), ("batch", 2)])
def test_a_build_killed_mid_way_leaves_no_process_behind(work, workers, tmp_path):
    data = [str(MINI)] if work != "batch" else [str(MINI), str(tmp_path / "second.yaml")]
    if work == "batch":
        (tmp_path / "second.yaml").write_bytes(MINI.read_bytes())
    running = tmp_path / "running"
    running.mkdir()
    command = [sys.executable, "-c", DRIVER.format(patch=SLEEPING[work]), str(running), "build", *data,
               "--out", str(tmp_path / "out"), "--jobs", "2", "--no-cache", "--quiet"]
    environment = dict(os.environ, PYTHONPATH=str(ROOT))
    build = subprocess.Popen(command, cwd=ROOT, env=environment, start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        started = wait_for(lambda: len(list(running.iterdir())) >= workers or build.poll() is not None, 120)
        assert started and build.poll() is None, f"the build ended before its workers ran: {build.stderr.read()!r}"
        children = set(session_processes(build.pid)) - {build.pid}
        build.send_signal(signal.SIGKILL)
        build.wait(10)
        assert wait_for(lambda: not session_processes(build.pid), 10), (
            f"left running after the build was killed: {session_processes(build.pid)} (its workers were {children})"
        )
    finally:
        for pid in session_processes(build.pid):
            os.kill(pid, signal.SIGKILL)
        if build.poll() is None:
            build.kill()
        build.stderr.close()
