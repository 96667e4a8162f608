"""`check --fix -o`: the safe fixes as Word tracked changes, a comment on the rest, the original untouched; Word's readers agree."""

from __future__ import annotations

import subprocess
import tempfile
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from report_gen.cli import main
from report_gen.proof import BY_ID
from report_gen.proof.check import check_document
from report_gen.proof.fix import smallest_edit
from report_gen.convert.libreoffice import find_soffice
from tests.helpers.drafts import PLANTED, planted_draft

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def fixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fix")
    draft = planted_draft(folder / "draft.docx")
    original = draft.read_bytes()
    assert main(["check", str(draft), "--fix", "-o", str(folder / "fixed.docx")]) == 1
    assert draft.read_bytes() == original
    return draft, folder / "fixed.docx"


def _paragraph_texts(body: etree._Element, accept: bool) -> list[str]:
    """Each paragraph's text with every tracked change accepted (or rejected)."""
    kept, dropped = (f"{W}ins", f"{W}del") if accept else (f"{W}del", f"{W}ins")
    texts = []
    for paragraph in body.iter(f"{W}p"):
        parts = []
        for element in paragraph.iter(f"{W}t", f"{W}delText"):
            ancestors = {ancestor.tag for ancestor in element.iterancestors()}
            if dropped not in ancestors:
                parts.append(element.text or "")
        texts.append("".join(parts))
    return texts


def test_the_fixes_are_tracked_changes_by_report_gen_with_a_date(fixed):
    _, path = fixed
    body = docx.Document(str(path)).element.body
    insertions, deletions = body.findall(f".//{W}ins"), body.findall(f".//{W}del")
    fixable = [rule for rule in PLANTED if BY_ID[rule].fixes and not PLANTED[rule][0].startswith(("header", "page"))]
    assert len(insertions) + len(deletions) >= len(fixable)
    for change in insertions + deletions:
        assert change.get(f"{W}author") == "report_gen"
        assert change.get(f"{W}date").endswith("Z")
    assert all(run.find(f"{W}t") is None for change in deletions for run in change.iter(f"{W}r"))
    ids = [change.get(f"{W}id") for change in insertions + deletions]
    assert len(set(ids)) == len(ids)


def test_rejecting_every_change_gives_back_the_original_text(fixed):
    draft, path = fixed
    original = _paragraph_texts(docx.Document(str(draft)).element.body, accept=True)
    assert _paragraph_texts(docx.Document(str(path)).element.body, accept=False) == original


def test_accepting_every_change_leaves_only_what_needs_a_person(fixed):
    _, path = fixed
    left = {finding.rule.id for finding in check_document(path).findings}
    fixed_rules = {rule for rule, (place, _) in PLANTED.items()
                   if BY_ID[rule].fixes and not place.startswith("header")} - {"gw.label-form"}
    assert left.isdisjoint(fixed_rules), left & fixed_rules
    assert "深入开展“争创‘八个一流’活动”。" in _paragraph_texts(docx.Document(str(path)).element.body, accept=True)


def test_each_finding_that_needs_a_person_has_a_comment(fixed):
    _, path = fixed
    document = docx.Document(str(path))
    comments = list(document.comments)
    needs_person = [rule for rule, (place, _) in PLANTED.items() if not BY_ID[rule].fixes]
    assert len(comments) >= len(needs_person)
    texts = " ".join(comment.text for comment in comments)
    for rule in needs_person:
        assert rule in texts
    assert {comment.author for comment in comments} == {"report_gen"}
    body = document.element.body
    assert len(body.findall(f".//{W}commentRangeStart")) == len(comments)


def test_the_fixed_copy_passes_the_ooxml_schemas(fixed):
    audit = pytest.importorskip("openxml_audit")
    _, path = fixed
    result = audit.OpenXmlValidator().validate(str(path))
    assert [str(error) for error in result.errors if error.error_type.value == "schema"] == []


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_the_tracked_changes_and_comments_and_keeps_them(fixed, tmp_path):
    _, path = fixed
    body = docx.Document(str(path)).element.body
    insertions, deletions = len(body.findall(f".//{W}ins")), len(body.findall(f".//{W}del"))
    with tempfile.TemporaryDirectory() as profile:
        for target in ("odt", "docx:MS Word 2007 XML"):
            subprocess.run([find_soffice(), f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                            "--convert-to", target, "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    content = zipfile.ZipFile(tmp_path / "fixed.odt").read("content.xml").decode("utf-8")
    assert content.count("<text:insertion") == insertions
    assert content.count("<text:deletion") == deletions
    assert content.count("<office:annotation>") + content.count("<office:annotation ") == len(list(docx.Document(str(path)).comments))
    again = docx.Document(str(tmp_path / "fixed.docx"))
    assert len(again.element.body.findall(f".//{W}ins")) >= insertions
    assert len(again.element.body.findall(f".//{W}del")) >= deletions
    assert len(list(again.comments)) == len(list(docx.Document(str(path)).comments))


@pytest.mark.parametrize("text, start, end, replacement, edit", [
    ("10～20%", 0, 6, "10%～20%", (2, 2, "%")),
    ("25年", 0, 2, "2025", (0, 0, "20")),
    ("增长14545元", 0, 8, "增加14545元", (1, 2, "加")),
    ("、等", 0, 2, "等", (0, 1, "")),
])
def test_a_fix_is_the_smallest_change(text, start, end, replacement, edit):
    assert smallest_edit(text, start, end, replacement) == edit
