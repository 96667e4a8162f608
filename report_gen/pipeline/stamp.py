"""A build with nothing to do: the record of what a build read and wrote, and the check that nothing has changed since.

A build's record is kept under a key of everything about the build that is
not a file it reads: report_gen's and the libraries' versions, the working
folder, the options, the environment variables it reads, the fonts installed
(their names, sizes and times) and, for `--pdf`, the LibreOffice that converts.

The record holds what the build's one reader (`report_gen.data.files.Reads`)
recorded: every file the build read, with the sha256 of the bytes it was
built from, and every path it looked for and did not find; and every file it
wrote, with its sha256. The next build with the same key reads the record,
hashes those files again, and has nothing to do when every one is as
recorded and every output is as written. Nothing is read twice to make the
key, so a file saved during a build leaves a record of the bytes that were
built, and the next build sees the change.

A build with nothing to do writes nothing, not even the cache's access times:
`watch` and `serve` beside each other never wake each other up.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Optional

from ..data.files import Reads, changed_reads
from . import cache as caching
from .documents import soffice_identity
from .options import BuildOptions, BuildResult

STAMP_ENVIRONMENT = ("REPORT_GEN_FONT", "SOURCE_DATE_EPOCH", "REPORT_GEN_SOFFICE")
"""Environment variables a build reads, part of its record's key."""

RECORDS_DIR = "records"
"""Folder of the build records inside the cache folder: one JSON file per key."""

RECORD_FORMAT = 2
"""Layout of a record; part of its key, so a new layout never reads an old one."""


def record_key(options: BuildOptions) -> str:
    """Return the key a build's record is kept under: everything about the build that is not a file it reads."""
    return caching.digest(
        "build record",
        RECORD_FORMAT,
        caching.environment_digest(),
        str(Path.cwd()),
        caching.installed_fonts_digest(),
        {name: os.environ.get(name) for name in STAMP_ENVIRONMENT},
        {item.name: str(getattr(options, item.name)) for item in dataclasses.fields(options)},
        soffice_identity() if options.pdf else None,
    )


def record_file(cache: caching.Cache, key: str) -> Optional[Path]:
    """Return where the record of `key` is kept; None without a cache."""
    return None if cache.root is None or not key else cache.root / RECORDS_DIR / f"{key}.json"


def unchanged_build(cache: caching.Cache, key: str, reads: Reads) -> Optional[BuildResult]:
    """Return the result of the last build when every file it read and wrote is as it was; else None.

    On success `reads` takes the record's files as read, so a caller (watch)
    knows what this build depends on. Nothing is written.
    """
    recorded = _load(record_file(cache, key))
    if recorded is None:
        return None
    read = [(path, kind, digest) for path, kind, digest in recorded["read"]]
    if next(changed_reads(read), None) is not None:
        return None
    for path, digest in recorded["wrote"].items():
        try:
            if not Path(path).is_file() or caching.digest(Path(path).read_bytes()) != digest:
                return None
        except OSError:
            return None
    reads.adopt(read)
    return BuildResult(
        font=recorded["font"], warnings=list(recorded["warnings"]), warning_details=list(recorded["warning_details"]),
        font_details=list(recorded["font_details"]),
        unchanged=[Path(path) for path in recorded["wrote"]], reused={"builds": 1},
    )


def keep_record(cache: caching.Cache, key: str, reads: Reads, outputs: dict[Path, bytes], result: BuildResult) -> None:
    """Keep what a build read (from its reader) and wrote, to know next time whether it can be skipped.

    The file is replaced atomically, and left alone when it already says the same.
    """
    path = record_file(cache, key)
    if path is None:
        return
    record: dict[str, Any] = {
        "read": [list(entry) for entry in reads.entries()],
        "wrote": {str(output): caching.digest(data) for output, data in outputs.items()},
        "warnings": result.warnings,
        "warning_details": result.warning_details,
        "font": result.font,
        "font_details": result.font_details,
    }
    text = json.dumps(record, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
    try:
        if path.is_file() and path.read_bytes() == text:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, staging = tempfile.mkstemp(dir=path.parent, prefix=f".{key[:16]}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(text)
            os.replace(staging, path)
        except BaseException:
            Path(staging).unlink(missing_ok=True)
            raise
    except OSError:
        return  # a record that cannot be kept only costs the next build its shortcut


def _load(path: Optional[Path]) -> Optional[dict[str, Any]]:
    """Return a record, or None when there is none or it cannot be read as one."""
    if path is None:
        return None
    try:
        recorded = json.loads(path.read_bytes())
        if not isinstance(recorded.get("read"), list) or not isinstance(recorded.get("wrote"), dict):
            return None
        if any(name not in recorded for name in ("warnings", "warning_details", "font", "font_details")):
            return None
        for entry in recorded["read"]:
            if not (isinstance(entry, list) and len(entry) == 3):
                return None
        return recorded
    except (OSError, ValueError, AttributeError):
        return None
