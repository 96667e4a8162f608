"""The budget of one render, and the checks that keep a template's operations within it.

`Budget` counts what a render has used (iterations and calls, characters
built, characters written, time). `SizeChecker` knows the limits and what a
template may write as text; the `check_*` functions and `FILTER_CHECKS` work
out, before an operation runs, how large its result would be (`'x' * n`,
`9 ** n`, `'%0999d' % 1`, `|join`, `|replace` …), so nothing too large is
ever built. `report_gen.narrative.limits` calls them from jinja2's hooks.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import math
import re
import string
import time
import types
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Any, Callable, Optional

import jinja2
import jinja2.runtime
from jinja2.sandbox import SecurityError


@dataclass(frozen=True)
class RenderLimits:
    """What one render of one template (a theme's narrative, a highlight, a slide's notes) may use."""

    output_characters: int = 100_000
    """Characters the template writes: a theme's narrative is a few thousand."""
    iterations: int = 100_000
    """Loop iterations, in total: an inner loop's iterations all count."""
    calls: int = 10_000
    """Calls of macros, methods, functions and a recursive loop's `loop()`, in total (a call costs tens of iterations)."""
    built_size: int = 100_000
    """Characters of a string, or items and characters of a list or mapping, that one operation may build."""
    built_total: int = 2_000_000
    """Characters built by all operations together, so that many strings just under `built_size` are refused too."""
    depth: int = 50
    """Calls inside calls: a macro calling itself, a recursive loop's `loop()` inside `loop()`."""
    number_digits: int = 1_000
    """Decimal digits of a whole number a template computes (`9**(9**9)` has 369,693,100)."""
    seconds: float = 2.0
    """Wall time of one render: the backstop for work no other limit counts."""


DEFAULT_LIMITS = RenderLimits()

ALLOWED_METHODS: dict[type, frozenset[str]] = {
    str: frozenset(
        "capitalize casefold center count endswith find index isalnum isalpha isascii isdecimal isdigit islower "
        "isnumeric isspace istitle isupper join ljust lower lstrip partition removeprefix removesuffix replace "
        "rfind rindex rjust rpartition rsplit rstrip split splitlines startswith strip swapcase title upper zfill".split()
    ),
    list: frozenset({"count", "index", "copy"}),
    tuple: frozenset({"count", "index"}),
    dict: frozenset({"get", "items", "keys", "values", "copy"}),
    int: frozenset({"bit_length", "is_integer"}),
    float: frozenset({"is_integer"}),
    dt.date: frozenset({"isoformat", "weekday", "isoweekday", "toordinal", "isocalendar"}),
}
"""Methods of built-in values a template may call; any other (`to_bytes`, `translate`, `fromkeys` …) is refused."""

ACTIVE: contextvars.ContextVar[Optional["Budget"]] = contextvars.ContextVar("report_gen_render_budget", default=None)
"""The budget of the render in progress; None outside a render (while compiling)."""


class LimitExceeded(SecurityError):
    """A template went past one of its RenderLimits."""


class Budget:
    """What one render has used so far, checked against its limits at every step."""

    def __init__(self, limits: RenderLimits):
        self.limits = limits
        self.iterations = 0
        self.calls = 0
        self.built = 0
        self.output = 0
        self.depth = 0
        self.deadline = time.monotonic() + limits.seconds

    def step(self) -> None:
        """Count a loop iteration, and check the clock."""
        self.iterations += 1
        if self.iterations > self.limits.iterations:
            raise LimitExceeded(
                f"more than {self.limits.iterations} loop iterations in one template (the iterations of nested loops multiply)"
            )
        self.check_time()

    def call(self) -> None:
        """Count a call, and check the clock."""
        self.calls += 1
        if self.calls > self.limits.calls:
            raise LimitExceeded(f"more than {self.limits.calls} calls of macros and methods in one template")
        self.check_time()

    def enter(self) -> None:
        """Count a call inside the calls in progress; `leave` when it returns."""
        self.depth += 1
        if self.depth > self.limits.depth:
            raise LimitExceeded(f"calls nested more than {self.limits.depth} deep (a macro or a recursive loop calling itself)")

    def leave(self) -> None:
        self.depth -= 1

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitExceeded(f"rendering took longer than {self.limits.seconds:g} s, the limit of one template")

    def charge(self, size: int) -> None:
        """Count characters built by one operation."""
        self.built += size
        if self.built > self.limits.built_total:
            raise LimitExceeded(f"the template built more than {self.limits.built_total} characters of text in all")
        self.check_time()

    def write(self, size: int) -> None:
        """Count characters of output."""
        self.output += size
        if self.output > self.limits.output_characters:
            raise LimitExceeded(f"the text written is longer than {self.limits.output_characters} characters, the limit of one template")
        self.check_time()


