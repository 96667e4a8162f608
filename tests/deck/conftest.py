"""Fixtures the deck's tests share: the mini and default reports and their decks, built once per module."""

from __future__ import annotations

import io

import pytest
from pptx import Presentation

from report_gen.data.load import load_report
from report_gen.data.model import Report
from report_gen.deck import deck_bytes
from tests import helpers
from tests.helpers import BEIBEI
from tests.helpers.decks import build, charts_for, load, mini_data


@pytest.fixture(scope="module")
def stand_in_png() -> bytes:
    return helpers.stand_in_png(220, 124, 30)


@pytest.fixture(scope="module")
def mini() -> Report:
    return load(mini_data())


@pytest.fixture(scope="module")
def mini_pptx(mini, stand_in_png) -> bytes:
    return deck_bytes(mini, charts_for(mini, stand_in_png), length="full")


@pytest.fixture(scope="module")
def prs(mini_pptx):
    return Presentation(io.BytesIO(mini_pptx))


@pytest.fixture(scope="module")
def mini_native_pptx(mini) -> bytes:
    return deck_bytes(mini, {}, chart_mode="native", length="full")


@pytest.fixture(scope="module")
def beibei() -> Report:
    return load_report(BEIBEI)


@pytest.fixture(scope="module")
def beibei_prs(beibei, stand_in_png):
    return build(beibei, stand_in_png)


@pytest.fixture(scope="module")
def native(beibei):
    return Presentation(io.BytesIO(deck_bytes(beibei, {}, chart_mode="native", length="full")))
