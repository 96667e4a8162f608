"""One LibreOffice kept listening for a session, so that `serve` renders pages without starting LibreOffice each time.

Starting LibreOffice costs about two seconds, and a preview of the briefing
and the deck starts it twice (the deck goes through an .odp first), so a
page render in `serve` spent most of its time starting LibreOffice. A
`WarmOffice` starts one LibreOffice listening on a named pipe, with a
profile of its own in a temporary folder, the first time it converts, and
drives it through LibreOffice's UNO bridge for every conversion after.

report_gen's Python usually cannot import `uno` (Debian's `python3-uno` is
built for the system's python3, not for a virtual environment), so the
listener is driven by `uno_bridge.py`, run by a Python that can
(`uno_python`: $REPORT_GEN_UNO_PYTHON, the Python LibreOffice ships on
macOS and Windows, or the system's python3). The bridge and LibreOffice run
in a process group of their own, registered with `libreoffice.start_program`,
so the group is ended whole when the session closes, when the command ends
(`end_running_programs`), and by the bridge itself when report_gen is gone.

Where it cannot be used (no Python with `uno`, a LibreOffice that does not
start listening), `convert` returns None and the caller converts as before,
starting LibreOffice afresh. A listener that dies (a crash) is started again
at the next conversion, and the conversion it was doing is done afresh; one
that takes longer than `convert_timeout()` is ended and the conversion fails
with the same `Timeout` as a cold one.

The listener reads its environment when it starts: a conversion asking for
another fontconfig file (the briefing's stand-in fonts) restarts it with a copy
of that file; any other difference of environment is not looked at.
"""

from __future__ import annotations

import functools
import json
import os
import selectors
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Mapping, Optional, Sequence

from ..errors import BuildError
from .libreoffice import convert_timeout, end_program, start_program, timed_out

BRIDGE = Path(__file__).resolve().parent / "uno_bridge.py"
"""The script a Python with `uno` runs to drive the listener."""

UNO_PYTHON_ENV = "REPORT_GEN_UNO_PYTHON"
"""Environment variable naming a Python that can `import uno`; set to an empty value, no listener is used."""

SYSTEM_PYTHONS = ("/usr/bin/python3", "python3")
"""Where a Python with LibreOffice's `uno` module is looked for after LibreOffice's own."""

DROPPED_ENVIRONMENT = ("PYTHONHOME", "PYTHONPATH", "PYTHONSTARTUP", "PYTHONUSERBASE")
"""Variables of report_gen's Python that would mislead another Python (a pyenv's or a virtual environment's)."""


@functools.lru_cache(maxsize=None)
def uno_python(soffice: str) -> Optional[str]:
    """Return a Python that can `import uno` for the LibreOffice `soffice`; None when there is none."""
    named = os.environ.get(UNO_PYTHON_ENV)
    if named is not None:
        return (named if _imports_uno(named) else None) if named else None
    program = Path(soffice).resolve().parent
    candidates = [program / "python", program / "python.exe", *SYSTEM_PYTHONS]
    for candidate in candidates:
        found = shutil.which(str(candidate))
        if found and _imports_uno(found):
            return found
    return None


