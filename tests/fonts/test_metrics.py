"""The fonts' real advance widths, read from the files a renderer draws a typeface with."""

from __future__ import annotations

import pytest

from report_gen.fonts import metrics
from report_gen.fonts.metrics import Measure, locate, pack_advances, unpack_advances


@pytest.fixture(scope="module")
def measure() -> Measure:
    return Measure("Arial", "微软雅黑")


def test_measure_reads_the_fonts_advances(measure):
    assert measure.advance("国") == 1.0
    assert measure.advance("，") == 1.0
    assert 0.5 < measure.advance("1") < 0.6, "Arial's (or a metric twin's) digits"
    assert measure.advance("W", bold=True) > measure.advance("i", bold=True)


def test_a_chinese_typeface_not_installed_is_measured_with_the_charts_cjk_font():
    assert Measure("Arial", "No Such 字体 Here").advance("国") == 1.0


# --- measured faces kept between runs --------------------------------------------------------


class DictStore:
    """A store in memory, as the build's cache would keep faces."""

    def __init__(self):
        self.kept: dict = {}
        self.loads = 0

    def load(self, face):
        self.loads += 1
        return self.kept.get(face)

    def keep(self, face, data):
        self.kept[face] = data


def test_packed_advances_read_back_and_damaged_bytes_read_as_nothing():
    advances = {ord("国"): 1.0, ord("1"): 0.556, 0x20000: 1.0}
    packed = pack_advances(advances)
    assert unpack_advances(packed) == advances
    assert unpack_advances(packed[:-1]) is None
    assert unpack_advances(b"") is None
    assert unpack_advances(b"\xff\xff\xff\xff") is None


def test_a_face_measured_once_is_kept_and_a_kept_face_is_not_read_from_its_file(monkeypatch):
    face = locate("Noto Sans CJK SC", False)
    if face is None:
        pytest.skip("needs fontconfig and the Noto CJK fonts")
    store = DictStore()
    measured = metrics.Face(face, store)
    assert store.kept[face] == pack_advances(measured._advances)
    store.kept[face] = pack_advances({ord("国"): 0.75})
    monkeypatch.setattr(metrics, "_read_advances", lambda face: pytest.fail("read the file although the face was kept"))
    kept = metrics.Face(face, store)
    assert kept.advance("国") == 0.75 and kept.advance("a") is None
    store.kept[face] = b"damaged"
    monkeypatch.undo()
    assert metrics.Face(face, store).advance("国") == measured.advance("国"), "damaged bytes are measured again"
    assert metrics.Face(face).advance("国") == measured.advance("国"), "without a store the file is read"
