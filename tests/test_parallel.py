"""Work across the cores: charts drawn in worker processes, many reports in one command, light commands kept light."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import MINI, ROOT
from report_gen.pipeline.cache import Cache
from report_gen.charts import BRIEFING, SLIDE
from report_gen.data.load import load_report
from report_gen.fonts.chart_font import find_cjk_font
from report_gen.plan import plan_report
from report_gen.pipeline import BuildOptions, build, documents, draw_charts
from report_gen.pipeline.documents import Background
from report_gen.tools.batch import build_many, many_options
from report_gen.tools.progress import TerminalProgress, wants_progress

MINI_TEXT = MINI.read_text(encoding="utf-8")
BROKEN = MINI_TEXT.replace("value: 12.5\n", "value: '12.5亿'\n")


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "report_gen", *map(str, args)], cwd=ROOT, capture_output=True, text=True, env=env)


def test_charts_drawn_in_worker_processes_are_the_bytes_drawn_here():
    report, font = load_report(MINI), find_cjk_font()
    placements = [("briefing", BRIEFING, True), ("slide", SLIDE, False)]
    plan = plan_report(report)
    here, _ = draw_charts(plan, report.style.charts, font, placements, Cache(None), jobs=1)
    across, _ = draw_charts(plan, report.style.charts, font, placements, Cache(None), jobs=2)
    assert list(across) == list(here) == ["briefing", "slide"]
    for placement in here:
        assert list(across[placement]) == list(here[placement]), "charts come back in the data's order"
        for chart_id, chart in here[placement].items():
            assert across[placement][chart_id] == chart, f"{chart_id} at the {placement} size"


def test_many_reports_build_in_one_command_and_a_bad_one_does_not_stop_the_others(tmp_path):
    folder = tmp_path / "districts"
    folder.mkdir()
    (folder / "north.yaml").write_text(MINI_TEXT, encoding="utf-8")
    (folder / "south.yaml").write_text(MINI_TEXT.replace("value: 1000\n", "value: 1200\n"), encoding="utf-8")
    (folder / "west.yaml").write_text(BROKEN, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", folder, "--out", out)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert f"{folder / 'west.yaml'}:44: themes[0].figures[0].value: expected a number, got '12.5亿'" in lines
    assert f"{folder / 'west.yaml'}: not built; nothing was written for it" in lines
    assert lines[-1] == "error: 1 of 3 reports failed; the other 2 were built"
    assert "Traceback" not in result.stderr
    for name in ("north", "south"):
        assert any(line.startswith(f"{folder / (name + '.yaml')}: mini.docx mini.pptx in ") and ": 12 files written" in line for line in lines)
        assert (out / name / "mini.docx").is_file() and (out / name / "charts" / "matters_growth.png").is_file()
    assert not (out / "west").exists()
    assert (out / "north" / "charts" / "matters_growth.png").read_bytes() != (out / "south" / "charts" / "matters_growth.png").read_bytes()


def test_build_many_shares_one_cache_and_keeps_the_files_order(tmp_path):
    files = []
    for name in ("b", "a"):
        files.append(tmp_path / f"{name}.yaml")
        files[-1].write_text(MINI_TEXT, encoding="utf-8")
    options = many_options(BuildOptions(data=Path("."), out_dir=tmp_path / "out", briefing=False), files)
    assert [one.out_dir for one in options] == [tmp_path / "out" / "b", tmp_path / "out" / "a"]
    assert {one.cache_dir for one in options} == {tmp_path / "out" / ".cache"}
    outcomes = build_many(options, jobs=1)
    assert [outcome.data for outcome in outcomes] == files
    drawn = outcomes[0].result.made["charts"]
    assert drawn > 0 and outcomes[1].result.reused["charts"] == drawn and outcomes[1].result.made["charts"] == 0


def test_two_files_of_one_name_are_refused_before_anything_is_built(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    result = run("build", tmp_path / "x" / "mini.yaml", tmp_path / "y" / "mini.yaml", "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "would both be built into" in result.stderr and not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", [["validate"], ["figures", "--format", "csv"]])
def test_validate_and_figures_never_import_the_drawing_or_writing_libraries(command):
    script = (
        "import sys, io, contextlib\n"
        "from report_gen.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    status = main({command + [str(MINI)]!r})\n"
        "heavy = sorted(name for name in ('matplotlib', 'docx', 'pptx') if name in sys.modules)\n"
        "print(status, heavy)\n"
    )
    finished = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True)
    assert finished.stdout.strip() == "0 []", finished.stderr


def _without_proofreading(said: str) -> str:
    """Drop the one line saying what proofreading found in the report's own text (a warning, not progress)."""
    return "".join(line for line in said.splitlines(keepends=True) if not line.startswith("warning: proofreading "))


