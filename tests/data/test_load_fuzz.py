"""Whatever a data file holds, the loader answers with a report or a DataError, never a crash."""

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import MINI
from report_gen.errors import DataError
from report_gen.data.load import load_report

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30), st.dates(),
)
keys = st.sampled_from(["report", "sources", "themes", "id", "value", "unit", "figures", "charts", "kind", "title"]) | st.text(max_size=8)
structures = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5), max_leaves=30)

MINI_DATA = yaml.safe_load(MINI.read_text(encoding="utf-8"))


def load_text(tmp_path_factory, text: str):
    path = tmp_path_factory.mktemp("fuzz") / "data.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_report(path)
    except DataError as error:
        assert error.problems and all(str(problem) for problem in error.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(structures)
def test_random_structures_give_data_errors(tmp_path_factory, structure):
    load_text(tmp_path_factory, yaml.safe_dump(structure, allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["report", "sources", "frameworks", "themes"]), structures)
def test_one_part_of_a_valid_file_replaced_at_random(tmp_path_factory, part, structure):
    data = dict(MINI_DATA, **{part: structure})
    load_text(tmp_path_factory, yaml.safe_dump(data, allow_unicode=True))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_random_text_gives_data_errors(tmp_path_factory, text):
    load_text(tmp_path_factory, text)
