"""Reading sessions with bounded memory: numeric arrays never become Python floats."""

from __future__ import annotations

import json
import math
import tracemalloc

import numpy as np
import pytest

from lossgui.io.errors import FileFormatError
from lossgui.io.json_blocks import MAX_PLAIN_VALUES, NumericBlock, parse_json
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


def test_million_element_session_loads_lean_and_exact(tmp_path):
    doc = startup_document()
    doc.resize(1_000_000, 1)
    rng = np.random.default_rng(0)
    values = rng.normal(size=doc.tensors["input"].shape)
    values[::1000] = np.nan
    values[1::1000] = -np.inf
    doc.tensors["input"][...] = values
    path = tmp_path / "big.json"
    write_session(path, doc)
    size = path.stat().st_size
    loaded, peak = _peak(lambda: read_session(path))
    assert documents_equal(loaded.document, doc)
    got = loaded.document.tensors["input"]
    assert got.tobytes() == doc.tensors["input"].tobytes()  # bit-exact
    # text once + the arrays (8 bytes a number) + pieces; lists of Python
    # floats would need about 6x the text.
    assert peak < size + 40 * 2**20, peak / 2**20


def test_ten_million_claim_is_refused_without_python_floats(tmp_path):
    text = json.dumps(_base()).replace(
        "[0.5, 0.5, 0.5]", "[" + "0.5," * (10**7 - 1) + "0.5]", 1
    )
    path = tmp_path / "claim.json"
    path.write_text(text)
    del text

    def refuse():
        try:
            read_session(path)
        except FileFormatError as exc:
            return str(exc)
        return None

    message, peak = _peak(refuse)
    assert message and "'target' has shape (3,)" in message
    assert "must have shape (10000000,)" in message
    # 40 MB of text + 80 MB of float64; Python floats would take 500+ MiB.
    assert peak < 160 * 2**20, peak / 2**20


def test_many_keys_are_refused_early(tmp_path):
    keys = "{" + ", ".join(f'"k{i}": {i}' for i in range(2 * MAX_PLAIN_VALUES)) + "}"
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(_base())[:-1] + ', "example": ' + keys + "}")

    def refuse():
        with pytest.raises(FileFormatError) as info:
            read_session(path)
        return str(info.value)

    message, peak = _peak(refuse)
    assert "100,000 JSON values" in message
    assert peak < 64 * 2**20, peak / 2**20


def test_deep_nesting_is_refused_cheaply(tmp_path):
    depth = 10**5
    path = tmp_path / "deep.json"
    path.write_text(
        json.dumps(_base())[:-1] + ', "extra": ' + "[" * depth + "]" * depth + "}"
    )
    with pytest.raises(FileFormatError, match="nested too deeply"):
        read_session(path)


@pytest.mark.parametrize(
    ("text", "shape"),
    [
        ('[1, 2.5, "nan", "-inf", NaN, -Infinity]', (6,)),
        ("[[1, 2], [3, 4], [5, 6]]", (3, 2)),
        ("[[1, 2], [3]]", (2, 2)),
        ("[ ]", (0,)),
        ("[[]]", (1, 0)),
    ],
)
def test_numeric_arrays_become_blocks(text, shape):
    block = parse_json(text)
    assert isinstance(block, NumericBlock)
    assert block.shape == shape
    assert block.to_list() == json.loads(text) or "NaN" in text


@pytest.mark.parametrize(
    "text",
    ["[1,,2]", "[1,]", "[[1],]", "[[1], [[2]]]", '[1, "a]"]', "[[1]] 2", "[01]"],
)
def test_invalid_or_deeper_arrays_match_the_standard_parser(text):
    try:
        expected = json.loads(text)
    except json.JSONDecodeError:
        with pytest.raises(json.JSONDecodeError):
            parse_json(text)
        return
    got = parse_json(text)

    def plainer(node):
        if isinstance(node, NumericBlock):
            return node.to_list()
        if isinstance(node, list):
            return [plainer(x) for x in node]
        return node

    assert plainer(got) == expected


def test_float_values_round_trip_bit_exactly(tmp_path):
    doc = new_document("MSELoss")
    doc.resize(40, 3)
    tricky = [5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 0.1, -0.0]
    values = np.resize(
        np.array([*tricky, math.nan, math.inf]), doc.tensors["input"].shape
    )
    doc.tensors["input"][...] = values
    path = tmp_path / "exact.json"
    write_session(path, doc)
    got = read_session(path).document.tensors["input"]
    assert got.tobytes() == doc.tensors["input"].tobytes()
