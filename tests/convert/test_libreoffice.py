"""`build --pdf`: the briefing laid out by LibreOffice, and that layout held against the briefing's own estimate.

One real conversion (a few seconds); skipped where LibreOffice or poppler is not installed.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import docx
import pytest
import yaml

from tests.helpers import MINI, ROOT
from report_gen.briefing.pagination import estimate_pages
from report_gen.errors import ReportError
from report_gen.convert import libreoffice
from report_gen.convert.libreoffice import find_soffice

needs_libreoffice = pytest.mark.skipif(
    find_soffice() is None or shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="LibreOffice and poppler-utils are needed to render the briefing",
)

MM = 72 / 25.4


def run_build(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "report_gen", "build", *args], cwd=ROOT, capture_output=True, text=True, env=env)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> tuple[Path, Path]:
    """The mini report with the red header and a forced table of contents, built with --pdf."""
    folder = tmp_path_factory.mktemp("pdf")
    raw = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    raw["report"]["issuer_mark"] = "中共示例区委组织部文件"
    raw["style"] = {"briefing": {"toc": True}}
    data = folder / "mini.yaml"
    data.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_build(str(data), "--out", str(folder / "out"), "--only", "docx", "--pdf")
    assert result.returncode == 0, result.stderr
    return folder / "out" / "mini.docx", folder / "out" / "mini.pdf"


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@needs_libreoffice
def test_build_pdf_writes_the_briefing_as_pdf_beside_the_docx(rendered):
    docx_path, pdf = rendered
    assert pdf.read_bytes().startswith(b"%PDF")
    assert not list(pdf.parent.glob("*.tmp"))


@needs_libreoffice
def test_headings_fall_on_the_pages_the_contents_and_the_estimate_give(rendered):
    docx_path, pdf = rendered
    document = docx.Document(docx_path)
    estimate = estimate_pages(document)
    pages = [{re.sub(r"\s+", "", line) for line in text.splitlines()} for text in page_texts(pdf)]
    assert len(pages) == estimate.pages
    listed = {entry.text.split("\t")[0]: int(entry.text.split("\t")[1]) for entry in document.paragraphs if entry.style.name.startswith("toc")}
    for heading in (p for p in document.paragraphs if p.style.name == "Heading 1"):
        rendered_on = next(number for number, lines in enumerate(pages[1:], start=2) if heading.text in lines)
        assert rendered_on == listed[heading.text] == estimate.page_of(heading._p), heading.text


@needs_libreoffice
def test_no_page_is_empty_and_the_last_ends_with_the_sources(rendered):
    _, pdf = rendered
    pages = page_texts(pdf)
    assert all(re.sub(r"[\s—\d]", "", text) for text in pages), "every page carries text besides its number"
    assert "《示例报道乙》" in pages[-1]


@needs_libreoffice
def test_text_stays_inside_the_text_area(rendered):
    """Only a comma or full stop may hang past the right margin, by one character at most."""
    _, pdf = rendered
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    left, right = 28 * MM, (210 - 26) * MM
    top, bottom = 37 * MM, (297 - 35) * MM
    for page in boxes.split("<page ")[1:]:
        for x_min, y_min, x_max, y_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page
        ):
            x_min, y_min, x_max, y_max = map(float, (x_min, y_min, x_max, y_max))
            if y_min > bottom:  # the page number, below the text area
                continue
            assert x_min >= left - 1 and y_min >= top - 2, word
            assert x_max <= right + 1 or (word[-1] in "，。、" and x_max <= right + 17), word


@needs_libreoffice
def test_the_issuer_mark_s_top_lies_35_mm_below_the_type_area_s_top(rendered, tmp_path):
    """GB/T 9704 7.2.2, measured on the printed page: the first row of red ink is the top of the issuer mark."""
    from PIL import Image

    _, pdf = rendered
    dpi = 100
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", str(dpi), "-png", str(pdf), str(tmp_path / "first")], check=True)
    image = Image.open(next(tmp_path.glob("first*.png"))).convert("RGB")
    pixels = image.load()
    red = [y for y in range(image.height)
           if any(pixels[x, y][0] > 180 and pixels[x, y][1] < 80 and pixels[x, y][2] < 80 for x in range(0, image.width, 2))]
    top_mm = red[0] * 25.4 / dpi
    assert abs(top_mm - (37 + 35)) <= 1.0, f"the issuer mark's top is {top_mm:.1f} mm from the page's top, not 72 mm"


@needs_libreoffice
def test_the_chinese_text_is_drawn_in_embedded_cjk_fonts(rendered):
    """pdffonts names Debian's Noto CJK faces ...CJKjp whatever face drew them (the faces share one CFF);
    tests/test_docfonts.py shows the faces chosen are the SC ones."""
    _, pdf = rendered
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    names = [line.split()[0].split("+", 1)[-1] for line in listing]
    cjk = [name for name in names if "CJK" in name or "WenKai" in name or "Kai" in name]
    assert cjk, names
    assert all(re.search(r"\byes\s+yes\s+yes\b", line) for line in listing), "every font embedded, subset, with a Unicode map"
    assert not [name for name in names if re.search(r"DejaVu|Droid|Unifont", name)], "no fallback font drew anything"


def test_pdf_without_libreoffice_says_what_to_install_and_writes_nothing(tmp_path):
    env = {**__import__("os").environ, "REPORT_GEN_SOFFICE": str(tmp_path / "no-such-soffice")}
    env["PATH"] = str(tmp_path)  # no soffice on PATH either
    result = run_build(str(MINI), "--out", str(tmp_path / "out"), "--only", "docx", "--pdf", env=env)
    assert result.returncode == 1, result.stderr
    assert "install LibreOffice" in result.stderr and "apt-get install libreoffice-writer" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_pdf_of_the_deck_only_is_refused(tmp_path):
    result = run_build(str(MINI), "--out", str(tmp_path / "out"), "--only", "pptx", "--pdf")
    assert result.returncode == 1
    assert "--pdf converts the briefing" in result.stderr


# -- no LibreOffice outlives a command ------------------------------------------------

MARK = "REPORT_GEN_TEST_MARK"
"""An environment variable set for one test's LibreOffice: every process it starts inherits it, so its survivors can be found."""

