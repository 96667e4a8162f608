"""A live preview in the browser: the charts, the data's problems, and the briefing's pages and the deck's slides.

`serve` builds, then rebuilds on every change (tools/watch.rebuilds), and
serves one page on 127.0.0.1 that follows the builds through server-sent
events: the charts and any data problems (each with its file, line and field)
show as soon as a build ends; the pages and slides follow when LibreOffice
has rendered them in the background (tools/preview), behind a progress bar.

The server is the standard library's: one page, one JSON state, one event
stream and the files of the output folder (not its hidden files: the cache,
a build's temporary files) are all it serves, to this machine only: it
listens on 127.0.0.1 and answers only requests addressed to 127.0.0.1:PORT
or localhost:PORT, so a web page that rebinds its own name to 127.0.0.1
cannot read it. Idle connections cost no thread, requests are handled by a
bounded number of threads, and each has REQUEST_SECONDS to arrive.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import queue
import selectors
import socket
import sys
import threading
import time
import webbrowser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable, Optional
from urllib.parse import unquote, urlsplit

from ..data.load import load_report
from ..errors import ReportError
from ..output import recover
from ..pipeline import BuildEvents, BuildOptions
from ..convert.libreoffice import end_running_programs
from ..convert.warm import WarmOffice
from .preview import PREVIEW_DIR, find_tools, render_documents
from .watch import Rebuild, rebuilds

PAGE = Path(__file__).resolve().parent / "static" / "preview.html"
"""The preview page: its script follows /events and draws the state it receives."""

KEEPALIVE_SECONDS = 15
"""How often an idle event stream sends a comment, so proxies and browsers keep it open."""


class Preview:
    """What the page shows, as a versioned state; every change wakes the event streams."""

    def __init__(self, options: BuildOptions, dpi: int):
        self.options = options
        self.dpi = dpi
        self.changed = threading.Condition()
        self.version = 0
        self.state: dict[str, Any] = {
            "data": str(options.data), "status": "building", "summary": "", "changed": [],
            "problems": [], "charts": [], "pages": {"briefing": [], "deck": []},
            "render": {"state": "waiting", "message": "", "started": None},
        }
        self.closed = False
        self._render_wanted: Optional[tuple[int, list[Path]]] = None
        self._render_generation = 0
        self.office: Optional[WarmOffice] = None
        """The LibreOffice kept running to render pages, started at the first render; None before it."""

    def update(self, **changes: Any) -> None:
        """Change parts of the state and wake every stream."""
        with self.changed:
            self.state.update(changes)
            self.version += 1
            self.changed.notify_all()

    def snapshot(self) -> tuple[int, dict[str, Any]]:
        """Return the state's version and a copy of it."""
        with self.changed:
            return self.version, json.loads(json.dumps(self.state))

    def newer_than(self, version: int, timeout: float) -> Optional[tuple[int, dict[str, Any]]]:
        """Wait up to `timeout` seconds for a state newer than `version`; None when there is none (or the preview closed)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != version or self.closed, timeout)
            if self.version == version or self.closed:
                return None
        return self.snapshot()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    # builds

    def follow(self, stop: threading.Event, say: Callable[[str], None]) -> None:
        """Build and rebuild until `stop` is set, publishing each outcome; whatever goes wrong is shown and watching goes on."""
        while not stop.is_set():
            try:
                for outcome in rebuilds(self.options, stop, progress=_Building(self), say=say):
                    for line in outcome.lines():
                        say(line)
                    self.publish(outcome)
                return
            except Exception as error:  # a bug in report_gen: show it on the page, and start following again
                message = f"error: internal error: {type(error).__name__}: {error}; watching again"
                say(message)
                self.update(status="problems", problems=[_problem(message)], summary="下方仍是上一次成功生成的内容")
                stop.wait(1.0)

    def publish(self, outcome: Rebuild) -> None:
        """Show a build's outcome: its charts and no problems, or its problems over the last good pages."""
        changed = [str(path) for path in outcome.changed]
        if outcome.result is None:
            self.update(status="problems", problems=[_problem(line) for line in outcome.problems],
                        changed=changed, summary="下方仍是上一次成功生成的内容")
            return
        documents = [path for path in outcome.result.outputs if path.suffix in (".docx", ".pptx")]
        problems: list[str] = []
        try:
            charts = self._charts()
        except ReportError as error:  # the data changed again since the build: the next build says how
            charts, problems = self.state["charts"], [f"error: {error}"]
        self.update(status="ok", problems=[_problem(line) for line in problems], changed=changed,
                    summary=outcome.result.summary(), charts=charts)
        self.render(documents)

    def _charts(self) -> list[dict[str, str]]:
        """Return each chart of the data as the page shows it: title, caption, and its picture's address."""
        report = load_report(self.options.data)
        shown = []
        for _, chart in report.all_charts():
            picture = self.options.out_dir / "charts" / f"{chart.id}.png"
            if picture.is_file():
                shown.append({"id": chart.id, "title": chart.title, "caption": chart.caption, "src": _address(self.options.out_dir, picture)})
        return shown

    # pages, rendered in the background

    def render(self, documents: list[Path]) -> None:
        """Ask for the documents' pages; a render already running finishes, then the latest request runs."""
        with self.changed:
            self._render_generation += 1
            self._render_wanted = (self._render_generation, documents)
            self.changed.notify_all()

    def render_pages(self, stop: threading.Event) -> None:
        """Render the latest requested documents to page images, one request at a time, until `stop` is set.

        One LibreOffice is kept listening for the session (`report_gen.convert.warm`), so a render
        starts none; where that cannot be, each render starts LibreOffice afresh.
        """
        try:
            while not stop.is_set():
                with self.changed:
                    self.changed.wait_for(lambda: self._render_wanted is not None or self.closed, 0.5)
                    wanted, self._render_wanted = self._render_wanted, None
                if wanted is not None:
                    self._render(*wanted)
        finally:
            self.end_office()

    def _render(self, generation: int, documents: list[Path]) -> None:
        if self.closed:
            return
        self.update(render={"state": "running", "message": "LibreOffice 正在排版页面…", "started": time.time()})
        try:
            tools = find_tools()
            if self.office is None or self.office.soffice != tools.soffice:
                self.end_office()
                self.office = WarmOffice(tools.soffice)
            style = _style(self.options.data)
            office = self.office if self.office.unavailable is None else None  # None: one LibreOffice for both, as preview
            result = render_documents(documents, self.options.out_dir / PREVIEW_DIR, tools, self.dpi,
                                      style.briefing.fonts, style.deck.fonts, office=office, sheet=False)
        except ReportError as error:
            self.update(render={"state": "failed", "message": str(error), "started": None})
            return
        if generation != self._render_generation:
            return  # a newer build is waiting to be rendered
        pages: dict[str, list[str]] = {"briefing": [], "deck": []}
        for document, images in result.pages.items():
            pages["briefing" if document.suffix == ".docx" else "deck"] = [_address(self.options.out_dir, image) for image in images]
        self.update(pages=pages, render={"state": "done", "message": "", "started": None})

    def end_office(self) -> None:
        """End the LibreOffice kept for rendering, if one was started."""
        office, self.office = self.office, None
        if office is not None:
            office.close()


