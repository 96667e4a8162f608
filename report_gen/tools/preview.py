"""Look at a build without Office: the briefing and the deck rendered to PNG pages and one contact sheet.

LibreOffice converts each document to PDF (with a private profile in a
temporary folder, so it neither touches the user's LibreOffice settings nor
clashes with a LibreOffice already running), poppler's `pdftoppm` turns each
PDF page into a PNG, and the pages are laid out as thumbnails on a contact
sheet. Everything lands in `out/preview/`:

    briefing.pdf  briefing-01.png …   deck.pdf  deck-01.png …   contact-sheet.png

Pages left over from an earlier, longer preview are removed.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional, Sequence

from PIL import Image, ImageDraw, ImageFont

from ..fonts import document as docfonts
from ..fonts import fontconfig
from ..output import write_all_atomically
from ..pipeline import BuildOptions, Progress, build
from ..convert.libreoffice import HOW_TO_INSTALL, Office, ToolMissing, convert_to_pdf, find_soffice, run_program
from ..errors import BuildError
from ..data.load import load_report
from ..data.style import BriefingFonts, DeckFonts

PREVIEW_DIR = "preview"
"""Folder under the output folder that previews are written to."""

KINDS = {".docx": "briefing", ".pptx": "deck"}
"""Name of each document's pages in the preview folder, by the document's extension."""

CONTACT_SHEET = "contact-sheet.png"
DEFAULT_DPI = 80
"""Resolution of the page images: an A4 page is 661 × 935 pixels, a 16:9 slide 1067 × 600."""

THUMBNAIL_HEIGHT = 240
SHEET_WIDTH = 1600
MARGIN = 16
BACKGROUND = (230, 230, 230)
INK = (40, 40, 40)


@dataclass(frozen=True)
class Tools:
    """The programs a preview runs."""

    soffice: str
    pdftoppm: str


@dataclass
class PreviewResult:
    """What a preview wrote, by document."""

    pdfs: dict[Path, Path] = field(default_factory=dict)
    """Document → its PDF."""
    pages: dict[Path, list[Path]] = field(default_factory=dict)
    """Document → its page images, in order."""
    contact_sheet: Optional[Path] = None
    warnings: list[str] = field(default_factory=list)
    """The build's warnings (report_gen.pipeline.BuildResult.warnings): the pages were rendered with their stand-ins."""
    build_summary: str = ""
    """The line the build ended with (report_gen.pipeline.BuildResult.summary)."""


def find_tools() -> Tools:
    """Return the LibreOffice and pdftoppm programs; raise ToolMissing saying how to install what is missing."""
    missing = []
    soffice = find_soffice()
    if soffice is None:
        missing.append(f"LibreOffice (soffice) to convert the documents to PDF: {HOW_TO_INSTALL}")
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        missing.append("pdftoppm to turn PDF pages into images: install poppler (Debian/Ubuntu: `apt-get install poppler-utils`)")
    if missing:
        raise ToolMissing("preview needs " + "; and ".join(missing))
    assert soffice is not None and pdftoppm is not None
    return Tools(soffice, pdftoppm)


def page_images(pdf: Path, pdftoppm: str, dpi: int = DEFAULT_DPI) -> list[bytes]:
    """Render every page of a PDF at `dpi`; return each page as PNG bytes, in page order."""
    with tempfile.TemporaryDirectory(prefix="report_gen_pages_") as scratch:
        prefix = Path(scratch) / "page"
        try:  # PPM, not PNG: pdftoppm's PNG writer is several times slower than Pillow's
            finished = run_program([pdftoppm, "-r", str(dpi), str(pdf), str(prefix)], f"pdftoppm rendering the pages of {pdf.name}")
        except OSError as error:
            raise BuildError(f"{pdf.name}: pdftoppm failed: {error}") from None
        if finished.returncode != 0:
            raise BuildError(f"{pdf.name}: pdftoppm failed: {' '.join(finished.stderr.split())[-300:]}")
        pattern = re.compile(r"page-(\d+)\.ppm")
        numbered = sorted((int(match.group(1)), path) for path in Path(scratch).iterdir() if (match := pattern.fullmatch(path.name)))
        pages = []
        for _, path in numbered:
            stream = io.BytesIO()
            with Image.open(path) as image:
                image.save(stream, format="PNG")
            pages.append(stream.getvalue())
    return pages


