"""Time a build of the default data and measure its peak memory, beside a baseline run.

Each run is a fresh Python process that imports report_gen and calls the
command line's `build` once, so imports, font discovery and caches count
alike on both sides. Runs alternate (current, baseline, current, ...) so
that a busy machine weighs on both; the median time and the largest peak
are reported, with the ratio current / baseline.

    python bench/bench_build.py                          # baseline: the same build with --only docx
    python bench/bench_build.py --baseline HEAD~3        # baseline: another git revision, same data
    python bench/bench_build.py --repeat 5 --tracemalloc # also Python's own peak allocation (slower)

Peak memory is the process's maximum resident set (getrusage); with
--tracemalloc, also the peak of memory allocated through Python, which
leaves out what the C libraries hold. Not a test: nothing here asserts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT / "data" / "beibei.yaml"

CHILD = r"""
import json, os, sys, tempfile, time
root, data, extra, trace = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), sys.argv[4] == "1"
sys.path.insert(0, root)
os.chdir(root)
if trace:
    import tracemalloc
    tracemalloc.start()
started = time.perf_counter()
from report_gen.cli import main
with tempfile.TemporaryDirectory() as out:
    status = main(["build", data, "--out", out, "--quiet", *extra])
seconds = time.perf_counter() - started
peak_python = tracemalloc.get_traced_memory()[1] if trace else None
try:
    import resource
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    rss_bytes = rss if sys.platform == "darwin" else rss * 1024
except ImportError:  # Windows
    rss_bytes = None
print(json.dumps({"status": status, "seconds": seconds, "rss": rss_bytes, "python": peak_python}))
"""


@dataclass
class Side:
    """One side of the comparison: which code, which data, which extra flags."""

    label: str
    root: Path
    data: Path
    extra: list[str]


@dataclass
class Run:
    seconds: float
    rss: int | None
    python: int | None


def run_once(side: Side, trace: bool) -> Run:
    finished = subprocess.run(
        [sys.executable, "-c", CHILD, str(side.root), str(side.data), json.dumps(side.extra), "1" if trace else "0"],
        capture_output=True, text=True,
    )
    lines = finished.stdout.strip().splitlines()
    if finished.returncode != 0 or not lines:
        sys.exit(f"{side.label}: the build process failed:\n{finished.stderr[-2000:]}")
    result = json.loads(lines[-1])
    if result["status"] != 0:
        sys.exit(f"{side.label}: build exited {result['status']}:\n{finished.stderr[-2000:]}")
    return Run(result["seconds"], result["rss"], result["python"])


def export_revision(revision: str, into: Path) -> Path:
    """Write the tree of a git revision into a folder (git archive: the repository's state is not touched)."""
    archive = into / "tree.tar"
    with archive.open("wb") as stream:
        subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", revision], stdout=stream, check=True)
    tree = into / "tree"
    with tarfile.open(archive) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(tree, filter="data")
        else:  # Python without extraction filters; the archive is our own repository's
            tar.extractall(tree)
    return tree


def megabytes(value: int | None) -> str:
    return "-" if value is None else f"{value / 1024 / 1024:.0f}"


def ratio(a: float | None, b: float | None) -> str:
    return "-" if not a or not b else f"{a / b:.2f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA, help="data file (default: data/beibei.yaml)")
    parser.add_argument("--baseline", default="docx-only", metavar="REV",
                        help="'docx-only' (the same build with --only docx, the default) or a git revision to compare against")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="runs of each side (default: 3)")
    parser.add_argument("--tracemalloc", action="store_true", help="also measure Python's peak allocation (slows the runs)")
    args = parser.parse_args(argv)
    data = args.data.resolve()

    with tempfile.TemporaryDirectory(prefix="report_gen_bench_") as scratch:
        current = Side("current", ROOT, data, [])
        if args.baseline == "docx-only":
            baseline = Side("baseline: --only docx", ROOT, data, ["--only", "docx"])
        else:
            tree = export_revision(args.baseline, Path(scratch))
            baseline = Side(f"baseline: {args.baseline}", tree, data, [])
        runs: dict[str, list[Run]] = {current.label: [], baseline.label: []}
        for index in range(args.repeat):
            for side in (current, baseline) if index % 2 == 0 else (baseline, current):
                run = run_once(side, args.tracemalloc)
                runs[side.label].append(run)
                print(f"  {side.label}: {run.seconds:.2f} s, {megabytes(run.rss)} MB", file=sys.stderr)

    def summary(label: str) -> tuple[float, int | None, int | None]:
        done = runs[label]
        rss = [run.rss for run in done if run.rss is not None]
        python = [run.python for run in done if run.python is not None]
        return statistics.median(run.seconds for run in done), max(rss) if rss else None, max(python) if python else None

    ours, theirs = summary(current.label), summary(baseline.label)
    width = max(len(current.label), len(baseline.label), len("ratio"))
    print(f"build of {data.relative_to(ROOT) if data.is_relative_to(ROOT) else data}, {args.repeat} runs a side")
    print(f"{'':{width}}  {'time (s)':>9}  {'peak RSS (MB)':>13}  {'peak Python (MB)':>16}")
    for label, (seconds, rss, python) in ((current.label, ours), (baseline.label, theirs)):
        print(f"{label:{width}}  {seconds:9.2f}  {megabytes(rss):>13}  {megabytes(python):>16}")
    print(f"{'ratio':{width}}  {ratio(ours[0], theirs[0]):>9}  {ratio(ours[1], theirs[1]):>13}  {ratio(ours[2], theirs[2]):>16}")


if __name__ == "__main__":
    main()
