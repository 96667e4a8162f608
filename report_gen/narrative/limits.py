"""Bounded rendering: every template and highlight renders within limits, or stops with a located error.

A highlight in a data file is a jinja2 template written by whoever sent the
file. jinja2's sandbox stops it reaching Python's internals, but not from
looping for hours or building a string of gigabytes. Here each render carries
a `Budget` (limits in `RenderLimits`, defaults documented in the README):

- the characters a template writes;
- loop iterations in total, nested loops included, and calls in total;
- the size of any string, list or number it builds, checked *before* it is
  built where the size can be known in advance (`*`, `**`, `+`, `%`,
  `str.format`, `join`, `center`, `replace` …) and after every filter, call
  and operator otherwise;
- wall time, checked at every iteration, call, operator and piece of output.

A breach raises `LimitExceeded`, a jinja2 `SecurityError`, from inside the
template, so the narrative reports it at the template's file and line, or at
the highlight's place in the data file.

The environment is jinja2's `ImmutableSandboxedEnvironment`, so no template
can change a list or mapping of the report (`report.sources.clear()` is
refused), and pydantic's own methods (`model_copy`, `model_dump` …) are out of
reach. Nothing random or machine-dependent is available: no `random` filter,
no `lipsum`, and a template cannot print an object that is not text or a
number (whose printed form would hold a memory address); `a.b` on a mapping
looks up the key `b` first, so a chart id such as `items` is a chart's number
and not a dict method.

Templates are read by `RegularFileLoader`: regular files inside the templates
folder only, at most `MAX_TEMPLATE_BYTES`, in UTF-8, through the build's one
reader (`report_gen.data.files.Reads`).
"""

from __future__ import annotations

import functools
import math
import os
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Optional

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.loaders import split_template_path
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.visitor import NodeTransformer
from pydantic import BaseModel

from ..data.files import MAX_TEMPLATE_BYTES, InputRefused, Reads
from ..text.controls import first_forbidden, forbidden_message
from .budget import (
    ACTIVE,
    DEFAULT_LIMITS,
    FILTER_CHECKS,
    Budget,
    LimitExceeded,
    RenderLimits,
    SizeChecker,
    active_budget,
    check_binop,
    check_format_fields,
    check_method,
    measure,
)

__all__ = ["BoundedEnvironment", "LimitExceeded", "RegularFileLoader", "RenderLimits", "DEFAULT_LIMITS"]

REMOVED_FILTERS = ("random", "pprint", "tojson", "xmlattr", "urlize", "urlencode")
"""jinja2 filters templates do not get: randomness, Python's own printing of objects, and markup for web pages."""

REMOVED_GLOBALS = ("lipsum", "cycler")
"""jinja2 globals templates do not get: random placeholder text, and an object whose printed form is an address."""

COUNT_LOOP = "bounded_loop"
"""Filter wrapped around every `{% for %}` loop's iterable, counting its iterations."""

JOIN_TEXT = "bounded_concat"
"""Filter every `~` is compiled into, checking what it joins."""


# -- rendering within a budget -------------------------------------------------------------


class BoundedTemplate(jinja2.Template):
    """A template whose render() runs within a fresh Budget of its environment's limits."""

    environment: "BoundedEnvironment"

    def render(self, *args: Any, **kwargs: Any) -> str:
        """Render like jinja2, counting the budget; a breach is raised inside the template, at its line."""
        if ACTIVE.get() is not None:  # a template rendered from inside another shares its budget
            return super().render(*args, **kwargs)
        budget = Budget(self.environment.limits)
        token = ACTIVE.set(budget)
        try:
            context = self.new_context(dict(*args, **kwargs))
            try:
                return _collect(self.root_render_func(context), budget, self.environment.join)
            except Exception:
                self.environment.handle_exception()
        finally:
            ACTIVE.reset(token)
        raise AssertionError("unreachable: handle_exception always raises")


def _collect(pieces: Any, budget: Budget, join: Callable[[Iterable[str]], str]) -> str:
    """Join a template's output, stopping it at the piece that passes the output limit."""
    written: list[str] = []
    for piece in pieces:
        try:
            budget.write(len(piece))
        except LimitExceeded as error:
            pieces.throw(error)  # raised at the template's yield, so the traceback names its line
        written.append(piece)
    return join(written)


class _Bounding(NodeTransformer):
    """Route every loop's iterable through COUNT_LOOP and every `~` through JOIN_TEXT."""

    def __init__(self, environment: jinja2.Environment):
        self.environment = environment

    def _filter(self, name: str, node: nodes.Expr) -> nodes.Filter:
        wrapped = nodes.Filter(node, name, [], [], None, None, lineno=node.lineno)
        wrapped.set_environment(self.environment)
        return wrapped

    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)
        node.iter = self._filter(COUNT_LOOP, node.iter)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        self.generic_visit(node)
        parts = nodes.Tuple(list(node.nodes), "load", lineno=node.lineno)
        parts.set_environment(self.environment)
        return self._filter(JOIN_TEXT, parts)


