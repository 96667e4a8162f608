"""Shared paths and fixtures for the suite."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini.yaml"
BEIBEI = ROOT / "data" / "beibei.yaml"
SEEDS = ROOT.parent / "shared" / "seeds"
"""The source articles; present in the project's workspace and CI, absent in a user's clone."""


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"source articles not present at {SEEDS}")
    return SEEDS
