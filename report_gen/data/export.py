"""Every figure of a report as flat records, for `report_gen figures` (JSON or CSV)."""

from __future__ import annotations

import csv
import io
import json

from .model import Report
from ..text.numbers import write_comparison, write_figure

FIELDS = ["id", "theme", "label", "value", "unit", "qualifier", "period", "source", "excerpt", "text", "change"]
"""Columns of the listing, in order: `text` is the figure as written (500余项), `change` its comparison."""


def figure_records(report: Report) -> list[dict]:
    """Return one record per figure, in file order."""
    return [
        {
            "id": figure.id,
            "theme": theme.id,
            "label": figure.label,
            "value": int(figure.value) if figure.value.is_integer() else figure.value,
            "unit": figure.unit,
            "qualifier": figure.qualifier.value if figure.qualifier else None,
            "period": figure.period,
            "source": figure.source,
            "excerpt": figure.excerpt,
            "text": write_figure(figure),
            "change": write_comparison(figure),
        }
        for theme, figure in report.all_figures()
    ]


def figures_json(report: Report) -> str:
    """Return the figures as a JSON list of objects, Chinese kept readable."""
    return json.dumps(figure_records(report), ensure_ascii=False, indent=2) + "\n"


def figures_csv(report: Report) -> str:
    """Return the figures as CSV with a header row; empty cells for missing values."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for record in figure_records(report):
        writer.writerow({key: "" if value is None else value for key, value in record.items()})
    return buffer.getvalue()
