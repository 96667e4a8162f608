"""Read the files a build is given (data, source texts, templates, fonts) as regular files of bounded size.

A data file may come from someone else, and so may the path to anything it
names. A FIFO would hang a reader, `/dev/zero` would fill memory, and a
symbolic link can point at either. So every input is opened without blocking
(a FIFO without a writer opens at once), checked with `fstat` on the opened
file (which follows links to what they point at), and refused unless it is a
regular file no larger than its cap. Nothing is read from a refused file.

The caps, one per kind of input, are documented in the README.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

from ..errors import ReportError

MEGABYTE = 1024 * 1024

MAX_DATA_BYTES = 10 * MEGABYTE
"""A report's data file is a few hundred kilobytes; anything over this is not one."""

MAX_SOURCE_BYTES = 20 * MEGABYTE
"""A source's text (`validate --sources`): a newspaper article or a long report in plain text."""

MAX_TEMPLATE_BYTES = 1 * MEGABYTE
"""A narrative or notes template: a page of jinja2."""

MAX_FONT_BYTES = 100 * MEGABYTE
"""A font file: the largest CJK collections (Noto Serif CJK .ttc) are about 60 MB."""

MAX_PPTX_BYTES = 50 * MEGABYTE
"""An organisation's .pptx template as stored."""

MAX_PPTX_EXPANDED_BYTES = 200 * MEGABYTE
"""An organisation's .pptx template once its parts are unpacked: a zip bomb expands far beyond this."""

MAX_DOCX_BYTES = 50 * MEGABYTE
"""An organisation's Word template (.docx or .dotx) as stored."""

MAX_DOCX_EXPANDED_BYTES = 200 * MEGABYTE
"""An organisation's Word template once its parts are unpacked."""

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
"""Open for reading without waiting for a FIFO's writer or taking a terminal."""


class InputRefused(ReportError):
    """An input file is missing, not a regular file, too large or unreadable; `reason` says which, without the path."""

    def __init__(self, path: Path, reason: str):
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


def describe_size(size: int) -> str:
    """Write a size in bytes the way messages show it: 12 MB, 300 KB, 80 bytes."""
    if size >= MEGABYTE:
        return f"{size // MEGABYTE} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def _open_regular(path: Path, limit: int) -> int:
    """Open `path` for reading; return the descriptor of a regular file of at most `limit` bytes, else raise InputRefused."""
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except FileNotFoundError:
        raise InputRefused(path, "no such file") from None
    except IsADirectoryError:
        raise InputRefused(path, "is a folder, not a file") from None
    except OSError as error:
        if os.path.isdir(path):  # Windows cannot open a folder at all
            raise InputRefused(path, "is a folder, not a file") from None
        raise InputRefused(path, f"cannot be read: {error.strerror or error}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise InputRefused(path, f"is {_kind(status.st_mode)}, not a regular file; report_gen reads only regular files")
        if status.st_size > limit:
            raise InputRefused(path, f"is larger than {describe_size(limit)} ({status.st_size} bytes); at most {describe_size(limit)} is read")
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def read_regular(path: str | Path, limit: int) -> bytes:
    """Return the bytes of a regular file of at most `limit` bytes; raise InputRefused for anything else.

    FIFOs, devices, sockets and folders (or links to them) are refused without
    reading from them; a file that grows past `limit` while read is refused too.
    """
    path = Path(path)
    descriptor = _open_regular(path, limit)
    chunks: list[bytes] = []
    size = 0
    try:
        if hasattr(os, "set_blocking"):
            os.set_blocking(descriptor, True)
        while True:
            chunk = os.read(descriptor, min(1 * MEGABYTE, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise InputRefused(path, f"is larger than {describe_size(limit)} (it grew while it was read); at most {describe_size(limit)} is read")
    except OSError as error:
        raise InputRefused(path, f"cannot be read: {error.strerror or error}") from None
    finally:
        os.close(descriptor)
    return b"".join(chunks)


def require_regular(path: str | Path, limit: int) -> None:
    """Raise InputRefused unless `path` is a regular file of at most `limit` bytes, for files another library reads."""
    os.close(_open_regular(Path(path), limit))


def read_pptx_template(path: str | Path) -> bytes:
    """Return a .pptx template's bytes: a regular file within MAX_PPTX_BYTES whose parts unpack and read back.

    Raise InputRefused otherwise (see `check_zip_package`); the deck opens the template from these bytes.
    """
    data = read_regular(path, MAX_PPTX_BYTES)
    try:
        check_zip_package(path, data)
    except InputRefused as error:
        raise InputRefused(Path(path), f"not a .pptx file: {error.reason}") from None
    return data


def read_docx_template(path: str | Path) -> bytes:
    """Return a Word template's bytes: a regular file within MAX_DOCX_BYTES whose parts unpack and read back.

    Raise InputRefused otherwise (see `check_zip_package`); the briefing opens the template from these bytes.
    """
    data = read_regular(path, MAX_DOCX_BYTES)
    try:
        check_zip_package(path, data, MAX_DOCX_EXPANDED_BYTES)
    except InputRefused as error:
        raise InputRefused(Path(path), f"not a .docx or .dotx file: {error.reason}") from None
    return data


def check_zip_package(path: str | Path, data: bytes | None = None, expanded_limit: int = MAX_PPTX_EXPANDED_BYTES) -> None:
    """Raise InputRefused unless a zip package (a .pptx) unpacks within `expanded_limit` bytes and every part reads back.

    The sizes a zip declares bound what reading it yields (Python's zipfile
    stops at the declared size and checks the CRC), so the declared sizes are
    summed before anything is unpacked. Each part is then read in chunks to
    find corrupt compressed data, and XML parts are refused when they declare
    a DTD, which Office files never do and entity bombs need.
    """
    path = Path(path)
    source = io.BytesIO(data) if data is not None else path
    try:
        with zipfile.ZipFile(source) as package:
            members = package.infolist()
            expanded = sum(member.file_size for member in members)
            if expanded > expanded_limit:
                raise InputRefused(
                    path, f"unpacks to {describe_size(expanded)}; at most {describe_size(expanded_limit)} is unpacked"
                )
            for member in members:
                _check_member(package, member, path)
    except InputRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError) as error:
        raise InputRefused(path, f"its zip cannot be read: {error}") from None
    except Exception as error:  # zlib.error and friends from corrupt compressed data
        raise InputRefused(path, f"its zip cannot be read: {type(error).__name__}: {error}") from None


def _check_member(package: zipfile.ZipFile, member: zipfile.ZipInfo, path: Path) -> None:
    """Read a part through (the zip checks its CRC) and refuse it when it is XML declaring a DTD, in any encoding."""
    # lxml reads the prolog in whatever encoding the part declares: imported here, when a package is opened.
    from ..ooxml.safe_xml import DTD_MESSAGE, declares_dtd

    with package.open(member) as stream:
        chunks = iter(lambda: stream.read(1 * MEGABYTE), b"")
        if declares_dtd(chunks):
            raise InputRefused(path, f"part {member.filename} {DTD_MESSAGE}")
        for _ in chunks:
            pass
