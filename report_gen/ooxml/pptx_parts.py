"""Slides kept as parts: a run of slides read out of a presentation, and put back into another one as they were.

A slide is its part's XML, its relationships (its layout, its notes slide,
the pictures it shows) and its notes slide's XML. `capture` reads them from
slides python-pptx built; `replay` adds slides on the same layout and gives
them back their XML, pictures and notes. Replayed in the same place of a deck
built in the same order, the slides, their notes and their pictures get the
part names and relationship ids they had, so the saved package is the same
byte for byte as a deck whose slides were built afresh.

Only slides whose relationships are of those three kinds are captured (a
native chart's parts, a hyperlink, a media file are not): `capture` returns
None for any other, and the caller builds those slides afresh every time.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.slide import Slide

LAYOUT, NOTES, IMAGE = "layout", "notes", "image"
_KINDS = {RT.SLIDE_LAYOUT: LAYOUT, RT.NOTES_SLIDE: NOTES, RT.IMAGE: IMAGE}


@dataclass(frozen=True)
class SlidePart:
    """One slide as its parts: its XML, its relationships in rId order, its notes' XML, its pictures' bytes."""

    xml: bytes
    rels: tuple[tuple[str, str], ...]
    """(rId, kind) in the order of the ids: the kind is LAYOUT, NOTES or IMAGE."""
    layout: str
    """The part name of the layout the slide is on."""
    notes: Optional[bytes]
    images: tuple[bytes, ...]
    """The pictures' bytes, in the order of their relationships."""


def _rid_order(rId: str) -> int:
    return int(rId[3:]) if rId.startswith("rId") and rId[3:].isdigit() else 0


def capture(slides: Sequence[Slide]) -> Optional[list[SlidePart]]:
    """Return the slides as parts, or None when one of them relates to a part of another kind."""
    captured = []
    for slide in slides:
        part = slide.part
        rels = sorted(part.rels.items(), key=lambda item: _rid_order(item[0]))
        if any(rel.is_external or rel.reltype not in _KINDS for _, rel in rels):
            return None
        kinds = tuple((rId, _KINDS[rel.reltype]) for rId, rel in rels)
        layouts = [rel.target_part for _, rel in rels if rel.reltype == RT.SLIDE_LAYOUT]
        notes = [rel.target_part for _, rel in rels if rel.reltype == RT.NOTES_SLIDE]
        if len(layouts) != 1 or len(notes) > 1:
            return None
        images = tuple(rel.target_part.blob for _, rel in rels if rel.reltype == RT.IMAGE)
        captured.append(SlidePart(part.blob, kinds, str(layouts[0].partname), notes[0].blob if notes else None, images))
    return captured


class ReplayError(Exception):
    """A slide could not be put back as it was captured (the deck around it differs): build it afresh."""


def layout_named(prs: Any, partname: str) -> Any:
    """Return the slide layout of a presentation whose part has this name."""
    for master in prs.slide_masters:
        for layout in master.slide_layouts:
            if str(layout.part.partname) == partname:
                return layout
    raise ReplayError(f"no layout {partname}")


def replay(prs: Any, parts: Sequence[SlidePart]) -> None:
    """Add the slides to the end of a presentation as they were captured.

    Raises ReplayError, before adding anything, when a slide's layout is not
    in the presentation; after a slide is added, when its relationships cannot
    be given their captured ids (the presentation is then not to be used).
    """
    layouts = [layout_named(prs, part.layout) for part in parts]
    for part, layout in zip(parts, layouts):
        slide = prs.slides.add_slide(layout)
        pictures = iter(part.images)
        for rId, kind in part.rels:
            if kind == LAYOUT:
                given = next(rid for rid, rel in slide.part.rels.items() if rel.reltype == RT.SLIDE_LAYOUT)
            elif kind == NOTES:
                notes = slide.notes_slide
                given = next(rid for rid, rel in slide.part.rels.items() if rel.reltype == RT.NOTES_SLIDE)
                _give_xml(notes.part, part.notes, "notes_slide")
            else:
                _, given = slide.part.get_or_add_image_part(io.BytesIO(next(pictures)))
            if given != rId:
                raise ReplayError(f"relationship {rId} came back as {given}")
        _give_xml(slide.part, part.xml, "slide")


def _give_xml(part: Any, xml: bytes, view: str) -> None:
    """Give a part the XML it was captured with; forget python-pptx's view of its old XML (a lazy property)."""
    part._element = parse_xml(xml)
    part.__dict__.pop(view, None)
