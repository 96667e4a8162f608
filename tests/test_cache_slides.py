"""Slides kept as parts are never stale: after an edit the deck shows it, and equals a deck built without the cache byte for byte."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from tests.helpers import MINI
from report_gen.deck import slide_cache
from report_gen.pipeline import BuildOptions, build

MINI_TEXT = MINI.read_text(encoding="utf-8")
EDITS = {
    "a figure's label": ("label: 新增市场主体", "label: 新登记的市场主体"),
    "the issuer in every footer": ("issuer: 示例区委组织部", "issuer: 示例区委宣传部"),
    "a theme's short title, every kicker of the theme": ("short_title: 营商环境", "short_title: 优化营商环境"),
    "a source's title": ("title: 示例报道甲", "title: 示例报道丙"),
}


def deck_text(pptx: bytes) -> str:
    """Return every text of the deck's slides and notes."""
    texts = []
    for slide in Presentation(io.BytesIO(pptx)).slides:
        texts += [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts)


@pytest.fixture
def replays(monkeypatch) -> list[int]:
    """How many slides each build put back from the cache rather than built."""
    counted: list[int] = []
    real = slide_cache.replay

    def counting(prs, parts):
        counted.append(len(parts))
        real(prs, parts)

    monkeypatch.setattr(slide_cache, "replay", counting)
    return counted


def built(data: Path, out: Path, length: str, cache: bool = True) -> bytes:
    build(BuildOptions(data=data, out_dir=out, briefing=False, deck_length=length, use_cache=cache, jobs=1))
    return (out / f"{data.stem}.pptx").read_bytes()


@pytest.mark.parametrize("length", ["full", "short"])
@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_a_deck_rebuilt_from_kept_slides_equals_one_built_without_the_cache(tmp_path, replays, length, edit):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI_TEXT, encoding="utf-8")
    first = built(data, tmp_path / "out", length)
    assert not replays, "nothing kept yet"
    assert edit[0] in MINI_TEXT
    data.write_text(MINI_TEXT.replace(*edit), encoding="utf-8")
    again = built(data, tmp_path / "out", length)
    fresh = built(data, tmp_path / "fresh", length, cache=False)
    assert again == fresh
    assert again != first, "the edit reached the deck"


def test_an_edit_to_one_theme_builds_its_slides_and_puts_back_the_others(tmp_path, replays):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI_TEXT, encoding="utf-8")
    built(data, tmp_path / "out", "full")
    data.write_text(MINI_TEXT.replace("label: 新增市场主体", "label: 新登记的市场主体"), encoding="utf-8")
    again = built(data, tmp_path / "out", "full")
    assert "新登记的市场主体" in deck_text(again) and "新增市场主体" not in deck_text(again)
    themes = MINI_TEXT.count("short_title:")
    assert len(replays) == themes - 1, "every theme but the edited one put back"


@pytest.mark.parametrize("length", ["full", "short"])
def test_native_charts_are_never_put_back_and_the_deck_still_equals_one_built_afresh(tmp_path, replays, length):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI_TEXT, encoding="utf-8")
    options = dict(briefing=False, deck_length=length, charts="native", jobs=1)
    build(BuildOptions(data=data, out_dir=tmp_path / "out", **options))
    data.write_text(MINI_TEXT.replace(*EDITS["a figure's label"]), encoding="utf-8")
    build(BuildOptions(data=data, out_dir=tmp_path / "out", **options))
    build(BuildOptions(data=data, out_dir=tmp_path / "fresh", use_cache=False, **options))
    again, fresh = (tmp_path / "out" / "mini.pptx").read_bytes(), (tmp_path / "fresh" / "mini.pptx").read_bytes()
    assert again == fresh
    shown = Presentation(io.BytesIO(again))
    charted = [slide for slide in shown.slides if any(shape.has_chart for shape in slide.shapes)]
    assert charted, "the deck has native charts"


def test_without_the_cache_no_slide_is_put_back(tmp_path, replays):
    data = tmp_path / "mini.yaml"
    data.write_text(MINI_TEXT, encoding="utf-8")
    built(data, tmp_path / "out", "full", cache=False)
    built(data, tmp_path / "out", "full", cache=False)
    assert not replays and not (tmp_path / "out" / ".cache").exists()