class _Building(BuildEvents):
    """Marks the page as building when a build starts its work."""

    def __init__(self, preview: Preview):
        self.preview = preview

    def stage(self, text: str) -> None:
        if text.startswith("checking"):
            self.preview.update(status="building")


def _style(data: Path) -> Any:
    return load_report(data).style


def _problem(line: str) -> dict[str, str]:
    """Split `FILE:LINE: PATH: message` into where and what, for the page to set the location apart."""
    where, _, rest = line.partition(": ")
    if line.startswith("error: ") or not rest:
        return {"where": "", "text": line}
    return {"where": where, "text": rest}


def _address(out_dir: Path, path: Path) -> str:
    """Return the page's address of a file in the output folder, versioned by its bytes so a browser never shows an old one."""
    version = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
    return f"/files/{path.relative_to(out_dir).as_posix()}?v={version}"


REQUEST_SECONDS = 10
"""How long a connection may take to send its request, and any one write to it may block."""

MAX_HANDLERS = 64
"""Requests handled at once (each in a thread of its own); one more is answered 503 at once."""

MAX_STREAMS = 48
"""Event streams open at once, out of MAX_HANDLERS: the rest stay free for the page, its state and its files."""

MAX_WAITING = 1024
"""Connections that have sent nothing yet, kept without a thread; past this the oldest is closed."""


