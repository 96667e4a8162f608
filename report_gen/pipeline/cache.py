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
Each is a folder, written in `.staging/` and renamed into place, with a
manifest that holds the sha256 of every part and an HMAC binding the kind,
the key, the metadata and those hashes together, made with a secret only the
user who builds can read (`secret-<uid>`, mode 0600, in the cache folder).
Nothing read from the cache is trusted: a manifest that is not a regular
file of the right shape, a part that is not a regular file or does not hash
as its manifest says, and an entry whose HMAC does not verify under this
user's secret (a chart planted by someone who can write a shared cache, its
hashes updated to match) are all misses, never wrong bytes, never a hang.
Staging folders of a write that was interrupted are removed by the next build.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import stat
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from ..data.files import InputRefused, read_regular

CACHE_ENV = "REPORT_GEN_CACHE"
"""Environment variable naming the cache folder, instead of out/.cache/."""

CACHE_DIR_NAME = ".cache"
"""The cache's folder inside the output folder when $REPORT_GEN_CACHE is not set."""

FORMAT = 2
"""Layout of an entry on disk; part of every key, so a new layout never reads an old one (2: manifests carry an HMAC)."""

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
_STAGING = ".staging"

MAX_MANIFEST_BYTES = 4 * 1024 * 1024
"""A manifest holds a chart's or document's metadata and its parts' hashes: a few kilobytes."""

MAX_PART_BYTES = 1024 * 1024 * 1024
"""A part is a chart's picture or a whole document; larger is not one report_gen wrote."""

STAGING_STALE_SECONDS = 3600
"""Age after which a staging folder whose process cannot be checked is removed."""

_PART_NAME = re.compile(r"[a-z][a-z0-9_]{0,63}")
"""What a part's name may be: a field of a chart or document (png, svg, document …), never a path."""

_HEX = re.compile(r"[0-9a-f]{64}")


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
    _refused: set[tuple[str, str]] = field(default_factory=set, repr=False)
    """Entries found but not trusted (damaged, planted, another user's): replaced when this build stores its own."""
    _user_secret: Optional[bytes] = field(default=None, repr=False)

    def get(self, kind: str, key: str) -> Optional[tuple[dict[str, Any], dict[str, bytes]]]:
        """Return an entry's metadata and parts, or None when absent, damaged or not this user's; count the hit or miss."""
        entry = self._entry(kind, key)
        present = entry is not None and os.path.lexists(entry)
        secret = self._secret(create=False) if present else None
        found = _read_entry(entry, kind, key, secret) if present and secret is not None else None
        if found is None and present:
            self._refused.add((kind, key))
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
        if self.root is None:
            return
        _clear_staging(self.root / _STAGING)
        secret = self._secret() if pending else None
        for kind, key, meta, parts in pending:
            entry = self._entry(kind, key)
            if entry is None or secret is None:
                continue
            if (kind, key) in self._refused:
                _set_aside(self.root / _STAGING, entry)
            if not os.path.lexists(entry):
                _store(self.root / _STAGING, entry, secret, _seal(secret, kind, key, meta, parts), parts)

    def _secret(self, create: bool = True) -> Optional[bytes]:
        """Return this user's secret for the cache (made when missing, with `create`); None when it cannot be trusted."""
        if self._user_secret is None and self.root is not None:
            self._user_secret = _user_secret(self.root, create)
        return self._user_secret

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
            if not kind.is_dir() or kind.name.startswith("."):
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


def _secret_path(root: Path) -> Path:
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return root / f"secret-{user}"


def _user_secret(root: Path, create: bool = True) -> Optional[bytes]:
    """Return the secret this user signs cache entries with, creating it (mode 0600) when missing.

    It is trusted only as a regular file that this user owns and no one else
    can write (a link or a file planted by another user is not), so an entry
    signed with it was stored by one of this user's builds.
    """
    path = _secret_path(root)
    try:
        if not create and not os.path.lexists(path):
            return None
        root.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "w", encoding="ascii") as stream:
                stream.write(secrets.token_hex(32))
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode) or status.st_size > 1024:
                return None
            if hasattr(os, "getuid") and (status.st_uid != os.getuid() or status.st_mode & 0o022):
                return None
            secret = os.read(descriptor, 1024).strip()
        finally:
            os.close(descriptor)
    except OSError:
        return None
    return secret if len(secret) >= 32 else None


def _seal(secret: bytes, kind: str, key: str, meta: Mapping[str, Any], parts: Mapping[str, bytes]) -> dict[str, Any]:
    """Return an entry's manifest: its metadata, each part's sha256, and the HMAC binding them to their kind and key."""
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data in parts.items()}
    return {"meta": dict(meta), "parts": hashes, "mac": _mac(secret, kind, key, meta, hashes)}


