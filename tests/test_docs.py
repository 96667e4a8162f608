"""The README's data-format reference is the model's docstrings, kept in step by a test."""

from pathlib import Path

from report_gen.docs import data_format_markdown, readme_with_reference
from report_gen.model import Figure, Report

README = Path(__file__).resolve().parent.parent / "README.md"


def test_every_model_field_has_a_docstring():
    from report_gen.docs import SECTIONS

    undocumented = [f"{cls.__name__}.{name}" for _, cls in SECTIONS for name, field in cls.model_fields.items() if not field.description]
    assert undocumented == []


def test_the_readme_reference_matches_the_model():
    text = README.read_text(encoding="utf-8")
    assert readme_with_reference(text) == text, "run `python -m report_gen.docs` to regenerate the README's data format"


def test_the_reference_describes_figures_and_the_whole_file():
    reference = data_format_markdown()
    assert "`themes[].figures[]`" in reference
    for name in Figure.model_fields:
        assert f"| `{name}` |" in reference
    for name in Report.model_fields:
        assert f"| `{name}` |" in reference
