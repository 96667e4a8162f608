"""The pipeline: load → charts → narrative → documents, then write out/ atomically.

Everything is produced in memory before the first byte reaches out/, so bad
input or a failing stage leaves the previous outputs exactly as they were.
A file whose bytes did not change is not written again (its mtime holds).

After the checks, every choice of the build (the options, else the data's
style) is settled once into a `ResolvedBuild` (`resolved`), which the
chart drawing and the documents take.

Charts and documents come from the cache (`cache`) when everything they
depend on is unchanged; charts that must be drawn are drawn in worker
processes across the cores (`workers`; tools/batch builds many reports the
same way); a build with nothing changed is recognised from its record
(`stamp`) and does nothing.

The heavy libraries (matplotlib, python-docx, python-pptx) are imported inside
the functions that use them: `validate` and `figures` import this package for
its defaults and must stay quick.
"""

from .build import build
from .options import BuildEvents, BuildOptions, BuildResult, Progress, as_events, default_data_file
from .workers import draw_charts, worker_context, worker_count

__all__ = [
    "BuildEvents", "BuildOptions", "BuildResult", "Progress", "as_events", "build", "default_data_file",
    "draw_charts", "worker_context", "worker_count",
]
