"""Read the files a build is given (data, spreadsheets, source texts, templates, fonts) as regular files of bounded size, through one reader.

A data file may come from someone else, and so may the path to anything it
names. A FIFO would hang a reader, `/dev/zero` would fill memory, and a
symbolic link can point at either. So every input is opened without blocking
(a FIFO without a writer opens at once), checked with `fstat` on the opened
file (which follows links to what they point at), and refused unless it is a
regular file no larger than its cap. Nothing is read from a refused file.

The caps, one per kind of input, are documented in the README.

`Reads` is the one reader of a build: made once at the top of a command and
passed down to everything that reads an input, it reads each file once and
records the sha256 of the bytes it returned (and every path looked for and not
found). The whole-build record (`report_gen.pipeline.stamp`), the cache's keys
and the files `watch` and `serve` follow all come from what it recorded, so a
file saved during a build can never leave the documents built from one
version and the record keyed by another.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Optional

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

    Raise InputRefused otherwise (see `check_zip_package`). Outside a build; a build reads through its `Reads`.
    """
    return Reads().pptx_template(path)


def read_docx_template(path: str | Path) -> bytes:
    """Return a Word template's bytes: a regular file within MAX_DOCX_BYTES whose parts unpack and read back.

    Raise InputRefused otherwise (see `check_zip_package`). Outside a build; a build reads through its `Reads`.
    """
    return Reads().docx_template(path)


INPUT_KINDS = {
    "data": "the data file",
    "sheet": "a spreadsheet the data file names",
    "template": "a narrative or notes template",
    "pptx template": "a PowerPoint template",
    "docx template": "a Word template",
    "font": "a font file",
    "source": "a source text",
}
"""What a build reads, by kind, as messages name it."""

MAX_RECHECKED_BYTES = max(MAX_DATA_BYTES, MAX_SOURCE_BYTES, MAX_FONT_BYTES, MAX_PPTX_BYTES, MAX_DOCX_BYTES)
"""The most `digest_now` reads of a file recorded earlier: the largest cap of any kind."""


