"""Outputs that are never half-written, templates that cannot reach the machine, text that stays text.

A build writes every output to a temporary file beside it and renames it into
place only when all are ready; a failure at any stage leaves yesterday's
outputs as they were. User templates and the data file's highlights run in
jinja2's sandbox. Whatever characters the data holds reach both documents
literally. The provenance check answers through the command line.
"""

from __future__ import annotations

import errno
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest
from docx import Document
from PIL import Image
from pptx import Presentation

from tests.helpers import BEIBEI, FIXTURES, ROOT
from report_gen import output as output_module
from report_gen.cli import main
from report_gen.output import write_atomically
from report_gen.pipeline import BuildOptions, build
from report_gen.errors import BuildError, TemplateError
from report_gen.data.load import load_report
from report_gen.narrative import Narrative

SMALL = FIXTURES / "corpus_base.yaml"
SMALL_TEXT = SMALL.read_text(encoding="utf-8")


def variant(tmp_path: Path, old: str, new: str, name: str = "variant.yaml") -> Path:
    assert SMALL_TEXT.count(old) == 1, old
    path = tmp_path / name
    path.write_text(SMALL_TEXT.replace(old, new), encoding="utf-8")
    return path


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob("*.tmp"))


@pytest.fixture(scope="module")
def yesterday(tmp_path_factory) -> Path:
    """A real build of the small report: the outputs a failed build must leave alone."""
    out = tmp_path_factory.mktemp("yesterday") / "out"
    build(BuildOptions(data=SMALL, out_dir=out))
    return out


def copy_of(folder: Path, tmp_path: Path) -> Path:
    target = tmp_path / "out"
    for relative, data in snapshot(folder).items():
        if data is None:
            (target / relative).mkdir(parents=True, exist_ok=True)
        else:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            (target / relative).write_bytes(data)
    return target


# -- atomic output -------------------------------------------------------------


def test_a_build_that_fails_after_the_briefing_leaves_the_previous_outputs(yesterday, tmp_path, monkeypatch):
    out = copy_of(yesterday, tmp_path)
    before = snapshot(out)
    changed = variant(tmp_path, "title: 示例区工作简报", "title: 示例区工作简报（修订）")
    made = []

    from report_gen import briefing

    from report_gen import deck

    real_briefing = briefing.briefing_bytes

    def briefing_then_note(*args, **kwargs):
        made.append(real_briefing(*args, **kwargs))
        return made[-1]

    def deck_fails(*args, **kwargs):
        raise RuntimeError("the deck stage broke")

    monkeypatch.setattr(briefing, "briefing_bytes", briefing_then_note)
    monkeypatch.setattr(deck, "deck_bytes", deck_fails)
    with pytest.raises(RuntimeError, match="the deck stage broke"):
        build(BuildOptions(data=changed, out_dir=out, jobs=1))
    assert made and made[0] != before["corpus.docx"], "a new briefing was produced before the failure"
    assert snapshot(out) == before
    assert leftovers(out) == []
    with pytest.raises(RuntimeError, match="the deck stage broke"):
        build(BuildOptions(data=changed, out_dir=out, jobs=2))  # the briefing made beside the deck, then stopped
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_a_disk_that_fills_while_writing_leaves_the_previous_outputs(yesterday, tmp_path, monkeypatch):
    out = copy_of(yesterday, tmp_path)
    before = snapshot(out)
    changed = variant(tmp_path, "title: 示例区工作简报", "title: 示例区工作简报（修订）")
    real = output_module._write_temporary
    calls = []

    def full_on_the_last(path, data):
        calls.append(path)
        if path.suffix == ".pptx":
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, data)

    monkeypatch.setattr(output_module, "_write_temporary", full_on_the_last)
    with pytest.raises(BuildError, match=r"corpus\.pptx: cannot write: No space left on device"):
        build(BuildOptions(data=changed, out_dir=out))
    assert [path.suffix for path in calls] == [".docx", ".pptx"], "the briefing was staged before the deck failed; the unchanged charts were left alone"
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_the_command_line_reports_a_failed_write_without_a_traceback(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "charts").write_text("a file where the charts folder belongs", encoding="utf-8")
    assert main(["build", str(SMALL), "--out", str(out), "--quiet"]) == 1
    stderr = capsys.readouterr().err
    assert "Traceback" not in stderr
    assert stderr.startswith(f"error: {out / 'charts'}")
    assert "cannot write" in stderr
    assert sorted(path.name for path in out.iterdir()) == ["charts"]


def test_two_builds_into_one_folder_at_once_leave_whole_files(tmp_path):
    out = tmp_path / "out"
    command = [sys.executable, "-m", "report_gen", "build", str(SMALL), "--out", str(out), "--quiet"]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    assert leftovers(out) == []
    assert zipfile.ZipFile(out / "corpus.docx").testzip() is None
    assert zipfile.ZipFile(out / "corpus.pptx").testzip() is None
    assert "示例区工作简报" in docx_text(out / "corpus.docx")
    assert len(Presentation(out / "corpus.pptx").slides) > 0
    with Image.open(out / "charts" / "key_figures.png") as image:
        image.verify()


def test_a_reader_never_sees_a_partly_written_file(tmp_path):
    target = tmp_path / "deck.pptx"
    versions = [bytes([n]) * 300_000 for n in range(1, 5)]
    write_atomically(target, versions[0])
    seen: list[bytes] = []
    errors: list[BaseException] = []

    def writer(data: bytes) -> None:
        try:
            for _ in range(15):
                write_atomically(target, data)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(data,)) for data in versions]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        seen.append(target.read_bytes())
    for thread in threads:
        thread.join()
    assert errors == []
    assert all(data in versions for data in seen), "every read found one whole version"
    assert leftovers(tmp_path) == []