def active_budget() -> Optional[Budget]:
    """Return the budget of the render in progress; None outside a render."""
    return ACTIVE.get()


# -- measuring values ---------------------------------------------------------------


def measure(value: Any, cap: int) -> int:
    """Return the size of a value: characters of text, plus items and the characters in them for lists and mappings.

    Counting stops soon after `cap` is passed, so measuring costs at most about
    `cap` steps. Objects other than text, numbers and containers count 1.
    """
    total = 0
    pending = [value]
    while pending and total <= cap:
        item = pending.pop()
        if isinstance(item, (str, bytes)):
            total += len(item)
        elif isinstance(item, int) and not isinstance(item, bool):
            total += digits(item) if item.bit_length() > 64 else 1
        elif isinstance(item, Mapping):
            total += len(item)
            if len(item) <= cap:
                pending.extend(item.keys())
                pending.extend(item.values())
        elif isinstance(item, (list, tuple, Set)):
            total += len(item)
            if len(item) <= cap:
                pending.extend(item)
        elif isinstance(item, range):
            total += len(item)
        else:
            total += 1
    return total


def digits(number: int) -> int:
    """Return about how many decimal digits a whole number has (never fewer)."""
    return int(abs(number).bit_length() * 0.30103) + 1


_KIND_NAMES: tuple[tuple[Any, str], ...] = (
    (bool, "a yes/no value"),
    (str, "text"),
    (int, "a whole number"),
    (float, "a number"),
    ((list, tuple), "a list"),
    (Mapping, "a mapping"),
    ((Set, range), "a set of values"),
    ((types.BuiltinMethodType, types.MethodType, types.FunctionType, jinja2.runtime.Macro), "a method or function"),
    (type(None), "none"),
)


def describe(value: Any) -> str:
    """Say what kind of value this is, for messages: text, a list, a mapping, a method, a Theme."""
    return next((name for kinds, name in _KIND_NAMES if isinstance(value, kinds)), f"a {type(value).__name__}")


class SizeChecker:
    """The size limits of a template and the types it may write as text, checked before and after operations."""

    def __init__(self, limits: RenderLimits, printable: tuple[type, ...] = ()):
        self.limits = limits
        self.printable = printable

    def require_text(self, value: Any, doing: str) -> None:
        """Raise unless `value` has a written form fit for the report: text, a number, a date or a printable type."""
        if isinstance(value, (str, int, float, dt.date, jinja2.Undefined)) or isinstance(value, self.printable):
            return
        raise LimitExceeded(
            f"{doing + ': ' if doing else ''}cannot write {describe(value)} into the text; write text, a number or a figure "
            "(one of its fields, or a list joined with |series)"
        )

    def check_size(self, size: int, what: str, running: bool = False) -> None:
        """Raise when `size` is over the limit; `running` says it is a running total, so the message says "more than"."""
        if size > self.limits.built_size:
            amount = f"more than {self.limits.built_size}" if running else str(size)
            raise LimitExceeded(f"{what} would build {amount} characters or items; a template may build at most {self.limits.built_size}")

    def check_digits(self, count: int, what: str) -> None:
        if count > self.limits.number_digits:
            raise LimitExceeded(
                f"{what} would give a number of about {count} digits; a template may compute numbers of at most {self.limits.number_digits} digits"
            )

    def measure_argument(self, value: Any, what: str) -> int:
        """Return the size of an operation's argument, raising when it alone is over the limit."""
        size = measure(value, self.limits.built_size)
        self.check_size(size, what)
        return size

    def built(self, value: Any, what: str) -> Any:
        """Check the size of what an operation returned, charge it to the budget and return it."""
        if isinstance(value, int) and not isinstance(value, bool):
            self.check_digits(digits(value), what)
            return value
        if isinstance(value, (str, bytes, list, tuple, Mapping, Set)):
            size = measure(value, self.limits.built_size)
            self.check_size(size, what)
            budget = active_budget()
            if budget is not None:
                budget.charge(size)
        return value


