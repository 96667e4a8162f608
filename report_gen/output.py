"""Write outputs atomically: every file to a temporary name beside it, then renamed into place, all or none.

A build produces everything in memory first; this is the only code that
writes into the output folder, so a failure leaves yesterday's files as
they were:

- every target is checked before anything is written: only regular files
  (or links to them, which are replaced, not followed) and new names are
  written over, never a device, a FIFO, a folder or a link to one of those;
- every file is written to `.<name>.<pid>.<random>.tmp` beside it, then all
  are renamed into place; when a rename fails (a file held open on Windows,
  an immutable file), the targets already replaced are put back, so a build
  replaces all its outputs or none;
- folders created for a build that fails are removed again;
- temporary files left by a build that was killed (its process is gone) are
  removed by the next build that writes the same names.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Optional

from .errors import BuildError

TEMPORARY_SUFFIX = ".tmp"

STALE_AFTER_SECONDS = 3600
"""Age after which a temporary file whose process cannot be checked (older versions, other systems) is removed."""

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def write_all_atomically(outputs: dict[Path, bytes]) -> None:
    """Write every file to a temporary name beside it, then rename them all into place, or none.

    Every target is checked first (`check_target`); a failure while writing
    (a full disk, a folder that cannot be created) or renaming removes the
    temporary files, puts back what was already replaced and leaves every
    previous output as it was.
    """
    for path in outputs:
        check_target(path)
    created: list[Path] = []
    staged: list[tuple[str, Path]] = []
    path = Path(".")
    finished = False
    try:
        for path, data in outputs.items():
            created += _make_folder(path.parent)
            remove_leftovers(path)
            staged.append((_write_temporary(path, data), path))
        _replace_all(staged)
        staged.clear()
        finished = True
    except OSError as error:
        raise BuildError(f"{getattr(error, 'target', path)}: cannot write: {error.strerror or error}") from None
    finally:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        if not finished:  # also what an interruption left between writing a temporary file and noting it
            for target in outputs:
                remove_leftovers(target, own=True)
            _remove_empty(created)


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
    """Write bytes to a temporary file beside `path`, then rename it into place; `path` is checked as for a build."""
    check_target(path)
    try:
        remove_leftovers(path)
        temporary = _write_temporary(path, data)
        try:
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise BuildError(f"{path}: cannot write: {error.strerror or error}") from None


def check_target(path: Path) -> None:
    """Raise BuildError unless `path` can be written over: a new name, a regular file or a link (replaced) to one.

    Its folder must be a folder, or a name that can be created as one.
    """
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        _check_folder(path.parent)
        return
    except OSError as error:
        raise BuildError(f"{path}: cannot write: {error.strerror or error}") from None
    if stat.S_ISLNK(status.st_mode):
        try:
            status = os.stat(path)
        except OSError:
            return  # a dangling link is replaced like a new name
        if not stat.S_ISREG(status.st_mode):
            raise BuildError(
                f"{path}: is a link to {_kind(status.st_mode)}; report_gen writes only over regular files or new names, so nothing was written"
            )
        return
    if not stat.S_ISREG(status.st_mode):
        raise BuildError(f"{path}: is {_kind(status.st_mode)}; report_gen writes only over regular files or new names, so nothing was written")


def _check_folder(folder: Path) -> None:
    for parent in [folder, *folder.parents]:
        if os.path.isdir(parent):
            return
        if os.path.lexists(parent):
            raise BuildError(f"{parent}: cannot write: it is a file, not a folder, so nothing was written")


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _make_folder(folder: Path) -> list[Path]:
    """Create `folder` and any missing parents; return the folders created, deepest last."""
    missing = [parent for parent in reversed([folder, *folder.parents]) if not os.path.lexists(parent)]
    folder.mkdir(parents=True, exist_ok=True)
    return missing


def _remove_empty(folders: list[Path]) -> None:
    for folder in reversed(folders):
        try:
            folder.rmdir()
        except OSError:
            pass


def _replace_all(staged: list[tuple[str, Path]]) -> None:
    """Rename each temporary file over its target; when one fails, put back the targets already replaced."""
    replaced: list[tuple[Path, Optional[str]]] = []
    try:
        for temporary, path in staged:
            backup = _keep_previous(path)
            try:
                os.replace(temporary, path)
            except OSError as error:
                if backup is not None:
                    Path(backup).unlink(missing_ok=True)
                error.target = path  # type: ignore[attr-defined]
                raise
            replaced.append((path, backup))
    except OSError:
        for path, backup in reversed(replaced):
            _put_back(path, backup)
        raise
    finally:
        for _, backup in replaced:
            if backup is not None and os.path.lexists(backup):
                os.unlink(backup)


def _keep_previous(path: Path) -> Optional[str]:
    """Keep the current target under a temporary name (a hard link, else a copy); None when there is none."""
    if not os.path.lexists(path):
        return None
    backup = _temporary_name(path)
    try:
        os.link(path, backup, follow_symlinks=False)
    except OSError:
        if os.path.islink(path):
            os.symlink(os.readlink(path), backup)
        else:
            shutil.copy2(path, backup)
    return backup


def _put_back(path: Path, backup: Optional[str]) -> None:
    try:
        if backup is None:
            path.unlink(missing_ok=True)
        else:
            os.replace(backup, path)
    except OSError:
        pass  # the rename that failed is what the user is told about


def _temporary_name(path: Path) -> str:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMPORARY_SUFFIX)
    os.close(handle)
    os.unlink(name)
    return name


def _write_temporary(path: Path, data: bytes) -> str:
    """Write bytes to a new temporary file in `path`'s folder (created when missing); return its name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMPORARY_SUFFIX)
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


def remove_leftovers(path: Path, own: bool = False) -> list[Path]:
    """Remove the temporary files of `path` left by builds that were killed; return what was removed.

    A temporary file names the process that wrote it; it is left alone while
    that process runs. One without a process id (an older report_gen), or on
    a system where processes cannot be checked, is removed once it is older
    than STALE_AFTER_SECONDS. With `own`, this process's own temporary files
    of `path` are removed instead, after a failed build.
    """
    pattern = re.compile(rf"\.{re.escape(path.name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}{re.escape(TEMPORARY_SUFFIX)}")
    removed: list[Path] = []
    try:
        names = os.listdir(path.parent)
    except OSError:
        return removed
    for name in names:
        match = pattern.fullmatch(name)
        if match is None:
            continue
        leftover = path.parent / name
        pid = int(match.group(1)) if match.group(1) else None
        if (pid == os.getpid()) if own else _abandoned(leftover, pid):
            try:
                leftover.unlink()
                removed.append(leftover)
            except OSError:
                pass
    return removed


def _abandoned(leftover: Path, pid: Optional[int]) -> bool:
    """Say whether a temporary file's build is over: its process is gone, or the file is older than any write."""
    try:
        if time.time() - os.lstat(leftover).st_mtime > STALE_AFTER_SECONDS:
            return True
    except OSError:
        return False
    if pid is None or os.name != "posix" or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)  # signal 0 only asks whether the process exists
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False
