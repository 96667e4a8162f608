"""Drive one LibreOffice listener through UNO: a script run by a Python that has LibreOffice's `uno` module.

report_gen's own Python usually cannot import `uno` (Debian's python3-uno is
built for the system's python3, not for a virtual environment's or pyenv's),
so `report_gen.convert.warm` runs this file with a Python that can, as

    python3 uno_bridge.py SOFFICE PROFILE_URL PIPE_NAME

It imports nothing of report_gen. It starts `SOFFICE` headless, listening on
the named pipe, with the profile at PROFILE_URL, as a child in its own process
group (the group report_gen started it in, which report_gen ends whole);
connects to it; says `{"ready": true}` on a line of its own; then reads one
request a line on stdin and answers each with one line on stdout:

    {"documents": ["/abs/a.docx", …], "out_dir": "/abs/out", "target": "pdf" | "odp" | "pdf:writer_pdf_Export"}
    {"returncode": 0, "stderr": ""}            (or returncode 1, stderr saying which document failed and why)

Each document is loaded hidden, stored in `out_dir` under its own stem with
the target's extension, and closed, as `soffice --convert-to` would. When
stdin closes, or its parent process ends, it ends LibreOffice and itself
(its whole process group): a listener never outlives report_gen.
"""

import json
import os
import signal
import subprocess
import sys
import threading
import time

import uno  # LibreOffice's Python bridge: this script runs only where it imports
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_SECONDS = 60
"""How long LibreOffice may take to start listening."""

FILTERS = {
    ("pdf", "com.sun.star.text.TextDocument"): "writer_pdf_Export",
    ("pdf", "com.sun.star.presentation.PresentationDocument"): "impress_pdf_Export",
    ("pdf", "com.sun.star.sheet.SpreadsheetDocument"): "calc_pdf_Export",
    ("pdf", "com.sun.star.drawing.DrawingDocument"): "draw_pdf_Export",
    ("odp", "com.sun.star.presentation.PresentationDocument"): "impress8",
}
"""The export filter `--convert-to EXT` picks, by extension and the kind of document loaded."""


def _properties(**values):
    found = []
    for name, value in values.items():
        item = PropertyValue()
        item.Name, item.Value = name, value
        found.append(item)
    return tuple(found)


def _end_all(*_):
    """End LibreOffice and this script: the whole process group."""
    try:
        os.killpg(os.getpgrp(), signal.SIGKILL)
    finally:
        os._exit(1)


def _watch_parent(parent):
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            _end_all()


def _connect(soffice, pipe_name):
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", uno.getComponentContext())
    url = f"uno:pipe,name={pipe_name};urp;StarOffice.ComponentContext"
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        if soffice.poll() is not None:
            raise RuntimeError(f"LibreOffice ended while starting (exit {soffice.returncode})")
        try:
            context = resolver.resolve(url)
            break
        except NoConnectException:
            if time.monotonic() > deadline:
                raise RuntimeError(f"LibreOffice did not listen within {CONNECT_SECONDS} s") from None
            time.sleep(0.1)
    return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)


def _kind(document):
    return next((kind for (_, kind) in FILTERS if document.supportsService(kind)), "")


def _convert_one(desktop, path, out_dir, target):
    extension, _, named = target.partition(":")
    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(path), "_blank", 0, _properties(Hidden=True, ReadOnly=True))
    if document is None:
        return f"{os.path.basename(path)}: LibreOffice could not open it"
    try:
        filter_name = named or FILTERS.get((extension, _kind(document)))
        if not filter_name:
            return f"{os.path.basename(path)}: no {extension} export for this kind of document"
        stem = os.path.splitext(os.path.basename(path))[0]
        destination = os.path.join(out_dir, f"{stem}.{extension}")
        document.storeToURL(uno.systemPathToFileUrl(destination), _properties(FilterName=filter_name, Overwrite=True))
    finally:
        document.close(True)
    return ""


def _answer(desktop, soffice, request):
    os.makedirs(request["out_dir"], exist_ok=True)
    failed = []
    for path in request["documents"]:
        try:
            said = _convert_one(desktop, path, request["out_dir"], request["target"])
        except Exception as error:  # a UNO error about one document: say it, go on with the others
            if soffice.poll() is not None:
                raise  # not the document: LibreOffice itself is gone
            said = f"{os.path.basename(path)}: {type(error).__name__}: {getattr(error, 'Message', '') or error}"
        if said:
            failed.append(said)
    return {"returncode": 1 if failed else 0, "stderr": "; ".join(failed)}


def main(argv):
    soffice_program, profile_url, pipe_name = argv
    signal.signal(signal.SIGTERM, _end_all)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    soffice = subprocess.Popen(
        [soffice_program, f"-env:UserInstallation={profile_url}", "--headless", "--invisible", "--norestore",
         "--nologo", "--nodefault", "--nolockcheck", f"--accept=pipe,name={pipe_name};urp;StarOffice.ComponentContext"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        desktop = _connect(soffice, pipe_name)
    except Exception as error:
        print(json.dumps({"ready": False, "stderr": str(error)}), flush=True)
        _end_all()
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        try:
            answer = _answer(desktop, soffice, json.loads(line))
        except Exception as error:  # the listener is gone (a crash): say so; report_gen starts another
            print(json.dumps({"returncode": 2, "stderr": f"{type(error).__name__}: {error}", "lost": True}), flush=True)
            _end_all()
        print(json.dumps(answer), flush=True)
    _end_all()


if __name__ == "__main__":
    main(sys.argv[1:])
