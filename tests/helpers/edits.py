"""Editing a built briefing the way a reviewer does, with python-docx: a number typed over, a cell retyped, a qualifier added."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from docx.oxml.ns import qn
from docx.table import _Cell


def anchor_paragraph(document, name: str):
    """The paragraph (w:p) the bookmark `name` marks: one that prints the figure."""
    start = next(start for start in document.element.body.iter(qn("w:bookmarkStart")) if start.get(qn("w:name")) == name)
    return next(start.iterancestors(qn("w:p")))


def anchor_names(document, figure_id: str) -> list[str]:
    """The names of every anchor of a figure, in reading order."""
    prefix = f"rg_{figure_id}_"
    return [start.get(qn("w:name")) for start in document.element.body.iter(qn("w:bookmarkStart"))
            if start.get(qn("w:name"), "").startswith(prefix) and start.get(qn("w:name"))[len(prefix):].isdigit()]


def type_over(document, name: str, old: str, new: str) -> None:
    """Replace `old` with `new` in the paragraph an anchor marks, as typing over a number (or adding 以上 after it) does."""
    for piece in anchor_paragraph(document, name).iter(qn("w:t")):
        if old in (piece.text or ""):
            piece.text = piece.text.replace(old, new, 1)
            return
    raise AssertionError(f"{old} is not in the paragraph of {name}")


def retype_cell(document, name: str, text: str) -> None:
    """Replace the whole text of the table cell an anchor marks, as python-docx's paragraph.text does: the bookmark goes too."""
    cell = _Cell(next(anchor_paragraph(document, name).iterancestors(qn("w:tc"))), None)
    cell.paragraphs[0].text = text


def libreoffice_round_trip(soffice: str, path: Path, folder: Path) -> Path:
    """Open and save a .docx in LibreOffice (`soffice --headless --convert-to docx`); return the saved copy."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", "docx", "--outdir", str(folder), str(path)], check=True, capture_output=True, timeout=300)
    return folder / path.name
