"""The cache is never stale: a chart is drawn again exactly when something it shows changed, and a rebuild from the cache equals a cold build."""

from __future__ import annotations

import dataclasses
import os
import time
from pathlib import Path

import pytest

from tests.helpers import MINI
from report_gen.pipeline.cache import CACHE_ENV, Cache, cache_dir
from report_gen.charts import BRIEFING
from report_gen.data.load import load_report
from report_gen.fonts.chart_font import find_cjk_font
from report_gen.plan import plan_report
from report_gen.pipeline import BuildEvents, BuildOptions, build, draw_charts

MINI_TEXT = MINI.read_text(encoding="utf-8")
CHARTS = {"matters_growth", "problems", "key_figures", "platforms", "platforms_h"}


class Recorder(BuildEvents):
    """Notes which charts a build drew and which it took from the cache."""

    def __init__(self):
        self.drawn: set[str] = set()
        self.reused: set[str] = set()

    def advance(self, task, item, reused=False):
        if task == "charts":
            (self.reused if reused else self.drawn).add(item.split(" (")[0])


def report_of(tmp_path: Path, *replacements: tuple[str, str]):
    text = MINI_TEXT
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / f"mini_{abs(hash(replacements))}.yaml"
    path.write_text(text, encoding="utf-8")
    return load_report(path)


def draw(report, cache, font=None, placement=BRIEFING) -> Recorder:
    recorder = Recorder()
    draw_charts(plan_report(report), report.style.charts, font or find_cjk_font(), [("briefing", placement, False)], cache, recorder, jobs=1)
    cache.commit()
    return recorder


@pytest.fixture(scope="module")
def warm(tmp_path_factory) -> Path:
    """A cache holding the mini report's charts, drawn at the briefing's size."""
    folder = tmp_path_factory.mktemp("cache")
    first = draw(load_report(MINI), Cache(folder))
    assert first.drawn == CHARTS and not first.reused
    return folder


def copy_of(warm: Path, tmp_path: Path) -> Cache:
    import shutil

    shutil.copytree(warm, tmp_path / "cache")
    return Cache(tmp_path / "cache")


def test_the_same_data_draws_nothing_again(warm, tmp_path):
    again = draw(load_report(MINI), copy_of(warm, tmp_path))
    assert again.drawn == set() and again.reused == CHARTS


@pytest.mark.parametrize(
    "change, redrawn",
    [
        pytest.param(("value: 1000\n", "value: 1200\n"), {"matters_growth"}, id="a value"),
        pytest.param(("label: 已办结问题", "label: 已经办结的问题"), {"problems"}, id="a label"),
        pytest.param(("short_label: 科技示范基地", "short_label: 示范基地"), {"platforms", "platforms_h"}, id="a short label on two charts"),
        pytest.param(("title: 示例报道乙\n", "title: 示例报道丙\n"), {"problems", "key_figures"}, id="a source title on the source line"),
        pytest.param(("title: 科技创新平台数量\n", "title: 科技创新平台的数量\n"), {"platforms"}, id="a chart title"),
    ],
)
def test_a_change_redraws_exactly_the_charts_that_show_it(warm, tmp_path, change, redrawn):
    result = draw(report_of(tmp_path, change), copy_of(warm, tmp_path))
    assert result.drawn == redrawn
    assert result.reused == CHARTS - redrawn


def test_a_change_to_a_figure_no_chart_shows_redraws_nothing(warm, tmp_path):
    report = load_report(MINI)
    charted = {figure_id for _, chart in report.all_charts() for figure_id in chart.plotted_ids()}
    uncharted = [figure for _, figure in report.all_figures() if figure.id not in charted]
    assert uncharted, "mini.yaml has a figure no chart draws"
    changed = report_of(tmp_path, (f"label: {uncharted[0].label}\n", f"label: {uncharted[0].label}（修订）\n"))
    result = draw(changed, copy_of(warm, tmp_path))
    assert result.drawn == set()


def test_the_chart_style_redraws_every_chart(warm, tmp_path):
    styled = report_of(tmp_path, ("themes:\n", "style:\n  charts:\n    fonts: [Noto Sans CJK SC, WenQuanYi Zen Hei]\n\nthemes:\n"))
    assert draw(styled, copy_of(warm, tmp_path)).drawn == CHARTS


def test_another_size_or_dpi_redraws_every_chart(warm, tmp_path):
    cache = copy_of(warm, tmp_path)
    assert draw(load_report(MINI), cache, placement=dataclasses.replace(BRIEFING, width_mm=150)).drawn == CHARTS
    assert draw(load_report(MINI), cache, placement=dataclasses.replace(BRIEFING, dpi=200)).drawn == CHARTS


def test_another_font_redraws_every_chart(warm, tmp_path):
    default = find_cjk_font()
    other_file = tmp_path / "copy-of-the-font" / default.path.name
    other_file.parent.mkdir()
    other_file.write_bytes(default.path.read_bytes() + b"\0")  # the same faces, other bytes
    assert draw(load_report(MINI), copy_of(warm, tmp_path), font=dataclasses.replace(default, path=other_file)).drawn == CHARTS


def test_a_damaged_entry_is_drawn_again_not_trusted(warm, tmp_path):
    cache = copy_of(warm, tmp_path)
    picture = next((tmp_path / "cache" / "charts").rglob("png"))
    picture.write_bytes(picture.read_bytes()[:100])
    assert len(draw(load_report(MINI), cache).drawn) == 1


