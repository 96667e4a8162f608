"""The cache trusts nothing it reads: bad manifests, special files and planted entries are misses; interrupted writes are cleared.

Entries are stored and read through `Cache` directly, then tampered with on
disk as someone who can write a shared cache folder could.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import threading

import pytest

from report_gen.pipeline.cache import Cache

PNG_A, PNG_B = b"\x89PNG chart a", b"\x89PNG chart b"
KEY_A, KEY_B = "a" * 64, "b" * 64


@pytest.fixture
def cache(tmp_path) -> Cache:
    stored = Cache(tmp_path / "cache")
    stored.put("charts", KEY_A, {"id": "a"}, {"png": PNG_A})
    stored.put("charts", KEY_B, {"id": "b"}, {"png": PNG_B})
    stored.commit()
    return stored


def entry(cache: Cache, key: str):
    return cache.root / "charts" / key[:2] / key


def test_an_entry_reads_back_as_stored(cache):
    assert Cache(cache.root).get("charts", KEY_A) == ({"id": "a"}, {"png": PNG_A})


@pytest.mark.parametrize("manifest", [
    [], {"meta": {}, "parts": {}}, {"meta": 1, "parts": {}, "mac": ""}, {"meta": {}, "parts": [], "mac": ""},
    {"meta": {}, "parts": {"../../secret-0": "0" * 64}, "mac": "0"}, {"meta": {}, "parts": {"png": "not a hash"}, "mac": "0"},
    "a string",
])
def test_a_manifest_of_the_wrong_shape_is_a_miss_not_a_crash(cache, manifest):
    (entry(cache, KEY_A) / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    fresh = Cache(cache.root)
    assert fresh.get("charts", KEY_A) is None
    assert fresh.misses == {"charts": 1}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
@pytest.mark.parametrize("name", ["manifest.json", "png"])
def test_a_fifo_in_an_entry_is_a_miss_at_once(cache, name):
    path = entry(cache, KEY_A) / name
    path.unlink()
    os.mkfifo(path)
    found = []
    reader = threading.Thread(target=lambda: found.append(Cache(cache.root).get("charts", KEY_A)), daemon=True)
    reader.start()
    reader.join(10)
    assert not reader.is_alive(), "reading the cache waited on a FIFO"
    assert found == [None]


def test_a_planted_entry_with_its_hashes_updated_is_not_used(cache):
    folder = entry(cache, KEY_A)
    (folder / "png").write_bytes(PNG_B)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["parts"]["png"] = hashlib.sha256(PNG_B).hexdigest()
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert Cache(cache.root).get("charts", KEY_A) is None


def test_another_key_s_whole_entry_copied_in_is_not_used(cache):
    shutil.rmtree(entry(cache, KEY_A))
    shutil.copytree(entry(cache, KEY_B), entry(cache, KEY_A))
    assert Cache(cache.root).get("charts", KEY_A) is None


def test_an_entry_not_trusted_is_replaced_by_the_next_build_s_own(cache):
    (entry(cache, KEY_A) / "png").write_bytes(PNG_B)
    second = Cache(cache.root)
    assert second.get("charts", KEY_A) is None
    second.put("charts", KEY_A, {"id": "a"}, {"png": PNG_A})
    second.commit()
    assert Cache(cache.root).get("charts", KEY_A) == ({"id": "a"}, {"png": PNG_A})


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX owners and modes")
def test_the_secret_is_private_and_one_others_can_write_is_not_trusted(cache):
    secret = next(cache.root.glob("secret-*"))
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    secret.chmod(0o666)
    assert Cache(cache.root).get("charts", KEY_A) is None
    secret.chmod(0o600)
    assert Cache(cache.root).get("charts", KEY_A) is not None


def test_entries_signed_with_another_secret_are_misses(cache):
    next(cache.root.glob("secret-*")).unlink()
    assert Cache(cache.root).get("charts", KEY_A) is None


def test_staging_folders_of_an_interrupted_write_are_cleared_by_the_next_commit(cache):
    gone = int(subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout)
    staging = cache.root / ".staging"
    (staging / f"{gone}.abcdefgh").mkdir(parents=True)
    (staging / f"{gone}.abcdefgh" / "png").write_bytes(b"half a chart")
    (staging / f"{os.getpid()}.running").mkdir()
    later = Cache(cache.root)
    later.put("charts", "c" * 64, {"id": "c"}, {"png": b"c"})
    later.commit()
    assert sorted(path.name for path in staging.iterdir()) == [f"{os.getpid()}.running"]
