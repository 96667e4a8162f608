"""Run one `report_gen build` in this process and say where its time went, stage by stage, as JSON on stdout.

    python bench/stages.py build --deck-length full DATA --out OUT

Each stage is a function of the pipeline, timed (wall and this process's CPU)
around every call: loading the modules, the checks before drawing, resolving
the build, drawing the charts, the briefing, the deck (and, inside it,
building the slides), and writing out/. bench.py runs it once on the
label-changed build with `--jobs 1`, so that nothing runs beside anything
else and the stages add up to the whole. Not a test: nothing here asserts.
"""

from __future__ import annotations

import functools
import json
import sys
import time

STAGES = [
    ("report_gen.preflight", "check_before_drawing", "checks before drawing"),
    ("report_gen.pipeline.build", "resolve", "resolving the build"),
    ("report_gen.pipeline.build", "draw_charts", "drawing the charts"),
    ("report_gen.pipeline.documents", "_make_briefing", "the briefing"),
    ("report_gen.pipeline.documents", "_make_deck", "the deck"),
    ("report_gen.deck.builder", "build_slides", "  the full deck's slides"),
    ("report_gen.deck.builder", "short_slides", "  the short deck's slides"),
    ("report_gen.pipeline.build", "write_changed_atomically", "writing out/"),
]


def main() -> None:
    started, cpu = time.perf_counter(), time.process_time()
    import importlib

    for module, _, _ in STAGES:
        importlib.import_module(module)
    import report_gen.briefing  # noqa: F401  (loaded by the documents when they are made: counted as loading)
    import report_gen.charts.render  # noqa: F401

    spent: dict[str, list[float]] = {"loading the modules": [time.perf_counter() - started, time.process_time() - cpu]}
    for module, name, label in STAGES:
        _time(sys.modules[module], name, label, spent)
    from report_gen.cli import main as cli

    sys.argv = ["report_gen", *sys.argv[1:]]
    try:
        cli()
    except SystemExit as stop:
        if stop.code:
            raise
    spent["whole build"] = [time.perf_counter() - started, time.process_time() - cpu]
    print(json.dumps(spent, ensure_ascii=False))


def _time(module, name: str, label: str, spent: dict[str, list[float]]) -> None:
    function = getattr(module, name)

    @functools.wraps(function)
    def timed(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            total = spent.setdefault(label, [0.0, 0.0])
            total[0] += time.perf_counter() - wall
            total[1] += time.process_time() - cpu

    setattr(module, name, timed)


if __name__ == "__main__":
    main()
