"""`report_gen check`: a draft with one planted error of each rule is named rule by rule, place by place; bad files get a message."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest

from report_gen.cli import main
from report_gen.proof import BY_ID, RULES
from report_gen.proof.check import check_document
from tests.helpers import ROOT
from tests.helpers.drafts import PLANTED, clean_draft, planted_draft


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    return planted_draft(tmp_path_factory.mktemp("draft") / "draft.docx")


def test_every_rule_has_a_planted_error(planted):
    assert set(PLANTED) == {rule.id for rule in RULES}


def test_check_names_each_planted_error_with_its_rule_standard_and_place(planted, capsys):
    assert main(["check", str(planted)]) == 1
    said = capsys.readouterr()
    lines = said.out.splitlines()
    for rule_id, (place, text) in PLANTED.items():
        rule = BY_ID[rule_id]
        expected = f"draft.docx: {place}: {rule.severity.value} {rule_id} ({rule.reference}):"
        matching = [line for line in lines if line.startswith(expected)]
        assert matching, f"{rule_id} not named at {place}"
        if rule.scan_page is None:
            assert any("【" in line for line in matching)
    assert "error: draft.docx: " in said.err and "Traceback" not in said.err


def test_each_planted_error_is_found_once_and_nothing_else(planted):
    found = sorted(finding.rule.id for finding in check_document(planted).findings)
    # the nested quotes are two marks to change, one finding each
    assert found == sorted([*PLANTED, "punct.quote-nesting"])


def test_warnings_alone_pass(tmp_path, capsys):
    draft = clean_draft(tmp_path / "ok.docx", "全区与周边区县签订合作协议61余份。", "全区各项工作有序推进。")
    assert main(["check", str(draft)]) == 0
    said = capsys.readouterr()
    assert "warning stat.approx-yu" in said.out
    assert "0 errors, 1 warning" in said.err and "passes" in said.err


def test_a_clean_draft_says_so(tmp_path, capsys):
    draft = clean_draft(tmp_path / "clean.docx", "全区各项工作有序推进，成效明显。")
    assert main(["check", str(draft)]) == 0
    said = capsys.readouterr()
    assert said.out == "" and "0 errors, 0 warnings" in said.err


def _zip(entries: dict[str, bytes]) -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in entries.items():
            package.writestr(name, data)
    return stream.getvalue()


@pytest.mark.parametrize("name, content, says", [
    ("missing.docx", None, "no such file"),
    ("notes.docx", lambda: "这不是Word文档".encode("utf-8"), "is not a .docx file"),
    ("secret.docx", lambda: bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504), "password-protected"),
    ("bomb.docx", lambda: _zip({"word/document.xml": b"<w:document/>" + b" " * (220 * 1024 * 1024)}), "unpacks to"),
    ("sheet.docx", lambda: _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}), "is not a Word document that can be read"),
    ("dtd.docx", lambda: _zip({"word/document.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'}), "declares a DTD"),
], ids=["missing", "text", "encrypted", "zip-bomb", "not-word", "dtd"])
def test_a_file_that_is_not_a_readable_docx_is_one_message(tmp_path, capsys, name, content, says):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content())
    assert main(["check", str(path)]) == 1
    said = capsys.readouterr()
    assert said.err.startswith(f"error: {path}: ") and says in said.err
    assert "Traceback" not in said.err and said.out == ""


def test_a_folder_is_refused(tmp_path, capsys):
    assert main(["check", str(tmp_path)]) == 1
    assert "is a folder" in capsys.readouterr().err


def test_fix_needs_an_output_and_an_output_needs_fix(planted, capsys):
    assert main(["check", str(planted), "--fix"]) == 1
    assert "give both" in capsys.readouterr().err
    assert main(["check", str(planted), "-o", str(planted.with_name("x.docx"))]) == 1


def test_the_fixed_copy_may_not_replace_the_document(planted, capsys):
    before = planted.read_bytes()
    assert main(["check", str(planted), "--fix", "-o", str(planted)]) == 1
    assert "never changed" in capsys.readouterr().err
    assert planted.read_bytes() == before


def test_the_command_runs_as_a_program_and_its_help_explains_the_exit_status():
    result = subprocess.run([sys.executable, "-m", "report_gen", "check", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    assert "warnings alone pass" in " ".join(result.stdout.split())