needs_proc = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="finding processes by their environment needs Linux's /proc")


def marked_processes(mark: str) -> list[str]:
    """Return the command lines of the processes whose environment carries the mark."""
    found = []
    for folder in Path("/proc").iterdir():
        if not folder.name.isdigit():
            continue
        try:
            if f"{MARK}={mark}".encode() in (folder / "environ").read_bytes().split(b"\0"):
                found.append((folder / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"))
        except OSError:
            continue  # gone meanwhile, or not ours to read
    return found


def wait_for(predicate, seconds: float = 60) -> bool:
    """Poll until the predicate holds; False when it never did within `seconds` (a bound, not a measured duration)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def interrupt_once_libreoffice_runs(arguments: list[str], mark: str, seconds: float = 60) -> tuple[bool, int, str]:
    """Run `python -m report_gen ARGUMENTS` with the mark, send it Ctrl-C once one of its LibreOffice processes runs,
    and return whether one ran within `seconds`, the command's exit status and its standard error."""
    command = subprocess.Popen(
        [sys.executable, "-m", "report_gen", *arguments],
        cwd=ROOT, env={**os.environ, MARK: mark}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    try:
        started = wait_for(lambda: any("soffice" in line for line in marked_processes(mark)), seconds)
        command.send_signal(signal.SIGINT)
        _, stderr = command.communicate(timeout=60)
    finally:
        if command.poll() is None:
            command.kill()
    return started, command.returncode, stderr


@pytest.fixture
def small_docx(tmp_path) -> Path:
    document = docx.Document()
    document.add_paragraph("示例")
    path = tmp_path / "small.docx"
    document.save(path)
    return path


@needs_libreoffice
@needs_proc
def test_a_conversion_that_times_out_ends_every_process_it_started_and_names_the_file(tmp_path, small_docx, monkeypatch):
    mark = uuid.uuid4().hex
    monkeypatch.setenv(libreoffice.TIMEOUT_ENV, "1")
    monkeypatch.setattr(libreoffice, "CONVERT_TIMEOUT", 1)
    env = {**os.environ, MARK: mark}
    with pytest.raises(ReportError) as caught:
        libreoffice.convert_to_pdf([small_docx], tmp_path / "pdf", libreoffice.find_soffice(), env, shown=str(small_docx))
    message = str(caught.value)
    assert str(small_docx) in message and "longer than 1 s" in message
    assert f"{libreoffice.TIMEOUT_ENV}=" in message, "says what to try"
    assert marked_processes(mark) == []


@needs_libreoffice
@needs_proc
def test_a_finished_conversion_leaves_no_process_behind(tmp_path, small_docx):
    mark = uuid.uuid4().hex
    (pdf,) = libreoffice.convert_to_pdf([small_docx], tmp_path / "pdf", libreoffice.find_soffice(), {**os.environ, MARK: mark})
    assert pdf.read_bytes().startswith(b"%PDF")
    assert marked_processes(mark) == []


def test_libreoffice_is_not_started_with_nothing_to_convert(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("LibreOffice started with nothing to convert")

    monkeypatch.setattr(libreoffice, "run_program", refuse)
    monkeypatch.setattr(libreoffice.subprocess, "Popen", refuse)
    assert libreoffice.convert_to_pdf([], tmp_path / "pdf", "soffice") == []


@needs_libreoffice
@needs_proc
def test_ctrl_c_during_preview_ends_libreoffice_with_the_command(tmp_path):
    out = tmp_path / "out"
    assert run_build(str(MINI), "--out", str(out), "--only", "docx").returncode == 0
    mark = uuid.uuid4().hex
    started, status, stderr = interrupt_once_libreoffice_runs(["preview", str(MINI), "--out", str(out), "--only", "docx"], mark)
    assert started, "LibreOffice never started"
    assert status == 130, stderr
    assert wait_for(lambda: marked_processes(mark) == [], seconds=10), marked_processes(mark)
