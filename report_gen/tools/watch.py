"""Rebuild whenever a file the last build read changes: the data, a spreadsheet it names, a template, a font.

`rebuilds` is the loop `watch` prints and `serve` shows in the browser: one
build at the start, then one after each batch of changes that watchfiles
reports (the operating system's file events, not polling).

What is watched is exactly what the last build read, as its reader
(`report_gen.data.files.Reads`) recorded it: every file read, and every place
a file was looked for and not found (a template the templates folder lacks, a
spreadsheet the data names that is not there yet), so such a file appearing
is a change too. Their folders are watched, not recursively, and only events
for those files count: an editor's swap file, a log written beside the data,
a README or another report's data never start a build, and the output and
cache folders are never watched, even inside the data's folder. A build with
nothing to do writes nothing (see `report_gen.pipeline.stamp`), so `watch`
and `serve` on one report never wake each other.

A build that fails on bad data is reported with every problem located, and
the loop goes on, watching what that build read. A folder that cannot be
watched (unreadable, a symbolic-link loop) is reported and skipped.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

import watchfiles

from ..data.files import Reads, changed_reads
from ..errors import DataError, ReportError
from ..pipeline import BuildOptions, BuildResult, build
from ..pipeline import cache as caching

DEBOUNCE_MS = 300
"""How long a burst of file events (an editor's save) is gathered into one rebuild."""

TICK_MS = 1000
"""How long the watcher waits for events before it looks up again (at a stop, or a watcher just started)."""

RETRY_SECONDS = 2.0
"""How long to wait before watching again after the file watcher itself failed."""


@dataclass
class Rebuild:
    """One build of the watch loop: what changed, and what came of it."""

    changed: list[Path] = field(default_factory=list)
    """The files whose change started this build; empty for the first build."""
    result: Optional[BuildResult] = None
    """What the build wrote; None when it failed."""
    problems: list[str] = field(default_factory=list)
    """Why it failed: each located problem of the data (FILE:LINE: PATH: message), or one message."""
    seconds: float = 0.0
    """Wall time of the build."""
    reads: Reads = field(default_factory=Reads)
    """What the build read (whether it succeeded or not): the files the next change is looked for in."""
    notes: list[str] = field(default_factory=list)
    """What the watcher says about this build's files: those it cannot watch, and why."""

    def lines(self) -> list[str]:
        """Return what to print about this build: what changed, then its summary or its problems."""
        said = [f"changed: {', '.join(str(path) for path in self.changed)}"] if self.changed else []
        if self.result is not None:
            return said + [f"rebuilt {self.result.summary()}" if self.changed else f"built {self.result.summary()}"] + self.notes
        count = sum(1 for line in self.problems if not line.startswith("error:"))
        tail = f"{count} problem{'s' if count != 1 else ''} found" if count else "build failed"
        return said + self.problems + self.notes + [
            f"{tail} in {self.seconds:.1f} s; the last good outputs are kept; watching for the next change"
        ]


class Watched:
    """The files the last build read, the folders holding them, and the folders never watched (output and cache)."""

    def __init__(self, options: BuildOptions):
        self.data = _absolute(options.data)
        cache = options.cache_dir if options.cache_dir is not None else caching.cache_dir(options.out_dir)
        self.ignored = [_absolute(options.out_dir), _absolute(cache)]
        self.files: frozenset[str] = frozenset({self.data})
        self.pending: frozenset[str] = frozenset()
        """Folders not there yet on the way to a watched file (a templates folder's `briefing/`): their appearing is watched for."""

    def follow(self, reads: Reads) -> None:
        """Watch exactly the files a build read (found or not), and the data file; none other in the output or cache folder.

        The data file is watched even where the output folder is its own (`--out .`).
        """
        read = {_absolute(path) for path in reads.paths()}
        self.files = frozenset({self.data} | {file for file in read if not self._ignored(file)})

    def folders(self) -> tuple[list[str], list[str]]:
        """Return the folders to watch (not recursively), and why any folder that is there cannot be watched.

        Each watched file's folder is watched; where that folder is not there
        yet, the nearest one above it that is, for the folder to appear.
        """
        folders: set[str] = set()
        pending: set[str] = set()
        skipped: list[str] = []
        for folder in sorted({os.path.dirname(file) for file in self.files}):
            missing = []
            while not os.path.lexists(folder) and os.path.dirname(folder) != folder:
                missing.append(folder)
                folder = os.path.dirname(folder)
            if self._ignored(folder) and folder != os.path.dirname(self.data):
                continue
            reason = None if folder in folders else _unwatchable(folder)
            if reason is None:
                folders.add(folder)
                pending.update(missing)
            else:
                skipped.append(f"not watching {_shown(Path(folder))}/: {reason}")
        self.pending = frozenset(pending)
        return sorted(folders), skipped

    def matter(self, change: watchfiles.Change, name: str) -> bool:
        """Say whether an event is about a file the last build read, or a folder on the way to one appearing."""
        path = _absolute(name)
        return path in self.files or path in self.pending

    def _ignored(self, path: str) -> bool:
        return any(path == folder or path.startswith(folder.rstrip(os.sep) + os.sep) for folder in self.ignored)


def _absolute(path: str | Path) -> str:
    return os.path.abspath(os.fspath(path))


def _unwatchable(folder: str) -> Optional[str]:
    """Say why a folder cannot be watched (missing, unreadable, a link loop); None when it can."""
    try:
        Path(folder).resolve(strict=True)
    except RuntimeError:  # Python before 3.13 reports a link loop so
        return "a symbolic-link loop"
    except OSError as error:
        if not os.path.lexists(folder):
            return "no such folder"
        return f"cannot be read: {error.strerror or error}"
    if not os.path.isdir(folder):
        return "not a folder"
    if not os.access(folder, os.R_OK | os.X_OK):
        return "cannot be read: permission denied"
    return None


def build_once(options: BuildOptions, changed: Sequence[Path] = (), progress=None) -> Rebuild:
    """Build, catching a user's mistake so the loop can go on; return what came of it and what the build read."""
    started = time.perf_counter()
    outcome = Rebuild(changed=list(changed))
    try:
        outcome.result = build(options, progress, outcome.reads)
    except DataError as error:
        outcome.problems = [str(problem) for problem in error.problems]
    except ReportError as error:
        outcome.problems = [f"error: {error}"]
    except Exception as error:  # a bug in report_gen: say so, and keep watching for the next change
        outcome.problems = [f"error: internal error: {type(error).__name__}: {error} (run `build --verbose` for details)"]
    outcome.seconds = time.perf_counter() - started
    return outcome


def rebuilds(options: BuildOptions, stop: Optional[threading.Event] = None, progress=None,
             say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True)) -> Iterator[Rebuild]:
    """Yield a first build, then a rebuild after each change to what the last build read, until `stop` is set (or Ctrl+C).

    `say` is told when the file watcher itself fails and is started again.
    """
    stop = stop or threading.Event()
    watched = Watched(options)
    outcome = build_once(options, progress=progress)
    said: list[str] = []
    while True:
        watched.follow(outcome.reads)
        notes = watched.folders()[1]
        outcome.notes, said = (notes if notes != said else []), notes
        yield outcome
        if stop.is_set():
            return
        changed = _next_change(watched, outcome.reads, stop, say)
        if changed is None:
            return
        outcome = build_once(options, changed, progress)


