"""LibreOffice, found and called in one place: documents to PDF, headless, with a private profile.

Every conversion runs `soffice --headless --convert-to pdf` in a temporary
folder with its own user profile (so it neither touches the user's settings
nor clashes with a LibreOffice already open) and, for the briefing, with the
fontconfig file of `report_gen.fonts.document`, which draws each font the
machine lacks in an installed face of the same style. `build --pdf` and
`preview` both come through here. A deck goes through an .odp on its way,
so that its Chinese text is set as PowerPoint sets it (`report_gen.ooxml.odf`).

LibreOffice starts a process of its own (soffice.bin) behind the one it is
called as, so it is run in a process group of its own (`run_program`), and
the whole group is ended when the conversion takes too long, when the user
presses Ctrl-C, and when anything else goes wrong: no LibreOffice outlives the
command that started it. It is never started with nothing to convert (it
would wait for input for ever).

LibreOffice dates a PDF by the wall clock and gives it a random /ID, and
its /DocChecksum covers both. `reproducible_pdf` rewrites the three in
place, each to a value of the same length (so no offset in the file moves):
the creation date becomes the build's moment (`report.date`, or
SOURCE_DATE_EPOCH), and the /ID and checksum an MD5 of the rest of the file.
The same .docx then gives the same PDF bytes with the same LibreOffice and
fonts.
"""

from __future__ import annotations

import atexit
import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any, Mapping, Optional, Protocol, Sequence

from ..errors import BuildError, ReportError
from ..ooxml.odf import without_autospace

CONVERT_TIMEOUT = 300
"""Seconds one LibreOffice conversion may take before it is given up, unless REPORT_GEN_CONVERT_TIMEOUT says otherwise."""

TIMEOUT_ENV = "REPORT_GEN_CONVERT_TIMEOUT"
"""Environment variable giving the seconds a conversion (LibreOffice, pdftoppm) may take, for a very long document."""

