"""Many reports in one command: each data file built into out/<file name>/, one report per worker process.

A city office builds the same briefing for every district it oversees: `build
FOLDER` (or several files) builds them all across the cores, sharing one
cache, and reports each one's result; one bad file is reported with its
problems and the others still build.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional, Sequence, Union

from ..pipeline import cache as caching
from ..errors import DataError, ReportError
from ..pipeline import BuildEvents, BuildOptions, BuildResult, Progress, as_events, build, worker_context, worker_count
from ..pipeline.lifeline import die_with_parent, end_workers
from ..pipeline.workers import forked_from

DATA_SUFFIXES = (".yaml", ".yml")
"""What a data file in a folder ends with."""


@dataclass
class Outcome:
    """How one report of a many-report build went."""

    data: Path
    """The data file."""
    result: Optional[BuildResult] = None
    """What the build wrote; None when it failed."""
    problems: list[str] = field(default_factory=list)
    """Why it failed: every located problem, or one message; empty when it succeeded."""


def is_data_folder(path: Path) -> bool:
    """Say whether a path names a folder of data files (a name ending in .yaml is a data file, even when it is a folder)."""
    return path.is_dir() and path.suffix not in DATA_SUFFIXES


def data_files(paths: Sequence[Path]) -> list[Path]:
    """Return the data files named: files as given, folders as the .yaml/.yml files in them (sorted)."""
    found: list[Path] = []
    for path in paths:
        if is_data_folder(path):
            inside = sorted(p for p in path.iterdir() if p.suffix in DATA_SUFFIXES and p.is_file())
            if not inside:
                raise ReportError(f"{path}: no .yaml data files in this folder")
            found.extend(inside)
        else:
            found.append(path)
    return found


def many_options(template: BuildOptions, files: Sequence[Path]) -> list[BuildOptions]:
    """Return the options of each report of a many-report build: out/<file stem>/, one shared cache."""
    stems: dict[str, Path] = {}
    for file in files:
        if file.stem in stems and stems[file.stem] != file:
            raise ReportError(f"{stems[file.stem]} and {file} would both be built into {template.out_dir / file.stem}/; rename one")
        stems[file.stem] = file
    shared = template.cache_dir if template.cache_dir is not None else caching.cache_dir(template.out_dir)
    return [dataclasses.replace(template, data=file, out_dir=template.out_dir / file.stem, cache_dir=shared) for file in stems.values()]


def build_many(options: Sequence[BuildOptions], progress: Union[Progress, BuildEvents, None] = None, jobs: Optional[int] = None) -> list[Outcome]:
    """Build several reports, one per worker process across the cores; return each one's outcome, in order.

    A report that fails (bad data, a bad template) is reported with its
    problems, and the others still build.
    """
    events = as_events(progress)
    events.begin("reports", len(options))
    workers = min(worker_count(jobs), len(options))
    if workers < 2:
        outcomes = []
        for one in options:
            outcomes.append(_build_one(dataclasses.replace(one, jobs=jobs)))
            events.advance("reports", str(one.data))
        return outcomes
    outcomes_by_file: dict[Path, Outcome] = {}
    context = worker_context()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=die_with_parent, initargs=(forked_from(context),)) as pool:
        try:
            futures = {pool.submit(_build_one, dataclasses.replace(one, jobs=1)): one for one in options}
            for future in as_completed(futures):
                outcome = future.result()
                outcomes_by_file[futures[future].data] = outcome
                events.advance("reports", str(outcome.data))
        except BaseException:  # interrupted: stop the reports being built rather than wait for them
            end_workers(getattr(pool, "_processes", {}).values())
            pool.shutdown(wait=False, cancel_futures=True)
            raise
    return [outcomes_by_file[one.data] for one in options]


def _build_one(options: BuildOptions) -> Outcome:
    """Build one report of many; catch what went wrong so the others go on."""
    try:
        return Outcome(options.data, build(options))
    except DataError as error:
        return Outcome(options.data, problems=[str(problem) for problem in error.problems])
    except ReportError as error:
        return Outcome(options.data, problems=[f"error: {error}"])
    except Exception as error:  # a bug in report_gen: still let the other reports build
        return Outcome(options.data, problems=[f"internal error: {type(error).__name__}: {error}"])
