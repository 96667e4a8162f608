"""The benchmark's synthetic data is valid data of the size it claims, with ids of its own."""

from __future__ import annotations

import sys

import yaml

from tests.helpers import BEIBEI, ROOT
from report_gen.data.load import load_report

sys.path.insert(0, str(ROOT / "bench"))
import synthesize  # noqa: E402  (a script beside the benchmark, not a package)

RAW = yaml.safe_load(BEIBEI.read_text(encoding="utf-8"))


def test_scaled_data_repeats_every_theme_under_unique_ids(tmp_path):
    path = tmp_path / "x3.yaml"
    synthesize.write(synthesize.scaled(RAW, 3), path)
    report, default = load_report(path), load_report(BEIBEI)
    assert len(report.themes) == 3 * len(default.themes)
    assert len(report.all_charts()) == 3 * len(default.all_charts())
    assert len(report.figure_index()) == 3 * len(default.figure_index())
    copy = next(theme for theme in report.themes if theme.id == "business_r3")
    assert all(chart.id.endswith("_r3") and all(f.endswith("_r3") for f in chart.plotted_ids()) for chart in copy.charts)
    assert all("_r3 }}" in highlight for highlight in copy.highlights if "fig." in highlight)


def test_variants_differ_in_every_figure_but_keep_percentages(tmp_path):
    synthesize.write(synthesize.variant(RAW, 2), tmp_path / "d2.yaml")
    synthesize.write(synthesize.variant(RAW, 5), tmp_path / "d5.yaml")
    two, five = load_report(tmp_path / "d2.yaml"), load_report(tmp_path / "d5.yaml")
    pairs = [(a, b) for (_, a), (_, b) in zip(two.all_figures(), five.all_figures())]
    assert all(a != b for a, b in pairs), "every figure differs, so no chart of one variant is a chart of another"
    assert all(a.value == b.value for a, b in pairs if a.unit == "%")
    assert sum(a.value != b.value for a, b in pairs) > len(pairs) / 2
