"""Writing outputs: only over regular files or new names, all targets or none, and no leftovers of killed builds."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import MINI, ROOT
from report_gen import output as output_module
from report_gen.cli import main
from report_gen.errors import BuildError
from report_gen.output import STALE_AFTER_SECONDS, remove_leftovers, write_all_atomically, write_atomically

DEV_NULL = Path("/dev/null")
POSIX_DEVICES = pytest.mark.skipif(not DEV_NULL.is_char_device(), reason="needs /dev/null")


def yesterday(out: Path) -> dict[Path, bytes]:
    """Fill out/ with a previous build's files; return them."""
    files = {out / "charts" / "a.png": b"old chart a", out / "charts" / "b.png": b"old chart b", out / "r.docx": b"old briefing"}
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return files


def today(out: Path) -> dict[Path, bytes]:
    return {out / "charts" / "a.png": b"new chart a", out / "charts" / "b.png": b"new chart b", out / "r.docx": b"new briefing"}


def contents(out: Path) -> dict[str, bytes]:
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}


@POSIX_DEVICES
def test_figures_refuses_to_write_over_a_device(capsys):
    assert main(["figures", str(MINI), "--format", "csv", "-o", str(DEV_NULL)]) == 1
    assert capsys.readouterr().err == (
        "error: /dev/null: is a device; report_gen writes only over regular files or new names, so nothing was written\n"
    )
    assert DEV_NULL.is_char_device()


@POSIX_DEVICES
def test_a_link_to_a_device_is_refused_and_left_as_it_was(tmp_path):
    link = tmp_path / "figures.csv"
    link.symlink_to(DEV_NULL)
    with pytest.raises(BuildError, match=r"figures\.csv: is a link to a device; report_gen writes only over regular files"):
        write_atomically(link, b"x")
    assert link.is_symlink() and os.readlink(link) == str(DEV_NULL)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_place_of_an_output_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    before = yesterday(out)
    os.mkfifo(out / "r.docx.fifo")
    targets = today(out) | {out / "r.docx.fifo": b"x"}
    with pytest.raises(BuildError, match=r"r\.docx\.fifo: is a FIFO \(named pipe\)"):
        write_all_atomically(targets)
    assert {path: path.read_bytes() for path in before} == before


def test_a_folder_in_place_of_an_output_is_refused_before_anything_is_written(tmp_path):
    out = tmp_path / "out"
    yesterday(out)
    before = contents(out)
    (out / "r.pptx").mkdir()
    with pytest.raises(BuildError) as caught:
        write_all_atomically(today(out) | {out / "r.pptx": b"new deck"})
    assert str(caught.value) == f"{out / 'r.pptx'}: is a folder; report_gen writes only over regular files or new names, so nothing was written"
    assert contents(out) == before


def test_a_link_to_a_regular_file_is_replaced_and_its_target_kept(tmp_path):
    target = tmp_path / "elsewhere.docx"
    target.write_bytes(b"someone else's file")
    link = tmp_path / "out" / "r.docx"
    link.parent.mkdir()
    link.symlink_to(target)
    write_all_atomically({link: b"new briefing"})
    assert not link.is_symlink() and link.read_bytes() == b"new briefing"
    assert target.read_bytes() == b"someone else's file"


def test_a_rename_that_fails_puts_back_what_was_already_replaced(tmp_path, monkeypatch):
    out = tmp_path / "out"
    yesterday(out)
    before = contents(out)
    real_replace = os.replace

    def held_open(source, target):
        if str(target).endswith("r.docx") and str(source).endswith(".tmp"):
            raise PermissionError(errno.EACCES, "The process cannot access the file because it is being used by another process")
        return real_replace(source, target)

    monkeypatch.setattr(output_module.os, "replace", held_open)
    with pytest.raises(BuildError, match=r"r\.docx: cannot write: The process cannot access the file"):
        write_all_atomically(today(out) | {out / "new.pptx": b"a new deck"})
    monkeypatch.undo()
    assert contents(out) == before


def test_a_failed_build_into_a_new_folder_leaves_no_empty_folders(tmp_path, monkeypatch):
    out = tmp_path / "out"

    def full(path, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(output_module, "_write_temporary", full)
    with pytest.raises(BuildError, match="No space left on device"):
        write_all_atomically(today(out))
    assert not out.exists()


def dead_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True, check=True)
    return int(finished.stdout)


