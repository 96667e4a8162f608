"""A cache of costly intermediates (charts, documents) that is never stale.

Every entry is stored under a key that hashes everything its bytes depend
on, so a changed input gives a new key rather than an old answer:

- a chart: the chart, the figures it plots, the titles its 资料来源 line
  names, the chart style, the font file's bytes, the placement (size, dpi, base type size),
  whether an SVG is drawn too, and the environment;
- a document: the whole report, the templates, the charts placed in it (by
  their keys), the fonts installed on the machine (text is measured with
  them), the chart font, the options, and the environment;
- the environment: report_gen's version and a digest of its own source
  files, Python's version and the versions of every library that draws or
  writes (matplotlib, FreeType through it, Pillow, fontTools, python-docx …).

Entries live in `out/.cache/` (next to the outputs), or in $REPORT_GEN_CACHE.
Each is a folder, written under a temporary name and renamed into place, with
a manifest that holds the sha256 of every part: a damaged or half-written
entry reads as a miss, never as wrong bytes.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import os
import shutil
import stat
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

CACHE_ENV = "REPORT_GEN_CACHE"
"""Environment variable naming the cache folder, instead of out/.cache/."""

CACHE_DIR_NAME = ".cache"
"""The cache's folder inside the output folder when $REPORT_GEN_CACHE is not set."""

FORMAT = 1
"""Layout of an entry on disk; part of every key, so a new layout never reads an old one."""

LIBRARIES = (
    "matplotlib", "numpy", "pillow", "fonttools", "kiwisolver", "pyparsing", "contourpy",
    "python-docx", "python-pptx", "lxml", "XlsxWriter", "jinja2", "MarkupSafe", "pydantic", "pydantic-core", "PyYAML",
)
"""Distributions whose version can change the bytes of a chart or a document."""

FONT_DIRS = (
    "/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts", "~/.fonts", "~/.local/share/fonts", "~/.config/fontconfig",
    "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts", "~/AppData/Local/Microsoft/Windows/Fonts",
)
"""Where fonts and fontconfig's settings live: the documents' text is measured with what they hold."""

MAX_AGE_DAYS = 30
"""Entries not used for this long are removed, at most once a day."""

_PRUNE_STAMP = "last-pruned"
_MANIFEST = "manifest.json"


def cache_dir(out_dir: Path) -> Path:
    """Return the cache folder: $REPORT_GEN_CACHE when set, else <out_dir>/.cache."""
    named = os.environ.get(CACHE_ENV, "").strip()
    return Path(named).expanduser() if named else Path(out_dir) / CACHE_DIR_NAME


@dataclass
class Cache:
    """Entries by kind and key in a folder; a Cache with no folder stores nothing and never hits."""

    root: Optional[Path]
    """The cache folder; None disables the cache (`--no-cache`)."""
    hits: dict[str, int] = field(default_factory=dict)
    """Entries found, by kind."""
    misses: dict[str, int] = field(default_factory=dict)
    """Entries looked for and not found, by kind."""
    _pending: list[tuple[str, str, dict[str, Any], dict[str, bytes]]] = field(default_factory=list, repr=False)

    def get(self, kind: str, key: str) -> Optional[tuple[dict[str, Any], dict[str, bytes]]]:
        """Return an entry's metadata and parts, or None when absent or damaged; count the hit or miss."""
        entry = self._entry(kind, key)
        found = _read_entry(entry) if entry is not None else None
        counter = self.hits if found is not None else self.misses
        counter[kind] = counter.get(kind, 0) + 1
        if found is not None:
            _touch(entry)
        return found

    def contains(self, kind: str, key: str) -> bool:
        """Tell whether an entry is stored (without reading it or counting a hit)."""
        entry = self._entry(kind, key)
        return entry is not None and (entry / _MANIFEST).is_file()

    def put(self, kind: str, key: str, meta: Mapping[str, Any], parts: Mapping[str, bytes]) -> None:
        """Keep an entry to store at commit(), so a build that fails leaves the cache as it was."""
        if self.root is not None:
            self._pending.append((kind, key, dict(meta), dict(parts)))

    def commit(self) -> None:
        """Store the entries put since the last commit; a failure to write (full disk) only costs a later build time."""
        pending, self._pending = self._pending, []
        for kind, key, meta, parts in pending:
            entry = self._entry(kind, key)
            if entry is not None and not entry.is_dir():
                _store(entry, meta, parts)

    def prune(self, max_age_days: float = MAX_AGE_DAYS) -> int:
        """Remove entries unused for max_age_days, at most once a day; return how many were removed."""
        if self.root is None or not self.root.is_dir():
            return 0
        stamp = self.root / _PRUNE_STAMP
        now = time.time()
        if stamp.is_file() and now - stamp.stat().st_mtime < 86400:
            return 0
        removed = 0
        for kind in self.root.iterdir():
            if not kind.is_dir():
                continue
            for shard in kind.iterdir():
                for entry in shard.iterdir() if shard.is_dir() else ():
                    if now - entry.stat().st_mtime > max_age_days * 86400:
                        shutil.rmtree(entry, ignore_errors=True)
                        removed += 1
        stamp.touch()
        return removed

    def _entry(self, kind: str, key: str) -> Optional[Path]:
        return None if self.root is None else self.root / kind / key[:2] / key


