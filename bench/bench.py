"""Benchmark report_gen against a straight-line script doing the same job, and print the table the README quotes.

    python bench/bench.py                          # 3 rounds; default data, 10× data, 20 files
    python bench/bench.py --repeat 5 --scales 1,10,100 --output bench/results.md

Every run is a fresh process started from the repository root. Runs are
interleaved, round after round (straight-line, cold, label changed, no-op,
validate, … then again), so a busy machine weighs on every row alike, and
each figure is the median over the rounds of:

- wall time;
- CPU time of the process and every process it started (worker processes
  included: this script makes itself their reaper, so their time is counted);
- peak memory: the largest sum of proportional set sizes over the process
  tree (PSS: a page shared by n processes counts 1/n in each, so what forked
  workers share with their parent counts once), sampled every 20 ms.

Each report_gen row is also shown as a ratio to the straight-line script of
the same size measured in the same rounds. The targets are issue 10's. What
runs (the data is made by bench/synthesize.py in a temporary folder):

- straight-line: bench/baseline.py, plain matplotlib, python-docx and python-pptx;
- cold: `build --deck-length full` (every chart on a slide, as the script
  does) with an empty cache; every report_gen build here is a full-deck one;
- label changed: `build` after one charted figure's label changed, the cache
  warm from the previous data;
- no-op: `build` again with nothing changed;
- validate: `validate` alone;
- N×: cold builds (and the straight-line script) of data N times the default;
- files: 20 variant files built by one `build FOLDER`, and one after another
  by 20 `build FILE` commands.

After the table, where the time of one label-changed build goes, stage by
stage (bench/stages.py: loading the modules, the checks, the charts, the
briefing, the deck, writing), from one more run with `--jobs 1`
(`--no-stages` leaves it out).

Not a test: nothing here asserts, and the suite never looks at a duration.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import synthesize  # noqa: E402  (beside this script, not a package)

DEFAULT_DATA = ROOT / "data" / "beibei.yaml"
CHARTED_FIGURE_LABEL = ("short_label: 新增市场主体\n", "short_label: 新登记市场主体\n")
"""The label a bar chart draws under one figure's bar, and what it is changed to."""
SAMPLE_SECONDS = 0.02
TARGETS = {"cold": "≤ 0.6", "label": "≤ 0.3", "noop": "≤ 0.1", "validate": "≤ 0.1", "one_command": "≤ 0.6 of one after another"}


@dataclass
class Run:
    wall: float
    cpu: float
    peak: int


@dataclass
class Scenario:
    """One row: what to run (one or more commands in turn) and what to do first, untimed."""

    name: str
    title: str
    commands: Callable[[], list[list[str]]]
    setup: Callable[[], None] = lambda: None
    heavy: bool = False
    """A row of big data or many files: run in the first --heavy-repeat rounds only."""
    runs: list[Run] = field(default_factory=list)

    def median(self, attribute: str) -> float:
        return statistics.median(getattr(run, attribute) for run in self.runs)


def become_subreaper() -> None:
    """Adopt orphaned descendants (multiprocessing's fork server), so their CPU time reaches RUSAGE_CHILDREN."""
    if sys.platform.startswith("linux"):
        PR_SET_CHILD_SUBREAPER = 36
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def reap() -> None:
    """Wait for every adopted descendant that is still running or unreaped."""
    while True:
        try:
            os.waitpid(-1, 0)
        except ChildProcessError:
            return


def children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(commands: list[list[str]]) -> Run:
    """Run commands one after another; return wall and CPU time summed, and the peak memory of any one."""
    wall = cpu = 0.0
    peak = 0
    for command in commands:
        reap()  # what earlier commands left (a fork server still exiting) counts for them, not this one
        before = children_cpu()
        started = time.perf_counter()
        process = psutil.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while process.poll() is None:
            peak = max(peak, tree_memory(process))
            time.sleep(SAMPLE_SECONDS)
        wall += time.perf_counter() - started
        stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        reap()
        cpu += children_cpu() - before
        if process.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr}")
    return Run(wall, cpu, peak)


def tree_memory(process: psutil.Process) -> int:
    """Return the memory a process tree holds: the sum of its members' proportional set sizes.

    PSS counts a page shared by n processes as 1/n in each, so the pages a
    forked worker shares with its parent count once in the sum, as they take
    memory once. Where PSS cannot be read (not Linux), resident set sizes are
    summed, which counts shared pages once per process.
    """
    total = 0
    try:
        family = [process] + process.children(recursive=True)
    except psutil.Error:
        return 0
    for member in family:
        try:
            total += member.memory_full_info().pss
        except (psutil.Error, AttributeError):
            try:
                total += member.memory_info().rss
            except psutil.Error:
                pass
    return total