def test_temporary_files_of_a_killed_build_are_removed_by_the_next(tmp_path):
    out = tmp_path / "out"
    yesterday(out)
    killed = out / f".r.docx.{dead_pid()}.abcd_123.tmp"
    running = out / f".r.docx.{os.getpid()}.efgh_456.tmp"
    older_version = out / ".r.docx.ijkl_789.tmp"
    recent_older_version = out / ".r.docx.mnop_012.tmp"
    unrelated = out / ".notes.txt.qrst_345.tmp"
    for path in (killed, running, older_version, recent_older_version, unrelated):
        path.write_bytes(b"half a file")
    old = time.time() - STALE_AFTER_SECONDS - 60
    os.utime(older_version, (old, old))
    write_all_atomically(today(out))
    assert sorted(path.name for path in out.glob(".*.tmp")) == sorted(
        path.name for path in (running, recent_older_version, unrelated)
    )
    assert remove_leftovers(out / "r.docx") == []


@pytest.mark.skipif(os.name != "posix", reason="SIGTERM is POSIX")
def test_sigterm_during_a_build_unwinds_and_leaves_no_temporary_files(tmp_path):
    out = tmp_path / "out"
    script = (
        "import os, signal, sys\n"
        "from report_gen import output\n"
        "from report_gen.cli import main\n"
        "real = output._write_temporary\n"
        "def slow(path, data):\n"
        "    name = real(path, data)\n"
        "    if path.suffix == '.pptx':\n"
        "        os.kill(os.getpid(), signal.SIGTERM)\n"
        "    return name\n"
        "output._write_temporary = slow\n"
        f"sys.exit(main(['build', {str(MINI)!r}, '--out', {str(out)!r}, '--quiet']))\n"
    )
    finished = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert finished.returncode == 130, finished.stderr
    assert finished.stderr.strip() == "interrupted; nothing half-written was left in place"
    assert list(out.rglob("*.tmp")) == []
    assert not (out / "mini.docx").exists()


KILLED_BETWEEN_RENAMES = """
import os, signal, sys
from pathlib import Path
from report_gen import output
out, kill_at = Path(sys.argv[1]), int(sys.argv[2])
renames = []
real = output._rename
def rename(temporary, path):
    renames.append(path)
    if len(renames) == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)  # nothing can clean up after this
    real(temporary, path)
output._rename = rename
output.write_all_atomically({out / "charts" / "a.png": b"new chart a", out / "charts" / "b.png": b"new chart b",
                             out / "r.docx": b"new briefing", out / "r.pptx": b"new deck"})
"""
"""Writes today's four outputs over yesterday's, and kills itself with SIGKILL at the kill_at-th rename."""


def killed_between_renames(out: Path, kill_at: int) -> None:
    finished = subprocess.run([sys.executable, "-c", KILLED_BETWEEN_RENAMES, str(out), str(kill_at)],
                              cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True)
    assert finished.returncode == -9, finished.stderr


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
@pytest.mark.parametrize("kill_at", [2, 3, 4])
def test_a_set_killed_between_two_renames_is_finished_by_the_next_build(tmp_path, kill_at):
    out = tmp_path / "out"
    yesterday(out)
    (out / "r.pptx").write_bytes(b"old deck")
    killed_between_renames(out, kill_at)
    left = contents(out)
    visible = {name: data for name, data in left.items() if not name.split("/")[-1].startswith(".")}
    assert {data.split()[0] for data in visible.values()} == {b"old", b"new"}, "the kill did not land between renames"
    assert any(name.endswith(".journal") for name in left)
    output_module.recover([out, out / "charts"])
    assert contents(out) == {"charts/a.png": b"new chart a", "charts/b.png": b"new chart b",
                             "r.docx": b"new briefing", "r.pptx": b"new deck"}


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_a_build_after_a_killed_one_finishes_its_set_and_leaves_no_backups(tmp_path):
    out = tmp_path / "out"
    yesterday(out)
    (out / "r.pptx").write_bytes(b"old deck")
    killed_between_renames(out, 3)
    assert main(["build", str(MINI), "--out", str(out), "--quiet", "--only", "docx"]) == 0
    names = set(contents(out))
    assert not [name for name in names if name.split("/")[-1].startswith(".") and not name.startswith(".cache/")]
    assert (out / "r.pptx").read_bytes() == b"new deck" and (out / "charts" / "a.png").read_bytes() == b"new chart a"