# -- checks before an operation runs -------------------------------------------------------

_PRINTF_FIELD = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])")


def check_printf(sizes: SizeChecker, template: str, values: Any, what: str) -> None:
    """Check a %-format: no `*` widths, widths within the size limit, arguments that are text or numbers."""
    size = len(template)
    for width, precision, _ in _PRINTF_FIELD.findall(template):
        if "*" in (width, precision):
            raise LimitExceeded(f"{what}: a width given as * is not allowed in templates")
        size += int(width or 0) + int(precision or 0)
    arguments = list(values.values()) if isinstance(values, Mapping) else list(values) if isinstance(values, tuple) else [values]
    for argument in arguments:
        sizes.require_text(argument, what)
        size += measure(argument, sizes.limits.built_size)
    sizes.check_size(size, what)


def check_format_fields(sizes: SizeChecker, template: str, args: tuple, kwargs: dict) -> None:
    """Check a str.format template the same way: widths within the limit, no nested fields, text arguments."""
    size = len(template)
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError:
        return  # format() itself reports the malformed template
    for _, _, spec, _ in fields:
        if spec and "{" in spec:
            raise LimitExceeded("format(): a width given by another field is not allowed in templates")
        size += sum(int(number) for number in re.findall(r"\d+", spec or ""))
    for argument in list(args) + list(kwargs.values()):
        sizes.require_text(argument, "format()")
        size += measure(argument, sizes.limits.built_size)
    sizes.check_size(size, "format()")


def check_binop(sizes: SizeChecker, operator: str, left: Any, right: Any) -> None:
    what = f"'{operator}'"
    cap = sizes.limits.built_size
    sequences = (str, bytes, list, tuple)
    if operator == "*":
        if isinstance(left, sequences) and isinstance(right, int):
            sizes.check_size(measure(left, cap) * max(right, 0), what)
        elif isinstance(right, sequences) and isinstance(left, int):
            sizes.check_size(measure(right, cap) * max(left, 0), what)
        elif isinstance(left, int) and isinstance(right, int):
            sizes.check_digits(digits(left) + digits(right), what)
    elif operator == "+" and isinstance(left, sequences) and isinstance(right, sequences):
        sizes.check_size(measure(left, cap) + measure(right, cap), what)
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
        sizes.check_digits(int(right * math.log10(abs(left))) + 1, what)
    elif operator == "%" and isinstance(left, str):
        check_printf(sizes, left, right, what)


def check_method(sizes: SizeChecker, method: Any, args: tuple, kwargs: dict) -> tuple:
    """Refuse a built-in method not in ALLOWED_METHODS, or one whose result would be too large; return the arguments to call it with."""
    owner = getattr(method, "__self__", None)
    name = method.__name__
    allowed = next((names for kind, names in ALLOWED_METHODS.items() if isinstance(owner, kind) and not isinstance(owner, bool)), None)
    if allowed is None:
        if isinstance(owner, (types.ModuleType, type)) or type(owner).__module__ == "builtins":
            raise LimitExceeded(f"calling {name}() is not allowed in templates")
        return args
    if name not in allowed:
        raise LimitExceeded(f"the method {name}() of {describe(owner)} is not available to templates")
    for value in list(args) + list(kwargs.values()):
        sizes.measure_argument(value, f"an argument of {name}()")
    if not isinstance(owner, str):
        return args
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        sizes.check_size(args[0], f"{name}()")
    elif name == "replace" and len(args) >= 2:
        sizes.check_size(_replaced_size(owner, args[0], args[1], args[2] if len(args) > 2 else -1), "replace()")
    elif name == "join" and args:
        return (check_join(sizes, args[0], len(owner), "join()"), *args[1:])
    return args