def _mac(secret: bytes, kind: str, key: str, meta: Mapping[str, Any], hashes: Mapping[str, str]) -> str:
    signed = json.dumps([FORMAT, kind, key, meta, hashes], ensure_ascii=False, sort_keys=True, default=str)
    return hmac.new(secret, signed.encode("utf-8"), hashlib.sha256).hexdigest()


def _store(staging_root: Path, entry: Path, secret: bytes, manifest: Mapping[str, Any], parts: Mapping[str, bytes]) -> None:
    """Write an entry's parts and manifest into a staging folder of this process, then rename that into place."""
    staging = None
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        staging_root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=staging_root, prefix=f"{os.getpid()}."))
        for name, data in parts.items():
            (staging / name).write_bytes(data)
        (staging / _MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(staging, entry)
        staging = None
    except OSError:  # another process stored the same entry first, or the disk is full: only a later build's time
        pass
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)


def _set_aside(staging_root: Path, entry: Path) -> None:
    """Take an entry that was not trusted out of the way (into staging, then removed), so a good one can take its place."""
    try:
        staging_root.mkdir(parents=True, exist_ok=True)
        aside = Path(tempfile.mkdtemp(dir=staging_root, prefix=f"{os.getpid()}.refused."))
        os.replace(entry, aside / "entry")
        shutil.rmtree(aside, ignore_errors=True)
    except OSError:
        pass  # another user's entry in a shared cache: it stays, and stays a miss


def _clear_staging(staging_root: Path) -> None:
    """Remove staging folders left by writes that were interrupted: their process is gone, or they are old."""
    try:
        names = os.listdir(staging_root)
    except OSError:
        return
    for name in names:
        pid = name.split(".", 1)[0]
        folder = staging_root / name
        try:
            old = time.time() - os.lstat(folder).st_mtime > STAGING_STALE_SECONDS
        except OSError:
            continue
        if old or (pid.isdigit() and int(pid) != os.getpid() and not _running(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _read_entry(entry: Path, kind: str, key: str, secret: bytes) -> Optional[tuple[dict[str, Any], dict[str, bytes]]]:
    """Return an entry's metadata and parts when its manifest has the right shape, its HMAC verifies and its parts hash right."""
    try:
        manifest = json.loads(read_regular(entry / _MANIFEST, MAX_MANIFEST_BYTES).decode("utf-8"))
    except (InputRefused, ValueError):
        return None
    if not isinstance(manifest, dict) or set(manifest) != {"meta", "parts", "mac"}:
        return None
    meta, hashes, mac = manifest["meta"], manifest["parts"], manifest["mac"]
    if not isinstance(meta, dict) or not isinstance(hashes, dict) or not isinstance(mac, str):
        return None
    if not all(isinstance(name, str) and _PART_NAME.fullmatch(name) and isinstance(digest, str) and _HEX.fullmatch(digest)
               for name, digest in hashes.items()):
        return None
    if not hmac.compare_digest(mac, _mac(secret, kind, key, meta, hashes)):
        return None
    parts = {}
    for name, expected in hashes.items():
        try:
            data = read_regular(entry / name, MAX_PART_BYTES)
        except InputRefused:
            return None
        if hashlib.sha256(data).hexdigest() != expected:
            return None
        parts[name] = data
    return meta, parts


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
    package = Path(__file__).resolve().parent.parent  # all of report_gen, not only the pipeline: a change to any writer is a change
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


@dataclass(eq=False)
class FaceAdvanceStore:
    """Font faces measured for the deck's text fitting, kept in the cache by the font file's bytes and the face's index.

    The build hands it to the deck, whose `report_gen.fonts.metrics.Measure` reads and keeps faces in it: reading a CJK face's
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


@dataclass(eq=False)
class PartStore:
    """Parts of a document (a theme's slides) kept in the cache under their own key and the document's `basis`.

    The basis is what every part of the document depends on beyond what its
    own key says (report_gen's code, the templates, the fonts, the choices);
    see `report_gen.deck.slide_cache` for the keys of the parts.
    """

    cache: Cache
    kind: str
    basis: str

    def load(self, key: str) -> Optional[tuple[dict[str, Any], dict[str, bytes]]]:
        """Return the entry kept under `key`, or None."""
        return self.cache.get(self.kind, digest(self.basis, key))

    def keep(self, key: str, meta: dict[str, Any], parts: dict[str, bytes]) -> None:
        """Keep an entry under `key` at the build's commit."""
        self.cache.put(self.kind, digest(self.basis, key), meta, parts)


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
