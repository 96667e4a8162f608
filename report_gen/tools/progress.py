"""Progress on a terminal: a bar per counted step of a build (charts, documents, reports), drawn by rich.

In a pipe, under CI, or with --quiet, a build says nothing while it runs; the
command line prints its one-line summary either way (report_gen.cli).
"""

from __future__ import annotations

import os
import sys
from typing import Optional, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from ..pipeline import BuildEvents

def wants_progress(stream: TextIO, quiet: bool = False) -> bool:
    """Say whether to draw progress: on a terminal, not under CI, not with --quiet."""
    return not quiet and stream.isatty() and not os.environ.get("CI")


class TerminalProgress(BuildEvents):
    """Build events drawn as rich progress bars that vanish when the build is done; use it as a context manager."""

    def __init__(self, stream: Optional[TextIO] = None):
        self.console = Console(file=stream or sys.stderr)
        self.bars = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[last]}", style="dim"),
            TimeElapsedColumn(),
            console=self.console,
            transient=True,
            auto_refresh=False,  # no refresh thread: a build with one thread can fork its workers
        )
        self.tasks: dict[str, TaskID] = {}

    def __enter__(self) -> "TerminalProgress":
        self.bars.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.bars.stop()

    def stage(self, text: str) -> None:
        self.bars.console.print(text, style="dim", highlight=False)
        self.bars.refresh()

    def begin(self, task: str, total: int) -> None:
        self.tasks[task] = self.bars.add_task(task, total=total, last="")
        self.bars.refresh()

    def advance(self, task: str, item: str, reused: bool = False) -> None:
        if task in self.tasks:
            self.bars.update(self.tasks[task], advance=1, last=f"{item}{' (cached)' if reused else ''}")
            self.bars.refresh()