def _replaced_size(text: str, old: Any, new: Any, count: Any) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        found = min(found, count)
    return len(text) + found * len(new)


def check_join(sizes: SizeChecker, items: Any, separator: int, what: str) -> list:
    """Check the items to be joined are text and fit once joined; return them as a list."""
    if isinstance(items, (str, jinja2.Undefined)):
        return items  # type: ignore[return-value]
    listed = []
    size = 0
    for item in items:
        budget = active_budget()
        if budget is not None:
            budget.check_time()
        sizes.require_text(item, what)
        size += measure(item, sizes.limits.built_size) + separator
        sizes.check_size(size, what, running=True)
        listed.append(item)
    return listed


def _join_filter(sizes: SizeChecker, value: Any, args: list, kwargs: dict) -> Any:
    separator = args[0] if args else kwargs.get("d", "")
    if kwargs.get("attribute") is not None:
        return value
    return check_join(sizes, value, len(separator) if isinstance(separator, str) else 0, "the filter join")


def _center_filter(sizes: SizeChecker, value: Any, args: list, kwargs: dict) -> Any:
    width = args[0] if args else kwargs.get("width", 80)
    if isinstance(width, int):
        sizes.check_size(width, "the filter center")
    return value


def _indent_filter(sizes: SizeChecker, value: Any, args: list, kwargs: dict) -> Any:
    width = args[0] if args else kwargs.get("width", 4)
    each = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
    if isinstance(value, str):
        sizes.check_size(len(value) + (value.count("\n") + 1) * max(each, 0), "the filter indent")
    return value


def _replace_filter(sizes: SizeChecker, value: Any, args: list, kwargs: dict) -> Any:
    if isinstance(value, str) and len(args) >= 2:
        sizes.check_size(_replaced_size(value, args[0], args[1], args[2] if len(args) > 2 else kwargs.get("count")), "the filter replace")
    return value


def _format_filter(sizes: SizeChecker, value: Any, args: list, kwargs: dict) -> Any:
    if isinstance(value, str):
        check_printf(sizes, value, kwargs or tuple(args), "the filter format")
    return value


def _wordwrap_filter(sizes: SizeChecker, value: Any, args: list, kwargs: dict) -> Any:
    width = args[0] if args else kwargs.get("width", 79)
    wrapstring = args[2] if len(args) > 2 else kwargs.get("wrapstring") or "\n"
    if isinstance(value, str) and isinstance(width, int) and width > 0 and isinstance(wrapstring, str):
        sizes.check_size(len(value) + (len(value) // width + value.count("\n") + 1) * len(wrapstring), "the filter wordwrap")
    return value


def _count_filter(keyword: str) -> Callable[[SizeChecker, Any, list, dict], Any]:
    def check(sizes: SizeChecker, value: Any, args: list, kwargs: dict) -> Any:
        count = args[0] if args else kwargs.get(keyword)
        if isinstance(count, int):
            sizes.check_size(count, f"the filter {keyword}")
        return value

    return check


def _sum_filter(sizes: SizeChecker, value: Any, args: list, kwargs: dict) -> Any:
    items = list(value) if not isinstance(value, (str, jinja2.Undefined)) else value
    if isinstance(items, list) and any(isinstance(item, (list, tuple, str)) for item in items):
        raise LimitExceeded("the filter sum adds numbers; join text with |join and lists with +")
    return items


FILTER_CHECKS: dict[str, Callable[[SizeChecker, Any, list, dict], Any]] = {
    "join": _join_filter,
    "center": _center_filter,
    "indent": _indent_filter,
    "replace": _replace_filter,
    "format": _format_filter,
    "wordwrap": _wordwrap_filter,
    "batch": _count_filter("linecount"),
    "slice": _count_filter("slices"),
    "sum": _sum_filter,
}
"""Checks made before the filters that can build more than they are given; each may return the value materialised."""


