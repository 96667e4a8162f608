"""The numbers a template gives, checked before the briefing or the deck reads them: each fault at its part and line.

python-docx and python-pptx read a template's numbers only when asked, and a
bad one then fails deep inside a build (`w:sz="21.5"`, `w:w="A4"`) or gives
nonsense (a line spacing of 0, a page 0 wide, margins wider than the page, a
0 × 0 slide). Here every number the writers read is checked once, when the
template is read, against the range Word or PowerPoint allows (`WORD_NUMBERS`,
POWERPOINT_NUMBERS); a Word template must also have a page set-up, at most
MAX_TEMPLATE_STYLES styles, and no style based on itself through its
`basedOn` chain. Every fault is a `TemplateFault` naming the part and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Optional

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

MAX_TEMPLATE_STYLES = 5000
"""Styles of a Word template: Word's own templates define a few hundred."""

MIN_TEXT_TWIPS = 1440
"""The least width and height a page's margins must leave for text: one inch."""

_WHOLE = re.compile(r"-?[0-9]{1,12}")


class TemplateFault(ValueError):
    """A template that cannot be used as it is; `str()` names the part and line."""


@dataclass(frozen=True)
class Rule:
    """The whole numbers an attribute may hold, and the unit a message names."""

    low: int
    high: int
    unit: str


HALF_POINTS = Rule(2, 3276, "half points (24 is 12 pt)")
TWIPS = Rule(0, 31680, "twentieths of a point (1440 is an inch)")
SIGNED_TWIPS = Rule(-31680, 31680, TWIPS.unit)
LINE = Rule(20, 31680, "twentieths of a point, or 240ths of a line (240 is single spacing)")
PAGE = Rule(1440, 31680, "twentieths of a point (11906 is the width of A4)")

WORD_NUMBERS: Mapping[str, Mapping[str, Rule]] = {
    f"{{{W}}}sz": {"val": HALF_POINTS},
    f"{{{W}}}szCs": {"val": HALF_POINTS},
    f"{{{W}}}spacing": {"line": LINE, "before": TWIPS, "after": TWIPS},
    f"{{{W}}}ind": {name: SIGNED_TWIPS for name in ("left", "right", "start", "end", "firstLine", "hanging")},
    f"{{{W}}}pgSz": {"w": PAGE, "h": PAGE},
    f"{{{W}}}pgMar": {"top": SIGNED_TWIPS, "bottom": SIGNED_TWIPS, "left": TWIPS, "right": TWIPS,
                      "header": TWIPS, "footer": TWIPS, "gutter": TWIPS},
}
"""Word's numbers report_gen reads: type sizes, line spacing, indents, the page and its margins."""

ON_OFF = frozenset({"true", "false", "on", "off", "1", "0"})
WORD_WORDS: Mapping[tuple[str, str], frozenset[str]] = {
    (f"{{{W}}}spacing", "lineRule"): frozenset({"auto", "exact", "atLeast"}),
    (f"{{{W}}}style", "type"): frozenset({"paragraph", "character", "table", "numbering"}),
    **{(f"{{{W}}}{name}", "val"): ON_OFF for name in ("keepNext", "keepLines", "pageBreakBefore", "widowControl", "b", "i")},
}
"""Word's words report_gen reads, by element and attribute: what each may be."""

EMU = Rule(0, 2_147_483_647, "EMU (914400 is an inch)")
SIGNED_EMU = Rule(-2_147_483_647, 2_147_483_647, EMU.unit)
SLIDE = Rule(914400, 51206400, "EMU, from one inch (914400) to 56 inches (51206400), as PowerPoint allows")
TYPE_SIZE = Rule(100, 400000, "hundredths of a point (1800 is 18 pt)")

POWERPOINT_NUMBERS: Mapping[str, Mapping[str, Rule]] = {
    f"{{{P}}}sldSz": {"cx": SLIDE, "cy": SLIDE},
    f"{{{A}}}off": {"x": SIGNED_EMU, "y": SIGNED_EMU},
    f"{{{A}}}ext": {"cx": EMU, "cy": EMU},
    f"{{{A}}}bodyPr": {name: SIGNED_EMU for name in ("lIns", "tIns", "rIns", "bIns")},
    **{f"{{{A}}}{name}": {"sz": TYPE_SIZE} for name in ("defRPr", "rPr", "endParaRPr")},
}
"""PowerPoint's numbers report_gen reads: the slide size, where shapes are, text insets and type sizes."""


def _attribute(element: etree._Element, name: str) -> Optional[str]:
    namespace = etree.QName(element).namespace
    value = element.get(f"{{{namespace}}}{name}") if namespace == W else None
    return value if value is not None else element.get(name)


def _prefixed(element: etree._Element, name: str) -> str:
    return f"{element.prefix}:{name}" if etree.QName(element).namespace == W else name