# -- templates in the sandbox ---------------------------------------------------


def user_templates(tmp_path: Path, theme_template: str) -> Path:
    folder = tmp_path / "templates"
    (folder / "briefing").mkdir(parents=True)
    (folder / "briefing" / "theme.md.j2").write_text(theme_template, encoding="utf-8")
    return folder


ESCAPES = {
    "the class of a string": "{{ ''.__class__.__mro__ }}",
    "a global's module": "{{ cycler.__init__.__globals__.os }}",
    "a figure's internals": "{{ fig.entities.figure.__class__.__subclasses__() }}",
    "the report's class": "{{ report.__class__.__init__.__globals__ }}",
    "a file by an absolute path": "{% include '/etc/passwd' %}",
    "a file above the templates": "{% include '../../../../../etc/passwd' %}",
    "a format-string escape": "{{ '{0.__class__}'.format(report) }}",
}


@pytest.mark.parametrize("template", ESCAPES.values(), ids=list(ESCAPES))
def test_a_user_template_cannot_reach_python_or_files(tmp_path, template):
    folder = user_templates(tmp_path, "示例区工作稳步推进。\n" + template + "\n")
    narrative = Narrative(load_report(SMALL), folder)
    with pytest.raises(TemplateError) as caught:
        narrative.check_all()
    message = str(caught.value)
    assert "theme.md.j2:2: " in message
    assert "root:" not in message and "import" not in message


def test_the_build_command_names_the_template_line_that_broke_out(tmp_path, capsys):
    folder = user_templates(tmp_path, "第一行。\n{{ ''.__class__.__mro__ }}\n")
    out = tmp_path / "out"
    assert main(["build", str(SMALL), "--templates", str(folder), "--out", str(out), "--quiet"]) == 1
    stderr = capsys.readouterr().err
    assert stderr.splitlines() == [f"error: {folder / 'briefing' / 'theme.md.j2'}:2: access to attribute '__class__' of 'str' object is unsafe."]
    assert not out.exists()


# -- text stays text ------------------------------------------------------------

TRICKY_TITLE = 'A&B <示例> "引号" ‘单引号’ 😀'
"""The title is drawn on no chart, so it may hold an emoji the chart font lacks."""
TRICKY_SOURCE = "示例日报 <专刊> & “号外” '号'"
TRICKY_ISSUER = "示例区委办公室 & <研究室>"


@pytest.fixture(scope="module")
def tricky(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("tricky")
    def quoted(text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    text = (
        SMALL_TEXT.replace("title: 示例区工作简报", f"title: {quoted(TRICKY_TITLE)}")
        .replace("title: 示例日报报道", f"title: {quoted(TRICKY_SOURCE)}")
        .replace("issuer: 示例区委办公室", f"issuer: {quoted(TRICKY_ISSUER)}")
    )
    data = folder / "tricky.yaml"
    data.write_text(text, encoding="utf-8")
    build(BuildOptions(data=data, out_dir=folder / "out"))
    return folder / "out"


def docx_text(path: Path) -> str:
    document = Document(path)
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts += [p.text for section in document.sections for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(texts)


def pptx_text(path: Path) -> str:
    deck = Presentation(path)
    return "\n".join(shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)


@pytest.mark.parametrize("text", [TRICKY_TITLE, TRICKY_SOURCE, TRICKY_ISSUER])
def test_markup_characters_quotes_and_emoji_reach_both_documents_literally(tricky, text):
    assert text in docx_text(tricky / "corpus.docx")
    assert text in pptx_text(tricky / "corpus.pptx")


def test_the_tricky_documents_are_still_valid_packages(tricky):
    audit = pytest.importorskip("openxml_audit")
    for name in ("corpus.docx", "corpus.pptx"):
        result = audit.OpenXmlValidator().validate(str(tricky / name))
        assert [str(error) for error in result.errors if error.error_type.value == "schema"] == [], name
    assert Presentation(tricky / "corpus.pptx").core_properties.title == TRICKY_TITLE


def test_a_source_file_outside_the_data_folder_is_refused_located(tmp_path, capsys):
    data = variant(tmp_path, "file: paper.txt", "file: ../x")
    line = SMALL_TEXT.splitlines().index("    file: paper.txt") + 1
    assert main(["validate", str(data), "--sources", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"{data}:{line}: sources[0].file: expected a bare file name without folders, got '../x'",
        "1 problem found",
    ]


# -- provenance through the command line ------------------------------------------


def run(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "report_gen", *map(str, args)], cwd=ROOT, capture_output=True, text=True)


def test_validate_with_sources_passes_on_the_default_data(seeds):
    result = run("validate", BEIBEI, "--sources", seeds)
    assert result.returncode == 0, result.stderr
    assert f"every excerpt found in {seeds}" in result.stdout


def test_validate_with_sources_fails_located_on_a_tampered_copy(seeds, tmp_path):
    text = BEIBEI.read_text(encoding="utf-8")
    original = "excerpt: 营收约12.5亿元"
    assert text.count(original) == 1
    tampered = tmp_path / "beibei.yaml"
    tampered.write_text(text.replace(original, "excerpt: 营收约13.5亿元"), encoding="utf-8")
    line = text[: text.index(original)].count("\n") + 1
    result = run("validate", tampered, "--sources", seeds)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{tampered}:{line}: themes[0].figures[0].excerpt: excerpt '营收约13.5亿元' is not in the text of source 'article_2022'" in result.stderr.splitlines()
    assert result.stderr.splitlines()[-1] == "2 problems found"
