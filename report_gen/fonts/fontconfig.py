"""fontconfig, asked in one place: which fonts are installed, which file draws a name, what stands in for a missing one.

Every answer about this machine's fonts that comes from `fc-list` or
`fc-match` comes through here. Where fontconfig is not installed (Windows,
some macOS set-ups) each function says "don't know" (an empty answer or
None) and callers fall back to matplotlib's own font list.

The machine's fonts are read once per process and kept in the caches named
in MACHINE_CACHES: a font installed while report_gen runs is not seen
until `forget_machine_fonts()` is called.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

TIMEOUT = 60
"""Seconds an fc-list or fc-match call may take."""

SYSTEM_CONFIG = "/etc/fonts/fonts.conf"
"""The system's fontconfig file, which a private configuration includes before its own rules."""


@dataclass(frozen=True)
class FaceFile:
    """A face of a font file: the file and the face's index in a collection (.ttc, .otc)."""

    path: Path
    index: int = 0


def available() -> bool:
    """Tell whether fontconfig's tools are installed and its system configuration exists."""
    return shutil.which("fc-match") is not None and Path(SYSTEM_CONFIG).is_file()


def environment(config: Optional[Path], base: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Return an environment that makes fontconfig read `config` (the environment as it is when None)."""
    env = dict(base)
    if config is not None:
        env["FONTCONFIG_FILE"] = str(config)
    return env


def _run(tool: str, *arguments: str, env: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """Run fc-list or fc-match; return what it printed, or None when it is not installed or fails to run."""
    program = shutil.which(tool)
    if program is None:
        return None
    try:
        return subprocess.run(
            [program, *arguments], capture_output=True, text=True, timeout=TIMEOUT, check=False, env=env
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


@functools.lru_cache(maxsize=None)
def match_face(family: str, bold: bool = False) -> Optional[FaceFile]:
    """Return the face fontconfig draws a family with (its best match, which may be a substitute); None without fontconfig."""
    found = _run("fc-match", "-f", "%{file}\t%{index}", f"{family}:bold" if bold else family)
    file, _, index = (found or "").partition("\t")
    if file and Path(file).is_file():
        return FaceFile(Path(file), int(index or 0))
    return None


@functools.lru_cache(maxsize=1)
def installed_families() -> frozenset[str]:
    """Return the installed family names, case-folded; empty without fontconfig."""
    listing = _run("fc-list", ":", "family") or ""
    families: set[str] = set()
    for line in listing.splitlines():
        families.update(part.strip().casefold() for part in line.split(",") if part.strip())
    return frozenset(families)


@functools.lru_cache(maxsize=1)
def chinese_faces() -> tuple[tuple[str, Path], ...]:
    """Return (family, file) for every face that covers Chinese, regular weights first; empty without fontconfig."""
    listing = _run("fc-list", "-f", "%{file}\t%{family}\t%{weight}\n", ":lang=zh") or ""
    found = []
    for line in listing.splitlines():
        file, _, rest = line.partition("\t")
        families, _, weight = rest.partition("\t")
        # fontconfig's regular weight is 80; a bold file of the family must not win over the regular one.
        off_regular = abs(float(weight) - 80) if re.fullmatch(r"\d+(\.\d+)?", weight.strip()) else 0.0
        for family in families.split(","):
            if family.strip():
                found.append((off_regular, family.strip(), Path(file.strip())))
    found.sort(key=lambda item: item[0])
    return tuple((family, path) for _, family, path in found)


def substitute(name: str, config: Optional[Path] = None) -> Optional[str]:
    """Return the family fontconfig draws `name` with for Simplified Chinese text, under `config` if given; None without fontconfig."""
    found = _run("fc-match", "-f", "%{family[0]}", f"{name}:lang=zh-cn", env=environment(config))
    return (found or "").strip() or None


MACHINE_CACHES = (match_face, installed_families, chinese_faces)
"""The caches over this machine's fonts, read once per process."""


def forget_machine_fonts() -> None:
    """Clear MACHINE_CACHES, so the next question reads the machine's fonts again."""
    for cache in MACHINE_CACHES:
        cache.cache_clear()
