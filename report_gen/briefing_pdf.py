"""The briefing as PDF: LibreOffice converts the .docx bytes, in a temporary folder, with a private profile.

LibreOffice runs headless with its own profile in the temporary folder (so it
neither touches the user's settings nor clashes with a LibreOffice already
open) and with the fontconfig file of report_gen.docfonts, which draws each
font the machine lacks in an installed face of the same style. The PDF comes
back as bytes; `build` writes it beside the .docx atomically.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from typing import Optional

from . import docfonts
from .errors import BuildError, ReportError
from .model import BriefingFonts

CONVERT_TIMEOUT = 300
"""Seconds one conversion may take before it is given up."""

HOW_TO_INSTALL = (
    "install LibreOffice (Debian/Ubuntu: `apt-get install libreoffice-writer`; macOS: `brew install --cask libreoffice`; "
    "Windows: https://www.libreoffice.org/download/) or set REPORT_GEN_SOFFICE to the soffice program, "
    "or build without --pdf"
)


class LibreOfficeMissing(ReportError):
    """`build --pdf` needs LibreOffice and it is not installed."""


def require_soffice() -> str:
    """Return the LibreOffice program; raise LibreOfficeMissing saying what to install when there is none."""
    from .preview import find_soffice

    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing(f"--pdf converts the briefing with LibreOffice (soffice), which is not installed: {HOW_TO_INSTALL}")
    return soffice


def docx_to_pdf(docx: bytes, fonts: BriefingFonts, name: str = "briefing", soffice: Optional[str] = None) -> bytes:
    """Convert .docx bytes to PDF bytes with LibreOffice, missing fonts drawn by same-style stand-ins."""
    soffice = soffice or require_soffice()
    with tempfile.TemporaryDirectory(prefix="report_gen_pdf_") as scratch:
        work = Path(scratch)
        source = work / f"{name}.docx"
        source.write_bytes(docx)
        out_dir = work / "pdf"
        with docfonts.render_config(fonts, work) as config:
            command = [
                soffice,
                f"-env:UserInstallation={(work / 'profile').resolve().as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(out_dir),
                str(source),
            ]
            try:
                finished = subprocess.run(
                    command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT,
                    env=docfonts.fontconfig_environment(config),
                )
            except subprocess.TimeoutExpired:
                raise BuildError(f"LibreOffice took longer than {CONVERT_TIMEOUT} s to convert the briefing to PDF") from None
            except OSError as error:
                raise LibreOfficeMissing(f"cannot run LibreOffice ({soffice}): {error.strerror or error}; {HOW_TO_INSTALL}") from None
        pdf = out_dir / f"{name}.pdf"
        if finished.returncode != 0 or not pdf.is_file():
            said = " ".join((finished.stderr or finished.stdout or "").split())[-300:]
            raise BuildError(f"LibreOffice could not convert the briefing to PDF (exit {finished.returncode}){': ' + said if said else ''}")
        return pdf.read_bytes()
