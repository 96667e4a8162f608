"""The JSON Schema an editor checks a data file with: made from the model, it takes good data and refuses bad."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from conftest import BEIBEI, MINI
from report_gen.cli import main
from report_gen.data.model import Figure
from report_gen.data.schema import data_schema


class EditorLoader(yaml.SafeLoader):
    """Reads YAML as the YAML language server does (YAML 1.2 core schema): 2021-05-01 stays text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def editor_view(text: str):
    return yaml.load(text, Loader=EditorLoader)


def errors(document) -> list[tuple[str, str]]:
    validator = jsonschema.Draft202012Validator(data_schema())
    return sorted(("/".join(map(str, error.absolute_path)), error.validator) for error in validator.iter_errors(document))


def test_the_schema_is_itself_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(data_schema())


@pytest.mark.parametrize("data", [BEIBEI, MINI], ids=["beibei", "mini"])
def test_the_schema_accepts_the_shipped_data(data):
    assert errors(editor_view(data.read_text(encoding="utf-8"))) == []


def test_the_schema_refuses_a_broken_file():
    text = MINI.read_text(encoding="utf-8")
    text = text.replace("value: 12.5\n", "value: 12.5亿\n").replace("value: 118\n", "vlaue: 118\n").replace("qualifier: 约", "qualifier: 大约")
    assert errors(editor_view(text)) == [
        ("themes/0/figures/0/qualifier", "anyOf"),
        ("themes/0/figures/0/value", "type"),
        ("themes/0/figures/3", "additionalProperties"),
        ("themes/0/figures/3", "required"),
    ]


def test_the_schema_carries_each_field_s_docstring_for_the_editor_to_show():
    figure = data_schema()["$defs"]["Figure"]["properties"]
    assert figure.keys() == Figure.model_fields.keys()
    for name, field in Figure.model_fields.items():
        assert figure[name]["description"] == field.description


def test_the_schema_command_writes_the_schema(tmp_path, capsys):
    target = tmp_path / "report.schema.json"
    assert main(["schema", "--output", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8")) == data_schema()
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == data_schema()
