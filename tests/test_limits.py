"""Bounded rendering: a template or highlight that would loop, grow or print without end stops with a located error.

Every case here used to hang a build, fill memory or print an object's
address; each must now stop at once with its own message, naming the
highlight's place in the data file or the template's file and line.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import pytest

from report_gen.data.load import load_located
from report_gen.errors import TemplateError
from report_gen.narrative.limits import BoundedEnvironment, LimitExceeded, RegularFileLoader, RenderLimits
from report_gen.narrative.narrative import Narrative

MINI = Path(__file__).parent / "data" / "mini.yaml"


def highlight(text: str) -> str:
    """Render `text` as the first highlight of mini.yaml's first theme; return the rendered text."""
    located = load_located(MINI)
    report = located.report
    theme = report.themes[0].model_copy(update={"highlights": [text]})
    report = report.model_copy(update={"themes": [theme, *report.themes[1:]]})
    narrative = Narrative(report, locate=lambda path: f"mini.yaml:{located.line_of(path)}")
    return narrative.highlights(theme)[0]


def refused(text: str) -> str:
    """Return the message a highlight is refused with, without its location."""
    with pytest.raises(TemplateError) as caught:
        highlight(text)
    message = str(caught.value)
    assert message.startswith("mini.yaml:"), message
    return message.split(": themes[0].highlights[0]: ", 1)[1]


ITERATIONS = "more than 100000 loop iterations in one template (the iterations of nested loops multiply)"
CALLS = "more than 10000 calls of macros and methods in one template"


@pytest.mark.parametrize("text", [
    "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
    "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
    "{% set l = [0,1,2,3,4,5,6,7,8,9] %}{% for a in l %}{% for b in l %}{% for c in l %}{% for d in l %}"
    "{% for e in l %}{% for f in l %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
    "{% for a in [0,1,2,3,4,5,6,7,8,9] %}{% for b in [0,1,2,3,4,5,6,7,8,9] %}{% for c in [0,1,2,3,4,5,6,7,8,9] %}"
    "{% for d in [0,1,2,3,4,5,6,7,8,9] %}{% for e in [0,1,2,3,4,5,6,7,8,9] %}{% for f in [0,1,2,3,4,5,6,7,8,9] %}"
    "{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}",
], ids=["nested_ranges_writing", "nested_ranges_silent", "nested_list_variable", "nested_constant_lists"])
def test_loop_iterations_are_counted_in_total(text):
    assert refused(text) == ITERATIONS


@pytest.mark.parametrize("text", [
    "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(20) }}",
    "{% for x in range(3) recursive %}{% if loop.depth < 20 %}{{ loop(range(3)) }}{% endif %}{% endfor %}",
    "{% for i in range(20000) %}{{ 'x'.upper() }}{% endfor %}",
], ids=["exponential_macro", "recursive_loop", "method_in_a_loop"])
def test_calls_are_counted_in_total(text):
    assert refused(text) == CALLS


@pytest.mark.parametrize("text, message", [
    ("{{ 'x' * 999999999 }}", "'*' would build 999999999 characters or items; a template may build at most 100000"),
    ("{{ ['x' * 99999] * 99999 }}", "'*' would build 9999900000 characters or items; a template may build at most 100000"),
    ("{{ ('x' * 60000) + ('y' * 60000) }}", "'+' would build 120000 characters or items; a template may build at most 100000"),
    ("{{ 'x' | center(999999999) }}", "the filter center would build 999999999 characters or items; a template may build at most 100000"),
    ("{{ '%0999999999d' % 1 }}", "'%' would build 1000000012 characters or items; a template may build at most 100000"),
    ("{{ '%0999999999d' | format(1) }}", "the filter format would build 1000000012 characters or items; a template may build at most 100000"),
    ("{{ '{:>999999999}'.format(1) }}", "format() would build 1000000013 characters or items; a template may build at most 100000"),
    ("{{ 'x'.rjust(999999999) }}", "rjust() would build 999999999 characters or items; a template may build at most 100000"),
    ("{{ ('x' * 99999) | replace('', 'y' * 99999) }}", "the filter replace would build 9999999999 characters or items; a template may build at most 100000"),
    ("{{ range(60000) | map('string') | join('--') }}", "the filter join would build more than 100000 characters or items; a template may build at most 100000"),
    ("{% set s = 'x' * 99999 %}{{ s ~ s }}", "joining with ~ would build 199998 characters or items; a template may build at most 100000"),
    ("{% set s = 'x' * 50000 %}{% for i in range(100) %}{% set t = s ~ i %}{% endfor %}",
     "the template built more than 2000000 characters of text in all"),
    ("{{ range(999999999) | list }}", "range() of more than 100000 numbers"),
    ("{{ [1] | batch(999999999, 0) | list }}", "the filter linecount would build 999999999 characters or items; a template may build at most 100000"),
])
def test_strings_and_lists_are_refused_before_they_are_built(text, message):
    assert refused(text) == message


