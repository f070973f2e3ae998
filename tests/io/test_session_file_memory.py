"""Reading sessions with bounded memory: the JSON size cap and the container's sizes.

Readable JSON is parsed by the standard library, so what a JSON file may
cost is bounded by :data:`~lossgui.io.session_file.MAX_SESSION_BYTES`;
binary containers are bounded by what their members declare, checked before
anything is allocated.
"""

from __future__ import annotations

import json
import math
import tracemalloc
import zipfile

import numpy as np
import pytest

from lossgui.io import session_file
from lossgui.io.errors import FileFormatError
from lossgui.io.session_file import documents_equal, read_session, write_session
from lossgui.session import new_document, startup_document


def _peak(action):
    tracemalloc.start()
    try:
        result = action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


def _base(**tensors):
    return {
        "format": "lossgui-session",
        "version": 1,
        "loss": "BCEWithLogitsLoss",
        "tensors": tensors or {"input": [0.5, 0.5, 0.5], "target": [1.0, 0.0, 0.0]},
    }


def _million(doc):
    doc.resize(1_000_000, 1)
    rng = np.random.default_rng(0)
    values = rng.normal(size=doc.tensors["input"].shape)
    values[::1000] = np.nan
    values[1::1000] = -np.inf
    doc.tensors["input"][...] = values
    return doc


@pytest.mark.parametrize("suffix", [".json", ".lossgui"])
def test_million_element_session_loads_exactly(tmp_path, suffix):
    doc = _million(startup_document())
    path = tmp_path / f"big{suffix}"
    write_session(path, doc)
    loaded = read_session(path)
    assert documents_equal(loaded.document, doc)
    got = loaded.document.tensors["input"]
    assert got.tobytes() == doc.tensors["input"].tobytes()  # bit-exact


def test_million_element_container_loads_lean(tmp_path):
    doc = _million(startup_document())
    path = tmp_path / "big.lossgui"
    write_session(path, doc)
    arrays = sum(a.nbytes for a in (*doc.tensors.values(), *doc.tensor_params.values()))
    loaded, peak = _peak(lambda: read_session(path))
    assert documents_equal(loaded.document, doc)
    # the document's float64 arrays plus one member read at a time
    assert peak < arrays + 16 * 2**20, peak / 2**20


def test_oversized_json_is_refused_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "claim.json"
    path.write_text(
        json.dumps(_base()).replace("0.5, 0.5, 0.5", ", ".join(["0.5"] * 200_000))
    )
    monkeypatch.setattr(session_file, "MAX_SESSION_BYTES", 1000)

    def refuse():
        with pytest.raises(FileFormatError) as info:
            read_session(path)
        return str(info.value)

    message, peak = _peak(refuse)
    assert "JSON sessions are limited to" in message
    assert ".lossgui" in message
    assert peak < path.stat().st_size  # not even read


def test_a_huge_declared_member_is_refused_without_allocating(tmp_path):
    doc = new_document("MSELoss")
    path = tmp_path / "claim.lossgui"
    write_session(path, doc)
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        members = {n: archive.read(n) for n in archive.namelist()}
    manifest["tensors"]["input"]["shape"] = [10_000_000, 5]
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)

    def refuse():
        with pytest.raises(FileFormatError) as info:
            read_session(path)
        return str(info.value)

    message, peak = _peak(refuse)
    assert "manifest declares (10000000, 5)" in message
    assert peak < 4 * 2**20, peak / 2**20


def test_deep_nesting_is_refused_cheaply(tmp_path):
    depth = 10**5
    path = tmp_path / "deep.json"
    path.write_text(
        json.dumps(_base())[:-1] + ', "extra": ' + "[" * depth + "]" * depth + "}"
    )
    with pytest.raises(FileFormatError, match="nested too deeply"):
        read_session(path)


@pytest.mark.parametrize("suffix", [".json", ".lossgui"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_float_values_round_trip_bit_exactly(tmp_path, suffix, dtype):
    doc = new_document("MSELoss")
    doc.resize(40, 3)
    doc.set_setting("dtype", dtype)
    tricky = [5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, -0.0]
    values = np.resize(
        np.array([*tricky, math.nan, math.inf]), doc.tensors["input"].shape
    )
    doc.tensors["input"][...] = values
    path = tmp_path / f"exact{suffix}"
    write_session(path, doc)
    got = read_session(path).document.tensors["input"]
    assert got.tobytes() == doc.tensors["input"].tobytes()