def _next_change(watched: Watched, reads: Reads, stop: threading.Event, say: Callable[[str], None]) -> Optional[list[Path]]:
    """Wait for a change to a watched file and return the files changed; None when `stop` is set or on Ctrl+C.

    When the watcher starts, the files are hashed once against what the build
    read, so a save made during the build (before the watcher saw it) is not
    missed. Where no folder can be watched, the files are hashed now and then instead.
    """
    while not stop.is_set():
        folders = watched.folders()[0]
        if not folders:
            stale = _stale(reads)
            if stale:
                return stale
            stop.wait(RETRY_SECONDS)
            continue
        try:
            changes = watchfiles.watch(
                *folders, watch_filter=watched.matter, debounce=DEBOUNCE_MS, stop_event=stop, raise_interrupt=False,
                recursive=False, rust_timeout=TICK_MS, yield_on_timeout=True, ignore_permission_denied=True,
            )
            for number, batch in enumerate(changes):
                stale = _stale(reads) if number == 0 else []
                changed = stale or sorted({_shown(Path(name)) for _, name in batch if _absolute(name) in watched.files})
                if changed:
                    return changed
                if any(_absolute(name) in watched.pending for _, name in batch):
                    break  # a folder on the way to a watched file appeared: watch it, and look at its files
            else:
                return None  # the watcher stopped: `stop` was set, or Ctrl+C
        except (OSError, RuntimeError) as error:  # the watcher itself failed (a folder went away): start it again
            say(f"warning: watching {', '.join(folders)} failed ({error}); watching again")
            stop.wait(RETRY_SECONDS)
    return None


def _stale(reads: Reads) -> list[Path]:
    """Return the files that are no longer as the build read them."""
    return [_shown(Path(path)) for path in sorted(changed_reads(reads.entries()))]


def _shown(path: Path) -> Path:
    """Return a path relative to the working folder when it lies inside it, as the user typed it."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd())
    except ValueError:
        return path


def watch(options: BuildOptions, say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
          stop: Optional[threading.Event] = None, quiet: bool = False) -> None:
    """Build, then rebuild on every change to what the build read, saying what changed, what was rebuilt and how long it took."""
    say(f"watching {_shown(options.data)} and every file its build reads (Ctrl+C stops)")
    for outcome in rebuilds(options, stop, say=say):
        for line in outcome.lines():
            if not quiet or outcome.result is None:
                say(line)
        if outcome.result is not None and not quiet:
            for warning in outcome.result.warnings if not outcome.changed else ():
                say(f"warning: {warning}")
    say("stopped watching")

