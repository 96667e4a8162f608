"""The same rules over report_gen's own text: `validate` and `build` warn about what the documents would print."""

from __future__ import annotations

import subprocess
import sys

from report_gen.preflight import check_before_drawing
from report_gen.proof import proofread_texts
from report_gen.proof.generated import proofread_report, report_texts
from tests.helpers import MINI, ROOT

PLANTED_HIGHLIGHT = "营商环境评价名列全市3位,政务服务中心进驻事项达到{{ fig.matters }}。"


def planted_data(tmp_path):
    text = MINI.read_text(encoding="utf-8")
    original = "政务服务中心进驻事项达到{{ fig.matters }}。"
    line = text[: text.index(original)].count("\n") + 1
    path = tmp_path / "planted.yaml"
    path.write_text(text.replace(original, PLANTED_HIGHLIGHT), encoding="utf-8")
    return path, line


def test_proofread_texts_returns_each_finding_at_its_place():
    findings = proofread_texts([("caption of chart 1", "名列全市3位"), ("notes ¶2", "完成任务,效果明显")])
    assert [(finding.place, finding.rule.id, finding.fix) for finding in findings] == [
        ("caption of chart 1", "stat.rank", "名列全市第3位"), ("notes ¶2", "punct.halfwidth", "，")]


def test_the_texts_cover_narrative_highlights_captions_figures_and_speaker_notes():
    checked = check_before_drawing(MINI)
    places = [place for place, _ in report_texts(checked.narrative)]
    for kind in ("narrative of theme", "highlights[0]", "charts[0].caption", "figures[0]", "speaker notes (chart.md.j2"):
        assert any(kind in place for place in places), kind


def test_a_wording_fault_in_the_data_is_a_warning_at_its_line(tmp_path):
    path, line = planted_data(tmp_path)
    warnings, details = check_before_drawing(path).proofreading_warnings()
    assert len(warnings) == 1 and "stat.rank" in warnings[0] and "punct.halfwidth" in warnings[0]
    assert any(detail.startswith(f"{path}:{line}: themes[0].highlights[0]: error stat.rank") for detail in details)


def test_validate_warns_in_one_line_and_lists_the_findings_with_verbose(tmp_path):
    path, line = planted_data(tmp_path)
    quiet = subprocess.run([sys.executable, "-m", "report_gen", "validate", str(path)], cwd=ROOT, capture_output=True, text=True)
    assert quiet.returncode == 0
    assert [line_ for line_ in quiet.stderr.splitlines() if line_.startswith("warning: proofreading")] != []
    assert "themes[0].highlights[0]" not in quiet.stderr
    verbose = subprocess.run([sys.executable, "-m", "report_gen", "validate", "--verbose", str(path)], cwd=ROOT, capture_output=True, text=True)
    assert f"{path}:{line}: themes[0].highlights[0]: error stat.rank" in verbose.stderr


def test_the_short_deck_s_slide_titles_and_notes_are_proofread_as_it_says_them(tmp_path):
    text = MINI.read_text(encoding="utf-8").replace(
        "        caption: 进驻事项数量翻了一番。\n", "        caption: 进驻事项数量翻了一番。\n        slide_title: 营商环境评价名列全市3位\n")
    path = tmp_path / "titled.yaml"
    path.write_text(text, encoding="utf-8")
    checked = check_before_drawing(path)
    places = [place for place, _ in report_texts(checked.narrative)]
    assert "slide 3 title" in places and any(place.startswith("slide ") and " notes ¶" in place for place in places)
    findings = [finding for finding in proofread_report(checked.narrative) if finding.place == "slide 3 title"]
    assert [(finding.rule.id, finding.fix) for finding in findings] == [("stat.rank", "名列全市第3位")]


def test_a_number_copied_from_its_source_is_a_warning_unless_kept_as_printed_on_purpose(tmp_path):
    original = MINI.read_text(encoding="utf-8")
    kept = original.replace("        value: 118\n", "        value: 61\n        qualifier: 余\n", 1)
    kept = kept.replace("excerpt: 存在的问题118个", "excerpt: 存在的问题61余个")
    findings = []
    marked = kept.replace("excerpt: 存在的问题61余个", "excerpt: 存在的问题61余个\n        as_printed: true")
    for name, text in (("copied.yaml", kept), ("as_printed.yaml", marked)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        findings.append([f for f in proofread_report(check_before_drawing(path).narrative) if f.rule.id == "stat.approx-yu"])
    assert findings[0] != [] and all(f.severity.value == "warning" for f in findings[0])
    assert findings[1] == []


def test_the_default_data_and_the_district_fixture_have_no_finding():
    """The text is the same in every preset (the 简报's 报头 and 报尾 hold no figures): one check covers both."""
    from tests.helpers import BEIBEI, FIXTURES

    for path in (BEIBEI, FIXTURES / "district" / "district.yaml"):
        findings = proofread_report(check_before_drawing(path).narrative)
        assert [finding.line() for finding in findings] == [], path
