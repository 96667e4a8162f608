"""Worker processes that end with the build that started them, however it ends.

A build forks workers: the chart pool, the briefing made beside the deck, the
reports of a many-file build. When the build is killed from outside (a
supervisor's SIGKILL, a timeout), nothing runs its clean-up, and a worker
blocked on a pipe or spinning on a bad template would live on. So each worker
calls `die_with_parent` as it starts:

- on Linux, the kernel sends it SIGKILL when its parent ends
  (`prctl(PR_SET_PDEATHSIG)`), checked once against a parent that ended
  while the worker was starting;
- elsewhere on POSIX, a thread watches the parent's process id and ends the
  worker when the parent is gone (the worker is then adopted by another).

A build that is interrupted (Ctrl-C, SIGTERM) ends its workers itself
(`end_workers`) rather than waiting for what they are drawing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading
from typing import Any, Iterable, Optional

PR_SET_PDEATHSIG = 1
"""prctl's option: the signal a process gets when its parent ends."""

WATCH_SECONDS = 0.5
"""How often the portable watch looks at the parent's process id."""


def _set_death_signal() -> bool:
    """Ask Linux to SIGKILL this process when its parent ends; False where that cannot be asked."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int) -> None:
    stop = threading.Event()
    while not stop.wait(WATCH_SECONDS):
        if os.getppid() != parent:
            os._exit(1)


def die_with_parent(parent: Optional[int] = None) -> None:
    """Make this (worker) process end when its parent does; `parent` is the pid it should have, else its current parent.

    Called first thing in a worker: a parent already gone ends it at once.
    """
    if os.name != "posix":
        return  # Windows spawns workers that multiprocessing ends with their pool
    expected = parent if parent is not None else os.getppid()
    armed = _set_death_signal()
    if os.getppid() != expected:  # the parent ended before the signal was asked for
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch, args=(expected,), name="parent watch", daemon=True).start()


def end_workers(processes: Iterable[Any]) -> None:
    """Stop worker processes now (SIGTERM, then SIGKILL after a second), for a build that is being interrupted."""
    running = [process for process in processes if process is not None and process.is_alive()]
    for process in running:
        process.terminate()
    for process in running:
        process.join(1)
        if process.is_alive():
            process.kill()
            process.join(1)