def check_numbers(trees: Mapping[str, etree._Element], numbers: Mapping[str, Mapping[str, Rule]],
                  words: Mapping[tuple[str, str], frozenset[str]] = {}) -> None:
    """Raise TemplateFault at the first number outside its rule (or word outside its list), naming part, line and attribute."""
    for part, root in trees.items():
        if part.endswith(".rels"):
            continue
        for element in root.iter(*numbers, *{tag for tag, _ in words}):
            tag = element.tag
            where = f"{part}:{element.sourceline}: <{element.prefix}:{etree.QName(element).localname}>"
            for name, rule in numbers.get(tag, {}).items():
                value = _attribute(element, name)
                if value is None:
                    continue
                if not _WHOLE.fullmatch(value.strip()):
                    raise TemplateFault(f'{where} {_prefixed(element, name)}="{value[:40]}" is not a whole number of {rule.unit}')
                if not rule.low <= int(value) <= rule.high:
                    raise TemplateFault(f'{where} {_prefixed(element, name)}="{value}" is outside {rule.low} to {rule.high} {rule.unit}')
            for (word_tag, name), allowed in words.items():
                value = _attribute(element, name) if word_tag == tag else None
                if value is not None and value not in allowed:
                    raise TemplateFault(f'{where} {_prefixed(element, name)}="{value[:40]}" is not one of {", ".join(sorted(allowed))}')


def _by_kind(kinds: Mapping[str, str], kind: str) -> Optional[str]:
    return next((part for part, reached in kinds.items() if reached == f"{R}/{kind}"), None)


def check_word(trees: Mapping[str, etree._Element], kinds: Mapping[str, str]) -> None:
    """Check a cleaned Word template: its numbers, its styles, and a page set-up that leaves room for text."""
    check_numbers(trees, WORD_NUMBERS, WORD_WORDS)
    styles = _by_kind(kinds, "styles")
    if styles is not None:
        _check_styles(styles, trees[styles])
    main = _by_kind(kinds, "officeDocument")
    if main is not None:
        _check_page(main, trees[main])


def check_word_part(kind: str, part: str, root: etree._Element) -> None:
    """Refuse a part of a Word template as soon as it is read when it is too large to work on (100,000 styles)."""
    if kind == f"{R}/styles":
        count = int(root.xpath("count(w:style)", namespaces={"w": W}))
        if count > MAX_TEMPLATE_STYLES:
            raise TemplateFault(f"{part}: it defines {count:,} styles; a template may have at most {MAX_TEMPLATE_STYLES:,}")


def _check_styles(part: str, root: etree._Element) -> None:
    styles = root.findall(f"{{{W}}}style")
    based_on: dict[str, tuple[str, etree._Element]] = {}
    for style in styles:
        base = style.find(f"{{{W}}}basedOn")
        if base is not None:
            based_on[style.get(f"{{{W}}}styleId") or ""] = (base.get(f"{{{W}}}val") or "", style)
    done: set[str] = set()
    for start in based_on:
        path: list[str] = []
        current = start
        while current in based_on and current not in done and current not in path:
            path.append(current)
            current = based_on[current][0]
        if current in path:  # the chain came back to a style on it: a loop
            loop = path[path.index(current):] + [current]
            raise TemplateFault(f"{part}:{based_on[current][1].sourceline}: style '{current}' is based on itself "
                                f"({' → '.join(loop)}); Word cannot resolve its look: choose another 'Style based on' for one of them")
        done.update(path)


def _check_page(part: str, root: etree._Element) -> None:
    body = root.find(f"{{{W}}}body")
    section = body[-1] if body is not None and len(body) else None
    if section is None or section.tag != f"{{{W}}}sectPr":
        raise TemplateFault(f"{part}: the template has no page set-up (no w:sectPr at the end of its body); "
                            "open it in Word or WPS and save it again")
    size = section.find(f"{{{W}}}pgSz")
    margins = section.find(f"{{{W}}}pgMar")

    def value(element: Optional[etree._Element], name: str, default: int) -> int:
        given = element.get(f"{{{W}}}{name}") if element is not None else None
        return int(given) if given is not None else default

    width, height = value(size, "w", 11906), value(size, "h", 16838)
    across = width - value(margins, "left", 1800) - value(margins, "right", 1800) - value(margins, "gutter", 0)
    down = height - abs(value(margins, "top", 1440)) - abs(value(margins, "bottom", 1440))
    if across < MIN_TEXT_TWIPS or down < MIN_TEXT_TWIPS:
        line = (margins if margins is not None else section).sourceline
        raise TemplateFault(f"{part}:{line}: the margins leave {max(across, 0) / 56.7:.0f} mm × {max(down, 0) / 56.7:.0f} mm "
                            f"for text on a page {width / 56.7:.0f} mm × {height / 56.7:.0f} mm; at least 25 mm each way is needed")


def check_presentation(trees: Mapping[str, etree._Element], kinds: Mapping[str, str]) -> None:
    """Check a cleaned PowerPoint template: its numbers, and a slide size."""
    check_numbers(trees, POWERPOINT_NUMBERS)
    main = _by_kind(kinds, "officeDocument")
    if main is not None and trees[main].find(f"{{{P}}}sldSz") is None:
        raise TemplateFault(f"{main}: the template gives no slide size (p:sldSz); open it in PowerPoint or WPS and save it again")