def test_a_build_in_a_pipe_prints_one_summary_line_and_no_progress(tmp_path):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI_TEXT.replace("themes:\n", "style:\n  briefing:\n    fonts: {title: Noto Serif CJK SC, body: Noto Serif CJK SC, heading1: Noto Sans CJK SC, heading2: Noto Serif CJK SC, page_number: Noto Serif CJK SC, latin: Noto Serif CJK SC}\n\nthemes:\n"), encoding="utf-8")
    first = run("build", data, "--out", tmp_path / "out")
    assert first.returncode == 0, first.stderr
    out = re.escape(f"{(tmp_path / 'out').as_posix()}/")
    assert re.fullmatch(
        rf"mini\.docx mini\.pptx in {out}: 12 files written, 0 unchanged, in \d+\.\d s; "
        r"from the cache: 0 of 8 chart pictures \(5 charts: 5 for the briefing, 3 for the deck\), 0 of 2 documents\n",
        _without_proofreading(first.stderr),
    ), first.stderr
    again = run("build", data, "--out", tmp_path / "out")
    assert re.fullmatch(rf"mini\.docx mini\.pptx in {out}: nothing changed, 12 files left as they were, in \d+\.\d s\n",
                        _without_proofreading(again.stderr)), again.stderr
    assert run("build", data, "--out", tmp_path / "out", "--quiet").stderr == ""


def test_progress_bars_only_on_a_terminal_and_never_under_ci(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    assert wants_progress(Terminal()) and not wants_progress(Terminal(), quiet=True)
    assert not wants_progress(io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not wants_progress(Terminal())


def test_terminal_progress_counts_the_charts_and_documents(tmp_path):
    screen = io.StringIO()
    with TerminalProgress(screen) as progress:
        progress.console.force_terminal = True  # the StringIO stands in for a terminal
        result = build(BuildOptions(data=MINI, out_dir=tmp_path / "out", deck=False, jobs=1), progress)
    assert result.made == {"charts": 5, "documents": 1}
    assert progress.bars.tasks[0].description == "charts" and progress.bars.tasks[0].completed == 5
    assert progress.bars.tasks[1].description == "documents" and progress.bars.tasks[1].completed == 1


def test_the_briefing_made_beside_the_deck_is_the_bytes_made_here(tmp_path):
    build(BuildOptions(data=MINI, out_dir=tmp_path / "one", use_cache=False, jobs=1))
    build(BuildOptions(data=MINI, out_dir=tmp_path / "two", use_cache=False, jobs=2))
    for name in ("mini.docx", "mini.pptx"):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name


def test_work_in_the_background_returns_its_result_or_raises_its_error_here(monkeypatch):
    assert Background(lambda: (b"docx", ["a warning"], [])).result() == (b"docx", ["a warning"], [])

    def fails():
        raise ValueError("made here, raised here")

    with pytest.raises(ValueError, match="made here, raised here"):
        Background(fails).result()
    slow = Background(lambda: __import__("time").sleep(60))
    slow.cancel()
    assert slow.process is None, "cancelled work is stopped, not waited for"
    monkeypatch.setattr(documents, "fork_is_safe", lambda: False)
    made = Background(lambda: (b"", ["here"], []))
    assert made.process is None and made.result() == (b"", ["here"], []), "without a safe fork the work waits to be asked for"
