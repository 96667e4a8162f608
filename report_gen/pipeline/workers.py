"""Charts drawn in worker processes across the cores, each from the cache when nothing it depends on changed."""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sys
import threading
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from typing import TYPE_CHECKING, Any, Iterator, Mapping, NamedTuple, Optional, Sequence, Union

from . import cache as caching
from .lifeline import die_with_parent, end_workers

from .options import BuildEvents
if TYPE_CHECKING:
    from ..charts import Placement, RenderedChart
    from ..data.style import ChartStyle
    from ..fonts.chart_font import CjkFont
    from ..plan import Plan


POOL_THRESHOLD = 2
"""Fewest charts to draw for which starting worker processes pays off; fewer are drawn in this process."""


HEAVY_MODULES = ["report_gen.charts", "report_gen.briefing", "report_gen.deck"]
"""Modules a worker server imports once, so each worker it forks starts with them loaded."""


Placements = Union["Placement", Mapping[str, "Placement"]]
"""Where charts are drawn: one placement for every chart, or a placement for each chart named."""


class _ChartWork(NamedTuple):
    role: str
    chart_id: str
    placement: "Placement"
    svg: bool
    key: str


def draw_charts(
    plan: "Plan",
    style: "ChartStyle",
    font: "CjkFont",
    placements: Sequence[tuple[str, Placements, bool]],
    cache: caching.Cache,
    events: BuildEvents = BuildEvents(),
    jobs: Optional[int] = None,
    font_digest: Optional[str] = None,
) -> tuple[dict[str, dict[str, "RenderedChart"]], dict[str, dict[str, str]]]:
    """Draw the charts of each role (briefing, slide), reusing cached ones; return them and their keys, by role and chart id.

    `plan` is the report's plan (each chart with its figures and sources),
    `style` the report's chart style.
    Each role gives one placement for every chart or a placement for each chart
    it names, and whether an SVG is drawn too. Charts not in the cache are drawn
    in worker processes (at most `jobs`, None: one per core) when there are
    enough of them to pay for starting the workers. The bytes are the same
    however they were drawn. `font_digest` is the sha256 of the font file as
    the build's reader recorded it (None: hashed here).
    """
    font_key = caching.font_key(font.family, font_digest if font_digest is not None else caching.file_digest(font.path))
    work = []
    for role, placement, svg in placements:
        each = placement if isinstance(placement, Mapping) else {chart_id: placement for chart_id in plan.charts}
        for chart_id, planned in plan.charts.items():
            if chart_id in each:
                key = caching.chart_key(planned, style, font_key, each[chart_id], svg)
                work.append(_ChartWork(role, chart_id, each[chart_id], svg, key))
    events.begin("charts", len(work))
    done: dict[_ChartWork, RenderedChart] = {}
    missing = []
    for item in work:
        found = cache.get("charts", item.key)
        if found is None:
            missing.append(item)
            continue
        done[item] = _chart_from_entry(*found)
        events.advance("charts", f"{item.chart_id} ({item.role})", reused=True)
    for item, chart in _render(plan, font, missing, jobs):
        done[item] = chart
        cache.put("charts", item.key, *_chart_entry(chart))
        events.advance("charts", f"{item.chart_id} ({item.role})")
    drawn: dict[str, dict[str, RenderedChart]] = {role: {} for role, _, _ in placements}
    keys: dict[str, dict[str, str]] = {role: {} for role, _, _ in placements}
    for item in work:
        drawn[item.role][item.chart_id] = done[item]
        keys[item.role][item.chart_id] = item.key
    return drawn, keys


def _render(plan: "Plan", font: "CjkFont", work: list[_ChartWork], jobs: Optional[int]) -> Iterator[tuple[_ChartWork, "RenderedChart"]]:
    """Yield each chart of `work` as it is drawn: here, or across worker processes when there are enough."""
    workers = min(worker_count(jobs), len(work))
    if workers < 2 or len(work) < POOL_THRESHOLD:
        # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
        from .. import charts

        for item in work:
            yield item, charts.render_planned(plan.charts[item.chart_id], font, item.placement, item.svg)
        return
    context = worker_context(["report_gen.charts"])
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_chart_worker, initargs=(plan, font, forked_from(context)))
    try:
        # The slide charts take longest; hand them out first so no worker is left with a long one at the end.
        order = sorted(work, key=lambda item: -item.placement.width_mm * item.placement.height_mm * item.placement.dpi)
        futures: dict[Future, _ChartWork] = {
            pool.submit(_draw_in_worker, item.chart_id, item.placement, item.svg): item for item in order
        }
        for future in as_completed(futures):
            yield futures[future], future.result()
    except BaseException:  # interrupted, or a chart failed: stop the others now rather than wait for them
        end_workers(getattr(pool, "_processes", {}).values())
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def worker_count(jobs: Optional[int]) -> int:
    """Return how many worker processes to use: `jobs`, or one per core this process may run on."""
    if jobs is not None:
        return max(1, jobs)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_is_safe() -> bool:
    """Tell whether this process may fork workers: on Linux, with no other thread running (a lock held by one would stay held)."""
    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def worker_context(preload: Sequence[str] = HEAVY_MODULES) -> Any:
    """Return how worker processes start.

    On Linux, from a process with a single thread (a plain `build`), by fork:
    the workers begin with everything already loaded, the font registered and
    the report in memory. From a process with threads (watch, serve) fork could
    deadlock, so there they are forked from a server that has loaded `preload`;
    elsewhere they are spawned.
    """
    methods = multiprocessing.get_all_start_methods()
    if fork_is_safe():
        return multiprocessing.get_context("fork")
    if "forkserver" not in methods:
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(preload))
    return context


_worker: dict[str, Any] = {}
"""In a worker process: the report's plan and the registered font, set once when the worker starts."""


def forked_from(context: Any) -> Optional[int]:
    """Return this process's id when `context` forks workers from it (their parent), else None (a fork server is)."""
    return os.getpid() if context.get_start_method() == "fork" else None


def _start_chart_worker(plan: "Plan", font: "CjkFont", parent: Optional[int] = None) -> None:
    """End with the build that started this worker; keep the report's plan and register the chart font."""
    die_with_parent(parent)
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from ..fonts.chart_font import register

    _worker.update(plan=plan, font=register(font))


def _draw_in_worker(chart_id: str, placement: "Placement", svg: bool) -> "RenderedChart":
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from .. import charts

    return charts.render_planned(_worker["plan"].charts[chart_id], _worker["font"], placement, svg)


def _chart_entry(chart: "RenderedChart") -> tuple[dict[str, Any], dict[str, bytes]]:
    """Split a drawn chart into cache metadata (its plain fields) and parts (its images)."""
    meta: dict[str, Any] = {}
    parts: dict[str, bytes] = {}
    for item in dataclasses.fields(chart):
        value = getattr(chart, item.name)
        if isinstance(value, bytes):
            parts[item.name] = value
        else:
            meta[item.name] = value
    return meta, parts


def _chart_from_entry(meta: dict[str, Any], parts: dict[str, bytes]) -> "RenderedChart":
    # Loaded when needed, not at the top: see the package docstring (commands that build nothing stay quick).
    from ..charts import RenderedChart

    return RenderedChart(**meta, **parts)