def contact_sheet(sections: Sequence[tuple[str, Sequence[bytes]]]) -> bytes:
    """Lay out page images (PNG bytes) as labelled rows of thumbnails; return the sheet as PNG bytes."""
    font = ImageFont.load_default(size=18)
    label_height = 30
    placed: list[tuple[str, int]] = []
    tiles: list[tuple[Image.Image, int, int]] = []
    y = MARGIN
    for label, pages in sections:
        placed.append((label, y))
        y += label_height
        x = MARGIN
        for page in pages:
            with Image.open(io.BytesIO(page)) as image:
                size = (max(1, round(image.width * THUMBNAIL_HEIGHT / image.height)), THUMBNAIL_HEIGHT)
                thumbnail = image.convert("RGB").resize(size, Image.LANCZOS, reducing_gap=2.0)
            if x + thumbnail.width > SHEET_WIDTH - MARGIN and x > MARGIN:
                x = MARGIN
                y += THUMBNAIL_HEIGHT + MARGIN
            tiles.append((thumbnail, x, y))
            x += thumbnail.width + MARGIN
        y += THUMBNAIL_HEIGHT + 2 * MARGIN
    sheet = Image.new("RGB", (SHEET_WIDTH, y), BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    for label, top in placed:
        draw.text((MARGIN, top + 4), label, fill=INK, font=font)
    for thumbnail, x, top in tiles:
        sheet.paste(thumbnail, (x, top))
        draw.rectangle((x - 1, top - 1, x + thumbnail.width, top + THUMBNAIL_HEIGHT), outline=(160, 160, 160))
    stream = io.BytesIO()
    sheet.save(stream, format="PNG")
    return stream.getvalue()


def render_documents(
    documents: Sequence[Path],
    preview_dir: Path,
    tools: Tools,
    dpi: int = DEFAULT_DPI,
    briefing_fonts: Optional[BriefingFonts] = None,
    deck_fonts: Optional[DeckFonts] = None,
    office: Optional[Office] = None,
    sheet: bool = True,
) -> PreviewResult:
    """Render documents into `preview_dir` as a PDF and PNG pages each, plus a contact sheet unless `sheet` is False.

    `briefing_fonts`, when given, are drawn the way `build --pdf` draws them: a font
    the machine lacks by an installed one of the same style (report_gen.fonts.document);
    so is the Chinese font of `deck_fonts` (微软雅黑 by a sans face for Simplified Chinese).

    `office` is a LibreOffice kept running (`serve`'s `report_gen.convert.warm.WarmOffice`):
    it converts each document in turn, and a document's pages are drawn while the next
    converts. None starts LibreOffice once for this render, for every document. Without
    `sheet` (`serve`, whose page shows the pages themselves), a contact sheet left there is removed.
    """
    result = PreviewResult()
    outputs: dict[Path, bytes] = {}
    sections = []
    with tempfile.TemporaryDirectory(prefix="report_gen_preview_") as scratch:
        work = Path(scratch)
        named = [work / f"{KINDS[document.suffix]}{document.suffix}" for document in documents]
        for document, copy in zip(documents, named):
            shutil.copyfile(document, copy)
        also = (deck_fonts.east_asian,) if deck_fonts else ()
        with docfonts.render_config(briefing_fonts, work, also) if briefing_fonts else contextlib.nullcontext() as config:
            pdfs, rendered = _pdfs_and_pages(documents, named, work / "pdf", tools, dpi, fontconfig.environment(config), office)
        for document, pdf, pages in zip(documents, pdfs, rendered):
            kind = KINDS[document.suffix]
            if not pages:
                raise BuildError(f"{document}: LibreOffice produced a PDF without pages")
            result.pdfs[document] = preview_dir / pdf.name
            outputs[preview_dir / pdf.name] = pdf.read_bytes()
            result.pages[document] = [preview_dir / f"{kind}-{number:02d}.png" for number in range(1, len(pages) + 1)]
            outputs.update(zip(result.pages[document], pages))
            what = "page" if kind == "briefing" else "slide"
            sections.append((f"{document.name}: {len(pages)} {what}{'s' if len(pages) != 1 else ''}", pages))
    if sheet:
        result.contact_sheet = preview_dir / CONTACT_SHEET
        outputs[result.contact_sheet] = contact_sheet(sections)
    write_all_atomically(outputs)
    _remove_stale_pages(preview_dir, set(outputs), {KINDS[document.suffix] for document in documents})
    if not sheet:
        (preview_dir / CONTACT_SHEET).unlink(missing_ok=True)  # it would show pages no longer there
    return result


def _pdfs_and_pages(documents: Sequence[Path], named: Sequence[Path], pdf_dir: Path, tools: Tools, dpi: int,
                    env: Mapping[str, str], office: Optional[Office]) -> tuple[list[Path], list[list[bytes]]]:
    """Convert the copies `named` of `documents` to PDF and draw their pages, one pdftoppm per document at once."""
    with ThreadPoolExecutor(max_workers=max(1, len(named))) as pool:
        if office is None:  # one LibreOffice started for all the documents
            shown = ", ".join(str(document) for document in documents)
            pdfs = convert_to_pdf(named, pdf_dir, tools.soffice, env, shown=shown)
            drawn = [pool.submit(page_images, pdf, tools.pdftoppm, dpi) for pdf in pdfs]
        else:  # LibreOffice is running: each document's pages are drawn while the next one converts
            pdfs, drawn = [], []
            for document, copy in zip(documents, named):
                pdfs += convert_to_pdf([copy], pdf_dir, tools.soffice, env, shown=str(document), office=office)
                drawn.append(pool.submit(page_images, pdfs[-1], tools.pdftoppm, dpi))
        return pdfs, [pages.result() for pages in drawn]


def _remove_stale_pages(preview_dir: Path, kept: set[Path], kinds: set[str]) -> None:
    for kind in kinds:
        for page in preview_dir.glob(f"{kind}-[0-9]*.png"):
            if page not in kept and re.fullmatch(rf"{kind}-\d+\.png", page.name):
                page.unlink(missing_ok=True)


def preview(options: BuildOptions, progress: Progress = lambda line: None, dpi: int = DEFAULT_DPI) -> PreviewResult:
    """Build the documents, then render them to out/preview/; raise ToolMissing before building if a tool is missing.

    What is rendered is what the output folder holds for this report after the
    build: its briefing and deck, whether the build wrote them or found them
    already as they should be.
    """
    tools = find_tools()
    built = build(options, progress)
    documents = [path for path in built.outputs if path.suffix in KINDS]
    if not documents:
        raise BuildError(f"{options.data}: the build made no briefing or deck in {options.out_dir}, so there is nothing to render")
    style = load_report(options.data).style
    preview_dir = options.out_dir / PREVIEW_DIR
    progress(f"rendering {', '.join(str(d) for d in documents)} with LibreOffice into {preview_dir}")
    result = render_documents(documents, preview_dir, tools, dpi, style.briefing.fonts, style.deck.fonts)
    result.warnings = built.warnings
    result.build_summary = built.summary()
    return result
