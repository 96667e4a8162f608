"""Editing a built briefing the way a reviewer does, with python-docx: a number typed over, a cell retyped, a qualifier added."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from docx.oxml.ns import qn
from docx.table import _Cell


def anchor_run(document, name: str):
    """The first run inside the bookmark `name` (a figure's written form as built)."""
    start = next(start for start in document.element.body.iter(qn("w:bookmarkStart")) if start.get(qn("w:name")) == name)
    return start.getnext()


def anchor_names(document, figure_id: str) -> list[str]:
    """The names of every anchor of a figure, in reading order."""
    prefix = f"rg_{figure_id}_"
    return [start.get(qn("w:name")) for start in document.element.body.iter(qn("w:bookmarkStart"))
            if start.get(qn("w:name"), "").startswith(prefix) and start.get(qn("w:name"))[len(prefix):].isdigit()]


def type_over(document, name: str, text: str) -> str:
    """Replace the text inside an anchor, as typing over a number does; return what it held."""
    run = anchor_run(document, name)
    pieces = run.findall(qn("w:t"))
    before = "".join(piece.text or "" for piece in pieces)
    pieces[0].text = text
    for piece in pieces[1:]:
        piece.getparent().remove(piece)
    return before


def retype_cell(document, name: str, text: str) -> None:
    """Replace the whole text of the table cell holding an anchor, as python-docx's paragraph.text does: the bookmark goes too."""
    cell = _Cell(next(anchor_run(document, name).iterancestors(qn("w:tc"))), None)
    cell.paragraphs[0].text = text


def type_after(document, name: str, text: str) -> None:
    """Type text just after an anchor's end, outside it (as a qualifier added after a number: 以上)."""
    end = next(end for end in document.element.body.iter(qn("w:bookmarkEnd"))
               if end.get(qn("w:id")) == anchor_run(document, name).getprevious().get(qn("w:id")))
    run = end.makeelement(qn("w:r"))
    piece = run.makeelement(qn("w:t"))
    piece.text = text
    run.append(piece)
    end.addnext(run)


def libreoffice_round_trip(soffice: str, path: Path, folder: Path) -> Path:
    """Open and save a .docx in LibreOffice (`soffice --headless --convert-to docx`); return the saved copy."""
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", "docx", "--outdir", str(folder), str(path)], check=True, capture_output=True, timeout=300)
    return folder / path.name