SOFFICE_NAMES = ("soffice", "libreoffice")
SOFFICE_PLACES = (
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
"""Where LibreOffice is installed on macOS and Windows when it is not on PATH."""

SOFFICE_ENV = "REPORT_GEN_SOFFICE"
"""Environment variable naming the LibreOffice program when it is not on PATH."""

HOW_TO_INSTALL = (
    "install LibreOffice (Debian/Ubuntu: `apt-get install libreoffice-writer libreoffice-impress`; "
    "macOS: `brew install --cask libreoffice`; Windows: https://www.libreoffice.org/download/) "
    f"or set {SOFFICE_ENV} to the soffice program"
)


class ToolMissing(ReportError):
    """A program report_gen runs (LibreOffice, pdftoppm) is not installed."""


def find_soffice() -> Optional[str]:
    """Return the LibreOffice program: $REPORT_GEN_SOFFICE, soffice on PATH, or a usual install place; None if none."""
    named = os.environ.get(SOFFICE_ENV)
    if named:
        return named if Path(named).is_file() else shutil.which(named)
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((place for place in SOFFICE_PLACES if Path(place).is_file()), None)


def require_soffice(purpose: str) -> str:
    """Return the LibreOffice program; raise ToolMissing saying what needs it (`purpose`) and how to install it."""
    soffice = find_soffice()
    if soffice is None:
        raise ToolMissing(f"{purpose} with LibreOffice (soffice), which is not installed: {HOW_TO_INSTALL}")
    return soffice


def convert_timeout() -> float:
    """Return the seconds one conversion may take: $REPORT_GEN_CONVERT_TIMEOUT when it is a positive number, else CONVERT_TIMEOUT."""
    try:
        seconds = float(os.environ.get(TIMEOUT_ENV, ""))
    except ValueError:
        return CONVERT_TIMEOUT
    return seconds if seconds > 0 else CONVERT_TIMEOUT


class Timeout(BuildError):
    """A program took longer than `convert_timeout()`; it and everything it started were ended."""


def run_program(command: Sequence[str], what: str, env: Optional[Mapping[str, str]] = None) -> subprocess.CompletedProcess:
    """Run a program (LibreOffice, pdftoppm) in a process group of its own, capturing its output; return how it finished.

    The whole group, with whatever the program started, is ended when it takes
    longer than `convert_timeout()` (raising Timeout, whose message names
    `what` and says what to try), on Ctrl-C or SIGTERM, and on any error; and
    after it exits, in case it left a process behind.
    """
    seconds = convert_timeout()
    process = start_program(command, env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        stdout, stderr = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        raise timed_out(what, seconds) from None
    finally:
        end_program(process)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def timed_out(what: str, seconds: float) -> Timeout:
    """Return the error for a conversion that took longer than `seconds`, saying what to try."""
    return Timeout(
        f"{what} took longer than {seconds:g} s and was stopped, with every process it started; "
        f"open the file in LibreOffice to see whether it opens and converts there, "
        f"or allow more time with {TIMEOUT_ENV}=SECONDS (e.g. {TIMEOUT_ENV}={int(seconds * 2)})"
    )


def start_program(command: Sequence[str], env: Optional[Mapping[str, str]] = None, **popen: Any) -> subprocess.Popen:
    """Start a program in a process group of its own, with no input unless `popen` says otherwise.

    It is ended with every process it started by `end_program`, or by
    `end_running_programs` when the command ends.
    """
    popen.setdefault("stdin", subprocess.DEVNULL)
    process = subprocess.Popen(list(command), env=None if env is None else dict(env), **popen, **_own_group())
    with _RUNNING_LOCK:
        _RUNNING.add(process)
    return process


def end_program(process: subprocess.Popen) -> None:
    """End a program `start_program` started, with every process in its group; reap it and close its pipes."""
    _end_group(process)
    with _RUNNING_LOCK:
        _RUNNING.discard(process)


_RUNNING: set[subprocess.Popen] = set()
"""Programs `start_program` started that have not ended, in whichever thread (serve renders pages in one of its own)."""
_RUNNING_LOCK = threading.Lock()


def end_running_programs() -> None:
    """End every program `start_program` started that is still running, with every process it started.

    Called when a command ends (and at exit), so a conversion running in
    another thread does not outlive the command.
    """
    with _RUNNING_LOCK:
        running = list(_RUNNING)
    for process in running:
        _end_group(process, wait=False)


atexit.register(end_running_programs)


def _own_group() -> dict:
    """Return Popen's arguments that start a program in a process group of its own."""
    if os.name == "posix":
        return {"start_new_session": True}
    return {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}


def _end_group(process: subprocess.Popen, wait: bool = True) -> None:
    """End a program and every process in its group; with `wait`, reap it and close its pipes."""
    if os.name == "posix":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # the group is already gone
    elif process.poll() is None:
        process.kill()
    if not wait:
        return
    try:
        process.communicate(timeout=30)
    except (subprocess.TimeoutExpired, ValueError, OSError):
        pass


class Office(Protocol):
    """A LibreOffice kept running for a session (`report_gen.convert.warm.WarmOffice`), which converts without starting one."""

    def convert(self, documents: Sequence[Path], out_dir: Path, target: str, env: Optional[Mapping[str, str]],
                what: str) -> Optional[subprocess.CompletedProcess]:
        """Convert as `soffice --convert-to target --outdir out_dir` would; None when it cannot (then LibreOffice is run afresh)."""


def convert_to_pdf(
    documents: Sequence[Path], out_dir: Path, soffice: str, env: Optional[Mapping[str, str]] = None,
    filter_name: str = "pdf", shown: Optional[str] = None, office: Optional[Office] = None,
) -> list[Path]:
    """Convert .docx and .pptx files to PDF in `out_dir`; return the PDFs in order.

    The documents' names must differ in more than their extension, since each
    PDF is named after its document. `env` is LibreOffice's environment (None:
    this process's); `filter_name` the conversion target (`pdf`, or
    `pdf:writer_pdf_Export` for a Writer document); `shown` names the
    documents in messages (None: their file names); `office`, a LibreOffice
    already running that converts them (None, or one that cannot: LibreOffice
    is started for this call). With no documents, LibreOffice is not started.

    A deck (.pptx) is set as PowerPoint sets it: LibreOffice first converts it
    to an .odp, whose gap between Chinese and Latin text is turned off
    (`report_gen.ooxml.odf`), then the .odp to PDF with the other documents.
    """
    if not documents:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    names = shown or ", ".join(document.name for document in documents)
    decks = [document for document in documents if document.suffix.lower() == ".pptx"]
    with tempfile.TemporaryDirectory(prefix="report_gen_odp_") as scratch:
        converted = dict(zip(decks, _as_powerpoint_sets_them(decks, Path(scratch), soffice, env, names, office)))
        sources = [converted.get(document, document) for document in documents]
        finished = _convert(sources, out_dir, soffice, env, filter_name, f"LibreOffice converting {names} to PDF", office)
    pdfs = [out_dir / f"{document.stem}.pdf" for document in documents]
    failed = [document.name for document, pdf in zip(documents, pdfs) if not pdf.is_file()]
    if finished.returncode != 0 or failed:
        raise BuildError(
            f"LibreOffice could not convert {(', '.join(failed) if shown is None else '') or names} to PDF "
            f"(exit {finished.returncode}){_said(finished)}"
        )
    return pdfs


def _said(finished: subprocess.CompletedProcess) -> str:
    said = " ".join((finished.stderr or finished.stdout or "").split())[-300:]
    return f": {said}" if said else ""


def _convert(documents: Sequence[Path], out_dir: Path, soffice: str, env: Optional[Mapping[str, str]], target: str,
             what: str, office: Optional[Office] = None) -> subprocess.CompletedProcess:
    """Convert documents to `target` in `out_dir`: by `office` when it can, else by LibreOffice run once with a profile of its own."""
    finished = office.convert(documents, out_dir, target, env, what) if office is not None else None
    if finished is not None:
        return finished
    with tempfile.TemporaryDirectory(prefix="report_gen_lo_") as profile:
        command = [
            soffice,
            f"-env:UserInstallation={Path(profile).resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            *map(str, documents),
        ]
        try:
            return run_program(command, what, env)
        except OSError as error:
            raise ToolMissing(f"cannot run LibreOffice ({soffice}): {error.strerror or error}; {HOW_TO_INSTALL}") from None


def _as_powerpoint_sets_them(decks: Sequence[Path], scratch: Path, soffice: str, env: Optional[Mapping[str, str]],
                             names: str, office: Optional[Office] = None) -> list[Path]:
    """Convert decks to .odp files in `scratch` without LibreOffice's gap between Chinese and Latin text; return them."""
    if not decks:
        return []
    finished = _convert(decks, scratch / "odp", soffice, env, "odp", f"LibreOffice reading {names}", office)
    converted = []
    for deck in decks:
        odp = scratch / "odp" / f"{deck.stem}.odp"
        if not odp.is_file():
            raise BuildError(f"LibreOffice could not read {deck.name} (exit {finished.returncode}){_said(finished)}")
        target = scratch / f"{deck.stem}.odp"
        target.write_bytes(without_autospace(odp.read_bytes()))
        converted.append(target)
    return converted


_CREATION_DATE = re.compile(rb"/CreationDate\s*\(D:(\d{14})")
_DOCUMENT_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]{32})>\s*<([0-9A-Fa-f]{32})>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]{32})")


