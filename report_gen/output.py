"""Write outputs atomically: every file to a temporary name beside it, then renamed into place.

A build produces everything in memory first; this is the only code that
writes into the output folder, so a failure leaves yesterday's files as
they were.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import BuildError


def write_all_atomically(outputs: dict[Path, bytes]) -> None:
    """Write every file to a temporary name beside it first, then rename them all into place.

    A failure while writing (a full disk, a folder that cannot be created)
    removes the temporary files and leaves every previous output as it was.
    """
    staged: list[tuple[str, Path]] = []
    path = Path(".")
    try:
        for path, data in outputs.items():
            staged.append((_write_temporary(path, data), path))
        while staged:
            temporary, path = staged[0]
            os.replace(temporary, path)
            staged.pop(0)
    except OSError as error:
        raise BuildError(f"{path}: cannot write: {error.strerror or error}") from None
    finally:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)


def write_changed_atomically(outputs: dict[Path, bytes]) -> tuple[list[Path], list[Path]]:
    """Write, as write_all_atomically does, only the files whose bytes differ from what is there.

    Return the files written and the files left as they were, so an
    unchanged output keeps its modification time.
    """
    unchanged = [path for path, data in outputs.items() if _holds(path, data)]
    kept = set(unchanged)
    changed = {path: data for path, data in outputs.items() if path not in kept}
    write_all_atomically(changed)
    return list(changed), unchanged


def _holds(path: Path, data: bytes) -> bool:
    """Say whether a file exists with exactly these bytes."""
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def write_atomically(path: Path, data: bytes) -> None:
    """Write bytes to a temporary file beside `path`, then rename it into place."""
    try:
        temporary = _write_temporary(path, data)
        try:
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise BuildError(f"{path}: cannot write: {error.strerror or error}") from None


def _write_temporary(path: Path, data: bytes) -> str:
    """Write bytes to a new temporary file in `path`'s folder (created when missing); return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary
