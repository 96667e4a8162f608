"""Decks built for tests: stand-in chart pictures for every chart, the full deck unless asked otherwise."""

from __future__ import annotations

import io

import yaml
from pptx import Presentation

from report_gen.charts import RenderedChart
from report_gen.data.model import Report
from report_gen.deck import deck_bytes
from tests.helpers import MINI


def load(data: dict) -> Report:
    return Report.model_validate(data)


def mini_data() -> dict:
    return yaml.safe_load(MINI.read_text(encoding="utf-8"))


def charts_for(report: Report, png: bytes) -> dict[str, RenderedChart]:
    return {chart.id: RenderedChart(chart.id, png, 220, 124, 30, f"图表{chart.id}：三根柱子，第一根最高。")
            for _, chart in report.all_charts()}


def build(report: Report, png: bytes, **kwargs):
    """Build a deck of a report, the full one unless `length` says otherwise (tests/deck/test_short_deck.py has the short)."""
    kwargs.setdefault("length", "full")
    charts = charts_for(report, png) if kwargs.get("chart_mode") != "native" else {}
    return Presentation(io.BytesIO(deck_bytes(report, charts, **kwargs)))
