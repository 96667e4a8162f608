"""The one thing pyproject.toml cannot say: which packages to install, found rather than listed.

Every package under report_gen/ is found, data folders (tools/static,
scaffold/sources) included, and templates/ (kept at the top of the clone,
where users find and replace it) is installed as report_gen/templates, so an
installed report_gen has its templates too. Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

TEMPLATES = "report_gen.templates"

setup(
    packages=[
        *find_namespace_packages(include=["report_gen", "report_gen.*"], exclude=["*.__pycache__"]),
        TEMPLATES,
        *(f"{TEMPLATES}.{folder}" for folder in find_namespace_packages(where="templates", exclude=["*.__pycache__"])),
    ],
    package_dir={TEMPLATES: "templates"},
)