class _BoundedCodeGenerator(CodeGenerator):
    def visit_Template(self, node: nodes.Template, frame: Any = None) -> None:
        super().visit_Template(_Bounding(self.environment).visit(node), frame)


class _CountedLoop:
    """An iterable whose iterations are counted against the render's budget; keeps the length for `loop.length`."""

    def __init__(self, iterable: Iterable[Any]):
        self.iterable = iterable

    def __iter__(self) -> Iterator[Any]:
        budget = active_budget()
        for item in self.iterable:
            if budget is not None:
                budget.step()
            yield item

    def __len__(self) -> int:
        return len(self.iterable)  # type: ignore[arg-type]  # a TypeError tells LoopContext to count instead


@jinja2.pass_context  # a context filter is never run while compiling, so loops over constants are counted too
def _count_loop(context: Any, iterable: Any) -> Any:
    if isinstance(iterable, jinja2.Undefined):
        return iterable
    return _CountedLoop(iterable)


# -- the environment -----------------------------------------------------------------


class _GuardedFilters(dict):
    """The environment's filters: every filter put in is wrapped in the size checks of its environment."""

    def __init__(self, environment: "BoundedEnvironment", filters: Mapping[str, Callable]):
        super().__init__()
        self.environment = environment
        self.update(filters)

    def __setitem__(self, name: str, function: Callable) -> None:
        super().__setitem__(name, _guard_filter(self.environment, name, function))

    def update(self, *args: Any, **kwargs: Any) -> None:
        for name, function in dict(*args, **kwargs).items():
            self[name] = function


def _guard_filter(environment: "BoundedEnvironment", name: str, function: Callable) -> Callable:
    if getattr(function, "_bounded", False):
        return function
    offset = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        checked = environment.before_filter(name, list(args), offset, kwargs)
        return environment.sizes.built(function(*checked, **kwargs), f"the filter {name}")

    guarded._bounded = True  # type: ignore[attr-defined]
    return guarded


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """jinja2's immutable sandbox with every render bounded by RenderLimits; see the module's docstring.

    `printable` lists the types, beyond text, numbers and dates, that a
    template may write (the narrative's figures). `finalize` runs before
    the check of what is written, as jinja2's own `finalize` option. `join`
    joins pieces of output and the operands of `~` (a join that keeps what
    the pieces carry beside their text, such as citations, fits here).
    """

    template_class = BoundedTemplate
    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"+", "*", "**", "%", "//"})

    def __init__(
        self,
        limits: RenderLimits = DEFAULT_LIMITS,
        printable: tuple[type, ...] = (),
        finalize: Optional[Callable[[Any], Any]] = None,
        join: Callable[[Iterable[str]], str] = "".join,
        **options: Any,
    ):
        super().__init__(finalize=self._finalize, **options)
        self.limits = limits
        self.sizes = SizeChecker(limits, tuple(printable))
        self.user_finalize = finalize
        self.join = join
        for name in REMOVED_GLOBALS:
            self.globals.pop(name, None)
        self.globals["range"] = self.bounded_range
        filters = {name: function for name, function in self.filters.items() if name not in REMOVED_FILTERS}
        self.filters = _GuardedFilters(self, filters)
        # The filters the compiled code calls do their own checks, on values the template did not choose to filter.
        dict.__setitem__(self.filters, COUNT_LOOP, _count_loop)
        dict.__setitem__(self.filters, JOIN_TEXT, self.join_text)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """Refuse what the immutable sandbox refuses, and pydantic's own attributes of the model (model_dump …)."""
        if not super().is_safe_attribute(obj, attr, value):
            return False
        return not (isinstance(obj, BaseModel) and hasattr(BaseModel, attr))

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Look `a.b` up as the key `b` first when `a` is a mapping that has it, so keys win over dict methods."""
        if isinstance(obj, Mapping) and not isinstance(obj, jinja2.Undefined):
            try:
                if attribute in obj:
                    return obj[attribute]
            except TypeError:
                pass
        return super().getattr(obj, attribute)

    def _finalize(self, value: Any) -> Any:
        if self.user_finalize is not None:
            value = self.user_finalize(value)
        self.sizes.require_text(value, "")
        return value

    def concat(self, pieces: Iterable[str]) -> str:  # type: ignore[override]
        """Join the output of a block, macro or `{% set %}`…`{% endset %}`, within the size limit."""
        joined: list[str] = []
        size = 0
        for piece in pieces:
            size += len(piece)
            self.sizes.check_size(size, "a block or macro", running=True)
            joined.append(piece)
        return self.sizes.built(self.join(joined), "a block or macro")

    def join_text(self, values: tuple) -> str:
        """Join the operands of `~` as text."""
        size = 0
        for value in values:
            self.sizes.require_text(value, "joining with ~")
            size += measure(value, self.limits.built_size)
        self.sizes.check_size(size, "joining with ~")
        return self.sizes.built(self.join([value if isinstance(value, str) else str(value) for value in values]), "joining with ~")

    def bounded_range(self, *args: int) -> range:
        """Return range(*args) of at most `built_size` numbers, as the sandbox limits it to 100,000."""
        numbers = range(*args)
        try:
            count: float = len(numbers)
        except OverflowError:
            count = math.inf
        if count > self.limits.built_size:
            raise LimitExceeded(f"range() of more than {self.limits.built_size} numbers")
        return numbers

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """Check `+ * ** % //` before computing them, and the size of the result after."""
        budget = active_budget()
        if budget is not None:
            budget.check_time()
        check_binop(self.sizes, operator, left, right)
        return self.sizes.built(super().call_binop(context, operator, left, right), f"'{operator}'")

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 (jinja2's signature)
        """Count the call, check a built-in method against ALLOWED_METHODS and its size, then check the result."""
        budget = active_budget()
        if isinstance(__obj, LoopContext) and args:  # loop(children) in a recursive loop
            args = (_CountedLoop(args[0]), *args[1:])
        if isinstance(__obj, types.BuiltinMethodType):
            args = check_method(__self.sizes, __obj, args, kwargs)
        if budget is None:
            return __self.sizes.built(super().call(__context, __obj, *args, **kwargs), "a call")
        budget.call()
        budget.enter()
        try:
            result = super().call(__context, __obj, *args, **kwargs)
        finally:
            budget.leave()
        return __self.sizes.built(result, "a call")

    def wrap_str_format(self, value: Any) -> Optional[Callable[..., str]]:
        """Sandbox `str.format` as jinja2 does, after checking its field widths and arguments."""
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        template = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            check_format_fields(self.sizes, template, args, kwargs)
            return self.sizes.built(wrapped(*args, **kwargs), "format()")

        return checked

    def before_filter(self, name: str, args: list, offset: int, kwargs: dict) -> list:
        """Check a filter's arguments (and, for the filters that can grow text, the size of the result) before it runs."""
        budget = active_budget()
        if budget is not None:
            budget.check_time()
        for value in args[offset + 1:] + list(kwargs.values()):
            self.sizes.measure_argument(value, f"an argument of the filter {name}")
        if len(args) > offset:
            self.sizes.measure_argument(args[offset], f"the value given to the filter {name}")
            check = FILTER_CHECKS.get(name)
            if check is not None:
                args[offset] = check(self.sizes, args[offset], args[offset + 1:], kwargs)
        return args

    def compile(self, source: Any, name: Optional[str] = None, filename: Optional[str] = None,
                raw: bool = False, defer_init: bool = False) -> Any:
        """Compile as jinja2 does; a template nested too deeply to compile is a syntax error, not a crash."""
        try:
            return super().compile(source, name, filename, raw, defer_init)
        except RecursionError:
            raise jinja2.TemplateSyntaxError("nested too deeply to compile", 1, name, filename) from None


