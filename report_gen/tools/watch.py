"""Rebuild whenever the data file, the templates or what the data names (fonts, a .pptx template) change.

`rebuilds` is the loop `watch` prints and `serve` shows in the browser: one
build at the start, then one after each batch of changes that watchfiles
reports (the operating system's file events, not polling). A build that fails
on bad data is reported with every problem located, and the loop goes on; the
cache (report_gen.pipeline.cache) makes each rebuild redo only what the change touched.
"""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

import watchfiles

from ..errors import DataError, ReportError
from ..narrative.environment import TEMPLATES_DIR
from ..pipeline import BuildOptions, BuildResult, build
from ..pipeline import cache as caching

DATA_SUFFIXES = (".yaml", ".yml")
DEBOUNCE_MS = 300
"""How long a burst of file events (an editor's save) is gathered into one rebuild."""


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

    def lines(self) -> list[str]:
        """Return what to print about this build: what changed, then its summary or its problems."""
        said = [f"changed: {', '.join(str(path) for path in self.changed)}"] if self.changed else []
        if self.result is not None:
            return said + [f"rebuilt {self.result.summary()}" if self.changed else f"built {self.result.summary()}"]
        count = sum(1 for line in self.problems if not line.startswith("error:"))
        tail = f"{count} problem{'s' if count != 1 else ''} found" if count else "build failed"
        return said + self.problems + [f"{tail} in {self.seconds:.1f} s; the last good outputs are kept; watching for the next change"]


class Inputs:
    """What a build reads that a user edits: the data file, its folder (fonts, templates beside it), the template folders."""

    def __init__(self, options: BuildOptions):
        self.data = options.data.resolve()
        self.template_dirs = [folder.resolve() for folder in (options.templates_dir, TEMPLATES_DIR) if folder is not None and folder.is_dir()]
        cache = options.cache_dir if options.cache_dir is not None else caching.cache_dir(options.out_dir)
        self.ignored = [options.out_dir.resolve(), Path(cache).resolve()]

    def folders(self) -> list[Path]:
        """Return the folders to watch (recursively)."""
        return [self.data.parent, *self.template_dirs]

    def matter(self, change: watchfiles.Change, name: str) -> bool:
        """Say whether a changed file is one a build reads (not an output, a temporary file, or another report's data)."""
        path = Path(name).resolve()
        if any(path.is_relative_to(folder) for folder in self.ignored):
            return False
        if path.name.startswith(".") or path.name.endswith((".tmp", "~", ".swp")):
            return False
        if path == self.data or any(path.is_relative_to(folder) for folder in self.template_dirs):
            return True
        return path.is_relative_to(self.data.parent) and path.suffix not in DATA_SUFFIXES


def build_once(options: BuildOptions, changed: Sequence[Path] = (), progress=None) -> Rebuild:
    """Build, catching a user's mistake so the loop can go on; return what came of it."""
    started = time.perf_counter()
    outcome = Rebuild(changed=list(changed))
    try:
        outcome.result = build(options, progress)
    except DataError as error:
        outcome.problems = [str(problem) for problem in error.problems]
    except ReportError as error:
        outcome.problems = [f"error: {error}"]
    except Exception as error:  # a bug in report_gen: say so, and keep watching for the next change
        outcome.problems = [f"error: internal error: {type(error).__name__}: {error} (run `build --verbose` for details)"]
    outcome.seconds = time.perf_counter() - started
    return outcome


def rebuilds(options: BuildOptions, stop: Optional[threading.Event] = None, progress=None) -> Iterator[Rebuild]:
    """Yield a first build, then a rebuild after each change to the inputs, until `stop` is set (or Ctrl+C)."""
    inputs = Inputs(options)
    yield build_once(options, progress=progress)
    changes = watchfiles.watch(
        *inputs.folders(), watch_filter=inputs.matter, debounce=DEBOUNCE_MS, stop_event=stop, raise_interrupt=False,
    )
    for batch in changes:
        # An editor's or sed's temporary file comes and goes within the batch: name only what is still there.
        changed = sorted({_shown(Path(name)) for _, name in batch if Path(name).exists() or Path(name).resolve() == inputs.data})
        if changed:
            yield build_once(options, changed, progress)


def _shown(path: Path) -> Path:
    """Return a path relative to the working folder when it lies inside it, as the user typed it."""
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def watch(options: BuildOptions, say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
          stop: Optional[threading.Event] = None, quiet: bool = False) -> None:
    """Build, then rebuild on every change to the inputs, saying what changed, what was rebuilt and how long it took."""
    inputs = Inputs(options)
    say(f"watching {', '.join(str(_shown(folder)) for folder in inputs.folders())} (Ctrl+C stops)")
    for outcome in rebuilds(options, stop):
        for line in outcome.lines():
            if not quiet or outcome.result is None:
                say(line)
        if outcome.result is not None and not quiet:
            for warning in outcome.result.warnings if not outcome.changed else ():
                say(f"warning: {warning}")
    say("stopped watching")