def reproducible_pdf(pdf: bytes, moment: dt.datetime) -> bytes:
    """Return a LibreOffice PDF dated `moment` (UTC), with an /ID and /DocChecksum that depend only on its content.

    Each value is replaced by one of the same length, so the cross-reference
    offsets stay right.
    """
    stamp = moment.astimezone(dt.timezone.utc).strftime("%Y%m%d%H%M%S").encode("ascii")
    dated = _CREATION_DATE.sub(lambda match: match.group(0)[: -14] + stamp, pdf)
    blank = b"0" * 32
    undated = _CHECKSUM.sub(lambda match: match.group(0)[: -32] + blank, _DOCUMENT_ID.sub(
        lambda match: match.group(0).replace(match.group(1), blank).replace(match.group(2), blank), dated))
    digest = hashlib.md5(undated, usedforsecurity=False).hexdigest().upper().encode("ascii")
    return undated.replace(b"<" + blank + b">", b"<" + digest + b">").replace(b"/" + blank, b"/" + digest)


def docx_to_pdf(docx: bytes, env: Optional[Mapping[str, str]] = None, name: str = "briefing",
                soffice: Optional[str] = None, moment: Optional[dt.datetime] = None) -> bytes:
    """Convert .docx bytes to PDF bytes with LibreOffice, in a temporary folder; `env` as for convert_to_pdf.

    With `moment`, the PDF is made reproducible (see `reproducible_pdf`).
    """
    soffice = soffice or require_soffice("--pdf converts the briefing")
    with tempfile.TemporaryDirectory(prefix="report_gen_pdf_") as scratch:
        work = Path(scratch)
        source = work / f"{name}.docx"
        source.write_bytes(docx)
        (pdf,) = convert_to_pdf([source], work / "pdf", soffice, env, filter_name="pdf:writer_pdf_Export")
        data = pdf.read_bytes()
    return reproducible_pdf(data, moment) if moment is not None else data
