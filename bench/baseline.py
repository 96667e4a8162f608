"""The straight-line script: the job report_gen does, written by hand the plain way, for the benchmark to compare with.

    python bench/baseline.py DATA.yaml FONT_FILE OUT_DIR

Same libraries, same sizes, no cleverness and no cache: read the YAML; draw
every chart as plain matplotlib bars at the briefing's size (156 × 96 mm,
300 dpi, PNG and SVG) and the slide's (220 × 124 mm, 200 dpi, PNG) with the
same CJK font; then a python-docx document (title, each theme's summary,
highlights, a table of its figures, its charts with captions, its cases, the
sources) and a python-pptx deck (title slide, per theme its chart slides, a
key-figures slide and a cases slide, each with speaker notes; sources;
closing). It is not report_gen and shares no code with it.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import yaml
from docx import Document
from docx.shared import Mm
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from pptx import Presentation
from pptx.util import Emu, Pt

SIZES = {"briefing": (156, 96, 300), "slide": (220, 124, 200)}


def written(figure: dict) -> str:
    qualifier = figure.get("qualifier") or ""
    before = qualifier if qualifier in ("约", "近", "超过") else ""
    after = "" if before else qualifier
    return f"{before}{figure['value']:g}{after}{figure['unit']}"


def draw(chart: dict, figures: dict, sources: dict, family: str, size: str, svg: bool) -> tuple[bytes, bytes | None]:
    width, height, dpi = SIZES[size]
    ids = [f for group in chart.get("groups", []) for f in group["figures"]] or chart["figures"]
    shown = [figures[i] for i in ids]
    fig = Figure(figsize=(width / 25.4, height / 25.4), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    labels = [f.get("short_label") or f["label"] for f in shown]
    bars = ax.bar(range(len(shown)), [f["value"] for f in shown], color="#c00000")
    ax.set_xticks(range(len(shown)), labels, fontfamily=family, fontsize=9)
    ax.bar_label(bars, [written(f) for f in shown], fontfamily=family)
    ax.set_title(chart["title"], fontfamily=family)
    titles = sorted({sources[f["source"]]["title"] for f in shown})
    fig.text(0.01, 0.01, "资料来源：" + "；".join(f"《{t}》" for t in titles), fontfamily=family, fontsize=7)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    png = io.BytesIO()
    fig.savefig(png, format="png", dpi=dpi)
    vector = None
    if svg:
        out = io.BytesIO()
        fig.savefig(out, format="svg")
        vector = out.getvalue()
    return png.getvalue(), vector


def fill(text: str, figures: dict) -> str:
    return re.sub(r"\{\{\s*fig\.([a-z0-9_]+)\s*\}\}", lambda m: written(figures[m.group(1)]), text)


def briefing(data: dict, figures: dict, images: dict) -> bytes:
    document = Document()
    document.add_heading(data["report"]["title"], 0)
    for theme in data["themes"]:
        document.add_heading(theme["title"], 1)
        document.add_paragraph(theme["summary"])
        for highlight in theme.get("highlights", []):
            document.add_paragraph(fill(highlight, figures), style="List Bullet")
        table = document.add_table(rows=1, cols=3)
        for cell, text in zip(table.rows[0].cells, ("指标", "数值", "时间")):
            cell.text = text
        for figure in theme.get("figures", []):
            row = table.add_row().cells
            row[0].text, row[1].text, row[2].text = figure["label"], written(figure), figure["period"]
        for chart in theme.get("charts", []):
            document.add_picture(io.BytesIO(images[chart["id"], "briefing"]), width=Mm(156))
            document.add_paragraph(f"图 {chart['title']}：{chart['caption']}")
        for case in theme.get("cases", []):
            document.add_heading(case["title"], 2)
            document.add_paragraph(case["text"])
    document.add_heading("资料来源", 1)
    for source in data["sources"]:
        document.add_paragraph(source["title"], style="List Number")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def deck(data: dict, figures: dict, images: dict) -> bytes:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
    title_layout, content_layout, only_title = prs.slide_layouts[0], prs.slide_layouts[1], prs.slide_layouts[5]

    def slide(layout, title: str, notes: str):
        made = prs.slides.add_slide(layout)
        made.shapes.title.text = title
        made.notes_slide.notes_text_frame.text = notes
        return made

    first = slide(title_layout, data["report"]["title"], data["report"]["issuer"])
    first.placeholders[1].text = data["report"]["issuer"]
    for theme in data["themes"]:
        for chart in theme.get("charts", []):
            made = slide(only_title, chart["title"], chart["caption"])
            made.shapes.add_picture(io.BytesIO(images[chart["id"], "slide"]), Emu(914400), Emu(1371600), width=Emu(10363200))
        made = slide(content_layout, f"{theme['short_title']}：关键数字", theme["summary"])
        made.placeholders[1].text = "\n".join(f"{f['label']}：{written(f)}（{f['period']}）" for f in theme.get("figures", [])[:8])
        for paragraph in made.placeholders[1].text_frame.paragraphs:
            paragraph.font.size = Pt(14)
        if theme.get("cases"):
            made = slide(content_layout, f"{theme['short_title']}：典型案例", "")
            made.placeholders[1].text = "\n".join(f"{case['title']}：{case['text']}" for case in theme["cases"])
    made = slide(content_layout, "资料来源", "")
    made.placeholders[1].text = "\n".join(source["title"] for source in data["sources"])
    slide(title_layout, "谢谢", data["report"]["issuer"])
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def main() -> None:
    data_file, font_file, out_dir = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    data = yaml.safe_load(data_file.read_text(encoding="utf-8"))
    font_manager.fontManager.addfont(font_file)
    family = font_manager.FontProperties(fname=font_file).get_name()
    figures = {f["id"]: f for theme in data["themes"] for f in theme.get("figures", [])}
    sources = {s["id"]: s for s in data["sources"]}
    images = {}
    (out_dir / "charts").mkdir(parents=True, exist_ok=True)
    for theme in data["themes"]:
        for chart in theme.get("charts", []):
            png, svg = draw(chart, figures, sources, family, "briefing", svg=True)
            images[chart["id"], "briefing"] = png
            (out_dir / "charts" / f"{chart['id']}.png").write_bytes(png)
            (out_dir / "charts" / f"{chart['id']}.svg").write_bytes(svg)
            images[chart["id"], "slide"] = draw(chart, figures, sources, family, "slide", svg=False)[0]
    name = data["report"]["name"]
    (out_dir / f"{name}.docx").write_bytes(briefing(data, figures, images))
    (out_dir / f"{name}.pptx").write_bytes(deck(data, figures, images))


if __name__ == "__main__":
    main()
