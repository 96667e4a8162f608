"""Templates that try to reach out: their look is used, and nothing of theirs that fetches, links or runs reaches the documents.

The templates (tests/helpers/hostile.py) point at an HTTP server started
here on 127.0.0.1 that counts every request: a Word template with a remote
attached template, a linked header picture, INCLUDEPICTURE and INCLUDETEXT
fields, a `file:` hyperlink, an OLE object and macros; a PowerPoint template
with an `r:link` beacon as its master's background, and macros. The briefing
and deck built on them are reopened and searched part by part, and rendered
with LibreOffice while the server counts.
"""

from __future__ import annotations

import re
import threading
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from docx import Document
from pptx import Presentation

from tests.helpers import MINI, hostile, rendering_missing
from report_gen.cli import main

REACHING_OUT = re.compile(rb'TargetMode="External"|INCLUDEPICTURE|INCLUDETEXT|attachedTemplate|file:///|<!DOCTYPE|oleObject|'
                          rb"vbaProject|macroEnabled|r:link=|w:object|127\.0\.0\.1")
"""Anything in a package that links, fetches, embeds or runs, or names the server."""


class Counter(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 that answers 404 to everything and keeps every request it gets."""

    def __init__(self):
        self.requests: list[str] = []
        counter = self

        class Handler(BaseHTTPRequestHandler):
            def handle_one_request(self):
                super().handle_one_request()
                if self.requestline:
                    counter.requests.append(self.requestline)

            def do_GET(self):  # noqa: N802
                self.send_error(404)

            do_HEAD = do_POST = do_OPTIONS = do_PROPFIND = do_GET

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.address = f"http://127.0.0.1:{self.server_port}"
        threading.Thread(target=self.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def counter():
    server = Counter()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def built(tmp_path_factory, counter) -> dict[str, Path]:
    """The reaching templates, and the briefing and deck built on them from the mini report."""
    folder = tmp_path_factory.mktemp("reaching")
    word, deck = folder / "org.docx", folder / "org.pptx"
    word.write_bytes(hostile.reaching_word_template(counter.address))
    deck.write_bytes(hostile.reaching_pptx_template(counter.address))
    out = folder / "out"
    assert main(["build", str(MINI), "--out", str(out), "--docx-template", str(word), "--pptx-template", str(deck),
                 "--quiet", "--no-cache"]) == 0
    assert not counter.requests, "building made a request"
    return {"word": word, "deck": deck, "briefing": out / "mini.docx", "slides": out / "mini.pptx"}


def reaching_parts(path: Path) -> dict[str, list[bytes]]:
    with zipfile.ZipFile(path) as package:
        found = {name: REACHING_OUT.findall(package.read(name)) for name in package.namelist()}
    return {name: hits for name, hits in found.items() if hits or name.endswith((".bin", ".dotm"))}


def test_the_templates_reach_out_before_they_are_cleaned(built):
    assert reaching_parts(built["word"]) and reaching_parts(built["deck"])


def test_validate_accepts_the_templates_build_uses(built, capsys):
    assert main(["validate", str(MINI), "--docx-template", str(built["word"]), "--pptx-template", str(built["deck"])]) == 0


def test_the_briefing_keeps_the_template_s_header_and_nothing_that_reaches_out(built):
    document = Document(built["briefing"])
    header = [paragraph.text for paragraph in document.sections[0].header.paragraphs]
    assert header == ["示例区委组织部　内部资料", "内部链接"], "the hyperlink's text stays; lines that only reached out go"
    assert reaching_parts(built["briefing"]) == {}


def test_the_deck_keeps_the_template_s_layouts_and_nothing_that_reaches_out(built):
    prs = Presentation(built["slides"])
    assert prs.slides[0].slide_layout.name == "Title Slide"
    assert reaching_parts(built["slides"]) == {}


@pytest.mark.skipif(rendering_missing() is not None, reason="needs LibreOffice")
def test_libreoffice_makes_no_request_rendering_what_was_built_on_them(built, counter, tmp_path):
    from report_gen.convert.libreoffice import convert_to_pdf, find_soffice

    soffice = find_soffice()
    convert_to_pdf([built["word"]], tmp_path / "template", soffice)
    assert counter.requests, "LibreOffice fetched nothing from the template itself: this test could not see a request"
    counter.requests.clear()
    convert_to_pdf([built["briefing"], built["slides"]], tmp_path / "built", soffice)
    assert counter.requests == []
