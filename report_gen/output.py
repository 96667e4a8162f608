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
- before the first rename, a journal (`.report_gen.<pid>.<random>.journal`,
  in the folder holding every output) lists every rename of the set: a build
  killed between two renames leaves it behind, and the next build (or `serve`)
  finishes that set from it (`recover`) before it looks at anything, so a
  kill never leaves a new chart beside an old briefing;
- folders created for a build that fails are removed again;
- temporary files and backups left by a build that was killed (its process is
  gone) are removed by the next build that writes into the same folders.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Iterable, Optional

from .errors import BuildError

TEMPORARY_SUFFIX = ".tmp"

JOURNAL_PREFIX = ".report_gen."
JOURNAL_SUFFIX = ".journal"
"""A journal is `.report_gen.<pid>.<random>.journal`: the renames of one set, in the folder holding all of them."""

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

    Every target is checked first (`check_target`); a set a killed build left
    half-renamed in these folders is finished first (`recover`). A failure
    while writing (a full disk, a folder that cannot be created) or renaming
    removes the temporary files, puts back what was already replaced and
    leaves every previous output as it was.
    """
    for path in outputs:
        check_target(path)
    recover(path.parent for path in outputs)
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
    recover(path.parent for path in outputs)  # what is there is compared only once a killed set is whole
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
    """Rename each temporary file over its target, under a journal; when one fails, put back the targets already replaced."""
    backups = [_keep_previous(path) for _, path in staged]
    journal = _write_journal([(temporary, path, backup) for (temporary, path), backup in zip(staged, backups)])
    replaced: list[tuple[Path, Optional[str]]] = []
    try:
        for (temporary, path), backup in zip(staged, backups):
            try:
                _rename(temporary, path)
            except OSError as error:
                error.target = path  # type: ignore[attr-defined]
                raise
            replaced.append((path, backup))
    except BaseException:
        for path, backup in reversed(replaced):
            _put_back(path, backup)
        raise
    finally:
        if journal is not None:
            Path(journal).unlink(missing_ok=True)
        for backup in backups:
            if backup is not None and os.path.lexists(backup):
                os.unlink(backup)


def _rename(temporary: str, path: Path) -> None:
    """One rename of a set into place (its own function, so a test can stop a build between two)."""
    os.replace(temporary, path)


def _home(paths: Iterable[Path]) -> Path:
    """Return the folder holding every path: where a set's journal goes."""
    return Path(os.path.commonpath([os.path.abspath(path.parent) for path in paths]))


def _write_journal(renames: list[tuple[str, Path, Optional[str]]]) -> Optional[str]:
    """Write the journal of a set's renames (names relative to its folder), synced, under its final name; return its path."""
    if len(renames) < 2:
        return None  # one rename is all or nothing by itself
    home = _home([Path(target) for _, target, _ in renames])
    entries = [[os.path.relpath(temporary, home), os.path.relpath(target, home), backup and os.path.relpath(backup, home)]
               for temporary, target, backup in renames]
    handle, staging = tempfile.mkstemp(dir=home, prefix=f"{JOURNAL_PREFIX}{os.getpid()}.", suffix=TEMPORARY_SUFFIX)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"pid": os.getpid(), "renames": entries}, stream)
            stream.flush()
            os.fsync(stream.fileno())
        journal = staging[: -len(TEMPORARY_SUFFIX)] + JOURNAL_SUFFIX
        os.replace(staging, journal)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise
    return journal


def recover(folders: Iterable[Path]) -> list[Path]:
    """Finish every set a killed build left half-renamed in `folders` (or their parents), then remove its leftovers.

    A journal names every rename of its set; each temporary file still there
    is renamed into place, so the set is whole and new, as its build meant it.
    The backups and temporary files of builds that are gone are removed from
    the folders. Return the outputs put into place.
    """
    folders = {Path(folder) for folder in folders}
    homes = {home for folder in folders for home in (folder, *folder.parents)}
    finished: list[Path] = []
    for home in sorted(homes, key=lambda folder: len(folder.parts), reverse=True):
        finished += _finish_journals(home)
    for folder in folders:
        _sweep(folder)
    return finished


def _finish_journals(home: Path) -> list[Path]:
    try:
        names = [name for name in os.listdir(home) if name.startswith(JOURNAL_PREFIX) and name.endswith(JOURNAL_SUFFIX)]
    except OSError:
        return []
    finished = []
    for name in names:
        journal = home / name
        try:
            record = json.loads(journal.read_text(encoding="utf-8"))
            if not _abandoned(journal, int(record["pid"]), stale=False):
                continue
            for temporary, target, backup in record["renames"]:
                if os.path.lexists(home / temporary):
                    os.replace(home / temporary, home / target)
                    finished.append(home / target)
                if backup and os.path.lexists(home / backup):
                    os.unlink(home / backup)
            journal.unlink()
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a journal it cannot act on is left for a person to see
    return finished


_LEFTOVER = re.compile(rf"\.(.+)\.(\d+)\.[a-z0-9_]{{8}}{re.escape(TEMPORARY_SUFFIX)}")


def _sweep(folder: Path) -> None:
    """Remove the temporary files and backups of any output in `folder` whose build is gone."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _LEFTOVER.fullmatch(name)
        if match is not None and _abandoned(folder / name, int(match.group(2))):
            try:
                (folder / name).unlink()
            except OSError:
                pass


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


def _abandoned(leftover: Path, pid: Optional[int], stale: bool = True) -> bool:
    """Say whether a temporary file's build is over: its process is gone, or (with `stale`) the file is older than any write."""
    try:
        if stale and time.time() - os.lstat(leftover).st_mtime > STALE_AFTER_SECONDS:
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