class _Handler(BaseHTTPRequestHandler):
    """The page, its state, its event stream and the output folder's files; nothing else, and only to this machine's names."""

    server: "_Server"

    def setup(self) -> None:
        self.timeout = REQUEST_SECONDS  # for reading the request and for every write
        super().setup()

    def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
        if (self.headers.get("Host") or "").strip().lower() not in self.server.hosts:
            # A page elsewhere that rebinds its own name to 127.0.0.1 still sends its own name: refuse it.
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "this preview answers only to " + " and ".join(sorted(self.server.hosts)))
            return
        route = unquote(urlsplit(self.path).path)
        if any(ord(character) < 32 for character in route):
            self.send_error(HTTPStatus.NOT_FOUND)
        elif route in ("/", "/index.html"):
            self._send(PAGE.read_bytes(), "text/html; charset=utf-8")
        elif route == "/state":
            self._send(json.dumps(self.server.preview.snapshot()[1], ensure_ascii=False).encode("utf-8"), "application/json")
        elif route == "/events":
            self._stream()
        elif route.startswith("/files/"):
            self._file(route[len("/files/"):])
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _file(self, relative: str) -> None:
        """Send a file of the output folder; a hidden name (the cache, a build's temporary files, its journal) is not one."""
        root = self.server.preview.options.out_dir.resolve()
        try:
            path = (root / relative).resolve()
            found = (path.is_relative_to(root) and path.is_file()
                     and not any(part.startswith(".") for part in path.relative_to(root).parts)
                     and not any(part.startswith(".") for part in Path(relative).parts))
            body = path.read_bytes() if found else None
        except (OSError, ValueError):
            body = None
        if body is None:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self._send(body, mimetypes.guess_type(path.name)[0] or "application/octet-stream")

    def _stream(self) -> None:
        """Send the state now and again after every change, as server-sent events."""
        if not self.server.streams.acquire(blocking=False):
            self.send_error(HTTPStatus.SERVICE_UNAVAILABLE, f"at most {MAX_STREAMS} pages may follow this preview at once")
            return
        try:
            self._follow()
        finally:
            self.server.streams.release()

    def _follow(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        preview = self.server.preview
        version, state = preview.snapshot()
        try:
            self._event(version, state)
            while not preview.closed:
                newer = preview.newer_than(version, KEEPALIVE_SECONDS)
                if newer is None:
                    self.wfile.write(b": still here\n\n")
                else:
                    version, state = newer
                    self._event(version, state)
                self.wfile.flush()
        except OSError:  # the page went away, or stopped reading (a write timed out)
            return

    def _event(self, version: int, state: dict[str, Any]) -> None:
        payload = json.dumps({"version": version, **state}, ensure_ascii=False)
        self.wfile.write(f"id: {version}\ndata: {payload}\n\n".encode("utf-8"))
        self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the standard library's name)
        """Say nothing for each request: the terminal shows the builds."""


class _Server(ThreadingHTTPServer):
    """The HTTP server, holding the preview its handlers read.

    A connection gets a thread only once it has sent something (`_Waiting`),
    at most MAX_HANDLERS at once, and REQUEST_SECONDS to send its request:
    hundreds of connections that open and say nothing cost no thread and do
    not keep the page from its state.
    """

    daemon_threads = True
    request_queue_size = 128

    def __init__(self, port: int, preview: Preview):
        self.preview = preview
        self.handlers = threading.BoundedSemaphore(MAX_HANDLERS)
        self.streams = threading.BoundedSemaphore(MAX_STREAMS)
        super().__init__(("127.0.0.1", port), _Handler)
        self.hosts = {f"127.0.0.1:{self.server_port}", f"localhost:{self.server_port}"}
        self.waiting = _Waiting(self)

    def process_request(self, request: Any, client_address: Any) -> None:
        """Hold a new connection without a thread until it sends its request."""
        self.waiting.add(request, client_address)

    def handle_readable(self, request: Any, client_address: Any) -> None:
        """Handle a connection that has sent something, in a thread of its own, or answer 503 when too many are."""
        if not self.handlers.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
            except OSError:
                pass
            self.shutdown_request(request)
            return
        threading.Thread(target=self._handle, args=(request, client_address), daemon=True).start()

    def _handle(self, request: Any, client_address: Any) -> None:
        try:
            self.process_request_thread(request, client_address)
        finally:
            self.handlers.release()

    def server_close(self) -> None:
        self.waiting.close()
        super().server_close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say nothing when a connection fails (a page closed, a client too slow); report anything else."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)


class _Waiting:
    """Connections that have not sent anything yet, watched by one thread until they do or their time runs out."""

    def __init__(self, server: _Server):
        self.server = server
        self.selector = selectors.DefaultSelector()
        self.added: "queue.SimpleQueue[tuple[Any, Any]]" = queue.SimpleQueue()
        self.wake_read, self.wake_write = socket.socketpair()
        self.selector.register(self.wake_read, selectors.EVENT_READ, None)
        self.deadlines: dict[Any, float] = {}
        self.closed = False
        self.thread = threading.Thread(target=self._watch, name="waiting connections", daemon=True)
        self.thread.start()

    def add(self, request: Any, client_address: Any) -> None:
        self.added.put((request, client_address))
        try:
            self.wake_write.send(b"\0")
        except OSError:
            pass

    def _watch(self) -> None:
        while not self.closed:
            try:
                ready = self.selector.select(timeout=0.5)
            except OSError:
                return
            for key, _ in ready:
                if self.closed:
                    return
                if key.data is None:
                    self._take_new()
                else:
                    self._forget(key.fileobj)
                    self.server.handle_readable(key.fileobj, key.data)
            self._expire()

    def _take_new(self) -> None:
        try:
            self.wake_read.recv(4096)
        except OSError:
            pass
        while True:
            try:
                request, client_address = self.added.get_nowait()
            except queue.Empty:
                return
            if request is None:
                continue
            if len(self.deadlines) >= MAX_WAITING:
                oldest = min(self.deadlines, key=self.deadlines.__getitem__)
                self._forget(oldest)
                self.server.shutdown_request(oldest)
            self.selector.register(request, selectors.EVENT_READ, client_address)
            self.deadlines[request] = time.monotonic() + REQUEST_SECONDS

    def _forget(self, request: Any) -> None:
        self.deadlines.pop(request, None)
        try:
            self.selector.unregister(request)
        except (KeyError, ValueError):
            pass

    def _expire(self) -> None:
        now = time.monotonic()
        for request in [request for request, deadline in self.deadlines.items() if deadline < now]:
            self._forget(request)
            self.server.shutdown_request(request)

    def close(self) -> None:
        self.closed = True
        self.add(None, None)  # wakes the watch, which ends
        self.thread.join(2)
        for request in list(self.deadlines):
            self._forget(request)
            self.server.shutdown_request(request)
        self.selector.close()
        self.wake_read.close()
        self.wake_write.close()


def serve(options: BuildOptions, port: int = 0, open_browser: bool = False, dpi: int = 60,
          say: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
          stop: Optional[threading.Event] = None) -> None:
    """Serve the live preview on 127.0.0.1 (a free port when 0) until Ctrl+C or `stop` is set."""
    recover([options.out_dir, options.out_dir / "charts"])  # never show a set a killed build left half-renamed
    preview = Preview(options, dpi)
    try:
        server = _Server(port, preview)
    except OSError as error:
        raise ReportError(f"cannot listen on 127.0.0.1:{port}: {error.strerror or error}") from None
    url = f"http://127.0.0.1:{server.server_port}/"
    print(f"serving the preview of {options.data} at {url} (Ctrl+C stops)", flush=True)
    stop = stop or threading.Event()
    threads = [
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True),
        threading.Thread(target=preview.follow, args=(stop, say), daemon=True),
        threading.Thread(target=preview.render_pages, args=(stop,), daemon=True),
    ]
    for thread in threads:
        thread.start()
    if open_browser:
        webbrowser.open(url)
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        stop.set()
    finally:
        preview.close()
        if preview.office is not None:
            preview.office.stopping()
        end_running_programs()  # a page render under way ends with the command, and LibreOffice kept for rendering
        server.shutdown()
        server.server_close()
        for thread in threads[1:]:
            thread.join(timeout=10)
        preview.end_office()
    say("stopped serving")
