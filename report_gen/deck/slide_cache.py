"""A theme's slides of the full deck, kept between builds as parts under a key of everything they read.

Building a slide costs python-pptx's object model and the text fitting;
putting back its XML costs a parse. When one figure's label changes, only the
slides of its theme are built again; every other theme's slides are put back
as the last build left them (`report_gen.ooxml.pptx_parts`), in their place,
so the deck is the same byte for byte as one built afresh.

A theme's key holds everything its slides read: the theme as the data gives
it; the report without its themes (its title, issuer and date, style,
sources); the place of the theme among the others; each chart's plan (its
number, figures and sources, which may come from other themes) and the
picture drawn of it; every note the deck may render for the theme, as
rendered (so a template, or a figure a note quotes, that changed, changes
the key); the titles earlier slides took (a title is never given twice) and
the number of the first slide. The store mixes in what the whole deck
depends on (report_gen's code, the templates, the fonts, the choices).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from typing import Any, Callable, Optional

from ..data.model import Theme
from ..narrative.notes import every_rendering
from ..ooxml.pptx_parts import SlidePart, capture, replay
from .case_points import figure_numbers
from .context import PartStore


def cached_slides(deck: Any, key: Optional[str], build: Callable[[], None]) -> None:
    """Add slides: put back from the store when it holds them under `key`, else `build` them and remember them,
    to be kept when the deck is complete (`keep_slides`). No store, or no key: built afresh, not kept."""
    store: Optional[PartStore] = deck.parts
    if store is None or key is None:
        build()
        return
    found = store.load(key)
    if found is not None:
        parts, titles = _from_entry(*found)
        replay(deck.prs, parts)
        deck.titles.used = set(titles)
        return
    first = len(deck.prs.slides)
    build()
    deck.made_parts.append((key, first, len(deck.prs.slides), sorted(deck.titles.used)))


def theme_slides(deck: Any, theme: Theme, index: int, build: Callable[[], None]) -> None:
    """Add a theme's slides of the full deck (`build` draws them), from the store where it holds them."""
    cached_slides(deck, theme_key(deck, theme, index) if deck.parts is not None else None, build)


def keep_slides(deck: Any) -> None:
    """Keep in the store the slides built afresh, as the complete deck holds them."""
    if deck.parts is None:
        return
    slides = list(deck.prs.slides)
    for key, first, end, titles in deck.made_parts:
        parts = capture(slides[first:end])
        if parts is not None:
            deck.parts.keep(key, *_to_entry(parts, titles))
    deck.made_parts.clear()


def theme_key(deck: Any, theme: Theme, index: int) -> str:
    """Return the key of a theme's slides of the full deck: a digest of everything they read (see the module docstring)."""
    notes = [[rendering.note.template, rendering.brief, rendering.detail, rendering.paragraphs, rendering.error]
             for rendering in every_rendering(deck.narrative)
             if rendering.note.theme is not None and rendering.note.theme.id == theme.id]
    return _digest("theme", _common(deck), theme.model_dump(mode="json"), index, _charts(deck, theme.charts), notes)


def short_slide_key(deck: Any, scripted: Any) -> Optional[str]:
    """Return the key of one of the short deck's theme slides (`report_gen.deck.script.ScriptedSlide`): a digest of
    its panels, title, kicker and notes as the script gives them, its theme, and what its panels read; None for a
    slide of another kind (built afresh every time)."""
    plan = scripted.plan
    if plan is None:
        return None
    panels = [[panel.kind, panel.chart.id if panel.chart is not None else None, _dumps(panel.figures), _dumps(panel.unshown),
               [[number, case.model_dump(mode="json")] for number, case in panel.cases], panel.small] for panel in plan.panels]
    charts = _charts(deck, [panel.chart for panel in plan.panels if panel.chart is not None])
    shown = sorted(figure_numbers(figure for _, figure in deck.report.all_figures()))
    return _digest("short", _common(deck), plan.theme.model_dump(mode="json"), plan.first, panels, charts, shown,
                   scripted.kind, scripted.title, scripted.kicker, list(scripted.said))


def _common(deck: Any) -> list[Any]:
    """Return what every cached slide reads of the deck: the report but its themes, the themes' order, the slide's
    number, the titles taken before it, and how the deck draws and words."""
    rest = deck.report.model_dump(mode="json")
    rest.pop("themes", None)
    return [rest, [each.id for each in deck.report.themes], len(deck.prs.slides), sorted(deck.titles.used), deck.mode,
            deck.brief, deck.detail]


def _charts(deck: Any, charts: Any) -> list[Any]:
    """Return each chart's plan (number, figures and sources, which may be other themes') and the picture drawn of it."""
    described = []
    for chart in charts:
        planned = deck.plan.chart(chart.id)
        described.append([chart.id, planned.chart.model_dump(mode="json"), planned.theme.id, planned.number,
                          _dumps(planned.figures), _dumps(planned.sources), _picture(deck.charts.get(chart.id))])
    return described


def _dumps(models: Any) -> list[Any]:
    return [model.model_dump(mode="json") for model in models]


def _picture(chart: Any) -> Any:
    """Return what a drawn chart is: its fields, its images as their sha256."""
    if chart is None:
        return None
    return {item.name: _plain(getattr(chart, item.name)) for item in dataclasses.fields(chart)}


def _plain(value: Any) -> Any:
    return {"sha256": hashlib.sha256(value).hexdigest()} if isinstance(value, bytes) else value


def _digest(*parts: Any) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(json.dumps(part, ensure_ascii=False, sort_keys=True, default=repr).encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


def _to_entry(parts: list[SlidePart], titles: list[str]) -> tuple[dict[str, Any], dict[str, bytes]]:
    meta: dict[str, Any] = {"titles": titles, "slides": []}
    blobs: dict[str, bytes] = {}
    for number, part in enumerate(parts):
        meta["slides"].append({"rels": [list(rel) for rel in part.rels], "layout": part.layout, "notes": part.notes is not None,
                               "images": len(part.images)})
        blobs[f"slide{number}"] = part.xml
        if part.notes is not None:
            blobs[f"notes{number}"] = part.notes
        for picture, image in enumerate(part.images):
            blobs[f"image{number}_{picture}"] = image
    return meta, blobs


def _from_entry(meta: dict[str, Any], blobs: dict[str, bytes]) -> tuple[list[SlidePart], list[str]]:
    parts = []
    for number, slide in enumerate(meta["slides"]):
        parts.append(SlidePart(
            blobs[f"slide{number}"], tuple((rId, kind) for rId, kind in slide["rels"]), slide["layout"],
            blobs[f"notes{number}"] if slide["notes"] else None,
            tuple(blobs[f"image{number}_{picture}"] for picture in range(slide["images"])),
        ))
    return parts, list(meta["titles"])