def _store(entry: Path, meta: Mapping[str, Any], parts: Mapping[str, bytes]) -> None:
    """Write an entry's parts and manifest into a temporary folder beside it, then rename that into place."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=entry.parent, prefix=f".{entry.name[:16]}."))
        manifest: dict[str, Any] = {"meta": dict(meta), "parts": {}}
        for name, data in parts.items():
            (staging / name).write_bytes(data)
            manifest["parts"][name] = hashlib.sha256(data).hexdigest()
        (staging / _MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        try:
            os.replace(staging, entry)
        except OSError:  # another process stored the same entry first
            shutil.rmtree(staging, ignore_errors=True)
    except OSError:
        return


def _read_entry(entry: Path) -> Optional[tuple[dict[str, Any], dict[str, bytes]]]:
    try:
        manifest = json.loads((entry / _MANIFEST).read_text(encoding="utf-8"))
        parts = {name: (entry / name).read_bytes() for name in manifest["parts"]}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if any(hashlib.sha256(data).hexdigest() != manifest["parts"][name] for name, data in parts.items()):
        return None
    return manifest["meta"], parts


def _touch(entry: Path) -> None:
    """Mark an entry as used now, so pruning keeps it."""
    try:
        os.utime(entry)
    except OSError:
        pass


# --- keys ---------------------------------------------------------------------------------


def digest(*parts: Any) -> str:
    """Return the sha256 (hex) of the parts, each written as canonical JSON (bytes as their own sha256)."""
    hasher = hashlib.sha256()
    for part in parts:
        if isinstance(part, bytes):
            part = {"sha256": hashlib.sha256(part).hexdigest()}
        hasher.update(json.dumps(part, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()


@functools.lru_cache(maxsize=1)
def environment_digest() -> str:
    """Return a digest of what every entry depends on: report_gen's version and source, Python, the libraries."""
    package = Path(__file__).resolve().parent
    sources = {str(path.relative_to(package)): _file_sha256(path) for path in sorted(package.rglob("*.py"))}
    return digest(FORMAT, _version("report_gen"), sources, sys.version, {name: _version(name) for name in LIBRARIES})


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "absent"


@functools.lru_cache(maxsize=64)
def _file_sha256_at(path: str, size: int, mtime_ns: int) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            hasher.update(block)
    return hasher.hexdigest()


def _file_sha256(path: Path) -> str:
    """Return a file's sha256, read once per process while its size and mtime hold.

    Raise OSError for anything but a regular file: a FIFO or a device is never
    opened here, where reading it could block or never end.
    """
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise OSError(f"{path}: not a regular file")
    return _file_sha256_at(str(path), status.st_size, status.st_mtime_ns)


def file_digest(path: Optional[Path]) -> Optional[str]:
    """Return the sha256 of a regular file's bytes; None for no file. OSError when it is missing or not a regular file."""
    return None if path is None else _file_sha256(Path(path))


def installed_fonts_digest(folders: Iterable[str] = FONT_DIRS) -> str:
    """Return a digest of the installed fonts and fontconfig's settings: every file's name, size and mtime."""
    listing = []
    for name in folders:
        root = Path(name).expanduser()
        if not root.is_dir():
            continue
        for folder, _, files in sorted(os.walk(root)):
            for file in sorted(files):
                try:
                    status = os.stat(os.path.join(folder, file))
                except OSError:
                    continue
                listing.append((os.path.join(folder, file), status.st_size, status.st_mtime_ns))
    return digest(listing)


@dataclass
class FaceAdvanceStore:
    """Font faces measured for the deck's text fitting, kept in the cache by the font file's bytes and the face's index.

    It serves `report_gen.fonts.metrics.use_store`: reading a CJK face's
    tables costs a tenth of a second in every build, a stored face a millisecond.
    """

    cache: Cache

    def _key(self, face: Any) -> Optional[str]:
        try:
            return digest(environment_digest(), "face", file_digest(face.path), face.index)
        except OSError:
            return None

    def load(self, face: Any) -> Optional[bytes]:
        """Return the stored advances of a face, or None."""
        key = self._key(face)
        found = self.cache.get("faces", key) if key is not None else None
        return found[1].get("advances") if found is not None else None

    def keep(self, face: Any, data: bytes) -> None:
        """Store a face's advances at the build's commit."""
        key = self._key(face)
        if key is not None:
            self.cache.put("faces", key, {"font": Path(face.path).name, "index": face.index}, {"advances": data})


def chart_key(planned: Any, style: Any, font_key: str, placement: Any, svg: bool) -> str:
    """Return the key of one chart drawn at one placement.

    `planned` is the chart's plan (report_gen.plan.ChartPlan): the chart, the
    figures it draws and the sources its 资料来源 line names. Its number and
    theme are left out: they are not drawn. `style` is the report's chart
    style, `font_key` the font's identity (font_key()).
    """
    return digest(
        "chart",
        environment_digest(),
        planned.chart.model_dump(mode="json"),
        [figure.model_dump(mode="json") for figure in planned.figures],
        planned.source_titles,
        style.model_dump(mode="json"),
        font_key,
        dataclasses.asdict(placement),
        svg,
    )


def font_key(family: str, font_digest: Optional[str]) -> str:
    """Return the identity of a chart font: its family and the sha256 of its file (as the build's reader recorded it)."""
    return digest(family, font_digest)