# --- whole builds -------------------------------------------------------------------------


def outputs(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file() and ".cache" not in path.parts}


def mtimes(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): path.stat().st_mtime_ns for path in folder.rglob("*") if path.is_file() and ".cache" not in path.parts}


@pytest.fixture(scope="module")
def cold(tmp_path_factory) -> Path:
    """The mini report built without the cache."""
    out = tmp_path_factory.mktemp("cold") / "out"
    result = build(BuildOptions(data=MINI, out_dir=out, use_cache=False))
    assert result.made == {"charts": 8, "documents": 2} and not (out / ".cache").exists()
    return out


def test_a_build_from_the_cache_is_byte_identical_to_a_cold_build(cold, tmp_path):
    shared = tmp_path / "cache"
    build(BuildOptions(data=MINI, out_dir=tmp_path / "first", cache_dir=shared))
    again = build(BuildOptions(data=MINI, out_dir=tmp_path / "second", cache_dir=shared))
    assert again.reused == {"charts": 8, "documents": 2} and again.made == {"charts": 0, "documents": 0}
    assert outputs(tmp_path / "second") == outputs(cold)


def test_a_build_with_nothing_changed_writes_nothing(tmp_path):
    out = tmp_path / "out"
    build(BuildOptions(data=MINI, out_dir=out))
    before = mtimes(out)
    time.sleep(0.05)
    again = build(BuildOptions(data=MINI, out_dir=out))
    assert again.written == [] and len(again.unchanged) == len(before)
    assert "nothing changed" in again.summary()
    assert mtimes(out) == before


def test_a_rebuild_rewrites_only_the_files_that_changed(tmp_path):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    build(BuildOptions(data=data, out_dir=out))
    before = mtimes(out)
    data.write_text(MINI_TEXT.replace("label: 已办结问题", "label: 已经办结的问题"), encoding="utf-8")
    result = build(BuildOptions(data=data, out_dir=out))
    assert sorted(path.name for path in result.written) == ["mini.docx", "mini.pptx", "problems.png", "problems.svg"]
    assert result.reused == {"charts": 6, "documents": 0}
    after = mtimes(out)
    assert sorted(name for name in before if before[name] != after[name]) == ["charts/problems.png", "charts/problems.svg", "mini.docx", "mini.pptx"]


def test_the_cache_lives_in_out_unless_the_environment_moves_it(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    assert cache_dir(tmp_path / "out") == tmp_path / "out" / ".cache"
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    assert cache_dir(tmp_path / "out") == tmp_path / "elsewhere"
    build(BuildOptions(data=MINI, out_dir=tmp_path / "out", briefing=False))
    assert not (tmp_path / "out" / ".cache").exists()
    assert {entry.name for entry in (tmp_path / "elsewhere").iterdir()} >= {"charts", "documents", "records"}


def test_old_entries_are_pruned_once_a_day(tmp_path):
    cache = Cache(tmp_path)
    cache.put("charts", "ab" + "0" * 62, {"note": "old"}, {"png": b"old"})
    cache.put("charts", "cd" + "0" * 62, {"note": "new"}, {"png": b"new"})
    cache.commit()
    old = tmp_path / "charts" / "ab" / ("ab" + "0" * 62)
    month_ago = time.time() - 40 * 86400
    os.utime(old, (month_ago, month_ago))
    assert cache.prune() == 1
    assert not old.exists() and cache.get("charts", "cd" + "0" * 62) is not None
    os.utime(tmp_path / "charts" / "cd" / ("cd" + "0" * 62), (month_ago, month_ago))
    assert cache.prune() == 0, "pruned already today"


def test_the_fonts_measured_for_the_deck_are_kept_and_read_back_not_measured_again(tmp_path, monkeypatch):
    from report_gen.deck.textbox import measure_for
    from report_gen.fonts import metrics

    def forget_measured_faces():
        metrics.forget_faces()
        measure_for.cache_clear()

    data = tmp_path / "mini.yaml"
    data.write_text(MINI_TEXT, encoding="utf-8")
    out = tmp_path / "out"
    forget_measured_faces()
    build(BuildOptions(data=data, out_dir=out, briefing=False))
    kept = list((out / ".cache" / "faces").glob("*/*"))
    assert kept, "the deck's faces are kept in the cache"
    forget_measured_faces()
    monkeypatch.setattr(metrics, "_read_advances", lambda face: pytest.fail(f"measured {face} again"))
    data.write_text(MINI_TEXT.replace("label: 已办结问题", "label: 已经办结的问题"), encoding="utf-8")
    result = build(BuildOptions(data=data, out_dir=out, briefing=False))
    assert result.made["documents"] == 1
    forget_measured_faces()


def test_the_environment_digest_covers_every_module_of_report_gen(monkeypatch):
    """A change to any module (a writer, the deck, the wording), not only the pipeline's, makes cached outputs stale."""
    from report_gen.pipeline import cache as caching

    hashed: list[Path] = []
    real = caching._file_sha256
    monkeypatch.setattr(caching, "_file_sha256", lambda path: hashed.append(path) or real(path))
    caching.environment_digest.cache_clear()
    caching.environment_digest()
    caching.environment_digest.cache_clear()
    package = Path(caching.__file__).resolve().parent.parent
    folders = {path.parent.relative_to(package).as_posix() for path in hashed}
    assert {".", "pipeline", "briefing", "deck", "text", "charts"} <= folders