def chart_font() -> str:
    """Return the font file report_gen draws with, so the straight-line script draws with the same one."""
    found = subprocess.run(
        [sys.executable, "-c", "from report_gen.fonts.chart_font import find_cjk_font; print(find_cjk_font().path)"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    return found.stdout.strip()


def scenarios(work: Path, scales: list[int], files: int) -> list[Scenario]:
    python = sys.executable
    font = chart_font()
    # The full deck: every chart on a slide of its own, the job the straight-line script does (the default short
    # deck draws fewer, smaller slide pictures).
    build = [python, "-m", "report_gen", "build", "--quiet", "--deck-length", "full"]
    fresh = lambda name: str(_fresh(work / name))  # noqa: E731

    data = work / "one" / "beibei.yaml"
    data.parent.mkdir(parents=True)
    shutil.copyfile(DEFAULT_DATA, data)
    warm = work / "warm"
    subprocess.run(build + [str(data), "--out", str(warm)], cwd=ROOT, check=True)
    noop_out = work / "noop"
    shutil.copytree(warm, noop_out)
    subprocess.run(build + [str(data), "--out", str(noop_out)], cwd=ROOT, check=True)
    changed = work / "changed" / "beibei.yaml"

    def label_setup() -> None:
        shutil.rmtree(changed.parent, ignore_errors=True)
        shutil.copytree(warm, changed.parent / "out")
        text = DEFAULT_DATA.read_text(encoding="utf-8")
        assert CHARTED_FIGURE_LABEL[0] in text
        changed.write_text(text.replace(*CHARTED_FIGURE_LABEL), encoding="utf-8")

    rows = [
        Scenario("baseline_1", "straight-line script", lambda: [[python, "bench/baseline.py", str(data), font, fresh("bl")]]),
        Scenario("cold", "report_gen, cold (empty cache)", lambda: [build + [str(data), "--out", fresh("cold")]]),
        Scenario("label", "report_gen, one figure's label changed", lambda: [build + [str(changed), "--out", str(changed.parent / "out")]], label_setup),
        Scenario("noop", "report_gen, nothing changed", lambda: [build + [str(data), "--out", str(noop_out)]]),
        Scenario("validate", "report_gen validate", lambda: [[python, "-m", "report_gen", "validate", str(data)]]),
    ]
    raw = synthesize.yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8"))
    for scale in [s for s in scales if s != 1]:
        scaled = work / f"x{scale}" / "beibei.yaml"
        synthesize.write(synthesize.scaled(raw, scale), scaled)
        rows.append(Scenario(f"baseline_{scale}", f"straight-line script, {scale}× data", lambda s=scaled, n=scale: [[python, "bench/baseline.py", str(s), font, fresh(f"bl{n}")]], heavy=True))
        rows.append(Scenario(f"cold_{scale}", f"report_gen, cold, {scale}× data", lambda s=scaled, n=scale: [build + [str(s), "--out", fresh(f"cold{n}")]], heavy=True))
    if files:
        folder = work / "districts"
        for index in range(1, files + 1):
            synthesize.write(synthesize.variant(raw, index), folder / f"district_{index:02d}.yaml")
        each = sorted(folder.glob("*.yaml"))
        rows.append(Scenario("one_by_one", f"{files} files, one `build FILE` after another", lambda: [build + [str(f), "--out", fresh(f"seq/{f.stem}")] for f in each], heavy=True))
        rows.append(Scenario("one_command", f"{files} files, one `build FOLDER`", lambda: [build + [str(folder), "--out", fresh("many")]], heavy=True))
    return rows


def _fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def table(rows: list[Scenario], scales: list[int], files: int) -> str:
    by = {row.name: row for row in rows}
    mb = lambda row: f"{row.median('peak') / 2**20:.0f}"  # noqa: E731
    lines = [
        "| run | wall (s) | CPU (s) | peak memory (MB) | wall ÷ straight-line | target |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        base = by.get(f"baseline_{row.name.split('_')[-1]}") if row.name.startswith("cold_") else by["baseline_1"]
        if row.name.startswith("baseline") or row.name in ("one_by_one", "one_command"):
            ratio = "1.00" if row.name.startswith("baseline") else ""
        else:
            ratio = f"{row.median('wall') / base.median('wall'):.2f}"
        target = TARGETS.get(row.name, "")
        if row.name == "one_command" and "one_by_one" in by:
            ratio = f"{row.median('wall') / by['one_by_one'].median('wall'):.2f} of one after another"
            target = "≤ 0.6"
        lines.append(f"| {row.title} | {row.median('wall'):.2f} | {row.median('cpu'):.2f} | {mb(row)} | {ratio} | {target} |")
    lines += [
        "",
        "| data | charts | straight-line per chart, wall / CPU (ms) | report_gen cold per chart, wall / CPU (ms) | straight-line peak memory ÷ 1× | report_gen peak memory ÷ 1× |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    per_chart = lambda row, charts: f"{row.median('wall') / charts * 1000:.0f} / {row.median('cpu') / charts * 1000:.0f}"  # noqa: E731
    for scale in scales:
        cold = by["cold"] if scale == 1 else by[f"cold_{scale}"]
        charts = 16 * scale
        lines.append(
            f"| {scale}× | {charts} | {per_chart(by[f'baseline_{scale}'], charts)} | {per_chart(cold, charts)} "
            f"| {by[f'baseline_{scale}'].median('peak') / by['baseline_1'].median('peak'):.2f} "
            f"| {cold.median('peak') / by['cold'].median('peak'):.2f} |"
        )
    return "\n".join(lines)


def stages(label: Scenario) -> dict[str, list[float]]:
    """Run the label-changed build once more under bench/stages.py, with --jobs 1; return its time by stage."""
    label.setup()
    command = label.commands()[0]
    at = command.index("build")
    found = subprocess.run([sys.executable, "bench/stages.py", *command[at:], "--jobs", "1"], cwd=ROOT, capture_output=True,
                           text=True, check=True)
    return json.loads(found.stdout.strip().splitlines()[-1])


def stages_table(label: Scenario, spent: dict[str, list[float]]) -> str:
    """Return where the label-changed build's time goes, stage by stage (one run, nothing beside anything else)."""
    lines = [
        "Where the time of one label-changed build goes (one run under bench/stages.py, `--jobs 1`: the two charts "
        "and the briefing are not made beside the deck, as they are in the rows above):",
        "",
        "| stage | wall (s) | CPU (s) |",
        "| --- | ---: | ---: |",
    ]
    for stage, (wall, cpu) in spent.items():
        lines.append(f"| {stage} | {wall:.2f} | {cpu:.2f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="rounds of interleaved runs (default: 3)")
    parser.add_argument("--heavy-repeat", type=int, default=1, metavar="N", help="rounds that also run the big-data and many-files rows (default: 1)")
    parser.add_argument("--scales", default="1,10", help="data sizes, as multiples of the default (default: 1,10)")
    parser.add_argument("--files", type=int, default=20, metavar="N", help="files for the many-files rows; 0 leaves them out (default: 20)")
    parser.add_argument("--no-stages", dest="stages", action="store_false",
                        help="leave out the table of where the label-changed build's time goes")
    parser.add_argument("--output", type=Path, metavar="FILE", help="also write the table to FILE")
    args = parser.parse_args()
    scales = sorted({1, *(int(s) for s in args.scales.split(","))})
    become_subreaper()
    with tempfile.TemporaryDirectory(prefix="report_gen_bench_") as scratch:
        rows = scenarios(Path(scratch), scales, args.files)
        label = next(row for row in rows if row.name == "label")
        args.stages_of = (label, stages(label)) if args.stages else ()
        for round_number in range(1, args.repeat + 1):
            for row in rows:
                if row.heavy and round_number > args.heavy_repeat:
                    continue
                row.setup()
                run = measure(row.commands())
                row.runs.append(run)
                print(f"round {round_number}: {row.title}: {run.wall:.2f} s wall, {run.cpu:.2f} s CPU, {run.peak / 2**20:.0f} MB", file=sys.stderr, flush=True)
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    heavy = min(args.heavy_repeat, args.repeat)
    heading = (
        f"Medians of {args.repeat} interleaved rounds ({heavy} for the big-data and many-files rows) "
        f"on {cpus} cores, Python {sys.version.split()[0]}:\n\n"
    )
    text = heading + table(rows, scales, args.files)
    if args.stages:
        text += "\n\n" + stages_table(*args.stages_of)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
