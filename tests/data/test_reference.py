"""The README's data-format reference is the model's docstrings, kept in step by a test."""

import re

from tests.helpers import ROOT
from report_gen.data.reference import data_format_markdown, readme_with_reference
from report_gen.data.model import Comparison, Figure, Report, Structure, StructurePeriod
from report_gen.data.precision import fill_figure_decimals
from report_gen.data.written import statement
from report_gen.data.yaml_reader import parse_yaml

README = ROOT / "README.md"


def test_every_model_field_has_a_docstring():
    from report_gen.data.reference import SECTIONS

    undocumented = [f"{cls.__name__}.{name}" for _, cls in SECTIONS for name, field in cls.model_fields.items() if not field.description]
    assert undocumented == []


def test_the_readme_reference_matches_the_model():
    text = README.read_text(encoding="utf-8")
    assert readme_with_reference(text) == text, "run `python -m report_gen.data.reference` to regenerate the README's data format"


def test_the_reference_describes_figures_and_the_whole_file():
    reference = data_format_markdown()
    assert "`themes[].figures[]`" in reference
    for name in Figure.model_fields:
        assert f"| `{name}` |" in reference
    for name in Report.model_fields:
        assert f"| `{name}` |" in reference
    assert "`themes[].structures[]`" in reference and "`themes[].structures[].periods[]`" in reference
    for model in (Comparison, Structure, StructurePeriod):
        for name in model.model_fields:
            assert f"| `{name}` |" in reference, (model.__name__, name)


def test_the_readme_examples_are_valid_data():
    import re
    import textwrap

    import yaml

    from report_gen.data.style import Style
    from report_gen.data.written import write_figure

    text = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.S)
    figure_block = next(block for block in blocks if "id: lifan_q1_revenue" in block)
    figure = Figure.model_validate(yaml.safe_load(textwrap.dedent(figure_block).lstrip("- ").replace("\n  ", "\n")))
    assert write_figure(figure) == "约12.5亿元"
    style_block = next(block for block in blocks if block.startswith("style:"))
    Style.model_validate(yaml.safe_load(style_block)["style"])


def test_the_readme_wording_table_is_what_report_gen_writes():
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## How numbers are written"):text.index("## The data format")]
    rows = re.findall(r"^\| `(\{.*\})` \| (.+) \|$", section, re.M)
    assert len(rows) >= 25
    for data, written in rows:
        fields, _ = parse_yaml(data, "README.md")  # as a data file is read: -1.0 keeps its decimal
        fill_figure_decimals(fields)
        figure = Figure.model_validate({"id": "f", "label": "x", "period": "2024年", "source": "s", "excerpt": "x", **fields})
        assert written == statement(figure, ""), data


def test_the_readme_limits_are_the_code_s():
    import importlib

    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Input from others: the limits"):]
    rows = re.findall(r"^\| [^|]+ \| ([^|]+) \| `([a-z_.]+)\.([A-Za-z_]+(?:\.[a-z_]+)?)` \|$", section, re.M)
    assert len(rows) >= 25
    for shown, module, name in rows:
        value = importlib.import_module(f"report_gen.{module}")
        for part in name.split("."):
            value = getattr(value, part)
        if isinstance(value, type):
            raise AssertionError(name)
        number = float(re.sub(r"[^0-9.]", "", shown.split()[0]))
        unit = {"MB": 1024 * 1024, "KB": 1024}.get(shown.split()[1] if len(shown.split()) > 1 else "", 1)
        assert number * unit == value, (module, name, shown, value)
