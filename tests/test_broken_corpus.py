"""Bad input never hurts: every file of tests/fixtures/broken/ gets one located message, exit 1, and out/ untouched.

Each file departs from tests/fixtures/corpus_base.yaml by one fault and says what
the build must answer: in a second comment line, `# expect: <first line of
stderr>`, or, for files that cannot hold a comment (empty, binary, GBK,
UTF-16, a folder), in `<name>.expect` beside it. FILE stands for the path
as given on the command line.

Every file goes through the real command line in-process (`main()`); a few
also in a subprocess, the way a user runs it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FIXTURES, ROOT, expectation, located
from report_gen.cli import main
from report_gen.data.load import load_report

BROKEN = FIXTURES / "broken"
BASE = FIXTURES / "corpus_base.yaml"
SUMMARY = "1 problem found; nothing was written"
"""What follows a data error's one message; other errors (templates) print only their message."""


CORPUS = sorted(BROKEN.glob("*.yaml"))


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file's bytes and every folder (None) under `folder`, by relative path."""
    return {
        path.relative_to(folder).as_posix(): (path.read_bytes() if path.is_file() else None)
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def previous_out(tmp_path) -> Path:
    """An out/ folder holding yesterday's outputs of the report the corpus files would build."""
    out = tmp_path / "out"
    (out / "charts").mkdir(parents=True)
    (out / "corpus.docx").write_bytes(b"yesterday's briefing")
    (out / "corpus.pptx").write_bytes(b"yesterday's deck")
    (out / "charts" / "key_figures.png").write_bytes(b"yesterday's chart")
    (out / "notes.txt").write_text("the user's own file\n", encoding="utf-8")
    return out


def test_the_corpus_has_a_file_for_every_kind_of_fault():
    assert len(CORPUS) >= 30
    names = {path.stem for path in CORPUS}
    for kind in ("yaml_unclosed_bracket", "tab_indentation", "number_with_unit", "missing_field", "unknown_key",
                 "duplicate_figure_id", "dangling_source", "nan", "infinity", "negative_count", "absurdly_large",
                 "empty_string", "long_title", "control_character_escaped", "control_character_raw", "gbk",
                 "empty", "binary", "directory", "path_leaves_folder"):
        assert kind in names
    assert BROKEN.joinpath("directory.yaml").is_dir()


def test_the_base_the_faults_depart_from_is_valid():
    assert load_report(BASE).report.name == "corpus"


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_each_broken_file_gets_its_located_message_and_leaves_out_untouched(path, previous_out, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    before = snapshot(previous_out)
    status = main(["build", str(path), "--out", str(previous_out), "--quiet"])
    stderr = capsys.readouterr().err
    assert status == 1, stderr
    assert "Traceback" not in stderr
    first, *rest = stderr.splitlines()
    assert first == located(expectation(path), path)
    assert rest in ([], [SUMMARY])
    assert snapshot(previous_out) == before


@pytest.mark.parametrize("name", ["tab_indentation", "gbk", "template_reaches_python"])
def test_the_real_command_answers_the_same_in_a_subprocess(name, previous_out):
    path = (BROKEN / f"{name}.yaml").relative_to(ROOT)
    before = snapshot(previous_out)
    result = subprocess.run(
        [sys.executable, "-m", "report_gen", "build", str(path), "--out", str(previous_out)],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert located(expectation(BROKEN / f"{name}.yaml"), path) in result.stderr.splitlines()
    assert snapshot(previous_out) == before


def test_validate_gives_the_same_message_for_a_data_error(capsys):
    path = BROKEN / "nan.yaml"
    assert main(["validate", str(path)]) == 1
    assert capsys.readouterr().err.splitlines() == [located(expectation(path), path), "1 problem found"]


def test_a_python_tag_runs_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = (BROKEN / "python_tag.yaml").read_text(encoding="utf-8")
    assert "touch /tmp/report_gen_pwned" in text
    marker = tmp_path / "pwned"
    data = tmp_path / "tag.yaml"
    data.write_text(text.replace("/tmp/report_gen_pwned", str(marker)), encoding="utf-8")
    assert main(["validate", str(data)]) == 1
    assert "YAML tag !!python/object/apply:os.system is not allowed" in capsys.readouterr().err
    assert not marker.exists()