class Reads:
    """The one reader of a build: every input file read once, and the sha256 of the bytes it returned.

    Made once at the top of a command (`build`, `validate`, `figures` …) and
    passed down explicitly to everything that reads an input: the data file,
    the spreadsheets it names, the narrative and notes templates (the shipped
    ones too), the Word and PowerPoint templates, the font files and the source
    texts. A second read of a path returns the bytes of the first, so no part
    of a build can see another version of a file than the rest of it did.

    `record` is what was read: path → sha256, or None for a path looked for and
    not found (a template the templates folder lacks, a font file the data
    lists that is not there), so a file that appears later is a change too.
    Paths are absolute, as given (links are not resolved).
    """

    def __init__(self) -> None:
        self._bytes: dict[str, bytes] = {}
        self._digests: dict[str, Optional[str]] = {}
        self._kinds: dict[str, str] = {}
        self._zips_checked: set[str] = set()

    def read(self, path: str | Path, limit: int, kind: str) -> bytes:
        """Return a regular file's bytes (at most `limit`), read once per build; raise InputRefused for anything else."""
        key = _key(path)
        if key in self._bytes:
            return self._bytes[key]
        self._kinds[key] = kind
        try:
            data = read_regular(path, limit)
        except InputRefused:
            self._digests[key] = None
            raise
        self._bytes[key] = data
        self._digests[key] = hashlib.sha256(data).hexdigest()
        return data

    def fingerprint(self, path: str | Path, limit: int, kind: str = "font") -> str:
        """Record the sha256 of a file another library opens by its path (a font); return it. Raise InputRefused as `read`."""
        key = _key(path)
        known = self._digests.get(key)
        if known is not None:
            return known
        self._kinds[key] = kind
        self._digests[key] = None
        descriptor = _open_regular(Path(path), limit)
        hasher = hashlib.sha256()
        try:
            if hasattr(os, "set_blocking"):
                os.set_blocking(descriptor, True)
            while chunk := os.read(descriptor, MEGABYTE):
                hasher.update(chunk)
        except OSError as error:
            raise InputRefused(Path(path), f"cannot be read: {error.strerror or error}") from None
        finally:
            os.close(descriptor)
        self._digests[key] = hasher.hexdigest()
        return self._digests[key]

    def missing(self, path: str | Path, kind: str) -> None:
        """Record a path looked for and not found, so that its appearing later counts as a change."""
        key = _key(path)
        if key not in self._digests:
            self._digests[key], self._kinds[key] = None, kind

    def pptx_template(self, path: str | Path) -> bytes:
        """Return a .pptx template's bytes (see `read_pptx_template`), read and checked once per build."""
        data = self.read(path, MAX_PPTX_BYTES, "pptx template")
        self._check_zip(path, data, "not a .pptx file", MAX_PPTX_EXPANDED_BYTES)
        return data

    def docx_template(self, path: str | Path) -> bytes:
        """Return a Word template's bytes (see `read_docx_template`), read and checked once per build."""
        data = self.read(path, MAX_DOCX_BYTES, "docx template")
        self._check_zip(path, data, "not a .docx or .dotx file", MAX_DOCX_EXPANDED_BYTES)
        return data

    def _check_zip(self, path: str | Path, data: bytes, what: str, expanded_limit: int) -> None:
        key = _key(path)
        if key in self._zips_checked:
            return
        try:
            check_zip_package(path, data, expanded_limit)
        except InputRefused as error:
            raise InputRefused(Path(path), f"{what}: {error.reason}") from None
        self._zips_checked.add(key)

    def digest(self, path: str | Path | None) -> Optional[str]:
        """Return the recorded sha256 of a path read in this build; None for no path, or one not found."""
        return None if path is None else self._digests.get(_key(path))

    def record(self, kinds: Iterable[str] = ()) -> dict[str, Optional[str]]:
        """Return path → sha256 (None: looked for, not found) of what was read, of the kinds named (all when none are)."""
        wanted = set(kinds)
        return {key: digest for key, digest in sorted(self._digests.items()) if not wanted or self._kinds[key] in wanted}

    def entries(self) -> list[tuple[str, str, Optional[str]]]:
        """Return (path, kind, sha256 or None) for everything recorded, in path order: what a build record keeps."""
        return [(key, self._kinds[key], digest) for key, digest in sorted(self._digests.items())]

    def adopt(self, entries: Iterable[tuple[str, str, Optional[str]]]) -> None:
        """Take the entries of an earlier build whose files were found unchanged, as if read now (a build with nothing to do)."""
        for key, kind, digest in entries:
            self._digests[key], self._kinds[key] = digest, kind

    def paths(self) -> list[Path]:
        """Return every path recorded, found or not."""
        return [Path(key) for key in sorted(self._digests)]

    def refuse_overwriting(self, outputs: Iterable[str | Path], option: str, named: Optional[Mapping[Path, str]] = None) -> None:
        """Raise ReportError when an output would replace an input: a file this command read, or one of `named` (path → kind).

        `option` names what chose the output (`--out`, `--output`) for the message.
        """
        read = {key: kind for key, kind in self._kinds.items() if self._digests.get(key) is not None}
        read.update({_key(path): kind for path, kind in (named or {}).items()})
        files = {identity: key for key in read if (identity := _identity(key)) is not None}
        for output in outputs:
            key = _key(output)
            if key not in read:
                key = files.get(_identity(output), "")  # the same file under another name (a link)
            if key:
                raise ReportError(
                    f"{output}: is {INPUT_KINDS.get(read[key], read[key])} ({key}); "
                    f"an output never replaces an input, so choose another {option}"
                )


def _key(path: str | Path) -> str:
    return os.path.abspath(os.fspath(path))


def _identity(path: str | Path) -> Optional[tuple[int, int]]:
    """Return the device and inode of the file a path leads to (through links); None when there is none."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return (status.st_dev, status.st_ino) if status.st_ino else None  # some file systems give no inode numbers


def digest_now(path: str | Path) -> Optional[str]:
    """Return the sha256 of a regular file as it is now; None when it is missing, not a regular file, too large or unreadable.

    For checking a recorded read again: a FIFO or a device is never read here.
    """
    try:
        return Reads().fingerprint(path, MAX_RECHECKED_BYTES)
    except InputRefused:
        return None


def changed_reads(entries: Iterable[tuple[str, str, Optional[str]]]) -> Iterator[str]:
    """Yield each recorded path whose file is not as recorded now (changed, gone, or there when it was not)."""
    for key, _, digest in entries:
        if digest_now(key) != digest:
            yield key


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