def _imports_uno(python: str) -> bool:
    try:
        return subprocess.run([python, "-c", "import uno"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=_bridge_environment(os.environ), timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def _bridge_environment(env: Mapping[str, str]) -> dict[str, str]:
    return {name: value for name, value in env.items() if name not in DROPPED_ENVIRONMENT}


class Unavailable(Exception):
    """The listener has gone: convert afresh instead, and start another for the next conversion."""


class CannotStart(Unavailable):
    """No listener can be started here: convert afresh for the rest of the session."""


class Stopped(BuildError):
    """A conversion asked of a session's LibreOffice after (or while) the session was closed."""


class WarmOffice:
    """A LibreOffice started once and kept listening, converting documents for a session; close it to end it.

    Usable from any thread, one conversion at a time. `starts` counts the
    listeners started (1 for a session without a crash); `unavailable` says
    why conversions go cold, when they do.
    """

    def __init__(self, soffice: str, python: Optional[str] = None):
        self.soffice = soffice
        self.python = python if python is not None else uno_python(soffice)
        self.unavailable: Optional[str] = None if self.python else "no Python here can import LibreOffice's uno module"
        self.starts = 0
        self._lock = threading.Lock()
        self._process: Optional[subprocess.Popen] = None
        self._folder: Optional[Path] = None
        self._fonts: Optional[str] = None
        self._pending = b""
        self._closed = False

    def __enter__(self) -> "WarmOffice":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def pid(self) -> Optional[int]:
        """The process id of the bridge that leads the listener's process group; None when none is running."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    def convert(self, documents: Sequence[Path], out_dir: Path, target: str, env: Optional[Mapping[str, str]],
                what: str) -> Optional[subprocess.CompletedProcess]:
        """Convert as `soffice --convert-to target --outdir out_dir` would; None when the listener cannot (convert afresh).

        Raises `Timeout` (and ends the listener) when it takes longer than `convert_timeout()`.
        """
        if self._closed:
            raise Stopped(f"{what} was stopped: LibreOffice was ended with the command")
        if self.unavailable is not None or not documents:
            return None
        request = {"documents": [str(Path(document).resolve()) for document in documents],
                   "out_dir": str(Path(out_dir).resolve()), "target": target}
        with self._lock:
            try:
                self._ready(dict(os.environ if env is None else env))
                answer = self._ask(request, what)
            except Unavailable as error:
                self._end()
                if self._closed:  # ended from outside (end_running_programs) as the command stops: start nothing
                    raise Stopped(f"{what} was stopped: LibreOffice was ended with the command") from None
                if isinstance(error, CannotStart):
                    self.unavailable = str(error)
                return None
        return subprocess.CompletedProcess(["uno", target, *request["documents"]], int(answer.get("returncode", 1)),
                                           "", str(answer.get("stderr", "")))

    def stopping(self) -> None:
        """Say the command is stopping: a conversion under way, whose listener is about to be ended, starts nothing afresh."""
        self._closed = True

    def close(self) -> None:
        """End the listener and its process group, and remove its profile; convert nothing after."""
        self._closed = True
        with self._lock:
            self._end()

    # the listener

    def _ready(self, env: dict[str, str]) -> None:
        """Make sure a listener runs with the fontconfig file `env` names; start one (again) when not."""
        fonts = _read(env.get("FONTCONFIG_FILE"))
        if self._process is not None and (self._process.poll() is not None or fonts != self._fonts):
            self._end()
        if self._process is None:
            self._start(env, fonts)

    def _start(self, env: dict[str, str], fonts: Optional[str]) -> None:
        assert self.python is not None
        self._folder = Path(tempfile.mkdtemp(prefix="report_gen_warm_"))
        if fonts is not None:
            (self._folder / "fonts.conf").write_text(fonts, encoding="utf-8")
            env["FONTCONFIG_FILE"] = str(self._folder / "fonts.conf")
        profile = (self._folder / "profile").resolve().as_uri()
        pipe = f"report_gen_{os.getpid()}_{uuid.uuid4().hex[:12]}"
        try:
            self._process = start_program([self.python, str(BRIDGE), self.soffice, profile, pipe],
                                          _bridge_environment(env), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=subprocess.DEVNULL)
        except OSError as error:
            raise CannotStart(f"cannot start {self.python}: {error.strerror or error}") from None
        self._fonts, self._pending = fonts, b""
        self.starts += 1
        said = self._line(convert_timeout())
        if said is None or not said.get("ready"):
            raise CannotStart(f"cannot start LibreOffice listening: {(said or {}).get('stderr') or 'no answer'}")

    def _ask(self, request: dict, what: str) -> dict:
        assert self._process is not None and self._process.stdin is not None
        try:
            self._process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            self._process.stdin.flush()
        except OSError:
            raise Unavailable("the listener has gone") from None
        seconds = convert_timeout()
        answer = self._line(seconds)
        if answer is None:
            if self._process.poll() is None:
                self._end()
                raise timed_out(what, seconds)
            raise Unavailable("the listener has gone")
        if answer.get("lost"):
            raise Unavailable(f"the listener has gone: {answer.get('stderr')}")
        return answer

    def _line(self, seconds: float) -> Optional[dict]:
        """Read the bridge's next line as JSON; None when it ended first or `seconds` passed."""
        assert self._process is not None and self._process.stdout is not None
        stream = self._process.stdout
        deadline = time.monotonic() + seconds
        with selectors.DefaultSelector() as selector:
            selector.register(stream, selectors.EVENT_READ)
            while b"\n" not in self._pending:
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                if not selector.select(min(left, 1.0)):
                    continue
                chunk = os.read(stream.fileno(), 65536)
                if not chunk:
                    return None  # the bridge ended
                self._pending += chunk
        line, _, self._pending = self._pending.partition(b"\n")
        try:
            said = json.loads(line)
        except ValueError:
            return None
        return said if isinstance(said, dict) else None

    def _end(self) -> None:
        if self._process is not None:
            end_program(self._process)
            self._process = None
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None


def _read(path: Optional[str]) -> Optional[str]:
    if not path:
        return None
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return None


def available(soffice: Optional[str]) -> bool:
    """Say whether a listener can be used with the LibreOffice `soffice`: it is installed and a Python here has `uno`."""
    return soffice is not None and uno_python(soffice) is not None

