"""Make synthetic data from data/beibei.yaml: one file N times the default, or N variant files.

    python bench/synthesize.py scale 10 bench/data/x10.yaml      # 10× the themes, figures and charts, ids unique
    python bench/synthesize.py variants 20 bench/data/districts/  # 20 reports, each with its own numbers

A scaled file repeats every theme N times; copy k (k ≥ 2) suffixes every theme,
figure and chart id with `_rk` and rewrites the references to them (chart
figures, groups, cases, highlights), so the file is valid and every chart is a
chart of its own. A variant file keeps the report's shape but scales every
figure that is not a percentage by its own factor and notes the district on
every figure, so no chart of one variant is a chart of another.
"""

from __future__ import annotations

import argparse
import copy
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "data" / "beibei.yaml"


def scaled(raw: dict, times: int) -> dict:
    """Return the data with every theme repeated `times` times under unique ids."""
    out = copy.deepcopy(raw)
    out["themes"] = []
    for k in range(1, times + 1):
        for theme in raw["themes"]:
            out["themes"].append(theme if k == 1 else _renamed(theme, f"_r{k}"))
    return out


def _renamed(theme: dict, suffix: str) -> dict:
    theme = copy.deepcopy(theme)
    ids = {figure["id"] for figure in theme.get("figures", [])}
    new = lambda figure_id: f"{figure_id}{suffix}" if figure_id in ids else figure_id  # noqa: E731
    theme["id"] += suffix
    for figure in theme.get("figures", []):
        figure["id"] += suffix
    for chart in theme.get("charts", []):
        chart["id"] += suffix
        chart["figures"] = [new(f) for f in chart.get("figures", [])]
        for group in chart.get("groups", []):
            group["figures"] = [new(f) for f in group["figures"]]
    for case in theme.get("cases", []):
        case["figures"] = [new(f) for f in case.get("figures", [])]
    theme["highlights"] = [
        re.sub(r"fig\.([a-z][a-z0-9_]*)", lambda m: f"fig.{new(m.group(1))}", text) for text in theme.get("highlights", [])
    ]
    return theme


def variant(raw: dict, index: int) -> dict:
    """Return the data of district `index`: its own numbers (percentages kept) and a note on every figure."""
    out = copy.deepcopy(raw)
    factor = 1 + 0.03 * index
    for theme in out["themes"]:
        for figure in theme.get("figures", []):
            if figure["unit"] != "%":
                value = figure["value"] * factor
                figure["value"] = round(value) if float(figure["value"]).is_integer() else round(value, 2)
            figure["note"] = f"示例第{index}区数据" + (f"；{figure['note']}" if figure.get("note") else "")
    return out


def write(data: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["scale", "variants"])
    parser.add_argument("count", type=int)
    parser.add_argument("target", type=Path, help="the file to write (scale) or the folder to fill (variants)")
    parser.add_argument("--data", type=Path, default=DEFAULT, help="the data to start from (default: data/beibei.yaml)")
    args = parser.parse_args()
    raw = yaml.safe_load(args.data.read_text(encoding="utf-8"))
    if args.kind == "scale":
        write(scaled(raw, args.count), args.target)
    else:
        for index in range(1, args.count + 1):
            write(variant(raw, index), args.target / f"district_{index:02d}.yaml")


if __name__ == "__main__":
    main()
