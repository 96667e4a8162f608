"""Facts of a briefing as LibreOffice laid it out, read from its PDF.

`pdftotext -bbox-layout` gives every line of text with its box; `pdftoppm`
gives each page as pixels, so a chart or a panel (text drawn as a picture or
as shapes) counts where it ends. From these:

- `early_pages`: pages whose content stops more than five lines above the
  type area's foot although the next page goes on with the same section (it
  does not open with a heading `一、`, 资料来源 or the like);
- `short_last_lines`: a body paragraph's last line holding one character or
  fewer besides its punctuation and citation marks ("2。", "一[2]。");
- `spaced_lines`: lines justified into spaced-out characters, the gap
  between two Chinese characters a fifth of an em or more (about 3 pt).

Run as `python -m tests.helpers.rendered FILE.pdf FILE.docx` to print them.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from docx import Document
from docx.shared import Emu

from report_gen.text.cjk import is_wide

PITCH_PT = 28.95
"""The body's line pitch (GB/T 9704: 22 lines on the type area)."""
EARLY_LINES = 5
"""A page may end this many lines early mid-section, no more."""
SPACED_GAP_PT = 1.0
"""A gap this wide between two Chinese characters of a line shows as spaced-out text (they touch otherwise)."""
SECTION_START = re.compile(r"^([一二三四五六七八九十]+、|资料来源|附件|附：|抄送|印发|报：|发：|送：)")
MARKS = re.compile(r"\[[0-9,，\-–]+\]")
PUNCTUATION = set("，。、；：？！“”‘’（）《》〈〉「」『』【】…—·,.;:?!()%")


@dataclass
class Line:
    """A line of text on a page: its box in points from the page's top left, and its words."""

    x0: float
    y0: float
    x1: float
    y1: float
    words: list[tuple[float, float, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(word for _, _, word in self.words)


@dataclass
class Page:
    """A rendered page: its size, its lines, and the lowest dark pixel of its type area (points from the top)."""

    number: int
    width: float
    height: float
    lines: list[Line]
    content_bottom: float = 0.0


@dataclass
class Rendered:
    """A rendered briefing's pages and the type area they share (points from the page's top left)."""

    pages: list[Page]
    left: float
    right: float
    top: float
    bottom: float


def _lines(pdf: Path) -> list[Page]:
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    xml = re.sub(rb"<!DOCTYPE[^>]*>", b"", xml)
    root = ElementTree.fromstring(xml)
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    pages = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), 1):
        lines = []
        for line in page.iterfind(".//h:line", ns):
            box = [float(line.get(k)) for k in ("xMin", "yMin", "xMax", "yMax")]
            words = [(float(w.get("xMin")), float(w.get("xMax")), w.text or "") for w in line.iterfind("h:word", ns)]
            lines.append(Line(*box, words))
        lines.sort(key=lambda l: (round(l.y0), l.x0))
        pages.append(Page(number, float(page.get("width")), float(page.get("height")), lines))
    return pages


def _bottoms(pdf: Path, pages: list[Page], top: float, bottom: float) -> None:
    """Set each page's content_bottom: the lowest non-white pixel row between the type area's top and foot."""
    dpi = 36
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), str(pdf), f"{scratch}/p"], check=True, capture_output=True)
        files = sorted(Path(scratch).glob("p*.pgm"))
        for page, image in zip(pages, files):
            data = image.read_bytes()
            header = data.split(b"\n", 3)
            width, height = (int(v) for v in header[1].split())
            pixels = header[3]
            scale = dpi / 72
            first, last = int(top * scale), min(height, int(bottom * scale) + 1)
            lowest = 0
            for row in range(first, last):
                if min(pixels[row * width:(row + 1) * width]) < 200:
                    lowest = row
            page.content_bottom = (lowest + 1) / scale if lowest else top


def read_rendered(pdf: Path, docx: Path) -> Rendered:
    """Read the PDF LibreOffice made of `docx`, with the type area of the document's last section."""
    section = Document(str(docx)).sections[-1]
    left = Emu(section.left_margin).pt
    right = Emu(section.page_width - section.right_margin).pt
    top = Emu(section.top_margin).pt
    bottom = Emu(section.page_height - section.bottom_margin).pt
    pages = _lines(pdf)
    _bottoms(pdf, pages, top, bottom)
    return Rendered(pages, left, right, top, bottom)


def _opens_section(page: Page, rendered: Rendered) -> bool:
    body = [line for line in page.lines if rendered.top - 2 <= line.y0 < rendered.bottom]
    return not body or bool(SECTION_START.match(body[0].text.strip()))


def early_pages(rendered: Rendered) -> list[tuple[int, float]]:
    """Pages ending more than EARLY_LINES lines early while the next page goes on with their section: (page, lines left)."""
    found = []
    for page, following in zip(rendered.pages, rendered.pages[1:]):
        left = (rendered.bottom - page.content_bottom) / PITCH_PT
        if left > EARLY_LINES and not _opens_section(following, rendered):
            found.append((page.number, round(left, 1)))
    return found


def _body(rendered: Rendered, page: Page) -> list[Line]:
    return [line for line in page.lines if rendered.top - 2 <= line.y0 < rendered.bottom and line.x0 >= rendered.left - 1]


def short_last_lines(rendered: Rendered, most: int = 1) -> list[tuple[int, str]]:
    """Body paragraphs' last lines holding `most` characters or fewer besides punctuation and marks: (page, line)."""
    found = []
    for page in rendered.pages:
        body = _body(rendered, page)
        for above, line in zip(body, body[1:]):
            full = above.x1 > rendered.right - 4 and above.x0 < rendered.left + 40
            at_left = abs(line.x0 - rendered.left) < 2
            stacked = 0 < line.y0 - above.y0 < PITCH_PT * 1.2
            if not (full and at_left and stacked and line.x1 < rendered.right - 20):
                continue
            content = [c for c in MARKS.sub("", line.text) if not c.isspace() and c not in PUNCTUATION]
            if len(content) <= most:
                found.append((page.number, line.text))
    return found


def spaced_lines(rendered: Rendered) -> list[tuple[int, str]]:
    """Lines whose Chinese characters stand apart, SPACED_GAP_PT or more between two of them: (page, line)."""
    found = []
    for page in rendered.pages:
        for line in page.lines:
            gaps = [
                right[0] - left[1]
                for left, right in zip(line.words, line.words[1:])
                if left[2] and right[2] and is_wide(left[2][-1]) and is_wide(right[2][0])
            ]
            if sum(1 for gap in gaps if gap >= SPACED_GAP_PT) >= 3:
                found.append((page.number, " ".join(word for _, _, word in line.words)))
    return found


def main(argv: list[str]) -> None:
    pdf, docx = Path(argv[0]), Path(argv[1])
    rendered = read_rendered(pdf, docx)
    print(f"{pdf}: {len(rendered.pages)} pages")
    print("  lines left at each foot:", [round((rendered.bottom - page.content_bottom) / PITCH_PT, 1) for page in rendered.pages])
    print("  ending early mid-section:", early_pages(rendered))
    print("  one-character last lines:", short_last_lines(rendered))
    print("  two-character last lines:", [f for f in short_last_lines(rendered, 2) if f not in short_last_lines(rendered)])
    print("  spaced-out lines:", spaced_lines(rendered))


if __name__ == "__main__":
    main(sys.argv[1:])