@pytest.mark.parametrize("text", [
    "{% macro m(n) %}{{ m(n) }}{% endmacro %}{{ m(1) }}",
    "{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
])
def test_calls_inside_calls_are_limited(text):
    assert refused(text) == "calls nested more than 50 deep (a macro or a recursive loop calling itself)"


@pytest.mark.parametrize("text, digits", [
    ("{{ (9 ** (9 ** 9)) % 7 }}", 369693100),
    ("{{ 2 ** (2 ** 40) }}", 330985980542),
    ("{{ 10 ** 3000 }}", 3001),
])
def test_numbers_are_refused_before_they_are_computed(text, digits):
    assert refused(text) == f"'**' would give a number of about {digits} digits; a template may compute numbers of at most 1000 digits"


def test_numbers_a_report_uses_are_computed():
    assert highlight("{{ 2 ** 10 }}，{{ 12 * 3 }}，{{ '%.1f' % 12.345 }}") == "1024，36，12.3"


def test_the_output_of_one_template_is_limited(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "templates"
    (folder / "briefing").mkdir(parents=True)
    (folder / "briefing" / "theme.md.j2").write_text(
        "第一行\n{% for i in range(99999) %}{{ 'x' * 99 }}{% endfor %}\n", encoding="utf-8"
    )
    report = load_located(MINI).report
    with pytest.raises(TemplateError) as caught:
        Narrative(report, folder).theme_paragraphs(report.themes[0])
    assert str(caught.value) == (
        "templates/briefing/theme.md.j2:2: the text written is longer than 100000 characters, the limit of one template"
    )


def test_wall_time_is_limited_per_render():
    environment = BoundedEnvironment(limits=RenderLimits(seconds=0))
    with pytest.raises(LimitExceeded, match=r"^rendering took longer than 0 s, the limit of one template$"):
        environment.from_string("{% for i in range(3) %}{{ i }}{% endfor %}").render()


def test_each_render_has_a_budget_of_its_own():
    environment = BoundedEnvironment(limits=RenderLimits(iterations=10))
    template = environment.from_string("{% for i in range(8) %}{{ i }}{% endfor %}")
    assert [template.render() for _ in range(3)] == ["01234567"] * 3


def test_a_loop_keeps_its_length_and_else_branch():
    text = "{% for x in [3, 4, 5] %}{{ loop.index }}/{{ loop.length }}{{ '' if loop.last else ',' }}{% endfor %}" \
           "{% for x in [] %}x{% else %}；无{% endfor %}"
    assert highlight(text) == "1/3,2/3,3/3；无"


# -- nothing changes the report, nothing random, nothing from the machine ----------------


@pytest.mark.parametrize("text, message", [
    ("{% set _ = report.sources.clear() %}", "access to attribute 'clear' of 'list' object is unsafe."),
    ("{% set _ = report.themes.append(report.themes[0]) %}", "access to attribute 'append' of 'list' object is unsafe."),
    ("{% set _ = theme.frameworks.update({}) %}", "access to attribute 'update' of 'dict' object is unsafe."),
    ("{{ report.model_copy() }}", "access to attribute 'model_copy' of 'Report' object is unsafe."),
    ("{{ ''.__class__ }}", "access to attribute '__class__' of 'str' object is unsafe."),
    ("{{ [1, 2] | random }}", "No filter named 'random'."),
    ("{{ lipsum(3000000) | length }}", "'lipsum' is undefined"),
    ("{{ (1).to_bytes(999999999, 'big') }}", "the method to_bytes() of a whole number is not available to templates"),
    ("{{ 'abc'.translate({97: 'x'}) }}", "the method translate() of text is not available to templates"),
])
def test_templates_cannot_change_the_report_or_reach_beyond_it(text, message):
    assert refused(text) == message


def test_a_template_changing_the_report_leaves_it_as_it_was():
    located = load_located(MINI)
    report = located.report
    theme = report.themes[0].model_copy(update={"highlights": ["{% set _ = report.sources.clear() %}"]})
    report = report.model_copy(update={"themes": [theme]})
    with pytest.raises(TemplateError):
        Narrative(report).highlights(theme)
    assert len(report.sources) == len(located.report.sources) > 0


@pytest.mark.parametrize("text, what", [
    ("{{ fig }}", "a FigureLookup"),
    ("{{ theme }}", "a Theme"),
    ("{{ chart_numbers.keys }}", "a method or function"),
    ("{{ report.themes }}", "a list"),
    ("{{ 'a' ~ none }}", "none"),
])
def test_objects_are_never_printed_so_no_address_reaches_the_text(text, what):
    assert refused(text).endswith(
        f"cannot write {what} into the text; write text, a number or a figure (one of its fields, or a list joined with |series)"
    )


def test_a_chart_id_that_names_a_dict_method_is_the_chart_s_number():
    environment = BoundedEnvironment()
    template = environment.from_string("图{{ chart_numbers.items }}、图{{ chart_numbers['keys'] }}")
    assert template.render(chart_numbers={"items": 3, "keys": 4}) == "图3、图4"


def test_a_template_nested_too_deeply_is_a_syntax_error():
    assert refused("{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}") == "nested too deeply to compile"


# -- templates read from files ---------------------------------------------------------------


def render_file(folder: Path, name: str) -> str:
    environment = BoundedEnvironment(loader=RegularFileLoader(str(folder)))
    return environment.get_template(name).render()


def test_a_template_file_renders_as_before(tmp_path):
    (tmp_path / "ok.j2").write_text("你好{{ 1 + 1 }}", encoding="utf-8")
    assert render_file(tmp_path, "ok.j2") == "你好2"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_template_that_is_a_fifo_is_refused_without_waiting(tmp_path):
    os.mkfifo(tmp_path / "pipe.j2")
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        render_file(tmp_path, "pipe.j2")
    assert caught.value.message == "template is a FIFO (named pipe), not a regular file; report_gen reads only regular files"


def test_a_template_linked_from_outside_its_folder_is_refused(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "link.j2").symlink_to(outside)
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        render_file(folder, "link.j2")
    assert caught.value.message == f"template leads out of its folder {folder} (a link to {outside}); refused"


def test_a_template_not_in_utf8_names_its_line(tmp_path):
    (tmp_path / "gbk.j2").write_bytes("第一行\n第二行".encode("gbk"))
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        render_file(tmp_path, "gbk.j2")
    assert (caught.value.message, caught.value.lineno) == ("template is not UTF-8 text; save it as UTF-8", 1)


def test_an_oversized_template_is_refused(tmp_path):
    (tmp_path / "big.j2").write_bytes(b"x" * (1024 * 1024 + 1))
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        render_file(tmp_path, "big.j2")
    assert caught.value.message == "template is larger than 1 MB (1048577 bytes); at most 1 MB is read"


def test_private_use_characters_in_a_highlight_are_text_not_citations():
    text = "全年\ue000src_a\ue001新增\ue000nosuch\ue001"
    report = load_located(MINI).report
    theme = report.themes[0].model_copy(update={"highlights": [text]})
    report = report.model_copy(update={"themes": [theme, *report.themes[1:]]})
    (cited,) = Narrative(report).highlights_cited(theme)
    assert (cited.plain, cited.sources) == (text, ())