# -- templates from files --------------------------------------------------------------


class RegularFileLoader(jinja2.FileSystemLoader):
    """FileSystemLoader that reads only regular files inside its folders, each at most MAX_TEMPLATE_BYTES, as UTF-8.

    A template that is a FIFO or a device, that leads out of its folder
    through a link, or that is not UTF-8 is refused as a syntax error naming
    the file. The folders are searched in order. Every file is read through
    `reads`, the build's reader (None: one of the loader's own), and every
    place a template was looked for and not found is recorded there too, so a
    template added to the first folder later is a change to the build.
    """

    def __init__(self, searchpath: Any, reads: Optional[Reads] = None):
        super().__init__(searchpath)
        self.reads = reads if reads is not None else Reads()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if not os.path.lexists(path):
                self.reads.missing(path, "template")
                continue
            if not path.resolve().is_relative_to(Path(folder).resolve()):
                raise jinja2.TemplateSyntaxError(
                    f"template leads out of its folder {folder} (a link to {path.resolve()}); refused",
                    1, template, str(path),
                )
            try:
                data = self.reads.read(path, MAX_TEMPLATE_BYTES, "template")
            except InputRefused as error:
                raise jinja2.TemplateSyntaxError(f"template {error.reason}", 1, template, str(path)) from None
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError as error:
                line = data[: error.start].count(b"\n") + 1
                raise jinja2.TemplateSyntaxError("template is not UTF-8 text; save it as UTF-8", line, template, str(path)) from None
            refused = forbidden_message(text, "a template")
            if refused:
                line = text.count("\n", 0, text.index(first_forbidden(text) or "")) + 1
                raise jinja2.TemplateSyntaxError(f"template {refused}", line, template, str(path))
            # Up to date for as long as the loader lives: its reader returns these bytes again, whatever the disk holds now.
            return text, os.path.normpath(path), _up_to_date
        raise jinja2.TemplateNotFound(template)


def _up_to_date() -> bool:
    return True
