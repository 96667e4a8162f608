"""The package's floors: each subpackage (or top-level module) imports only from floors below it or its own.

The floors are declared here, lowest first, as the README's map of the code
describes them. An import that runs back up a floor, or two parts importing
each other, fails with the file and line that does it. Every import counts:
at the top of a module, inside a function, or under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.helpers import ROOT

PACKAGE = ROOT / "report_gen"

FLOORS: list[tuple[str, ...]] = [
    ("__init__", "errors", "design", "text"),
    ("ooxml", "output"),
    ("convert",),
    ("data",),
    ("fonts", "plan", "readback", "scaffold"),
    ("charts", "narrative"),
    ("briefing", "deck"),
    ("proof",),
    ("preflight",),
    ("pipeline",),
    ("tools",),
    ("cli",),
    ("__main__",),
]
"""Lowest first: a part may import its own modules and those of any part on a lower floor, or on its floor without a loop."""

PENDING: set[tuple[str, str]] = set()
"""Arrows up that are being taken down elsewhere (none left)."""


def part_of(path: Path) -> str:
    """Return the part a module belongs to: its subpackage, or the top-level module's name."""
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def floor_of(part: str) -> int:
    for number, parts in enumerate(FLOORS):
        if part in parts:
            return number
    raise AssertionError(f"report_gen/{part} is on no floor: add it to FLOORS in {Path(__file__).name}")


def imported_parts(path: Path) -> list[tuple[str, int]]:
    """Return the parts of report_gen a module imports, each with the line that imports it."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{alias.name}" for alias in node.names] if target == "report_gen" else [target]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            pieces = name.split(".")
            if pieces[0] == "report_gen" and len(pieces) > 1:
                part = pieces[1] if (PACKAGE / pieces[1]).is_dir() or (PACKAGE / f"{pieces[1]}.py").is_file() else "__init__"
                found.append((part, node.lineno))
    return found


def arrows() -> dict[tuple[str, str], str]:
    """Return every import between two parts, with the first place that makes it."""
    made: dict[tuple[str, str], str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = part_of(path)
        for target, line in imported_parts(path):
            if target != source:
                made.setdefault((source, target), f"{path.relative_to(ROOT)}:{line}")
    return made


def test_every_part_of_the_package_is_on_a_floor():
    for path in PACKAGE.rglob("*.py"):
        floor_of(part_of(path))


def test_no_import_runs_back_up_a_floor():
    upward = [f"{where}: {source} imports {target}, a floor above it"
              for (source, target), where in arrows().items()
              if floor_of(target) > floor_of(source) and (source, target) not in PENDING]
    assert not upward, "\n".join(upward)


def test_no_two_parts_import_each_other():
    made = arrows()
    loops = [f"{made[(a, b)]} and {made[(b, a)]}: {a} and {b} import each other"
             for a, b in made if a < b and (b, a) in made and (a, b) not in PENDING and (b, a) not in PENDING]
    assert not loops, "\n".join(loops)


def test_the_declared_floors_catch_an_arrow_up(tmp_path):
    assert floor_of("ooxml") < floor_of("data") < floor_of("pipeline"), "the data model sits above the XML layer, below the pipeline"
    assert ("ooxml", "data") not in arrows(), "the XML layer knows nothing of the data model"
